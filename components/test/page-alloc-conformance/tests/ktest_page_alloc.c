// SPDX-License-Identifier: Apache-2.0
/*
 * Conformance tests of the page_alloc interface: what every provider
 * promises, run against whichever one the product chose. What is particular
 * to one provider (its zones, its metadata, its search order) is tested by
 * that provider's own ktests.
 *
 * Every case gives back all it takes: nr_free_pages() must end where it
 * started. A case does not assume that it has the allocator to itself from
 * boot: other components' suites may run before it and keep pages (the
 * suites run in component order), so it counts from what is free when it
 * starts, and is exact from there on.
 */
#include <interfaces/ktest.h>
#include <interfaces/lib.h>
#include <interfaces/page_alloc.h>
#include <tessera/compiler.h>

static void alloc_each_order(struct ktest *t)
{
	unsigned long start = nr_free_pages();
	unsigned int order;
	void *p;

	KTEST_EXPECT(t, start > 0);
	KTEST_EXPECT(t, start <= totalram_pages());
	for (order = 0; order <= MAX_ORDER; order++) {
		p = (void *)__get_free_pages(GFP_KERNEL, order);
		KTEST_ASSERT(t, p != NULL);
		KTEST_EXPECT_EQ(t, (unsigned long)p & ((PAGE_SIZE << order) - 1), 0);
		KTEST_EXPECT_EQ(t, nr_free_pages(), start - (1UL << order));
		memset(p, 0xa5, PAGE_SIZE << order);
		KTEST_EXPECT_EQ(t, ((unsigned char *)p)[(PAGE_SIZE << order) - 1], 0xa5);
		free_pages((unsigned long)p, order);
		KTEST_EXPECT_EQ(t, nr_free_pages(), start);
	}
	KTEST_EXPECT(t, (void *)__get_free_pages(GFP_KERNEL, MAX_ORDER + 1) == NULL);
	KTEST_EXPECT_EQ(t, nr_free_pages(), start);
}

static void memory_is_usable(struct ktest *t)
{
	unsigned long start = nr_free_pages(), i, n = (PAGE_SIZE << 3) / sizeof(u64);
	u64 *a = (void *)__get_free_pages(GFP_KERNEL, 3), *b = (void *)__get_free_pages(GFP_KERNEL, 3);

	KTEST_ASSERT(t, a != NULL && b != NULL);
	/* Distinct blocks do not overlap. */
	KTEST_EXPECT(t, (char *)a + (PAGE_SIZE << 3) <= (char *)b ||
			(char *)b + (PAGE_SIZE << 3) <= (char *)a);
	for (i = 0; i < n; i++) {
		a[i] = i * 0x9E3779B97F4A7C15ULL;
		b[i] = ~a[i];
	}
	for (i = 0; i < n; i++)
		if (a[i] != i * 0x9E3779B97F4A7C15ULL || b[i] != ~a[i])
			break;
	KTEST_EXPECT_EQ(t, i, n);
	memset(a, 0, PAGE_SIZE << 3);
	KTEST_EXPECT_EQ(t, b[n - 1], ~((n - 1) * 0x9E3779B97F4A7C15ULL));
	free_pages((unsigned long)a, 3);
	free_pages((unsigned long)b, 3);
	KTEST_EXPECT_EQ(t, nr_free_pages(), start);
}

/*
 * The blocks a test holds, recorded in a stack of record pages. A record page
 * is the first page of one of the held blocks (the first held, and another
 * each time one fills up), and its own block is its first entry, so the
 * stack unwinds page by page. Writing into every block held instead would
 * touch all of RAM, which under QEMU costs far more than the test itself:
 * each first touch of guest memory is a host page fault and a clear.
 */
struct held_page {
	struct held_page *prev;       /* the record page below, or NULL */
	unsigned long nr;             /* entries in use */
	unsigned long block[PAGE_SIZE / sizeof(unsigned long) - 2];
};                                /* entry: address | order */

struct held {
	struct held_page *top;
	unsigned long pages;          /* pages in the blocks held */
};

#define HELD_INIT { NULL, 0 }
#define HELD_PER_PAGE ARRAY_SIZE(((struct held_page *)0)->block)

