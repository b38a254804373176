/* SPDX-License-Identifier: Apache-2.0 */
/*
 * x86-64 4-level page tables: the PTE bits (SDM Vol. 3A, 4.5) and struct
 * pgtable, private to the arch component. The walker (pgtable.c) reaches
 * table pages and allocates them only through the callbacks here, so the
 * same code runs on the boot map, on the direct map, and in the host test
 * over an array that plays physical memory.
 */
#ifndef ARCH_X86_64_PGTABLE_H
#define ARCH_X86_64_PGTABLE_H

#include <tessera/pgtable.h>
#include <tessera/types.h>

typedef u64 pteval_t;

#define _PAGE_PRESENT  0x001ULL
#define _PAGE_RW       0x002ULL
#define _PAGE_USER     0x004ULL
#define _PAGE_PWT      0x008ULL
#define _PAGE_PCD      0x010ULL
#define _PAGE_ACCESSED 0x020ULL
#define _PAGE_DIRTY    0x040ULL
#define _PAGE_PSE      0x080ULL   /* in a PDE/PDPTE: a 2 MiB/1 GiB leaf */
#define _PAGE_GLOBAL   0x100ULL
#define _PAGE_NX       (1ULL << 63)

/* Physical address bits of an entry (MAXPHYADDR <= 52). */
#define PTE_PFN_MASK   0x000ffffffffff000ULL

/* Intermediate entries grant everything; the leaf decides (SDM 4.6). */
#define TABLE_FLAGS    (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED)

#define PT_LEVELS      4
#define PT_ENTRIES     512
#define PMD_SHIFT      21
#define PMD_SIZE       (1UL << PMD_SHIFT)

struct pgtable {
	phys_addr_t root;                       /* the PML4 */
	/* The table page at @pa, as the running code can reach it. */
	pteval_t *(*table)(phys_addr_t pa);
	/* A zeroed page for a table; 0 when there is none. */
	phys_addr_t (*alloc_table)(void);
	/* Drop the TLB entry of @va (after a present entry changed). */
	void (*flush)(unsigned long va);
	/* _PAGE_NX once EFER.NXE is on; without it bit 63 is reserved. */
	pteval_t nx;
};

int x86_64_pt_map(struct pgtable *pt, unsigned long va, phys_addr_t pa,
		  unsigned long size, pgprot_t prot);
int x86_64_pt_unmap(struct pgtable *pt, unsigned long va, unsigned long size);
int x86_64_pt_protect(struct pgtable *pt, unsigned long va, unsigned long size,
		      pgprot_t prot);
int x86_64_pt_lookup(struct pgtable *pt, unsigned long va, phys_addr_t *pa,
		     pgprot_t *prot);
/*
 * Hand every table page of the user half (PML4 slots below @first_kernel)
 * to @free_table and clear those root entries; the pages the leaves map
 * are not touched (their owner frees them). Returns the number freed.
 */
unsigned long x86_64_pt_free_user(struct pgtable *pt, unsigned int first_kernel,
				  void (*free_table)(phys_addr_t pa));

#endif
