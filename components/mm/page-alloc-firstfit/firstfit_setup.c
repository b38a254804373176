// SPDX-License-Identifier: Apache-2.0
/*
 * page-alloc-firstfit kernel glue and page_alloc interface operations.
 *
 * Only the LARGEST free range of boot memory (memblock) is managed. This is
 * the allocator of the tiny products, where code size is what matters: one
 * area means no zone lookup on allocation, and one bitmap. On the machines
 * those products run on (QEMU with a single large RAM region above the
 * kernel) the memory given up is the small low-memory holes only. The
 * bitmap sits in the first pages of the region, which stay reserved.
 *
 * The mem_map (mm-init) covers all of DRAM like with any provider; the
 * area's pages are released from PG_reserved, and each block handed out
 * carries a count of 1 and its order in its first page, so misuse is caught
 * from the descriptor before the bitmap is touched: a page whose bit is
 * clear is free (double free), one whose count is 0 but whose bit is set
 * lies inside an allocated block. Zones are honoured by refusing: an area
 * above what the gfp flags allow gives NULL.
 */
#define pr_fmt(fmt) "firstfit: " fmt

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

#include "firstfit.h"

struct pglist_data contig_page_data;
static struct firstfit_area area;
/*
 * The bitmap, the blocks' struct page and the zone counters (mm-init's
 * vm_stat: only the page allocator changes them, under this lock).
 */
static DEFINE_SPINLOCK(firstfit_lock);

int firstfit_init(void)
{
	phys_addr_t start = 0, end = 0, s, e;
	unsigned long nr_pages, meta_pages, pfn;
	struct page *page;
	u64 cursor;
	char *base;
	int ret;

	ret = memmap_init(&contig_page_data);
	if (ret)
		return ret;
	for_each_free_mem_range(cursor, s, e) {
		s = ALIGN_UP(s, (phys_addr_t)PAGE_SIZE);
		e = ALIGN_DOWN(e, (phys_addr_t)PAGE_SIZE);
		if (e > s && e - s > end - start) {
			start = s;
			end = e;
		}
	}
	memblock_handover();
	nr_pages = (end - start) >> PAGE_SHIFT;
	meta_pages = PFN_UP(firstfit_bitmap_size(nr_pages));
	if (nr_pages <= meta_pages)
		return -ENOMEM;

	base = phys_to_virt(start);
	if (firstfit_area_init(&area, base + (meta_pages << PAGE_SHIFT),
			       nr_pages - meta_pages, (unsigned long *)base))
		return -EINVAL;
	for (pfn = PFN_DOWN(start) + meta_pages; pfn < PFN_DOWN(end); pfn++) {
		page = pfn_to_page(pfn);
		__ClearPageReserved(page);
		set_page_count(page, 0);
		page_zone(page)->managed_pages++;
		__mod_zone_page_state(page_zone(page), NR_FREE_PAGES, 1);
	}
	memmap_init_done(&contig_page_data);
	pr_info("0x%lx-0x%lx: %lu pages\n", (unsigned long)start,
		(unsigned long)end - 1, area.nr_pages);
	return 0;
}

static struct page *alloc_pages_caller(gfp_t gfp, unsigned int order, unsigned long caller)
{
	unsigned long flags;
	void *p;
	struct page *page;

	spin_lock_irqsave(&firstfit_lock, flags);
	p = firstfit_area_alloc(&area, order);
	page = p ? virt_to_page(p) : NULL;

	if (page && page_zonenum(page) > gfp_zone(gfp)) {
		firstfit_area_free(&area, p, order);
		page = NULL;
	}
	if (page) {
		set_page_alloc_order(page, order);
		set_page_count(page, 1);
		__mod_zone_page_state(page_zone(page), NR_FREE_PAGES, -(long)(1UL << order));
	}
	spin_unlock_irqrestore(&firstfit_lock, flags);
	(void)caller;
	if (page && (gfp & __GFP_ZERO))
		memset(p, 0, PAGE_SIZE << order);
	return page;
}

/* 0 or PAGE_BAD_* (page.h), before anything changes. */
static int check_free(const struct page *page, unsigned int order)
{
	unsigned long idx;

	if (PageReserved(page))
		return PAGE_BAD_RESERVED;
	if (page_ref_count(page) <= 0) {
		idx = (unsigned long)(page_address(page) - (void *)area.base) >> PAGE_SHIFT;
		return test_bit(idx, area.bitmap) ? PAGE_BAD_NOT_HEAD : PAGE_BAD_FREE;
	}
	if (page_alloc_order(page) != order)
		return PAGE_BAD_ORDER;
	return 0;
}

static void free_pages_caller(struct page *page, unsigned int order, unsigned long caller)
{
	unsigned long flags;
	int err;

	if (!pfn_valid(page_to_pfn(page)) || page != pfn_to_page(page_to_pfn(page)))
		bad_page(page, "free of a page outside the mem_map", caller);
	spin_lock_irqsave(&firstfit_lock, flags);
	err = check_free(page, order);
	if (!err && put_page_testzero(page)) {
		page_clear_anon_mapping(page);
		set_page_alloc_order(page, 0);
		err = firstfit_area_free(&area, page_address(page), order);
		if (!err)
			__mod_zone_page_state(page_zone(page), NR_FREE_PAGES, (long)(1UL << order));
	}
	spin_unlock_irqrestore(&firstfit_lock, flags);
	if (err)
		bad_page(page, page_bad_reason(err), caller);
}

struct page *firstfit_alloc_pages(gfp_t gfp, unsigned int order)
{
	return alloc_pages_caller(gfp, order, _RET_IP_);
}

void firstfit___free_pages(struct page *page, unsigned int order)
{
	free_pages_caller(page, order, _RET_IP_);
}

void firstfit_put_page(struct page *page)
{
	if (page_ref_count(page) <= 0)
		bad_page(page, "put_page: reference count underflow", _RET_IP_);
	else
		free_pages_caller(page, page_alloc_order(page), _RET_IP_);
}

unsigned long firstfit___get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages_caller(gfp, order, _RET_IP_);

	return page ? (unsigned long)page_address(page) : 0;
}

void firstfit_free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		free_pages_caller(virt_to_page((void *)addr), order, _RET_IP_);
}

unsigned long firstfit_nr_free_pages(void)
{
	return area.nr_free;
}

unsigned long firstfit_totalram_pages(void)
{
	return area.nr_pages;
}
