/* SPDX-License-Identifier: Apache-2.0 */
/*
 * struct page: the descriptor of one physical page frame (Linux's
 * include/linux/mm_types.h, in small). There is one for every page frame
 * between the start and the end of DRAM, in the mem_map array (see
 * mmzone.h); pfn_to_page()/page_to_pfn() are an addition and a subtraction.
 *
 * The page allocator, reclaim, the page cache and the reverse map all hang
 * their per-page state here, and the fields are Linux's so that the code
 * that comes with later issues reads like Linux's:
 *
 *   flags      PG_* bits, plus packed fields: the zone, the MGLRU generation
 *              and tier, the allocation order (page-flags.h)
 *   lru        on an LRU list (reclaim), a buddy free list (free pages),
 *              or whatever list the owner of an allocated page keeps it on
 *   mapping    the address_space of a page-cache page (anonymous pages will
 *              point at their anon_vma, tagged, as Linux does)
 *   index      the page's offset in its mapping, in pages
 *   private    owner's word: the order of a free buddy block (PG_buddy),
 *              buffer heads or a swap entry later (PG_private)
 *   _mapcount  page-table mappings - 1 (so -1 when unmapped): the rmap's
 *   _refcount  references; 0 while free; the allocator's misuse checks
 *              read it (page_ref.h helpers in page.h)
 *   memcg_data reserved (a memory cgroup, or debugging data)
 *
 * Size: 64 bytes on 64-bit, asserted below. A power of two keeps pfn <->
 * page a shift, and one descriptor is one cache line; it is Linux's size
 * too, and costs 1/64 of RAM (2 MiB per 128 MiB).
 */
#ifndef TESSERA_MM_TYPES_H
#define TESSERA_MM_TYPES_H

#include <tessera/atomic.h>
#include <tessera/list.h>
#include <tessera/types.h>

typedef unsigned long pgoff_t;

struct address_space;

struct page {
	unsigned long flags;
	struct list_head lru;
	struct address_space *mapping;
	pgoff_t index;
	unsigned long private;
	atomic_t _mapcount;
	atomic_t _refcount;
	unsigned long memcg_data;
};

_Static_assert(sizeof(void *) != 8 || sizeof(struct page) == 64,
	       "struct page must stay 64 bytes (one cache line, pfn <-> page by shifts)");

#endif
