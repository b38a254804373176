// SPDX-License-Identifier: Apache-2.0
/*
 * In-kernel tests of what is particular to page-alloc-buddy: the zones its
 * kernel glue (buddy_setup.c) makes of the boot memory map, and the metadata
 * each keeps at its start. What every page_alloc provider promises (orders,
 * alignment, accounting, exhaustion, merging) is tested against whichever
 * provider the product chose by page-alloc-conformance; the core's splitting
 * and coalescing, invariant by invariant, by the host test (test_buddy.c).
 * The glue is what only a booted kernel can test.
 */
#include <asm/memory.h>
#include <interfaces/arch.h>
#include <interfaces/ktest.h>
#include <interfaces/memblock.h>
#include <interfaces/page_alloc.h>

#include "buddy.h"

/*
 * The pages of free boot-memory range [start, end) that its zone hands out,
 * as page frame numbers [*first, *end); false if the range makes no zone.
 * The zone's metadata (struct buddy_zone, then buddy_meta_size() bytes for
 * the whole range) takes its first pages, which are never handed out.
 * (Free: memblock's memory less what it had reserved or handed out early,
 * such as the architecture's page tables.)
 */
static bool zone_pages(phys_addr_t start, phys_addr_t stop, unsigned long *first,
		       unsigned long *end)
{
	unsigned long s = PFN_UP(start), e = PFN_DOWN(stop), meta;

	if (e <= s)
		return false;
	meta = PFN_UP(sizeof(struct buddy_zone) + buddy_meta_size(e - s));
	if (e - s <= meta)
		return false;
	*first = s + meta;
	*end = e;
	return true;
}

/* True if the block of @order at @p lies in what some zone hands out. */
static bool in_a_zone(void *p, unsigned int order)
{
	unsigned long pfn = PFN_DOWN(virt_to_phys(p)), first, end;
	phys_addr_t start, stop;
	u64 cursor;

	for_each_free_mem_range(cursor, start, stop)
		if (zone_pages(start, stop, &first, &end) &&
		    pfn >= first && pfn + (1UL << order) <= end)
			return true;
	return false;
}

/*
 * Every free range of boot memory is a zone (unlike first-fit, which
 * takes the largest only), counted in totalram_pages() without its
 * metadata, and blocks come from past the metadata.
 */
static void buddy_zones_cover_usable_ram(struct ktest *t)
{
	unsigned long pages = 0, start = nr_free_pages(), first, end;
	unsigned int order, zones = 0;
	phys_addr_t s, e;
	u64 cursor;
	void *p;

	for_each_free_mem_range(cursor, s, e) {
		if (zone_pages(s, e, &first, &end)) {
			pages += end - first;
			zones++;
		}
	}
	KTEST_EXPECT(t, zones > 0);
	KTEST_EXPECT_EQ(t, totalram_pages(), pages);
	for (order = 0; order <= MAX_ORDER; order++) {
		p = alloc_pages(order);
		KTEST_ASSERT(t, p != NULL);
		KTEST_EXPECT(t, in_a_zone(p, order));
		free_pages(p, order);
	}
	KTEST_EXPECT_EQ(t, nr_free_pages(), start);
}

KTEST_SUITE(buddy,
	KTEST_CASE(buddy_zones_cover_usable_ram),
);
