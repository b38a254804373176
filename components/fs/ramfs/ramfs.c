// SPDX-License-Identifier: Apache-2.0
/*
 * ramfs and tmpfs: a file system that is its dcache. Every positive
 * dentry holds one extra reference of the file system (the pin, dropped by
 * unlink/rmdir/rename-over and at unmount by kill_litter_super), so the
 * tree stays while nobody has it open. File data lives only in the page
 * cache of the inode (the VFS's generic read/write/mmap); symlink targets
 * in i_link. "tmpfs" is the same code with a sticky, world-writable root
 * (mode 1777) and its own magic; neither has a size limit.
 */
#include <tessera/compiler.h>
#include <tessera/errno.h>
#include <tessera/fs.h>
#include <tessera/mm.h>
#include <tessera/page.h>

#ifndef VFS_HOST_TEST
#include <interfaces/kmalloc.h>
#include <interfaces/lib.h>
#include <interfaces/mutex.h>
#include <interfaces/ramfs.h>
#include <interfaces/vfs.h>
#endif

int init_ramfs_fs(void);

static const struct inode_operations ramfs_dir_iops;
static const struct inode_operations ramfs_file_iops;
static const struct inode_operations ramfs_symlink_iops;
static const struct super_operations ramfs_sops;

static int ramfs_fsync(struct file *file, int datasync)
{
	(void)file;
	(void)datasync;
	return 0;
}

static const struct file_operations ramfs_file_fops = {
	.llseek = generic_file_llseek,
	.read = generic_file_read,
	.write = generic_file_write,
	.mmap = generic_file_mmap,
	.fsync = ramfs_fsync,
};

static const struct file_operations ramfs_dir_fops = {
	.llseek = generic_file_llseek,
	.iterate_shared = dcache_readdir,
	.fsync = ramfs_fsync,
};

static struct inode *ramfs_get_inode(struct super_block *sb, umode_t mode, dev_t dev)
{
	struct inode *inode = new_inode(sb);

	if (!inode)
		return NULL;
	inode->i_mode = mode;
	switch (mode & S_IFMT) {
	case S_IFREG:
		inode->i_op = &ramfs_file_iops;
		inode->i_fop = &ramfs_file_fops;
		break;
	case S_IFDIR:
		inode->i_op = &ramfs_dir_iops;
		inode->i_fop = &ramfs_dir_fops;
		inode->i_nlink = 2;
		break;
	case S_IFLNK:
		inode->i_op = &ramfs_symlink_iops;
		break;
	default:
		inode->i_op = &ramfs_file_iops;         /* setattr only */
		init_special_inode(inode, mode, dev);
		break;
	}
	return inode;
}

/* Make @dentry positive with @inode and pin it. */
static void ramfs_instantiate(struct inode *dir, struct dentry *dentry, struct inode *inode)
{
	d_instantiate(dentry, inode);
	dget(dentry);
	inode_set_now(dir, ATTR_MTIME | ATTR_CTIME);
}

static int ramfs_mknod(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev)
{
	struct inode *inode = ramfs_get_inode(dir->i_sb, mode, dev);

	if (!inode)
		return -ENOSPC;
	ramfs_instantiate(dir, dentry, inode);
	return 0;
}

static int ramfs_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	int err = ramfs_mknod(dir, dentry, mode | S_IFDIR, 0);

	if (!err)
		dir->i_nlink++;
	return err;
}

static int ramfs_create(struct inode *dir, struct dentry *dentry, umode_t mode, bool excl)
{
	(void)excl;
	return ramfs_mknod(dir, dentry, mode | S_IFREG, 0);
}

static int ramfs_symlink(struct inode *dir, struct dentry *dentry, const char *target)
{
	size_t len = strlen(target);
	struct inode *inode;
	char *copy = kmalloc(len + 1);

	if (!copy)
		return -ENOMEM;
	inode = ramfs_get_inode(dir->i_sb, S_IFLNK | 0777, 0);
	if (!inode) {
		kfree(copy);
		return -ENOSPC;
	}
	memcpy(copy, target, len + 1);
	inode->i_link = copy;
	inode->i_size = (loff_t)len;
	ramfs_instantiate(dir, dentry, inode);
	return 0;
}

static int ramfs_link(struct dentry *old, struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = old->d_inode;

	inode->i_nlink++;
	ihold(inode);
	inode_set_now(inode, ATTR_CTIME);
	ramfs_instantiate(dir, dentry, inode);
	return 0;
}

static int ramfs_unlink(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = dentry->d_inode;

	inode->i_nlink--;
	inode_set_now(inode, ATTR_CTIME);
	inode_set_now(dir, ATTR_MTIME | ATTR_CTIME);
	dput(dentry);           /* the pin */
	return 0;
}

static int ramfs_rmdir(struct inode *dir, struct dentry *dentry)
{
	dentry->d_inode->i_nlink = 0;
	dir->i_nlink--;
	inode_set_now(dir, ATTR_MTIME | ATTR_CTIME);
	dput(dentry);
	return 0;
}

static int ramfs_rename(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
			struct dentry *new_dentry, unsigned int flags)
{
	struct inode *oi = old_dentry->d_inode, *ni = new_dentry->d_inode;
	bool odir = S_ISDIR(oi->i_mode);

