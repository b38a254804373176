// SPDX-License-Identifier: Apache-2.0
/*
 * Host test of the slab core: randomised kmalloc/kfree of random sizes over
 * a malloc-backed page source that records every page it hands out (this
 * file defines the core's kmem_alloc_pages()/kmem_free_pages(), which the
 * kernel binds to page_alloc instead). Checks:
 * objects never overlap (pattern fill over ksize() bytes, verified at free),
 * natural alignment of class objects, ksize() >= request, the caches' lists
 * and counters agree with the slabs (full/partial/free, at most one empty
 * slab per class), the page source gets back every page except the one
 * cached empty slab per used class, and misuse (double free, interior or
 * foreign pointers, stale pointers into released pages) is rejected.
 *
 * Built natively with ASan/UBSan: cc -I include -I <component> test_slab.c
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tessera/testing/check.h>

#include "../slab.c"

/*
 * ---- page source: the core's kmem_alloc_pages()/kmem_free_pages() (slab.h).
 * Every block ever handed out is kept (poisoned once returned) until the end,
 * so a stale pointer still points into mapped memory the test can look up.
 */

struct src_page {
	void *addr;
	unsigned int order;
	bool live;
};

static struct src_page *pages;
static unsigned long nr_pages_rec, cap_pages, live_blocks, live_pages;
static bool src_fail;

static struct src_page *src_find(const void *addr)
{
	unsigned long i;

	for (i = nr_pages_rec; i-- > 0;)
		if ((char *)addr >= (char *)pages[i].addr &&
		    (char *)addr < (char *)pages[i].addr + (PAGE_SIZE << pages[i].order))
			return &pages[i];
	return NULL;
}

void *kmem_alloc_pages(unsigned int order)
{
	void *p;

	CHECK(order <= MAX_ORDER);
	if (src_fail)
		return NULL;
	p = aligned_alloc(PAGE_SIZE << order, PAGE_SIZE << order);
	CHECK(p != NULL);
	memset(p, 0xcc, PAGE_SIZE << order);       /* not zeroed, like real RAM */
	if (nr_pages_rec == cap_pages) {
		cap_pages = cap_pages ? 2 * cap_pages : 256;
		pages = realloc(pages, cap_pages * sizeof(*pages));
		CHECK(pages != NULL);
	}
	pages[nr_pages_rec++] = (struct src_page){ p, order, true };
	live_blocks++;
	live_pages += 1UL << order;
	return p;
}

void kmem_free_pages(void *addr, unsigned int order)
{
	struct src_page *sp = src_find(addr);

	CHECK(sp && sp->addr == addr && sp->live && sp->order == order);
	sp->live = false;
	live_blocks--;
	live_pages -= 1UL << order;
	memset(addr, 0x6b, PAGE_SIZE << order);     /* poison, keep until the end */
}

static void src_release_all(void)
{
	unsigned long i;

	for (i = 0; i < nr_pages_rec; i++)
		free(pages[i].addr);
	free(pages);
	pages = NULL;
	nr_pages_rec = cap_pages = live_blocks = live_pages = 0;
}

/* ---- the objects the test holds */

struct obj {
	unsigned char *p;
	size_t size, usable;
	u64 tag;
};

static struct kmem km;
static struct obj *objs;
static unsigned long nr_objs;

static unsigned char pat(u64 tag, size_t i)
{
	return (unsigned char)((tag >> (i % 7)) + i * 131);
}

static void fill(const struct obj *o)
{
	size_t i;

	for (i = 0; i < o->usable; i++)
		o->p[i] = pat(o->tag, i);
}

static void verify(const struct obj *o)
{
	size_t i;

	for (i = 0; i < o->usable; i++)
		if (o->p[i] != pat(o->tag, i))
			break;
	CHECK(i == o->usable);
}

static size_t class_size(size_t size)
{
	size_t c = KMALLOC_MIN_SIZE;

	while (c < size)
		c <<= 1;
	return c;
}