static void hold(struct held *held, void *p, unsigned int order)
{
	struct held_page *hp = held->top;

	if (!hp || hp->nr == HELD_PER_PAGE) {
		hp = p;
		hp->prev = held->top;
		hp->nr = 0;
		held->top = hp;
	}
	hp->block[hp->nr++] = (unsigned long)p | order;
	held->pages += 1UL << order;
}

/* Takes the block held last off the record (it stays allocated); NULL if none. */
static void *unhold(struct held *held, unsigned int *order)
{
	struct held_page *hp = held->top;
	unsigned long entry;

	if (!hp)
		return NULL;
	entry = hp->block[--hp->nr];
	if (!hp->nr)                  /* that was the record page's own block */
		held->top = hp->prev;
	*order = entry & (PAGE_SIZE - 1);
	held->pages -= 1UL << *order;
	return (void *)(entry & ~(PAGE_SIZE - 1));
}

/* Takes blocks of @order until none is left; returns the pages taken. */
static unsigned long hold_all(struct held *held, unsigned int order)
{
	unsigned long pages = 0;
	void *p;

	while ((p = (void *)__get_free_pages(GFP_KERNEL, order))) {
		hold(held, p, order);
		pages += 1UL << order;
	}
	return pages;
}

static void release_all(struct held *held)
{
	unsigned int order;
	void *p;

	while ((p = unhold(held, &order)))
		free_pages((unsigned long)p, order);
}

static void exhaustion(struct ktest *t)
{
	unsigned long start = nr_free_pages(), largest, taken;
	struct held held = HELD_INIT;
	int order;

	largest = hold_all(&held, MAX_ORDER);
	taken = largest;
	for (order = MAX_ORDER - 1; order >= 0; order--)
		taken += hold_all(&held, order);
	KTEST_EXPECT_EQ(t, taken, start);
	KTEST_EXPECT_EQ(t, nr_free_pages(), 0);
	KTEST_EXPECT(t, (void *)__get_free_pages(GFP_KERNEL, 0) == NULL);
	release_all(&held);
	KTEST_EXPECT_EQ(t, nr_free_pages(), start);

	/*
	 * Everything came back whole, not as fragments: the first pass is
	 * repeatable, the same number of largest blocks included.
	 */
	taken = hold_all(&held, MAX_ORDER);
	KTEST_EXPECT(t, taken > 0);
	KTEST_EXPECT_EQ(t, taken, largest);
	release_all(&held);
	KTEST_EXPECT_EQ(t, nr_free_pages(), start);
}

/*
 * When the only free memory is an aligned block of 2^k pages, given back in
 * smaller blocks, __get_free_pages(k) returns it, at its lower address: freed
 * neighbours merge (a buddy allocator coalesces them, a bitmap simply sees
 * the pages free). Until the last piece is back, it does not.
 */
