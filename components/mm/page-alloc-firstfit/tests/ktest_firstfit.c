// SPDX-License-Identifier: Apache-2.0
/*
 * In-kernel tests of what is particular to page-alloc-firstfit: one area
 * (the largest usable region), the next-fit hint, and a bitmap that does not
 * remember block sizes. What every page_alloc provider promises (orders,
 * alignment, accounting, exhaustion, merging) is tested against whichever
 * provider the product chose by page-alloc-conformance. Every case gives
 * back all it takes.
 */
#include <interfaces/arch.h>
#include <interfaces/ktest.h>
#include <interfaces/memblock.h>
#include <interfaces/page_alloc.h>

#include "firstfit.h"

/*
 * Only the largest free range of boot memory is managed (unlike buddy,
 * which makes a zone of each), less the bitmap pages at its start. This
 * suite runs before those of the components using page_alloc (suites run
 * in component order, a provider before its users) and nothing allocates
 * pages at boot, so all of it is free, but for the page-table pages the
 * architecture's suite may have needed (they stay for later mappings).
 */
static void firstfit_manages_largest_region(struct ktest *t)
{
	unsigned long largest = 0, first, end, nr_pages;
	phys_addr_t s, e;
	u64 cursor;

	for_each_free_mem_range(cursor, s, e) {
		first = PFN_UP(s);                 /* its whole pages: [first, end) */
		end = PFN_DOWN(e);
		if (end > first && end - first > largest)
			largest = end - first;
	}
	nr_pages = totalram_pages();
	KTEST_EXPECT(t, nr_pages > 0);
	KTEST_EXPECT_EQ(t, nr_pages + PFN_UP(firstfit_bitmap_size(largest)), largest);
	/* Free but for the page tables earlier suites made (arch: ioremap). */
	KTEST_EXPECT(t, nr_free_pages() <= nr_pages);
	KTEST_EXPECT(t, nr_free_pages() + 16 >= nr_pages);
}

/*
 * Next fit: a scan starts just past the last allocation, and a free below
 * it moves it back, so freed memory is reused before memory never used.
 * (Nothing else allocates while a case runs, and this suite runs with
 * nearly all memory free: the block below is not at the end of the area,
 * where the hint would wrap to 0.)
 */
static void firstfit_hint_moves_back_on_free(struct ktest *t)
{
	unsigned long start = nr_free_pages();
	char *block, *a, *b, *c, *p;

	block = alloc_pages(2);
	KTEST_ASSERT(t, block != NULL);
	free_pages(block, 2);                  /* the hint is back at the block */
	a = alloc_pages(0);
	b = alloc_pages(0);
	c = alloc_pages(0);
	KTEST_EXPECT(t, a == block);
	KTEST_EXPECT(t, b == block + PAGE_SIZE);
	KTEST_EXPECT(t, c == block + 2 * PAGE_SIZE);
	if (b)
		free_pages(b, 0);
	p = alloc_pages(0);
	/* b again, not the free page after c that the hint pointed at. */
	KTEST_EXPECT(t, p == b);
	if (p)
		free_pages(p, 0);
	if (a)
		free_pages(a, 0);
	if (c)
		free_pages(c, 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), start);
}

/*
 * The bitmap does not remember block sizes: a block may be given back in
 * parts (the buddy allocator panics on that), and the parts make the block
 * again.
 */
static void firstfit_frees_part_of_a_block(struct ktest *t)
{
	unsigned long start = nr_free_pages();
	char *block, *p;

	block = alloc_pages(2);
	KTEST_ASSERT(t, block != NULL);
	free_pages(block + 2 * PAGE_SIZE, 1);
	KTEST_EXPECT_EQ(t, nr_free_pages(), start - 2);
	free_pages(block + PAGE_SIZE, 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), start - 1);
	free_pages(block, 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), start);
	p = alloc_pages(2);
	KTEST_EXPECT(t, p == block);           /* the hint moved back to it */
	if (p)
		free_pages(p, 2);
	KTEST_EXPECT_EQ(t, nr_free_pages(), start);
}

KTEST_SUITE(firstfit,
	KTEST_CASE(firstfit_manages_largest_region),
	KTEST_CASE(firstfit_hint_moves_back_on_free),
	KTEST_CASE(firstfit_frees_part_of_a_block),
);
