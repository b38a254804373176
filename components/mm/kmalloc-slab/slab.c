// SPDX-License-Identifier: Apache-2.0
/* Slab allocator core: size-class caches over one-page slabs; see slab.h. */
#include <tessera/bitmap.h>
#include <tessera/compiler.h>
#include <tessera/errno.h>

#include "slab.h"

_Static_assert((PAGE_SIZE - sizeof(struct slab)) / KMALLOC_MIN_SIZE <= SLAB_MAX_OBJS,
	       "inuse_map too small for the smallest class");
_Static_assert(sizeof(struct kmem_large) <= KMEM_LARGE_OFFSET, "kmem_large header");

static const char *const cache_names[KMALLOC_NR_CACHES] = {
	"kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-128",
	"kmalloc-256", "kmalloc-512", "kmalloc-1k", "kmalloc-2k",
};

void kmem_init(struct kmem *km)
{
	struct kmem_cache *c;
	unsigned int i;

	km->nr_large = 0;
	for (i = 0; i < KMALLOC_NR_CACHES; i++) {
		c = &km->caches[i];
		c->name = cache_names[i];
		c->size = KMALLOC_MIN_SIZE << i;
		c->offset = ALIGN_UP((unsigned int)sizeof(struct slab), c->size);
		c->objects = (PAGE_SIZE - c->offset) / c->size;
		INIT_LIST_HEAD(&c->slabs_full);
		INIT_LIST_HEAD(&c->slabs_partial);
		INIT_LIST_HEAD(&c->slabs_free);
		c->nr_slabs = 0;
		c->nr_free_slabs = 0;
		c->nr_active = 0;
	}
}

struct kmem_cache *kmem_cache_for(struct kmem *km, size_t size)
{
	unsigned int i = 0;

	if (size > KMALLOC_MAX_CACHE_SIZE)
		return NULL;
	while ((KMALLOC_MIN_SIZE << i) < size)
		i++;
	return &km->caches[i];
}

static struct slab *new_slab(struct kmem_cache *c)
{
	struct slab *s = kmem_alloc_pages(0);
	char *obj;
	unsigned int i;

	if (!s)
		return NULL;
	s->magic = SLAB_MAGIC;
	s->inuse = 0;
	s->objects = c->objects;
	s->cache = c;
	for (i = 0; i < ARRAY_SIZE(s->inuse_map); i++)
		s->inuse_map[i] = 0;
	/* Chain the objects in address order. */
	s->freelist = NULL;
	for (i = c->objects; i-- > 0;) {
		obj = (char *)s + c->offset + i * c->size;
		*(void **)obj = s->freelist;
		s->freelist = obj;
	}
	list_add(&s->slab_list, &c->slabs_free);
	c->nr_slabs++;
	c->nr_free_slabs++;
	return s;
}

/* Put @s on the list its fill level calls for. */
static void slab_relist(struct kmem_cache *c, struct slab *s, bool was_free)
{
	list_del(&s->slab_list);
	if (was_free)
		c->nr_free_slabs--;
	if (s->inuse == s->objects) {
		list_add(&s->slab_list, &c->slabs_full);
	} else if (s->inuse) {
		list_add(&s->slab_list, &c->slabs_partial);
	} else {
		list_add(&s->slab_list, &c->slabs_free);
		c->nr_free_slabs++;
	}
}

static void *large_alloc(struct kmem *km, size_t size)
{
	unsigned int order = 0;
	struct kmem_large *l;

	while ((PAGE_SIZE << order) - KMEM_LARGE_OFFSET < size) {
		if (++order > MAX_ORDER)
			return NULL;
	}
	l = kmem_alloc_pages(order);
	if (!l)
		return NULL;
	l->magic = KMEM_LARGE_MAGIC;
	l->order = order;
	l->size = (PAGE_SIZE << order) - KMEM_LARGE_OFFSET;
	km->nr_large++;
	return (char *)l + KMEM_LARGE_OFFSET;
}

