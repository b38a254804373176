/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Slab allocator core (private to kmalloc-slab).
 *
 * Size classes of 16, 32, ..., 2048 bytes, each a struct kmem_cache with
 * lists of full, partial and free (empty) slabs, the Linux shape. A slab is
 * one page: a struct slab header at the start, then objects at multiples of
 * the class size (so every object is naturally aligned to its class size).
 * Free objects are chained through their first word. At most one empty slab
 * per class is kept; further empty slabs go back to the page source.
 *
 * Requests above the largest class take 2^order pages directly, with a
 * struct kmem_large header at the start; the object follows the header
 * (KMEM_LARGE_OFFSET bytes in) so kfree() finds the order there.
 *
 * Pure code: pages come from kmem_alloc_pages()/kmem_free_pages(), which
 * the core declares but does not define; whatever links the core supplies
 * them. Misuse is reported by return value; the kernel glue (slab_setup.c)
 * panics.
 */
#ifndef SLAB_H
#define SLAB_H

#include <tessera/list.h>
#include <tessera/page.h>
#include <tessera/types.h>

#define KMALLOC_MIN_SHIFT   4
#define KMALLOC_MAX_SHIFT   11
#define KMALLOC_MIN_SIZE    (1UL << KMALLOC_MIN_SHIFT)
#define KMALLOC_MAX_CACHE_SIZE (1UL << KMALLOC_MAX_SHIFT)
#define KMALLOC_NR_CACHES   (KMALLOC_MAX_SHIFT - KMALLOC_MIN_SHIFT + 1)

#define SLAB_MAGIC        0x51ab51abU
#define KMEM_LARGE_MAGIC  0x1a49e0bdU
#define KMEM_DEAD_MAGIC   0xdeadd00dU    /* written over a header on release */

/* Most objects a slab holds (16-byte class). */
#define SLAB_MAX_OBJS     256

struct kmem_cache;

struct slab {
	u32 magic;                  /* SLAB_MAGIC */
	u16 inuse;                  /* objects handed out */
	u16 objects;                /* objects in this slab */
	struct kmem_cache *cache;
	void *freelist;             /* first free object, NULL if full */
	struct list_head slab_list; /* on one of the cache's three lists */
	unsigned long inuse_map[SLAB_MAX_OBJS / (8 * sizeof(unsigned long))];
};

struct kmem_large {
	u32 magic;                  /* KMEM_LARGE_MAGIC */
	u32 order;
	size_t size;                /* bytes usable after the header */
};

#define KMEM_LARGE_OFFSET 16

struct kmem_cache {
	const char *name;
	unsigned int size;          /* object size = class size */
	unsigned int offset;        /* of the first object in a slab */
	unsigned int objects;       /* per slab */
	struct list_head slabs_full;
	struct list_head slabs_partial;
	struct list_head slabs_free;
	unsigned long nr_slabs;     /* all slabs, any list */
	unsigned long nr_free_slabs;
	unsigned long nr_active;    /* objects handed out */
};

struct kmem {
	struct kmem_cache caches[KMALLOC_NR_CACHES];
	unsigned long nr_large;     /* large allocations live */
};

/*
 * The page source, bound at link time rather than passed in as function
 * pointers: in the kernel (slab_setup.c) it is the page_alloc interface,
 * which is a `one` interface and so must be reached by direct calls only;
 * the host test defines its own, malloc-backed, that tracks every block.
 *
 * kmem_alloc_pages() returns 2^@order contiguous, naturally aligned pages
 * (contents undefined), or NULL when none are left.
 * kmem_free_pages() takes back a block kmem_alloc_pages() returned, with the
 * same @order.
 */
void *kmem_alloc_pages(unsigned int order);
void kmem_free_pages(void *addr, unsigned int order);

void kmem_init(struct kmem *km);

/* @size bytes (0 counts as 1), or NULL when the page source fails. */
void *kmem_alloc(struct kmem *km, size_t size);
void *kmem_zalloc(struct kmem *km, size_t size);

/*
 * Free @ptr (NULL is a no-op). Returns 0, or:
 *   -EFAULT  @ptr is not in a slab or large allocation (bad magic)
 *   -EINVAL  @ptr is inside one but not at an object start
 *   -ENOENT  the object is already free (double free)
 */
int kmem_free(struct kmem *km, const void *ptr);

/* Usable size of the object at @ptr (its class size), 0 if @ptr is invalid. */
size_t kmem_size(struct kmem *km, const void *ptr);

/* The class serving @size bytes, or NULL if it is a large request. */
struct kmem_cache *kmem_cache_for(struct kmem *km, size_t size);

#endif
