// SPDX-License-Identifier: Apache-2.0
/*
 * page-alloc-buddy kernel glue: the node (contig_page_data) and its zones,
 * fed from boot memory (memblock), and the page_alloc interface operations.
 *
 * buddy_init() has mm-init build the mem_map over all of DRAM (every page
 * reserved), releases every free range of memblock into the zone(s) it
 * lies in, and hands memblock over. Requests go to the highest zone the
 * gfp flags allow first (Normal, then DMA32). Calls into the core run
 * under buddy_lock (spin_lock_irqsave). Misuse is checked before the
 * free lists are touched and reported by bad_page() with the caller; the
 * per-page state checks of CONFIG_DEBUG_PAGEALLOC come on top.
 */
#define pr_fmt(fmt) "buddy: " fmt

#include <interfaces/arch.h>
#include <interfaces/lib.h>
#include <interfaces/memblock.h>
#include <interfaces/mm_init.h>
#include <interfaces/page_alloc.h>
#include <interfaces/panic.h>
#include <interfaces/printk.h>
#include <tessera/compiler.h>
#include <tessera/errno.h>
#include <tessera/spinlock.h>

#include "buddy.h"

struct pglist_data contig_page_data;
static unsigned long totalram;
/*
 * The free lists of every zone and the zone counters (mm-init's vm_stat:
 * only the page allocator changes them, under this lock). One lock for the
 * node rather than Linux's zone->lock: struct zone is shared with the
 * first-fit provider and with products without locks; SMP may split it.
 */
static DEFINE_SPINLOCK(buddy_lock);

int buddy_init(void)
{
	struct pglist_data *pgdat = &contig_page_data;
	phys_addr_t start, end;
	unsigned long s, e;
	struct zone *zone;
	u64 cursor;
	int ret;

	ret = memmap_init(pgdat);
	if (ret)
		return ret;
	for_each_zone(pgdat, zone)
		buddy_zone_init(zone);
	for_each_free_mem_range(cursor, start, end) {
		for_each_zone(pgdat, zone) {
			s = MAX(PFN_UP(start), zone->zone_start_pfn);
			e = MIN(PFN_DOWN(end), zone_end_pfn(zone));
			if (s < e)
				totalram += buddy_release_range(zone, s, e);
		}
	}
	memblock_handover();
	memmap_init_done(pgdat);
	if (!totalram)
		return -ENOMEM;
	pr_info("%lu pages (%lu KiB)\n", totalram, totalram << (PAGE_SHIFT - 10));
	return 0;
}

#ifdef CONFIG_DEBUG_PAGEALLOC
/* Every page of the block: nothing left over from its last owner. */
static void check_block(struct page *page, unsigned int order, bool freeing,
			unsigned long caller)
{
	unsigned long i, bad_flags = freeing ? PAGE_FLAGS_CHECK_AT_FREE : PAGE_FLAGS_CHECK_AT_PREP;
	const char *why = NULL;
	struct page *p;

	for (i = 0; i < (1UL << order) && !why; i++) {
		p = page + i;
		if (page_mapcount(p))
			why = "nonzero mapcount";
		else if (p->mapping)
			why = "non-NULL mapping";
		else if (page_ref_count(p) != (!freeing && !i))
			why = "unexpected reference count";
		else if (p->flags & bad_flags)
			why = freeing ? "PAGE_FLAGS_CHECK_AT_FREE flag(s) set" :
					"PAGE_FLAGS_CHECK_AT_PREP flag(s) set";
	}
	if (why)
		bad_page(p, why, caller);
}
#else
static inline void check_block(struct page *page, unsigned int order, bool freeing,
			       unsigned long caller)
{
	(void)page, (void)order, (void)freeing, (void)caller;
}
#endif

static struct page *alloc_pages_caller(gfp_t gfp, unsigned int order, unsigned long caller)
{
	struct page *page = NULL;
	unsigned long flags;
	int z;

	if (order > MAX_ORDER)
		return NULL;
	spin_lock_irqsave(&buddy_lock, flags);
	for (z = (int)gfp_zone(gfp); z >= 0 && !page; z--)
		page = buddy_rmqueue(&contig_page_data.node_zones[z], order);
	spin_unlock_irqrestore(&buddy_lock, flags);
	if (!page)
		return NULL;
	check_block(page, order, false, caller);
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE << order);
	return page;
}

static void bad_pointer(const struct page *page, unsigned long caller)
{
	if (!pfn_valid(page_to_pfn(page)) || page != pfn_to_page(page_to_pfn(page)))
		bad_page(page, "free of a page outside the mem_map", caller);
}

static void free_pages_caller(struct page *page, unsigned int order, unsigned long caller)
{
	struct zone *zone;
	unsigned long flags;
	int err;

	bad_pointer(page, caller);
	zone = page_zone(page);
	spin_lock_irqsave(&buddy_lock, flags);
	err = buddy_check_free(zone, page, order);
	if (err) {
		spin_unlock_irqrestore(&buddy_lock, flags);
		bad_page(page, page_bad_reason(err), caller);
		return;
	}
	if (put_page_testzero(page)) {
		page_clear_anon_mapping(page);
		check_block(page, order, true, caller);
		buddy_free_one(zone, page, order);
	}
	spin_unlock_irqrestore(&buddy_lock, flags);
}

struct page *buddy_alloc_pages(gfp_t gfp, unsigned int order)
{
	return alloc_pages_caller(gfp, order, _RET_IP_);
}

void buddy___free_pages(struct page *page, unsigned int order)
{
	free_pages_caller(page, order, _RET_IP_);
}

void buddy_put_page(struct page *page)
{
	unsigned long caller = _RET_IP_;

	bad_pointer(page, caller);
	if (page_ref_count(page) <= 0)
		bad_page(page, "put_page: reference count underflow", caller);
	else
		free_pages_caller(page, page_alloc_order(page), caller);
}

unsigned long buddy___get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages_caller(gfp, order, _RET_IP_);

	return page ? (unsigned long)page_address(page) : 0;
}

void buddy_free_pages(unsigned long addr, unsigned int order)
{
	if (!addr)
		return;
	if (addr & ~PAGE_MASK)
		bad_page(virt_to_page((void *)addr), "free_pages of an address not page aligned",
			 _RET_IP_);
	free_pages_caller(virt_to_page((void *)addr), order, _RET_IP_);
}

unsigned long buddy_nr_free_pages(void)
{
	unsigned long n = 0;
	struct zone *zone;

	for_each_zone(&contig_page_data, zone)
		n += zone_page_state(zone, NR_FREE_PAGES);
	return n;
}

unsigned long buddy_totalram_pages(void)
{
	return totalram;
}
