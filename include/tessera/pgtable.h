/* SPDX-License-Identifier: Apache-2.0 */
/*
 * DOC: the page-table API (interface `mmu`, provided by each architecture)
 *
 * One address space's page tables behind an opaque struct pgtable; the
 * kernel's is pgtable_kernel(). Protections are the generic PGPROT_* bits
 * below, which the architecture translates into its PTE bits. pgtable_map()
 * uses the largest pages the alignment of va, pa and size allows;
 * pgtable_protect() and pgtable_unmap() split a large page that they cover
 * only partly. The processes issue adds pgtable_create()/pgtable_destroy()
 * for user address spaces on the same code.
 *
 * ioremap() maps device memory (PAGE_KERNEL_IO) into a kernel virtual area
 * of its own, never through the direct map, and returns the address of @pa.
 */
#ifndef TESSERA_PGTABLE_H
#define TESSERA_PGTABLE_H

#include <tessera/types.h>

typedef unsigned long pgprot_t;      /* generic bits below; the arch translates */
#define PGPROT_READ   0x01
#define PGPROT_WRITE  0x02
#define PGPROT_EXEC   0x04
#define PGPROT_USER   0x08
#define PGPROT_DEVICE 0x10           /* uncached MMIO */
#define PAGE_KERNEL      (PGPROT_READ | PGPROT_WRITE)
#define PAGE_KERNEL_RO   (PGPROT_READ)
#define PAGE_KERNEL_EXEC (PGPROT_READ | PGPROT_EXEC)
#define PAGE_KERNEL_IO   (PGPROT_READ | PGPROT_WRITE | PGPROT_DEVICE)

struct pgtable;                      /* arch-private: one address space's root */

#endif
