// SPDX-License-Identifier: Apache-2.0
/*
 * Host test of the first-fit core: randomised allocate/free sequences over
 * areas of several sizes and alignments, each result compared with a naive
 * reference model (a byte per page, brute-force search from the hint: past
 * the last allocation, or back at a lower block freed since), and
 * invariants checked after every step: blocks aligned and inside the area,
 * no overlap (pattern fill verified at free), bitmap == model, nr_free ==
 * free pages; double free and unaligned frees rejected.
 *
 * Built natively with ASan/UBSan: cc -I include -I <component> test_firstfit.c
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tessera/compiler.h>

#include "../firstfit.c"

static unsigned long checks;
static char ctx_desc[128];

#define CHECK(cond)                                                          \
	do {                                                                 \
		checks++;                                                    \
		if (!(cond)) {                                               \
			fprintf(stderr, "%s:%d: CHECK(%s) failed (%s)\n",    \
				__FILE__, __LINE__, #cond, ctx_desc);        \
			exit(1);                                             \
		}                                                            \
	} while (0)

static u64 rng_state;
static u64 rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

struct live {
	unsigned long idx;
	unsigned int order;
	u64 tag;
};

static struct firstfit_area area;
static struct live *live;
static unsigned long nr_live;
static u8 *model;                  /* per page: 1 while allocated */
static unsigned long model_hint;

static u64 pattern(u64 tag, unsigned long word)
{
	return (tag * 0x9E3779B97F4A7C15ULL) ^ (word * 0xD6E8FEB86659FD93ULL);
}

static u64 *block_words(const struct live *l, unsigned long *n)
{
	*n = (PAGE_SIZE << l->order) / sizeof(u64);
	return (u64 *)(area.base + (l->idx << PAGE_SHIFT));
}

static void fill(const struct live *l)
{
	unsigned long n, i;
	u64 *w = block_words(l, &n);

	for (i = 0; i < n; i++)
		w[i] = pattern(l->tag, i);
}

static void verify(const struct live *l)
{
	unsigned long n, i;
	u64 *w = block_words(l, &n);

	for (i = 0; i < n; i++)
		if (w[i] != pattern(l->tag, i))
			break;
	CHECK(i == n);
}

static bool model_fits(unsigned long idx, unsigned long n)
{
	unsigned long i;

	if (((area.base >> PAGE_SHIFT) + idx) % n || idx + n > area.nr_pages)
		return false;
	for (i = idx; i < idx + n; i++)
		if (model[i])
			return false;
	return true;
}

/* Reference: first aligned free block starting at or after the hint, else from 0. */
static long model_alloc(unsigned int order)
{
	unsigned long n = 1UL << order, i;

	for (i = model_hint; i < area.nr_pages; i++)
		if (model_fits(i, n))
			return i;
	for (i = 0; i < model_hint && i < area.nr_pages; i++)
		if (model_fits(i, n))
			return i;
	return -1;
}

static void check_invariants(void)
{
	unsigned long i, free_pages = 0;

	for (i = 0; i < area.nr_pages; i++) {
		CHECK(test_bit(i, area.bitmap) == (model[i] != 0));
		free_pages += !model[i];
	}
	/* Bits past the end stay clear. */
	for (; i < BITS_TO_LONGS(area.nr_pages) * BITS_PER_LONG; i++)
		CHECK(!test_bit(i, area.bitmap));
	CHECK(free_pages == area.nr_free);
}

static void free_live(unsigned long i)
{
	struct live l = live[i];
	void *addr = (void *)(area.base + (l.idx << PAGE_SHIFT));
	unsigned long p;

	verify(&l);
	live[i] = live[--nr_live];
	CHECK(firstfit_area_free(&area, addr, l.order) == 0);
	for (p = l.idx; p < l.idx + (1UL << l.order); p++)
		model[p] = 0;
	if (l.idx < model_hint)
		model_hint = l.idx;
	CHECK(area.hint == model_hint);
	CHECK(firstfit_area_free(&area, addr, l.order) == -ENOENT);
	if (l.order > 0)
		CHECK(firstfit_area_free(&area, addr, 0) == -ENOENT);
}

static void misuse_checks(void)
{
	struct live *l;
	char *addr;
	unsigned long before = area.nr_free;

	CHECK(firstfit_area_free(&area, (char *)area.base - PAGE_SIZE, 0) == -EFAULT);
	CHECK(firstfit_area_free(&area, (char *)area.base + (area.nr_pages << PAGE_SHIFT), 0) == -EFAULT);
	CHECK(firstfit_area_alloc(&area, MAX_ORDER + 1) == NULL);
	if (!nr_live)
		return;
	l = &live[rng() % nr_live];
	addr = (char *)(area.base + (l->idx << PAGE_SHIFT));
	CHECK(firstfit_area_free(&area, addr + 8, l->order) == -EINVAL);
	if (l->order > 0)
		CHECK(firstfit_area_free(&area, addr + PAGE_SIZE, l->order) == -EINVAL);
	CHECK(area.nr_free == before);
	verify(l);
}

