// SPDX-License-Identifier: Apache-2.0
/*
 * The dcache, inodes and super blocks.
 *
 * A dentry is one name in a directory. It is hashed (findable by
 * d_lookup() through a hash of parent pointer and name) from d_add() or
 * d_instantiate() until d_drop(). Its count (d_count) holds references;
 * every dentry holds one on its parent and, when positive, one on its
 * inode. A dentry whose count reaches zero is freed at once when it is
 * unhashed or negative, or when its d_op->d_delete says so; otherwise it
 * stays cached with no reference (ramfs keeps one extra reference on each
 * of its positive dentries: the tree is the file system, as in Linux).
 *
 * dcache_lock (a spinlock) protects the hash chains, the d_subdirs/d_child
 * lists, d_flags and the decision to free at zero; freeing a dentry drops
 * its inode and parent outside it (iput may free pages).
 */
#include "vfs_internal.h"

#define D_HASH_BITS 9
#define D_HASH_SIZE (1U << D_HASH_BITS)

static struct list_head dentry_hashtable[D_HASH_SIZE];
DEFINE_SPINLOCK(dcache_lock);
LIST_HEAD(super_blocks);

static unsigned long nr_dentries, nr_inodes;

u32 vfs_name_hash(const void *parent, const char *name, unsigned int len)
{
	u64 h = (u64)(unsigned long)parent * 0x9e3779b97f4a7c15ULL;
	unsigned int i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)name[i]) * 0x100000001b3ULL;
	return (u32)(h ^ (h >> 32));
}

static struct list_head *d_hash_chain(u32 hash)
{
	return &dentry_hashtable[hash & (D_HASH_SIZE - 1)];
}

static void dcache_init_once(void)
{
	static bool done;
	unsigned int i;

	if (done)
		return;
	for (i = 0; i < D_HASH_SIZE; i++)
		INIT_LIST_HEAD(&dentry_hashtable[i]);
	done = true;
}

/* ---- inodes ---- */

static u64 last_ino;

u64 get_next_ino(void)
{
	return __atomic_add_fetch(&last_ino, 1, __ATOMIC_RELAXED);
}

void inode_set_now(struct inode *inode, unsigned int which)
{
	struct timespec64 now;

	vfs_now(&now);
	if (which & ATTR_ATIME)
		inode->i_atime = now;
	if (which & ATTR_MTIME)
		inode->i_mtime = now;
	if (which & ATTR_CTIME)
		inode->i_ctime = now;
}

static void inode_init_fields(struct inode *inode, struct super_block *sb)
{
	atomic_set(&inode->i_count, 1);
	inode->i_nlink = 1;
	inode->i_sb = sb;
	inode->i_ino = get_next_ino();
	inode->i_mapping = &inode->i_data;
	inode->i_data.host = inode;
	inode->i_data.i_pages = NULL;
	inode->i_data.nrpages = 0;
	spin_lock_init(&inode->i_data.i_lock);
	INIT_LIST_HEAD(&inode->i_data.i_mmap);
	mutex_init(&inode->i_rwsem);
	INIT_LIST_HEAD(&inode->i_sb_list);
	inode_set_now(inode, ATTR_ATIME | ATTR_MTIME | ATTR_CTIME);
}

/* An inode of @sb with one reference, i_nlink 1 and a fresh number; NULL when out of memory. */
struct inode *new_inode(struct super_block *sb)
{
	struct inode *inode;
	unsigned long flags;

	if (sb && sb->s_op && sb->s_op->alloc_inode) {
		inode = sb->s_op->alloc_inode(sb);
		if (inode) {
			/* The fs's own allocation: the VFS fields start from zero. */
			memset(inode, 0, sizeof(*inode));
		}
	} else {
		inode = kzalloc(sizeof(*inode));
	}
	if (!inode)
		return NULL;
	inode_init_fields(inode, sb);
	spin_lock_irqsave(&dcache_lock, flags);
	if (sb)
		list_add_tail(&inode->i_sb_list, &sb->s_inodes);
	nr_inodes++;
	spin_unlock_irqrestore(&dcache_lock, flags);
	return inode;
}

