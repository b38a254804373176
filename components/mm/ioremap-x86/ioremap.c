/* SPDX-License-Identifier: Apache-2.0 */
/*
 * TEMPORARY ioremap (s-irq, interface x86_ioremap), until s-mm-x86 lands and
 * replaces this file: the boot page tables map physical 0..2 GiB only, and
 * the local APIC (0xfee00000) and I/O APIC (0xfec00000) sit just below
 * 4 GiB. Each request maps the 2 MiB pages that cover it, uncached, into
 * the contract's vmalloc/ioremap area (VMALLOC_START) through one static
 * page directory (1 GiB of room); a page already mapped is reused, and
 * iounmap keeps the mapping (device windows live as long as the kernel).
 */
#include <asm/cpu.h>
#include <asm/memory.h>
#include <interfaces/arch.h>
#include <interfaces/x86_ioremap.h>
#include <tessera/compiler.h>

/* The contract's VMALLOC_START; asm/memory.h gets it with s-mm-x86. */
#define TEMP_IOREMAP_BASE 0xffffc90000000000UL
#define PMD_SIZE          (1UL << 21)
#define PTRS_PER_TABLE    512

#define _PAGE_PRESENT  0x001UL
#define _PAGE_RW       0x002UL
#define _PAGE_PWT      0x008UL
#define _PAGE_PCD      0x010UL
#define _PAGE_PSE      0x080UL
#define PTE_ADDR_MASK  0x000ffffffffff000UL

static u64 ioremap_pud[PTRS_PER_TABLE] __aligned(4096);
static u64 ioremap_pmd[PTRS_PER_TABLE] __aligned(4096);
static unsigned int ioremap_next;

static void ioremap_tables_init(void)
{
	u64 *pgd = phys_to_virt(read_cr3() & PTE_ADDR_MASK);
	unsigned int pgd_index = (TEMP_IOREMAP_BASE >> 39) & (PTRS_PER_TABLE - 1);
	unsigned int pud_index = (TEMP_IOREMAP_BASE >> 30) & (PTRS_PER_TABLE - 1);

	ioremap_pud[pud_index] = virt_to_phys(ioremap_pmd) | _PAGE_PRESENT | _PAGE_RW;
	pgd[pgd_index] = virt_to_phys(ioremap_pud) | _PAGE_PRESENT | _PAGE_RW;
}

/* The slot already mapping @base, or -1. */
static int ioremap_find(phys_addr_t base)
{
	unsigned int i;

	for (i = 0; i < ioremap_next; i++)
		if ((ioremap_pmd[i] & PTE_ADDR_MASK & ~(PMD_SIZE - 1)) == base)
			return (int)i;
	return -1;
}

void *x86_64_ioremap(phys_addr_t pa, unsigned long size)
{
	phys_addr_t base = ALIGN_DOWN(pa, (phys_addr_t)PMD_SIZE);
	phys_addr_t end = ALIGN_UP(pa + size, (phys_addr_t)PMD_SIZE);
	unsigned long flags;
	unsigned int n = (unsigned int)((end - base) / PMD_SIZE), i;
	int slot;

	if (!size || pa + size < pa)
		return NULL;
	flags = arch_irq_save();
	if (!ioremap_next)
		ioremap_tables_init();
	slot = ioremap_find(base);
	/* Reuse only when every page of the request follows in order. */
	for (i = 1; slot >= 0 && i < n; i++)
		if ((unsigned int)slot + i >= ioremap_next ||
		    (ioremap_pmd[slot + i] & PTE_ADDR_MASK) != base + i * PMD_SIZE)
			slot = -1;
	if (slot < 0) {
		if (ioremap_next + n > PTRS_PER_TABLE) {
			arch_irq_restore(flags);
			return NULL;
		}
		slot = (int)ioremap_next;
		for (i = 0; i < n; i++) {
			ioremap_pmd[slot + i] = (base + i * PMD_SIZE) | _PAGE_PRESENT |
						_PAGE_RW | _PAGE_PSE | _PAGE_PCD | _PAGE_PWT;
			__asm__ __volatile__("invlpg (%0)" : :
					     "r"(TEMP_IOREMAP_BASE + (slot + i) * PMD_SIZE) :
					     "memory");
		}
		ioremap_next += n;
	}
	arch_irq_restore(flags);
	return (void *)(TEMP_IOREMAP_BASE + (unsigned long)slot * PMD_SIZE + (pa - base));
}

void x86_64_iounmap(void *va)
{
	(void)va;
}
