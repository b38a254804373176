/* SPDX-License-Identifier: Apache-2.0 */
/*
 * devtmpfs (Linux's drivers/base/devtmpfs.c, in small): one super_block,
 * made at init, that every mount of "devtmpfs" shows (mount -t devtmpfs
 * none /dev), so nodes that drivers create before /dev is mounted are
 * there once it is. Directories, device nodes, FIFOs and symlinks live in
 * the dcache only (each pinned by one extra reference, as ramfs does);
 * user space may mknod/mkdir/unlink/rmdir/symlink there too. Regular files
 * are refused (-EPERM): /dev holds no data.
 */
#include <tessera/gfp.h>          /* before interfaces/vfs.h (gfp_t) */
#include <interfaces/kmalloc.h>
#include <interfaces/lib.h>
#include <interfaces/mutex.h>
#include <interfaces/vfs.h>
#include <interfaces/devtmpfs.h>
#include <tessera/errno.h>
#include <tessera/fs.h>

#define DEVTMPFS_MAGIC TMPFS_MAGIC      /* Linux's devtmpfs is a tmpfs */

static struct super_block *devtmpfs_sb;
static struct mutex devtmpfs_lock;

static const struct inode_operations devtmpfs_dir_iops;
static const struct file_operations devtmpfs_dir_fops = {
	.iterate_shared = dcache_readdir,
	.llseek = generic_file_llseek,
};

static bool bad(const void *p)
{
	return IS_ERR_OR_NULL(p);
}

static struct inode *devtmpfs_get_inode(struct super_block *sb, umode_t mode, dev_t dev)
{
	struct inode *inode = new_inode(sb);

	if (bad(inode))
		return NULL;
	inode->i_ino = get_next_ino();
	inode->i_mode = mode;
	if (S_ISDIR(mode)) {
		inode->i_op = &devtmpfs_dir_iops;
		inode->i_fop = &devtmpfs_dir_fops;
		inode->i_nlink = 2;
	} else {
		inode->i_nlink = 1;
		if (!S_ISLNK(mode))
			init_special_inode(inode, mode, dev);
	}
	return inode;
}

static int devtmpfs_mknod(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev)
{
	struct inode *inode;

	if (S_ISREG(mode) || (mode & S_IFMT) == 0)
		return -EPERM;
	inode = devtmpfs_get_inode(dir->i_sb, mode, dev);
	if (!inode)
		return -ENOMEM;
	d_instantiate(dentry, inode);
	dget(dentry);                   /* the pin: nothing else keeps it */
	if (S_ISDIR(mode))
		dir->i_nlink++;
	return 0;
}

static int devtmpfs_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	return devtmpfs_mknod(dir, dentry, (mode & ~S_IFMT) | S_IFDIR, 0);
}

static int devtmpfs_create(struct inode *dir, struct dentry *dentry, umode_t mode, bool excl)
{
	(void)dir; (void)dentry; (void)mode; (void)excl;
	return -EPERM;
}

static int devtmpfs_symlink(struct inode *dir, struct dentry *dentry, const char *target)
{
	size_t len = strlen(target) + 1;
	struct inode *inode;
	char *link = kmalloc(len);

	if (!link)
		return -ENOMEM;
	memcpy(link, target, len);
	inode = devtmpfs_get_inode(dir->i_sb, S_IFLNK | 0777, 0);
	if (!inode) {
		kfree(link);
		return -ENOMEM;
	}
	inode->i_link = link;
	inode->i_size = (loff_t)(len - 1);
	d_instantiate(dentry, inode);
	dget(dentry);
	return 0;
}

static int devtmpfs_unlink(struct inode *dir, struct dentry *dentry)
{
	(void)dir;
	if (dentry->d_inode->i_nlink)
		dentry->d_inode->i_nlink--;
	dput(dentry);                   /* drop the pin */
	return 0;
}

static bool devtmpfs_empty(struct dentry *dentry)
{
	struct dentry *child;

	list_for_each_entry(child, &dentry->d_subdirs, d_child)
		if (child->d_inode)
			return false;
	return true;
}

static int devtmpfs_rmdir(struct inode *dir, struct dentry *dentry)
{
	if (!devtmpfs_empty(dentry))
		return -ENOTEMPTY;
	dentry->d_inode->i_nlink = 0;
	if (dir->i_nlink)
		dir->i_nlink--;
	dput(dentry);
	return 0;
}

static const char *devtmpfs_get_link(struct dentry *dentry, struct inode *inode)
{
	(void)dentry;
	return inode->i_link;
}

static const struct inode_operations devtmpfs_dir_iops = {
	.lookup = simple_lookup,
	.create = devtmpfs_create,
	.mknod = devtmpfs_mknod,
	.mkdir = devtmpfs_mkdir,
	.symlink = devtmpfs_symlink,
	.unlink = devtmpfs_unlink,
	.rmdir = devtmpfs_rmdir,
	.get_link = devtmpfs_get_link,
};

static void devtmpfs_evict_inode(struct inode *inode)
{
	if (S_ISLNK(inode->i_mode) && inode->i_link) {
		kfree(inode->i_link);
		inode->i_link = NULL;
	}
}

static const struct super_operations devtmpfs_sops = {
	.evict_inode = devtmpfs_evict_inode,
};

