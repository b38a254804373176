/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The kernel's address space (layout in asm/memory.h), built in C at the
 * start of arch_setup() and replacing boot.S's early gigapages:
 *
 *   - the image page by page with its sections' protections: text R+X,
 *     rodata R, data and bss R+W, and a hole at the boot stack's guard page;
 *   - the direct map of every RAM range, R+W and never executable; the
 *     aliases of text and rodata read-only (no writable alias of code), the
 *     alias of the guard page unmapped;
 *   - nothing else: devices are reached through ioremap().
 *
 * Also the rest of the `mmu` interface: pgtable_kernel(), ioremap(), iounmap().
 */
#define pr_fmt(fmt) "riscv64: " fmt

#include <tessera/boot.h>
#include <tessera/compiler.h>
#include <tessera/errno.h>
#include <tessera/page.h>
#include <tessera/pgtable.h>
#include <tessera/printk.h>
#include <asm/memory.h>
#include <asm/io.h>
#include <asm/platform.h>
#include <interfaces/arch.h>
#include <interfaces/memblock.h>
#include <interfaces/mmu.h>
#include <interfaces/page_alloc.h>
#include <interfaces/panic.h>
#include <interfaces/printk.h>
#include "csr.h"
#include "pgtable.h"
#include "riscv64.h"

/*
 * What boot.S's early map reaches of the direct map: the image's gigapage.
 * memblock hands out page tables below this until the direct map is built.
 */
#define EARLY_MAP_LIMIT (KERNEL_PHYS_BASE + KERNEL_MAP_SIZE)

static pte_t swapper_pg_dir[512] __attribute__((__aligned__(PAGE_SIZE)));
static struct pgtable kernel_pgtable = { .pgd = swapper_pg_dir };
static bool paging_ready;

struct pgtable *riscv64_pgtable_kernel(void)
{
	return &kernel_pgtable;
}

phys_addr_t riscv64_early_map_limit(void)
{
	return EARLY_MAP_LIMIT;
}

static void must(int err, const char *what, unsigned long va)
{
	if (err)
		riscv64_early_fatal(what, err == -ENOMEM ? "out of memory for page tables"
							 : "page-table error", va);
}

static void map_kernel_range(const char *start, const char *end, pgprot_t prot)
{
	unsigned long va = (unsigned long)start;

	must(pgtable_map(&kernel_pgtable, va, virt_to_phys(start),
			 (unsigned long)(end - start), prot), "mapping the image", va);
}

static void map_image(void)
{
	map_kernel_range(_stext, __end_text_pages, PAGE_KERNEL_EXEC);
	map_kernel_range(__start_rodata, __end_rodata, PAGE_KERNEL_RO);
	map_kernel_range(_sdata, _kernel_end, PAGE_KERNEL);
	/* The hole under the boot stack: an overflow faults (entry.S). */
	must(pgtable_unmap(&kernel_pgtable, (unsigned long)boot_stack_guard, PAGE_SIZE),
	     "unmapping the guard page", (unsigned long)boot_stack_guard);
}

/* The direct map: boot_info's regions are memblock's memory, sorted. */
static void map_direct(const struct boot_info *bi)
{
	for (unsigned int i = 0; i < bi->nr_regions;) {
		phys_addr_t start = bi->regions[i].base;
		phys_addr_t end = start + bi->regions[i].size;

		/* Touching regions (RAM, reserved, the image) are one range,
		 * so that they can share large pages. */
		for (i++; i < bi->nr_regions && bi->regions[i].base == end; i++)
			end += bi->regions[i].size;
		must(pgtable_map(&kernel_pgtable, (unsigned long)phys_to_virt(start), start,
				 end - start, PAGE_KERNEL), "building the direct map",
		     (unsigned long)phys_to_virt(start));
	}
	/* The image's alias: code and constants are not writable through
	 * any mapping (this splits the large pages that cover them). */
	must(pgtable_protect(&kernel_pgtable,
			     (unsigned long)phys_to_virt(virt_to_phys(_stext)),
			     (unsigned long)(__end_rodata - _stext), PAGE_KERNEL_RO),
	     "protecting the image's alias", (unsigned long)_stext);
	must(pgtable_unmap(&kernel_pgtable,
			   (unsigned long)phys_to_virt(virt_to_phys(boot_stack_guard)),
			   PAGE_SIZE), "unmapping the guard page's alias",
	     (unsigned long)boot_stack_guard);
}

