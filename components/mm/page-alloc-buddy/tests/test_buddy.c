// SPDX-License-Identifier: Apache-2.0
/*
 * Host test of the buddy core: randomised allocate/free sequences over zones
 * of several sizes and alignments, checked against invariants after every
 * step: blocks never overlap, every block is aligned to its order, every page
 * is either free or in exactly one live block, no two free buddies of the
 * same order are left uncoalesced, and after freeing everything the zone is
 * back to the minimal number of maximal blocks. The allocator keeps its free
 * lists in its metadata: free memory keeps the bytes it was given back with.
 * Misuse (double free, wrong order, foreign or unaligned addresses) must be
 * rejected.
 *
 * Built natively with ASan/UBSan: cc -I include -I <component> test_buddy.c
 */
#include <string.h>

#include <tessera/testing/page_alloc_sequence.h>

#include "../buddy.c"

static struct buddy_zone zone;
static struct alloc_seq seq;       /* defined with its hooks below */
static u8 *shadow;                 /* per page: 0 unowned, 1 free, 2 live */

/* What free memory holds: the zone starts so, and freed blocks are refilled. */
#define FREE_BYTE 0xf5

/* The first bytes of a free block, where an allocator could keep its links. */
static bool untouched(unsigned long idx)
{
	const u8 *p = (const u8 *)(zone.base + (idx << PAGE_SHIFT));
	size_t i;

	for (i = 0; i < 4 * sizeof(void *); i++)
		if (p[i] != FREE_BYTE)
			return false;
	return true;
}

/* Minimal number of aligned blocks covering [pfn, pfn + n): greedy. */
static unsigned long min_blocks(unsigned long pfn, unsigned long n)
{
	unsigned long count = 0, size;
	unsigned int k;

	while (n) {
		for (k = MAX_ORDER; k; k--)
			if (!(pfn & ((1UL << k) - 1)) && (1UL << k) <= n)
				break;
		size = 1UL << k;
		pfn += size;
		n -= size;
		count++;
	}
	return count;
}

static void mark(unsigned long idx, unsigned int order, u8 what)
{
	unsigned long i;

	CHECK(idx + (1UL << order) <= zone.nr_pages);
	for (i = idx; i < idx + (1UL << order); i++) {
		CHECK(shadow[i] == 0);          /* no overlap */
		shadow[i] = what;
	}
}

static unsigned long check_invariants(void)
{
	unsigned long i, free_pages = 0, live_pages = 0, blocks = 0, n, idx, bidx;
	struct list_head *pos;
	unsigned int k;

	memset(shadow, 0, zone.nr_pages);
	for (k = 0; k <= MAX_ORDER; k++) {
		n = 0;
		list_for_each(pos, &zone.free_area[k].free_list) {
			/* A node of the metadata, not a pointer into the pages. */
			CHECK(pos >= zone.links && pos < zone.links + zone.nr_pages);
			idx = node_idx(&zone, pos);
			CHECK(((zone.base_pfn + idx) & ((1UL << k) - 1)) == 0);
			CHECK(zone.page_info[idx] == (PAGE_INFO_FREE | k));
			CHECK(untouched(idx));
			mark(idx, k, 1);
			/* Coalescing is complete: the buddy is not free too. */
			if (k < MAX_ORDER) {
				bidx = ((zone.base_pfn + idx) ^ (1UL << k)) - zone.base_pfn;
				if ((zone.base_pfn + idx) >= (1UL << k) &&
				    bidx < zone.nr_pages && bidx + (1UL << k) <= zone.nr_pages)
					CHECK(zone.page_info[bidx] != (PAGE_INFO_FREE | k));
			}
			free_pages += 1UL << k;
			n++;
		}
		CHECK(n == zone.free_area[k].nr_free);
		blocks += n;
	}
	for (i = 0; i < seq.nr_live; i++) {
		k = seq.live[i].order;
		idx = seq.live[i].idx;
		CHECK(((zone.base + (idx << PAGE_SHIFT)) & ((PAGE_SIZE << k) - 1)) == 0);
		CHECK(zone.page_info[idx] == (PAGE_INFO_ALLOC | k));
		mark(idx, k, 2);
		live_pages += 1UL << k;
	}
	CHECK(free_pages == zone.nr_free);
	CHECK(free_pages + live_pages == zone.nr_pages);
	for (i = 0; i < zone.nr_pages; i++) {
		CHECK(shadow[i] != 0);          /* every page accounted */
		/* page_info marks exactly the block heads. */
		if (zone.page_info[i])
			CHECK(i == 0 || shadow[i - 1] != shadow[i] ||
			      (zone.page_info[i] & (PAGE_INFO_FREE | PAGE_INFO_ALLOC)));
	}
	n = 0;
	for (i = 0; i < zone.nr_pages; i++)
		if (zone.page_info[i])
			n++;
	CHECK(n == blocks + seq.nr_live);
	return blocks;
}

