/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Zones and the node (Linux's include/linux/mmzone.h, one node).
 *
 * Physical memory is one node, contig_page_data, whose mem_map holds a
 * struct page for every page frame in [node_start_pfn, node_start_pfn +
 * node_spanned_pages): from the start of DRAM to its end, holes included
 * (their pages are PG_reserved). The node is cut into zones by physical
 * address: ZONE_DMA32 below 4 GiB (what 32-bit DMA can reach), ZONE_NORMAL
 * above; a machine with less RAM simply has an empty ZONE_NORMAL, as Linux
 * on x86_64 does. Each zone counts its pages in vm_stat[] (free pages now;
 * the LRU, file and anonymous counters are the room reclaim and the page
 * cache fill) and carries the min/low/high watermarks, computed once the
 * allocator has taken its pages, that kswapd and direct reclaim will use.
 *
 * contig_page_data is defined by the page_alloc provider (so that every
 * user of the page_alloc interface may reference it) and filled by the
 * memmap component's memmap_init().
 */
#ifndef TESSERA_MMZONE_H
#define TESSERA_MMZONE_H

#include <tessera/list.h>
#include <tessera/page-flags.h>
#include <tessera/types.h>

/* Largest block the page allocators hand out: 2^MAX_ORDER pages (4 MiB). */
#define MAX_ORDER 10

enum zone_type {
	ZONE_DMA32,	/* [start of DRAM, 4 GiB) */
	ZONE_NORMAL,	/* [4 GiB, end of DRAM) */
	MAX_NR_ZONES
};

#define ZONE_DMA32_END_PFN (1UL << (32 - 12))

/* Counters per zone (Linux keeps the LRU ones per lruvec; one node here). */
enum zone_stat_item {
	NR_FREE_PAGES,
	NR_INACTIVE_ANON,	/* LRU lists: enum lru_list order */
	NR_ACTIVE_ANON,
	NR_INACTIVE_FILE,
	NR_ACTIVE_FILE,
	NR_UNEVICTABLE,
	NR_FILE_PAGES,		/* page cache */
	NR_FILE_DIRTY,
	NR_WRITEBACK,
	NR_ANON_MAPPED,
	NR_SLAB,
	NR_VM_ZONE_STAT_ITEMS
};

enum lru_list {
	LRU_INACTIVE_ANON,
	LRU_ACTIVE_ANON,
	LRU_INACTIVE_FILE,
	LRU_ACTIVE_FILE,
	LRU_UNEVICTABLE,
	NR_LRU_LISTS
};

#define NR_LRU_BASE NR_INACTIVE_ANON

enum zone_watermarks {
	WMARK_MIN,
	WMARK_LOW,
	WMARK_HIGH,
	NR_WMARK
};

/* A buddy allocator's free blocks of one order (other providers leave it empty). */
struct free_area {
	struct list_head free_list;	/* first pages, through page->lru */
	unsigned long nr_free;		/* blocks on free_list */
};

struct pglist_data;

struct zone {
	const char *name;
	struct pglist_data *zone_pgdat;
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;	/* end - start, holes included */
	unsigned long present_pages;	/* RAM pages (spanned - holes) */
	unsigned long managed_pages;	/* handed to the page allocator */
	unsigned long _watermark[NR_WMARK];
	long vm_stat[NR_VM_ZONE_STAT_ITEMS];
	struct free_area free_area[MAX_ORDER + 1];
};

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	struct page *node_mem_map;
	unsigned long node_start_pfn;
	unsigned long node_spanned_pages;
} pg_data_t;

extern struct pglist_data contig_page_data;
#define NODE_DATA(nid) (&contig_page_data)

#define for_each_zone(pgdat, zone)                                     \
	for ((zone) = (pgdat)->node_zones;                             \
	     (zone) < (pgdat)->node_zones + MAX_NR_ZONES; (zone)++)

static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}

static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return pfn >= zone->zone_start_pfn && pfn < zone_end_pfn(zone);
}

static inline bool populated_zone(const struct zone *zone)
{
	return zone->present_pages != 0;
}

static inline unsigned long zone_managed_pages(const struct zone *zone)
{
	return zone->managed_pages;
}

#define min_wmark_pages(z)  ((z)->_watermark[WMARK_MIN])
#define low_wmark_pages(z)  ((z)->_watermark[WMARK_LOW])
#define high_wmark_pages(z) ((z)->_watermark[WMARK_HIGH])

/* Counters: plain longs changed with interrupts off by the owner (one CPU). */
static inline unsigned long zone_page_state(const struct zone *zone,
					    enum zone_stat_item item)
{
	long x = zone->vm_stat[item];

	return x < 0 ? 0 : (unsigned long)x;
}

static inline void __mod_zone_page_state(struct zone *zone, enum zone_stat_item item,
					 long delta)
{
	zone->vm_stat[item] += delta;
}

/* Pages of @pgdat's mem_map by pfn, for code that is given the node. */
static inline struct page *__pfn_to_page(const struct pglist_data *pgdat, unsigned long pfn)
{
	return pgdat->node_mem_map + (pfn - pgdat->node_start_pfn);
}

static inline unsigned long __page_to_pfn(const struct pglist_data *pgdat,
					  const struct page *page)
{
	return pgdat->node_start_pfn + (unsigned long)(page - pgdat->node_mem_map);
}

static inline bool __pfn_valid(const struct pglist_data *pgdat, unsigned long pfn)
{
	return pfn - pgdat->node_start_pfn < pgdat->node_spanned_pages;
}

static inline struct zone *__page_zone(struct pglist_data *pgdat, const struct page *page)
{
	return &pgdat->node_zones[page_zonenum(page)];
}

#endif