void riscv64_paging_init(void)
{
	const struct boot_info *bi = riscv64_arch_boot_info();
	unsigned long satp;

	map_image();
	map_direct(bi);
	satp = SATP_MODE_SV39 | (virt_to_phys(swapper_pg_dir) >> PAGE_SHIFT);
	__asm__ __volatile__("sfence.vma\n\tcsrw satp, %0\n\tsfence.vma"
			     :: "r"(satp) : "memory");
	/* All RAM is reachable now: early allocations may come from anywhere. */
	memblock_set_current_limit(memblock_end_of_DRAM());
	paging_ready = true;

	/* The fixed devices, before anything prints or powers off. */
	riscv64_platform_mmio(PLATFORM_UART0_PHYS);
	if (riscv64_sifive_test_phys)
		riscv64_platform_mmio(riscv64_sifive_test_phys);
}

/* --- ioremap: device memory in [IOREMAP_START, IOREMAP_END) ------------------ */

#define MAX_IOREMAPS 64

struct ioremap_area {
	phys_addr_t pa;          /* page-aligned */
	unsigned long va;        /* 0: slot free */
	unsigned long size;      /* whole pages, without the guard */
};

static struct ioremap_area ioremaps[MAX_IOREMAPS];
/* Addresses are not reused: 16 GiB of window outlasts any boot. */
static unsigned long ioremap_next = IOREMAP_START;

void *riscv64_ioremap(phys_addr_t pa, unsigned long size)
{
	phys_addr_t base = ALIGN_DOWN(pa, (phys_addr_t)PAGE_SIZE);
	unsigned long len, flags;
	struct ioremap_area *area = NULL;
	void *ret = NULL;

	if (!size || pa + size < pa)
		return NULL;
	len = ALIGN_UP((unsigned long)(pa - base) + size, PAGE_SIZE);
	flags = riscv64_arch_irq_save();
	for (unsigned int i = 0; i < MAX_IOREMAPS && !area; i++)
		if (!ioremaps[i].va)
			area = &ioremaps[i];
	/* One unmapped page after each area catches a driver running off it. */
	if (area && len + PAGE_SIZE <= IOREMAP_END - ioremap_next &&
	    !pgtable_map(&kernel_pgtable, ioremap_next, base, len, PAGE_KERNEL_IO)) {
		*area = (struct ioremap_area){ base, ioremap_next, len };
		ret = (void *)(ioremap_next + (unsigned long)(pa - base));
		ioremap_next += len + PAGE_SIZE;
	}
	riscv64_arch_irq_restore(flags);
	return ret;
}

void riscv64_iounmap(void *addr)
{
	unsigned long va = (unsigned long)addr, flags;

	flags = riscv64_arch_irq_save();
	for (unsigned int i = 0; i < MAX_IOREMAPS; i++) {
		struct ioremap_area *a = &ioremaps[i];

		if (a->va && va >= a->va && va - a->va < a->size) {
			pgtable_unmap(&kernel_pgtable, a->va, a->size);
			a->va = 0;
			break;
		}
	}
	riscv64_arch_irq_restore(flags);
}

/*
 * platform_mmio() (asm/io.h): an existing mapping of @pa, or a new one of
 * its page. Before riscv64_paging_init() only boot.S's early device window
 * exists, which serves the power off of an early fatal error.
 */
void *riscv64_platform_mmio(phys_addr_t pa)
{
	void *va;

	if (!paging_ready)
		return pa < EARLY_IO_SIZE ? (void *)(EARLY_IO_VIRT + pa) : NULL;
	for (unsigned int i = 0; i < MAX_IOREMAPS; i++) {
		const struct ioremap_area *a = &ioremaps[i];

		if (a->va && pa >= a->pa && pa - a->pa < a->size)
			return (void *)(a->va + (unsigned long)(pa - a->pa));
	}
	va = ioremap(pa, 1);
	if (!va)
		panic("riscv64: cannot map the device at 0x%lx", (unsigned long)pa);
	return va;
}

/* --- user address spaces: pgtable_create/destroy/activate -------------------- */

/*
 * Every user root starts with the kernel half of swapper_pg_dir (entries
 * 256..511) and the user half empty. A kernel mapping made later may add a
 * root entry (a new vmalloc or ioremap gigabyte, a gigapage split):
 * pgtable.c calls riscv64_sync_kernel_pgd() after every change to the
 * kernel's table and the entries of that range are copied into each user
 * root on the list (Linux's riscv does the same work lazily, on a vmalloc
 * fault; copying at the change keeps the fault path free of it).
 */
