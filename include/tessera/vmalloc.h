/* SPDX-License-Identifier: Apache-2.0 */
/*
 * DOC: vmalloc (components/mm/vmalloc, interface `vmalloc`)
 *
 * vmalloc(size) maps whole pages from the page allocator at consecutive
 * virtual addresses in [VMALLOC_START, VMALLOC_END) (asm/memory.h of each
 * architecture), read-write and non-executable, with an unmapped guard page
 * before and after the area; NULL when out of pages or address space.
 * vfree() unmaps the area and frees its pages (NULL is ignored).
 *
 * alloc_kernel_stack() is a THREAD_SIZE area: it returns the lowest
 * address, the page below it is the guard an overflow runs into.
 * free_kernel_stack() takes what it returned.
 */
#ifndef TESSERA_VMALLOC_H
#define TESSERA_VMALLOC_H

#ifndef THREAD_SIZE
#define THREAD_SIZE (16UL * 1024)
#endif

#endif
