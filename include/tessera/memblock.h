/* SPDX-License-Identifier: Apache-2.0 */
/*
 * DOC: boot memory (memblock)
 *
 * One owner of physical memory from the first C function until the page
 * allocator runs, as Linux's mm/memblock.c. The architecture reports what it
 * learned from the loader: every RAM range with memblock_add() and whatever
 * must not be handed out (the kernel image, the device tree, an initramfs,
 * firmware) with memblock_reserve(). Early code that needs memory before the
 * page allocator exists (page tables, the struct page array) takes it with
 * memblock_phys_alloc(). The page allocator then walks the free ranges
 * (memory minus reserved) with memblock_next_free_range(), takes them all,
 * and calls memblock_handover(): from then on memblock only answers
 * questions, and an allocation from it is a bug it reports.
 *
 * Ranges are [base, base + size) in physical addresses; both lists are kept
 * sorted and merged.
 */
#ifndef TESSERA_MEMBLOCK_H
#define TESSERA_MEMBLOCK_H

#include <tessera/types.h>

/* Per list; the QEMU machines need a handful, firmware tables a few more. */
#define MEMBLOCK_MAX_REGIONS 128

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
};

struct memblock_type {
	unsigned int cnt;
	struct memblock_region regions[MEMBLOCK_MAX_REGIONS];
};

struct memblock {
	struct memblock_type memory;
	struct memblock_type reserved;
	/* Allocations stay below this address (what early code can reach). */
	phys_addr_t current_limit;
	bool handed_over;
};

/* The core, on any struct memblock (host tests make their own). */
void memblock_init_state(struct memblock *mb);
int __memblock_add(struct memblock *mb, phys_addr_t base, phys_addr_t size);
int __memblock_reserve(struct memblock *mb, phys_addr_t base, phys_addr_t size);
int __memblock_remove_range(struct memblock_type *type, phys_addr_t base, phys_addr_t size);
phys_addr_t __memblock_alloc(struct memblock *mb, phys_addr_t size, phys_addr_t align);
bool __memblock_next_free(const struct memblock *mb, u64 *cursor, phys_addr_t *start,
			  phys_addr_t *end);
bool __memblock_contains(const struct memblock_type *type, phys_addr_t addr);
phys_addr_t __memblock_total(const struct memblock_type *type);

/*
 * for_each_free_mem_range(cursor, start, end): every maximal range of RAM not
 * reserved, lowest first. @cursor is a u64 the loop owns.
 */
#define for_each_free_mem_range(cursor, start, end)                       \
	for ((cursor) = 0; memblock_next_free_range(&(cursor), &(start), &(end));)

#endif
