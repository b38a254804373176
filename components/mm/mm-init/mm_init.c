// SPDX-License-Identifier: Apache-2.0
/*
 * The mem_map and the zones (Linux's mm/mm_init.c, in small).
 *
 * memmap_init() runs from the page_alloc provider's init, while memblock
 * still owns memory: it takes one flat array of struct page for every page
 * frame from the start of DRAM to its end from memblock_phys_alloc(), and
 * marks every page PG_reserved with a reference count of 1 and its zone.
 * The provider then releases the free ranges of memblock into its free
 * lists (clearing PG_reserved, count 0, managed_pages++), so whatever it
 * never takes - holes, the kernel, firmware, the mem_map itself - stays
 * reserved and is caught if freed.
 *
 * Why flat and not sparse sections: the mem_map of a hole costs 64 bytes per
 * 4 KiB page, 1/64 of the hole. The largest hole of the QEMU layouts is
 * x86_64's 32-bit PCI window below 4 GiB (with -m 6G: RAM 0-2 GiB and 4-8 GiB,
 * a 2 GiB hole, 32 MiB of struct page, 0.5% of RAM); riscv64's RAM is one
 * range. A flat array keeps pfn_to_page() one addition, needs no section
 * table and no mapping of its own (only phys_to_virt()), and is what Linux's
 * FLATMEM does; sections become worth it with sparse physical layouts
 * (NUMA, memory hotplug), which Tessera does not have.
 */
#define pr_fmt(fmt) "mm: " fmt

#include <interfaces/lib.h>
#include <interfaces/memblock.h>
#include <interfaces/mm_init.h>
#include <interfaces/panic.h>
#include <interfaces/printk.h>
#include <tessera/bitmap.h>
#include <tessera/compiler.h>
#include <tessera/errno.h>

#include "mm_init.h"

struct pglist_data *mm_pgdat;

static const char *const zone_names[MAX_NR_ZONES] = { "DMA32", "Normal" };
static const unsigned long zone_bounds[MAX_NR_ZONES + 1] = {
	0, ZONE_DMA32_END_PFN, ~0UL,
};

int memmap_init(struct pglist_data *pgdat)
{
	unsigned long start_pfn = PFN_DOWN(memblock_start_of_DRAM());
	unsigned long end_pfn = PFN_UP(memblock_end_of_DRAM());
	unsigned long pfn, size, zs, ze;
	struct page *page;
	struct zone *zone;
	phys_addr_t pa;
	unsigned int z;

	if (end_pfn <= start_pfn)
		return -ENOMEM;
	size = (end_pfn - start_pfn) * sizeof(struct page);
	pa = memblock_phys_alloc(ALIGN_UP(size, PAGE_SIZE), PAGE_SIZE);
	if (!pa)
		return -ENOMEM;

	pgdat->node_mem_map = phys_to_virt(pa);
	pgdat->node_start_pfn = start_pfn;
	pgdat->node_spanned_pages = end_pfn - start_pfn;
	memset(pgdat->node_mem_map, 0, size);
	mm_pgdat = pgdat;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		zone = &pgdat->node_zones[z];
		zs = MAX(start_pfn, zone_bounds[z]);
		ze = MIN(end_pfn, zone_bounds[z + 1]);
		zone->name = zone_names[z];
		zone->zone_pgdat = pgdat;
		zone->zone_start_pfn = zs;
		zone->spanned_pages = ze > zs ? ze - zs : 0;
		for (pfn = zs; pfn < ze; pfn++) {
			page = __pfn_to_page(pgdat, pfn);
			page->flags = (1UL << PG_reserved) | ((unsigned long)z << ZONES_PGSHIFT);
			INIT_LIST_HEAD(&page->lru);
			init_page_count(page);
			page_mapcount_reset(page);
			if (memblock_is_memory(PFN_PHYS(pfn)))
				zone->present_pages++;
		}
	}
	pr_info("mem_map: pfn 0x%lx-0x%lx, %lu KiB of struct page at 0x%llx\n",
		start_pfn, end_pfn - 1, size >> 10, (unsigned long long)pa);
	return 0;
}

/* floor(sqrt(x)), bit by bit: no division, no libgcc. */
static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0, bit;

	for (bit = 1UL << (BITS_PER_LONG - 2); bit; bit >>= 2) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
	}
	return r;
}

/*
 * Linux's watermarks: min_free_kbytes = sqrt(16 * managed KiB), within
 * [128 KiB, 64 MiB], shared among the zones by size; low and high sit
 * max(min / 4, 0.1% of the zone) and twice that above min.
 */
static void setup_per_zone_wmarks(struct pglist_data *pgdat)
{
	unsigned long managed = 0, min_kbytes, pages_min, min, step;
	struct zone *zone;

	for_each_zone(pgdat, zone)
		managed += zone->managed_pages;
	if (!managed)
		return;
	min_kbytes = int_sqrt((managed << (PAGE_SHIFT - 10)) * 16);
	min_kbytes = MIN(MAX(min_kbytes, 128UL), 65536UL);
	pages_min = min_kbytes >> (PAGE_SHIFT - 10);
	for_each_zone(pgdat, zone) {
		min = pages_min * zone->managed_pages / managed;
		step = MAX(min / 4, zone->managed_pages / 1000);
		zone->_watermark[WMARK_MIN] = min;
		zone->_watermark[WMARK_LOW] = min + step;
		zone->_watermark[WMARK_HIGH] = min + 2 * step;
	}
}

void memmap_init_done(struct pglist_data *pgdat)
{
	struct zone *zone;

	setup_per_zone_wmarks(pgdat);
	for_each_zone(pgdat, zone) {
		if (!zone->spanned_pages) {
			pr_info("zone %s empty\n", zone->name);
			continue;
		}
		pr_info("zone %s pfn 0x%lx-0x%lx: present %lu managed %lu free %lu, "
			"watermarks min %lu low %lu high %lu\n", zone->name,
			zone->zone_start_pfn, zone_end_pfn(zone) - 1, zone->present_pages,
			zone->managed_pages, zone_page_state(zone, NR_FREE_PAGES),
			min_wmark_pages(zone), low_wmark_pages(zone), high_wmark_pages(zone));
	}
}
