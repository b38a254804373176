// SPDX-License-Identifier: Apache-2.0
/*
 * The file system calls: thin wrappers that copy names and structures
 * across with uaccess (copy_from_user, strncpy_from_user, ...) and call
 * the VFS's kernel functions, with Linux's errno values. The structure
 * layouts (stat, statx, statfs, dirent64, pollfd, iovec) are Linux's for
 * x86_64 and for the generic ABI riscv64 uses.
 *
 * Without a uaccess provider in the product (no user space), every user
 * pointer is a fault: the calls exist and return EFAULT.
 */
#include "vfs_internal.h"

#ifdef HAVE_UACCESS
#include <interfaces/uaccess.h>
#else
static inline unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	(void)to;
	(void)from;
	return n;
}
static inline unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	(void)to;
	(void)from;
	return n;
}
static inline long strncpy_from_user(char *dst, const char __user *src, long count)
{
	(void)dst;
	(void)src;
	(void)count;
	return -EFAULT;
}
#endif
#ifdef HAVE_SCHED
#include <interfaces/sched.h>
#include <interfaces/wait.h>
#endif

#define MAX_RW_COUNT (0x7fffffffL & (long)PAGE_MASK)
#define UIO_MAXIOV 1024

/* ---- names ---- */

/* A kernel copy of a user path (kfree it): ERR_PTR(-EFAULT/-ENAMETOOLONG/-ENOMEM). */
static char *getname(const char __user *uname)
{
	char *buf;
	long n;

	if (!uname)
		return ERR_PTR(-EFAULT);
	buf = kmalloc(VFS_GETNAME_MAX);
	if (!buf)
		return ERR_PTR(-ENOMEM);
	n = strncpy_from_user(buf, uname, VFS_GETNAME_MAX);
	if (n < 0) {
		kfree(buf);
		return ERR_PTR(-EFAULT);
	}
	if (n >= VFS_GETNAME_MAX) {
		kfree(buf);
		return ERR_PTR(-ENAMETOOLONG);
	}
	buf[n] = 0;
	return buf;
}

#define WITH_NAME(var, uptr)                                            \
	char *var = getname(uptr);                                      \
	if (IS_ERR(var))                                                \
		return PTR_ERR(var)

/* ---- open, close ---- */

static long do_sys_openat(int dfd, const char __user *filename, int flags, umode_t mode)
{
	struct file *f;
	int fd;
	WITH_NAME(name, filename);

	if (!(flags & O_CREAT))
		mode = 0;
	fd = get_unused_fd_flags((unsigned int)flags);
	if (fd < 0) {
		kfree(name);
		return fd;
	}
	f = vfs_openat(dfd, name, flags, mode);
	kfree(name);
	if (IS_ERR(f)) {
		put_unused_fd((unsigned int)fd);
		return PTR_ERR(f);
	}
	fd_install((unsigned int)fd, f);
	return fd;
}

SYSCALL_DEFINE4(openat, int, dfd, const char __user *, filename, int, flags, umode_t, mode)
{
	return do_sys_openat(dfd, filename, flags | O_LARGEFILE, mode);
}

SYSCALL_DEFINE3(open, const char __user *, filename, int, flags, umode_t, mode)
{
	return do_sys_openat(AT_FDCWD, filename, flags | O_LARGEFILE, mode);
}

SYSCALL_DEFINE2(creat, const char __user *, pathname, umode_t, mode)
{
	return do_sys_openat(AT_FDCWD, pathname, O_CREAT | O_WRONLY | O_TRUNC | O_LARGEFILE, mode);
}

SYSCALL_DEFINE1(close, unsigned int, fd)
{
	return close_fd(fd);
}

/* ---- read, write ---- */

static struct file *fget_mode(unsigned int fd, long *err)
{
	struct file *f = fget(fd);

	*err = 0;
	if (!f)
		*err = -EBADF;
	else if (f->f_flags & O_PATH) {
		fput(f);
		f = NULL;
		*err = -EBADF;
	}
	return f;
}

static long do_rw(unsigned int fd, char __user *buf, size_t count, bool write, loff_t *ppos)
{
	struct iov_iter it;
	struct file *f;
	long err;
	loff_t pos;
	ssize_t r;

	f = fget_mode(fd, &err);
	if (!f)
		return err;
	if (count > (size_t)MAX_RW_COUNT)
		count = (size_t)MAX_RW_COUNT;
	iov_iter_ubuf(&it, buf, count);
	if (ppos) {
		if (!(f->f_mode & (write ? FMODE_PWRITE : FMODE_PREAD))) {
			fput(f);
			return -ESPIPE;
		}
		pos = *ppos;
		r = write ? vfs_iter_write(f, &it, &pos) : vfs_iter_read(f, &it, &pos);
	} else {
		pos = f->f_pos;
		r = write ? vfs_iter_write(f, &it, &pos) : vfs_iter_read(f, &it, &pos);
		if (r > 0)
			f->f_pos = pos;
	}
	fput(f);
	return r;
}

SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, size_t, count)
{
	return do_rw(fd, buf, count, false, NULL);
}

SYSCALL_DEFINE3(write, unsigned int, fd, const char __user *, buf, size_t, count)
{
	return do_rw(fd, (char __user *)buf, count, true, NULL);
}

SYSCALL_DEFINE4(pread64, unsigned int, fd, char __user *, buf, size_t, count, loff_t, pos)
{
	if (pos < 0)
		return -EINVAL;
	return do_rw(fd, buf, count, false, &pos);
}

SYSCALL_DEFINE4(pwrite64, unsigned int, fd, const char __user *, buf, size_t, count, loff_t, pos)
{
	if (pos < 0)
		return -EINVAL;
	return do_rw(fd, (char __user *)buf, count, true, &pos);
}

struct iovec_user {
	void __user *iov_base;
	size_t iov_len;
};