void *kmem_alloc(struct kmem *km, size_t size)
{
	struct kmem_cache *c = kmem_cache_for(km, size);
	struct slab *s;
	unsigned long idx;
	void *obj;
	bool was_free = false;

	if (!c)
		return large_alloc(km, size);
	if (!list_empty(&c->slabs_partial)) {
		s = list_first_entry(&c->slabs_partial, struct slab, slab_list);
	} else {
		if (list_empty(&c->slabs_free) && !new_slab(c))
			return NULL;
		s = list_first_entry(&c->slabs_free, struct slab, slab_list);
		was_free = true;
	}
	obj = s->freelist;
	s->freelist = *(void **)obj;
	idx = ((char *)obj - (char *)s - c->offset) / c->size;
	__set_bit(idx, s->inuse_map);
	s->inuse++;
	c->nr_active++;
	slab_relist(c, s, was_free);
	return obj;
}

void *kmem_zalloc(struct kmem *km, size_t size)
{
	void *p = kmem_alloc(km, size);

	if (p)
		__builtin_memset(p, 0, size);
	return p;
}

static bool cache_valid(const struct kmem *km, const struct kmem_cache *c)
{
	return c >= km->caches && c < km->caches + KMALLOC_NR_CACHES;
}

/*
 * Find what @ptr belongs to: a slab (and the object's index in it) or, for a
 * large allocation, *large. Returns 0 or the error kmem_free() reports.
 */
static int lookup(const struct kmem *km, const void *ptr, struct slab **slabp,
		  unsigned long *idxp, struct kmem_large **large)
{
	unsigned long a = (unsigned long)ptr, off = a & (PAGE_SIZE - 1);
	struct slab *s = (struct slab *)(a & PAGE_MASK);
	const struct kmem_cache *c;

	*large = NULL;
	if (s->magic == KMEM_LARGE_MAGIC) {
		if (off != KMEM_LARGE_OFFSET)
			return -EINVAL;
		*large = (struct kmem_large *)s;
		return 0;
	}
	if (s->magic != SLAB_MAGIC || !cache_valid(km, s->cache))
		return -EFAULT;
	c = s->cache;
	if (off < c->offset || (off - c->offset) % c->size)
		return -EINVAL;
	*idxp = (off - c->offset) / c->size;
	if (*idxp >= s->objects)
		return -EINVAL;
	*slabp = s;
	return 0;
}

int kmem_free(struct kmem *km, const void *ptr)
{
	struct kmem_large *l;
	struct kmem_cache *c;
	struct slab *s = NULL;
	unsigned long idx = 0;
	bool now_free;
	int ret;

	if (!ptr)
		return 0;
	ret = lookup(km, ptr, &s, &idx, &l);
	if (ret)
		return ret;
	if (l) {
		l->magic = KMEM_DEAD_MAGIC;
		km->nr_large--;
		kmem_free_pages(l, l->order);
		return 0;
	}
	c = s->cache;
	if (!test_bit(idx, s->inuse_map))
		return -ENOENT;
	__clear_bit(idx, s->inuse_map);
	*(void **)ptr = s->freelist;
	s->freelist = (void *)ptr;
	s->inuse--;
	c->nr_active--;
	now_free = s->inuse == 0;
	if (now_free && c->nr_free_slabs) {
		/* One empty slab is cache enough: give this one back. */
		list_del(&s->slab_list);
		c->nr_slabs--;
		s->magic = KMEM_DEAD_MAGIC;
		kmem_free_pages(s, 0);
		return 0;
	}
	slab_relist(c, s, false);
	return 0;
}

size_t kmem_size(struct kmem *km, const void *ptr)
{
	struct kmem_large *l;
	struct slab *s = NULL;
	unsigned long idx = 0;

	if (!ptr || lookup(km, ptr, &s, &idx, &l))
		return 0;
	if (l)
		return l->size;
	if (!test_bit(idx, s->inuse_map))
		return 0;
	return s->cache->size;
}
