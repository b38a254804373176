// SPDX-License-Identifier: Apache-2.0
/*
 * The page cache of an inode (address_space.i_pages) and the generic file
 * operations built on it: read, write, mmap's fault. ramfs keeps its data
 * only here.
 *
 * i_pages is a small radix tree private to this file: nodes of 64 slots,
 * as high as the largest index needs (height h covers 64^h pages); slot
 * pointers are struct page * at the leaves. Each cached page holds one
 * reference of the cache, page->mapping = the address_space and
 * page->index its index. mapping->i_lock guards the tree.
 */
#include "vfs_internal.h"

#define RT_SHIFT 6
#define RT_SLOTS (1U << RT_SHIFT)
#define RT_MAX_HEIGHT 6                 /* 2^36 pages: VFS_MAX_FILESIZE */

struct rt_node {
	void *slots[RT_SLOTS];
};

struct rt_root {
	unsigned int height;            /* 0: empty */
	struct rt_node *node;
};

static unsigned long pagecache_pages;

unsigned long nr_pagecache_pages(void)
{
	return pagecache_pages;
}

static unsigned long rt_capacity(unsigned int height)
{
	return height >= RT_MAX_HEIGHT ? ~0UL : 1UL << (RT_SHIFT * height);
}

/* The slot for @index, creating nodes when @create; NULL if absent or no memory. */
static void **rt_slot(struct rt_root *root, pgoff_t index, bool create)
{
	struct rt_node *n;
	unsigned int h;

	if (!root->height) {
		if (!create)
			return NULL;
		root->node = kzalloc(sizeof(struct rt_node));
		if (!root->node)
			return NULL;
		root->height = 1;
	}
	while (index >= rt_capacity(root->height)) {
		if (!create)
			return NULL;
		if (root->height >= RT_MAX_HEIGHT)
			return NULL;
		n = kzalloc(sizeof(*n));
		if (!n)
			return NULL;
		n->slots[0] = root->node;
		root->node = n;
		root->height++;
	}
	n = root->node;
	for (h = root->height; h > 1; h--) {
		unsigned int i = (index >> (RT_SHIFT * (h - 1))) & (RT_SLOTS - 1);

		if (!n->slots[i]) {
			if (!create)
				return NULL;
			n->slots[i] = kzalloc(sizeof(struct rt_node));
			if (!n->slots[i])
				return NULL;
		}
		n = n->slots[i];
	}
	return &n->slots[index & (RT_SLOTS - 1)];
}

static struct rt_root *mapping_root(struct address_space *mapping, bool create)
{
	if (!mapping->i_pages && create)
		mapping->i_pages = kzalloc(sizeof(struct rt_root));
	return mapping->i_pages;
}

/* The cached page at @index with a reference for the caller, or NULL. */
struct page *find_get_page(struct address_space *mapping, pgoff_t index)
{
	struct rt_root *root;
	struct page *page = NULL;
	unsigned long flags;
	void **slot;

	spin_lock_irqsave(&mapping->i_lock, flags);
	root = mapping_root(mapping, false);
	if (root) {
		slot = rt_slot(root, index, false);
		if (slot && *slot) {
			page = *slot;
			get_page(page);
		}
	}
	spin_unlock_irqrestore(&mapping->i_lock, flags);
	return page;
}

/*
 * The page at @index, a new zeroed one put in the cache if there was none:
 * referenced for the caller; NULL when out of memory.
 */
struct page *find_or_create_page(struct address_space *mapping, pgoff_t index, gfp_t gfp)
{
	struct page *page = find_get_page(mapping, index), *fresh;
	struct rt_root *root;
	unsigned long flags;
	void **slot;

	if (page)
		return page;
	fresh = alloc_pages(gfp, 0);
	if (!fresh)
		return NULL;
	memset(page_address(fresh), 0, PAGE_SIZE);
	/* Nodes come from kmalloc: made before taking the lock, kept if unused. */
	spin_lock_irqsave(&mapping->i_lock, flags);
	root = mapping_root(mapping, true);
	slot = root ? rt_slot(root, index, true) : NULL;
	if (!slot) {
		spin_unlock_irqrestore(&mapping->i_lock, flags);
		put_page(fresh);
		return NULL;
	}
	if (*slot) {            /* raced: someone else filled it */
		page = *slot;
		get_page(page);
		spin_unlock_irqrestore(&mapping->i_lock, flags);
		put_page(fresh);
		return page;
	}
	fresh->mapping = mapping;
	fresh->index = index;
	*slot = fresh;
	mapping->nrpages++;
	pagecache_pages++;
	get_page(fresh);        /* the caller's; the cache keeps the first */
	spin_unlock_irqrestore(&mapping->i_lock, flags);
	return fresh;
}