void ihold(struct inode *inode)
{
	atomic_inc(&inode->i_count);
}

/* Drop a reference; the last one evicts the inode (its data goes) and frees it. */
void iput(struct inode *inode)
{
	struct super_block *sb;
	unsigned long flags;

	if (!inode || !atomic_dec_and_test(&inode->i_count))
		return;
	sb = inode->i_sb;
	spin_lock_irqsave(&dcache_lock, flags);
	list_del(&inode->i_sb_list);
	nr_inodes--;
	spin_unlock_irqrestore(&dcache_lock, flags);
	if (sb && sb->s_op && sb->s_op->evict_inode)
		sb->s_op->evict_inode(inode);
	else
		truncate_inode_pages(&inode->i_data, 0);
	if (sb && sb->s_op && sb->s_op->destroy_inode)
		sb->s_op->destroy_inode(inode);
	else
		kfree(inode);
}

void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev)
{
	inode->i_mode = mode;
	if (S_ISCHR(mode)) {
		inode->i_fop = &def_chr_fops;
		inode->i_rdev = rdev;
	} else if (S_ISBLK(mode)) {
		inode->i_fop = NULL;    /* no block devices: open gives ENXIO */
		inode->i_rdev = rdev;
	} else if (S_ISFIFO(mode)) {
		inode->i_fop = &def_fifo_fops;
	} else {
		inode->i_fop = NULL;    /* sockets: open gives ENXIO */
	}
}

/* ---- dentries ---- */

static struct dentry *__d_alloc(struct super_block *sb, const char *name, unsigned int len)
{
	struct dentry *d = kzalloc(sizeof(*d));
	char *buf;

	if (!d)
		return NULL;
	if (len < DNAME_INLINE_LEN) {
		buf = d->d_iname;
	} else {
		buf = kmalloc(len + 1);
		if (!buf) {
			kfree(d);
			return NULL;
		}
	}
	memcpy(buf, name, len);
	buf[len] = 0;
	d->d_name.name = buf;
	d->d_name.len = len;
	atomic_set(&d->d_count, 1);
	d->d_sb = sb;
	d->d_parent = d;
	INIT_LIST_HEAD(&d->d_child);
	INIT_LIST_HEAD(&d->d_subdirs);
	INIT_LIST_HEAD(&d->d_hash);
	return d;
}

/* A new dentry @name under @parent: referenced, unhashed, negative. NULL: no memory. */
struct dentry *d_alloc(struct dentry *parent, const struct qstr *name)
{
	struct dentry *d;
	unsigned long flags;

	dcache_init_once();
	d = __d_alloc(parent->d_sb, name->name, name->len);
	if (!d)
		return NULL;
	d->d_name.hash = vfs_name_hash(parent, name->name, name->len);
	d->d_parent = dget(parent);
	d->d_op = parent->d_op;
	spin_lock_irqsave(&dcache_lock, flags);
	list_add_tail(&d->d_child, &parent->d_subdirs);
	nr_dentries++;
	spin_unlock_irqrestore(&dcache_lock, flags);
	return d;
}

struct dentry *d_alloc_name(struct dentry *parent, const char *name)
{
	struct qstr q = { .name = name, .len = (unsigned int)strlen(name) };

	return d_alloc(parent, &q);
}

/* The root dentry of a super block for @root_inode (whose reference it takes); NULL on failure (the inode is put). */
struct dentry *d_make_root(struct inode *root_inode)
{
	struct dentry *d;
	unsigned long flags;

	if (!root_inode)
		return NULL;
	dcache_init_once();
	d = __d_alloc(root_inode->i_sb, "/", 1);
	if (!d) {
		iput(root_inode);
		return NULL;
	}
	d->d_inode = root_inode;
	spin_lock_irqsave(&dcache_lock, flags);
	nr_dentries++;
	spin_unlock_irqrestore(&dcache_lock, flags);
	return d;
}