/* Every mount shows the one instance. */
static struct dentry *devtmpfs_fs_mount(struct file_system_type *type, int flags,
					const char *dev_name, void *data)
{
	(void)type; (void)flags; (void)dev_name; (void)data;
	if (!devtmpfs_sb)
		return ERR_PTR(-ENODEV);
	atomic_inc(&devtmpfs_sb->s_active);
	return dget(devtmpfs_sb->s_root);
}

/* The instance outlives every mount of it. */
static void devtmpfs_kill_sb(struct super_block *sb)
{
	(void)sb;
}

static struct file_system_type devtmpfs_fs_type = {
	.name = "devtmpfs",
	.mount = devtmpfs_fs_mount,
	.kill_sb = devtmpfs_kill_sb,
};

/* A positive child of @parent named @name (@len bytes), or NULL. */
static struct dentry *find_child(struct dentry *parent, const char *name, size_t len)
{
	struct dentry *d;

	list_for_each_entry(d, &parent->d_subdirs, d_child)
		if (d->d_inode && d->d_name.len == len && memcmp(d->d_name.name, name, len) == 0)
			return d;
	return NULL;
}

/*
 * Walk @name below the root: the parent directory of its last component
 * (made on the way when @make), and that component in @last.
 */
static struct dentry *walk_parent(const char *name, bool make, char *last)
{
	struct dentry *dir = devtmpfs_sb->s_root;

	for (;;) {
		const char *slash;
		size_t len;
		struct dentry *d;

		while (*name == '/')
			name++;
		slash = strchr(name, '/');
		len = slash ? (size_t)(slash - name) : strlen(name);
		if (len == 0 || len > NAME_MAX)
			return ERR_PTR(len ? -ENAMETOOLONG : -EINVAL);
		memcpy(last, name, len);
		last[len] = 0;
		if (!slash)
			return dir;
		d = find_child(dir, name, len);
		if (!d) {
			int err;

			if (!make)
				return ERR_PTR(-ENOENT);
			d = d_alloc_name(dir, last);
			if (bad(d))
				return ERR_PTR(-ENOMEM);
			err = devtmpfs_mkdir(dir->d_inode, d, 0755);
			dput(d);
			if (err)
				return ERR_PTR(err);
		} else if (!S_ISDIR(d->d_inode->i_mode)) {
			return ERR_PTR(-ENOTDIR);
		}
		dir = d;
		name = slash + 1;
	}
}

int devtmpfs_create_node(const char *name, umode_t mode, dev_t dev)
{
	char last[NAME_MAX + 1];
	struct dentry *dir, *d;
	int err;

	if (!devtmpfs_sb)
		return -ENODEV;
	mutex_lock(&devtmpfs_lock);
	dir = walk_parent(name, true, last);
	if (IS_ERR(dir)) {
		err = (int)PTR_ERR(dir);
		goto out;
	}
	if (find_child(dir, last, strlen(last))) {
		err = -EEXIST;
		goto out;
	}
	d = d_alloc_name(dir, last);
	if (bad(d)) {
		err = -ENOMEM;
		goto out;
	}
	err = S_ISDIR(mode) ? devtmpfs_mkdir(dir->d_inode, d, mode)
			    : devtmpfs_mknod(dir->d_inode, d, mode, dev);
	dput(d);
out:
	mutex_unlock(&devtmpfs_lock);
	return err;
}

int devtmpfs_delete_node(const char *name)
{
	char last[NAME_MAX + 1];
	struct dentry *dir, *d;
	int err;

	if (!devtmpfs_sb)
		return -ENODEV;
	mutex_lock(&devtmpfs_lock);
	dir = walk_parent(name, false, last);
	if (IS_ERR(dir)) {
		err = (int)PTR_ERR(dir);
		goto out;
	}
	d = find_child(dir, last, strlen(last));
	if (!d) {
		err = -ENOENT;
		goto out;
	}
	dget(d);
	err = S_ISDIR(d->d_inode->i_mode) ? devtmpfs_rmdir(dir->d_inode, d)
					  : devtmpfs_unlink(dir->d_inode, d);
	if (!err)
		d_delete(d);
	dput(d);
out:
	mutex_unlock(&devtmpfs_lock);
	return err;
}

/* Mount the instance at @mntdir, made first when the tree has no such directory. */
int devtmpfs_mount(const char *mntdir)
{
	int err = init_mkdir(mntdir, 0755);

	if (err && err != -EEXIST)
		return err;
	return (int)do_mount("devtmpfs", mntdir, "devtmpfs", 0, NULL);
}

/* The root of the instance, for the ktests. */
struct dentry *devtmpfs_root(void)
{
	return devtmpfs_sb ? devtmpfs_sb->s_root : NULL;
}

int devtmpfs_init(void)
{
	struct super_block *sb;
	struct inode *root;
	int err;

	mutex_init(&devtmpfs_lock);
	err = register_filesystem(&devtmpfs_fs_type);
	if (err)
		return err;
	sb = sget_nodev(&devtmpfs_fs_type, NULL);
	if (bad(sb))
		return sb ? (int)PTR_ERR(sb) : -ENOMEM;
	sb->s_magic = DEVTMPFS_MAGIC;
	sb->s_blocksize = 4096;
	sb->s_op = &devtmpfs_sops;
	root = devtmpfs_get_inode(sb, S_IFDIR | 0755, 0);
	if (!root)
		return -ENOMEM;
	sb->s_root = d_make_root(root);
	if (bad(sb->s_root))
		return -ENOMEM;
	devtmpfs_sb = sb;
	return 0;
}
