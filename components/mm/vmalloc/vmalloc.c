// SPDX-License-Identifier: Apache-2.0
/*
 * vmalloc: whole pages from the page allocator mapped at consecutive
 * addresses of the architecture's vmalloc area, between unmapped guard
 * pages (vm_area.c hands out the addresses), and kernel stacks made of it.
 *
 * Arch-independent: what it needs from the architecture is VMALLOC_START
 * and VMALLOC_END (asm/memory.h) and the page-table API (interface `mmu`).
 * The pages are not remembered: vfree() finds them with pgtable_lookup(),
 * so an area costs no memory beyond its pages and page tables. The table
 * pages the first areas create stay for later ones.
 */
#define pr_fmt(fmt) "vmalloc: " fmt

#include <asm/memory.h>
#include <interfaces/arch.h>
#include <interfaces/mmu.h>
#include <interfaces/page_alloc.h>
#include <interfaces/printk.h>
#include <interfaces/vmalloc.h>
#include <tessera/compiler.h>
#include <tessera/page.h>

#include "vm_area.h"

int vmalloc_init(void);

static struct vm_space vmalloc_space;

int vmalloc_init(void)
{
	vm_space_init(&vmalloc_space, VMALLOC_START, VMALLOC_END);
	return 0;
}

/* Unmap the first @size bytes of the area at @addr and free their pages. */
static void unmap_pages(unsigned long addr, unsigned long size)
{
	struct pgtable *pt = pgtable_kernel();
	unsigned long off;

	for (off = 0; off < size; off += PAGE_SIZE) {
		phys_addr_t pa;

		if (pgtable_lookup(pt, addr + off, &pa, NULL))
			continue;
		pgtable_unmap(pt, addr + off, PAGE_SIZE);
		free_pages((unsigned long)phys_to_virt(pa), 0);
	}
}

void *vmalloc(unsigned long size)
{
	struct pgtable *pt = pgtable_kernel();
	unsigned long addr, off, flags;

	if (!size || size > VMALLOC_END - VMALLOC_START)
		return NULL;
	size = ALIGN_UP(size, PAGE_SIZE);
	flags = arch_irq_save();
	addr = vm_area_alloc(&vmalloc_space, size);
	arch_irq_restore(flags);
	if (!addr)
		return NULL;

	for (off = 0; off < size; off += PAGE_SIZE) {
		unsigned long page = __get_free_pages(GFP_KERNEL, 0);

		if (!page)
			goto fail;
		if (pgtable_map(pt, addr + off, virt_to_phys((void *)page), PAGE_SIZE, PAGE_KERNEL)) {
			free_pages(page, 0);
			goto fail;
		}
	}
	return (void *)addr;

fail:
	unmap_pages(addr, off);
	flags = arch_irq_save();
	vm_area_free(&vmalloc_space, addr);
	arch_irq_restore(flags);
	return NULL;
}

void vfree(void *ptr)
{
	unsigned long addr = (unsigned long)ptr, size, flags;

	if (!ptr)
		return;
	flags = arch_irq_save();
	size = vm_area_size(&vmalloc_space, addr);
	arch_irq_restore(flags);
	if (!size) {
		pr_err("vfree(%p): not the start of a vmalloc area\n", ptr);
		return;
	}
	/* Unmapped before the address range can be handed out again. */
	unmap_pages(addr, size);
	flags = arch_irq_save();
	vm_area_free(&vmalloc_space, addr);
	arch_irq_restore(flags);
}

void *alloc_kernel_stack(void)
{
	return vmalloc(THREAD_SIZE);
}

void free_kernel_stack(void *stack)
{
	vfree(stack);
}