static long do_rwv(unsigned long fd, const struct iovec_user __user *uvec, unsigned long vlen,
		   bool write, loff_t *ppos)
{
	struct iovec_user *vec;
	struct file *f;
	long err, total = 0;
	unsigned long i;
	size_t sum = 0;
	loff_t pos;

	if (vlen > UIO_MAXIOV)
		return -EINVAL;
	f = fget_mode((unsigned int)fd, &err);
	if (!f)
		return err;
	if (vlen == 0) {
		fput(f);
		return 0;
	}
	vec = kmalloc(vlen * sizeof(*vec));
	if (!vec) {
		fput(f);
		return -ENOMEM;
	}
	if (copy_from_user(vec, uvec, vlen * sizeof(*vec))) {
		err = -EFAULT;
		goto out;
	}
	for (i = 0; i < vlen; i++) {
		if (vec[i].iov_len > 0x7fffffffffffffffUL - sum) {
			err = -EINVAL;
			goto out;
		}
		sum += vec[i].iov_len;
	}
	if (ppos && !(f->f_mode & (write ? FMODE_PWRITE : FMODE_PREAD))) {
		err = -ESPIPE;
		goto out;
	}
	if (!(f->f_mode & (write ? FMODE_WRITE : FMODE_READ))) {
		err = -EBADF;
		goto out;
	}
	pos = ppos ? *ppos : f->f_pos;
	for (i = 0; i < vlen; i++) {
		struct iov_iter it;
		size_t len = vec[i].iov_len;
		ssize_t r;

		if (!len)
			continue;
		if ((size_t)total + len > (size_t)MAX_RW_COUNT)
			len = (size_t)MAX_RW_COUNT - (size_t)total;
		iov_iter_ubuf(&it, vec[i].iov_base, len);
		r = write ? vfs_iter_write(f, &it, &pos) : vfs_iter_read(f, &it, &pos);
		if (r < 0) {
			if (!total)
				total = r;
			break;
		}
		total += r;
		if ((size_t)r < len || (size_t)total >= (size_t)MAX_RW_COUNT)
			break;
	}
	if (total > 0 && !ppos)
		f->f_pos = pos;
	err = total;
out:
	kfree(vec);
	fput(f);
	return err;
}

SYSCALL_DEFINE3(readv, unsigned long, fd, const struct iovec_user __user *, vec, unsigned long, vlen)
{
	return do_rwv(fd, vec, vlen, false, NULL);
}

SYSCALL_DEFINE3(writev, unsigned long, fd, const struct iovec_user __user *, vec, unsigned long, vlen)
{
	return do_rwv(fd, vec, vlen, true, NULL);
}

SYSCALL_DEFINE4(preadv, unsigned long, fd, const struct iovec_user __user *, vec, unsigned long, vlen,
		loff_t, pos)
{
	if (pos < 0)
		return -EINVAL;
	return do_rwv(fd, vec, vlen, false, &pos);
}

SYSCALL_DEFINE4(pwritev, unsigned long, fd, const struct iovec_user __user *, vec, unsigned long, vlen,
		loff_t, pos)
{
	if (pos < 0)
		return -EINVAL;
	return do_rwv(fd, vec, vlen, true, &pos);
}

SYSCALL_DEFINE3(lseek, unsigned int, fd, loff_t, offset, unsigned int, whence)
{
	struct file *f;
	long err;
	loff_t r;

	f = fget_mode(fd, &err);
	if (!f)
		return err;
	r = vfs_llseek(f, offset, (int)whence);
	fput(f);
	return (long)r;
}

/* sendfile(out, in, offset, count) through a kernel page: what busybox's cat and cp use. */
SYSCALL_DEFINE4(sendfile64, int, out_fd, int, in_fd, loff_t __user *, offset, size_t, count)
{
	struct file *in, *out;
	long err, total = 0;
	loff_t pos, opos;
	char *buf;

	in = fget_mode((unsigned int)in_fd, &err);
	if (!in)
		return err;
	out = fget_mode((unsigned int)out_fd, &err);
	if (!out) {
		fput(in);
		return err;
	}
	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE)) {
		err = -EBADF;
		goto out_files;
	}
	if (offset) {
		if (copy_from_user(&pos, offset, sizeof(pos))) {
			err = -EFAULT;
			goto out_files;
		}
		if (pos < 0) {
			err = -EINVAL;
			goto out_files;
		}
	} else {
		pos = in->f_pos;
	}
	buf = kmalloc(PAGE_SIZE);
	if (!buf) {
		err = -ENOMEM;
		goto out_files;
	}
	if (count > (size_t)MAX_RW_COUNT)
		count = (size_t)MAX_RW_COUNT;
	opos = out->f_pos;
	while ((size_t)total < count) {
		size_t n = count - (size_t)total < PAGE_SIZE ? count - (size_t)total : PAGE_SIZE;
		struct iov_iter it;
		ssize_t r, w;

		iov_iter_kvec(&it, buf, n);
		r = vfs_iter_read(in, &it, &pos);
		if (r <= 0) {
			if (r < 0 && !total)
				total = r;
			break;
		}
		iov_iter_kvec(&it, buf, (size_t)r);
		w = vfs_iter_write(out, &it, &opos);
		if (w < 0) {
			if (!total)
				total = w;
			break;
		}
		total += w;
		/* A short read (a terminal line, what a pipe holds) ends the call,
		 * as Linux's splice_direct_to_actor: reading on would block. */
		if (w < r || (size_t)r < n)
			break;
	}
	out->f_pos = opos;
	kfree(buf);
	if (offset) {
		if (copy_to_user(offset, &pos, sizeof(pos)))
			total = total >= 0 ? -EFAULT : total;
	} else {
		in->f_pos = pos;
	}
	err = total;
out_files:
	fput(out);
	fput(in);
	return err;
}

/* ---- stat ---- */

#if __has_include(<asm/stat.h>)
#include <asm/stat.h>           /* the architecture's own layout (x86_64) */
#else
/* The generic layout (asm-generic/stat.h): riscv64 */
struct stat {
	unsigned long st_dev;
	unsigned long st_ino;
	unsigned int st_mode;
	unsigned int st_nlink;
	unsigned int st_uid;
	unsigned int st_gid;
	unsigned long st_rdev;
	unsigned long __pad1;
	long st_size;
	int st_blksize;
	int __pad2;
	long st_blocks;
	long st_atime;
	unsigned long st_atime_nsec;
	long st_mtime;
	unsigned long st_mtime_nsec;
	long st_ctime;
	unsigned long st_ctime_nsec;
	unsigned int st_reserved4, st_reserved5;
};
_Static_assert(sizeof(struct stat) == 128, "generic struct stat");
#endif