static void __d_rehash(struct dentry *d)
{
	if (!(d->d_flags & DCACHE_HASHED)) {
		list_add(&d->d_hash, d_hash_chain(d->d_name.hash));
		d->d_flags |= DCACHE_HASHED;
	}
}

/* Give @dentry its inode (taking over the caller's reference) and hash it. */
void d_instantiate(struct dentry *dentry, struct inode *inode)
{
	unsigned long flags;

	spin_lock_irqsave(&dcache_lock, flags);
	dentry->d_inode = inode;
	if (dentry->d_parent != dentry)
		__d_rehash(dentry);
	spin_unlock_irqrestore(&dcache_lock, flags);
}

void d_add(struct dentry *dentry, struct inode *inode)
{
	d_instantiate(dentry, inode);
}

struct dentry *dget(struct dentry *dentry)
{
	if (dentry)
		atomic_inc(&dentry->d_count);
	return dentry;
}

void d_drop(struct dentry *dentry)
{
	unsigned long flags;

	spin_lock_irqsave(&dcache_lock, flags);
	if (dentry->d_flags & DCACHE_HASHED) {
		list_del(&dentry->d_hash);
		dentry->d_flags &= ~DCACHE_HASHED;
	}
	spin_unlock_irqrestore(&dcache_lock, flags);
}

/* After an unlink: the name goes from the cache; open files keep the dentry and inode. */
void d_delete(struct dentry *dentry)
{
	d_drop(dentry);
}

static bool d_should_free(struct dentry *d)
{
	if (!(d->d_flags & DCACHE_HASHED) || !d->d_inode)
		return true;
	return d->d_op && d->d_op->d_delete && d->d_op->d_delete(d);
}

void dput(struct dentry *dentry)
{
	while (dentry) {
		struct dentry *parent;
		struct inode *inode;
		unsigned long flags;

		spin_lock_irqsave(&dcache_lock, flags);
		if (atomic_dec_return(&dentry->d_count) > 0) {
			spin_unlock_irqrestore(&dcache_lock, flags);
			return;
		}
		if (dentry->d_parent != dentry && !d_should_free(dentry)) {
			spin_unlock_irqrestore(&dcache_lock, flags);   /* cached, unused */
			return;
		}
		if (dentry->d_flags & DCACHE_HASHED) {
			list_del(&dentry->d_hash);
			dentry->d_flags &= ~DCACHE_HASHED;
		}
		list_del(&dentry->d_child);
		nr_dentries--;
		spin_unlock_irqrestore(&dcache_lock, flags);

		parent = dentry->d_parent == dentry ? NULL : dentry->d_parent;
		inode = dentry->d_inode;
		if (dentry->d_name.name != dentry->d_iname)
			kfree(dentry->d_name.name);
		kfree(dentry);
		iput(inode);
		dentry = parent;
	}
}

/* The hashed child @name of @parent, referenced, or NULL. */
struct dentry *d_lookup(struct dentry *parent, const char *name, unsigned int len)
{
	u32 hash = vfs_name_hash(parent, name, len);
	struct dentry *d, *found = NULL;
	unsigned long flags;

	dcache_init_once();
	spin_lock_irqsave(&dcache_lock, flags);
	list_for_each_entry(d, d_hash_chain(hash), d_hash) {
		if (d->d_name.hash == hash && d->d_parent == parent && d->d_name.len == len &&
		    memcmp(d->d_name.name, name, len) == 0) {
			found = d;
			atomic_inc(&d->d_count);
			break;
		}
	}
	spin_unlock_irqrestore(&dcache_lock, flags);
	return found;
}

