// SPDX-License-Identifier: Apache-2.0
/*
 * page-alloc-buddy kernel glue: one buddy zone per free range of boot memory
 * (memblock), and the page_alloc interface operations over them.
 *
 * Each zone keeps its metadata (struct buddy_zone, then a list node and a
 * byte per page: buddy_meta_size()) in the first pages of its own region;
 * those pages are not handed out, and they are the only memory of the zone
 * the allocator itself writes. Calls into the core run with interrupts off
 * (arch_irq_save/restore), and misuse the core reports (double free, wrong
 * order, foreign address) panics.
 */
#define pr_fmt(fmt) "buddy: " fmt

#include <asm/memory.h>
#include <interfaces/arch.h>
#include <interfaces/memblock.h>
#include <interfaces/page_alloc.h>
#include <interfaces/panic.h>
#include <interfaces/printk.h>
#include <tessera/compiler.h>
#include <tessera/errno.h>

#include "buddy.h"

static struct buddy_zone *zones[MEMBLOCK_MAX_REGIONS];
static unsigned int nr_zones;
static unsigned long totalram;

static int buddy_add_region(phys_addr_t start, phys_addr_t end)
{
	unsigned long nr_pages, meta_pages;
	struct buddy_zone *zone;
	char *base;

	start = ALIGN_UP(start, (phys_addr_t)PAGE_SIZE);
	end = ALIGN_DOWN(end, (phys_addr_t)PAGE_SIZE);
	if (end <= start)
		return 0;
	nr_pages = (end - start) >> PAGE_SHIFT;
	/* Sized for the whole region: a few bytes more than needed. */
	meta_pages = PFN_UP(sizeof(*zone) + buddy_meta_size(nr_pages));
	if (nr_pages <= meta_pages)
		return 0;

	zone = phys_to_virt(start);
	base = (char *)zone + (meta_pages << PAGE_SHIFT);
	if (buddy_zone_init(zone, base, nr_pages - meta_pages, zone + 1))
		return -EINVAL;
	zones[nr_zones++] = zone;
	totalram += zone->nr_pages;
	pr_info("zone %u: 0x%lx-0x%lx, %lu pages (%lu for metadata)\n", nr_zones - 1,
		(unsigned long)start, (unsigned long)end - 1, zone->nr_pages, meta_pages);
	return 0;
}

/* Every free range of boot memory becomes a zone; memblock keeps the rest. */
int buddy_init(void)
{
	phys_addr_t start, end;
	u64 cursor;
	int ret;

	for_each_free_mem_range(cursor, start, end) {
		if (nr_zones == ARRAY_SIZE(zones)) {
			pr_warn("more free ranges than %zu zones; the rest is not used\n",
				ARRAY_SIZE(zones));
			break;
		}
		ret = buddy_add_region(start, end);
		if (ret)
			return ret;
	}
	memblock_handover();
	if (!totalram)
		return -ENOMEM;
	pr_info("%lu pages (%lu KiB) in %u zones\n", totalram,
		totalram << (PAGE_SHIFT - 10), nr_zones);
	return 0;
}

void *buddy_alloc_pages(unsigned int order)
{
	unsigned long flags;
	void *p = NULL;
	unsigned int i;

	if (order > MAX_ORDER)
		return NULL;
	flags = arch_irq_save();
	for (i = 0; i < nr_zones && !p; i++)
		p = buddy_zone_alloc(zones[i], order);
	arch_irq_restore(flags);
	return p;
}

void buddy_free_pages(void *addr, unsigned int order)
{
	unsigned long flags;
	unsigned int i;
	int ret = -EFAULT;

	flags = arch_irq_save();
	for (i = 0; i < nr_zones; i++) {
		if (buddy_zone_contains(zones[i], addr)) {
			ret = buddy_zone_free(zones[i], addr, order);
			break;
		}
	}
	arch_irq_restore(flags);

	switch (ret) {
	case 0:
		return;
	case -EFAULT:
		panic("buddy: free_pages(%p, %u): address not managed by the page allocator",
		      addr, order);
	case -ENOENT:
		panic("buddy: free_pages(%p, %u): double free", addr, order);
	case -ERANGE:
		panic("buddy: free_pages(%p, %u): block was allocated with another order",
		      addr, order);
	default:
		panic("buddy: free_pages(%p, %u): not the start of an allocated block",
		      addr, order);
	}
}

unsigned long buddy_nr_free_pages(void)
{
	unsigned long flags, n = 0;
	unsigned int i;

	flags = arch_irq_save();
	for (i = 0; i < nr_zones; i++)
		n += zones[i]->nr_free;
	arch_irq_restore(flags);
	return n;
}

unsigned long buddy_totalram_pages(void)
{
	return totalram;
}
