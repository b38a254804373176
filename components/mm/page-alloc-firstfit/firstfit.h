/* SPDX-License-Identifier: Apache-2.0 */
/*
 * First-fit bitmap page allocator core (private to page-alloc-firstfit).
 *
 * One bit per page of one contiguous region, set while the page is
 * allocated. A block of 2^order pages is aligned to its size (in address
 * terms, like the buddy allocator's blocks); the scan is first fit starting
 * from a hint and wrapping once. The hint is just past the last allocation
 * (next fit: a run of allocations does not rescan what it took), and moves
 * back to a block freed below it, so freed memory is reused before memory
 * never used (which, under a hypervisor or emulator, costs a fault on first
 * touch). Pure code: misuse is reported by return value, the glue panics.
 *
 * Unlike the buddy allocator, the bitmap does not remember block sizes, so
 * freeing part of a block is accepted; freeing a page that is not allocated
 * (double free) is not.
 */
#ifndef FIRSTFIT_H
#define FIRSTFIT_H

#include <tessera/bitmap.h>
#include <tessera/page.h>
#include <tessera/types.h>

struct firstfit_area {
	unsigned long base;        /* virtual address of page 0, page aligned */
	unsigned long nr_pages;
	unsigned long nr_free;
	unsigned long hint;        /* page index where the next scan starts */
	unsigned long *bitmap;     /* BITS_TO_LONGS(nr_pages) words; 1 = allocated */
};

static inline unsigned long firstfit_bitmap_size(unsigned long nr_pages)
{
	return BITS_TO_LONGS(nr_pages) * sizeof(unsigned long);
}

/* All pages free. Returns 0 or -EINVAL (unaligned base). */
int firstfit_area_init(struct firstfit_area *area, void *base,
		       unsigned long nr_pages, unsigned long *bitmap);

/* 2^order contiguous pages aligned to their size, or NULL. */
void *firstfit_area_alloc(struct firstfit_area *area, unsigned int order);

/*
 * Returns 0, -EFAULT (outside the area), -EINVAL (unaligned for the order)
 * or -ENOENT (some page of the block is not allocated: double free).
 */
int firstfit_area_free(struct firstfit_area *area, void *addr, unsigned int order);

#endif
