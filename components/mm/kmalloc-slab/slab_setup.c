// SPDX-License-Identifier: Apache-2.0
/*
 * kmalloc-slab kernel glue: the kmalloc interface operations over the slab
 * core, with pages from the page_alloc interface. Calls into the core run
 * under slab_lock (spin_lock_irqsave); a kfree()/ksize() of a pointer kmalloc did not hand
 * out panics.
 */
#include <interfaces/arch.h>
#include <interfaces/kmalloc.h>
#include <interfaces/page_alloc.h>
#include <interfaces/panic.h>
#include <tessera/errno.h>
#include <tessera/spinlock.h>

#include "slab.h"

static struct kmem kmem;
/*
 * The caches and their slabs. The page allocator is called with it held
 * (slab_lock, then the page allocator's lock: never the other way round).
 */
static DEFINE_SPINLOCK(slab_lock);

/*
 * The core's page source (see slab.h): page_alloc is a `one` interface, so
 * these are plain calls to its provider, and the core calls them directly.
 */
void *kmem_alloc_pages(unsigned int order)
{
	return (void *)__get_free_pages(GFP_KERNEL, order);
}

void kmem_free_pages(void *addr, unsigned int order)
{
	free_pages((unsigned long)addr, order);
}

int slab_init(void)
{
	kmem_init(&kmem);
	return 0;
}

void *slab_kmalloc(size_t size)
{
	unsigned long flags;
	void *p;

	spin_lock_irqsave(&slab_lock, flags);
	p = kmem_alloc(&kmem, size);
	spin_unlock_irqrestore(&slab_lock, flags);
	return p;
}

void *slab_kzalloc(size_t size)
{
	unsigned long flags;
	void *p;

	spin_lock_irqsave(&slab_lock, flags);
	p = kmem_zalloc(&kmem, size);
	spin_unlock_irqrestore(&slab_lock, flags);
	return p;
}

void slab_kfree(const void *ptr)
{
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&slab_lock, flags);
	ret = kmem_free(&kmem, ptr);
	spin_unlock_irqrestore(&slab_lock, flags);
	if (ret)
		panic("kfree(%p): %s", ptr,
		      ret == -ENOENT ? "double free" :
		      ret == -EINVAL ? "not the start of a kmalloc object" :
		      "not a kmalloc pointer (bad slab magic)");
}

size_t slab_ksize(const void *ptr)
{
	unsigned long flags;
	size_t n;

	if (!ptr)
		return 0;
	spin_lock_irqsave(&slab_lock, flags);
	n = kmem_size(&kmem, ptr);
	spin_unlock_irqrestore(&slab_lock, flags);
	if (!n)
		panic("ksize(%p): not a live kmalloc object", ptr);
	return n;
}