static unsigned long encode_dev(dev_t dev)
{
	return new_encode_dev(dev);
}

static long cp_stat(const struct kstat *st, struct stat __user *ubuf)
{
	struct stat s;

	memset(&s, 0, sizeof(s));
	s.st_dev = encode_dev(st->dev);
	s.st_ino = st->ino;
	s.st_nlink = st->nlink;
	s.st_mode = st->mode;
	s.st_uid = st->uid;
	s.st_gid = st->gid;
	s.st_rdev = encode_dev(st->rdev);
	s.st_size = st->size;
	s.st_blksize = (int)st->blksize;
	s.st_blocks = (long)st->blocks;
	s.st_atime = st->atime.tv_sec;
	s.st_atime_nsec = (unsigned long)st->atime.tv_nsec;
	s.st_mtime = st->mtime.tv_sec;
	s.st_mtime_nsec = (unsigned long)st->mtime.tv_nsec;
	s.st_ctime = st->ctime.tv_sec;
	s.st_ctime_nsec = (unsigned long)st->ctime.tv_nsec;
	return copy_to_user(ubuf, &s, sizeof(s)) ? -EFAULT : 0;
}

static long do_fstatat(int dfd, const char __user *filename, struct stat __user *ubuf, int flags)
{
	struct kstat st;
	long err;
	WITH_NAME(name, filename);

	err = vfs_statat(dfd, name, &st, flags);
	kfree(name);
	if (err)
		return err;
	return cp_stat(&st, ubuf);
}

SYSCALL_DEFINE4(newfstatat, int, dfd, const char __user *, filename, struct stat __user *, statbuf,
		int, flag)
{
	return do_fstatat(dfd, filename, statbuf, flag);
}

SYSCALL_DEFINE2(stat, const char __user *, filename, struct stat __user *, statbuf)
{
	return do_fstatat(AT_FDCWD, filename, statbuf, 0);
}

SYSCALL_DEFINE2(lstat, const char __user *, filename, struct stat __user *, statbuf)
{
	return do_fstatat(AT_FDCWD, filename, statbuf, AT_SYMLINK_NOFOLLOW);
}

SYSCALL_DEFINE2(fstat, unsigned int, fd, struct stat __user *, statbuf)
{
	struct file *f = fget(fd);
	struct kstat st;
	long err;

	if (!f)
		return -EBADF;
	err = vfs_fstat(f, &st);
	fput(f);
	if (err)
		return err;
	return cp_stat(&st, statbuf);
}

struct statx_timestamp_user {
	s64 tv_sec;
	u32 tv_nsec;
	s32 __reserved;
};

struct statx_user {
	u32 stx_mask;
	u32 stx_blksize;
	u64 stx_attributes;
	u32 stx_nlink;
	u32 stx_uid;
	u32 stx_gid;
	u16 stx_mode;
	u16 __spare0;
	u64 stx_ino;
	u64 stx_size;
	u64 stx_blocks;
	u64 stx_attributes_mask;
	struct statx_timestamp_user stx_atime, stx_btime, stx_ctime, stx_mtime;
	u32 stx_rdev_major, stx_rdev_minor;
	u32 stx_dev_major, stx_dev_minor;
	u64 stx_mnt_id;
	u32 stx_dio_mem_align, stx_dio_offset_align;
	u64 __spare3[12];
};
_Static_assert(sizeof(struct statx_user) == 256, "struct statx");

#define STATX_BASIC_STATS 0x000007ffU
#define STATX__RESERVED   0x80000000U

SYSCALL_DEFINE5(statx, int, dfd, const char __user *, filename, unsigned int, flags, unsigned int, mask,
		struct statx_user __user *, buffer)
{
	struct statx_user sx;
	struct kstat st;
	long err;
	char *name;

	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	if (mask & STATX__RESERVED)
		return -EINVAL;
	if (flags & ~(unsigned int)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT |
				    AT_STATX_SYNC_TYPE))
		return -EINVAL;
	name = getname(filename);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = vfs_statat(dfd, name, &st, (int)flags);
	kfree(name);
	if (err)
		return err;
	memset(&sx, 0, sizeof(sx));
	sx.stx_mask = STATX_BASIC_STATS;
	sx.stx_blksize = (u32)st.blksize;
	sx.stx_nlink = st.nlink;
	sx.stx_uid = st.uid;
	sx.stx_gid = st.gid;
	sx.stx_mode = (u16)st.mode;
	sx.stx_ino = st.ino;
	sx.stx_size = (u64)st.size;
	sx.stx_blocks = st.blocks;
	sx.stx_atime.tv_sec = st.atime.tv_sec;
	sx.stx_atime.tv_nsec = (u32)st.atime.tv_nsec;
	sx.stx_mtime.tv_sec = st.mtime.tv_sec;
	sx.stx_mtime.tv_nsec = (u32)st.mtime.tv_nsec;
	sx.stx_ctime.tv_sec = st.ctime.tv_sec;
	sx.stx_ctime.tv_nsec = (u32)st.ctime.tv_nsec;
	sx.stx_rdev_major = MAJOR(st.rdev);
	sx.stx_rdev_minor = MINOR(st.rdev);
	sx.stx_dev_major = MAJOR(st.dev);
	sx.stx_dev_minor = MINOR(st.dev);
	return copy_to_user(buffer, &sx, sizeof(sx)) ? -EFAULT : 0;
}

/* ---- directories ---- */

struct getdents_ctx {
	struct dir_context ctx;
	char __user *buf;
	long count;             /* bytes left */
	long written;
	int error;
};

struct dirent64_head {
	u64 d_ino;
	s64 d_off;
	u16 d_reclen;
	u8 d_type;
} __attribute__((packed));

