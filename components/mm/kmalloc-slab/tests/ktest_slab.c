// SPDX-License-Identifier: Apache-2.0
/*
 * In-kernel tests of the kmalloc interface as kmalloc-slab provides it, over
 * whichever page allocator the product chose.
 */
#include <interfaces/ktest.h>
#include <interfaces/kmalloc.h>
#include <interfaces/lib.h>
#include <interfaces/page_alloc.h>

static void slab_sizes_and_alignment(struct ktest *t)
{
	size_t size, want;
	void *p;

	for (size = 1; size <= 2048; size = size * 2 + 1) {
		p = kmalloc(size);
		KTEST_ASSERT(t, p != NULL);
		for (want = 16; want < size; want <<= 1)
			;
		KTEST_EXPECT_EQ(t, ksize(p), want);
		KTEST_EXPECT_EQ(t, (unsigned long)p & (want - 1), 0);
		memset(p, 0x5a, ksize(p));
		kfree(p);
	}
	p = kmalloc(0);
	KTEST_EXPECT(t, p != NULL);
	kfree(p);
	kfree(NULL);
}

static void slab_objects_do_not_overlap(struct ktest *t)
{
	enum { N = 300 };
	static unsigned char *objs[N];
	unsigned int i, j, bad = 0;
	size_t size;

	for (i = 0; i < N; i++) {
		size = 8 + (i * 37) % 600;
		objs[i] = kmalloc(size);
		KTEST_ASSERT(t, objs[i] != NULL);
		memset(objs[i], (int)(i & 0xff), size);
	}
	for (i = 0; i < N; i++) {
		size = 8 + (i * 37) % 600;
		for (j = 0; j < size; j++)
			bad += objs[i][j] != (unsigned char)(i & 0xff);
	}
	KTEST_EXPECT_EQ(t, bad, 0);
	for (i = 0; i < N; i += 2)
		kfree(objs[i]);
	for (i = 1; i < N; i += 2)
		kfree(objs[i]);
}

static void slab_kzalloc_zeroes(struct ktest *t)
{
	unsigned char *p = kmalloc(200), *q;
	unsigned int i, nonzero = 0;

	KTEST_ASSERT(t, p != NULL);
	memset(p, 0xff, 200);
	kfree(p);
	q = kzalloc(200);
	KTEST_ASSERT(t, q != NULL);
	for (i = 0; i < 200; i++)
		nonzero += q[i] != 0;
	KTEST_EXPECT_EQ(t, nonzero, 0);
	kfree(q);
}

static void slab_large_allocations(struct ktest *t)
{
	unsigned long before = nr_free_pages();
	unsigned char *p = kmalloc(3 * 4096);

	KTEST_ASSERT(t, p != NULL);
	KTEST_EXPECT(t, ksize(p) >= 3 * 4096);
	KTEST_EXPECT(t, nr_free_pages() < before);
	memset(p, 0x3c, 3 * 4096);
	KTEST_EXPECT_EQ(t, p[3 * 4096 - 1], 0x3c);
	kfree(p);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

/* Churning through many slabs and freeing them all gives the pages back. */
static void slab_pages_return(struct ktest *t)
{
	enum { N = 1000 };
	static void *objs[N];
	unsigned long before, during, after;
	unsigned int i;

	/* Warm the 256-byte class: usually leaves its one cached empty slab. */
	kfree(kmalloc(256));
	before = nr_free_pages();
	for (i = 0; i < N; i++) {
		objs[i] = kmalloc(256);
		KTEST_ASSERT(t, objs[i] != NULL);
	}
	during = nr_free_pages();
	KTEST_EXPECT(t, during < before);
	for (i = 0; i < N; i++)
		kfree(objs[i]);
	/*
	 * All ~67 slabs but at most one (kept as the class's cached empty slab,
	 * if other users' objects kept the warm-up from leaving one) came back.
	 */
	after = nr_free_pages();
	KTEST_EXPECT(t, after <= before && before - after <= 1);
	KTEST_EXPECT(t, before - during >= N / 16);
}

KTEST_SUITE(slab,
	KTEST_CASE(slab_sizes_and_alignment),
	KTEST_CASE(slab_objects_do_not_overlap),
	KTEST_CASE(slab_kzalloc_zeroes),
	KTEST_CASE(slab_large_allocations),
	KTEST_CASE(slab_pages_return),
);
