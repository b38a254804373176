/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Pages: geometry (4 KiB base pages on both architectures), the struct page
 * descriptor and its helpers (Linux's mm.h / page_ref.h in small). This is
 * the types header of the page_alloc interface: whoever allocates pages
 * sees struct page, the zones and the gfp flags through it.
 */
#ifndef TESSERA_PAGE_H
#define TESSERA_PAGE_H

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1UL << PAGE_SHIFT)
#define PAGE_MASK  (~(PAGE_SIZE - 1))

#define PFN_DOWN(addr) ((addr) >> PAGE_SHIFT)
#define PFN_UP(addr)   (((addr) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_PHYS(pfn)  ((phys_addr_t)(pfn) << PAGE_SHIFT)

#ifndef __ASSEMBLER__
#include <tessera/gfp.h>
#include <tessera/mm_types.h>
#include <tessera/mmzone.h>
#include <tessera/page-flags.h>

/* The one node's mem_map (see mmzone.h). */
/*
 * Linux's free_pages_prepare(): an anonymous page's mapping is the reverse
 * map's tag (its anon_vma with the low bit set, tessera/mm.h), not an
 * owner the allocator should find still attached; it is dropped when the
 * last reference goes, whoever drops it.
 */
static inline void page_clear_anon_mapping(struct page *page)
{
	if ((unsigned long)page->mapping & 1UL)
		page->mapping = NULL;
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return __pfn_to_page(&contig_page_data, pfn);
}

static inline unsigned long page_to_pfn(const struct page *page)
{
	return __page_to_pfn(&contig_page_data, page);
}

/* True if @pfn has a struct page (it may still be a reserved hole). */
static inline bool pfn_valid(unsigned long pfn)
{
	return __pfn_valid(&contig_page_data, pfn);
}

static inline struct zone *page_zone(const struct page *page)
{
	return __page_zone(&contig_page_data, page);
}

/* ---- reference counts (Linux's page_ref.h) ---- */

static inline int page_ref_count(const struct page *page)
{
	return atomic_read(&page->_refcount);
}

static inline void set_page_count(struct page *page, int v)
{
	atomic_set(&page->_refcount, v);
}

static inline void init_page_count(struct page *page)
{
	set_page_count(page, 1);
}

static inline void get_page(struct page *page)
{
	atomic_inc(&page->_refcount);
}

static inline int put_page_testzero(struct page *page)
{
	return atomic_dec_and_test(&page->_refcount);
}

/* Mappings in page tables: _mapcount holds mappings - 1. */
static inline int page_mapcount(const struct page *page)
{
	return atomic_read(&page->_mapcount) + 1;
}

static inline void page_mapcount_reset(struct page *page)
{
	atomic_set(&page->_mapcount, -1);
}

/*
 * What a provider's misuse checks return (0: fine), and how they read in a
 * bad_page() report: every provider reports the same misuse the same way.
 */
#define PAGE_BAD_FREE     (-2)	/* -ENOENT: the page is free: double free */
#define PAGE_BAD_NOT_HEAD (-22)	/* -EINVAL: not the first page of an allocated block */
#define PAGE_BAD_ORDER    (-34)	/* -ERANGE: allocated with another order */
#define PAGE_BAD_RESERVED (-1)	/* -EPERM: a reserved page */

static inline const char *page_bad_reason(int err)
{
	switch (err) {
	case PAGE_BAD_FREE:
		return "double free: the page is already free";
	case PAGE_BAD_ORDER:
		return "freed with another order than it was allocated with";
	case PAGE_BAD_RESERVED:
		return "free of a reserved page";
	default:
		return "free of a page that is not the first page of an allocated block";
	}
}

/* The caller as Linux's _RET_IP_, for the misuse reports. */
#define _RET_IP_ ((unsigned long)__builtin_return_address(0))

/* ---- virtual addresses: the direct map (kernel only) ---- */
#if __has_include(<asm/memory.h>)
#include <asm/memory.h>

static inline void *page_address(const struct page *page)
{
	return phys_to_virt(PFN_PHYS(page_to_pfn(page)));
}

/* @addr: a direct-map or kernel-image address. */
static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(PFN_DOWN(virt_to_phys(addr)));
}
#endif

#endif /* !__ASSEMBLER__ */

#endif
