// SPDX-License-Identifier: Apache-2.0
/*
 * page-alloc-firstfit kernel glue and page_alloc interface operations.
 *
 * Only the LARGEST free range of boot memory (memblock) is managed. This is
 * the allocator of the tiny products, where code size is what matters: one
 * area means no zone table, no zone lookup on free, and one bitmap. On the
 * machines those products run on (QEMU with a single large RAM region above
 * the kernel) the memory given up is the small low-memory holes only. The
 * bitmap sits in the first pages of the region, which are not handed out.
 */
#define pr_fmt(fmt) "firstfit: " fmt

#include <asm/memory.h>
#include <interfaces/arch.h>
#include <interfaces/memblock.h>
#include <interfaces/page_alloc.h>
#include <interfaces/panic.h>
#include <interfaces/printk.h>
#include <tessera/compiler.h>
#include <tessera/errno.h>

#include "firstfit.h"

static struct firstfit_area area;

int firstfit_init(void)
{
	phys_addr_t start = 0, end = 0, s, e;
	unsigned long nr_pages, meta_pages;
	u64 cursor;
	char *base;

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
	pr_info("0x%lx-0x%lx: %lu pages\n", (unsigned long)start,
		(unsigned long)end - 1, area.nr_pages);
	return 0;
}

void *firstfit_alloc_pages(unsigned int order)
{
	unsigned long flags = arch_irq_save();
	void *p = firstfit_area_alloc(&area, order);

	arch_irq_restore(flags);
	return p;
}

void firstfit_free_pages(void *addr, unsigned int order)
{
	unsigned long flags = arch_irq_save();
	int ret = firstfit_area_free(&area, addr, order);

	arch_irq_restore(flags);
	if (ret)
		panic("firstfit: free_pages(%p, %u): %s", addr, order,
		      ret == -ENOENT ? "double free" :
		      ret == -EINVAL ? "unaligned for its order" :
		      "address not managed by the page allocator");
}

unsigned long firstfit_nr_free_pages(void)
{
	return area.nr_free;
}

unsigned long firstfit_totalram_pages(void)
{
	return area.nr_pages;
}