	if (flags & RENAME_EXCHANGE) {
		bool ndir = S_ISDIR(ni->i_mode);

		if (old_dir != new_dir && odir != ndir) {
			if (odir) {
				old_dir->i_nlink--;
				new_dir->i_nlink++;
			} else {
				new_dir->i_nlink--;
				old_dir->i_nlink++;
			}
		}
	} else {
		if (ni) {
			if (S_ISDIR(ni->i_mode)) {
				ni->i_nlink = 0;
				new_dir->i_nlink--;
			} else {
				ni->i_nlink--;
			}
			inode_set_now(ni, ATTR_CTIME);
			dput(new_dentry);       /* its pin: the VFS unhashes it */
		}
		if (odir && old_dir != new_dir) {
			old_dir->i_nlink--;
			new_dir->i_nlink++;
		}
	}
	inode_set_now(old_dir, ATTR_MTIME | ATTR_CTIME);
	inode_set_now(new_dir, ATTR_MTIME | ATTR_CTIME);
	inode_set_now(oi, ATTR_CTIME);
	return 0;
}

static int ramfs_setattr(struct dentry *dentry, struct iattr *attr)
{
	struct inode *inode = dentry->d_inode;

	if (attr->ia_valid & ATTR_SIZE) {
		if (!S_ISREG(inode->i_mode))
			return -EINVAL;
		mutex_lock(&inode->i_rwsem);
		if (attr->ia_size < inode->i_size)
			truncate_inode_pages(inode->i_mapping, attr->ia_size);
		inode->i_size = attr->ia_size;
		inode->i_blocks = (unsigned long)inode->i_mapping->nrpages * (PAGE_SIZE / 512);
		mutex_unlock(&inode->i_rwsem);
		inode_set_now(inode, ATTR_MTIME | ATTR_CTIME);
	}
	if (attr->ia_valid & ATTR_MODE)
		inode->i_mode = (inode->i_mode & S_IFMT) | (attr->ia_mode & 07777);
	if (attr->ia_valid & ATTR_UID)
		inode->i_uid = attr->ia_uid;
	if (attr->ia_valid & ATTR_GID)
		inode->i_gid = attr->ia_gid;
	if (attr->ia_valid & ATTR_ATIME)
		inode->i_atime = attr->ia_atime;
	if (attr->ia_valid & ATTR_MTIME)
		inode->i_mtime = attr->ia_mtime;
	if (attr->ia_valid & (ATTR_MODE | ATTR_UID | ATTR_GID | ATTR_ATIME | ATTR_MTIME))
		inode_set_now(inode, ATTR_CTIME);
	return 0;
}

static const struct inode_operations ramfs_dir_iops = {
	.lookup = simple_lookup,
	.create = ramfs_create,
	.link = ramfs_link,
	.unlink = ramfs_unlink,
	.symlink = ramfs_symlink,
	.mkdir = ramfs_mkdir,
	.rmdir = ramfs_rmdir,
	.mknod = ramfs_mknod,
	.rename = ramfs_rename,
	.setattr = ramfs_setattr,
};

static const struct inode_operations ramfs_file_iops = {
	.setattr = ramfs_setattr,
};

static const struct inode_operations ramfs_symlink_iops = {
	.setattr = ramfs_setattr,
};

static void ramfs_evict_inode(struct inode *inode)
{
	truncate_inode_pages(&inode->i_data, 0);
	if (inode->i_link) {
		kfree(inode->i_link);
		inode->i_link = NULL;
	}
}

static int ramfs_statfs(struct dentry *dentry, void *buf)
{
	struct kstatfs *st = buf;

	st->f_type = (long)dentry->d_sb->s_magic;
	st->f_bsize = PAGE_SIZE;
	st->f_namelen = NAME_MAX;
	st->f_frsize = PAGE_SIZE;
	return 0;
}

static const struct super_operations ramfs_sops = {
	.evict_inode = ramfs_evict_inode,
	.statfs = ramfs_statfs,
};

static struct dentry *ramfs_mount_common(struct file_system_type *type, unsigned long magic,
					 umode_t root_mode)
{
	struct super_block *sb = sget_nodev(type, NULL);
	struct inode *root;

	if (IS_ERR(sb))
		return ERR_CAST(sb);
	sb->s_magic = magic;
	sb->s_op = &ramfs_sops;
	root = ramfs_get_inode(sb, S_IFDIR | root_mode, 0);
	sb->s_root = d_make_root(root);
	if (!sb->s_root) {
		kill_litter_super(sb);
		return ERR_PTR(-ENOMEM);
	}
	return dget(sb->s_root);
}

static struct dentry *ramfs_mount(struct file_system_type *type, int flags, const char *dev,
				  void *data)
{
	(void)flags;
	(void)dev;
	(void)data;
	return ramfs_mount_common(type, RAMFS_MAGIC, 0755);
}

static struct dentry *tmpfs_mount(struct file_system_type *type, int flags, const char *dev,
				  void *data)
{
	(void)flags;
	(void)dev;
	(void)data;
	return ramfs_mount_common(type, TMPFS_MAGIC, 01777);
}

static struct file_system_type ramfs_fs_type = {
	.name = "ramfs",
	.mount = ramfs_mount,
	.kill_sb = kill_litter_super,
};

static struct file_system_type tmpfs_fs_type = {
	.name = "tmpfs",
	.mount = tmpfs_mount,
	.kill_sb = kill_litter_super,
};

int init_ramfs_fs(void)
{
	int err = register_filesystem(&ramfs_fs_type);

	if (err)
		return err;
	return register_filesystem(&tmpfs_fs_type);
}