static struct pgtable *user_pgtables;           /* list through next_user */
static struct pgtable *pgtable_free_structs;    /* spare structs, carved from pages */

static unsigned int pgd_index(unsigned long va)
{
	return (va >> 30) & 511;
}

void riscv64_sync_kernel_pgd(unsigned long va, unsigned long size)
{
	unsigned int first, last;
	unsigned long flags;

	if (!size || va < PAGE_OFFSET)
		return;
	first = pgd_index(va);
	last = pgd_index(va + size - 1);
	flags = riscv64_arch_irq_save();
	for (struct pgtable *pt = user_pgtables; pt; pt = pt->next_user)
		for (unsigned int i = first; i <= last; i++)
			pt->pgd[i] = swapper_pg_dir[i];
	riscv64_arch_irq_restore(flags);
}

static struct pgtable *pgtable_struct_alloc(void)
{
	struct pgtable *pt;

	if (!pgtable_free_structs) {
		unsigned long page = __get_free_pages(GFP_KERNEL, 0);

		if (!page)
			return NULL;
		for (unsigned long off = 0; off + sizeof(*pt) <= PAGE_SIZE; off += sizeof(*pt)) {
			pt = (struct pgtable *)(page + off);
			pt->next_user = pgtable_free_structs;
			pgtable_free_structs = pt;
		}
	}
	pt = pgtable_free_structs;
	pgtable_free_structs = pt->next_user;
	return pt;
}

struct pgtable *riscv64_pgtable_create(void)
{
	unsigned long root = __get_free_pages(GFP_KERNEL, 0), flags;
	struct pgtable *pt;
	pte_t *pgd = (pte_t *)root;

	if (!root)
		return NULL;
	flags = riscv64_arch_irq_save();
	pt = pgtable_struct_alloc();
	if (!pt) {
		riscv64_arch_irq_restore(flags);
		free_pages(root, 0);
		return NULL;
	}
	for (unsigned int i = 0; i < PGD_USER_ENTRIES; i++)
		pgd[i] = 0;
	for (unsigned int i = PGD_USER_ENTRIES; i < 512; i++)
		pgd[i] = swapper_pg_dir[i];
	pt->pgd = pgd;
	pt->next_user = user_pgtables;
	user_pgtables = pt;
	riscv64_arch_irq_restore(flags);
	return pt;
}

/* Free the table pages under a user-half entry at @level (not the pages
 * the leaves map: the mm has freed those). */
static void free_user_table(pte_t entry, int level)
{
	pte_t *table;

	if (!(entry & PTE_V) || (entry & (PTE_R | PTE_W | PTE_X)))
		return;
	table = phys_to_virt((entry >> PTE_PPN_SHIFT) << PAGE_SHIFT);
	if (level > 1)
		for (unsigned int i = 0; i < 512; i++)
			free_user_table(table[i], level - 1);
	free_pages((unsigned long)table, 0);
}

void riscv64_pgtable_destroy(struct pgtable *pt)
{
	unsigned long flags;

	if (!pt || pt == &kernel_pgtable)
		return;
	/* Never free the root the CPU is walking. */
	if ((csr_read(satp) & ((1UL << 44) - 1)) == virt_to_phys(pt->pgd) >> PAGE_SHIFT)
		riscv64_pgtable_activate(&kernel_pgtable);
	flags = riscv64_arch_irq_save();
	for (struct pgtable **pp = &user_pgtables; *pp; pp = &(*pp)->next_user)
		if (*pp == pt) {
			*pp = pt->next_user;
			break;
		}
	riscv64_arch_irq_restore(flags);
	for (unsigned int i = 0; i < PGD_USER_ENTRIES; i++)
		free_user_table(pt->pgd[i], 2);
	free_pages((unsigned long)pt->pgd, 0);
	flags = riscv64_arch_irq_save();
	pt->next_user = pgtable_free_structs;
	pgtable_free_structs = pt;
	riscv64_arch_irq_restore(flags);
}

/*
 * Load @pt (NULL: the kernel's) into satp. One ASID (0) for every space,
 * so the whole TLB is flushed; the kernel's entries are global (PTE_G) and
 * the same in every space.
 */
void riscv64_pgtable_activate(struct pgtable *pt)
{
	unsigned long satp;

	if (!pt)
		pt = &kernel_pgtable;
	satp = SATP_MODE_SV39 | (virt_to_phys(pt->pgd) >> PAGE_SHIFT);
	__asm__ __volatile__("csrw satp, %0\n\tsfence.vma" :: "r"(satp) : "memory");
}
