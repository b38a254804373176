// SPDX-License-Identifier: Apache-2.0
/*
 * Host test of the buddy core over struct page: a node of its own (a
 * mem_map with an unaligned start, two zones, reserved holes), randomised
 * allocate/free sequences (with extra references taken and dropped), and
 * after every step every page accounted for in every zone:
 *
 *   free (the free lists) + allocated (the blocks held) + reserved
 *     == spanned,  NR_FREE_PAGES == free,  managed == spanned - reserved
 *
 * plus the structure: free-list pages are PG_buddy heads aligned to their
 * order and inside their zone, no two free buddies left unmerged, held
 * blocks keep their count and order. Misuse (double free, including the
 * upper half of a pair that merged, a tail page, another order, a reserved
 * page) must be reported by buddy_check_free() and change nothing.
 *
 * Built natively with ASan/UBSan: cc -I include -I <component> test_buddy.c
 */
#include <string.h>

#include <tessera/testing/check.h>

#include "../buddy.c"

struct pglist_data contig_page_data;

#define NODE_START 0x1003UL          /* not aligned to any large order */
#define NODE_PAGES 9000UL
#define ZONE_SPLIT (NODE_START + 5000UL)
#define MAX_LIVE   4096

struct live {
	struct page *page;
	unsigned int order;
	int refs;
};

static struct live live[MAX_LIVE];
static unsigned int nr_live;

static void node_init(void)
{
	struct pglist_data *pgdat = &contig_page_data;
	static const unsigned long bounds[] = { NODE_START, ZONE_SPLIT, NODE_START + NODE_PAGES };
	/* Free ranges; everything else (holes, "the kernel") stays reserved. */
	static const unsigned long ranges[][2] = {
		{ NODE_START + 1, NODE_START + 1500 },
		{ NODE_START + 1600, ZONE_SPLIT },
		{ ZONE_SPLIT, NODE_START + 7777 },
		{ NODE_START + 8000, NODE_START + NODE_PAGES - 3 },
	};
	unsigned long pfn, i, s, e;
	unsigned int z;

	memset(pgdat, 0, sizeof(*pgdat));
	pgdat->node_mem_map = calloc(NODE_PAGES, sizeof(struct page));
	pgdat->node_start_pfn = NODE_START;
	pgdat->node_spanned_pages = NODE_PAGES;
	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];

		zone->zone_pgdat = pgdat;
		zone->zone_start_pfn = bounds[z];
		zone->spanned_pages = bounds[z + 1] - bounds[z];
		zone->present_pages = zone->spanned_pages;
		buddy_zone_init(zone);
		for (pfn = bounds[z]; pfn < bounds[z + 1]; pfn++) {
			struct page *page = __pfn_to_page(pgdat, pfn);

			page->flags = (1UL << PG_reserved) | ((unsigned long)z << ZONES_PGSHIFT);
			INIT_LIST_HEAD(&page->lru);
			init_page_count(page);
			page_mapcount_reset(page);
		}
	}
	for (i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];

			s = ranges[i][0] > zone->zone_start_pfn ? ranges[i][0] : zone->zone_start_pfn;
			e = ranges[i][1] < zone_end_pfn(zone) ? ranges[i][1] : zone_end_pfn(zone);
			if (s < e)
				buddy_release_range(zone, s, e);
		}
	}
	nr_live = 0;
}

/* Every page accounted for, the free lists well formed, no buddies unmerged. */
static void check_zones(void)
{
	struct pglist_data *pgdat = &contig_page_data;
	unsigned long free, reserved, held, pfn, bpfn;
	struct zone *zone;
	struct page *page, *b;
	unsigned int order, i;

	for_each_zone(pgdat, zone) {
		free = reserved = held = 0;
		for (pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone); pfn++)
			reserved += PageReserved(__pfn_to_page(pgdat, pfn));
		for (order = 0; order <= MAX_ORDER; order++) {
			unsigned long n = 0;

			list_for_each_entry(page, &zone->free_area[order].free_list, lru) {
				pfn = __page_to_pfn(pgdat, page);
				CHECKF(PageBuddy(page) && buddy_order(page) == order,
				       "pfn 0x%lx on the order-%u list is not a buddy of that order",
				       pfn, order);
				CHECK((pfn & ((1UL << order) - 1)) == 0);
				CHECK(pfn >= zone->zone_start_pfn &&
				      pfn + (1UL << order) <= zone_end_pfn(zone));
				CHECK(page_ref_count(page) == 0 && !PageReserved(page));
				bpfn = pfn ^ (1UL << order);
				if (order < MAX_ORDER && zone_spans_pfn(zone, bpfn)) {
					b = __pfn_to_page(pgdat, bpfn);
					CHECKF(!(PageBuddy(b) && buddy_order(b) == order),
					       "free buddies 0x%lx and 0x%lx of order %u not merged",
					       pfn, bpfn, order);
				}
				free += 1UL << order;
				n++;
			}
			CHECK(n == zone->free_area[order].nr_free);
		}
		for (i = 0; i < nr_live; i++) {
			if (__page_zone(pgdat, live[i].page) != zone)
				continue;
			held += 1UL << live[i].order;
			CHECK(page_ref_count(live[i].page) == live[i].refs);
			CHECK(page_alloc_order(live[i].page) == live[i].order);
			CHECK(!buddy_page_is_free(zone, live[i].page));
		}
		CHECKF(free + held + reserved == zone->spanned_pages,
		       "zone %u: free %lu + allocated %lu + reserved %lu != spanned %lu",
		       (unsigned int)(zone - pgdat->node_zones), free, held, reserved,
		       zone->spanned_pages);
		CHECK(zone_page_state(zone, NR_FREE_PAGES) == free);
		CHECK(zone->managed_pages == zone->spanned_pages - reserved);
	}
}

