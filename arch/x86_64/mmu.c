/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The kernel's page tables (interface `mmu`): built here, in C, from the
 * boot memory before start_kernel(), replacing boot.S's early map.
 *
 *   - the direct map: every RAM range reported to memblock, at PAGE_OFFSET,
 *     read-write, NX, 2 MiB pages where the range allows;
 *   - the image at KERNEL_VIRT_BASE with 4 KiB pages, so each section gets
 *     its own protection (W^X): .text RX, .rodata R, .data/.bss RW, the
 *     last two NX; the guard pages of the early stacks (stacks.c) unmapped;
 *   - nothing else: no identity map, no low memory, so NULL faults.
 *
 * Table pages come from memblock until the page allocator has taken the
 * free memory (it reports RAM in totalram_pages() from its init on), then
 * from the page allocator. The arch cannot `require` page_alloc, which
 * requires arch; it `upcalls` it instead: a call that is not an init-order
 * edge, like the jump to start_kernel(). Until the switch to the new tables
 * a table page is reached through boot.S's map (memblock's limit keeps it
 * below EARLY_MAP_SIZE), afterwards through the direct map.
 *
 * ioremap() hands out addresses in [IOREMAP_START, IOREMAP_END) and never
 * reuses them: MMIO mappings are few and mostly permanent, and 16 TiB is
 * not exhausted by remapping; iounmap() removes the mapping and its slot.
 * Each mapping is followed by an unmapped page.
 */
#define pr_fmt(fmt) "x86_64: " fmt

#include <asm/cpu.h>
#include <asm/memory.h>
#include <asm/sections.h>
#include <interfaces/arch.h>
#include <interfaces/lib.h>
#include <interfaces/memblock.h>
#include <interfaces/mmu.h>
#include <interfaces/page_alloc.h>
#include <interfaces/panic.h>
#include <interfaces/printk.h>
#include <tessera/compiler.h>
#include <tessera/errno.h>
#include <tessera/page.h>

#include "mmu.h"
#include "pgtable.h"

#define CPUID_EXT_FEATURES 0x80000001
#define CPUID_EXT_EDX_NX   (1U << 20)

#define IOREMAP_SLOTS 64

static struct pgtable kernel_pgtable;
static bool paging_live;

static struct {
	unsigned long va, size;
} ioremaps[IOREMAP_SLOTS];
static unsigned long ioremap_next = IOREMAP_START;

static pteval_t *early_table(phys_addr_t pa)
{
	return early_phys_to_virt(pa);
}

static pteval_t *direct_table(phys_addr_t pa)
{
	return phys_to_virt(pa);
}

static void flush_one(unsigned long va)
{
	invlpg(va);
}

static phys_addr_t alloc_table(void)
{
	phys_addr_t pa;

	if (totalram_pages()) {
		unsigned long page = __get_free_pages(GFP_KERNEL, 0);

		if (!page)
			return 0;
		memset((void *)page, 0, PAGE_SIZE);
		return virt_to_phys((void *)page);
	}
	pa = memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE);
	if (pa)
		memset(kernel_pgtable.table(pa), 0, PAGE_SIZE);
	return pa;
}

static bool cpu_has_nx(void)
{
	unsigned int eax, ebx, ecx, edx;

	cpuid(0x80000000, &eax, &ebx, &ecx, &edx);
	if (eax < CPUID_EXT_FEATURES)
		return false;
	cpuid(CPUID_EXT_FEATURES, &eax, &ebx, &ecx, &edx);
	return edx & CPUID_EXT_EDX_NX;
}

static void map_or_panic(unsigned long va, phys_addr_t pa, unsigned long size, pgprot_t prot)
{
	int ret = x86_64_pt_map(&kernel_pgtable, va, pa, size, prot);

	if (ret)
		panic("x86_64: cannot map 0x%lx-0x%lx: error %d", va, va + size - 1, ret);
}

static void map_image_range(const char *start, const char *end, pgprot_t prot)
{
	unsigned long va = (unsigned long)start;

	map_or_panic(va, virt_to_phys(start), ALIGN_UP((unsigned long)end, PAGE_SIZE) - va,
		     prot | PGPROT_NOLARGE);
}

