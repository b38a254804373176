/* SPDX-License-Identifier: Apache-2.0 */
/*
 * HOST TESTS ONLY (uses libc): never include from kernel code.
 *
 * The randomised allocate/free sequence that the host tests of the page
 * allocator cores (page-alloc-buddy, page-alloc-firstfit) drive their core
 * with, on the harness of tessera/testing/check.h. The driver keeps the
 * table of live blocks, fills each with a pattern of its own tag and
 * verifies it before freeing (so overlapping blocks are caught), checks
 * alignment, and calls the test's hooks, which do the allocator's calls and
 * check its own rules (a reference model, invariants of its metadata,
 * misuse).
 *
 * A test includes this in its one translation unit, fills a struct
 * alloc_seq, and calls alloc_seq_begin(), then any of alloc_seq_random(),
 * alloc_seq_exhaust() and alloc_seq_free_all() with its own checks in
 * between, then alloc_seq_end(). The sequence is a function of the seed
 * only (rng_u64(), the same on every libc), so a failure reproduces. The
 * driver relies on each of its checks (a block it filled must be one the
 * core gave), so the test sets check_exit_on_failure before running it.
 */
#ifndef TESSERA_TESTING_PAGE_ALLOC_SEQUENCE_H
#define TESSERA_TESTING_PAGE_ALLOC_SEQUENCE_H

#include <stdio.h>
#include <stdlib.h>

#include <tessera/compiler.h>
#include <tessera/page.h>
#include <tessera/testing/check.h>
#include <tessera/types.h>

/* A block the sequence holds. */
struct live {
	unsigned long idx;         /* page index in the area */
	unsigned int order;
	u64 tag;                   /* seed of its fill pattern */
};

struct alloc_seq {
	/* Set by the test. */
	unsigned long base;        /* address of page 0 of the area (after init) */
	/*
	 * The mix of orders: cumulative percentages for order 0, order 1,
	 * orders 2-3 and orders 4-6; the rest is orders 7 to MAX_ORDER.
	 */
	unsigned int order_pct[4];
	unsigned long misuse_every;   /* steps between misuse() calls */
	/* A block of @order, or NULL; checks the result by the core's rules. */
	void *(*alloc)(struct alloc_seq *s, unsigned int order);
	/* Frees @l (already verified and out of the table) and checks that. */
	void (*free)(struct alloc_seq *s, const struct live *l);
	/*
	 * Misuse that must be rejected, leaving everything as it was; @l is
	 * a live block picked at random (NULL when there is none), which the
	 * driver verifies afterwards.
	 */
	void (*misuse)(struct alloc_seq *s, const struct live *l);
	/* The core's invariants, after every step. */
	void (*check)(struct alloc_seq *s);

	/* Kept by the driver. */
	struct live *live;         /* nr_pages entries: enough for every page */
	unsigned long nr_live;
	unsigned long allocs, fails;  /* of the random steps */
};

/* Memory for an area of @nr_pages starting @offset_pages into a block aligned to MAX_ORDER. */
static void *alloc_seq_arena(unsigned long nr_pages, unsigned long offset_pages,
			     size_t *bytes)
{
	size_t align = PAGE_SIZE << MAX_ORDER;

	*bytes = ALIGN_UP((nr_pages + offset_pages) * PAGE_SIZE, align);
	return aligned_alloc(align, *bytes);
}

static void alloc_seq_begin(struct alloc_seq *s, unsigned long nr_pages,
			    unsigned long offset_pages, u64 seed)
{
	check_context("nr_pages=%lu offset=%lu seed=%llu",
		      nr_pages, offset_pages, (unsigned long long)seed);
	s->live = calloc(nr_pages, sizeof(*s->live));
	CHECK(s->live);
	s->nr_live = 0;
	s->allocs = 0;
	s->fails = 0;
	rng_seed(seed);
}

static void alloc_seq_end(struct alloc_seq *s)
{
	free(s->live);
	s->live = NULL;
}

