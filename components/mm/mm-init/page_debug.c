// SPDX-License-Identifier: Apache-2.0
/*
 * Reports of a misused page (Linux's mm/debug.c dump_page() and
 * mm/page_alloc.c bad_page()). The page allocator calls bad_page() before
 * it touches its free lists, so the report shows the page as it was when
 * the misuse happened: its pfn, reference and map counts, mapping and
 * flags by name, and the caller (a return address, resolved with nm).
 * Then it panics: a page in a bad state is memory the kernel can no
 * longer account for, and carrying on would corrupt whoever gets it next.
 */
#include <interfaces/lib.h>
#include <interfaces/mm_init.h>
#include <interfaces/panic.h>
#include <interfaces/printk.h>
#include <tessera/compiler.h>

#include "mm_init.h"

static const char *const pageflag_names[NR_PAGEFLAGS] = {
	[PG_locked] = "locked",         [PG_referenced] = "referenced",
	[PG_uptodate] = "uptodate",     [PG_dirty] = "dirty",
	[PG_lru] = "lru",               [PG_active] = "active",
	[PG_workingset] = "workingset", [PG_reserved] = "reserved",
	[PG_private] = "private",       [PG_writeback] = "writeback",
	[PG_head] = "head",             [PG_swapbacked] = "swapbacked",
	[PG_reclaim] = "reclaim",       [PG_unevictable] = "unevictable",
	[PG_buddy] = "buddy",           [PG_slab] = "slab",
};

static bool page_in_mem_map(const struct page *page)
{
	return mm_pgdat && page >= mm_pgdat->node_mem_map &&
	       page < mm_pgdat->node_mem_map + mm_pgdat->node_spanned_pages;
}

void dump_page(const struct page *page, const char *reason)
{
	char names[160];
	size_t len = 0;
	unsigned int i;

	names[0] = '\0';

	if (!page_in_mem_map(page)) {
		pr_emerg("page:%p is not a struct page of the mem_map\n", page);
	} else {
		pr_emerg("page:%p pfn:0x%lx refcount:%d mapcount:%d mapping:%p index:0x%lx "
			 "zone:%s order:%u private:0x%lx\n", page,
			 __page_to_pfn(mm_pgdat, page), page_ref_count(page),
			 page_mapcount(page), page->mapping, page->index,
			 __page_zone(mm_pgdat, page)->name, page_alloc_order(page),
			 page->private);
		for (i = 0; i < NR_PAGEFLAGS; i++) {
			if (page->flags & (1UL << i) && len < sizeof(names))
				len += (size_t)snprintf(names + len, sizeof(names) - len, "%s%s",
							 len ? "|" : "", pageflag_names[i]);
		}
		pr_emerg("flags: 0x%lx(%s)\n", page->flags, names);
	}
	if (reason)
		pr_emerg("page dumped because: %s\n", reason);
}

void bad_page(const struct page *page, const char *reason, unsigned long caller)
{
	pr_emerg("BUG: Bad page state: %s\n", reason);
	dump_page(page, NULL);
	pr_emerg("caller: [<%016lx>]\n", caller);
	panic("bad page state: %s", reason);
}
