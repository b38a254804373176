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
#include <string.h>

#include <tessera/testing/page_alloc_sequence.h>

#include "../firstfit.c"

static struct firstfit_area area;
static u8 *model;                  /* per page: 1 while allocated */
static unsigned long model_hint;

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

/* The hooks of the random sequence (tessera/testing/page_alloc_sequence.h). */
static void *seq_alloc(struct alloc_seq *s, unsigned int order)
{
	long expect = model_alloc(order);
	void *p = firstfit_area_alloc(&area, order);
	unsigned long i;

	(void)s;
	if (expect < 0) {
		CHECK(p == NULL);
		return NULL;
	}
	CHECK(p == (void *)(area.base + ((unsigned long)expect << PAGE_SHIFT)));
	for (i = expect; i < expect + (1UL << order); i++) {
		CHECK(!model[i]);
		model[i] = 1;
	}
	model_hint = expect + (1UL << order);
	if (model_hint >= area.nr_pages)
		model_hint = 0;
	return p;
}

static void seq_free(struct alloc_seq *s, const struct live *l)
{
	void *addr = alloc_seq_block(s, l);
	unsigned long p;

	CHECK(firstfit_area_free(&area, addr, l->order) == 0);
	for (p = l->idx; p < l->idx + (1UL << l->order); p++)
		model[p] = 0;
	if (l->idx < model_hint)
		model_hint = l->idx;
	CHECK(area.hint == model_hint);
	CHECK(firstfit_area_free(&area, addr, l->order) == -ENOENT);
	if (l->order > 0)
		CHECK(firstfit_area_free(&area, addr, 0) == -ENOENT);
}

static void seq_misuse(struct alloc_seq *s, const struct live *l)
{
	char *addr;
	unsigned long before = area.nr_free;

	CHECK(firstfit_area_free(&area, (char *)area.base - PAGE_SIZE, 0) == -EFAULT);
	CHECK(firstfit_area_free(&area, (char *)area.base + (area.nr_pages << PAGE_SHIFT), 0) == -EFAULT);
	CHECK(firstfit_area_alloc(&area, MAX_ORDER + 1) == NULL);
	if (!l)
		return;
	addr = alloc_seq_block(s, l);
	CHECK(firstfit_area_free(&area, addr + 8, l->order) == -EINVAL);
	if (l->order > 0)
		CHECK(firstfit_area_free(&area, addr + PAGE_SIZE, l->order) == -EINVAL);
	CHECK(area.nr_free == before);
}

static void seq_check(struct alloc_seq *s)
{
	(void)s;
	check_invariants();
}

static struct alloc_seq seq = {
	.order_pct = { 50, 70, 85, 97 },
	.misuse_every = 32,
	.alloc = seq_alloc,
	.free = seq_free,
	.misuse = seq_misuse,
	.check = seq_check,
};

static void run(unsigned long nr_pages, unsigned long offset_pages, u64 seed,
		unsigned long steps)
{
	size_t bytes;
	char *mem = alloc_seq_arena(nr_pages, offset_pages, &bytes);
	unsigned long *bitmap = malloc(firstfit_bitmap_size(nr_pages));
	unsigned int order;
	void *p;

	alloc_seq_begin(&seq, nr_pages, offset_pages, seed);
	model = calloc(nr_pages, 1);
	CHECK(mem && bitmap && model);
	model_hint = 0;

	CHECK(firstfit_area_init(&area, mem + 4, nr_pages, bitmap) == -EINVAL);
	CHECK(firstfit_area_init(&area, mem + offset_pages * PAGE_SIZE, nr_pages, bitmap) == 0);
	seq.base = area.base;
	check_invariants();

	alloc_seq_random(&seq, steps);

	/*
	 * Exhaust with single pages (each where the model says), then free
	 * everything in random order.
	 */
	alloc_seq_exhaust(&seq);
	CHECK(area.nr_free == 0);
	check_invariants();
	alloc_seq_free_all(&seq);
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
	       steps, seq.allocs, seq.fails);
	alloc_seq_end(&seq);
	free(model);
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

	check_exit_on_failure = true;   /* later steps rely on every check */
	printf("test_firstfit:\n");
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		for (s = 0; s < ARRAY_SIZE(seeds); s++)
			run(cases[i].pages, cases[i].offset, seeds[s], cases[i].steps);
	return check_summary("test_firstfit");
}