static unsigned int random_order(void)
{
	u64 r = rng() % 100;

	if (r < 50)
		return 0;
	if (r < 70)
		return 1;
	if (r < 85)
		return 2 + rng() % 2;
	if (r < 97)
		return 4 + rng() % 3;
	return 7 + rng() % (MAX_ORDER - 6);
}

static void run(unsigned long nr_pages, unsigned long offset_pages, u64 seed,
		unsigned long steps)
{
	size_t align = PAGE_SIZE << MAX_ORDER;
	size_t bytes = ALIGN_UP((nr_pages + offset_pages) * PAGE_SIZE, align);
	char *mem = aligned_alloc(align, bytes);
	unsigned long *bitmap = malloc(firstfit_bitmap_size(nr_pages));
	unsigned long step, fails = 0, allocs = 0, i;
	unsigned int order;
	long expect;
	void *p;

	snprintf(ctx_desc, sizeof(ctx_desc), "nr_pages=%lu offset=%lu seed=%llu",
		 nr_pages, offset_pages, (unsigned long long)seed);
	live = calloc(nr_pages, sizeof(*live));
	model = calloc(nr_pages, 1);
	CHECK(mem && bitmap && live && model);
	nr_live = 0;
	model_hint = 0;
	rng_state = seed;

	CHECK(firstfit_area_init(&area, mem + 4, nr_pages, bitmap) == -EINVAL);
	CHECK(firstfit_area_init(&area, mem + offset_pages * PAGE_SIZE, nr_pages, bitmap) == 0);
	check_invariants();

	for (step = 0; step < steps; step++) {
		bool do_alloc = nr_live == 0 ||
			rng() % 100 < (step < steps / 2 ? 65 : 35);

		if (do_alloc) {
			order = random_order();
			expect = model_alloc(order);
			p = firstfit_area_alloc(&area, order);
			if (expect < 0) {
				CHECK(p == NULL);
				fails++;
			} else {
				CHECK(p == (void *)(area.base + ((unsigned long)expect << PAGE_SHIFT)));
				CHECK(((unsigned long)p & ((PAGE_SIZE << order) - 1)) == 0);
				for (i = expect; i < expect + (1UL << order); i++) {
					CHECK(!model[i]);
					model[i] = 1;
				}
				model_hint = expect + (1UL << order);
				if (model_hint >= nr_pages)
					model_hint = 0;
				live[nr_live].idx = expect;
				live[nr_live].order = order;
				live[nr_live].tag = rng();
				fill(&live[nr_live]);
				nr_live++;
				allocs++;
			}
		} else {
			free_live(rng() % nr_live);
		}
		if (step % 32 == 0)
			misuse_checks();
		check_invariants();
	}

	/* Exhaust with single pages, then free everything in random order. */
	while ((p = firstfit_area_alloc(&area, 0))) {
		i = ((unsigned long)p - area.base) >> PAGE_SHIFT;
		CHECK(i < nr_pages && !model[i]);
		CHECK((long)i == model_alloc(0));
		model[i] = 1;
		model_hint = i + 1 < nr_pages ? i + 1 : 0;
		live[nr_live].idx = i;
		live[nr_live].order = 0;
		live[nr_live].tag = rng();
		fill(&live[nr_live]);
		nr_live++;
	}
	CHECK(area.nr_free == 0);
	check_invariants();
	while (nr_live)
		free_live(rng() % nr_live);
	CHECK(area.nr_free == nr_pages);
	check_invariants();

	/* The largest aligned block that fits is allocatable again. */
	for (order = MAX_ORDER; order > 0; order--) {
		model_hint = area.hint;
		if (model_alloc(order) >= 0)
			break;
	}
	p = firstfit_area_alloc(&area, order);
	CHECK(p != NULL);
	CHECK(firstfit_area_free(&area, p, order) == 0);

	printf("  area %5lu pages, base pfn %% 1024 = %4lu, seed %llu: %lu steps, %lu allocs, %lu failed allocs\n",
	       nr_pages, (area.base >> PAGE_SHIFT) & 1023, (unsigned long long)seed,
	       steps, allocs, fails);
	free(model);
	free(live);
	free(bitmap);
	free(mem);
}

int main(void)
{
	static const struct { unsigned long pages, offset, steps; } cases[] = {
		{ 1, 0, 200 },
		{ 7, 3, 500 },
		{ 64, 0, 2000 },
		{ 65, 1, 2000 },
		{ 1024, 0, 3000 },
		{ 1000, 24, 3000 },
		{ 3000, 5, 4000 },
		{ 2049, 1023, 4000 },
	};
	static const u64 seeds[] = { 1, 0xdeadbeef, 20240611 };
	unsigned int i, s;

	printf("test_firstfit:\n");
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		for (s = 0; s < ARRAY_SIZE(seeds); s++)
			run(cases[i].pages, cases[i].offset, seeds[s], cases[i].steps);
	printf("test_firstfit: PASS (%lu checks)\n", checks);
	return 0;
}