static bool filldir64(struct dir_context *ctx, const char *name, int namelen, loff_t pos, u64 ino,
		      unsigned int d_type)
{
	struct getdents_ctx *g = container_of(ctx, struct getdents_ctx, ctx);
	unsigned int reclen = (unsigned int)ALIGN_UP(19 + namelen + 1, 8);
	char rec[19 + NAME_MAX + 1 + 8];
	struct dirent64_head h;

	if ((long)reclen > g->count) {
		if (!g->written)
			g->error = -EINVAL;
		return false;
	}
	memset(rec, 0, reclen);
	h.d_ino = ino;
	h.d_off = pos + 1;
	h.d_reclen = (u16)reclen;
	h.d_type = (u8)d_type;
	memcpy(rec, &h, 19);
	memcpy(rec + 19, name, (size_t)namelen);
	if (copy_to_user(g->buf, rec, reclen)) {
		g->error = -EFAULT;
		return false;
	}
	g->buf += reclen;
	g->count -= reclen;
	g->written += reclen;
	return true;
}

SYSCALL_DEFINE3(getdents64, unsigned int, fd, void __user *, dirent, unsigned int, count)
{
	struct getdents_ctx g = { .ctx.actor = filldir64, .buf = dirent, .count = count };
	struct file *f;
	long err;

	f = fget_mode(fd, &err);
	if (!f)
		return err;
	err = vfs_iterate_dir(f, &g.ctx);
	fput(f);
	if (err)
		return err;
	if (g.error && !g.written)
		return g.error;
	return g.written;
}

SYSCALL_DEFINE3(mkdirat, int, dfd, const char __user *, pathname, umode_t, mode)
{
	long err;
	WITH_NAME(name, pathname);

	err = vfs_mkdirat(dfd, name, mode);
	kfree(name);
	return err;
}

SYSCALL_DEFINE2(mkdir, const char __user *, pathname, umode_t, mode)
{
	return __do_sys_mkdirat(AT_FDCWD, pathname, mode);
}

SYSCALL_DEFINE4(mknodat, int, dfd, const char __user *, filename, umode_t, mode, unsigned int, dev)
{
	long err;
	WITH_NAME(name, filename);

	err = vfs_mknodat(dfd, name, mode, new_decode_dev(dev));      /* the user's encoding */
	kfree(name);
	return err;
}

SYSCALL_DEFINE3(mknod, const char __user *, filename, umode_t, mode, unsigned int, dev)
{
	return __do_sys_mknodat(AT_FDCWD, filename, mode, dev);
}

SYSCALL_DEFINE3(unlinkat, int, dfd, const char __user *, pathname, int, flag)
{
	long err;
	WITH_NAME(name, pathname);

	err = vfs_unlinkat(dfd, name, flag);
	kfree(name);
	return err;
}

SYSCALL_DEFINE1(unlink, const char __user *, pathname)
{
	return __do_sys_unlinkat(AT_FDCWD, pathname, 0);
}

SYSCALL_DEFINE1(rmdir, const char __user *, pathname)
{
	return __do_sys_unlinkat(AT_FDCWD, pathname, AT_REMOVEDIR);
}

/* Both names of a two-path call, copied in; -errno (and neither kept) on a bad one. */
static long getname_pair(const char __user *oldname, const char __user *newname,
			 char **o, char **n)
{
	*o = getname(oldname);
	if (IS_ERR(*o))
		return PTR_ERR(*o);
	*n = getname(newname);
	if (IS_ERR(*n)) {
		kfree(*o);
		return PTR_ERR(*n);
	}
	return 0;
}

SYSCALL_DEFINE5(renameat2, int, olddfd, const char __user *, oldname, int, newdfd,
		const char __user *, newname, unsigned int, flags)
{
	char *o, *n;
	long err;

	err = getname_pair(oldname, newname, &o, &n);
	if (err)
		return err;
	err = vfs_renameat2(olddfd, o, newdfd, n, flags);
	kfree(n);
	kfree(o);
	return err;
}

SYSCALL_DEFINE4(renameat, int, olddfd, const char __user *, oldname, int, newdfd,
		const char __user *, newname)
{
	return __do_sys_renameat2(olddfd, oldname, newdfd, newname, 0);
}