/* The hooks of the random sequence (tessera/testing/page_alloc_sequence.h). */
static void *seq_alloc(struct alloc_seq *s, unsigned int order)
{
	void *p = buddy_zone_alloc(&zone, order);
	unsigned int i;

	(void)s;
	if (!p) {
		/* Nothing of that order or above can be free. */
		for (i = order; i <= MAX_ORDER; i++)
			CHECK(zone.free_area[i].nr_free == 0);
		return NULL;
	}
	CHECK(buddy_zone_contains(&zone, p));
	return p;
}

static void seq_free(struct alloc_seq *s, const struct live *l)
{
	void *addr = alloc_seq_block(s, l);

	memset(addr, FREE_BYTE, PAGE_SIZE << l->order);
	CHECK(buddy_zone_free(&zone, addr, l->order) == 0);
	/* Freed memory is the allocator's now: a second free is caught. */
	CHECK(buddy_zone_free(&zone, addr, l->order) < 0);
}

static void seq_misuse(struct alloc_seq *s, const struct live *l)
{
	void *addr;

	if (!l)
		return;
	addr = alloc_seq_block(s, l);
	if (l->order < MAX_ORDER)
		CHECK(buddy_zone_free(&zone, addr, l->order + 1) == -ERANGE);
	if (l->order > 0) {
		CHECK(buddy_zone_free(&zone, addr, l->order - 1) == -ERANGE);
		/* A page in the middle of the block is not a block. */
		CHECK(buddy_zone_free(&zone, (char *)addr + PAGE_SIZE, 0) == -EINVAL);
	}
	CHECK(buddy_zone_free(&zone, (char *)addr + 8, l->order) == -EINVAL);
	CHECK(buddy_zone_free(&zone, (char *)zone.base - PAGE_SIZE, 0) == -EFAULT);
	CHECK(buddy_zone_free(&zone, (char *)zone.base + (zone.nr_pages << PAGE_SHIFT), 0) == -EFAULT);
}

static void seq_check(struct alloc_seq *s)
{
	(void)s;
	check_invariants();
}

static struct alloc_seq seq = {
	.order_pct = { 45, 65, 80, 95 },
	.misuse_every = 64,
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
	void *meta = malloc(buddy_meta_size(nr_pages));
	unsigned long expect_blocks;
	unsigned int order;
	void *p;

	alloc_seq_begin(&seq, nr_pages, offset_pages, seed);
	CHECK(mem && meta);
	memset(mem, FREE_BYTE, bytes);
	shadow = malloc(nr_pages);
	CHECK(shadow);

	CHECK(buddy_zone_init(&zone, mem + 1, nr_pages, meta) == -EINVAL);
	CHECK(buddy_zone_init(&zone, mem, nr_pages, (char *)meta + 1) == -EINVAL);
	CHECK(buddy_zone_init(&zone, mem + offset_pages * PAGE_SIZE, nr_pages, meta) == 0);
	seq.base = zone.base;
	expect_blocks = min_blocks(zone.base_pfn, nr_pages);
	CHECK(check_invariants() == expect_blocks);
	CHECK(buddy_zone_alloc(&zone, MAX_ORDER + 1) == NULL);

	alloc_seq_random(&seq, steps);

	/* Exhaust with single pages: every page must come out exactly once. */
	alloc_seq_exhaust(&seq);
	CHECK(zone.nr_free == 0);
	check_invariants();

	/* Free everything in random order: back to maximal blocks. */
	alloc_seq_free_all(&seq);
	CHECK(zone.nr_free == nr_pages);
	CHECK(check_invariants() == expect_blocks);

	/* The largest block that fits is allocatable again. */
	for (order = MAX_ORDER; order > 0; order--)
		if (zone.free_area[order].nr_free)
			break;
	p = buddy_zone_alloc(&zone, order);
	CHECK(p != NULL);
	CHECK(buddy_zone_free(&zone, p, order) == 0);
	CHECK(check_invariants() == expect_blocks);

	printf("  zone %5lu pages, base pfn %% 1024 = %4lu, seed %llu: %lu steps, %lu allocs, %lu failed allocs, %lu free blocks at end\n",
	       nr_pages, zone.base_pfn & 1023, (unsigned long long)seed, steps, seq.allocs,
	       seq.fails, expect_blocks);
	alloc_seq_end(&seq);
	free(shadow);
	free(meta);
	free(mem);
}