/* Swap the names and the places of two dentries (the caller holds namespace_mutex). */
static void __d_switch(struct dentry *a, struct dentry *b)
{
	struct dentry *pa = a->d_parent, *pb = b->d_parent;
	char abuf[DNAME_INLINE_LEN], bbuf[DNAME_INLINE_LEN];
	const char *an = a->d_name.name, *bn = b->d_name.name;
	unsigned int alen = a->d_name.len, blen = b->d_name.len;
	bool ainl = an == a->d_iname, binl = bn == b->d_iname;

	memcpy(abuf, a->d_iname, sizeof(abuf));
	memcpy(bbuf, b->d_iname, sizeof(bbuf));
	/* names */
	if (binl) {
		memcpy(a->d_iname, bbuf, sizeof(bbuf));
		a->d_name.name = a->d_iname;
	} else {
		a->d_name.name = bn;
	}
	if (ainl) {
		memcpy(b->d_iname, abuf, sizeof(abuf));
		b->d_name.name = b->d_iname;
	} else {
		b->d_name.name = an;
	}
	a->d_name.len = blen;
	b->d_name.len = alen;
	/* parents */
	list_del(&a->d_child);
	list_del(&b->d_child);
	a->d_parent = pb;
	b->d_parent = pa;
	list_add_tail(&a->d_child, &pb->d_subdirs);
	list_add_tail(&b->d_child, &pa->d_subdirs);
	a->d_name.hash = vfs_name_hash(pb, a->d_name.name, a->d_name.len);
	b->d_name.hash = vfs_name_hash(pa, b->d_name.name, b->d_name.len);
}

/*
 * rename: @dentry takes @target's name and place; @target (unhashed here)
 * keeps the old name and place until its last reference goes.
 */
void d_move(struct dentry *dentry, struct dentry *target)
{
	unsigned long flags;

	spin_lock_irqsave(&dcache_lock, flags);
	if (dentry->d_flags & DCACHE_HASHED)
		list_del(&dentry->d_hash);
	if (target->d_flags & DCACHE_HASHED)
		list_del(&target->d_hash);
	target->d_flags &= ~DCACHE_HASHED;
	dentry->d_flags &= ~DCACHE_HASHED;
	__d_switch(dentry, target);
	__d_rehash(dentry);
	spin_unlock_irqrestore(&dcache_lock, flags);
	/* Each parent still has as many children pointing at it: the counts stay right. */
}

/* RENAME_EXCHANGE: both stay hashed, each under the other's name. */
void d_exchange(struct dentry *a, struct dentry *b)
{
	unsigned long flags;

	spin_lock_irqsave(&dcache_lock, flags);
	list_del(&a->d_hash);
	list_del(&b->d_hash);
	a->d_flags &= ~DCACHE_HASHED;
	b->d_flags &= ~DCACHE_HASHED;
	__d_switch(a, b);
	__d_rehash(a);
	__d_rehash(b);
	spin_unlock_irqrestore(&dcache_lock, flags);
}

bool d_is_ancestor(struct dentry *ancestor, struct dentry *d)
{
	while (true) {
		if (d == ancestor)
			return true;
		if (d->d_parent == d)
			return false;
		d = d->d_parent;
	}
}

/* True when @dentry has no positive hashed child (rmdir's test). */
bool simple_empty(struct dentry *dentry)
{
	struct dentry *c;
	unsigned long flags;
	bool empty = true;

	spin_lock_irqsave(&dcache_lock, flags);
	list_for_each_entry(c, &dentry->d_subdirs, d_child) {
		if (c->d_inode && (c->d_flags & DCACHE_HASHED)) {
			empty = false;
			break;
		}
	}
	spin_unlock_irqrestore(&dcache_lock, flags);
	return empty;
}

/*
 * Unmount of a litter file system: every positive hashed dentry under
 * @root holds one reference of the file system's own (ramfs pins them);
 * unhash each and drop that reference, deepest first.
 */
void d_genocide(struct dentry *root)
{
	struct dentry *d, *victim;
	unsigned long flags;

again:
	spin_lock_irqsave(&dcache_lock, flags);
	d = root;
	for (;;) {
		struct dentry *c, *next = NULL;

		list_for_each_entry(c, &d->d_subdirs, d_child) {
			if (c->d_flags & DCACHE_HASHED) {
				next = c;
				break;
			}
		}
		if (next) {
			d = next;
			continue;
		}
		break;
	}
	if (d == root) {
		spin_unlock_irqrestore(&dcache_lock, flags);
		return;
	}
	victim = d;
	list_del(&victim->d_hash);
	victim->d_flags &= ~DCACHE_HASHED;
	spin_unlock_irqrestore(&dcache_lock, flags);
	/* A positive dentry carries the fs's pin; a cached negative one has count 0. */
	if (victim->d_inode && atomic_read(&victim->d_count) > 0) {
		dput(victim);
	} else {
		atomic_inc(&victim->d_count);
		dput(victim);
	}
	goto again;
}

