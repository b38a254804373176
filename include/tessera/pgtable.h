/* SPDX-License-Identifier: Apache-2.0 */
/*
 * DOC: the page-table API (interface `mmu`, provided by each architecture)
 *
 * One address space is a struct pgtable (arch-private: its root table and
 * how to reach and allocate table pages). Protections are given in generic
 * bits that the architecture translates into its PTE bits; READ is implied
 * by any mapping.
 *
 *   pgtable_map()      maps [va, va + size) to [pa, pa + size). Uses the
 *                      architecture's large pages (2 MiB) where va, pa and
 *                      the remaining size are aligned, unless the caller
 *                      passes PGPROT_NOLARGE. -EEXIST if any page of the
 *                      range is mapped already, -EINVAL for unaligned
 *                      arguments, -ENOMEM when no table page is left.
 *   pgtable_unmap()    removes every mapping in the range (holes are fine),
 *                      splitting a large page that the range covers only
 *                      in part.
 *   pgtable_protect()  changes the protection of every page in the range,
 *                      splitting large pages the range covers in part;
 *                      -ENOENT at the first unmapped page.
 *   pgtable_lookup()   the physical address and protection of one virtual
 *                      address; -ENOENT when it is not mapped.
 *   ioremap()          maps MMIO uncached into the vmalloc/ioremap area;
 *                      NULL on failure. iounmap() takes what it returned.
 *
 * All addresses and sizes are multiples of PAGE_SIZE except ioremap()'s,
 * which keeps the offset of @pa inside its page.
 */
#ifndef TESSERA_PGTABLE_H
#define TESSERA_PGTABLE_H

#include <tessera/types.h>

typedef unsigned long pgprot_t;

#define PGPROT_READ    0x01UL
#define PGPROT_WRITE   0x02UL
#define PGPROT_EXEC    0x04UL
#define PGPROT_USER    0x08UL
#define PGPROT_DEVICE  0x10UL   /* uncached MMIO */
/*
 * Only for pgtable_map(): use base pages even where a large page would fit
 * (a range whose protections will differ page by page). Never reported
 * back by pgtable_lookup().
 */
#define PGPROT_NOLARGE 0x20UL

#define PAGE_KERNEL      (PGPROT_READ | PGPROT_WRITE)
#define PAGE_KERNEL_RO   (PGPROT_READ)
#define PAGE_KERNEL_EXEC (PGPROT_READ | PGPROT_EXEC)
#define PAGE_KERNEL_IO   (PGPROT_READ | PGPROT_WRITE | PGPROT_DEVICE)

struct pgtable;

#endif
