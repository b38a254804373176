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
 * Only the largest free range of memblock is managed (unlike buddy, which
 * takes every one), less the bitmap pages at its start; the mem_map and the
 * early page tables were taken from memblock before, so they are not in
 * the range. This suite runs before those of the components using
 * page_alloc (suites run in component order, a provider before its users),
 * but the architecture's page tables come from the page allocator once it
 * runs (ioremap; the arch's own ktests run first) and stay: all of it is
 * free but those few pages.
 */
static void firstfit_manages_largest_region(struct ktest *t)
{
	unsigned long largest = 0, first, end, nr_pages;
	phys_addr_t s, e;
	u64 cursor;

	for_each_free_mem_range(cursor, s, e) {
		first = PFN_UP(s);           /* its whole pages: [first, end) */
		end = PFN_DOWN(e);
		if (end > first && end - first > largest)
			largest = end - first;
	}
	nr_pages = totalram_pages();
	KTEST_EXPECT(t, nr_pages > 0);
	KTEST_EXPECT(t, nr_pages + PFN_UP(firstfit_bitmap_size(largest)) >= largest);
	KTEST_EXPECT(t, nr_pages <= largest);
	KTEST_EXPECT(t, nr_free_pages() <= nr_pages && nr_free_pages() + 16 >= nr_pages);
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

	block = (char *)__get_free_pages(GFP_KERNEL, 2);
	KTEST_ASSERT(t, block != NULL);
	free_pages((unsigned long)block, 2); /* the hint is back at the block */
	a = (char *)__get_free_pages(GFP_KERNEL, 0);
	b = (char *)__get_free_pages(GFP_KERNEL, 0);
	c = (char *)__get_free_pages(GFP_KERNEL, 0);
	KTEST_EXPECT(t, a == block);
	KTEST_EXPECT(t, b == block + PAGE_SIZE);
	KTEST_EXPECT(t, c == block + 2 * PAGE_SIZE);
	if (b)
		free_pages((unsigned long)b, 0);
	p = (char *)__get_free_pages(GFP_KERNEL, 0);
	/* b again, not the free page after c that the hint pointed at. */
	KTEST_EXPECT(t, p == b);
	if (p)
		free_pages((unsigned long)p, 0);
	if (a)
		free_pages((unsigned long)a, 0);
	if (c)
		free_pages((unsigned long)c, 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), start);
}

/*
 * Each block handed out is named by its first struct page: count 1, its
 * order recorded, the other pages 0, and the same page comes back through
 * page_address()/virt_to_page().
 */
static void firstfit_block_descriptors(struct ktest *t)
{
	unsigned long start = nr_free_pages();
	struct page *page = alloc_pages(GFP_KERNEL, 2);

	KTEST_ASSERT(t, page != NULL);
	KTEST_EXPECT_EQ(t, page_ref_count(page), 1);
	KTEST_EXPECT_EQ(t, page_alloc_order(page), 2);
	KTEST_EXPECT_EQ(t, page_ref_count(page + 1), 0);
	KTEST_EXPECT(t, !PageReserved(page));
	KTEST_EXPECT(t, virt_to_page(page_address(page)) == page);
	KTEST_EXPECT_EQ(t, nr_free_pages(), start - 4);
	__free_pages(page, 2);
	KTEST_EXPECT_EQ(t, page_ref_count(page), 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), start);
}

KTEST_SUITE(firstfit,
	KTEST_CASE(firstfit_manages_largest_region),
	KTEST_CASE(firstfit_hint_moves_back_on_free),
	KTEST_CASE(firstfit_block_descriptors),
);
