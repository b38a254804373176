// SPDX-License-Identifier: Apache-2.0
/*
 * The VFS's system calls as a process makes them: the test thread gets an
 * address space (mm_alloc + an anonymous mapping, activated), a descriptor
 * table and an fs_struct, and calls the sys_* entry points with user
 * addresses, so every name, buffer and structure crosses through uaccess
 * (page faults included) and the errno values are Linux's: EFAULT for bad
 * pointers, EBADF, ERANGE, ENOTDIR... A private file mapping is read
 * through the page-fault path (the mm's file fault calls ramfs's
 * filemap_fault).
 */
#include <interfaces/kmalloc.h>
#include <interfaces/ktest.h>
#include <interfaces/lib.h>
#include <interfaces/mm.h>
#include <interfaces/mmu.h>
#include <interfaces/uaccess.h>
#include <interfaces/vfs.h>
#include <tessera/errno.h>
#include <tessera/fs.h>
#include <tessera/ktest.h>
#include <tessera/mm.h>
#include <tessera/page.h>
#include <tessera/percpu.h>
#include <tessera/sched.h>
#include <tessera/syscalls.h>

long sys_openat(SYSCALL_ARGS);
long sys_close(SYSCALL_ARGS);
long sys_read(SYSCALL_ARGS);
long sys_write(SYSCALL_ARGS);
long sys_pread64(SYSCALL_ARGS);
long sys_readv(SYSCALL_ARGS);
long sys_writev(SYSCALL_ARGS);
long sys_lseek(SYSCALL_ARGS);
long sys_newfstatat(SYSCALL_ARGS);
long sys_fstat(SYSCALL_ARGS);
long sys_statx(SYSCALL_ARGS);
long sys_getdents64(SYSCALL_ARGS);
long sys_mkdirat(SYSCALL_ARGS);
long sys_unlinkat(SYSCALL_ARGS);
long sys_renameat2(SYSCALL_ARGS);
long sys_symlinkat(SYSCALL_ARGS);
long sys_readlinkat(SYSCALL_ARGS);
long sys_chdir(SYSCALL_ARGS);
long sys_getcwd(SYSCALL_ARGS);
long sys_umask(SYSCALL_ARGS);
long sys_dup(SYSCALL_ARGS);
long sys_dup3(SYSCALL_ARGS);
long sys_fcntl(SYSCALL_ARGS);
long sys_ioctl(SYSCALL_ARGS);
long sys_ftruncate(SYSCALL_ARGS);
long sys_faccessat(SYSCALL_ARGS);
long sys_ppoll(SYSCALL_ARGS);
long sys_fstatfs(SYSCALL_ARGS);

#define UBASE  0x40000000UL
#define UPAGES 8
#define UNMAPPED (UBASE + 64 * PAGE_SIZE)

struct uenv {
	struct mm_struct *mm, *saved_mm, *saved_active;
	struct files_struct *saved_files;
	struct fs_struct *saved_fs;
	unsigned long top;              /* next free user byte */
};

