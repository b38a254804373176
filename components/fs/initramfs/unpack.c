// SPDX-License-Identifier: Apache-2.0
/*
 * The initramfs unpacker (see unpack.h): Linux's init/initramfs.c in
 * spirit -- gzip members are decompressed into one buffer, the cpio newc
 * archive in it is read by components/fs/cpio -- except that the whole
 * archive is checked before anything is created: a corrupt initrd is
 * refused, with the reason and the offset, and leaves the rootfs as it was.
 *
 * Sizes come from the archive and are never trusted: the gzip ISIZE only
 * seeds the output buffer, which grows (to INITRAMFS_MAX_UNPACKED) while
 * gunzip says it is full; cpio's reader checks every name and size
 * against the buffer.
 */
#ifdef INITRAMFS_HOST_TEST
#include <stdio.h>
#include <string.h>
#else
#include <interfaces/lib.h>
#endif
#include <tessera/cpio.h>
#include <tessera/errno.h>
#include <tessera/inflate.h>

#include "unpack.h"

#define GZIP_MAGIC0 0x1f
#define GZIP_MAGIC1 0x8b

static bool is_gzip(const u8 *p, size_t len)
{
	return len >= 2 && p[0] == GZIP_MAGIC0 && p[1] == GZIP_MAGIC1;
}

static void *grow(const struct initramfs_ops *ops, void *ctx, void *old, size_t used,
		  size_t size)
{
	void *p = ops->alloc(ctx, size);

	if (p && old)
		memcpy(p, old, used);
	if (old)
		ops->free(ctx, old);
	return p;
}

/* Every gzip member of @in into one new buffer (*@out, *@out_len). */
static int decompress(const u8 *in, size_t len, const struct initramfs_ops *ops, void *ctx,
		      u8 **out, size_t *out_len, char *msg, size_t msglen)
{
	struct inflate_workspace *ws;
	size_t pos = 0, used = 0, cap, isize;
	u8 *buf;
	int ret = 0;

	/* The last member's ISIZE (its size mod 2^32) is only a first guess,
	 * bounded by what the input could reasonably hold: the buffer doubles
	 * while gunzip finds it full. */
	isize = (size_t)in[len - 4] | (size_t)in[len - 3] << 8 | (size_t)in[len - 2] << 16 |
		(size_t)in[len - 1] << 24;
	cap = len * 4 > isize ? len * 4 : isize;
	if (cap > len * 32 + 65536)
		cap = len * 32 + 65536;
	if (cap < 65536)
		cap = 65536;
	if (cap > INITRAMFS_MAX_UNPACKED)
		cap = INITRAMFS_MAX_UNPACKED;
	ws = ops->alloc(ctx, sizeof(*ws));
	buf = ops->alloc(ctx, cap);
	if (!ws || !buf) {
		snprintf(msg, msglen, "cannot allocate %zu bytes to decompress into", cap);
		ret = INITRAMFS_E_NOMEM;
		goto out;
	}
	while (pos < len) {
		size_t in_used = 0, got = 0;
		int err;

		if (in[pos] == 0) {     /* padding between members */
			pos++;
			continue;
		}
		if (!is_gzip(in + pos, len - pos)) {
			snprintf(msg, msglen, "%zu bytes after the gzip data at offset %zu are "
				 "neither gzip nor padding", len - pos, pos);
			ret = INITRAMFS_E_TRAILING;
			goto out;
		}
		err = gunzip(ws, in + pos, len - pos, &in_used, buf + used, cap - used, &got);
		if (err == INFLATE_E_OUTPUT_FULL) {
			if (cap >= INITRAMFS_MAX_UNPACKED) {
				snprintf(msg, msglen, "decompresses to more than %lu MiB",
					 INITRAMFS_MAX_UNPACKED >> 20);
				ret = INITRAMFS_E_TOO_BIG;
				goto out;
			}
			cap = cap * 2 > INITRAMFS_MAX_UNPACKED ? INITRAMFS_MAX_UNPACKED : cap * 2;
			buf = grow(ops, ctx, buf, used, cap);
			if (!buf) {
				snprintf(msg, msglen, "cannot allocate %zu bytes to decompress into", cap);
				ret = INITRAMFS_E_NOMEM;
				goto out;
			}
			continue;       /* the same member again, with more room */
		}
		if (err) {
			snprintf(msg, msglen, "gzip member at offset %zu: %s", pos,
				 inflate_strerror(err));
			ret = INITRAMFS_E_GZIP;
			goto out;
		}
		pos += in_used;
		used += got;
	}
out:
	if (ws)
		ops->free(ctx, ws);
	if (ret) {
		if (buf)
			ops->free(ctx, buf);
		return ret;
	}
	*out = buf;
	*out_len = used;
	return 0;
}

