// SPDX-License-Identifier: Apache-2.0
/*
 * Host test of the memblock core against a model: a byte per address of a
 * small physical space says whether it is memory and whether it is
 * reserved. Random adds, reservations, frees and allocations are applied to
 * both; after every step the lists must be sorted, merged and equal to the
 * model, the free-range walk must yield exactly the maximal runs of
 * "memory and not reserved", and an allocation must return the highest
 * aligned fit below the limit (or fail only when there is none).
 *
 * Built natively with ASan/UBSan: cc -I include -I <component> test_memblock.c
 */
#include <string.h>

#include <tessera/testing/check.h>

#include "../memblock.c"

#define SPACE 2048

static struct memblock mb;
static unsigned char is_mem[SPACE], is_rsv[SPACE];

static bool list_matches(const struct memblock_type *type, const unsigned char *model)
{
	phys_addr_t prev_end = 0;
	unsigned char seen[SPACE] = { 0 };

	for (unsigned int i = 0; i < type->cnt; i++) {
		const struct memblock_region *r = &type->regions[i];

		if (!CHECKF(r->size > 0, "empty region %u", i))
			return false;
		/* Sorted and not touching: a gap of at least one address. */
		if (i && !CHECKF(r->base > prev_end, "region %u at %llu not after %llu", i,
				 (unsigned long long)r->base, (unsigned long long)prev_end))
			return false;
		prev_end = r->base + r->size;
		for (phys_addr_t a = r->base; a < prev_end && a < SPACE; a++)
			seen[a] = 1;
	}
	return CHECKF(!memcmp(seen, model, SPACE), "list differs from the model");
}

static void check_free_walk(void)
{
	phys_addr_t start, end, a = 0;
	u64 cursor = 0;

	while (__memblock_next_free(&mb, &cursor, &start, &end)) {
		/* Every address before this range is not free. */
		for (; a < start; a++)
			if (!CHECKF(!(is_mem[a] && !is_rsv[a]), "free address %llu skipped",
				    (unsigned long long)a))
				return;
		CHECKF(start < end, "empty free range");
		for (; a < end; a++)
			if (!CHECKF(is_mem[a] && !is_rsv[a], "address %llu in a free range is not free",
				    (unsigned long long)a))
				return;
		/* Maximal: the next address is not free. */
		CHECKF(end >= SPACE || !(is_mem[end] && !is_rsv[end]), "free range ends early");
	}
	for (; a < SPACE; a++)
		if (!CHECKF(!(is_mem[a] && !is_rsv[a]), "free address %llu never returned",
			    (unsigned long long)a))
			return;
}

static void model_set(unsigned char *model, phys_addr_t base, phys_addr_t size, unsigned char v)
{
	for (phys_addr_t a = base; a < base + size && a < SPACE; a++)
		model[a] = v;
}

static phys_addr_t model_alloc(phys_addr_t size, phys_addr_t align)
{
	phys_addr_t limit = MIN(mb.current_limit, (phys_addr_t)SPACE);

	for (phys_addr_t top = limit; top >= size; top--) {
		phys_addr_t cand = top - size;
		bool fits = true;

		if (cand % align || cand == 0)
			continue;
		for (phys_addr_t a = cand; a < cand + size; a++)
			fits &= is_mem[a] && !is_rsv[a];
		if (fits)
			return cand;
	}
	return 0;
}

static void random_steps(u64 seed, int steps)
{
	rng_seed(seed);
	check_context("seed %llu", (unsigned long long)seed);
	memblock_init_state(&mb);
	memset(is_mem, 0, sizeof(is_mem));
	memset(is_rsv, 0, sizeof(is_rsv));
	for (int i = 0; i < steps; i++) {
		phys_addr_t base = rng_below(SPACE), size = 1 + rng_below(SPACE / 16);
		int op = (int)rng_below(10), ret;

		if (base + size > SPACE)
			size = SPACE - base;
		if (op < 3) {
			ret = __memblock_add(&mb, base, size);
			if (!ret)
				model_set(is_mem, base, size, 1);
		} else if (op < 6) {
			ret = __memblock_reserve(&mb, base, size);
			if (!ret)
				model_set(is_rsv, base, size, 1);
		} else if (op < 8) {
			ret = __memblock_remove_range(&mb.reserved, base, size);
			if (!ret)
				model_set(is_rsv, base, size, 0);
		} else {
			phys_addr_t align = (phys_addr_t)1 << rng_below(6), want, got;

			size = 1 + rng_below(64);
			mb.current_limit = rng_below(2) ? (phys_addr_t)-1 : rng_below(SPACE);
			want = model_alloc(size, align);
			got = __memblock_alloc(&mb, size, align);
			CHECKF(got == want, "alloc(%llu, %llu) = %llu, model %llu",
			       (unsigned long long)size, (unsigned long long)align,
			       (unsigned long long)got, (unsigned long long)want);
			if (got)
				model_set(is_rsv, got, size, 1);
			ret = 0;
		}
		CHECKF(ret == 0 || ret == -ENOSPC, "step %d: unexpected error %d", i, ret);
		if (!list_matches(&mb.memory, is_mem) || !list_matches(&mb.reserved, is_rsv))
			return;
		check_free_walk();
	}
}

static void full_list_refuses_and_keeps(void)
{
	struct memblock_type saved;

	memblock_init_state(&mb);
	for (unsigned int i = 0; i < MEMBLOCK_MAX_REGIONS; i++)
		CHECK(__memblock_add(&mb, 10 * i, 5) == 0);
	saved = mb.memory;
	CHECK(__memblock_add(&mb, 100000, 5) == -ENOSPC);
	CHECK(!memcmp(&saved, &mb.memory, sizeof(saved)));
	/* Merging into existing regions needs no slot, so it still works. */
	CHECK(__memblock_add(&mb, 5, 5) == 0);
	CHECK(mb.memory.cnt == MEMBLOCK_MAX_REGIONS - 1);
	/* A hole punched in a full list needs one: refused, list unchanged. */
	memblock_init_state(&mb);
	for (unsigned int i = 0; i < MEMBLOCK_MAX_REGIONS; i++)
		CHECK(__memblock_reserve(&mb, 10 * i, 5) == 0);
	saved = mb.reserved;
	CHECK(__memblock_remove_range(&mb.reserved, 1, 2) == -ENOSPC);
	CHECK(!memcmp(&saved, &mb.reserved, sizeof(saved)));
}

static void bad_ranges_refused(void)
{
	memblock_init_state(&mb);
	CHECK(__memblock_add(&mb, (phys_addr_t)-4096, 8192) == -EINVAL);
	CHECK(__memblock_reserve(&mb, (phys_addr_t)-1, 2) == -EINVAL);
	CHECK(mb.memory.cnt == 0 && mb.reserved.cnt == 0);
	CHECK(__memblock_add(&mb, 4096, 0) == 0 && mb.memory.cnt == 0);
	/* Alignment must be a power of two; size must be non-zero. */
	CHECK(__memblock_add(&mb, 0, 1 << 20) == 0);
	CHECK(__memblock_alloc(&mb, 4096, 3) == 0);
	CHECK(__memblock_alloc(&mb, 0, 4096) == 0);
	CHECK(__memblock_alloc(&mb, 4096, 4096) == (1 << 20) - 4096);
}

int main(void)
{
	bad_ranges_refused();
	full_list_refuses_and_keeps();
	for (u64 seed = 1; seed <= 200; seed++)
		random_steps(seed, 300);
	return check_summary("memblock");
}