static void *alloc_seq_block(const struct alloc_seq *s, const struct live *l)
{
	return (void *)(s->base + (l->idx << PAGE_SHIFT));
}

static u64 alloc_seq_pattern(u64 tag, unsigned long word)
{
	return (tag * 0x9E3779B97F4A7C15ULL) ^ (word * 0xD6E8FEB86659FD93ULL);
}

static void alloc_seq_fill(const struct alloc_seq *s, const struct live *l)
{
	u64 *w = alloc_seq_block(s, l);
	unsigned long n = (PAGE_SIZE << l->order) / sizeof(u64), i;

	for (i = 0; i < n; i++)
		w[i] = alloc_seq_pattern(l->tag, i);
}

/* The block still holds its pattern: nothing else was given any of it. */
static void alloc_seq_verify(const struct alloc_seq *s, const struct live *l)
{
	const u64 *w = alloc_seq_block(s, l);
	unsigned long n = (PAGE_SIZE << l->order) / sizeof(u64), i;

	for (i = 0; i < n; i++)
		if (w[i] != alloc_seq_pattern(l->tag, i))
			break;
	CHECK(i == n);
}

/* A block of @order into the table, filled; false when the core had none. */
static bool alloc_seq_alloc(struct alloc_seq *s, unsigned int order)
{
	void *p = s->alloc(s, order);
	struct live *l;

	if (!p)
		return false;
	CHECK(((unsigned long)p & ((PAGE_SIZE << order) - 1)) == 0);
	l = &s->live[s->nr_live++];
	l->idx = ((unsigned long)p - s->base) >> PAGE_SHIFT;
	l->order = order;
	l->tag = rng_u64();
	alloc_seq_fill(s, l);
	return true;
}

/* Verifies live block @i, takes it out of the table and frees it. */
static void alloc_seq_free(struct alloc_seq *s, unsigned long i)
{
	struct live l = s->live[i];

	alloc_seq_verify(s, &l);
	s->live[i] = s->live[--s->nr_live];
	s->free(s, &l);
}

/* The test's misuse, on a random live block that must come out intact. */
static void alloc_seq_misuse(struct alloc_seq *s)
{
	const struct live *l = NULL;

	if (s->nr_live)
		l = &s->live[rng_u64() % s->nr_live];
	s->misuse(s, l);
	if (l)
		alloc_seq_verify(s, l);
}

static unsigned int alloc_seq_order(const struct alloc_seq *s)
{
	u64 r = rng_u64() % 100;

	if (r < s->order_pct[0])
		return 0;
	if (r < s->order_pct[1])
		return 1;
	if (r < s->order_pct[2])
		return 2 + rng_u64() % 2;
	if (r < s->order_pct[3])
		return 4 + rng_u64() % 3;
	return 7 + rng_u64() % (MAX_ORDER - 6);
}

/*
 * @steps random steps, biased towards allocation in the first half and
 * freeing after; misuse every misuse_every steps, invariants after each.
 */
static void alloc_seq_random(struct alloc_seq *s, unsigned long steps)
{
	unsigned long step;

	for (step = 0; step < steps; step++) {
		bool do_alloc = s->nr_live == 0 ||
			rng_u64() % 100 < (step < steps / 2 ? 65 : 35);

		if (do_alloc) {
			if (alloc_seq_alloc(s, alloc_seq_order(s)))
				s->allocs++;
			else
				s->fails++;
		} else {
			alloc_seq_free(s, rng_u64() % s->nr_live);
		}
		if (step % s->misuse_every == 0)
			alloc_seq_misuse(s);
		s->check(s);
	}
}

/* Allocates single pages until the core has none left. */
static void alloc_seq_exhaust(struct alloc_seq *s)
{
	while (alloc_seq_alloc(s, 0))
		;
}

/* Frees every live block, in random order. */
static void alloc_seq_free_all(struct alloc_seq *s)
{
	while (s->nr_live)
		alloc_seq_free(s, rng_u64() % s->nr_live);
}

#endif
