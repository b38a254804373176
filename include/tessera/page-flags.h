/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Page flags (Linux's include/linux/page-flags.h): the PG_* bits at the
 * bottom of page->flags and the fields packed at its top, with the
 * PageXxx()/SetPageXxx()/ClearPageXxx() accessors.
 *
 * Layout of page->flags (64 bits):
 *
 *   63..62  zone id (ZONES_PGSHIFT): page_zonenum(), set once by the memmap
 *   61..59  MGLRU generation + 1 (LRU_GEN_PGOFF; 0 = not on an MGLRU list)
 *   58..57  MGLRU tier / reference count (LRU_REFS_PGOFF)
 *   56..53  allocation order of an allocated block's first page
 *           (PAGE_ORDER_PGOFF): what __free_pages() and put_page() check
 *   NR_PAGEFLAGS-1..0  the PG_* bits
 *
 * The non-atomic __SetPageXxx forms are what the allocator uses on pages
 * nobody else can see; the others are atomic, for pages that are shared.
 */
#ifndef TESSERA_PAGE_FLAGS_H
#define TESSERA_PAGE_FLAGS_H

#include <tessera/mm_types.h>

enum pageflags {
	PG_locked,        /* I/O or a state change in progress: others wait */
	PG_referenced,    /* accessed since reclaim last looked */
	PG_uptodate,      /* contents valid (read from disk, or written) */
	PG_dirty,         /* must be written back before it is dropped */
	PG_lru,           /* on an LRU list (page->lru) */
	PG_active,        /* on an active list (classic LRU) */
	PG_workingset,    /* refaulted within the working set */
	PG_reserved,      /* never allocated: a hole, firmware, the kernel, the mem_map */
	PG_private,       /* page->private holds the owner's data */
	PG_writeback,     /* being written back */
	PG_head,          /* first page of a compound page (large folio) */
	PG_swapbacked,    /* backed by swap (anonymous, shmem) */
	PG_reclaim,       /* reclaim wants it freed once writeback ends */
	PG_unevictable,   /* on the unevictable list (mlocked, ramfs) */
	PG_buddy,         /* first page of a free block; order in page->private */
	PG_slab,          /* owned by the slab allocator */
	NR_PAGEFLAGS
};

#define ZONES_WIDTH       2
#define ZONES_PGSHIFT     (64 - ZONES_WIDTH)
#define ZONES_MASK        ((1UL << ZONES_WIDTH) - 1)

/* MGLRU (spec mm-reclaim §3): the flags hold gen + 1, 0 = not on a list. */
#define LRU_GEN_WIDTH     3
#define LRU_GEN_PGOFF     (ZONES_PGSHIFT - LRU_GEN_WIDTH)
#define LRU_GEN_MASK      (((1UL << LRU_GEN_WIDTH) - 1) << LRU_GEN_PGOFF)
#define LRU_REFS_WIDTH    2
#define LRU_REFS_PGOFF    (LRU_GEN_PGOFF - LRU_REFS_WIDTH)
#define LRU_REFS_MASK     (((1UL << LRU_REFS_WIDTH) - 1) << LRU_REFS_PGOFF)

#define PAGE_ORDER_WIDTH  4
#define PAGE_ORDER_PGOFF  (LRU_REFS_PGOFF - PAGE_ORDER_WIDTH)
#define PAGE_ORDER_MASK   (((1UL << PAGE_ORDER_WIDTH) - 1) << PAGE_ORDER_PGOFF)

_Static_assert(NR_PAGEFLAGS <= PAGE_ORDER_PGOFF, "page flags overlap the packed fields");

/*
 * Flags a page must not carry when it is freed or handed out: a page still
 * on a list, locked, under writeback or owned by someone (checked under
 * CONFIG_DEBUG_PAGEALLOC, as Linux's PAGE_FLAGS_CHECK_AT_FREE/PREP).
 */
#define PAGE_FLAGS_CHECK_AT_FREE                                             \
	((1UL << PG_locked) | (1UL << PG_lru) | (1UL << PG_active) |         \
	 (1UL << PG_writeback) | (1UL << PG_reserved) | (1UL << PG_private) | \
	 (1UL << PG_unevictable) | (1UL << PG_buddy) | (1UL << PG_slab) |     \
	 (1UL << PG_head) | LRU_GEN_MASK)
#define PAGE_FLAGS_CHECK_AT_PREP (PAGE_FLAGS_CHECK_AT_FREE | (1UL << PG_dirty))

#define PAGEFLAG(uname, lname)                                                 \
	static inline bool Page##uname(const struct page *page)                \
	{ return (page->flags >> PG_##lname) & 1; }                             \
	static inline void SetPage##uname(struct page *page)                   \
	{ __atomic_fetch_or(&page->flags, 1UL << PG_##lname, __ATOMIC_RELAXED); } \
	static inline void ClearPage##uname(struct page *page)                 \
	{ __atomic_fetch_and(&page->flags, ~(1UL << PG_##lname), __ATOMIC_RELAXED); } \
	static inline void __SetPage##uname(struct page *page)                 \
	{ page->flags |= 1UL << PG_##lname; }                                  \
	static inline void __ClearPage##uname(struct page *page)               \
	{ page->flags &= ~(1UL << PG_##lname); }

PAGEFLAG(Locked, locked)
PAGEFLAG(Referenced, referenced)
PAGEFLAG(Uptodate, uptodate)
PAGEFLAG(Dirty, dirty)
PAGEFLAG(LRU, lru)
PAGEFLAG(Active, active)
PAGEFLAG(Workingset, workingset)
PAGEFLAG(Reserved, reserved)
PAGEFLAG(Private, private)
PAGEFLAG(Writeback, writeback)
PAGEFLAG(Head, head)
PAGEFLAG(SwapBacked, swapbacked)
PAGEFLAG(Reclaim, reclaim)
PAGEFLAG(Unevictable, unevictable)
PAGEFLAG(Buddy, buddy)
PAGEFLAG(Slab, slab)

#undef PAGEFLAG

static inline unsigned int page_zonenum(const struct page *page)
{
	return (page->flags >> ZONES_PGSHIFT) & ZONES_MASK;
}

static inline void set_page_zone(struct page *page, unsigned int zone)
{
	page->flags = (page->flags & ~(ZONES_MASK << ZONES_PGSHIFT)) |
		      ((unsigned long)zone << ZONES_PGSHIFT);
}

/* The order an allocated block was handed out with (its first page). */
static inline unsigned int page_alloc_order(const struct page *page)
{
	return (page->flags & PAGE_ORDER_MASK) >> PAGE_ORDER_PGOFF;
}

static inline void set_page_alloc_order(struct page *page, unsigned int order)
{
	page->flags = (page->flags & ~PAGE_ORDER_MASK) |
		      ((unsigned long)order << PAGE_ORDER_PGOFF);
}

/* A free buddy block's order, valid while PageBuddy(page). */
static inline unsigned int buddy_order(const struct page *page)
{
	return (unsigned int)page->private;
}

#endif