void x86_64_paging_init(const struct boot_info *bi)
{
	struct pgtable *pt = &kernel_pgtable;
	unsigned int i;

	pt->table = early_table;
	pt->alloc_table = alloc_table;
	pt->flush = NULL;               /* the tables are not live yet */
	if (cpu_has_nx()) {
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NX);
		pt->nx = _PAGE_NX;
	}
	pt->root = alloc_table();
	if (!pt->root)
		panic("x86_64: no memory for the kernel page tables");

	/* Exactly what report_boot_memory() gave memblock as memory. */
	for (i = 0; i < bi->nr_regions; i++) {
		const struct mem_region *r = &bi->regions[i];

		if (r->type == MEM_USABLE || r->type == MEM_KERNEL)
			map_or_panic(PAGE_OFFSET + r->base, r->base, r->size, PAGE_KERNEL);
	}

	map_image_range(_text, __start_rodata, PAGE_KERNEL_EXEC);
	map_image_range(__start_rodata, _sdata, PAGE_KERNEL_RO);
	map_image_range(_sdata, _kernel_end, PAGE_KERNEL);
	for (i = 0; i < x86_64_nr_stacks; i++)
		x86_64_pt_unmap(pt, x86_64_stacks[i].guard, PAGE_SIZE);

	write_cr3(pt->root);
	pt->table = direct_table;
	pt->flush = flush_one;
	paging_live = true;
	/* Early allocations may now come from anywhere in RAM. */
	memblock_set_current_limit(memblock_end_of_DRAM());
}

bool x86_64_kernel_mapped(unsigned long va)
{
	if (!paging_live)
		return va >= KERNEL_VIRT_BASE && va - KERNEL_VIRT_BASE < EARLY_MAP_SIZE;
	return x86_64_pt_lookup(&kernel_pgtable, va, NULL, NULL) == 0;
}

struct pgtable *x86_64_pgtable_kernel(void)
{
	return &kernel_pgtable;
}

/* One CPU: masking interrupts serialises table updates. */
int x86_64_pgtable_map(struct pgtable *pt, unsigned long va, phys_addr_t pa,
		       unsigned long size, pgprot_t prot)
{
	unsigned long flags = x86_64_arch_irq_save();
	int ret = x86_64_pt_map(pt, va, pa, size, prot);

	x86_64_arch_irq_restore(flags);
	return ret;
}

int x86_64_pgtable_unmap(struct pgtable *pt, unsigned long va, unsigned long size)
{
	unsigned long flags = x86_64_arch_irq_save();
	int ret = x86_64_pt_unmap(pt, va, size);

	x86_64_arch_irq_restore(flags);
	return ret;
}

int x86_64_pgtable_protect(struct pgtable *pt, unsigned long va, unsigned long size,
			   pgprot_t prot)
{
	unsigned long flags = x86_64_arch_irq_save();
	int ret = x86_64_pt_protect(pt, va, size, prot);

	x86_64_arch_irq_restore(flags);
	return ret;
}

int x86_64_pgtable_lookup(struct pgtable *pt, unsigned long va, phys_addr_t *pa,
			  pgprot_t *prot)
{
	unsigned long flags = x86_64_arch_irq_save();
	int ret = x86_64_pt_lookup(pt, va, pa, prot);

	x86_64_arch_irq_restore(flags);
	return ret;
}

void *x86_64_ioremap(phys_addr_t pa, unsigned long size)
{
	phys_addr_t base = ALIGN_DOWN(pa, (phys_addr_t)PAGE_SIZE);
	unsigned long offset = pa - base, va, flags;
	unsigned int slot;
	void *ret = NULL;

	if (!size || size > IOREMAP_END - IOREMAP_START)
		return NULL;
	size = ALIGN_UP(size + offset, PAGE_SIZE);
	flags = x86_64_arch_irq_save();
	for (slot = 0; slot < IOREMAP_SLOTS && ioremaps[slot].size; slot++)
		;
	/* Large mappings get va congruent to pa modulo 2 MiB: large pages. */
	va = ioremap_next;
	if (size >= PMD_SIZE)
		va = ALIGN_UP(va, PMD_SIZE) + (base & (PMD_SIZE - 1));
	if (slot < IOREMAP_SLOTS && va < IOREMAP_END && size <= IOREMAP_END - va - PAGE_SIZE) {
		if (!x86_64_pt_map(&kernel_pgtable, va, base, size, PAGE_KERNEL_IO)) {
			ioremaps[slot].va = va;
			ioremaps[slot].size = size;
			ioremap_next = va + size + PAGE_SIZE;
			ret = (void *)(va + offset);
		} else {
			x86_64_pt_unmap(&kernel_pgtable, va, size);
		}
	}
	x86_64_arch_irq_restore(flags);
	return ret;
}

void x86_64_iounmap(void *addr)
{
	unsigned long va = ALIGN_DOWN((unsigned long)addr, PAGE_SIZE), flags;
	unsigned int slot;

	flags = x86_64_arch_irq_save();
	for (slot = 0; slot < IOREMAP_SLOTS; slot++) {
		if (ioremaps[slot].size && ioremaps[slot].va == va) {
			x86_64_pt_unmap(&kernel_pgtable, va, ioremaps[slot].size);
			ioremaps[slot].size = 0;
			break;
		}
	}
	x86_64_arch_irq_restore(flags);
	if (slot == IOREMAP_SLOTS)
		pr_err("iounmap(%p): not an ioremap() address\n", addr);
}