static bool uenv_begin(struct ktest *t, struct uenv *u)
{
	struct task_struct *tsk = current;
	unsigned long a;

	memset(u, 0, sizeof(*u));
	u->mm = mm_alloc();
	KTEST_EXPECT(t, u->mm != NULL);
	if (!u->mm)
		return false;
	mmap_write_lock(u->mm);
	a = do_mmap(u->mm, NULL, UBASE, UPAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
	mmap_write_unlock(u->mm);
	KTEST_EXPECT_EQ(t, a, UBASE);
	u->top = UBASE;
	u->saved_mm = tsk->mm;
	u->saved_active = tsk->active_mm;
	u->saved_files = tsk->files;
	u->saved_fs = tsk->fs;
	tsk->files = alloc_files_struct();
	tsk->fs = alloc_fs_struct();
	tsk->mm = u->mm;
	tsk->active_mm = u->mm;
	pgtable_activate(u->mm->pgd);
	return tsk->files && tsk->fs && a == UBASE;
}

static void uenv_end(struct uenv *u)
{
	struct task_struct *tsk = current;

	if (!u->mm)
		return;
	pgtable_activate(u->saved_active ? u->saved_active->pgd : pgtable_kernel());
	tsk->mm = u->saved_mm;
	tsk->active_mm = u->saved_active;
	put_files_struct(tsk->files);
	put_fs_struct(tsk->fs);
	tsk->files = u->saved_files;
	tsk->fs = u->saved_fs;
	mmput(u->mm);
}

/* Copy @len bytes into fresh user memory; its user address. */
static unsigned long uput(struct uenv *u, const void *data, size_t len)
{
	unsigned long a = u->top;

	u->top = ALIGN_UP(u->top + len, 16);
	if (copy_to_user((void __user *)a, data, len))
		return 0;
	return a;
}

static unsigned long ustr(struct uenv *u, const char *s)
{
	return uput(u, s, strlen(s) + 1);
}

static unsigned long ubuf(struct uenv *u, size_t len)
{
	unsigned long a = u->top;

	u->top = ALIGN_UP(u->top + len, 16);
	return a;
}

#define A(x) ((unsigned long)(x))
static long call6(long (*fn)(SYSCALL_ARGS), unsigned long a, unsigned long b, unsigned long c,
		  unsigned long d, unsigned long e, unsigned long f)
{
	return fn(a, b, c, d, e, f);
}
#define CALL(fn, ...) call_n(fn, __VA_ARGS__, 0, 0, 0, 0, 0, 0)
#define call_n(fn, a, b, c, d, e, f, ...) call6(fn, A(a), A(b), A(c), A(d), A(e), A(f))

/* open, write, read back, pread, readv/writev, lseek, close; the errors on bad descriptors. */
static void user_read_write(struct ktest *t)
{
	struct uenv u;
	unsigned long path, data, rd, iov;
	char back[32];
	long fd;
	struct { unsigned long base; size_t len; } vec[2];

	if (!uenv_begin(t, &u))
		goto out;
	KTEST_EXPECT_EQ(t, CALL(sys_mkdirat, AT_FDCWD, ustr(&u, "/vu"), 0755), 0);
	path = ustr(&u, "/vu/f");
	data = ustr(&u, "hello, user");
	rd = ubuf(&u, 64);
	fd = CALL(sys_openat, AT_FDCWD, path, O_CREAT | O_RDWR | O_EXCL, 0644);
	KTEST_EXPECT_EQ(t, fd, 0);              /* the lowest free descriptor */
	KTEST_EXPECT_EQ(t, CALL(sys_openat, AT_FDCWD, path, O_CREAT | O_RDWR | O_EXCL, 0644), -EEXIST);
	KTEST_EXPECT_EQ(t, CALL(sys_write, fd, data, 11), 11);
	KTEST_EXPECT_EQ(t, CALL(sys_lseek, fd, 0, SEEK_CUR), 11);
	KTEST_EXPECT_EQ(t, CALL(sys_lseek, fd, 0, SEEK_SET), 0);
	KTEST_EXPECT_EQ(t, CALL(sys_read, fd, rd, 64), 11);
	KTEST_EXPECT_EQ(t, copy_from_user(back, (const void __user *)rd, 11), 0);
	KTEST_EXPECT(t, memcmp(back, "hello, user", 11) == 0);
	KTEST_EXPECT_EQ(t, CALL(sys_read, fd, rd, 64), 0);              /* EOF */
	KTEST_EXPECT_EQ(t, CALL(sys_pread64, fd, rd, 4, 7), 4);
	KTEST_EXPECT_EQ(t, copy_from_user(back, (const void __user *)rd, 4), 0);
	KTEST_EXPECT(t, memcmp(back, "user", 4) == 0);
	KTEST_EXPECT_EQ(t, CALL(sys_pread64, fd, rd, 4, -1), -EINVAL);
	/* writev of two pieces, readv back */
	vec[0].base = ustr(&u, "AB");
	vec[0].len = 2;
	vec[1].base = ustr(&u, "CDE");
	vec[1].len = 3;
	iov = uput(&u, vec, sizeof(vec));
	KTEST_EXPECT_EQ(t, CALL(sys_lseek, fd, 0, SEEK_SET), 0);
	KTEST_EXPECT_EQ(t, CALL(sys_writev, fd, iov, 2), 5);
	KTEST_EXPECT_EQ(t, CALL(sys_lseek, fd, 0, SEEK_SET), 0);
	vec[0].base = rd;
	vec[1].base = rd + 2;
	iov = uput(&u, vec, sizeof(vec));
	KTEST_EXPECT_EQ(t, CALL(sys_readv, fd, iov, 2), 5);
	KTEST_EXPECT_EQ(t, copy_from_user(back, (const void __user *)rd, 5), 0);
	KTEST_EXPECT(t, memcmp(back, "ABCDE", 5) == 0);
	KTEST_EXPECT_EQ(t, CALL(sys_readv, fd, iov, 1025), -EINVAL);
	/* ftruncate, and on a read-only descriptor EINVAL */
	KTEST_EXPECT_EQ(t, CALL(sys_ftruncate, fd, 2), 0);
	KTEST_EXPECT_EQ(t, CALL(sys_lseek, fd, 0, SEEK_END), 2);
	KTEST_EXPECT_EQ(t, CALL(sys_close, fd), 0);
	KTEST_EXPECT_EQ(t, CALL(sys_close, fd), -EBADF);
	KTEST_EXPECT_EQ(t, CALL(sys_read, 99, rd, 1), -EBADF);
	KTEST_EXPECT_EQ(t, CALL(sys_write, -1, rd, 1), -EBADF);
	fd = CALL(sys_openat, AT_FDCWD, path, O_RDONLY, 0);
	KTEST_EXPECT_EQ(t, fd, 0);
	KTEST_EXPECT_EQ(t, CALL(sys_write, fd, data, 1), -EBADF);
	KTEST_EXPECT_EQ(t, CALL(sys_ftruncate, fd, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, CALL(sys_close, fd), 0);
	KTEST_EXPECT_EQ(t, CALL(sys_unlinkat, AT_FDCWD, path, 0), 0);
	KTEST_EXPECT_EQ(t, CALL(sys_unlinkat, AT_FDCWD, ustr(&u, "/vu"), AT_REMOVEDIR), 0);
out:
	uenv_end(&u);
}

/* Bad pointers: EFAULT, never a crash; a user range that faults in is fine. */
static void user_efault(struct ktest *t)
{
	struct uenv u;
	unsigned long path, rd;
	long fd;

	if (!uenv_begin(t, &u))
		goto out;
	path = ustr(&u, "/vu-f");
	rd = ubuf(&u, 16);
	KTEST_EXPECT_EQ(t, CALL(sys_openat, AT_FDCWD, UNMAPPED, O_RDONLY, 0), -EFAULT);
	KTEST_EXPECT_EQ(t, CALL(sys_openat, AT_FDCWD, 0, O_RDONLY, 0), -EFAULT);
	KTEST_EXPECT_EQ(t, CALL(sys_openat, AT_FDCWD, (unsigned long)&u, O_RDONLY, 0), -EFAULT);  /* a kernel address */
	fd = CALL(sys_openat, AT_FDCWD, path, O_CREAT | O_RDWR, 0600);
	KTEST_EXPECT_EQ(t, fd, 0);
	KTEST_EXPECT_EQ(t, CALL(sys_write, fd, UNMAPPED, 4), -EFAULT);
	KTEST_EXPECT_EQ(t, CALL(sys_write, fd, (unsigned long)&u, 4), -EFAULT);
	KTEST_EXPECT_EQ(t, CALL(sys_write, fd, path, 4), 4);
	KTEST_EXPECT_EQ(t, CALL(sys_lseek, fd, 0, SEEK_SET), 0);
	KTEST_EXPECT_EQ(t, CALL(sys_read, fd, UNMAPPED, 4), -EFAULT);
	KTEST_EXPECT_EQ(t, CALL(sys_read, fd, (unsigned long)&u, 4), -EFAULT);
	KTEST_EXPECT_EQ(t, CALL(sys_fstat, fd, UNMAPPED), -EFAULT);
	KTEST_EXPECT_EQ(t, CALL(sys_newfstatat, AT_FDCWD, path, UNMAPPED, 0), -EFAULT);
	KTEST_EXPECT_EQ(t, CALL(sys_getdents64, fd, rd, 16), -ENOTDIR);
	KTEST_EXPECT_EQ(t, CALL(sys_readv, fd, UNMAPPED, 1), -EFAULT);
	KTEST_EXPECT_EQ(t, CALL(sys_getcwd, UNMAPPED, 64), -EFAULT);
	KTEST_EXPECT_EQ(t, CALL(sys_getcwd, rd, 1), -ERANGE);
	KTEST_EXPECT_EQ(t, CALL(sys_close, fd), 0);
	KTEST_EXPECT_EQ(t, CALL(sys_unlinkat, AT_FDCWD, path, 0), 0);
	/* a name as long as PATH_MAX (no NUL inside it) */
	{
		unsigned long big = ubuf(&u, PATH_MAX + 16);
		char *k = kmalloc(PATH_MAX + 1);

		if (k) {
			memset(k, 'a', PATH_MAX + 1);
			KTEST_EXPECT_EQ(t, copy_to_user((void __user *)big, k, PATH_MAX + 1), 0);
			KTEST_EXPECT_EQ(t, CALL(sys_openat, AT_FDCWD, big, O_RDONLY, 0), -ENAMETOOLONG);
			kfree(k);
		}
	}
out:
	uenv_end(&u);
}

/* stat, statx and fstatfs write Linux's layouts. */
static void user_stat(struct ktest *t)
{
	struct uenv u;
	unsigned long path, st, sx, sf;
	u64 words[32];
	u32 w32[8];
	long fd;

	if (!uenv_begin(t, &u))
		goto out;
	path = ustr(&u, "/vu-stat");
	fd = CALL(sys_openat, AT_FDCWD, path, O_CREAT | O_WRONLY, 0640);
	KTEST_EXPECT_EQ(t, fd, 0);
	KTEST_EXPECT_EQ(t, CALL(sys_write, fd, path, 5), 5);
	st = ubuf(&u, 256);
	KTEST_EXPECT_EQ(t, CALL(sys_newfstatat, AT_FDCWD, path, st, 0), 0);
	KTEST_EXPECT_EQ(t, copy_from_user(words, (const void __user *)st, 128), 0);
	KTEST_EXPECT_EQ(t, words[6], 5);                        /* st_size at 48 on both ABIs */
	KTEST_EXPECT_EQ(t, CALL(sys_fstat, fd, st), 0);
	KTEST_EXPECT_EQ(t, copy_from_user(words, (const void __user *)st, 128), 0);
	KTEST_EXPECT_EQ(t, words[6], 5);
	KTEST_EXPECT_EQ(t, CALL(sys_newfstatat, AT_FDCWD, path, st, 0x1), -EINVAL);     /* a bad flag */
	sx = ubuf(&u, 256);
	KTEST_EXPECT_EQ(t, CALL(sys_statx, AT_FDCWD, path, 0, 0x7ff, sx), 0);
	KTEST_EXPECT_EQ(t, copy_from_user(w32, (const void __user *)sx, sizeof(w32)), 0);
	KTEST_EXPECT_EQ(t, w32[0], 0x7ff);                      /* stx_mask */
	KTEST_EXPECT_EQ(t, w32[4], 1);                          /* stx_nlink */
	KTEST_EXPECT_EQ(t, w32[7] & 0xffff, S_IFREG | 0640);    /* stx_mode */
	KTEST_EXPECT_EQ(t, copy_from_user(words, (const void __user *)sx, 64), 0);
	KTEST_EXPECT_EQ(t, words[5], 5);                        /* stx_size at 40 */
	KTEST_EXPECT_EQ(t, CALL(sys_statx, AT_FDCWD, path, 0, 0x80000000U, sx), -EINVAL);
	sf = ubuf(&u, 128);
	KTEST_EXPECT_EQ(t, CALL(sys_fstatfs, fd, sf), 0);
	KTEST_EXPECT_EQ(t, copy_from_user(words, (const void __user *)sf, 16), 0);
	KTEST_EXPECT_EQ(t, words[0], RAMFS_MAGIC);
	KTEST_EXPECT_EQ(t, CALL(sys_faccessat, AT_FDCWD, path, X_OK), -EACCES);
	KTEST_EXPECT_EQ(t, CALL(sys_faccessat, AT_FDCWD, path, R_OK | W_OK), 0);
	KTEST_EXPECT_EQ(t, CALL(sys_faccessat, AT_FDCWD, path, 8), -EINVAL);
	KTEST_EXPECT_EQ(t, CALL(sys_close, fd), 0);
	KTEST_EXPECT_EQ(t, CALL(sys_unlinkat, AT_FDCWD, path, 0), 0);
out:
	uenv_end(&u);
}

/* getdents64 records, symlinks, rename, cwd. */
static void user_dirs(struct ktest *t)
{
	struct uenv u;
	unsigned long dir, buf, link, cwd;
	char *k = kmalloc(512);
	long fd, n, off;
	int seen = 0;

	if (!k || !uenv_begin(t, &u))
		goto out;
	dir = ustr(&u, "/vu-d");
	KTEST_EXPECT_EQ(t, CALL(sys_mkdirat, AT_FDCWD, dir, 0755), 0);
	KTEST_EXPECT_EQ(t, CALL(sys_mkdirat, AT_FDCWD, dir, 0755), -EEXIST);
	KTEST_EXPECT_EQ(t, CALL(sys_chdir, dir), 0);
	KTEST_EXPECT_EQ(t, CALL(sys_symlinkat, ustr(&u, "target"), AT_FDCWD, ustr(&u, "lnk")), 0);
	KTEST_EXPECT_EQ(t, CALL(sys_renameat2, AT_FDCWD, ustr(&u, "lnk"), AT_FDCWD, ustr(&u, "link"), 0), 0);
	buf = ubuf(&u, 512);
	link = ustr(&u, "/vu-d/link");
	KTEST_EXPECT_EQ(t, CALL(sys_readlinkat, AT_FDCWD, link, buf, 64), 6);
	KTEST_EXPECT_EQ(t, copy_from_user(k, (const void __user *)buf, 6), 0);
	KTEST_EXPECT(t, memcmp(k, "target", 6) == 0);
	KTEST_EXPECT_EQ(t, CALL(sys_readlinkat, AT_FDCWD, link, buf, 0), -EINVAL);
	cwd = ubuf(&u, 64);
	KTEST_EXPECT_EQ(t, CALL(sys_getcwd, cwd, 64), 6);
	KTEST_EXPECT_EQ(t, copy_from_user(k, (const void __user *)cwd, 6), 0);
	KTEST_EXPECT_STREQ(t, k, "/vu-d");
	fd = CALL(sys_openat, AT_FDCWD, ustr(&u, "."), O_RDONLY | O_DIRECTORY, 0);
	KTEST_EXPECT_EQ(t, fd, 0);
	KTEST_EXPECT_EQ(t, CALL(sys_getdents64, fd, buf, 8), -EINVAL);    /* too small for one */
	n = CALL(sys_getdents64, fd, buf, 512);
	KTEST_EXPECT(t, n > 0 && n <= 512);
	if (n > 0 && n <= 512 && copy_from_user(k, (const void __user *)buf, (unsigned long)n) == 0) {
		for (off = 0; off < n;) {
			u16 reclen;
			const char *name = k + off + 19;

			memcpy(&reclen, k + off + 16, 2);
			if (reclen < 24 || off + reclen > n) {
				KTEST_EXPECT(t, false);
				break;
			}
			if (!strcmp(name, ".") || !strcmp(name, ".."))
				seen |= 1;
			else if (!strcmp(name, "link") && (u8)k[off + 18] == DT_LNK)
				seen |= 2;
			off += reclen;
		}
	}
	KTEST_EXPECT_EQ(t, seen, 3);
	KTEST_EXPECT_EQ(t, CALL(sys_getdents64, fd, buf, 512), 0);        /* the end */
	KTEST_EXPECT_EQ(t, CALL(sys_close, fd), 0);
	KTEST_EXPECT_EQ(t, CALL(sys_unlinkat, AT_FDCWD, ustr(&u, "link"), 0), 0);
	KTEST_EXPECT_EQ(t, CALL(sys_chdir, ustr(&u, "/")), 0);
	KTEST_EXPECT_EQ(t, CALL(sys_chdir, link), -ENOENT);
	KTEST_EXPECT_EQ(t, CALL(sys_unlinkat, AT_FDCWD, dir, AT_REMOVEDIR), 0);
out:
	kfree(k);
	uenv_end(&u);
}

/* dup, dup3, fcntl, ioctl FIOCLEX, umask, ppoll on a regular file. */
static void user_fds(struct ktest *t)
{
	struct uenv u;
	unsigned long path, pfd;
	struct { int fd; short events, revents; } p[2];
	long fd;

	if (!uenv_begin(t, &u))
		goto out;
	path = ustr(&u, "/vu-fd");
	KTEST_EXPECT_EQ(t, CALL(sys_umask, 077), 022);
	fd = CALL(sys_openat, AT_FDCWD, path, O_CREAT | O_RDWR, 0666);
	KTEST_EXPECT_EQ(t, fd, 0);
	KTEST_EXPECT_EQ(t, CALL(sys_umask, 022), 077);
	{
		struct kstat st;

		KTEST_EXPECT_EQ(t, init_stat("/vu-fd", &st, 0), 0);
		KTEST_EXPECT_EQ(t, st.mode & 0777, 0600);       /* umask applied */
	}
	KTEST_EXPECT_EQ(t, CALL(sys_dup, fd), 1);
	KTEST_EXPECT_EQ(t, CALL(sys_dup3, fd, 7, O_CLOEXEC), 7);
	KTEST_EXPECT_EQ(t, CALL(sys_dup3, fd, fd, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, CALL(sys_dup3, fd, 8, 1), -EINVAL);
	KTEST_EXPECT_EQ(t, CALL(sys_fcntl, 7, F_GETFD, 0), FD_CLOEXEC);
	KTEST_EXPECT_EQ(t, CALL(sys_fcntl, 1, F_GETFD, 0), 0);
	KTEST_EXPECT_EQ(t, CALL(sys_ioctl, 1, FIOCLEX, 0), 0);
	KTEST_EXPECT_EQ(t, CALL(sys_fcntl, 1, F_GETFD, 0), FD_CLOEXEC);
	KTEST_EXPECT_EQ(t, CALL(sys_fcntl, fd, F_DUPFD, 5), 5);
	KTEST_EXPECT_EQ(t, CALL(sys_fcntl, fd, F_GETFL, 0) & O_ACCMODE, O_RDWR);
	KTEST_EXPECT_EQ(t, CALL(sys_fcntl, fd, F_SETFL, O_APPEND), 0);
	KTEST_EXPECT(t, CALL(sys_fcntl, fd, F_GETFL, 0) & O_APPEND);
	KTEST_EXPECT_EQ(t, CALL(sys_fcntl, 40, F_GETFD, 0), -EBADF);
	KTEST_EXPECT_EQ(t, CALL(sys_ioctl, fd, 0x5401, 0), -ENOTTY);     /* TCGETS on a file */
	do_close_on_exec(current->files);
	KTEST_EXPECT_EQ(t, CALL(sys_close, 7), -EBADF);
	KTEST_EXPECT_EQ(t, CALL(sys_close, 1), -EBADF);
	KTEST_EXPECT_EQ(t, CALL(sys_close, 5), 0);
	/* ppoll: a regular file is always ready; a closed fd is POLLNVAL */
	p[0].fd = (int)fd;
	p[0].events = POLLIN | POLLOUT;
	p[0].revents = 0;
	p[1].fd = 33;
	p[1].events = POLLIN;
	p[1].revents = 0;
	pfd = uput(&u, p, sizeof(p));
	KTEST_EXPECT_EQ(t, CALL(sys_ppoll, pfd, 2, 0, 0, 8), 2);
	KTEST_EXPECT_EQ(t, copy_from_user(p, (const void __user *)pfd, sizeof(p)), 0);
	KTEST_EXPECT_EQ(t, p[0].revents, POLLIN | POLLOUT);
	KTEST_EXPECT_EQ(t, p[1].revents, POLLNVAL);
	KTEST_EXPECT_EQ(t, CALL(sys_close, fd), 0);
	KTEST_EXPECT_EQ(t, CALL(sys_unlinkat, AT_FDCWD, path, 0), 0);
out:
	uenv_end(&u);
}

/* A private file mapping read through page faults: the mm's file fault reaches ramfs's pages. */
static void user_mmap_file(struct ktest *t)
{
	struct uenv u;
	struct file *f;
	unsigned long a;
	char k[8];
	loff_t pos = 0;

	if (!uenv_begin(t, &u))
		goto out;
	f = filp_open("/vu-map", O_CREAT | O_RDWR, 0644);
	KTEST_EXPECT(t, !IS_ERR(f));
	if (IS_ERR(f))
		goto out;
	KTEST_EXPECT_EQ(t, kernel_write(f, "mapped!", 7, &pos), 7);
	a = vm_mmap(f, 0, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0);
	KTEST_EXPECT(t, !IS_ERR_VALUE(a));
	if (!IS_ERR_VALUE(a)) {
		KTEST_EXPECT_EQ(t, copy_from_user(k, (const void __user *)a, 7), 0);
		KTEST_EXPECT(t, memcmp(k, "mapped!", 7) == 0);
		/* a private write changes the process's copy, not the file */
		KTEST_EXPECT_EQ(t, copy_to_user((void __user *)a, "M", 1), 0);
		pos = 0;
		KTEST_EXPECT_EQ(t, kernel_read(f, k, 7, &pos), 7);
		KTEST_EXPECT_EQ(t, k[0], 'm');
		/* the second page is past the end of the file: the access fails */
		KTEST_EXPECT_NE(t, copy_from_user(k, (const void __user *)(a + PAGE_SIZE), 1), 0);
		KTEST_EXPECT_EQ(t, vm_munmap(a, 2 * PAGE_SIZE), 0);
	}
	fput(f);
	KTEST_EXPECT_EQ(t, init_unlink("/vu-map"), 0);
out:
	uenv_end(&u);
}

KTEST_SUITE(vfs_user,
	    KTEST_CASE(user_read_write),
	    KTEST_CASE(user_efault),
	    KTEST_CASE(user_stat),
	    KTEST_CASE(user_dirs),
	    KTEST_CASE(user_fds),
	    KTEST_CASE(user_mmap_file));