static void freed_blocks_merge(struct ktest *t)
{
	unsigned long start = nr_free_pages(), i;
	struct held held = HELD_INIT;
	unsigned int order, o;
	char *block, *lo = NULL, *hi = NULL;
	void *p;
	int k;

	/*
	 * Hold every page: the largest blocks first, then what is left in
	 * pairs and singly. The last block of order >= 2 taken is set aside,
	 * still allocated.
	 */
	for (k = MAX_ORDER; k >= 2; k--)
		hold_all(&held, k);
	block = unhold(&held, &order);
	KTEST_ASSERT(t, block != NULL && order >= 2);   /* (leaks on failure) */
	hold_all(&held, 1);
	hold_all(&held, 0);
	KTEST_EXPECT_EQ(t, held.pages + (1UL << order), start);
	KTEST_EXPECT_EQ(t, nr_free_pages(), 0);

	/*
	 * Give that block back and take it again page by page: with every page
	 * held singly or in blocks, the only free memory is what we free. Its
	 * first two pages are an aligned pair (the block is aligned to its
	 * order >= 2); keep them aside when they come. The other pages are held
	 * last, so they are the top of the record.
	 */
	free_pages((unsigned long)block, order);
	KTEST_EXPECT_EQ(t, nr_free_pages(), 1UL << order);
	while ((p = (void *)__get_free_pages(GFP_KERNEL, 0))) {
		if (p == block)
			lo = p;
		else if (p == block + PAGE_SIZE)
			hi = p;
		else
			hold(&held, p, 0);
	}
	KTEST_EXPECT_EQ(t, held.pages + 2, start);
	KTEST_ASSERT(t, lo != NULL && hi != NULL);   /* (leaks on failure) */

	/* A lone page is all there is: not an order-1 block, but reused. */
	free_pages((unsigned long)lo, 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), 1);
	p = (void *)__get_free_pages(GFP_KERNEL, 1);
	KTEST_EXPECT(t, p == NULL);
	if (p)
		free_pages((unsigned long)p, 1);
	p = (void *)__get_free_pages(GFP_KERNEL, 0);
	KTEST_EXPECT(t, p == (void *)lo);
	if (p)
		free_pages((unsigned long)p, 0);

	/* Its neighbour back: the two make the order-1 block at lo. */
	free_pages((unsigned long)hi, 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), 2);
	p = (void *)__get_free_pages(GFP_KERNEL, 1);
	KTEST_EXPECT(t, p == (void *)lo);
	if (p)
		free_pages((unsigned long)p, 1); /* back as a pair */

	/* The rest of the block back page by page: the whole block. */
	for (i = 2; i < 1UL << order; i++) {
		p = unhold(&held, &o);
		KTEST_ASSERT(t, p != NULL && o == 0 &&          /* (leaks on failure) */
			     (char *)p >= block + 2 * PAGE_SIZE &&
			     (char *)p < block + (PAGE_SIZE << order));
		free_pages((unsigned long)p, 0);
	}
	KTEST_EXPECT_EQ(t, nr_free_pages(), 1UL << order);
	p = (void *)__get_free_pages(GFP_KERNEL, order);
	KTEST_EXPECT(t, p == (void *)block);
	if (p)
		free_pages((unsigned long)p, order);

	release_all(&held);
	KTEST_EXPECT_EQ(t, nr_free_pages(), start);
}

/*
 * The descriptor side: a block is named by its first struct page, which
 * page_address()/virt_to_page() and page_to_pfn()/pfn_to_page() map both
 * ways; it is handed out with a count of 1, and __free_pages()/put_page()
 * free it when the count drops to 0, not before.
 */
static void struct_page_round_trips(struct ktest *t)
{
	unsigned long start = nr_free_pages(), pfn;
	struct page *page = alloc_pages(GFP_KERNEL, 1);

	KTEST_ASSERT(t, page != NULL);
	pfn = page_to_pfn(page);
	KTEST_EXPECT(t, pfn_valid(pfn));
	KTEST_EXPECT(t, pfn_to_page(pfn) == page);
	KTEST_EXPECT(t, virt_to_page(page_address(page)) == page);
	KTEST_EXPECT(t, virt_to_page((char *)page_address(page) + PAGE_SIZE) == page + 1);
	KTEST_EXPECT_EQ(t, pfn & 1, 0);
	KTEST_EXPECT_EQ(t, page_ref_count(page), 1);
	KTEST_EXPECT_EQ(t, page_mapcount(page), 0);
	KTEST_EXPECT(t, page->mapping == NULL);
	KTEST_EXPECT(t, !PageReserved(page) && !PageBuddy(page) && !PageLRU(page));
	KTEST_EXPECT(t, zone_spans_pfn(page_zone(page), pfn));
	KTEST_EXPECT_EQ(t, nr_free_pages(), start - 2);

	get_page(page);
	KTEST_EXPECT_EQ(t, page_ref_count(page), 2);
	__free_pages(page, 1);                  /* drops one reference only */
	KTEST_EXPECT_EQ(t, page_ref_count(page), 1);
	KTEST_EXPECT_EQ(t, nr_free_pages(), start - 2);
	put_page(page);                         /* the last one frees it */
	KTEST_EXPECT_EQ(t, page_ref_count(page), 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), start);
}

/* Page flag accessors change their own bit and nothing else. */
static void page_flag_accessors(struct ktest *t)
{
	struct page *page = alloc_pages(GFP_KERNEL, 0);
	unsigned long flags;

	KTEST_ASSERT(t, page != NULL);
	flags = page->flags;
	SetPageDirty(page);
	SetPageReferenced(page);
	KTEST_EXPECT(t, PageDirty(page) && PageReferenced(page) && !PageLocked(page));
	KTEST_EXPECT_EQ(t, page_zonenum(page), page_zone(page) - page_zone(page)->zone_pgdat->node_zones);
	ClearPageDirty(page);
	ClearPageReferenced(page);
	KTEST_EXPECT_EQ(t, page->flags, flags);
	__free_pages(page, 0);
}