static unsigned long check_list(struct kmem_cache *c, struct list_head *head,
				int kind, unsigned long *active)
{
	unsigned long n = 0, free_objs, i;
	struct slab *s;
	void *f;

	list_for_each_entry(s, head, slab_list) {
		struct src_page *sp = src_find(s);

		CHECK(sp && sp->live && sp->addr == (void *)s && sp->order == 0);
		CHECK(s->magic == SLAB_MAGIC && s->cache == c && s->objects == c->objects);
		if (kind == 0)
			CHECK(s->inuse == s->objects);
		else if (kind == 1)
			CHECK(s->inuse > 0 && s->inuse < s->objects);
		else
			CHECK(s->inuse == 0);
		/* The free list: inside the slab, object starts, not in use, no cycles. */
		free_objs = 0;
		for (f = s->freelist; f; f = *(void **)f) {
			unsigned long off = (char *)f - (char *)s;

			CHECK(off >= c->offset && off < PAGE_SIZE && (off - c->offset) % c->size == 0);
			CHECK(!test_bit((off - c->offset) / c->size, s->inuse_map));
			CHECK(++free_objs <= s->objects);
		}
		CHECK(free_objs == (unsigned long)(s->objects - s->inuse));
		for (i = 0, free_objs = 0; i < s->objects; i++)
			free_objs += !test_bit(i, s->inuse_map);
		CHECK(free_objs == (unsigned long)(s->objects - s->inuse));
		*active += s->inuse;
		n++;
	}
	return n;
}

static void check_invariants(void)
{
	unsigned long slabs = 0, large_pages = 0, i, active, nfree;
	unsigned long per_class[KMALLOC_NR_CACHES] = { 0 };
	unsigned int k;

	for (i = 0; i < nr_objs; i++) {
		struct kmem_cache *c = kmem_cache_for(&km, objs[i].size);

		if (c) {
			per_class[c - km.caches]++;
		} else {
			struct kmem_large *l = (void *)(objs[i].p - KMEM_LARGE_OFFSET);

			CHECK(l->magic == KMEM_LARGE_MAGIC);
			large_pages += 1UL << l->order;
		}
	}
	for (k = 0; k < KMALLOC_NR_CACHES; k++) {
		struct kmem_cache *c = &km.caches[k];

		active = 0;
		nfree = check_list(c, &c->slabs_free, 2, &active);
		CHECK(nfree == c->nr_free_slabs && nfree <= 1);
		nfree += check_list(c, &c->slabs_partial, 1, &active);
		nfree += check_list(c, &c->slabs_full, 0, &active);
		CHECK(nfree == c->nr_slabs);
		CHECK(active == c->nr_active && active == per_class[k]);
		slabs += c->nr_slabs;
	}
	/* Every page the source has out is a slab or a large allocation. */
	CHECK(live_pages == slabs + large_pages);
	CHECK(live_blocks == slabs + km.nr_large);
}

static size_t random_size(void)
{
	u64 r = rng_u64() % 100;

	if (r < 3)
		return 0;
	if (r < 50)
		return 1 + rng_u64() % 64;
	if (r < 85)
		return 1 + rng_u64() % 512;
	if (r < 96)
		return 1 + rng_u64() % KMALLOC_MAX_CACHE_SIZE;
	return KMALLOC_MAX_CACHE_SIZE + 1 + rng_u64() % (5 * PAGE_SIZE);
}

static void do_alloc(size_t size, bool zero)
{
	struct obj *o = &objs[nr_objs];
	size_t i;

	o->p = zero ? kmem_zalloc(&km, size) : kmem_alloc(&km, size);
	CHECK(o->p != NULL);
	o->size = size;
	o->usable = kmem_size(&km, o->p);
	CHECK(o->usable >= size && o->usable > 0);
	if (size <= KMALLOC_MAX_CACHE_SIZE) {
		CHECK(o->usable == class_size(size));
		CHECK(((unsigned long)o->p & (o->usable - 1)) == 0);   /* natural alignment */
	} else {
		CHECK(((unsigned long)o->p & 15) == 0);
		/* The smallest order whose pages hold header and object. */
		CHECK(((o->usable + KMEM_LARGE_OFFSET) & ((o->usable + KMEM_LARGE_OFFSET) - 1)) == 0);
		CHECK((o->usable + KMEM_LARGE_OFFSET) / 2 - KMEM_LARGE_OFFSET < size);
	}
	if (zero)
		for (i = 0; i < size; i++)
			CHECK(o->p[i] == 0);
	o->tag = rng_u64();
	fill(o);
	nr_objs++;
}

