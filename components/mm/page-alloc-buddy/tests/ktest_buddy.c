// SPDX-License-Identifier: Apache-2.0
/*
 * In-kernel tests of what is particular to page-alloc-buddy: it takes every
 * free range of boot memory (memblock) into the zone(s) each lies in, and
 * keeps its free lists in struct page. What every page_alloc provider
 * promises (orders, alignment, accounting, exhaustion, merging, struct page
 * round trips) is tested against whichever provider the product chose by
 * page-alloc-conformance; the core's splitting, coalescing and misuse
 * checks, invariant by invariant, by the host test (test_buddy.c). The glue
 * is what only a booted kernel can test.
 */
#include <interfaces/ktest.h>
#include <interfaces/memblock.h>
#include <interfaces/page_alloc.h>

#include "buddy.h"

/* Every page of every free range of memblock is managed, none other. */
static void buddy_takes_every_free_range(struct ktest *t)
{
	unsigned long pages = 0, managed = 0, start = nr_free_pages();
	phys_addr_t s, e;
	struct zone *zone;
	struct page *page;
	unsigned int order;
	u64 cursor;

	for_each_free_mem_range(cursor, s, e)
		if (PFN_DOWN(e) > PFN_UP(s))
			pages += PFN_DOWN(e) - PFN_UP(s);
	for_each_zone(NODE_DATA(0), zone)
		managed += zone->managed_pages;
	KTEST_EXPECT_EQ(t, totalram_pages(), pages);
	KTEST_EXPECT_EQ(t, managed, pages);
	for (order = 0; order <= MAX_ORDER; order++) {
		page = alloc_pages(GFP_KERNEL, order);
		KTEST_ASSERT(t, page != NULL);
		KTEST_EXPECT_EQ(t, page_to_pfn(page) & ((1UL << order) - 1), 0);
		KTEST_EXPECT(t, memblock_is_memory(PFN_PHYS(page_to_pfn(page))));
		__free_pages(page, order);
	}
	KTEST_EXPECT_EQ(t, nr_free_pages(), start);
}

/*
 * The free lists agree with the counters: each zone's NR_FREE_PAGES is the
 * sum of its free blocks, every listed page is PG_buddy with its order in
 * page->private, aligned to it, in the zone, with a count of 0.
 */
static void buddy_free_lists_match_counters(struct ktest *t)
{
	unsigned long free, pfn;
	struct zone *zone;
	struct page *page;
	unsigned int order;
	bool ok;

	for_each_zone(NODE_DATA(0), zone) {
		free = 0;
		ok = true;
		for (order = 0; order <= MAX_ORDER; order++) {
			list_for_each_entry(page, &zone->free_area[order].free_list, lru) {
				pfn = page_to_pfn(page);
				ok &= PageBuddy(page) && buddy_order(page) == order;
				ok &= !(pfn & ((1UL << order) - 1));
				ok &= zone_spans_pfn(zone, pfn) && page_ref_count(page) == 0;
				free += 1UL << order;
			}
		}
		KTEST_EXPECT(t, ok);
		KTEST_EXPECT_EQ(t, free, zone_page_state(zone, NR_FREE_PAGES));
	}
}

KTEST_SUITE(buddy,
	KTEST_CASE(buddy_takes_every_free_range),
	KTEST_CASE(buddy_free_lists_match_counters),
);