/* A name of the archive as an absolute path: "./a" and "/a" are "/a". */
static int entry_path(const struct cpio_entry *e, char *path, size_t size)
{
	const char *n = e->name;
	size_t len, i, start;

	while (n[0] == '.' && n[1] == '/')
		n += 2;
	while (n[0] == '/')
		n++;
	len = strlen(n);
	if (len == 0 || (len == 1 && n[0] == '.'))
		return 0;       /* the root itself */
	for (i = 0, start = 0; i <= len; i++) {
		if (n[i] == '/' || n[i] == '\0') {
			if (i - start == 2 && n[start] == '.' && n[start + 1] == '.')
				return -1;
			if (i == start && i != len)
				return -1;      /* "a//b" */
			start = i + 1;
		}
	}
	if (len + 2 > size)
		return -1;
	path[0] = '/';
	memcpy(path + 1, n, len + 1);
	if (path[len] == '/')
		path[len] = '\0';       /* "dir/" */
	return 1;
}

struct hardlink {
	u32 ino, major, minor;
	char *path;
};

#define MAX_HARDLINKS 64

struct unpacker {
	const struct initramfs_ops *ops;
	void *ctx;
	struct initramfs_stats *st;
	char *msg;
	size_t msglen;
	char path[CPIO_PATH_MAX + 2];
	char target[CPIO_PATH_MAX + 1];
	struct hardlink links[MAX_HARDLINKS];
	unsigned int nr_links;
	size_t bad_offset;
};

static int check_actor(const struct cpio_entry *e, void *arg)
{
	struct unpacker *u = arg;

	if (entry_path(e, u->path, sizeof(u->path)) < 0) {
		snprintf(u->msg, u->msglen, "entry at offset %zu has a bad name (empty part "
			 "or '..')", e->offset);
		return INITRAMFS_E_NAME;
	}
	return 0;
}

static void failed(struct unpacker *u, const char *what, int err)
{
	if (!u->st->failed++)
		snprintf(u->msg, u->msglen, "cannot create %s %s: error %d", what, u->path, err);
}

/* newc hard links: every name but the last has no data; link them to the
 * first one created (Linux's maybe_link()). 1 when linked. */
static int maybe_link(struct unpacker *u, const struct cpio_entry *e)
{
	unsigned int i;

	if (e->nlink < 2)
		return 0;
	for (i = 0; i < u->nr_links; i++) {
		struct hardlink *h = &u->links[i];

		if (h->ino == e->ino && h->major == e->dev_major && h->minor == e->dev_minor) {
			int err = u->ops->link(u->ctx, h->path, u->path);

			if (err) {
				failed(u, "hard link", err);
				return 1;
			}
			u->st->links++;
			/* The data comes with the last name of the group. */
			if (e->size) {
				err = u->ops->write_file(u->ctx, u->path, e->mode & 07777,
							 e->data, e->size);
				if (err)
					failed(u, "file", err);
			}
			return 1;
		}
	}
	if (u->nr_links < MAX_HARDLINKS) {
		size_t n = strlen(u->path) + 1;
		char *copy = u->ops->alloc(u->ctx, n);

		if (copy) {
			memcpy(copy, u->path, n);
			u->links[u->nr_links++] = (struct hardlink){ e->ino, e->dev_major,
								    e->dev_minor, copy };
		}
	}
	return 0;
}

