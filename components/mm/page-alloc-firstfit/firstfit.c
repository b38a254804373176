// SPDX-License-Identifier: Apache-2.0
/* First-fit bitmap page allocator core; see firstfit.h. */
#include <tessera/errno.h>

#include "firstfit.h"

int firstfit_area_init(struct firstfit_area *area, void *base,
		       unsigned long nr_pages, unsigned long *bitmap)
{
	unsigned long i;

	if ((unsigned long)base & (PAGE_SIZE - 1))
		return -EINVAL;
	area->base = (unsigned long)base;
	area->nr_pages = nr_pages;
	area->nr_free = nr_pages;
	area->hint = 0;
	area->bitmap = bitmap;
	for (i = 0; i < BITS_TO_LONGS(nr_pages); i++)
		bitmap[i] = 0;
	return 0;
}

/* The first page index at or after @idx whose address is aligned to n pages. */
static unsigned long align_idx(const struct firstfit_area *area,
			       unsigned long idx, unsigned long n)
{
	unsigned long pfn = (area->base >> PAGE_SHIFT) + idx;

	return idx + (((pfn + n - 1) & ~(n - 1)) - pfn);
}

/* Index of the lowest set bit of @w, which is not 0 (no libgcc: see lib). */
static unsigned long lowest_bit(unsigned long w)
{
	unsigned long bit = 0, half;

	for (half = BITS_PER_LONG / 2; half; half /= 2) {
		if (!(w & ((1UL << half) - 1))) {
			w >>= half;
			bit += half;
		}
	}
	return bit;
}

/*
 * The first page in [idx, end) that is allocated (@used) or free (!@used),
 * or end. A word at a time: a full or empty word is passed in one step.
 * Bits past nr_pages are clear, so a search for a free page must be bounded
 * by nr_pages, which every caller's @end is.
 */
static unsigned long find_page(const struct firstfit_area *area, unsigned long idx,
			       unsigned long end, bool used)
{
	unsigned long w;

	while (idx < end) {
		w = area->bitmap[BIT_WORD(idx)];
		if (!used)
			w = ~w;
		w &= ~0UL << (idx % BITS_PER_LONG);
		if (w) {
			idx += lowest_bit(w) - idx % BITS_PER_LONG;
			return idx < end ? idx : end;
		}
		idx += BITS_PER_LONG - idx % BITS_PER_LONG;
	}
	return end;
}

/* Marks pages [idx, idx + n) allocated (@used) or free, a word at a time. */
static void mark_pages(struct firstfit_area *area, unsigned long idx,
		       unsigned long n, bool used)
{
	unsigned long end = idx + n, mask;

	while (idx < end) {
		mask = ~0UL << (idx % BITS_PER_LONG);
		if (end - idx < BITS_PER_LONG - idx % BITS_PER_LONG)
			mask &= ~(~0UL << (end % BITS_PER_LONG));
		if (used)
			area->bitmap[BIT_WORD(idx)] |= mask;
		else
			area->bitmap[BIT_WORD(idx)] &= ~mask;
		idx += BITS_PER_LONG - idx % BITS_PER_LONG;
	}
}

/* First free aligned block of n pages starting in [from, limit), or nr_pages. */
static unsigned long scan(const struct firstfit_area *area, unsigned long from,
			  unsigned long limit, unsigned long n)
{
	unsigned long idx = align_idx(area, from, n), used;

	while (idx < limit && idx + n <= area->nr_pages) {
		used = find_page(area, idx, idx + n, true);
		if (used == idx + n)
			return idx;
		/* A block starting before the next free page would hold a used one. */
		idx = align_idx(area, find_page(area, used + 1, area->nr_pages, false), n);
	}
	return area->nr_pages;
}

void *firstfit_area_alloc(struct firstfit_area *area, unsigned int order)
{
	unsigned long n = 1UL << order, idx;

	if (order > MAX_ORDER || n > area->nr_free)
		return NULL;
	/* From the hint to the end, then from the start up to the hint. */
	idx = scan(area, area->hint, area->nr_pages, n);
	if (idx == area->nr_pages)
		idx = scan(area, 0, area->hint, n);
	if (idx == area->nr_pages)
		return NULL;
	mark_pages(area, idx, n, true);
	area->nr_free -= n;
	area->hint = idx + n < area->nr_pages ? idx + n : 0;
	return (void *)(area->base + (idx << PAGE_SHIFT));
}

int firstfit_area_free(struct firstfit_area *area, void *addr, unsigned int order)
{
	unsigned long a = (unsigned long)addr, n = 1UL << order, idx;

	if (a < area->base || order > MAX_ORDER)
		return -EFAULT;
	if (a & ((PAGE_SIZE << order) - 1))
		return -EINVAL;
	idx = (a - area->base) >> PAGE_SHIFT;
	if (idx >= area->nr_pages || n > area->nr_pages - idx)
		return -EFAULT;
	if (find_page(area, idx, idx + n, false) != idx + n)
		return -ENOENT;
	mark_pages(area, idx, n, false);
	area->nr_free += n;
	/* The next scan starts at the lowest hole freed since the last one. */
	if (idx < area->hint)
		area->hint = idx;
	return 0;
}
