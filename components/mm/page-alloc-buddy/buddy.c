// SPDX-License-Identifier: Apache-2.0
/*
 * Binary buddy allocator core: per-order free lists of struct page, split on
 * allocation, coalescing on free. See buddy.h for the rules; this file
 * depends on nothing but the core headers so the host test can compile it
 * natively.
 */
#include "buddy.h"

static inline struct page *zone_page(const struct zone *zone, unsigned long pfn)
{
	return __pfn_to_page(zone->zone_pgdat, pfn);
}

static inline unsigned long zone_pfn(const struct zone *zone, const struct page *page)
{
	return __page_to_pfn(zone->zone_pgdat, page);
}

static void add_free_block(struct zone *zone, struct page *page, unsigned int order,
			   bool tail)
{
	struct free_area *area = &zone->free_area[order];

	__SetPageBuddy(page);
	page->private = order;
	if (tail)
		list_add_tail(&page->lru, &area->free_list);
	else
		list_add(&page->lru, &area->free_list);
	area->nr_free++;
}

static void del_free_block(struct zone *zone, struct page *page, unsigned int order)
{
	__ClearPageBuddy(page);
	page->private = 0;
	list_del(&page->lru);
	INIT_LIST_HEAD(&page->lru);
	zone->free_area[order].nr_free--;
}

void buddy_zone_init(struct zone *zone)
{
	unsigned int order;

	for (order = 0; order <= MAX_ORDER; order++) {
		INIT_LIST_HEAD(&zone->free_area[order].free_list);
		zone->free_area[order].nr_free = 0;
	}
}

unsigned long buddy_release_range(struct zone *zone, unsigned long start_pfn,
				  unsigned long end_pfn)
{
	unsigned long pfn;
	unsigned int order;

	for (pfn = start_pfn; pfn < end_pfn; pfn++) {
		struct page *page = zone_page(zone, pfn);

		__ClearPageReserved(page);
		set_page_count(page, 0);
	}
	/* The largest naturally aligned blocks that fit, ascending addresses
	 * at the lists' far ends: the lowest memory is handed out first. */
	for (pfn = start_pfn; pfn < end_pfn; pfn += 1UL << order) {
		order = MAX_ORDER;
		while (order && ((pfn & ((1UL << order) - 1)) || pfn + (1UL << order) > end_pfn))
			order--;
		add_free_block(zone, zone_page(zone, pfn), order, true);
	}
	zone->managed_pages += end_pfn - start_pfn;
	__mod_zone_page_state(zone, NR_FREE_PAGES, (long)(end_pfn - start_pfn));
	return end_pfn - start_pfn;
}

struct page *buddy_rmqueue(struct zone *zone, unsigned int order)
{
	struct page *page;
	unsigned int k;

	if (order > MAX_ORDER)
		return NULL;
	for (k = order; k <= MAX_ORDER; k++)
		if (!list_empty(&zone->free_area[k].free_list))
			break;
	if (k > MAX_ORDER)
		return NULL;

	page = list_first_entry(&zone->free_area[k].free_list, struct page, lru);
	del_free_block(zone, page, k);
	/* Split: keep the lower half, give the upper half back at each step. */
	while (k > order) {
		k--;
		add_free_block(zone, page + (1UL << k), k, false);
	}
	set_page_alloc_order(page, order);
	set_page_count(page, 1);
	__mod_zone_page_state(zone, NR_FREE_PAGES, -(long)(1UL << order));
	return page;
}

bool buddy_page_is_free(const struct zone *zone, const struct page *page)
{
	unsigned long pfn = zone_pfn(zone, page), head_pfn;
	const struct page *head;
	unsigned int k;

	/* The free block holding it starts at pfn rounded down to its order. */
	for (k = 0; k <= MAX_ORDER; k++) {
		head_pfn = pfn & ~((1UL << k) - 1);
		if (head_pfn < zone->zone_start_pfn)
			break;
		head = zone_page(zone, head_pfn);
		if (PageBuddy(head) && buddy_order(head) >= k)
			return true;
	}
	return false;
}

int buddy_check_free(const struct zone *zone, const struct page *page, unsigned int order)
{
	if (PageReserved(page))
		return PAGE_BAD_RESERVED;
	if (page_ref_count(page) <= 0)
		return buddy_page_is_free(zone, page) ? PAGE_BAD_FREE : PAGE_BAD_NOT_HEAD;
	if (page_alloc_order(page) != order)
		return PAGE_BAD_ORDER;
	return 0;
}

void buddy_free_one(struct zone *zone, struct page *page, unsigned int order)
{
	unsigned long pfn = zone_pfn(zone, page), buddy_pfn;
	unsigned long nr = 1UL << order;
	struct page *buddy;

	set_page_alloc_order(page, 0);
	/* Coalesce with the buddy while it is a free block of the same order. */
	while (order < MAX_ORDER) {
		buddy_pfn = pfn ^ (1UL << order);
		if (!zone_spans_pfn(zone, buddy_pfn))
			break;
		buddy = zone_page(zone, buddy_pfn);
		if (!PageBuddy(buddy) || buddy_order(buddy) != order)
			break;
		del_free_block(zone, buddy, order);
		pfn &= buddy_pfn;
		order++;
	}
	add_free_block(zone, zone_page(zone, pfn), order, false);
	__mod_zone_page_state(zone, NR_FREE_PAGES, (long)nr);
}
