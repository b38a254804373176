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