SYSCALL_DEFINE2(rename, const char __user *, oldname, const char __user *, newname)
{
	return __do_sys_renameat2(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

SYSCALL_DEFINE3(symlinkat, const char __user *, oldname, int, newdfd, const char __user *, newname)
{
	char *o, *n;
	long err;

	err = getname_pair(oldname, newname, &o, &n);
	if (err)
		return err;
	err = vfs_symlinkat(o, newdfd, n);
	kfree(n);
	kfree(o);
	return err;
}

SYSCALL_DEFINE2(symlink, const char __user *, oldname, const char __user *, newname)
{
	return __do_sys_symlinkat(oldname, AT_FDCWD, newname);
}

SYSCALL_DEFINE5(linkat, int, olddfd, const char __user *, oldname, int, newdfd,
		const char __user *, newname, int, flags)
{
	char *o, *n;
	long err;

	err = getname_pair(oldname, newname, &o, &n);
	if (err)
		return err;
	err = vfs_linkat(olddfd, o, newdfd, n, flags);
	kfree(n);
	kfree(o);
	return err;
}

SYSCALL_DEFINE2(link, const char __user *, oldname, const char __user *, newname)
{
	return __do_sys_linkat(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

SYSCALL_DEFINE4(readlinkat, int, dfd, const char __user *, pathname, char __user *, buf, int, bufsiz)
{
	char *kbuf;
	long err;
	WITH_NAME(name, pathname);

	if (bufsiz <= 0) {
		kfree(name);
		return -EINVAL;
	}
	if (bufsiz > PATH_MAX)
		bufsiz = PATH_MAX;
	kbuf = kmalloc((size_t)bufsiz);
	if (!kbuf) {
		kfree(name);
		return -ENOMEM;
	}
	err = vfs_readlinkat(dfd, name, kbuf, bufsiz);
	if (err > 0 && copy_to_user(buf, kbuf, (unsigned long)err))
		err = -EFAULT;
	kfree(kbuf);
	kfree(name);
	return err;
}

SYSCALL_DEFINE3(readlink, const char __user *, path, char __user *, buf, int, bufsiz)
{
	return __do_sys_readlinkat(AT_FDCWD, path, buf, bufsiz);
}

/* ---- attributes ---- */

SYSCALL_DEFINE3(fchmodat, int, dfd, const char __user *, filename, umode_t, mode)
{
	long err;
	WITH_NAME(name, filename);

	err = vfs_fchmodat(dfd, name, mode, 0);
	kfree(name);
	return err;
}

SYSCALL_DEFINE2(chmod, const char __user *, filename, umode_t, mode)
{
	return __do_sys_fchmodat(AT_FDCWD, filename, mode);
}

static struct file *fget_any(unsigned int fd)
{
	return fget(fd);
}

SYSCALL_DEFINE2(fchmod, unsigned int, fd, umode_t, mode)
{
	struct file *f = fget_any(fd);
	struct iattr a = { .ia_valid = ATTR_MODE, .ia_mode = mode & S_IALLUGO };
	long err;

	if (!f || (f->f_flags & O_PATH) || !f->f_path.dentry) {
		if (f)
			fput(f);
		return -EBADF;
	}
	err = vfs_setattr(f->f_path.dentry, &a);
	fput(f);
	return err;
}

int vfs_fchownat(int dfd, const char *name, unsigned int uid, unsigned int gid, int flags);

SYSCALL_DEFINE5(fchownat, int, dfd, const char __user *, filename, unsigned int, user,
		unsigned int, group, int, flag)
{
	long err;
	WITH_NAME(name, filename);

	err = vfs_fchownat(dfd, name, user, group, flag);
	kfree(name);
	return err;
}

SYSCALL_DEFINE3(chown, const char __user *, filename, unsigned int, user, unsigned int, group)
{
	return __do_sys_fchownat(AT_FDCWD, filename, user, group, 0);
}

SYSCALL_DEFINE3(lchown, const char __user *, filename, unsigned int, user, unsigned int, group)
{
	return __do_sys_fchownat(AT_FDCWD, filename, user, group, AT_SYMLINK_NOFOLLOW);
}

SYSCALL_DEFINE3(fchown, unsigned int, fd, unsigned int, user, unsigned int, group)
{
	struct file *f = fget_any(fd);
	struct iattr a = { .ia_valid = 0 };
	long err = 0;

	if (!f || (f->f_flags & O_PATH) || !f->f_path.dentry) {
		if (f)
			fput(f);
		return -EBADF;
	}
	if (user != (unsigned int)-1) {
		a.ia_valid |= ATTR_UID;
		a.ia_uid = user;
	}
	if (group != (unsigned int)-1) {
		a.ia_valid |= ATTR_GID;
		a.ia_gid = group;
	}
	if (a.ia_valid)
		err = vfs_setattr(f->f_path.dentry, &a);
	fput(f);
	return err;
}

struct timespec_user {
	long tv_sec;
	long tv_nsec;
};

SYSCALL_DEFINE4(utimensat, int, dfd, const char __user *, filename, struct timespec_user __user *, utimes,
		int, flags)
{
	struct timespec_user ut[2];
	struct timespec64 ts[2];
	char *name = NULL;
	long err;

	if (utimes) {
		if (copy_from_user(ut, utimes, sizeof(ut)))
			return -EFAULT;
		ts[0].tv_sec = ut[0].tv_sec;
		ts[0].tv_nsec = ut[0].tv_nsec;
		ts[1].tv_sec = ut[1].tv_sec;
		ts[1].tv_nsec = ut[1].tv_nsec;
	}
	if (filename) {
		name = getname(filename);
		if (IS_ERR(name))
			return PTR_ERR(name);
	} else if (flags & AT_SYMLINK_NOFOLLOW) {
		return -EINVAL;
	}
	err = vfs_utimensat(dfd, name, utimes ? ts : NULL, flags);
	kfree(name);
	return err;
}

static long do_faccessat(int dfd, const char __user *filename, int mode, int flags)
{
	long err;
	WITH_NAME(name, filename);

	err = vfs_faccessat(dfd, name, mode, flags);
	kfree(name);
	return err;
}

SYSCALL_DEFINE3(faccessat, int, dfd, const char __user *, filename, int, mode)
{
	return do_faccessat(dfd, filename, mode, 0);
}

SYSCALL_DEFINE4(faccessat2, int, dfd, const char __user *, filename, int, mode, int, flags)
{
	return do_faccessat(dfd, filename, mode, flags);
}

SYSCALL_DEFINE2(access, const char __user *, filename, int, mode)
{
	return do_faccessat(AT_FDCWD, filename, mode, 0);
}

/* ---- cwd, root, umask ---- */

SYSCALL_DEFINE1(chdir, const char __user *, filename)
{
	long err;
	WITH_NAME(name, filename);

	err = vfs_chdir(name);
	kfree(name);
	return err;
}

int vfs_fchdir_path(const struct path *p);

SYSCALL_DEFINE1(fchdir, unsigned int, fd)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = f->f_path.dentry ? vfs_fchdir_path(&f->f_path) : -ENOTDIR;
	fput(f);
	return err;
}

SYSCALL_DEFINE1(chroot, const char __user *, filename)
{
	long err;
	WITH_NAME(name, filename);

	err = vfs_chroot(name);
	kfree(name);
	return err;
}

SYSCALL_DEFINE2(getcwd, char __user *, buf, unsigned long, size)
{
	struct fs_struct *fs = vfs_task_fs();
	struct path pwd;
	char *page, *s;
	long len;

	page = kmalloc(PATH_MAX);
	if (!page)
		return -ENOMEM;
	if (fs) {
		spin_lock(&fs->lock);
		pwd = fs->pwd;
		path_get(&pwd);
		spin_unlock(&fs->lock);
	} else {
		pwd = init_root;
		path_get(&pwd);
	}
	if (pwd.dentry->d_parent != pwd.dentry && !(pwd.dentry->d_flags & DCACHE_HASHED)) {
		len = -ENOENT;          /* the cwd was removed */
		goto out;
	}
	s = d_path(&pwd, page, PATH_MAX);
	if (IS_ERR(s)) {
		len = PTR_ERR(s);
		goto out;
	}
	len = (long)strlen(s) + 1;
	if ((unsigned long)len > size)
		len = -ERANGE;
	else if (copy_to_user(buf, s, (unsigned long)len))
		len = -EFAULT;
out:
	path_put(&pwd);
	kfree(page);
	return len;
}

SYSCALL_DEFINE1(umask, int, mask)
{
	struct fs_struct *fs = vfs_task_fs();
	int old;

	if (!fs)
		return 022;
	old = fs->umask;
	fs->umask = mask & 0777;
	return old;
}

/* ---- descriptors ---- */

SYSCALL_DEFINE1(dup, unsigned int, fildes)
{
	return vfs_fd_dupfd(vfs_task_files(), fildes, 0, 0);
}

SYSCALL_DEFINE3(dup3, unsigned int, oldfd, unsigned int, newfd, int, flags)
{
	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	return vfs_fd_dup(vfs_task_files(), oldfd, newfd, flags);
}

SYSCALL_DEFINE2(dup2, unsigned int, oldfd, unsigned int, newfd)
{
	if (oldfd == newfd) {
		struct file *f = fget(oldfd);

		if (!f)
			return -EBADF;
		fput(f);
		return newfd;
	}
	return vfs_fd_dup(vfs_task_files(), oldfd, newfd, 0);
}

struct flock_user {
	short l_type;
	short l_whence;
	long l_start;
	long l_len;
	int l_pid;
};
#define F_UNLCK 2

SYSCALL_DEFINE3(fcntl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	long r = vfs_fd_fcntl(fd, cmd, arg);

	if (cmd == F_GETLK && r == 1) {
		struct flock_user fl;

		if (copy_from_user(&fl, (void __user *)arg, sizeof(fl)))
			return -EFAULT;
		fl.l_type = F_UNLCK;
		return copy_to_user((void __user *)arg, &fl, sizeof(fl)) ? -EFAULT : 0;
	}
	return r;
}

SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *f;
	long err;
	int on;

	f = fget_mode(fd, &err);
	if (!f)
		return err;
	switch (cmd) {
	case FIOCLEX:
		err = vfs_fd_set_cloexec(fd, true);
		break;
	case FIONCLEX:
		err = vfs_fd_set_cloexec(fd, false);
		break;
	case FIONBIO:
		if (copy_from_user(&on, (void __user *)arg, sizeof(on))) {
			err = -EFAULT;
			break;
		}
		if (on)
			f->f_flags |= O_NONBLOCK;
		else
			f->f_flags &= ~(unsigned int)O_NONBLOCK;
		err = 0;
		break;
	case FIOASYNC:
		err = 0;
		break;
	default:
		if (S_ISREG(file_inode(f)->i_mode) && cmd == FIONREAD) {
			loff_t left = file_inode(f)->i_size - f->f_pos;

			on = left > 0x7fffffff ? 0x7fffffff : left < 0 ? 0 : (int)left;
			err = copy_to_user((void __user *)arg, &on, sizeof(on)) ? -EFAULT : 0;
		} else if (f->f_op->unlocked_ioctl) {
			err = f->f_op->unlocked_ioctl(f, cmd, arg);
		} else {
			err = -ENOTTY;
		}
		break;
	}
	fput(f);
	return err;
}

/* ---- truncate, sync, statfs ---- */

SYSCALL_DEFINE2(truncate, const char __user *, path, long, length)
{
	struct path p;
	long err;
	WITH_NAME(name, path);

	err = vfs_path_lookupat(AT_FDCWD, name, LOOKUP_FOLLOW, &p);
	kfree(name);
	if (err)
		return err;
	err = vfs_truncate(&p, length);
	path_put(&p);
	return err;
}

SYSCALL_DEFINE2(ftruncate, unsigned int, fd, unsigned long, length)
{
	struct file *f;
	long err;

	f = fget_mode(fd, &err);
	if (!f)
		return err;
	err = vfs_ftruncate(f, (loff_t)length);
	fput(f);
	return err;
}

SYSCALL_DEFINE0(sync)
{
	return 0;       /* every file system here lives in memory */
}

static long do_fsync(unsigned int fd, int datasync)
{
	struct file *f;
	long err;

	f = fget_mode(fd, &err);
	if (!f)
		return err;
	if (f->f_op->fsync)
		err = f->f_op->fsync(f, datasync);
	else
		err = -EINVAL;
	fput(f);
	return err;
}

SYSCALL_DEFINE1(fsync, unsigned int, fd)
{
	return do_fsync(fd, 0);
}

SYSCALL_DEFINE1(fdatasync, unsigned int, fd)
{
	return do_fsync(fd, 1);
}

SYSCALL_DEFINE1(syncfs, int, fd)
{
	struct file *f = fget((unsigned int)fd);

	if (!f)
		return -EBADF;
	fput(f);
	return 0;
}

struct statfs_user {
	long f_type;
	long f_bsize;
	long f_blocks;
	long f_bfree;
	long f_bavail;
	long f_files;
	long f_ffree;
	int f_fsid[2];
	long f_namelen;
	long f_frsize;
	long f_flags;
	long f_spare[4];
};
_Static_assert(sizeof(struct statfs_user) == 120, "struct statfs");

static long do_statfs(const struct path *p, struct statfs_user __user *buf)
{
	struct super_block *sb = p->dentry->d_sb;
	struct kstatfs st;
	struct statfs_user u;
	long err = 0;

	memset(&st, 0, sizeof(st));
	st.f_type = (long)sb->s_magic;
	st.f_bsize = (long)sb->s_blocksize;
	st.f_namelen = NAME_MAX;
	st.f_frsize = (long)sb->s_blocksize;
	if (sb->s_op && sb->s_op->statfs)
		err = sb->s_op->statfs(p->dentry, &st);
	if (err)
		return err;
	memset(&u, 0, sizeof(u));
	u.f_type = st.f_type;
	u.f_bsize = st.f_bsize;
	u.f_blocks = (long)st.f_blocks;
	u.f_bfree = (long)st.f_bfree;
	u.f_bavail = (long)st.f_bavail;
	u.f_files = (long)st.f_files;
	u.f_ffree = (long)st.f_ffree;
	u.f_fsid[0] = (int)sb->s_dev;
	u.f_namelen = st.f_namelen;
	u.f_frsize = st.f_frsize;
	u.f_flags = st.f_flags;
	return copy_to_user(buf, &u, sizeof(u)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(statfs, const char __user *, pathname, struct statfs_user __user *, buf)
{
	struct path p;
	long err;
	WITH_NAME(name, pathname);

	err = vfs_path_lookupat(AT_FDCWD, name, LOOKUP_FOLLOW, &p);
	kfree(name);
	if (err)
		return err;
	err = do_statfs(&p, buf);
	path_put(&p);
	return err;
}

SYSCALL_DEFINE2(fstatfs, unsigned int, fd, struct statfs_user __user *, buf)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = f->f_path.dentry ? do_statfs(&f->f_path, buf) : -EINVAL;
	fput(f);
	return err;
}

/* ---- mount ---- */

SYSCALL_DEFINE5(mount, char __user *, dev_name, char __user *, dir_name, char __user *, type,
		unsigned long, flags, void __user *, data)
{
	char *dev = NULL, *dir, *t = NULL;
	long err;

	(void)data;
	dir = getname(dir_name);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	if (dev_name) {
		dev = getname(dev_name);
		if (IS_ERR(dev)) {
			kfree(dir);
			return PTR_ERR(dev);
		}
	}
	if (type && !(flags & (MS_BIND | MS_REMOUNT | MS_MOVE))) {
		t = getname(type);
		if (IS_ERR(t)) {
			kfree(dev);
			kfree(dir);
			return PTR_ERR(t);
		}
	}
	if (flags & MS_MOVE)
		err = -EINVAL;
	else if ((flags & MS_BIND) && !dev)
		err = -EFAULT;
	else
		err = do_mount(dev, dir, t, flags, NULL);
	kfree(t);
	kfree(dev);
	kfree(dir);
	return err;
}

SYSCALL_DEFINE2(umount2, char __user *, name, int, flags)
{
	long err;
	WITH_NAME(kname, name);

	err = init_umount(kname, flags);
	kfree(kname);
	return err;
}

/* ---- poll, select ---- */

struct pollfd_user {
	int fd;
	short events;
	short revents;
};

#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

struct poll_entry {
	struct wait_queue_entry wait;
	wait_queue_head_t *wq;
};

struct poll_wqueues {
	poll_table pt;
	struct poll_entry *entries;
	int n, max;
};

static void poll_queue_proc(struct file *file, wait_queue_head_t *wq, poll_table *pt)
{
#ifdef HAVE_SCHED
	struct poll_wqueues *p = container_of(pt, struct poll_wqueues, pt);
	struct poll_entry *e;

	(void)file;
	if (p->n >= p->max)
		return;
	e = &p->entries[p->n++];
	e->wq = wq;
	e->wait.flags = 0;
	e->wait.task = current;
	INIT_LIST_HEAD(&e->wait.entry);
	prepare_to_wait(wq, &e->wait, TASK_INTERRUPTIBLE);
#else
	(void)file;
	(void)wq;
	(void)pt;
#endif
}

static short poll_one(struct pollfd_user *pfd, poll_table *pt)
{
	struct file *f;
	__poll_t mask;

	if (pfd->fd < 0)
		return 0;
	f = fget((unsigned int)pfd->fd);
	if (!f)
		return POLLNVAL;
	mask = f->f_op->poll ? f->f_op->poll(f, pt) : DEFAULT_POLLMASK;
	fput(f);
	return (short)(mask & ((unsigned int)(unsigned short)pfd->events | POLLERR | POLLHUP));
}

#ifdef HAVE_TIME
struct poll_timer {
	struct timer_list timer;
	struct task_struct *task;
	volatile bool expired;
};

static void poll_timeout_fn(struct timer_list *t)
{
	struct poll_timer *pt = container_of(t, struct poll_timer, timer);

	pt->expired = true;
	wake_up_process(pt->task);
}
#endif

static bool vfs_signal_pending(void)
{
	return current && (current->ti_flags & (1UL << TIF_SIGPENDING));
}

/* Poll @n descriptors; @timeout_ns < 0: no limit. Returns how many have events, or -errno. */
static long do_poll(struct pollfd_user *fds, unsigned int n, s64 timeout_ns)
{
	struct poll_wqueues pw = { .n = 0 };
	poll_table *pt = &pw.pt;
	long count = 0;
	unsigned int i;
#ifdef HAVE_TIME
	struct poll_timer tmo = { .expired = false };
	bool timer_on = false;
#endif

	pw.pt.qproc = poll_queue_proc;
	pw.max = (int)(2 * n + 4);
	pw.entries = kzalloc((size_t)pw.max * sizeof(*pw.entries));
	if (!pw.entries)
		return -ENOMEM;
#ifdef HAVE_TIME
	if (timeout_ns > 0) {
		u64 hz = tick_hz();
		u64 ticks = ((u64)timeout_ns * hz + 999999999ULL) / 1000000000ULL + 1;

		tmo.task = current;
		timer_setup(&tmo.timer, poll_timeout_fn, 0);
		mod_timer(&tmo.timer, jiffies + (unsigned long)ticks);
		timer_on = true;
	}
#endif
	for (;;) {
#ifdef HAVE_SCHED
		set_current_state(TASK_INTERRUPTIBLE);
#endif
		count = 0;
		for (i = 0; i < n; i++) {
			fds[i].revents = poll_one(&fds[i], pt);
			if (fds[i].revents)
				count++;
		}
		pt = NULL;
		if (count || timeout_ns == 0)
			break;
#ifdef HAVE_TIME
		if (tmo.expired)
			break;
#endif
		if (vfs_signal_pending()) {
			count = -EINTR;
			break;
		}
#ifdef HAVE_SCHED
		schedule();
#else
		break;
#endif
	}
#ifdef HAVE_SCHED
	__set_current_state(TASK_RUNNING);
	for (i = 0; i < (unsigned int)pw.n; i++)
		finish_wait(pw.entries[i].wq, &pw.entries[i].wait);
#endif
#ifdef HAVE_TIME
	if (timer_on)
		del_timer(&tmo.timer);
#endif
	kfree(pw.entries);
	return count;
}

static long poll_user(struct pollfd_user __user *ufds, unsigned int nfds, s64 timeout_ns)
{
	struct pollfd_user *fds;
	long r;

	if (nfds > NR_OPEN_MAX)
		return -EINVAL;
	fds = kmalloc((nfds ? nfds : 1) * sizeof(*fds));
	if (!fds)
		return -ENOMEM;
	if (nfds && copy_from_user(fds, ufds, nfds * sizeof(*fds))) {
		kfree(fds);
		return -EFAULT;
	}
	r = do_poll(fds, nfds, timeout_ns);
	if (r >= 0) {
		unsigned int i;

		for (i = 0; i < nfds; i++)
			if (copy_to_user(&ufds[i].revents, &fds[i].revents, sizeof(short))) {
				r = -EFAULT;
				break;
			}
	}
	kfree(fds);
	return r;
}

SYSCALL_DEFINE3(poll, struct pollfd_user __user *, ufds, unsigned int, nfds, int, timeout_msecs)
{
	return poll_user(ufds, nfds, timeout_msecs < 0 ? -1 : (s64)timeout_msecs * 1000000);
}

static long timespec_to_ns(const struct timespec_user __user *uts, s64 *ns)
{
	struct timespec_user ts;

	if (!uts) {
		*ns = -1;
		return 0;
	}
	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
		return -EINVAL;
	*ns = ts.tv_sec > 9000000000L ? 0x7fffffffffffffffLL : ts.tv_sec * 1000000000LL + ts.tv_nsec;
	return 0;
}

/* The signal mask argument is accepted and not applied (no signals are delivered during the wait). */
SYSCALL_DEFINE5(ppoll, struct pollfd_user __user *, ufds, unsigned int, nfds,
		struct timespec_user __user *, tsp, const void __user *, sigmask, size_t, sigsetsize)
{
	s64 ns;
	long err;

	(void)sigmask;
	if (sigmask && sigsetsize != 8)
		return -EINVAL;
	err = timespec_to_ns(tsp, &ns);
	if (err)
		return err;
	return poll_user(ufds, nfds, ns);
}

static long do_select(int n, unsigned long __user *inp, unsigned long __user *outp,
		      unsigned long __user *exp, s64 ns)
{
	unsigned long *sets;
	size_t words, bytes;
	struct pollfd_user *fds;
	unsigned int nfds = 0, i, k;
	long r;

	if (n < 0 || n > NR_OPEN_MAX)
		return -EINVAL;
	words = ((size_t)n + 63) / 64;
	bytes = words * sizeof(unsigned long);
	sets = kzalloc(3 * bytes + 8);
	fds = kmalloc(((size_t)n + 1) * sizeof(*fds));
	if (!sets || !fds) {
		kfree(sets);
		kfree(fds);
		return -ENOMEM;
	}
	if ((inp && copy_from_user(sets, inp, bytes)) ||
	    (outp && copy_from_user(sets + words, outp, bytes)) ||
	    (exp && copy_from_user(sets + 2 * words, exp, bytes))) {
		r = -EFAULT;
		goto out;
	}
	for (i = 0; i < (unsigned int)n; i++) {
		short ev = 0;

		if ((sets[i / 64] >> (i % 64)) & 1)
			ev |= POLLIN | POLLRDNORM | POLLHUP | POLLERR;
		if ((sets[words + i / 64] >> (i % 64)) & 1)
			ev |= POLLOUT | POLLWRNORM | POLLERR;
		if ((sets[2 * words + i / 64] >> (i % 64)) & 1)
			ev |= POLLPRI;
		if (!ev)
			continue;
		fds[nfds].fd = (int)i;
		fds[nfds].events = ev;
		nfds++;
	}
	r = do_poll(fds, nfds, ns);
	if (r < 0)
		goto out;
	for (k = 0; k < nfds; k++)
		if (fds[k].revents & POLLNVAL) {
			r = -EBADF;
			goto out;
		}
	memset(sets, 0, 3 * bytes);
	r = 0;
	for (k = 0; k < nfds; k++) {
		unsigned int fd = (unsigned int)fds[k].fd;
		short rev = fds[k].revents;

		if (rev & (POLLIN | POLLRDNORM | POLLHUP | POLLERR) & fds[k].events &&
		    (fds[k].events & POLLIN)) {
			sets[fd / 64] |= 1UL << (fd % 64);
			r++;
		}
		if (rev & (POLLOUT | POLLWRNORM | POLLERR) && (fds[k].events & POLLOUT)) {
			sets[words + fd / 64] |= 1UL << (fd % 64);
			r++;
		}
		if ((rev & POLLPRI) && (fds[k].events & POLLPRI)) {
			sets[2 * words + fd / 64] |= 1UL << (fd % 64);
			r++;
		}
	}
	if ((inp && copy_to_user(inp, sets, bytes)) ||
	    (outp && copy_to_user(outp, sets + words, bytes)) ||
	    (exp && copy_to_user(exp, sets + 2 * words, bytes)))
		r = -EFAULT;
out:
	kfree(sets);
	kfree(fds);
	return r;
}

SYSCALL_DEFINE6(pselect6, int, n, unsigned long __user *, inp, unsigned long __user *, outp,
		unsigned long __user *, exp, struct timespec_user __user *, tsp, void __user *, sig)
{
	s64 ns;
	long err = timespec_to_ns(tsp, &ns);

	(void)sig;
	if (err)
		return err;
	return do_select(n, inp, outp, exp, ns);
}

struct timeval_user {
	long tv_sec;
	long tv_usec;
};

SYSCALL_DEFINE5(select, int, n, unsigned long __user *, inp, unsigned long __user *, outp,
		unsigned long __user *, exp, struct timeval_user __user *, tvp)
{
	struct timeval_user tv;
	s64 ns = -1;

	if (tvp) {
		if (copy_from_user(&tv, tvp, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0)
			return -EINVAL;
		ns = tv.tv_sec * 1000000000LL + tv.tv_usec * 1000LL;
	}
	return do_select(n, inp, outp, exp, ns);
}