static struct zone *zone_of(unsigned int z)
{
	return &contig_page_data.node_zones[z];
}

/* The glue's free path: checks first, then drop a reference, free at 0. */
static int free_block(struct page *page, unsigned int order)
{
	struct zone *zone = __page_zone(&contig_page_data, page);
	int err = buddy_check_free(zone, page, order);

	if (err)
		return err;
	if (put_page_testzero(page))
		buddy_free_one(zone, page, order);
	return 0;
}

static void random_sequence(uint64_t seed, unsigned int steps)
{
	unsigned int step, i, order, z;
	struct page *page;

	check_context("seed %llu", (unsigned long long)seed);
	rng_seed(seed);
	node_init();
	check_zones();
	for (step = 0; step < steps; step++) {
		if (nr_live < MAX_LIVE && (nr_live == 0 || rng_below(100) < 55)) {
			order = rng_below(8) ? rng_below(4) : rng_below(MAX_ORDER + 2);
			z = rng_below(MAX_NR_ZONES);
			page = buddy_rmqueue(zone_of(z), order);
			if (order > MAX_ORDER) {
				CHECK(page == NULL);
			} else if (page) {
				CHECK((__page_to_pfn(&contig_page_data, page) & ((1UL << order) - 1)) == 0);
				CHECK(page_zonenum(page) == z);
				live[nr_live++] = (struct live){ page, order, 1 };
			}
		} else if (rng_below(10) == 0) {
			i = rng_below(nr_live);       /* another user takes a reference */
			get_page(live[i].page);
			live[i].refs++;
		} else {
			i = rng_below(nr_live);
			CHECK(free_block(live[i].page, live[i].order) == 0);
			if (--live[i].refs == 0)
				live[i] = live[--nr_live];
		}
		check_zones();
	}
	while (nr_live) {
		while (live[nr_live - 1].refs--)
			CHECK(free_block(live[nr_live - 1].page, live[nr_live - 1].order) == 0);
		nr_live--;
	}
	check_zones();
	free(contig_page_data.node_mem_map);
}

static void misuse(void)
{
	struct page *a, *b, *big, *res;
	unsigned long flags;

	check_context("misuse");
	node_init();
	/* Two order-0 blocks split off one pair: buddies. */
	a = b = NULL;
	while (!b && nr_live < 64) {
		struct page *p = buddy_rmqueue(zone_of(ZONE_DMA32), 0);
		unsigned int i;

		for (i = 0; p && i < nr_live; i++)
			if ((__page_to_pfn(&contig_page_data, p) ^ 1) ==
			    __page_to_pfn(&contig_page_data, live[i].page)) {
				a = live[i].page;
				b = p;
				live[i] = live[--nr_live];
				break;
			}
		if (p && !b)
			live[nr_live++] = (struct live){ p, 0, 1 };
	}
	if (!CHECK(a && b)) {
		free(contig_page_data.node_mem_map);
		return;
	}
	CHECK(free_block(a, 0) == 0);
	CHECK(free_block(a, 0) == PAGE_BAD_FREE);      /* plain double free */
	CHECK(free_block(b, 0) == 0);                  /* merges with a */
	/* Both halves of the merged pair: a double free, whichever half. */
	CHECK(free_block(b, 0) == PAGE_BAD_FREE);
	CHECK(free_block(a, 0) == PAGE_BAD_FREE);
	check_zones();

	big = buddy_rmqueue(zone_of(ZONE_NORMAL), 2);
	if (!CHECK(big)) {
		free(contig_page_data.node_mem_map);
		return;
	}
	live[nr_live++] = (struct live){ big, 2, 1 };
	flags = big->flags;
	CHECK(free_block(big, 1) == PAGE_BAD_ORDER);
	CHECK(free_block(big, 3) == PAGE_BAD_ORDER);
	CHECK(free_block(big + 1, 0) == PAGE_BAD_NOT_HEAD);
	CHECK(free_block(big + 2, 1) == PAGE_BAD_NOT_HEAD);
	CHECK(big->flags == flags && page_ref_count(big) == 1);
	res = __pfn_to_page(&contig_page_data, NODE_START);   /* reserved */
	CHECK(free_block(res, 0) == PAGE_BAD_RESERVED);
	check_zones();                                 /* nothing changed */
	CHECK(free_block(big, 2) == 0);
	nr_live--;
	check_zones();
	free(contig_page_data.node_mem_map);
}

int main(void)
{
	uint64_t seed;

	misuse();
	for (seed = 1; seed <= 6; seed++)
		random_sequence(seed, 3000);
	return check_summary("buddy");
}
