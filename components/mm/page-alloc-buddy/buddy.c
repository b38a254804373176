// SPDX-License-Identifier: Apache-2.0
/*
 * Binary buddy allocator core: per-order free lists, split on allocation,
 * coalescing on free. See buddy.h for the rules; this file depends on
 * nothing but the core headers so the host test can compile it natively.
 */
#include <tessera/errno.h>

#include "buddy.h"

static inline struct list_head *block_node(const struct buddy_zone *zone,
					   unsigned long idx)
{
	return &zone->links[idx];
}

static inline unsigned long node_idx(const struct buddy_zone *zone,
				     const struct list_head *node)
{
	return (unsigned long)(node - zone->links);
}

static void add_free_block(struct buddy_zone *zone, unsigned long idx,
			   unsigned int order)
{
	struct free_area *area = &zone->free_area[order];

	zone->page_info[idx] = PAGE_INFO_FREE | order;
	list_add(block_node(zone, idx), &area->free_list);
	area->nr_free++;
}

static void del_free_block(struct buddy_zone *zone, unsigned long idx,
			   unsigned int order)
{
	zone->page_info[idx] = 0;
	list_del(block_node(zone, idx));
	zone->free_area[order].nr_free--;
}

int buddy_zone_init(struct buddy_zone *zone, void *base, unsigned long nr_pages,
		    void *meta)
{
	unsigned long idx, pfn;
	unsigned int order;

	if ((unsigned long)base & (PAGE_SIZE - 1) || !meta ||
	    (unsigned long)meta & (sizeof(void *) - 1))
		return -EINVAL;

	zone->base = (unsigned long)base;
	zone->base_pfn = zone->base >> PAGE_SHIFT;
	zone->nr_pages = nr_pages;
	zone->nr_free = nr_pages;
	zone->links = meta;
	zone->page_info = (u8 *)(zone->links + nr_pages);
	for (order = 0; order <= MAX_ORDER; order++) {
		INIT_LIST_HEAD(&zone->free_area[order].free_list);
		zone->free_area[order].nr_free = 0;
	}
	/* Tails hold 0; the links need no setup until a block is listed. */
	__builtin_memset(zone->page_info, 0, nr_pages);

	/* Cut the zone into the largest naturally aligned blocks that fit. */
	for (idx = 0; idx < nr_pages; idx += 1UL << order) {
		pfn = zone->base_pfn + idx;
		order = MAX_ORDER;
		while (order && ((pfn & ((1UL << order) - 1)) ||
				 idx + (1UL << order) > nr_pages))
			order--;
		/* Keep ascending addresses at the list head's far end. */
		zone->page_info[idx] = PAGE_INFO_FREE | order;
		list_add_tail(block_node(zone, idx), &zone->free_area[order].free_list);
		zone->free_area[order].nr_free++;
	}
	return 0;
}

void *buddy_zone_alloc(struct buddy_zone *zone, unsigned int order)
{
	unsigned int k;
	unsigned long idx;

	if (order > MAX_ORDER)
		return NULL;
	for (k = order; k <= MAX_ORDER; k++)
		if (!list_empty(&zone->free_area[k].free_list))
			break;
	if (k > MAX_ORDER)
		return NULL;

	idx = node_idx(zone, zone->free_area[k].free_list.next);
	del_free_block(zone, idx, k);
	/* Split: keep the lower half, give the upper half back at each step. */
	while (k > order) {
		k--;
		add_free_block(zone, idx + (1UL << k), k);
	}
	zone->page_info[idx] = PAGE_INFO_ALLOC | order;
	zone->nr_free -= 1UL << order;
	return (void *)(zone->base + (idx << PAGE_SHIFT));
}

/*
 * Whether page @idx, a tail (page_info 0), lies inside a free block. A freed
 * block that merged with its lower buddy leaves its first page a tail of the
 * merged block, so a second free of it is still a double free. The head is
 * at the page aligned down to some order k, holding a free block of order
 * >= k; O(MAX_ORDER), and only on the error path.
 */
static bool in_free_block(const struct buddy_zone *zone, unsigned long idx)
{
	unsigned long pfn = zone->base_pfn + idx, head_pfn;
	unsigned int k;
	u8 info;

	for (k = 1; k <= MAX_ORDER; k++) {
		head_pfn = pfn & ~((1UL << k) - 1);
		if (head_pfn < zone->base_pfn)
			break;
		info = zone->page_info[head_pfn - zone->base_pfn];
		if (info)
			return (info & PAGE_INFO_FREE) && (info & PAGE_INFO_ORDER) >= k;
	}
	return false;
}

int buddy_zone_free(struct buddy_zone *zone, void *addr, unsigned int order)
{
	unsigned long a = (unsigned long)addr;
	unsigned long idx, buddy_pfn, buddy_idx;
	u8 info;

	if (!buddy_zone_contains(zone, addr))
		return -EFAULT;
	if (a & (PAGE_SIZE - 1))
		return -EINVAL;
	idx = (a - zone->base) >> PAGE_SHIFT;
	info = zone->page_info[idx];
	if (info & PAGE_INFO_FREE)
		return -ENOENT;
	if (!(info & PAGE_INFO_ALLOC))
		return in_free_block(zone, idx) ? -ENOENT : -EINVAL;
	if ((info & PAGE_INFO_ORDER) != order)
		return -ERANGE;

	zone->page_info[idx] = 0;
	zone->nr_free += 1UL << order;
	/* Coalesce with the buddy while it is a free block of the same order. */
	while (order < MAX_ORDER) {
		buddy_pfn = (zone->base_pfn + idx) ^ (1UL << order);
		if (buddy_pfn < zone->base_pfn)
			break;
		buddy_idx = buddy_pfn - zone->base_pfn;
		if (buddy_idx + (1UL << order) > zone->nr_pages ||
		    zone->page_info[buddy_idx] != (PAGE_INFO_FREE | order))
			break;
		del_free_block(zone, buddy_idx, order);
		if (buddy_idx < idx)
			idx = buddy_idx;
		order++;
	}
	add_free_block(zone, idx, order);
	return 0;
}
