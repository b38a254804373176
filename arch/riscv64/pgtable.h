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

/*
 * One address space: the root table (its direct-map address, the image
 * address for the kernel's). A user space (pgtable_create) is also on the
 * list of user roots, so that a new root entry of the kernel half reaches
 * every space (mmu.c).
 */
struct pgtable {
	pte_t *pgd;
	struct pgtable *next_user;
};

/* Root entries 0..255 are the user half ([0, TASK_SIZE)), 256..511 the kernel's. */
#define PGD_USER_ENTRIES 256

pte_t riscv64_pgprot_to_pte(pgprot_t prot);
/* The level of the leaf mapping @va (0: 4 KiB, 1: 2 MiB, 2: 1 GiB), or -ENOENT. */
int riscv64_pgtable_level(struct pgtable *pt, unsigned long va);

/* The kernel's root entries for [va, va + size) changed: copy them into
 * every user root (mmu.c). */
void riscv64_sync_kernel_pgd(unsigned long va, unsigned long size);

/* Build the kernel's page tables and switch to them (mmu.c). */
void riscv64_paging_init(void);

#endif
