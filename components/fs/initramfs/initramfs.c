// SPDX-License-Identifier: Apache-2.0
/*
 * The initramfs: the boot loader's initrd (boot_info.initrd_start/size:
 * QEMU -initrd, a PVH module on x86_64, /chosen linux,initrd-* on riscv64)
 * unpacked into the rootfs the VFS mounted at "/", as Linux's
 * populate_rootfs() does, through the VFS's kernel-space helpers
 * (init_mkdir, filp_open + kernel_write, init_symlink, init_mknod,
 * init_link, init_chmod). unpack.c does the archive; a corrupt one is
 * refused whole, with what is wrong and where.
 */
#define pr_fmt(fmt) "initramfs: " fmt

#include <asm/memory.h>         /* first: vmalloc.h defers to its THREAD_SIZE */
#include <interfaces/arch.h>
#include <interfaces/kmalloc.h>
#include <interfaces/lib.h>
#include <interfaces/printk.h>
#include <interfaces/vfs.h>
#include <interfaces/vmalloc.h>
#include <tessera/errno.h>

#include "initramfs.h"
#include "unpack.h"

/* Linux's new_encode_dev(): the dev_t form init_mknod() takes. */
static unsigned int encode_dev(u32 major, u32 minor)
{
	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}

/*
 * What is in the way of a new entry goes first (Linux's clean_path()): a
 * directory stays for a directory and a regular file for a regular file
 * (opened with O_TRUNC); anything else at the path is removed, so an
 * archive unpacked over an older tree replaces its symlinks and nodes.
 */
static void clean_path(const char *path, umode_t fmode)
{
	struct kstat st;

	if (init_stat(path, &st, AT_SYMLINK_NOFOLLOW))
		return;
	if ((S_ISDIR(st.mode) && S_ISDIR(fmode)) || (S_ISREG(st.mode) && S_ISREG(fmode)))
		return;
	if (S_ISDIR(st.mode))
		init_rmdir(path);
	else
		init_unlink(path);
}

static int vfs_mkdir_op(void *ctx, const char *path, u32 mode)
{
	int err = init_mkdir(path, (umode_t)mode);

	(void)ctx;
	if (err && err != -EEXIST)
		return err;
	init_chmod(path, (umode_t)mode);        /* what the archive says, not the umask */
	return err;
}

static int vfs_mknod_op(void *ctx, const char *path, u32 mode, u32 major, u32 minor)
{
	int err;

	(void)ctx;
	clean_path(path, (umode_t)mode);
	err = init_mknod(path, (umode_t)mode, encode_dev(major, minor));
	if (!err)
		init_chmod(path, (umode_t)(mode & 07777));
	return err;
}

static int vfs_symlink_op(void *ctx, const char *target, const char *path)
{
	(void)ctx;
	clean_path(path, S_IFLNK);
	return init_symlink(target, path);
}

static int vfs_link_op(void *ctx, const char *old, const char *path)
{
	(void)ctx;
	clean_path(path, S_IFLNK);      /* whatever is there: the link replaces it */
	return init_link(old, path);
}

static int vfs_write_file_op(void *ctx, const char *path, u32 mode, const void *data, size_t len)
{
	struct file *f;
	loff_t pos = 0;
	int err = 0;

	(void)ctx;
	clean_path(path, S_IFREG);
	f = filp_open(path, O_WRONLY | O_CREAT | O_TRUNC, (umode_t)mode);
	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	while ((size_t)pos < len) {
		ssize_t n = kernel_write(f, (const u8 *)data + pos, len - (size_t)pos, &pos);

		if (n <= 0) {
			err = n < 0 ? (int)n : -EIO;
			break;
		}
	}
	fput(f);
	if (!err)
		init_chmod(path, (umode_t)mode);
	return err;
}

/* Small blocks from kmalloc, large ones (the decompressed archive) from
 * vmalloc; a header says which. */
#define ALLOC_HEADER 16
#define ALLOC_VMALLOC_ABOVE (64UL << 10)

static void *alloc_op(void *ctx, size_t size)
{
	bool big = size > ALLOC_VMALLOC_ABOVE;
	u8 *p;

	(void)ctx;
	if (size > INITRAMFS_MAX_UNPACKED)
		return NULL;
	p = big ? vmalloc(size + ALLOC_HEADER) : kmalloc(size + ALLOC_HEADER);
	if (!p)
		return NULL;
	*(unsigned long *)p = big;
	return p + ALLOC_HEADER;
}

static void free_op(void *ctx, void *ptr)
{
	u8 *p = (u8 *)ptr - ALLOC_HEADER;

	(void)ctx;
	if (*(unsigned long *)p)
		vfree(p);
	else
		kfree(p);
}

static const struct initramfs_ops vfs_ops = {
	.mkdir = vfs_mkdir_op, .mknod = vfs_mknod_op, .symlink = vfs_symlink_op,
	.link = vfs_link_op, .write_file = vfs_write_file_op,
	.alloc = alloc_op, .free = free_op,
};

int initramfs_unpack_buffer(const void *buf, size_t len, const char *what,
			    struct initramfs_stats *st)
{
	char msg[200];
	int ret = initramfs_unpack(buf, len, &vfs_ops, NULL, st, msg, sizeof(msg));

	if (ret) {
		pr_err("refusing the %s (%zu bytes): %s\n", what, len, msg);
		return ret;
	}
	pr_info("unpacked the %s: %zu bytes%s, %u directories, %u files, %u symlinks, "
		"%u nodes, %u hard links\n", what, st->unpacked,
		st->compressed ? " (gzip)" : "", st->dirs, st->files, st->symlinks, st->nodes,
		st->links);
	if (st->failed)
		pr_warn("%u entries of the %s not created; the first: %s\n", st->failed, what, msg);
	return 0;
}

int initramfs_init(void)
{
	const struct boot_info *info = arch_boot_info();
	struct initramfs_stats st;

	if (!info->initrd_size) {
		pr_info("no initrd\n");
		return 0;
	}
	/* A refused initrd leaves the rootfs empty: init says so, not the boot. */
	initramfs_unpack_buffer(phys_to_virt(info->initrd_start), (size_t)info->initrd_size,
				"initrd", &st);
	return 0;
}
