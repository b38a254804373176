// SPDX-License-Identifier: Apache-2.0
/*
 * Which 2 MiB chunks of an mm's user half hold present PTEs, with the
 * number of PTEs in each: a sorted array of (chunk, count), grown by
 * doubling. Every PTE the mm component creates is counted here first (so
 * a failed allocation fails the mapping, never leaves a PTE nobody finds),
 * and every PTE it removes is uncounted. Range walks (unmap, mprotect,
 * fork, mremap) step with mm_index_next(), which skips chunks without
 * PTEs: a terabyte PROT_NONE reservation costs what its few present pages
 * cost, not 2^28 page-table lookups.
 */
#include "mm_env.h"

#define CHUNK_SHIFT 21

struct pte_chunk {
	unsigned long chunk, count;
};

struct pte_index {
	unsigned long nr, cap;
	struct pte_chunk e[];
};

/* The first entry whose chunk is >= @chunk. */
static unsigned long lower_bound(const struct pte_index *ix, unsigned long chunk)
{
	unsigned long lo = 0, hi = ix->nr;

	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;

		if (ix->e[mid].chunk < chunk)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int mm_index_get(struct mm_struct *mm, unsigned long addr)
{
	struct pte_index *ix = mm->pte_index, *n;
	unsigned long chunk = addr >> CHUNK_SHIFT, i;

	if (ix) {
		i = lower_bound(ix, chunk);
		if (i < ix->nr && ix->e[i].chunk == chunk) {
			ix->e[i].count++;
			return 0;
		}
	}
	if (!ix || ix->nr == ix->cap) {
		unsigned long cap = ix ? ix->cap * 2 : 16;

		n = kzalloc(sizeof(*n) + cap * sizeof(n->e[0]));
		if (!n)
			return -ENOMEM;
		n->cap = cap;
		if (ix) {
			n->nr = ix->nr;
			memcpy(n->e, ix->e, ix->nr * sizeof(ix->e[0]));
			kfree(ix);
		}
		mm->pte_index = ix = n;
	}
	i = lower_bound(ix, chunk);
	memmove(&ix->e[i + 1], &ix->e[i], (ix->nr - i) * sizeof(ix->e[0]));
	ix->e[i].chunk = chunk;
	ix->e[i].count = 1;
	ix->nr++;
	return 0;
}

void mm_index_put(struct mm_struct *mm, unsigned long addr)
{
	struct pte_index *ix = mm->pte_index;
	unsigned long chunk = addr >> CHUNK_SHIFT, i;

	if (!ix)
		return;
	i = lower_bound(ix, chunk);
	if (i >= ix->nr || ix->e[i].chunk != chunk)
		return;
	if (--ix->e[i].count == 0) {
		memmove(&ix->e[i], &ix->e[i + 1], (ix->nr - i - 1) * sizeof(ix->e[0]));
		ix->nr--;
	}
}

unsigned long mm_index_next(struct mm_struct *mm, unsigned long addr, unsigned long end)
{
	struct pte_index *ix = mm->pte_index;
	unsigned long i, start;

	if (addr >= end || !ix)
		return end;
	i = lower_bound(ix, addr >> CHUNK_SHIFT);
	if (i >= ix->nr)
		return end;
	start = ix->e[i].chunk << CHUNK_SHIFT;
	if (start <= addr)
		return addr;
	return start < end ? start : end;
}

unsigned long mm_index_count(struct mm_struct *mm)
{
	struct pte_index *ix = mm->pte_index;
	unsigned long i, n = 0;

	for (i = 0; ix && i < ix->nr; i++)
		n += ix->e[i].count;
	return n;
}

void mm_index_free(struct mm_struct *mm)
{
	kfree(mm->pte_index);
	mm->pte_index = NULL;
}

/* ---- parked pages: the pages of PROT_NONE ranges, out of the page table ---- */

struct parked {
	unsigned long addr;
	struct page *page;
};

struct parked_set {
	unsigned long nr, cap;
	struct parked e[];
};

static unsigned long parked_bound(const struct parked_set *ps, unsigned long addr)
{
	unsigned long lo = 0, hi = ps->nr;

	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;

		if (ps->e[mid].addr < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int mm_park_reserve(struct mm_struct *mm, unsigned long n)
{
	struct parked_set *ps = mm->parked_pages, *np;
	unsigned long cap = ps ? ps->cap : 0, want = (ps ? ps->nr : 0) + n;

	if (want <= cap)
		return 0;
	while (cap < want)
		cap = cap ? cap * 2 : 16;
	np = kzalloc(sizeof(*np) + cap * sizeof(np->e[0]));
	if (!np)
		return -ENOMEM;
	np->cap = cap;
	if (ps) {
		np->nr = ps->nr;
		memcpy(np->e, ps->e, ps->nr * sizeof(ps->e[0]));
		kfree(ps);
	}
	mm->parked_pages = np;
	return 0;
}

int mm_park(struct mm_struct *mm, unsigned long addr, struct page *page)
{
	struct parked_set *ps;
	unsigned long i;

	if (mm_park_reserve(mm, 1))
		return -ENOMEM;
	ps = mm->parked_pages;
	i = parked_bound(ps, addr);
	memmove(&ps->e[i + 1], &ps->e[i], (ps->nr - i) * sizeof(ps->e[0]));
	ps->e[i].addr = addr;
	ps->e[i].page = page;
	ps->nr++;
	return 0;
}

struct page *mm_unpark(struct mm_struct *mm, unsigned long addr)
{
	struct parked_set *ps = mm->parked_pages;
	struct page *page;
	unsigned long i;

	if (!ps)
		return NULL;
	i = parked_bound(ps, addr);
	if (i >= ps->nr || ps->e[i].addr != addr)
		return NULL;
	page = ps->e[i].page;
	memmove(&ps->e[i], &ps->e[i + 1], (ps->nr - i - 1) * sizeof(ps->e[0]));
	ps->nr--;
	return page;
}

struct page *mm_parked_page(struct mm_struct *mm, unsigned long addr)
{
	struct parked_set *ps = mm->parked_pages;
	unsigned long i;

	if (!ps)
		return NULL;
	i = parked_bound(ps, addr);
	return i < ps->nr && ps->e[i].addr == addr ? ps->e[i].page : NULL;
}

unsigned long mm_parked_next(struct mm_struct *mm, unsigned long addr, unsigned long end)
{
	struct parked_set *ps = mm->parked_pages;
	unsigned long i;

	if (!ps || addr >= end)
		return end;
	i = parked_bound(ps, addr);
	if (i >= ps->nr || ps->e[i].addr >= end)
		return end;
	return ps->e[i].addr;
}

unsigned long mm_parked_count(struct mm_struct *mm)
{
	struct parked_set *ps = mm->parked_pages;

	return ps ? ps->nr : 0;
}

void mm_parked_free(struct mm_struct *mm)
{
	kfree(mm->parked_pages);
	mm->parked_pages = NULL;
}