/*
 * The per-zone counters add up: the free pages of the zones are
 * nr_free_pages(), their managed pages totalram_pages(), and each zone's
 * watermarks are ordered min <= low <= high and below what it manages.
 * __GFP_ZERO zeroes, and GFP_DMA32 stays below 4 GiB.
 */
static void zone_counters(struct ktest *t)
{
	struct pglist_data *pgdat = NODE_DATA(0);
	unsigned long free = 0, managed = 0, start = nr_free_pages();
	struct zone *zone;
	struct page *page;
	unsigned long i;
	u8 *p;

	for_each_zone(pgdat, zone) {
		free += zone_page_state(zone, NR_FREE_PAGES);
		managed += zone_managed_pages(zone);
		KTEST_EXPECT(t, zone->managed_pages <= zone->present_pages);
		KTEST_EXPECT(t, zone->present_pages <= zone->spanned_pages);
		KTEST_EXPECT(t, min_wmark_pages(zone) <= low_wmark_pages(zone));
		KTEST_EXPECT(t, low_wmark_pages(zone) <= high_wmark_pages(zone));
		KTEST_EXPECT(t, high_wmark_pages(zone) <= zone->managed_pages);
	}
	KTEST_EXPECT_EQ(t, free, start);
	KTEST_EXPECT_EQ(t, managed, totalram_pages());

	page = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0);
	KTEST_ASSERT(t, page != NULL);
	zone = page_zone(page);
	free = zone_page_state(zone, NR_FREE_PAGES);
	__free_pages(page, 0);
	KTEST_EXPECT_EQ(t, zone_page_state(zone, NR_FREE_PAGES), free + 1);
	page = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0);
	KTEST_ASSERT(t, page != NULL);
	KTEST_EXPECT_EQ(t, zone_page_state(page_zone(page), NR_FREE_PAGES), free);
	p = page_address(page);
	for (i = 0; i < PAGE_SIZE; i++)
		if (p[i])
			break;
	KTEST_EXPECT_EQ(t, i, PAGE_SIZE);
	memset(p, 0x5a, PAGE_SIZE);
	__free_pages(page, 0);

	page = alloc_pages(GFP_DMA32, 0);
	if (page) {
		KTEST_EXPECT(t, page_to_pfn(page) < ZONE_DMA32_END_PFN);
		KTEST_EXPECT_EQ(t, page_zonenum(page), ZONE_DMA32);
		__free_pages(page, 0);
	}
	KTEST_EXPECT_EQ(t, nr_free_pages(), start);
}

/*
 * An anonymous page's mapping (its anon_vma, low bit set) is dropped when
 * the last reference goes, as Linux's free_pages_prepare() drops it:
 * whoever puts last (a child's exit after the parent's copy-on-write, a
 * reader's temporary reference) frees the page without a bad-page report.
 */
static void anon_mapping_dropped_at_free(struct ktest *t)
{
	static unsigned long fake_anon_vma;
	struct page *page = alloc_pages(GFP_KERNEL, 0), *again;

	KTEST_ASSERT(t, page != NULL);
	page->mapping = (struct address_space *)((unsigned long)&fake_anon_vma | 1UL);
	get_page(page);                 /* a second holder */
	put_page(page);                 /* not the last: the tag stays */
	KTEST_EXPECT(t, page->mapping != NULL);
	put_page(page);                 /* the last: freed, no bad page */
	again = alloc_pages(GFP_KERNEL, 0);
	KTEST_ASSERT(t, again != NULL);
	KTEST_EXPECT(t, again->mapping == NULL);
	__free_pages(again, 0);
}

KTEST_SUITE(page_alloc,
	KTEST_CASE(alloc_each_order),
	KTEST_CASE(memory_is_usable),
	KTEST_CASE(exhaustion),
	KTEST_CASE(freed_blocks_merge),
	KTEST_CASE(struct_page_round_trips),
	KTEST_CASE(page_flag_accessors),
	KTEST_CASE(zone_counters),
	KTEST_CASE(anon_mapping_dropped_at_free),
);
