/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The initramfs unpacker's core, apart from the VFS so the host test can
 * run it (ASan + UBSan) against a recording fake: an initrd (a cpio newc
 * archive, or gzip members holding one) is checked whole, then each entry
 * is created through @ops. Nothing is created from an archive that is not
 * entirely valid.
 */
#ifndef INITRAMFS_UNPACK_H
#define INITRAMFS_UNPACK_H

#include <tessera/types.h>

/* What the unpacker creates with; each returns 0 or a negative errno. */
struct initramfs_ops {
	int (*mkdir)(void *ctx, const char *path, u32 mode);
	/* mode carries the file type (S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK). */
	int (*mknod)(void *ctx, const char *path, u32 mode, u32 major, u32 minor);
	int (*symlink)(void *ctx, const char *target, const char *path);
	int (*link)(void *ctx, const char *old, const char *path);
	/* Create or truncate @path with @mode and write @len bytes. */
	int (*write_file)(void *ctx, const char *path, u32 mode, const void *data, size_t len);
	void *(*alloc)(void *ctx, size_t size);         /* NULL when out of memory */
	void (*free)(void *ctx, void *p);
};

struct initramfs_stats {
	unsigned int dirs, files, symlinks, nodes, links;
	unsigned int failed;            /* entries the VFS refused (the first in msg) */
	size_t unpacked;                /* bytes of cpio after decompression */
	bool compressed;
};

/* Refuse a decompressed archive larger than this. */
#define INITRAMFS_MAX_UNPACKED (512UL << 20)

/* Positive codes of the unpacker's own refusals (cpio's are negative). */
enum initramfs_error {
	INITRAMFS_E_FORMAT = 1000,  /* neither cpio newc nor gzip */
	INITRAMFS_E_GZIP,           /* a gzip member does not decompress */
	INITRAMFS_E_TRAILING,       /* bytes after the gzip members */
	INITRAMFS_E_TOO_BIG,        /* decompresses past INITRAMFS_MAX_UNPACKED */
	INITRAMFS_E_NOMEM,
	INITRAMFS_E_NAME,           /* an empty name or one with a ".." part */
	INITRAMFS_E_CPIO,           /* cpio_for_each_entry refused it */
};

/*
 * Unpack @buf (@len bytes). 0 when the archive was valid (entries the VFS
 * refused are counted in @st->failed and the first is described in @msg);
 * otherwise an enum initramfs_error with @msg saying what is wrong and
 * where, and nothing created.
 */
int initramfs_unpack(const void *buf, size_t len, const struct initramfs_ops *ops, void *ctx,
		     struct initramfs_stats *st, char *msg, size_t msglen);

#endif