struct dentry *simple_lookup(struct inode *dir, struct dentry *dentry, unsigned int flags)
{
	(void)dir;
	(void)flags;
	if (dentry->d_name.len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	d_add(dentry, NULL);
	return NULL;
}

/*
 * Readdir of a directory whose children are its dentries (ramfs, devtmpfs):
 * position 0 is ".", 1 is "..", n >= 2 the (n-2)-th positive child.
 */
int dcache_readdir(struct file *file, struct dir_context *ctx)
{
	struct dentry *dir = file->f_path.dentry;

	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, dir->d_inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		struct inode *pi = dir->d_parent->d_inode;

		if (!dir_emit(ctx, "..", 2, pi ? pi->i_ino : dir->d_inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	for (;;) {
		struct dentry *c, *found = NULL;
		loff_t n = 2;
		unsigned long flags;
		char name[NAME_MAX + 1];
		unsigned int len = 0;
		u64 ino = 0;
		unsigned int type = DT_UNKNOWN;

		spin_lock_irqsave(&dcache_lock, flags);
		list_for_each_entry(c, &dir->d_subdirs, d_child) {
			if (!c->d_inode || !(c->d_flags & DCACHE_HASHED))
				continue;
			if (n++ == ctx->pos) {
				found = c;
				break;
			}
		}
		if (found) {
			len = found->d_name.len;
			memcpy(name, found->d_name.name, len);
			ino = found->d_inode->i_ino;
			type = fs_umode_to_dtype(found->d_inode->i_mode);
		}
		spin_unlock_irqrestore(&dcache_lock, flags);
		if (!found)
			return 0;
		if (!dir_emit(ctx, name, (int)len, ino, type))
			return 0;
		ctx->pos++;
	}
}

/* ---- super blocks ---- */

struct super_block *sget_nodev(struct file_system_type *type, void *fs_info)
{
	static unsigned int next_anon_dev = 1;
	struct super_block *sb = kzalloc(sizeof(*sb));
	unsigned long flags;

	if (!sb)
		return ERR_PTR(-ENOMEM);
	sb->s_type = type;
	sb->s_fs_info = fs_info;
	sb->s_blocksize = PAGE_SIZE;
	sb->s_dev = MKDEV(0, next_anon_dev++);
	atomic_set(&sb->s_active, 1);
	INIT_LIST_HEAD(&sb->s_inodes);
	spin_lock_irqsave(&dcache_lock, flags);
	list_add_tail(&sb->s_list, &super_blocks);
	spin_unlock_irqrestore(&dcache_lock, flags);
	return sb;
}

/* The last mount of @sb went: drop the tree's pins, the root, then the struct. */
void kill_litter_super(struct super_block *sb)
{
	unsigned long flags;

	if (sb->s_root) {
		d_genocide(sb->s_root);
		dput(sb->s_root);
		sb->s_root = NULL;
	}
	if (sb->s_op && sb->s_op->put_super)
		sb->s_op->put_super(sb);
	spin_lock_irqsave(&dcache_lock, flags);
	list_del(&sb->s_list);
	spin_unlock_irqrestore(&dcache_lock, flags);
	/* Inodes still open (an unlinked file held by a process) keep i_sb: the struct stays. */
	if (list_empty(&sb->s_inodes))
		kfree(sb);
}

unsigned long vfs_nr_dentries(void);
unsigned long vfs_nr_dentries(void)
{
	return nr_dentries;
}

unsigned long vfs_nr_inodes(void);
unsigned long vfs_nr_inodes(void)
{
	return nr_inodes;
}
