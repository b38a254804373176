// SPDX-License-Identifier: Apache-2.0
/*
 * In-kernel tests of the page_alloc interface as page-alloc-firstfit
 * provides it. Every case gives back all it takes.
 */
#include <interfaces/ktest.h>
#include <interfaces/lib.h>
#include <interfaces/page_alloc.h>
#include <tessera/list.h>

static void firstfit_alloc_each_order(struct ktest *t)
{
	unsigned long start = nr_free_pages();
	unsigned int order;
	void *p;

	KTEST_EXPECT(t, start > 0);
	KTEST_EXPECT_EQ(t, start, totalram_pages());
	for (order = 0; order <= MAX_ORDER; order++) {
		p = alloc_pages(order);
		KTEST_ASSERT(t, p != NULL);
		KTEST_EXPECT_EQ(t, (unsigned long)p & ((PAGE_SIZE << order) - 1), 0);
		KTEST_EXPECT_EQ(t, nr_free_pages(), start - (1UL << order));
		memset(p, 0xa5, PAGE_SIZE << order);
		KTEST_EXPECT_EQ(t, ((unsigned char *)p)[(PAGE_SIZE << order) - 1], 0xa5);
		free_pages(p, order);
		KTEST_EXPECT_EQ(t, nr_free_pages(), start);
	}
	KTEST_EXPECT(t, alloc_pages(MAX_ORDER + 1) == NULL);
}

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

static void firstfit_exhaustion(struct ktest *t)
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
}

static void firstfit_reuses_freed_page(struct ktest *t)
{
	unsigned long start = nr_free_pages();
	struct held *h;
	LIST_HEAD(held);
	void *p;

	KTEST_EXPECT_EQ(t, hold_all(&held, 0), start);
	/* Give back one page whose neighbour is held: it is all there is. */
	h = list_first_entry(&held, struct held, node);
	list_del(&h->node);
	free_pages(h, 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), 1);
	p = alloc_pages(1);
	KTEST_EXPECT(t, p == NULL);
	if (p)
		free_pages(p, 1);
	p = alloc_pages(0);
	KTEST_EXPECT(t, p == (void *)h);
	if (p)
		free_pages(p, 0);
	release_all(&held);
	KTEST_EXPECT_EQ(t, nr_free_pages(), start);
}

KTEST_SUITE(firstfit,
	KTEST_CASE(firstfit_alloc_each_order),
	KTEST_CASE(firstfit_exhaustion),
	KTEST_CASE(firstfit_reuses_freed_page),
);
