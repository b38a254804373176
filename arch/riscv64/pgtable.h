/* SPDX-License-Identifier: Apache-2.0 */
/* Private to the riscv64 arch: Sv39 entries and the page-table internals
 * that pgtable.c, mmu.c and the ktests share. */
#ifndef RISCV64_PGTABLE_H
#define RISCV64_PGTABLE_H

#include <tessera/pgtable.h>
#include <tessera/types.h>
#include "csr.h"

typedef u64 pte_t;

#define PTE_U           _UL(0x010)
#define PTE_SOFT_DEVICE _UL(0x100)	/* RSW bit 8: mapped with PGPROT_DEVICE */
#define PTE_FLAGS_MASK  _UL(0x3ff)

/* One address space: the root table (its direct-map address). */
struct pgtable {
	pte_t *pgd;
};

pte_t riscv64_pgprot_to_pte(pgprot_t prot);
/* The level of the leaf mapping @va (0: 4 KiB, 1: 2 MiB, 2: 1 GiB), or -ENOENT. */
int riscv64_pgtable_level(struct pgtable *pt, unsigned long va);

/* Build the kernel's page tables and switch to them (mmu.c). */
void riscv64_paging_init(void);

#endif
