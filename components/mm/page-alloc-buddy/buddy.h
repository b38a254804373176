/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Binary buddy allocator core (private to page-alloc-buddy).
 *
 * Pure code: no kernel services, no panics. It manages one zone, a run of
 * contiguous pages given by its (direct-mapped) virtual address, using
 * metadata memory the caller provides. Misuse is reported by return value;
 * the kernel glue (buddy_setup.c) turns it into a panic.
 *
 * Blocks are aligned to their size in absolute terms: a block of order k
 * starts at an address that is a multiple of PAGE_SIZE << k, so the buddy of
 * the block at pfn is at pfn ^ (1 << k). A zone whose ends are not so aligned
 * is simply cut into smaller blocks there; two blocks only ever merge when
 * both lie inside the zone.
 */
#ifndef BUDDY_H
#define BUDDY_H

#include <tessera/list.h>
#include <tessera/page.h>
#include <tessera/types.h>

struct free_area {
	struct list_head free_list;   /* free blocks, through their heads' links[] */
	unsigned long nr_free;        /* blocks on free_list */
};

/*
 * page_info[i] describes page i of the zone. It is non-zero only for the
 * first page of a block ("head"): PAGE_INFO_FREE or PAGE_INFO_ALLOC ored with
 * the block's order. Pages inside a block ("tails") hold 0, so a pointer into
 * the middle of a block is never taken for a block.
 *
 * links[i] is the free-list node of page i, meaningful only while page i is
 * the head of a free block. The lists live in this metadata, not in the free
 * memory itself: the allocator never reads or writes the pages it manages,
 * so pages nobody has used stay untouched (under a hypervisor or emulator,
 * the first touch of a page is what costs; a boot that linked every free
 * block through its first bytes would touch RAM all over).
 */
#define PAGE_INFO_FREE   0x80
#define PAGE_INFO_ALLOC  0x40
#define PAGE_INFO_ORDER  0x0f

struct buddy_zone {
	unsigned long base;           /* virtual address of page 0 */
	unsigned long base_pfn;       /* base >> PAGE_SHIFT */
	unsigned long nr_pages;       /* pages managed */
	unsigned long nr_free;        /* pages currently free */
	struct list_head *links;      /* nr_pages nodes */
	u8 *page_info;                /* nr_pages bytes, after links */
	struct free_area free_area[MAX_ORDER + 1];
};

/*
 * Bytes of metadata (links, then page_info) a zone of nr_pages needs; the
 * memory must be aligned for a pointer.
 */
static inline unsigned long buddy_meta_size(unsigned long nr_pages)
{
	return nr_pages * (sizeof(struct list_head) + 1);
}

/*
 * Set up @zone over @nr_pages pages at @base (page aligned), all free.
 * @meta must hold buddy_meta_size(nr_pages) bytes, pointer aligned; only
 * its page_info part is written here, and the pages at @base not at all.
 * Returns 0 or -EINVAL. O(nr_pages / 2^MAX_ORDER) list operations plus
 * clearing nr_pages bytes.
 */
int buddy_zone_init(struct buddy_zone *zone, void *base, unsigned long nr_pages,
		    void *meta);

/* A block of 2^order pages, or NULL when none is free (or order > MAX_ORDER). */
void *buddy_zone_alloc(struct buddy_zone *zone, unsigned int order);

/*
 * Free the block of 2^order pages at @addr. Returns 0, or:
 *   -EFAULT  @addr does not lie in the zone
 *   -EINVAL  @addr is not page aligned, or is not the start of a block
 *   -ENOENT  the block is already free (double free), also when it has
 *            since merged into a larger free block
 *   -ERANGE  the block was allocated with another order
 */
int buddy_zone_free(struct buddy_zone *zone, void *addr, unsigned int order);

static inline bool buddy_zone_contains(const struct buddy_zone *zone, const void *addr)
{
	unsigned long a = (unsigned long)addr;

	return a >= zone->base && (a - zone->base) >> PAGE_SHIFT < zone->nr_pages;
}

#endif
