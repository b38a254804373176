// SPDX-License-Identifier: Apache-2.0
/*
 * The memblock core: sorted, merged range lists and the queries over them,
 * on any struct memblock. Pure C with no kernel calls, so the host tests run
 * it as is (memblock_setup.c is the kernel's single instance).
 *
 * Every list operation keeps the invariant the rest relies on: regions are
 * sorted by base, non-empty, and neither overlap nor touch (touching ranges
 * are merged), so a free range is always "memory minus reserved" computed by
 * one ordered walk.
 */
#include <tessera/compiler.h>
#include <tessera/errno.h>
#include <tessera/memblock.h>

void memblock_init_state(struct memblock *mb)
{
	mb->memory.cnt = 0;
	mb->reserved.cnt = 0;
	mb->current_limit = (phys_addr_t)-1;
	mb->handed_over = false;
}

static phys_addr_t region_end(const struct memblock_region *r)
{
	return r->base + r->size;
}

/* A range whose end would wrap around the address space is refused. */
static bool range_valid(phys_addr_t base, phys_addr_t size)
{
	return base + size >= base;
}

static void remove_at(struct memblock_type *type, unsigned int idx)
{
	for (unsigned int i = idx; i + 1 < type->cnt; i++)
		type->regions[i] = type->regions[i + 1];
	type->cnt--;
}

static int insert_at(struct memblock_type *type, unsigned int idx,
		     phys_addr_t base, phys_addr_t size)
{
	if (type->cnt >= MEMBLOCK_MAX_REGIONS)
		return -ENOSPC;
	for (unsigned int i = type->cnt; i > idx; i--)
		type->regions[i] = type->regions[i - 1];
	type->regions[idx] = (struct memblock_region){ base, size };
	type->cnt++;
	return 0;
}

/*
 * Union [base, base + size) into @type: every region it overlaps or touches
 * is absorbed into one. Fails only when a new, separate region is needed and
 * the list is full; the list is then unchanged.
 */
static int add_range(struct memblock_type *type, phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end = base + size;
	unsigned int first, i;

	if (!range_valid(base, size))
		return -EINVAL;
	if (!size)
		return 0;
	/* The first region that ends at or after base could touch it. */
	for (first = 0; first < type->cnt && region_end(&type->regions[first]) < base; first++)
		;
	i = first;
	while (i < type->cnt && type->regions[i].base <= end) {
		base = MIN(base, type->regions[i].base);
		end = MAX(end, region_end(&type->regions[i]));
		i++;
	}
	if (i == first)
		return insert_at(type, first, base, end - base);
	type->regions[first] = (struct memblock_region){ base, end - base };
	while (i-- > first + 1)
		remove_at(type, first + 1);
	return 0;
}

int __memblock_remove_range(struct memblock_type *type, phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end = base + size;

	if (!range_valid(base, size))
		return -EINVAL;
	for (unsigned int i = 0; i < type->cnt && size;) {
		struct memblock_region *r = &type->regions[i];
		phys_addr_t rbase = r->base, rend = region_end(r);

		if (rend <= base || rbase >= end) {
			i++;
			continue;
		}
		if (rbase < base && rend > end) {
			/* A hole in the middle: the one case needing a slot. */
			int ret = insert_at(type, i + 1, end, rend - end);

			if (ret)
				return ret;
			r->size = base - rbase;
			return 0;
		}
		if (rbase < base) {
			r->size = base - rbase;
			i++;
		} else if (rend > end) {
			r->base = end;
			r->size = rend - end;
			i++;
		} else {
			remove_at(type, i);
		}
	}
	return 0;
}

int __memblock_add(struct memblock *mb, phys_addr_t base, phys_addr_t size)
{
	return add_range(&mb->memory, base, size);
}

int __memblock_reserve(struct memblock *mb, phys_addr_t base, phys_addr_t size)
{
	return add_range(&mb->reserved, base, size);
}

bool __memblock_contains(const struct memblock_type *type, phys_addr_t addr)
{
	for (unsigned int i = 0; i < type->cnt; i++)
		if (addr >= type->regions[i].base && addr < region_end(&type->regions[i]))
			return true;
	return false;
}

phys_addr_t __memblock_total(const struct memblock_type *type)
{
	phys_addr_t total = 0;

	for (unsigned int i = 0; i < type->cnt; i++)
		total += type->regions[i].size;
	return total;
}

/*
 * The free ranges are produced in address order by walking each memory
 * region against the (sorted) reserved list; the cursor is the end of the
 * range returned last, so the next one is the first that ends beyond it.
 */
bool __memblock_next_free(const struct memblock *mb, u64 *cursor, phys_addr_t *start,
			  phys_addr_t *end)
{
	const struct memblock_type *rsv = &mb->reserved;

	for (unsigned int m = 0; m < mb->memory.cnt; m++) {
		phys_addr_t s = mb->memory.regions[m].base;
		phys_addr_t me = region_end(&mb->memory.regions[m]);

		if (me <= *cursor)
			continue;
		for (unsigned int r = 0; r < rsv->cnt && s < me; r++) {
			phys_addr_t rs = rsv->regions[r].base, re = region_end(&rsv->regions[r]);

			if (re <= s)
				continue;
			if (rs >= me)
				break;
			if (rs > s && rs > *cursor) {
				*start = MAX(s, (phys_addr_t)*cursor);
				*end = rs;
				*cursor = *end;
				return true;
			}
			s = MAX(s, re);
		}
		s = MAX(s, (phys_addr_t)*cursor);
		if (s < me) {
			*start = s;
			*end = me;
			*cursor = me;
			return true;
		}
	}
	return false;
}

/*
 * Top-down, as Linux allocates by default: early allocations land at the
 * end of RAM, away from the low memory firmware and DMA-limited devices
 * want. Address 0 is never returned, so 0 can mean failure.
 */
phys_addr_t __memblock_alloc(struct memblock *mb, phys_addr_t size, phys_addr_t align)
{
	phys_addr_t best = 0, start, end;
	u64 cursor = 0;

	if (!size || !align || (align & (align - 1)))
		return 0;
	while (__memblock_next_free(mb, &cursor, &start, &end)) {
		phys_addr_t top = MIN(end, mb->current_limit), cand;

		if (top <= start || top - start < size)
			continue;
		cand = ALIGN_DOWN(top - size, align);
		if (cand >= start && cand > best)
			best = cand;
	}
	if (!best || __memblock_reserve(mb, best, size))
		return 0;
	return best;
}