/* Take out of the cache (and put) every page from @lstart's page up; zero the tail of a partial page. */
static void rt_free(struct rt_node *n, unsigned int height, pgoff_t base, pgoff_t first,
		    struct address_space *mapping, bool free_nodes)
{
	unsigned int i;
	unsigned long span = 1UL << (RT_SHIFT * (height - 1));

	for (i = 0; i < RT_SLOTS; i++) {
		pgoff_t lo = base + i * span;

		if (!n->slots[i] || lo + span <= first)
			continue;
		if (height == 1) {
			struct page *p = n->slots[i];

			n->slots[i] = NULL;
			p->mapping = NULL;
			mapping->nrpages--;
			pagecache_pages--;
			put_page(p);
		} else {
			rt_free(n->slots[i], height - 1, lo, first, mapping, free_nodes || lo >= first);
			if (lo >= first) {
				kfree(n->slots[i]);
				n->slots[i] = NULL;
			}
		}
	}
	(void)free_nodes;
}

void truncate_inode_pages(struct address_space *mapping, loff_t lstart)
{
	struct rt_root *root = mapping->i_pages;
	pgoff_t first = (pgoff_t)((lstart + PAGE_SIZE - 1) >> PAGE_SHIFT);
	unsigned long flags;

	if (lstart & (PAGE_SIZE - 1)) {
		struct page *p = find_get_page(mapping, (pgoff_t)(lstart >> PAGE_SHIFT));

		if (p) {
			size_t off = (size_t)(lstart & (PAGE_SIZE - 1));

			memset((char *)page_address(p) + off, 0, PAGE_SIZE - off);
			put_page(p);
		}
	}
	if (!root)
		return;
	spin_lock_irqsave(&mapping->i_lock, flags);
	if (root->height)
		rt_free(root->node, root->height, 0, first, mapping, first == 0);
	if (first == 0) {
		if (root->height)
			kfree(root->node);
		kfree(root);
		mapping->i_pages = NULL;
	}
	spin_unlock_irqrestore(&mapping->i_lock, flags);
}

/* ---- iov_iter ---- */

#ifdef VFS_HOST_TEST
#define vfs_copy_to_user(to, from, n)   (n)
#define vfs_copy_from_user(to, from, n) (n)
#define vfs_clear_user(to, n)           (n)
#elif defined(HAVE_UACCESS)
#include <interfaces/uaccess.h>
#define vfs_copy_to_user(to, from, n)   copy_to_user((void __user *)(to), (from), (n))
#define vfs_copy_from_user(to, from, n) copy_from_user((to), (const void __user *)(from), (n))
#define vfs_clear_user(to, n)           clear_user((void __user *)(to), (n))
#else
/* No user memory in this product: every user copy fails. */
#define vfs_copy_to_user(to, from, n)   ((void)(to), (void)(from), (unsigned long)(n))
#define vfs_copy_from_user(to, from, n) ((void)(to), (void)(from), (unsigned long)(n))
#define vfs_clear_user(to, n)           ((void)(to), (unsigned long)(n))
#endif

/* Copy up to @bytes into the iterator; returns the bytes copied (short on a fault). */
size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i)
{
	size_t n = bytes < i->count ? bytes : i->count;

	if (i->user) {
		size_t left = vfs_copy_to_user(i->base, addr, n);

		n -= left;
	} else {
		memcpy(i->base, addr, n);
	}
	i->base += n;
	i->count -= n;
	return n;
}

size_t copy_from_iter(void *addr, size_t bytes, struct iov_iter *i)
{
	size_t n = bytes < i->count ? bytes : i->count;

	if (i->user) {
		size_t left = vfs_copy_from_user(addr, i->base, n);

		n -= left;
	} else {
		memcpy(addr, i->base, n);
	}
	i->base += n;
	i->count -= n;
	return n;
}

