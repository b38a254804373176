// SPDX-License-Identifier: Apache-2.0
/* The vmalloc address space allocator; see vm_area.h. */
#include <tessera/page.h>

#include "vm_area.h"

#define GUARD PAGE_SIZE

void vm_space_init(struct vm_space *vs, unsigned long start, unsigned long end)
{
	vs->start = start;
	vs->end = end;
	vs->nr = 0;
}

static int find(const struct vm_space *vs, unsigned long addr)
{
	unsigned int lo = 0, hi = vs->nr;

	/* Binary search on the sorted reservations. */
	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		unsigned long area = vs->res[mid].start + GUARD;

		if (area == addr)
			return (int)mid;
		if (area < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

unsigned long vm_area_alloc(struct vm_space *vs, unsigned long size)
{
	unsigned long need, gap_start;
	unsigned int i, j;

	if (!size || size % PAGE_SIZE || vs->nr == VM_MAX_AREAS ||
	    size > vs->end - vs->start - 2 * GUARD)
		return 0;
	need = size + 2 * GUARD;
	gap_start = vs->start;
	/* The gap before reservation i (i == nr: the one after the last). */
	for (i = 0; i <= vs->nr; i++) {
		unsigned long gap_end = i < vs->nr ? vs->res[i].start : vs->end;

		if (gap_end - gap_start >= need)
			break;
		if (i < vs->nr)
			gap_start = vs->res[i].end;
	}
	if (i > vs->nr)
		return 0;
	for (j = vs->nr; j > i; j--)
		vs->res[j] = vs->res[j - 1];
	vs->res[i].start = gap_start;
	vs->res[i].end = gap_start + need;
	vs->nr++;
	return gap_start + GUARD;
}

unsigned long vm_area_size(const struct vm_space *vs, unsigned long addr)
{
	int i = find(vs, addr);

	return i < 0 ? 0 : vs->res[i].end - vs->res[i].start - 2 * GUARD;
}

unsigned long vm_area_free(struct vm_space *vs, unsigned long addr)
{
	int i = find(vs, addr);
	unsigned long size;
	unsigned int j;

	if (i < 0)
		return 0;
	size = vs->res[i].end - vs->res[i].start - 2 * GUARD;
	for (j = (unsigned int)i; j + 1 < vs->nr; j++)
		vs->res[j] = vs->res[j + 1];
	vs->nr--;
	return size;
}