/* Two buddies freed one after the other merge into the block above. */
static void coalesce_test(void)
{
	size_t align = PAGE_SIZE << MAX_ORDER;
	char *mem = aligned_alloc(align, align);
	void *meta = malloc(buddy_meta_size(16));
	void *a, *b, *c;

	check_context("coalesce");
	CHECK(mem && meta);
	CHECK(buddy_zone_init(&zone, mem, 16, meta) == 0);
	CHECK(zone.free_area[4].nr_free == 1);
	a = buddy_zone_alloc(&zone, 0);
	b = buddy_zone_alloc(&zone, 0);
	CHECK(a == mem && b == mem + PAGE_SIZE);
	CHECK(zone.free_area[1].nr_free == 1 && zone.free_area[2].nr_free == 1 &&
	      zone.free_area[3].nr_free == 1 && zone.free_area[4].nr_free == 0);
	c = buddy_zone_alloc(&zone, 1);
	CHECK(c == mem + 2 * PAGE_SIZE);
	CHECK(buddy_zone_free(&zone, a, 0) == 0);
	CHECK(zone.free_area[0].nr_free == 1);
	CHECK(buddy_zone_alloc(&zone, 4) == NULL);
	CHECK(buddy_zone_free(&zone, b, 0) == 0);
	CHECK(zone.free_area[0].nr_free == 0 && zone.free_area[1].nr_free == 1);
	CHECK(buddy_zone_free(&zone, c, 1) == 0);
	CHECK(zone.free_area[4].nr_free == 1 && zone.nr_free == 16);
	CHECK(buddy_zone_alloc(&zone, 4) == mem);
	CHECK(buddy_zone_alloc(&zone, 0) == NULL);
	CHECK(buddy_zone_free(&zone, mem, 4) == 0);
	CHECK(buddy_zone_free(&zone, mem, 4) == -ENOENT);
	free(meta);
	free(mem);
	printf("  coalesce: ok\n");
}

/*
 * A double free is -ENOENT wherever the freed block ended up: also when it
 * merged with its buddy and its first page is now a tail of the merged
 * block (page_info 0, like a tail of an allocated block). A pointer into
 * the middle of an allocated block stays -EINVAL.
 */
static void double_free_test(void)
{
	size_t align = PAGE_SIZE << MAX_ORDER;
	char *mem = aligned_alloc(align, align);
	void *meta = malloc(buddy_meta_size(16));
	char *a, *b, *c;

	check_context("double free");
	CHECK(mem && meta);
	CHECK(buddy_zone_init(&zone, mem, 16, meta) == 0);
	a = buddy_zone_alloc(&zone, 0);
	b = buddy_zone_alloc(&zone, 0);
	CHECK(a == mem && b == mem + PAGE_SIZE);
	CHECK(buddy_zone_free(&zone, a, 0) == 0);
	CHECK(buddy_zone_free(&zone, b, 0) == 0);          /* merges with a */
	CHECK(buddy_zone_free(&zone, b, 0) == -ENOENT);    /* upper half */
	CHECK(buddy_zone_free(&zone, a, 0) == -ENOENT);    /* lower half */
	/* Deeper: a page in the middle of the whole merged zone. */
	CHECK(buddy_zone_free(&zone, mem + 13 * PAGE_SIZE, 0) == -ENOENT);
	CHECK(zone.nr_free == 16 && zone.free_area[4].nr_free == 1);
	/* Inside an allocated block: not a block start, not a double free. */
	c = buddy_zone_alloc(&zone, 2);
	CHECK(c == mem);
	CHECK(buddy_zone_free(&zone, c + 3 * PAGE_SIZE, 0) == -EINVAL);
	/* Right after it, inside the free order-2 buddy of c. */
	CHECK(buddy_zone_free(&zone, c + 5 * PAGE_SIZE, 0) == -ENOENT);
	CHECK(buddy_zone_free(&zone, c, 2) == 0);
	CHECK(zone.nr_free == 16 && zone.free_area[4].nr_free == 1);
	free(meta);
	free(mem);
	printf("  double free: ok\n");
}

int main(void)
{
	static const struct { unsigned long pages, offset, steps; } cases[] = {
		{ 1, 0, 200 },
		{ 7, 3, 500 },
		{ 64, 0, 2000 },
		{ 1024, 0, 4000 },
		{ 1023, 1, 4000 },
		{ 1000, 24, 4000 },
		{ 3000, 5, 5000 },
		{ 4096 + 37, 0, 5000 },
		{ 2049, 1023, 5000 },
		{ 5000, 513, 6000 },
	};
	static const u64 seeds[] = { 1, 0xdeadbeef, 20240611 };
	unsigned int i, s;

	check_exit_on_failure = true;   /* later steps rely on every check */
	printf("test_buddy:\n");
	coalesce_test();
	double_free_test();
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		for (s = 0; s < ARRAY_SIZE(seeds); s++)
			run(cases[i].pages, cases[i].offset, seeds[s], cases[i].steps);
	return check_summary("test_buddy");
}