size_t iov_iter_zero(size_t bytes, struct iov_iter *i)
{
	size_t n = bytes < i->count ? bytes : i->count;

	if (i->user)
		n -= vfs_clear_user(i->base, n);
	else
		memset(i->base, 0, n);
	i->base += n;
	i->count -= n;
	return n;
}

/* ---- generic file operations on the page cache ---- */

ssize_t generic_file_read(struct file *file, struct iov_iter *to, loff_t *ppos)
{
	struct inode *inode = file_inode(file);
	struct address_space *mapping = file->f_mapping;
	loff_t pos = *ppos;
	ssize_t done = 0;

	if (pos < 0)
		return -EINVAL;
	mutex_lock(&inode->i_rwsem);
	while (iov_iter_count(to) && pos < inode->i_size) {
		pgoff_t index = (pgoff_t)(pos >> PAGE_SHIFT);
		size_t off = (size_t)(pos & (PAGE_SIZE - 1));
		size_t n = PAGE_SIZE - off, got;
		struct page *page;

		if ((loff_t)n > inode->i_size - pos)
			n = (size_t)(inode->i_size - pos);
		page = find_get_page(mapping, index);
		if (page) {
			got = copy_to_iter((char *)page_address(page) + off, n, to);
			put_page(page);
		} else {
			got = iov_iter_zero(n, to);     /* a hole */
		}
		pos += got;
		done += got;
		if (got < n) {
			if (!done)
				done = -EFAULT;
			break;
		}
	}
	mutex_unlock(&inode->i_rwsem);
	if (done > 0)
		*ppos = pos;
	return done;
}

ssize_t generic_file_write(struct file *file, struct iov_iter *from, loff_t *ppos)
{
	struct inode *inode = file_inode(file);
	struct address_space *mapping = file->f_mapping;
	loff_t pos;
	ssize_t done = 0;

	mutex_lock(&inode->i_rwsem);
	pos = (file->f_flags & O_APPEND) ? inode->i_size : *ppos;
	if (pos < 0) {
		mutex_unlock(&inode->i_rwsem);
		return -EINVAL;
	}
	if ((u64)pos + iov_iter_count(from) > VFS_MAX_FILESIZE) {
		mutex_unlock(&inode->i_rwsem);
		return -EFBIG;
	}
	while (iov_iter_count(from)) {
		pgoff_t index = (pgoff_t)(pos >> PAGE_SHIFT);
		size_t off = (size_t)(pos & (PAGE_SIZE - 1));
		size_t n = PAGE_SIZE - off, got;
		struct page *page;

		if (n > iov_iter_count(from))
			n = iov_iter_count(from);
		page = find_or_create_page(mapping, index, GFP_KERNEL);
		if (!page) {
			if (!done)
				done = -ENOMEM;
			break;
		}
		got = copy_from_iter((char *)page_address(page) + off, n, from);
		put_page(page);
		pos += got;
		done += got;
		if (pos > inode->i_size)
			inode->i_size = pos;
		if (got < n) {
			if (!done)
				done = -EFAULT;
			break;
		}
	}
	if (done > 0) {
		inode->i_blocks = (unsigned long)mapping->nrpages * (PAGE_SIZE / 512);
		inode_set_now(inode, ATTR_MTIME | ATTR_CTIME);
		*ppos = pos;
	}
	mutex_unlock(&inode->i_rwsem);
	return done;
}

/* vm_ops->fault: the page at @pgoff (a hole is filled with zeroes), referenced. */
int filemap_fault(struct vm_area_struct *vma, unsigned long address, pgoff_t pgoff,
		  struct page **pagep)
{
	struct file *file = vma->vm_file;
	struct inode *inode = file_inode(file);
	struct page *page;

	(void)address;
	if ((loff_t)pgoff >= (inode->i_size + (loff_t)PAGE_SIZE - 1) >> PAGE_SHIFT)
		return -EFAULT;         /* beyond the end: SIGBUS */
	page = find_or_create_page(file->f_mapping, pgoff, GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	*pagep = page;
	return 0;
}

static const struct vm_operations_struct generic_file_vm_ops = {
	.fault = filemap_fault,
};

int generic_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	(void)file;
	vma->vm_ops = &generic_file_vm_ops;
	return 0;
}
