/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host test of the vmalloc address allocator (vm_area.c): fixed cases, then
 * random allocate/free sequences checked after every step against what the
 * test itself holds: every live area inside the space, page aligned, with
 * at least one page nobody owns on each side (its guards), no two areas
 * overlapping, sizes remembered; exhaustion and bad frees refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tessera/testing/check.h>

#include "vm_area.c"

#define SPACE_START 0xffffc90000000000UL
#define SPACE_PAGES 4096UL
#define SPACE_END   (SPACE_START + SPACE_PAGES * PAGE_SIZE)

static struct vm_space vs;

struct held {
	unsigned long addr, size;
};

static void test_fixed(void)
{
	unsigned long a, b, c;

	vm_space_init(&vs, SPACE_START, SPACE_END);
	CHECK(vm_area_alloc(&vs, 0) == 0);
	CHECK(vm_area_alloc(&vs, 100) == 0);
	CHECK(vm_area_alloc(&vs, SPACE_PAGES * PAGE_SIZE) == 0);
	/* Exactly the space less the two guards fits. */
	a = vm_area_alloc(&vs, (SPACE_PAGES - 2) * PAGE_SIZE);
	CHECK(a == SPACE_START + PAGE_SIZE);
	CHECK(vm_area_alloc(&vs, PAGE_SIZE) == 0);
	CHECK(vm_area_free(&vs, a) == (SPACE_PAGES - 2) * PAGE_SIZE);
	CHECK(vm_area_free(&vs, a) == 0);

	a = vm_area_alloc(&vs, PAGE_SIZE);
	b = vm_area_alloc(&vs, 4 * PAGE_SIZE);
	c = vm_area_alloc(&vs, PAGE_SIZE);
	CHECK(a == SPACE_START + PAGE_SIZE);
	/* a's upper guard, b's lower guard: two free pages between. */
	CHECK(b == a + 3 * PAGE_SIZE);
	CHECK(c == b + 6 * PAGE_SIZE);
	CHECK(vm_area_size(&vs, b) == 4 * PAGE_SIZE);
	CHECK(vm_area_size(&vs, b + PAGE_SIZE) == 0);
	CHECK(vm_area_free(&vs, b + PAGE_SIZE) == 0);
	/* First fit: a freed hole is reused when the area fits. */
	CHECK(vm_area_free(&vs, b) == 4 * PAGE_SIZE);
	CHECK(vm_area_alloc(&vs, 2 * PAGE_SIZE) == b);
	CHECK(vm_area_alloc(&vs, 5 * PAGE_SIZE) > c);

	/* Running out of slots. */
	vm_space_init(&vs, SPACE_START, SPACE_START + (1UL << 40));
	for (a = 0; a < VM_MAX_AREAS; a++)
		CHECK(vm_area_alloc(&vs, PAGE_SIZE) != 0);
	CHECK(vm_area_alloc(&vs, PAGE_SIZE) == 0);
}

static void check_held(const struct held *h, unsigned int n)
{
	unsigned int i, j;

	CHECK(vs.nr == n);
	for (i = 0; i < n; i++) {
		CHECK(h[i].addr % PAGE_SIZE == 0);
		CHECK(h[i].addr >= SPACE_START + PAGE_SIZE);
		CHECK(h[i].addr + h[i].size + PAGE_SIZE <= SPACE_END);
		CHECK(vm_area_size(&vs, h[i].addr) == h[i].size);
		for (j = 0; j < n; j++) {
			if (i == j)
				continue;
			/* The guard page on each side belongs to no other area. */
			CHECKF(h[j].addr + h[j].size + PAGE_SIZE <= h[i].addr ||
			       h[j].addr >= h[i].addr + h[i].size + PAGE_SIZE,
			       "areas %#lx+%#lx and %#lx+%#lx without guards between",
			       h[i].addr, h[i].size, h[j].addr, h[j].size);
		}
	}
	for (i = 1; i < vs.nr; i++)
		CHECK(vs.res[i - 1].end <= vs.res[i].start);
}

static void test_random(uint64_t seed)
{
	static struct held held[VM_MAX_AREAS];
	unsigned int n = 0, step;

	check_context("seed %llu", (unsigned long long)seed);
	rng_seed(seed);
	vm_space_init(&vs, SPACE_START, SPACE_END);
	for (step = 0; step < 3000 && !check_failures; step++) {
		if (n && rng_below(2)) {
			unsigned int i = rng_below(n);

			CHECK(vm_area_free(&vs, held[i].addr) == held[i].size);
			held[i] = held[--n];
		} else {
			unsigned long size = (1 + rng_below(rng_below(4) ? 8 : 300)) * PAGE_SIZE;
			unsigned long addr = vm_area_alloc(&vs, size);

			if (addr) {
				held[n].addr = addr;
				held[n++].size = size;
			} else {
				/* Refused: then no gap of size + 2 guards is left. */
				unsigned long prev = SPACE_START, need = size + 2 * PAGE_SIZE;
				unsigned int i;

				for (i = 0; i <= vs.nr; i++) {
					unsigned long next = i < vs.nr ? vs.res[i].start : SPACE_END;

					CHECKF(next - prev < need, "refused %#lx with a gap at %#lx", size, prev);
					if (i < vs.nr)
						prev = vs.res[i].end;
				}
			}
		}
		check_held(held, n);
	}
}

int main(void)
{
	uint64_t seed;

	test_fixed();
	for (seed = 1; seed <= 10 && !check_failures; seed++)
		test_random(seed);
	return check_summary("vm_area");
}
