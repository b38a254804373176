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

/* Index of the first allocated page in [idx, end), or end. */
static unsigned long first_used(const struct firstfit_area *area,
				unsigned long idx, unsigned long end)
{
	while (idx < end) {
		/* Skip whole free words. */
		if (!(idx % BITS_PER_LONG) && end - idx >= BITS_PER_LONG &&
		    !area->bitmap[BIT_WORD(idx)]) {
			idx += BITS_PER_LONG;
			continue;
		}
		if (test_bit(idx, area->bitmap))
			return idx;
		idx++;
	}
	return end;
}

/* First free aligned block of n pages starting in [from, limit), or nr_pages. */
static unsigned long scan(const struct firstfit_area *area, unsigned long from,
			  unsigned long limit, unsigned long n)
{
	unsigned long idx = align_idx(area, from, n), used;

	while (idx < limit && idx + n <= area->nr_pages) {
		used = first_used(area, idx, idx + n);
		if (used == idx + n)
			return idx;
		idx = align_idx(area, used + 1, n);
	}
	return area->nr_pages;
}

void *firstfit_area_alloc(struct firstfit_area *area, unsigned int order)
{
	unsigned long n = 1UL << order, idx, i;

	if (order > MAX_ORDER || n > area->nr_free)
		return NULL;
	/* From the hint to the end, then from the start up to the hint. */
	idx = scan(area, area->hint, area->nr_pages, n);
	if (idx == area->nr_pages)
		idx = scan(area, 0, area->hint, n);
	if (idx == area->nr_pages)
		return NULL;
	for (i = idx; i < idx + n; i++)
		__set_bit(i, area->bitmap);
	area->nr_free -= n;
	area->hint = idx + n < area->nr_pages ? idx + n : 0;
	return (void *)(area->base + (idx << PAGE_SHIFT));
}

int firstfit_area_free(struct firstfit_area *area, void *addr, unsigned int order)
{
	unsigned long a = (unsigned long)addr, n = 1UL << order, idx, i;

	if (a < area->base || order > MAX_ORDER)
		return -EFAULT;
	if (a & ((PAGE_SIZE << order) - 1))
		return -EINVAL;
	idx = (a - area->base) >> PAGE_SHIFT;
	if (idx >= area->nr_pages || n > area->nr_pages - idx)
		return -EFAULT;
	for (i = idx; i < idx + n; i++)
		if (!test_bit(i, area->bitmap))
			return -ENOENT;
	for (i = idx; i < idx + n; i++)
		__clear_bit(i, area->bitmap);
	area->nr_free += n;
	return 0;
}