static int unpack_actor(const struct cpio_entry *e, void *arg)
{
	struct unpacker *u = arg;
	u32 type = e->mode & S_IFMT, perm = e->mode & 07777;
	int err;

	if (entry_path(e, u->path, sizeof(u->path)) <= 0)
		return 0;       /* "." (checked before) */
	switch (type) {
	case S_IFDIR:
		err = u->ops->mkdir(u->ctx, u->path, perm);
		if (err && err != -EEXIST)
			failed(u, "directory", err);
		else
			u->st->dirs++;
		break;
	case S_IFREG:
		if (maybe_link(u, e))
			break;
		err = u->ops->write_file(u->ctx, u->path, perm, e->data, e->size);
		if (err)
			failed(u, "file", err);
		else
			u->st->files++;
		break;
	case S_IFLNK:
		/* cpio checked: 1 <= size < PATH_MAX. */
		memcpy(u->target, e->data, e->size);
		u->target[e->size] = '\0';
		err = u->ops->symlink(u->ctx, u->target, u->path);
		if (err)
			failed(u, "symlink", err);
		else
			u->st->symlinks++;
		break;
	default:        /* S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK (cpio checked) */
		if (maybe_link(u, e))
			break;
		err = u->ops->mknod(u->ctx, u->path, type | perm, e->rdev_major, e->rdev_minor);
		if (err)
			failed(u, "node", err);
		else
			u->st->nodes++;
		break;
	}
	return 0;
}

int initramfs_unpack(const void *buf, size_t len, const struct initramfs_ops *ops, void *ctx,
		     struct initramfs_stats *st, char *msg, size_t msglen)
{
	const u8 *in = buf;
	u8 *data = NULL;
	size_t size = len, off = 0;
	struct unpacker *u;
	unsigned int i;
	int ret;

	memset(st, 0, sizeof(*st));
	msg[0] = '\0';
	if (len >= 6 && !memcmp(in, "0707", 4)) {
		data = (u8 *)in;
	} else if (len >= 18 && is_gzip(in, len)) {
		st->compressed = true;
		ret = decompress(in, len, ops, ctx, &data, &size, msg, msglen);
		if (ret)
			return ret;
	} else {
		snprintf(msg, msglen, "neither a cpio newc archive nor gzip (%zu bytes, first "
			 "%02x %02x)", len, len > 0 ? in[0] : 0, len > 1 ? in[1] : 0);
		return INITRAMFS_E_FORMAT;
	}
	st->unpacked = size;
	u = ops->alloc(ctx, sizeof(*u));
	if (!u) {
		snprintf(msg, msglen, "out of memory");
		ret = INITRAMFS_E_NOMEM;
		goto out;
	}
	memset(u, 0, sizeof(*u));
	*u = (struct unpacker){ .ops = ops, .ctx = ctx, .st = st, .msg = msg, .msglen = msglen };
	/* Whole and valid first: nothing is created from a corrupt archive. */
	ret = cpio_for_each_entry(data, size, check_actor, u, &off);
	if (ret < 0) {
		snprintf(msg, msglen, "corrupt cpio archive at offset %zu%s: %s", off,
			 st->compressed ? " (decompressed)" : "", cpio_strerror(ret));
		ret = INITRAMFS_E_CPIO;
	}
	if (!ret)
		ret = cpio_for_each_entry(data, size, unpack_actor, u, &off);
	for (i = 0; i < u->nr_links; i++)
		ops->free(ctx, u->links[i].path);
	ops->free(ctx, u);
out:
	if (data != in)
		ops->free(ctx, data);
	return ret;
}
