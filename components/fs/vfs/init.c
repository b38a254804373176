// SPDX-License-Identifier: Apache-2.0
/*
 * The VFS's initcall, and the kernel-space path operations (Linux's
 * fs/init.c) that the initramfs unpacker, devtmpfs and the first process
 * use on kernel strings: init_mkdir(), init_mknod(), ...
 */
#include "vfs_internal.h"

#ifndef VFS_HOST_TEST
#include <interfaces/ramfs.h>
#endif

int vfs_init(void);

int vfs_init(void)
{
	int err;

	vfs_locks_init();
	err = init_ramfs_fs();

	if (err) {
		pr_err("vfs: ramfs registration failed: %d\n", err);
		return err;
	}
	vfs_init_mount_tree();
	if (!init_root.dentry)
		return -ENOMEM;
	err = vfs_pseudo_init();
	if (err)
		return err;
	pr_info("vfs: rootfs (ramfs) mounted on /\n");
	return 0;
}

int init_mkdir(const char *pathname, umode_t mode)
{
	return vfs_mkdirat(AT_FDCWD, pathname, mode);
}

/* @dev in the user ABI's encoding, as Linux's init_mknod (new_encode_dev()). */
int init_mknod(const char *filename, umode_t mode, unsigned int dev)
{
	return vfs_mknodat(AT_FDCWD, filename, mode, new_decode_dev(dev));
}

int init_symlink(const char *oldname, const char *newname)
{
	return vfs_symlinkat(oldname, AT_FDCWD, newname);
}

int init_link(const char *oldname, const char *newname)
{
	return vfs_linkat(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

int init_unlink(const char *pathname)
{
	return vfs_unlinkat(AT_FDCWD, pathname, 0);
}

int init_rmdir(const char *pathname)
{
	return vfs_unlinkat(AT_FDCWD, pathname, AT_REMOVEDIR);
}

int init_chmod(const char *filename, umode_t mode)
{
	return vfs_fchmodat(AT_FDCWD, filename, mode, 0);
}

int vfs_fchownat(int dfd, const char *name, unsigned int uid, unsigned int gid, int flags);

int init_chown(const char *filename, unsigned int user, unsigned int group, int flags)
{
	return vfs_fchownat(AT_FDCWD, filename, user, group, flags);
}

/* @ts: [0] atime, [1] mtime (Linux's init_utimes takes the pair too). */
int init_utimes(const char *filename, struct timespec64 *ts)
{
	return vfs_utimensat(AT_FDCWD, filename, ts, AT_SYMLINK_NOFOLLOW);
}

int init_stat(const char *filename, struct kstat *stat, int flags)
{
	return vfs_statat(AT_FDCWD, filename, stat, flags);
}

int init_chdir(const char *filename)
{
	return vfs_chdir(filename);
}

int init_chroot(const char *filename)
{
	return vfs_chroot(filename);
}

int init_mount(const char *dev_name, const char *dir_name, const char *type_page,
	       unsigned long flags, void *data_page)
{
	return (int)do_mount(dev_name, dir_name, type_page, flags, data_page);
}

int init_umount(const char *name, int flags)
{
	struct path p;
	int err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	err = vfs_path_lookupat(AT_FDCWD, name, (flags & UMOUNT_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	err = do_umount_path(&p, flags);
	path_put(&p);
	return err;
}
