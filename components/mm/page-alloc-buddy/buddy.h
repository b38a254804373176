/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Binary buddy allocator core (private to page-alloc-buddy), over struct
 * page as Linux's mm/page_alloc.c: each zone's free_area[order] lists the
 * first pages of its free blocks through page->lru; such a page carries
 * PG_buddy and its block's order in page->private. An allocated block's
 * first page has a reference count of 1 and its order in the flags
 * (page_alloc_order()); every other page of a block, free or allocated,
 * has a count of 0 and no PG_buddy.
 *
 * Pure code: no kernel services, no panics, so the host test compiles it
 * natively on its own struct pglist_data. Misuse is reported by return
 * value (PAGE_BAD_* of page.h); the kernel glue (buddy_setup.c) turns it
 * into a bad_page() report before anything is changed.
 *
 * Blocks are aligned to their size in pfn terms: the buddy of the block of
 * order k at pfn is at pfn ^ (1 << k). A zone whose ends are not so aligned
 * is cut into smaller blocks there; two blocks only ever merge when both
 * lie inside the zone. The allocator never reads or writes the pages it
 * manages, only their descriptors: pages nobody has used stay untouched
 * (under an emulator the first touch of a page is what costs).
 */
#ifndef BUDDY_H
#define BUDDY_H

#include <tessera/list.h>
#include <tessera/page.h>
#include <tessera/types.h>

/* Empty free lists; the zone's span and pgdat are already set. */
void buddy_zone_init(struct zone *zone);

/*
 * Hand the pages [start_pfn, end_pfn) of @zone, reserved until now, to the
 * allocator: PG_reserved cleared, count 0, managed and free. Returns the
 * number of pages. The range must lie in the zone.
 */
unsigned long buddy_release_range(struct zone *zone, unsigned long start_pfn,
				  unsigned long end_pfn);

/* A block of 2^order pages from @zone (count 1), or NULL. */
struct page *buddy_rmqueue(struct zone *zone, unsigned int order);

/*
 * May @page be given back as a block of 2^order pages? 0, or PAGE_BAD_*:
 * reserved, already free (double free: it lies in a free block, which also
 * covers the upper half of a pair that merged), not the first page of an
 * allocated block, or another order. Changes nothing.
 */
int buddy_check_free(const struct zone *zone, const struct page *page, unsigned int order);

/* True if @page lies in a free block of @zone. */
bool buddy_page_is_free(const struct zone *zone, const struct page *page);

/* Give back a block whose count has dropped to 0, merging with its buddies. */
void buddy_free_one(struct zone *zone, struct page *page, unsigned int order);

#endif
