// SPDX-License-Identifier: Apache-2.0
/*
 * In-kernel tests of the page_alloc interface as page-alloc-buddy provides
 * it. Every case gives back all it takes: nr_free_pages() must end where it
 * started.
 */
#include <interfaces/ktest.h>
#include <interfaces/lib.h>
#include <interfaces/page_alloc.h>
#include <tessera/list.h>

static void buddy_alloc_each_order(struct ktest *t)
{
	unsigned long start = nr_free_pages();
	unsigned int order;
	void *p;

	KTEST_EXPECT(t, start > 0);
	KTEST_EXPECT(t, start <= totalram_pages());
	for (order = 0; order <= MAX_ORDER; order++) {
		p = alloc_pages(order);
		KTEST_ASSERT(t, p != NULL);
		KTEST_EXPECT_EQ(t, (unsigned long)p & ((PAGE_SIZE << order) - 1), 0);
		KTEST_EXPECT_EQ(t, nr_free_pages(), start - (1UL << order));
		free_pages(p, order);
		KTEST_EXPECT_EQ(t, nr_free_pages(), start);
	}
	KTEST_EXPECT(t, alloc_pages(MAX_ORDER + 1) == NULL);
	KTEST_EXPECT_EQ(t, nr_free_pages(), start);
}

static void buddy_memory_is_usable(struct ktest *t)
{
	unsigned long start = nr_free_pages(), i, n = (PAGE_SIZE << 3) / sizeof(u64);
	u64 *a = alloc_pages(3), *b = alloc_pages(3);

	KTEST_ASSERT(t, a != NULL && b != NULL);
	/* Distinct blocks do not overlap. */
	KTEST_EXPECT(t, (char *)a + (PAGE_SIZE << 3) <= (char *)b ||
			(char *)b + (PAGE_SIZE << 3) <= (char *)a);
	for (i = 0; i < n; i++) {
		a[i] = i * 0x9E3779B97F4A7C15ULL;
		b[i] = ~a[i];
	}
	for (i = 0; i < n; i++)
		if (a[i] != i * 0x9E3779B97F4A7C15ULL || b[i] != ~a[i])
			break;
	KTEST_EXPECT_EQ(t, i, n);
	memset(a, 0, PAGE_SIZE << 3);
	KTEST_EXPECT_EQ(t, b[n - 1], ~((n - 1) * 0x9E3779B97F4A7C15ULL));
	free_pages(a, 3);
	free_pages(b, 3);
	KTEST_EXPECT_EQ(t, nr_free_pages(), start);
}

/* Blocks taken from the allocator, linked through their own first bytes. */
struct held {
	struct list_head node;
	unsigned int order;
};

static unsigned long hold_all(struct list_head *list, unsigned int order)
{
	unsigned long pages = 0;
	struct held *h;

	while ((h = alloc_pages(order))) {
		h->order = order;
		list_add_tail(&h->node, list);
		pages += 1UL << order;
	}
	return pages;
}

static void release_all(struct list_head *list)
{
	struct held *h;

	while (!list_empty(list)) {
		h = list_first_entry(list, struct held, node);
		list_del(&h->node);
		free_pages(h, h->order);
	}
}

static void buddy_exhaustion(struct ktest *t)
{
	unsigned long start = nr_free_pages(), taken = 0;
	LIST_HEAD(held);
	int order;

	for (order = MAX_ORDER; order >= 0; order--)
		taken += hold_all(&held, order);
	KTEST_EXPECT_EQ(t, taken, start);
	KTEST_EXPECT_EQ(t, nr_free_pages(), 0);
	KTEST_EXPECT(t, alloc_pages(0) == NULL);
	release_all(&held);
	KTEST_EXPECT_EQ(t, nr_free_pages(), start);

	/* Everything coalesced again: the first pass is repeatable. */
	taken = hold_all(&held, MAX_ORDER);
	KTEST_EXPECT(t, taken > 0);
	release_all(&held);
	KTEST_EXPECT_EQ(t, nr_free_pages(), start);
}

static void buddy_coalesce(struct ktest *t)
{
	unsigned long start = nr_free_pages();
	struct held *h, *lo = NULL, *hi = NULL;
	LIST_HEAD(held);
	void *p;

	/* With every page held singly, the only free memory is what we free. */
	KTEST_EXPECT_EQ(t, hold_all(&held, 0), start);
	list_for_each_entry(h, &held, node) {
		if ((unsigned long)h & PAGE_SIZE)
			continue;
		/* Its buddy is the next page; find it among ours. */
		list_for_each_entry(hi, &held, node)
			if ((char *)hi == (char *)h + PAGE_SIZE)
				break;
		if (&hi->node != &held) {
			lo = h;
			break;
		}
	}
	KTEST_ASSERT(t, lo != NULL);   /* (leaks on failure: nothing to salvage) */
	list_del(&lo->node);
	list_del(&hi->node);

	free_pages(lo, 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), 1);
	p = alloc_pages(1);
	KTEST_EXPECT(t, p == NULL);          /* a lone page is not an order-1 block */
	if (p)
		free_pages(p, 1);
	free_pages(hi, 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), 2);
	p = alloc_pages(1);
	KTEST_EXPECT(t, p == (void *)lo);     /* the two merged, at the lower address */
	if (p)
		free_pages(p, 1);

	release_all(&held);
	KTEST_EXPECT_EQ(t, nr_free_pages(), start);
}

KTEST_SUITE(buddy,
	KTEST_CASE(buddy_alloc_each_order),
	KTEST_CASE(buddy_memory_is_usable),
	KTEST_CASE(buddy_exhaustion),
	KTEST_CASE(buddy_coalesce),
);