static void do_free(unsigned long i)
{
	struct obj o = objs[i];
	struct src_page *sp;
	int ret;

	verify(&o);
	objs[i] = objs[--nr_objs];
	CHECK(kmem_free(&km, o.p) == 0);
	/* Freeing again is always caught; how depends on where the page went. */
	sp = src_find(o.p);
	CHECK(sp != NULL);
	ret = kmem_free(&km, o.p);
	CHECK(ret == (sp->live ? -ENOENT : -EFAULT));
	CHECK(kmem_size(&km, o.p) == 0);
}

static void misuse_checks(void)
{
	static unsigned char foreign[2 * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
	struct obj *o;

	CHECK(kmem_free(&km, NULL) == 0);
	CHECK(kmem_size(&km, NULL) == 0);
	memset(foreign, 0x11, sizeof(foreign));
	CHECK(kmem_free(&km, foreign + 64) == -EFAULT);
	CHECK(kmem_free(&km, foreign) == -EFAULT);
	if (!nr_objs)
		return;
	o = &objs[rng_u64() % nr_objs];
	CHECK(kmem_free(&km, o->p + 1) == -EINVAL);
	CHECK(kmem_free(&km, o->p + 8) == -EINVAL);
	if (o->size <= KMALLOC_MAX_CACHE_SIZE) {
		/* The slab header is no object. */
		CHECK(kmem_free(&km, (void *)((unsigned long)o->p & PAGE_MASK)) == -EINVAL);
	}
	verify(o);
}

static void run(u64 seed, unsigned long steps)
{
	unsigned long step, peak = 0, k, cached = 0;

	check_context("seed=%llu", (unsigned long long)seed);
	rng_seed(seed);
	objs = calloc(steps, sizeof(*objs));
	CHECK(objs != NULL);
	nr_objs = 0;
	kmem_init(&km);

	for (step = 0; step < steps; step++) {
		bool alloc = nr_objs == 0 ||
			rng_u64() % 100 < (step % 4000 < 2500 ? 70 : 30);

		if (alloc) {
			size_t size = random_size();

			do_alloc(size, rng_u64() % 8 == 0);
		} else
			do_free(rng_u64() % nr_objs);
		if (step % 50 == 0)
			misuse_checks();
		if (step % 10 == 0)
			check_invariants();
		if (live_pages > peak)
			peak = live_pages;
	}
	check_invariants();

	/* The page source failing: requests it would have to serve fail cleanly. */
	src_fail = true;
	CHECK(kmem_alloc(&km, KMALLOC_MAX_CACHE_SIZE + 1) == NULL);
	CHECK(kmem_alloc(&km, 3 * PAGE_SIZE) == NULL);
	while (nr_objs < steps) {
		void *p = kmem_alloc(&km, 100);

		if (!p)
			break;
		objs[nr_objs] = (struct obj){ p, 100, kmem_size(&km, p), rng_u64() };
		fill(&objs[nr_objs]);
		nr_objs++;
	}
	CHECK(nr_objs < steps);        /* the 128-byte class ran dry */
	src_fail = false;
	check_invariants();

	while (nr_objs)
		do_free(rng_u64() % nr_objs);
	check_invariants();
	for (k = 0; k < KMALLOC_NR_CACHES; k++) {
		CHECK(km.caches[k].nr_active == 0);
		CHECK(km.caches[k].nr_slabs == km.caches[k].nr_free_slabs);
		cached += km.caches[k].nr_slabs;
	}
	CHECK(km.nr_large == 0);
	/* Everything is back but the one cached empty slab per class. */
	CHECK(live_pages == cached && live_blocks == cached);
	CHECK(cached <= KMALLOC_NR_CACHES);

	printf("  seed %llu: %lu steps, peak %lu pages, %lu page blocks from the source, %lu cached slabs at end\n",
	       (unsigned long long)seed, steps, peak, nr_pages_rec, cached);
	free(objs);
	src_release_all();
}

static void directed_tests(void)
{
	struct kmem_cache *c;
	void *a, *b, *p;
	unsigned char *z;
	unsigned long i, n;
	void **held;

	check_context("directed");
	kmem_init(&km);

	/* Class geometry: natural alignment, at least one object per slab. */
	for (i = 0; i < KMALLOC_NR_CACHES; i++) {
		c = &km.caches[i];
		CHECK(c->size == KMALLOC_MIN_SIZE << i);
		CHECK(c->offset % c->size == 0 && c->offset >= sizeof(struct slab));
		CHECK(c->objects >= 1 && c->offset + c->objects * c->size <= PAGE_SIZE);
		CHECK(c->objects <= SLAB_MAX_OBJS);
	}
	CHECK(kmem_cache_for(&km, 0) == &km.caches[0]);
	CHECK(kmem_cache_for(&km, 16) == &km.caches[0]);
	CHECK(kmem_cache_for(&km, 17) == &km.caches[1]);
	CHECK(kmem_cache_for(&km, 2048) == &km.caches[KMALLOC_NR_CACHES - 1]);
	CHECK(kmem_cache_for(&km, 2049) == NULL);

	/* kzalloc zeroes memory a previous user dirtied. */
	a = kmem_alloc(&km, 64);
	memset(a, 0xff, 64);
	CHECK(kmem_free(&km, a) == 0);
	z = kmem_zalloc(&km, 64);
	CHECK(z == a);                          /* LIFO reuse within the slab */
	for (i = 0; i < 64; i++)
		CHECK(z[i] == 0);
	CHECK(kmem_free(&km, z) == 0);

	/* Fill two slabs of a class; freeing all keeps exactly one empty slab. */
	c = &km.caches[5];                      /* 512 bytes */
	n = 2 * c->objects;
	held = calloc(n, sizeof(*held));
	for (i = 0; i < n; i++)
		held[i] = kmem_alloc(&km, 500);
	CHECK(c->nr_slabs == 2 && c->nr_active == n && c->nr_free_slabs == 0);
	CHECK(!list_empty(&c->slabs_full) && list_empty(&c->slabs_partial));
	for (i = 0; i < n; i++)
		CHECK(kmem_free(&km, held[i]) == 0);
	CHECK(c->nr_slabs == 1 && c->nr_free_slabs == 1 && c->nr_active == 0);
	free(held);

	/* Large allocations: exact pages, order recorded in the header. */
	p = kmem_alloc(&km, PAGE_SIZE - KMEM_LARGE_OFFSET);
	CHECK(((struct kmem_large *)((char *)p - KMEM_LARGE_OFFSET))->order == 0);
	CHECK(kmem_size(&km, p) == PAGE_SIZE - KMEM_LARGE_OFFSET);
	b = kmem_alloc(&km, PAGE_SIZE);
	CHECK(((struct kmem_large *)((char *)b - KMEM_LARGE_OFFSET))->order == 1);
	CHECK(kmem_free(&km, (char *)b + PAGE_SIZE) == -EFAULT);   /* second page: no header */
	CHECK(kmem_free(&km, p) == 0);
	CHECK(kmem_free(&km, b) == 0);
	CHECK(kmem_alloc(&km, (PAGE_SIZE << MAX_ORDER) - KMEM_LARGE_OFFSET + 1) == NULL);
	p = kmem_alloc(&km, (PAGE_SIZE << MAX_ORDER) - KMEM_LARGE_OFFSET);
	CHECK(p != NULL);
	CHECK(kmem_free(&km, p) == 0);
	CHECK(km.nr_large == 0);

	/* A corrupted cache pointer is caught, not followed. */
	a = kmem_alloc(&km, 32);
	{
		struct slab *s = (struct slab *)((unsigned long)a & PAGE_MASK);
		struct kmem_cache *saved = s->cache;

		s->cache = (struct kmem_cache *)(unsigned long)0x1000;
		CHECK(kmem_free(&km, a) == -EFAULT);
		s->cache = saved;
	}
	CHECK(kmem_free(&km, a) == 0);
	check_invariants();
	printf("  directed: ok\n");
	src_release_all();
}

int main(void)
{
	static const u64 seeds[] = { 1, 0xdeadbeef, 20240611, 42 };
	unsigned int s;

	check_exit_on_failure = true;   /* later steps rely on every check */
	printf("test_slab:\n");
	directed_tests();
	for (s = 0; s < ARRAY_SIZE(seeds); s++)
		run(seeds[s], 20000);
	return check_summary("test_slab");
}
