/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The kernel's page tables (interface `mmu`): built here, in C, from the
 * boot memory before start_kernel(), replacing boot.S's early map.
 *
 *   - the direct map: every RAM range reported to memblock, at PAGE_OFFSET,
 *     read-write, NX, 2 MiB pages where the range allows;
 *   - the image at KERNEL_VIRT_BASE with 4 KiB pages, so each section gets
 *     its own protection (W^X): .text RX, .rodata R, .data/.bss RW, the
 *     last two NX; the guard pages of the early stacks (stacks.c) left out;
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
 *
 * Per-process roots (pgtable_create): a new PML4 gets a copy of the
 * kernel's entries 256-511, so every space shares the kernel half's
 * PDPT pages. Before the first one is made, every kernel-half slot a later
 * kernel mapping may need ([VMALLOC_START, IOREMAP_END): vmalloc, kernel
 * stacks, ioremap) gets its PDPT, so that mapping shows in every space
 * without a copy; the direct map and the image are complete at boot. A
 * new top-level kernel entry after that would be missing from existing
 * spaces: x86_64_pgtable_map() says so. The struct pgtable of a space
 * comes from a free list carved out of whole pages (the arch cannot use
 * kmalloc: it requires the arch).
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
/* pgtable_create() ran: the kernel half's PML4 entries are shared. */
static bool kernel_half_shared;

#define PML4_KERNEL_FIRST 256
#define PML4_INDEX(va)    (((va) >> 39) & (PT_ENTRIES - 1))

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

static bool stack_guard(unsigned long va)
{
	unsigned int i;

	for (i = 0; i < x86_64_nr_stacks; i++)
		if (x86_64_stacks[i].guard == va)
			return true;
	return false;
}

/*
 * .data and .bss, page by page, leaving out the early stacks' guard pages
 * (stacks.c): never mapping them, rather than unmapping them afterwards,
 * keeps the table walker's unmap and split paths out of products that
 * never call pgtable_unmap() (x86_64-tiny).
 */
static void map_data_range(void)
{
	unsigned long va;

	for (va = (unsigned long)_sdata; va < ALIGN_UP((unsigned long)_kernel_end, PAGE_SIZE);
	     va += PAGE_SIZE)
		if (!stack_guard(va))
			map_or_panic(va, virt_to_phys((void *)va), PAGE_SIZE,
				     PAGE_KERNEL | PGPROT_NOLARGE);
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
	map_data_range();

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
	int ret;

	if (pt == &kernel_pgtable && kernel_half_shared && size &&
	    !(kernel_pgtable.table(kernel_pgtable.root)[PML4_INDEX(va)] & _PAGE_PRESENT))
		pr_warn("pgtable_map(0x%lx): a new kernel PML4 entry, missing from "
			"the user address spaces\n", va);
	ret = x86_64_pt_map(pt, va, pa, size, prot);

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

/*
 * Give every kernel-half slot that later mappings may use its PDPT (see
 * the top of the file). 0 or -ENOMEM.
 */
static int share_kernel_half(void)
{
	pteval_t *root = kernel_pgtable.table(kernel_pgtable.root);
	unsigned int i;

	for (i = PML4_INDEX(VMALLOC_START); i <= PML4_INDEX(IOREMAP_END - 1); i++) {
		if (!(root[i] & _PAGE_PRESENT)) {
			phys_addr_t pa = alloc_table();

			if (!pa)
				return -ENOMEM;
			root[i] = pa | TABLE_FLAGS;
		}
	}
	kernel_half_shared = true;
	return 0;
}

static struct pgtable *pgtable_free_list;

static struct pgtable *pgtable_struct_alloc(void)
{
	struct pgtable *pt = pgtable_free_list;

	if (!pt) {
		unsigned long page = __get_free_pages(GFP_KERNEL, 0);
		unsigned int i, n = PAGE_SIZE / sizeof(*pt);

		if (!page)
			return NULL;
		pt = (struct pgtable *)page;
		/* The first is returned, the rest go on the list. */
		for (i = 1; i < n; i++) {
			*(struct pgtable **)&pt[i] = pgtable_free_list;
			pgtable_free_list = &pt[i];
		}
		return pt;
	}
	pgtable_free_list = *(struct pgtable **)pt;
	return pt;
}

static void pgtable_struct_free(struct pgtable *pt)
{
	*(struct pgtable **)pt = pgtable_free_list;
	pgtable_free_list = pt;
}

struct pgtable *x86_64_pgtable_create(void)
{
	unsigned long flags = x86_64_arch_irq_save();
	struct pgtable *pt = NULL;
	phys_addr_t root;

	if (!kernel_half_shared && share_kernel_half())
		goto out;
	root = alloc_table();
	if (!root)
		goto out;
	pt = pgtable_struct_alloc();
	if (!pt) {
		free_pages((unsigned long)phys_to_virt(root), 0);
		goto out;
	}
	*pt = kernel_pgtable;
	pt->root = root;
	/* The user half starts empty (alloc_table() zeroed it). */
	memcpy(pt->table(root) + PML4_KERNEL_FIRST,
	       kernel_pgtable.table(kernel_pgtable.root) + PML4_KERNEL_FIRST,
	       (PT_ENTRIES - PML4_KERNEL_FIRST) * sizeof(pteval_t));
out:
	x86_64_arch_irq_restore(flags);
	return pt;
}

static void free_table_page(phys_addr_t pa)
{
	free_pages((unsigned long)phys_to_virt(pa), 0);
}

void x86_64_pgtable_destroy(struct pgtable *pt)
{
	unsigned long flags;

	if (!pt || pt == &kernel_pgtable)
		return;
	flags = x86_64_arch_irq_save();
	/* Never free the tables the CPU is walking. */
	if (read_cr3() == pt->root)
		write_cr3(kernel_pgtable.root);
	x86_64_pt_free_user(pt, PML4_KERNEL_FIRST, free_table_page);
	free_table_page(pt->root);
	pgtable_struct_free(pt);
	x86_64_arch_irq_restore(flags);
}

void x86_64_pgtable_activate(struct pgtable *pt)
{
	if (!pt)
		pt = &kernel_pgtable;
	/* Loading CR3 flushes the TLB: only when the space changes. */
	if (read_cr3() != pt->root)
		write_cr3(pt->root);
}
