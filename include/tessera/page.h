/* SPDX-License-Identifier: Apache-2.0 */
/* Page geometry shared by both architectures (4 KiB base pages). */
#ifndef TESSERA_PAGE_H
#define TESSERA_PAGE_H

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1UL << PAGE_SHIFT)
#define PAGE_MASK  (~(PAGE_SIZE - 1))

/* Largest block the page allocators hand out: 2^MAX_ORDER pages (4 MiB). */
#define MAX_ORDER 10

#define PFN_DOWN(addr) ((addr) >> PAGE_SHIFT)
#define PFN_UP(addr)   (((addr) + PAGE_SIZE - 1) >> PAGE_SHIFT)

#endif
