// SPDX-License-Identifier: Apache-2.0
/*
 * Bad pointers and bad arguments, one case per system call of issue 6's
 * list (CONTRACTS.md), through raw syscall() so no C library check or vDSO
 * stands in between. Every expected errno is what Linux returns (this
 * program passes on the host's Linux: that is the reference); a difference
 * is printed as "got X, Linux gives Y". Pointers: BAD_PTR (nothing mapped),
 * KERNEL_PTR (the kernel's half), a PROT_NONE page, and a structure that
 * runs off the end of a mapping (`edge`).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/reboot.h>
#include <poll.h>
#include <sched.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/uio.h>

#include "ktap.h"
#include "util.h"

#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH 0x1000
#endif

static long pg;
static char *none;       /* a PROT_NONE page */
static char *edge_page;  /* a RW page followed by nothing */
static char scratch[256];
static int has_cap_sys_boot = 1;

/* n valid bytes before the end of the mapping: a structure of size > n crosses it. */
static void *edge(size_t n)
{
	return edge_page + pg - n;
}

#define S(...) syscall(__VA_ARGS__)
#define E(call, err) KT_EXPECT_ERRNO(call, err)
#define OK(call) KT_EXPECT_OK(call)

static int open_file(void)
{
	int fd = open("file", O_RDWR | O_CREAT, 0644);

	return fd;
}

static int t_read(void)
{
	int fd = open("/dev/zero", O_RDONLY), wfd = open("/dev/null", O_WRONLY);
	int dfd = open(".", O_RDONLY | O_DIRECTORY);

	E(S(SYS_read, -1, scratch, 1), EBADF);
	E(S(SYS_read, 9999, scratch, 1), EBADF);
	E(S(SYS_read, fd, BAD_PTR, 16), EFAULT);
	E(S(SYS_read, fd, KERNEL_PTR, 16), EFAULT);
	E(S(SYS_read, fd, none, 16), EFAULT);
	E(S(SYS_read, wfd, scratch, 1), EBADF);
	E(S(SYS_read, dfd, scratch, 1), EISDIR);
	KT_EXPECT_EQ(S(SYS_read, fd, edge(8), 64), 8);   /* a partial read up to the fault */
	KT_EXPECT_EQ(S(SYS_read, fd, scratch, 0), 0);
	close(fd);
	close(wfd);
	close(dfd);
	return KT_PASS;
}

static int t_write(void)
{
	int p[2], rfd = open("/dev/zero", O_RDONLY);

	KT_ASSERT(pipe(p) == 0);
	E(S(SYS_write, -1, "x", 1), EBADF);
	E(S(SYS_write, p[1], BAD_PTR, 1), EFAULT);
	E(S(SYS_write, p[1], KERNEL_PTR, 1), EFAULT);
	E(S(SYS_write, p[1], none, 1), EFAULT);
	E(S(SYS_write, rfd, "x", 1), EBADF);
	E(S(SYS_write, p[0], "x", 1), EBADF);
	KT_EXPECT_EQ(S(SYS_write, p[1], "x", 0), 0);
	close(p[0]);
	close(p[1]);
	close(rfd);
	return KT_PASS;
}

static int t_readv_writev(void)
{
	int fd = open("/dev/zero", O_RDONLY), nfd = open("/dev/null", O_WRONLY);
	char buf[8];
	struct iovec iov = { buf, sizeof(buf) }, bad = { BAD_PTR, 8 };

	E(S(SYS_readv, fd, &iov, -1), EINVAL);
	E(S(SYS_readv, fd, &iov, 1025), EINVAL);
	E(S(SYS_readv, fd, BAD_PTR, 1), EFAULT);
	E(S(SYS_readv, fd, KERNEL_PTR, 1), EFAULT);
	E(S(SYS_readv, fd, &bad, 1), EFAULT);
	E(S(SYS_readv, -1, &iov, 1), EBADF);
	E(S(SYS_writev, nfd, &iov, -1), EINVAL);
	E(S(SYS_writev, nfd, BAD_PTR, 1), EFAULT);
	E(S(SYS_writev, -1, &iov, 1), EBADF);
	KT_EXPECT_EQ(S(SYS_readv, fd, &iov, 1), 8);
	KT_EXPECT_EQ(S(SYS_writev, nfd, &iov, 0), 0);
	close(fd);
	close(nfd);
	return KT_PASS;
}

static int t_pread_pwrite(void)
{
	int fd = open_file(), p[2];

	KT_ASSERT(fd >= 0 && pipe(p) == 0);
	E(S(SYS_pread64, fd, scratch, 1, -1l), EINVAL);
	E(S(SYS_pwrite64, fd, "x", 1, -1l), EINVAL);
	E(S(SYS_pread64, p[0], scratch, 1, 0), ESPIPE);
	E(S(SYS_pwrite64, p[1], "x", 1, 0), ESPIPE);
	E(S(SYS_pwrite64, fd, BAD_PTR, 1, 0), EFAULT);
	KT_EXPECT_EQ(S(SYS_pwrite64, fd, "abc", 3, 0), 3);
	E(S(SYS_pread64, fd, BAD_PTR, 3, 0), EFAULT);
	E(S(SYS_pread64, -1, scratch, 1, 0), EBADF);
	close(fd);
	close(p[0]);
	close(p[1]);
	return KT_PASS;
}

static int t_lseek(void)
{
	int fd = open_file(), p[2];

	KT_ASSERT(fd >= 0 && pipe(p) == 0);
	E(S(SYS_lseek, fd, 0, 99), EINVAL);
	E(S(SYS_lseek, fd, -1l, SEEK_SET), EINVAL);
	E(S(SYS_lseek, p[0], 0, SEEK_SET), ESPIPE);
	E(S(SYS_lseek, -1, 0, SEEK_SET), EBADF);
	KT_EXPECT_EQ(S(SYS_lseek, fd, 100, SEEK_SET), 100);
	KT_EXPECT_EQ(S(SYS_lseek, fd, 0, SEEK_CUR), 100);
	close(fd);
	close(p[0]);
	close(p[1]);
	return KT_PASS;
}

static int t_openat(void)
{
	char longname[300], longpath[5000];
	int fd = open_file();

	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
	for (size_t i = 0; i < sizeof(longpath) - 1; i++)
		longpath[i] = i % 2 ? '/' : 'd';
	longpath[sizeof(longpath) - 1] = 0;
	E(S(SYS_openat, AT_FDCWD, BAD_PTR, O_RDONLY), EFAULT);
	E(S(SYS_openat, AT_FDCWD, KERNEL_PTR, O_RDONLY), EFAULT);
	E(S(SYS_openat, AT_FDCWD, none, O_RDONLY), EFAULT);
	E(S(SYS_openat, AT_FDCWD, "", O_RDONLY), ENOENT);
	E(S(SYS_openat, AT_FDCWD, "nonexistent", O_RDONLY), ENOENT);
	E(S(SYS_openat, AT_FDCWD, "nodir/file", O_RDONLY | O_CREAT, 0644), ENOENT);
	E(S(SYS_openat, AT_FDCWD, "file", O_RDONLY | O_DIRECTORY), ENOTDIR);
	E(S(SYS_openat, AT_FDCWD, "file/x", O_RDONLY), ENOTDIR);
	E(S(SYS_openat, AT_FDCWD, "file", O_RDONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	E(S(SYS_openat, AT_FDCWD, ".", O_WRONLY), EISDIR);
	E(S(SYS_openat, AT_FDCWD, longname, O_RDONLY), ENAMETOOLONG);
	E(S(SYS_openat, AT_FDCWD, longpath, O_RDONLY), ENAMETOOLONG);
	E(S(SYS_openat, -5, "file", O_RDONLY), EBADF);
	E(S(SYS_openat, fd, "x", O_RDONLY), ENOTDIR);
	int ok = S(SYS_openat, -5, "/dev/null", O_RDONLY);   /* absolute: dirfd ignored */
	KT_EXPECT(ok >= 0);
	close(ok);
	/* a path that runs off the end of the mapping, not terminated */
	memset(edge(4), 'a', 4);
	E(S(SYS_openat, AT_FDCWD, edge(4), O_RDONLY), EFAULT);
	close(fd);
	return KT_PASS;
}

static int t_close(void)
{
	E(S(SYS_close, -1), EBADF);
	E(S(SYS_close, 99999), EBADF);
	int fd = open("/dev/null", O_RDONLY);
	OK(S(SYS_close, fd));
	E(S(SYS_close, fd), EBADF);
	return KT_PASS;
}

static int t_fstat_newfstatat(void)
{
	struct stat st;
	int fd = open_file();

	E(S(SYS_fstat, -1, &st), EBADF);
	E(S(SYS_fstat, fd, BAD_PTR), EFAULT);
	E(S(SYS_fstat, fd, KERNEL_PTR), EFAULT);
	E(S(SYS_fstat, fd, edge(16)), EFAULT);
	E(S(SYS_newfstatat, AT_FDCWD, BAD_PTR, &st, 0), EFAULT);
	E(S(SYS_newfstatat, AT_FDCWD, "file", BAD_PTR, 0), EFAULT);
	E(S(SYS_newfstatat, AT_FDCWD, "file", &st, 0x40000000), EINVAL);
	E(S(SYS_newfstatat, AT_FDCWD, "nonexistent", &st, 0), ENOENT);
	E(S(SYS_newfstatat, AT_FDCWD, "", &st, 0), ENOENT);
	OK(S(SYS_newfstatat, fd, "", &st, AT_EMPTY_PATH));
	E(S(SYS_newfstatat, -1, "", &st, AT_EMPTY_PATH), EBADF);
	close(fd);
	return KT_PASS;
}

static int t_statx(void)
{
	char buf[256];

	E(S(SYS_statx, AT_FDCWD, "file", 0, 0x7ff, BAD_PTR), EFAULT);
	E(S(SYS_statx, AT_FDCWD, BAD_PTR, 0, 0x7ff, buf), EFAULT);
	E(S(SYS_statx, AT_FDCWD, "file", 0x80000000, 0x7ff, buf), EINVAL);
	E(S(SYS_statx, AT_FDCWD, "file", 0, 0x80000000u, buf), EINVAL);   /* STATX__RESERVED */
	E(S(SYS_statx, AT_FDCWD, "nonexistent", 0, 0x7ff, buf), ENOENT);
	OK(S(SYS_statx, AT_FDCWD, "file", 0, 0x7ff, buf));
	return KT_PASS;
}

static int t_getdents64(void)
{
	char buf[1024];
	int dfd = open(".", O_RDONLY | O_DIRECTORY), fd = open_file();

	E(S(SYS_getdents64, -1, buf, sizeof(buf)), EBADF);
	E(S(SYS_getdents64, fd, buf, sizeof(buf)), ENOTDIR);
	E(S(SYS_getdents64, dfd, BAD_PTR, sizeof(buf)), EFAULT);
	E(S(SYS_getdents64, dfd, buf, 1), EINVAL);
	KT_EXPECT(S(SYS_getdents64, dfd, buf, sizeof(buf)) > 0);
	close(dfd);
	close(fd);
	return KT_PASS;
}

static int t_mkdirat(void)
{
	E(S(SYS_mkdirat, AT_FDCWD, BAD_PTR, 0755), EFAULT);
	E(S(SYS_mkdirat, AT_FDCWD, ".", 0755), EEXIST);
	E(S(SYS_mkdirat, AT_FDCWD, "file", 0755), EEXIST);
	E(S(SYS_mkdirat, AT_FDCWD, "nodir/sub", 0755), ENOENT);
	E(S(SYS_mkdirat, AT_FDCWD, "file/sub", 0755), ENOTDIR);
	E(S(SYS_mkdirat, AT_FDCWD, "", 0755), ENOENT);
	OK(S(SYS_mkdirat, AT_FDCWD, "dir", 0755));
	return KT_PASS;
}

static int t_unlinkat(void)
{
	S(SYS_mkdirat, AT_FDCWD, "full", 0755);
	close(open("full/f", O_CREAT | O_WRONLY, 0644));
	E(S(SYS_unlinkat, AT_FDCWD, BAD_PTR, 0), EFAULT);
	E(S(SYS_unlinkat, AT_FDCWD, "nonexistent", 0), ENOENT);
	E(S(SYS_unlinkat, AT_FDCWD, "full", 0), EISDIR);
	E(S(SYS_unlinkat, AT_FDCWD, "file", 0x1), EINVAL);
	E(S(SYS_unlinkat, AT_FDCWD, "full", AT_REMOVEDIR), ENOTEMPTY);
	E(S(SYS_unlinkat, AT_FDCWD, "file", AT_REMOVEDIR), ENOTDIR);
	E(S(SYS_unlinkat, AT_FDCWD, ".", AT_REMOVEDIR), EINVAL);
	OK(S(SYS_unlinkat, AT_FDCWD, "full/f", 0));
	OK(S(SYS_unlinkat, AT_FDCWD, "full", AT_REMOVEDIR));
	return KT_PASS;
}

static int t_renameat2(void)
{
	close(open("r1", O_CREAT | O_WRONLY, 0644));
	close(open("r2", O_CREAT | O_WRONLY, 0644));
	S(SYS_mkdirat, AT_FDCWD, "rd", 0755);
	E(S(SYS_renameat2, AT_FDCWD, BAD_PTR, AT_FDCWD, "x", 0), EFAULT);
	E(S(SYS_renameat2, AT_FDCWD, "r1", AT_FDCWD, BAD_PTR, 0), EFAULT);
	E(S(SYS_renameat2, AT_FDCWD, "nonexistent", AT_FDCWD, "x", 0), ENOENT);
	E(S(SYS_renameat2, AT_FDCWD, "r1", AT_FDCWD, "r2", 0x100), EINVAL);
	E(S(SYS_renameat2, AT_FDCWD, "r1", AT_FDCWD, "r2", RENAME_NOREPLACE), EEXIST);
	E(S(SYS_renameat2, AT_FDCWD, "rd", AT_FDCWD, "rd/sub", 0), EINVAL);
	E(S(SYS_renameat2, AT_FDCWD, "rd", AT_FDCWD, "r1", 0), ENOTDIR);
	E(S(SYS_renameat2, AT_FDCWD, "r1", AT_FDCWD, "rd", 0), EISDIR);
	OK(S(SYS_renameat2, AT_FDCWD, "r1", AT_FDCWD, "r3", 0));
	OK(S(SYS_renameat2, AT_FDCWD, "r3", AT_FDCWD, "r2", 0));   /* replaces */
	E(S(SYS_newfstatat, AT_FDCWD, "r3", scratch, 0), ENOENT);
	return KT_PASS;
}

static int t_symlinkat_readlinkat(void)
{
	char buf[64];

	E(S(SYS_symlinkat, BAD_PTR, AT_FDCWD, "l"), EFAULT);
	E(S(SYS_symlinkat, "target", AT_FDCWD, BAD_PTR), EFAULT);
	E(S(SYS_symlinkat, "", AT_FDCWD, "l"), ENOENT);
	OK(S(SYS_symlinkat, "file", AT_FDCWD, "l"));
	E(S(SYS_symlinkat, "file", AT_FDCWD, "l"), EEXIST);
	KT_EXPECT_EQ(S(SYS_readlinkat, AT_FDCWD, "l", buf, sizeof(buf)), 4);
	KT_EXPECT_EQ(S(SYS_readlinkat, AT_FDCWD, "l", buf, 2), 2);    /* truncated, no NUL */
	E(S(SYS_readlinkat, AT_FDCWD, "file", buf, sizeof(buf)), EINVAL);
	E(S(SYS_readlinkat, AT_FDCWD, "l", buf, 0), EINVAL);
	E(S(SYS_readlinkat, AT_FDCWD, "l", BAD_PTR, 16), EFAULT);
	E(S(SYS_readlinkat, AT_FDCWD, BAD_PTR, buf, 16), EFAULT);
	E(S(SYS_readlinkat, AT_FDCWD, "nonexistent", buf, 16), ENOENT);
	OK(S(SYS_symlinkat, "loop2", AT_FDCWD, "loop1"));
	OK(S(SYS_symlinkat, "loop1", AT_FDCWD, "loop2"));
	E(S(SYS_openat, AT_FDCWD, "loop1", O_RDONLY), ELOOP);
	E(S(SYS_openat, AT_FDCWD, "l", O_RDONLY | O_NOFOLLOW), ELOOP);
	return KT_PASS;
}

static int t_linkat(void)
{
	E(S(SYS_linkat, AT_FDCWD, "file", AT_FDCWD, "h", 0x1), EINVAL);
	E(S(SYS_linkat, AT_FDCWD, "nonexistent", AT_FDCWD, "h", 0), ENOENT);
	E(S(SYS_linkat, AT_FDCWD, BAD_PTR, AT_FDCWD, "h", 0), EFAULT);
	E(S(SYS_linkat, AT_FDCWD, "file", AT_FDCWD, "file", 0), EEXIST);
	E(S(SYS_linkat, AT_FDCWD, ".", AT_FDCWD, "h", 0), EPERM);
	OK(S(SYS_linkat, AT_FDCWD, "file", AT_FDCWD, "h", 0));
	struct stat st;
	stat("file", &st);
	KT_EXPECT_EQ(st.st_nlink, 2);
	return KT_PASS;
}

static int t_fchmodat_fchownat(void)
{
	E(S(SYS_fchmodat, AT_FDCWD, BAD_PTR, 0644), EFAULT);
	E(S(SYS_fchmodat, AT_FDCWD, "nonexistent", 0644), ENOENT);
	OK(S(SYS_fchmodat, AT_FDCWD, "file", 0600));
	E(S(SYS_fchownat, AT_FDCWD, "file", 0, 0, 0x1), EINVAL);
	E(S(SYS_fchownat, AT_FDCWD, "nonexistent", 0, 0, 0), ENOENT);
	E(S(SYS_fchownat, AT_FDCWD, BAD_PTR, 0, 0, 0), EFAULT);
	OK(S(SYS_fchownat, AT_FDCWD, "file", -1, -1, 0));
	return KT_PASS;
}

static int t_utimensat(void)
{
	struct timespec bad[2] = { { 0, 2000000000 }, { 0, 0 } };

	E(S(SYS_utimensat, AT_FDCWD, "file", BAD_PTR, 0), EFAULT);
	E(S(SYS_utimensat, AT_FDCWD, "file", bad, 0), EINVAL);
	E(S(SYS_utimensat, AT_FDCWD, "file", NULL, 0x4000), EINVAL);
	E(S(SYS_utimensat, AT_FDCWD, "nonexistent", NULL, 0), ENOENT);
	OK(S(SYS_utimensat, AT_FDCWD, "file", NULL, 0));
	return KT_PASS;
}

static int t_faccessat(void)
{
	E(S(SYS_faccessat, AT_FDCWD, "file", 8), EINVAL);
	E(S(SYS_faccessat, AT_FDCWD, "nonexistent", F_OK), ENOENT);
	E(S(SYS_faccessat, AT_FDCWD, BAD_PTR, F_OK), EFAULT);
	OK(S(SYS_faccessat, AT_FDCWD, "file", R_OK | W_OK));
	return KT_PASS;
}

static int t_chdir_fchdir_getcwd(void)
{
	char buf[512];
	int fd = open_file();
	long n;

	E(S(SYS_chdir, BAD_PTR), EFAULT);
	E(S(SYS_chdir, "nonexistent"), ENOENT);
	E(S(SYS_chdir, "file"), ENOTDIR);
	E(S(SYS_fchdir, -1), EBADF);
	E(S(SYS_fchdir, fd), ENOTDIR);
	E(S(SYS_getcwd, buf, 0), ERANGE);
	E(S(SYS_getcwd, buf, 1), ERANGE);
	E(S(SYS_getcwd, BAD_PTR, sizeof(buf)), EFAULT);
	n = S(SYS_getcwd, buf, sizeof(buf));
	KT_EXPECT_EQ(n, (long)strlen(scratch) + 1);   /* length with the NUL */
	KT_EXPECT(!strcmp(buf, scratch));
	close(fd);
	return KT_PASS;
}

static int t_umask(void)
{
	long old = S(SYS_umask, 077);

	KT_EXPECT_EQ(S(SYS_umask, old), 077);
	KT_EXPECT_EQ(S(SYS_umask, old), old);
	return KT_PASS;
}

static int t_dup_dup3_fcntl(void)
{
	int fd = open("/dev/null", O_RDONLY);

	E(S(SYS_dup, -1), EBADF);
	E(S(SYS_dup3, fd, fd, 0), EINVAL);
	E(S(SYS_dup3, fd, 50, 0x1), EINVAL);
	E(S(SYS_dup3, -1, 50, 0), EBADF);
	E(S(SYS_dup3, fd, -1, 0), EBADF);
	E(S(SYS_dup3, fd, 1 << 30, 0), EBADF);
	E(S(SYS_fcntl, -1, F_GETFD), EBADF);
	E(S(SYS_fcntl, fd, 99999), EINVAL);
	E(S(SYS_fcntl, fd, F_DUPFD, -1), EINVAL);
	KT_EXPECT_EQ(S(SYS_fcntl, fd, F_DUPFD, 40), 40);
	KT_EXPECT_EQ(S(SYS_fcntl, 40, F_GETFD), 0);
	KT_EXPECT_EQ(S(SYS_fcntl, fd, F_DUPFD_CLOEXEC, 40), 41);
	KT_EXPECT_EQ(S(SYS_fcntl, 41, F_GETFD), FD_CLOEXEC);
	close(40);
	close(41);
	close(fd);
	return KT_PASS;
}

static int t_mount_umount2(void)
{
	S(SYS_mkdirat, AT_FDCWD, "mnt", 0755);
	E(S(SYS_mount, "none", BAD_PTR, "tmpfs", 0, NULL), EFAULT);
	E(S(SYS_mount, "none", "mnt", BAD_PTR, 0, NULL), EFAULT);
	E(S(SYS_mount, "none", "nonexistent", "tmpfs", 0, NULL), ENOENT);
	E(S(SYS_mount, "none", "mnt", "no-such-fs-type", 0, NULL), ENODEV);
	E(S(SYS_umount2, "mnt", 0x80000000u), EINVAL);
	E(S(SYS_umount2, BAD_PTR, 0), EFAULT);
	E(S(SYS_umount2, "nonexistent", 0), ENOENT);
	E(S(SYS_umount2, "mnt", 0), EINVAL);                 /* not a mount point */
	return KT_PASS;
}

static int t_ioctl(void)
{
	int fd = open("/dev/null", O_RDWR), on = 1;
	char termios[64];

	E(S(SYS_ioctl, -1, FIONBIO, &on), EBADF);
	E(S(SYS_ioctl, fd, 0x5401 /* TCGETS */, termios), ENOTTY);
	E(S(SYS_ioctl, fd, FIONBIO, BAD_PTR), EFAULT);
	OK(S(SYS_ioctl, fd, FIONBIO, &on));
	KT_EXPECT(fcntl(fd, F_GETFL) & O_NONBLOCK);
	OK(S(SYS_ioctl, fd, FIOCLEX));
	KT_EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	OK(S(SYS_ioctl, fd, FIONCLEX));
	KT_EXPECT_EQ(fcntl(fd, F_GETFD), 0);
	close(fd);
	return KT_PASS;
}

static int t_truncate(void)
{
	int fd = open_file(), ro = open("file", O_RDONLY), p[2];

	KT_ASSERT(pipe(p) == 0);
	E(S(SYS_ftruncate, -1, 0), EBADF);
	E(S(SYS_ftruncate, fd, -1l), EINVAL);
	E(S(SYS_ftruncate, ro, 0), EINVAL);
	E(S(SYS_ftruncate, p[1], 0), EINVAL);
	E(S(SYS_truncate, BAD_PTR, 0), EFAULT);
	E(S(SYS_truncate, "nonexistent", 0), ENOENT);
	E(S(SYS_truncate, ".", 0), EISDIR);
	E(S(SYS_truncate, "file", -1l), EINVAL);
	OK(S(SYS_ftruncate, fd, 12345));
	struct stat st;
	fstat(fd, &st);
	KT_EXPECT_EQ(st.st_size, 12345);
	close(fd);
	close(ro);
	close(p[0]);
	close(p[1]);
	return KT_PASS;
}

static int t_sync_fsync(void)
{
	int p[2], fd = open_file();

	KT_ASSERT(pipe(p) == 0);
	OK(S(SYS_sync));
	E(S(SYS_fsync, -1), EBADF);
	E(S(SYS_fsync, p[0]), EINVAL);
	OK(S(SYS_fsync, fd));
	close(p[0]);
	close(p[1]);
	close(fd);
	return KT_PASS;
}

static int t_statfs(void)
{
	char buf[256];

	E(S(SYS_statfs, BAD_PTR, buf), EFAULT);
	E(S(SYS_statfs, ".", BAD_PTR), EFAULT);
	E(S(SYS_statfs, "nonexistent", buf), ENOENT);
	E(S(SYS_fstatfs, -1, buf), EBADF);
	E(S(SYS_fstatfs, 0, BAD_PTR), EFAULT);
	OK(S(SYS_statfs, ".", buf));
	return KT_PASS;
}

static int t_poll_ppoll_pselect(void)
{
	struct pollfd pfd = { .fd = 0, .events = POLLIN };
	struct timespec zero = { 0, 0 }, bad = { 0, 1000000000 };
	uint64_t set = 1;
	struct rlimit rl;

	getrlimit(RLIMIT_NOFILE, &rl);
#ifdef SYS_poll
	E(S(SYS_poll, &pfd, rl.rlim_cur + 1, 0), EINVAL);
	E(S(SYS_poll, BAD_PTR, 1, 0), EFAULT);
#endif
	E(S(SYS_ppoll, &pfd, rl.rlim_cur + 1, &zero, NULL, 8), EINVAL);
	E(S(SYS_ppoll, BAD_PTR, 1, &zero, NULL, 8), EFAULT);
	E(S(SYS_ppoll, &pfd, 1, BAD_PTR, NULL, 8), EFAULT);
	E(S(SYS_ppoll, &pfd, 1, &bad, NULL, 8), EINVAL);
	uint64_t mask = 0;
	E(S(SYS_ppoll, &pfd, 1, &zero, &mask, 4), EINVAL);
	pfd.fd = 9999;
	KT_EXPECT_EQ(S(SYS_ppoll, &pfd, 1, &zero, NULL, 8), 1);
	KT_EXPECT_EQ(pfd.revents, POLLNVAL);
	E(S(SYS_pselect6, -1, NULL, NULL, NULL, &zero, NULL), EINVAL);
	E(S(SYS_pselect6, 1, BAD_PTR, NULL, NULL, &zero, NULL), EFAULT);
	E(S(SYS_pselect6, 1, &set, NULL, NULL, &bad, NULL), EINVAL);
	int fd = open("/dev/null", O_RDONLY);
	close(fd);
	set = 1ull << fd;
	E(S(SYS_pselect6, fd + 1, &set, NULL, NULL, &zero, NULL), EBADF);
	return KT_PASS;
}

static int t_pipe2(void)
{
	int p[2];

	E(S(SYS_pipe2, BAD_PTR, 0), EFAULT);
	E(S(SYS_pipe2, KERNEL_PTR, 0), EFAULT);
	E(S(SYS_pipe2, p, 0x1), EINVAL);
	E(S(SYS_pipe2, edge(4), 0), EFAULT);
#ifdef SYS_pipe
	E(S(SYS_pipe, BAD_PTR), EFAULT);
#endif
	return KT_PASS;
}

static int t_mm(void)
{
	E(S(SYS_mmap, NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL);
	E(S(SYS_mmap, NULL, pg, PROT_READ, MAP_PRIVATE, -1, 0), EBADF);
	E(S(SYS_mmap, NULL, pg, PROT_READ, MAP_ANONYMOUS, -1, 0), EINVAL);   /* neither private nor shared */
	E(S(SYS_munmap, edge_page + 1, pg), EINVAL);
	E(S(SYS_munmap, edge_page, 0), EINVAL);
	E(S(SYS_mprotect, edge_page + 1, pg, PROT_READ), EINVAL);
	E(S(SYS_mprotect, edge_page + pg, pg, PROT_READ), ENOMEM);
	E(S(SYS_madvise, edge_page, pg, 9999), EINVAL);
	E(S(SYS_mremap, edge_page + 1, pg, pg, 0), EINVAL);
	E(S(SYS_mremap, edge_page, pg, 0, 0), EINVAL);
	E(S(SYS_mremap, edge_page, pg, 2 * pg, 0x80), EINVAL);
	unsigned char vec[4];
	E(S(SYS_mincore, edge_page + 1, pg, vec), EINVAL);
	E(S(SYS_mincore, edge_page, pg, BAD_PTR), EFAULT);
	E(S(SYS_mincore, edge_page + pg, pg, vec), ENOMEM);
	OK(S(SYS_mincore, edge_page, pg, vec));
	long cur = S(SYS_brk, 0);
	KT_EXPECT_EQ(S(SYS_brk, 1), cur);
	return KT_PASS;
}

static int zombie(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	usleep(20000);
	return pid;
}

static int t_wait4_waitid(void)
{
	siginfo_t si;
	int status;
	pid_t pid;

	E(S(SYS_wait4, -1, &status, 0x01000000 /* WNOWAIT */, NULL), EINVAL);
	E(S(SYS_wait4, -1, &status, 0, NULL), ECHILD);
	E(S(SYS_waitid, 99, 0, &si, WEXITED, NULL), EINVAL);
	E(S(SYS_waitid, P_ALL, 0, &si, 0, NULL), EINVAL);
	E(S(SYS_waitid, P_ALL, 0, &si, WEXITED, NULL), ECHILD);
	pid = zombie();
	E(S(SYS_wait4, pid, BAD_PTR, 0, NULL), EFAULT);
	waitpid(pid, NULL, WNOHANG);
	pid = zombie();
	E(S(SYS_waitid, P_PID, pid, BAD_PTR, WEXITED, NULL), EFAULT);
	waitpid(pid, NULL, WNOHANG);
	return KT_PASS;
}

static int t_kill_family(void)
{
	E(S(SYS_kill, getpid(), 65), EINVAL);
	E(S(SYS_kill, getpid(), -1), EINVAL);
	E(S(SYS_kill, 0x7fffffff, 0), ESRCH);
	OK(S(SYS_kill, getpid(), 0));
	E(S(SYS_tgkill, 0, getpid(), 0), EINVAL);
	E(S(SYS_tgkill, getpid(), -1, 0), EINVAL);
	E(S(SYS_tgkill, getpid(), getpid(), 65), EINVAL);
	E(S(SYS_tgkill, getpid(), 0x7fffffff, 0), ESRCH);
	OK(S(SYS_tgkill, getpid(), getpid(), 0));
	E(S(SYS_tkill, 0, 0), EINVAL);
	E(S(SYS_tkill, 0x7fffffff, 0), ESRCH);
	return KT_PASS;
}

static int t_rt_sigaction(void)
{
	char act[64] = { 0 };

	E(S(SYS_rt_sigaction, 0, act, NULL, 8), EINVAL);
	E(S(SYS_rt_sigaction, 65, act, NULL, 8), EINVAL);
	E(S(SYS_rt_sigaction, SIGKILL, act, NULL, 8), EINVAL);
	E(S(SYS_rt_sigaction, SIGUSR1, act, NULL, 4), EINVAL);
	E(S(SYS_rt_sigaction, SIGUSR1, BAD_PTR, NULL, 8), EFAULT);
	E(S(SYS_rt_sigaction, SIGUSR1, NULL, BAD_PTR, 8), EFAULT);
	E(S(SYS_rt_sigaction, SIGUSR1, KERNEL_PTR, NULL, 8), EFAULT);
	OK(S(SYS_rt_sigaction, SIGUSR1, NULL, NULL, 8));
	return KT_PASS;
}

static int t_rt_sigprocmask_pending_suspend(void)
{
	uint64_t set = 0;

	E(S(SYS_rt_sigprocmask, 99, &set, NULL, 8), EINVAL);
	E(S(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 4), EINVAL);
	E(S(SYS_rt_sigprocmask, SIG_BLOCK, BAD_PTR, NULL, 8), EFAULT);
	E(S(SYS_rt_sigprocmask, SIG_BLOCK, NULL, BAD_PTR, 8), EFAULT);
	OK(S(SYS_rt_sigprocmask, 99, NULL, &set, 8));      /* how is ignored without a set */
	E(S(SYS_rt_sigpending, &set, 16), EINVAL);
	E(S(SYS_rt_sigpending, BAD_PTR, 8), EFAULT);
	E(S(SYS_rt_sigsuspend, &set, 4), EINVAL);
	E(S(SYS_rt_sigsuspend, BAD_PTR, 8), EFAULT);
	return KT_PASS;
}

static int t_sigaltstack(void)
{
	stack_t ss = { .ss_sp = scratch, .ss_size = 16 };

	E(S(SYS_sigaltstack, BAD_PTR, NULL), EFAULT);
	E(S(SYS_sigaltstack, NULL, BAD_PTR), EFAULT);
	E(S(SYS_sigaltstack, &ss, NULL), ENOMEM);
	ss.ss_flags = 0x1234;
	ss.ss_size = 1 << 16;
	E(S(SYS_sigaltstack, &ss, NULL), EINVAL);
	return KT_PASS;
}

static int t_pidfd(void)
{
#ifdef SYS_pidfd_open
	int p[2];

	KT_ASSERT(pipe(p) == 0);
	E(S(SYS_pidfd_open, getpid(), 0x1), EINVAL);
	E(S(SYS_pidfd_open, 0, 0), EINVAL);
	E(S(SYS_pidfd_open, -1, 0), EINVAL);
	E(S(SYS_pidfd_open, 0x7fffffff, 0), ESRCH);
	E(S(SYS_pidfd_send_signal, -1, 0, NULL, 0), EBADF);
	E(S(SYS_pidfd_send_signal, p[0], 0, NULL, 0), EBADF);
	long fd = S(SYS_pidfd_open, getpid(), 0);
	KT_EXPECT(fd >= 0);
	E(S(SYS_pidfd_send_signal, fd, 0, NULL, 0x100), EINVAL);
	E(S(SYS_pidfd_send_signal, fd, 65, NULL, 0), EINVAL);
	OK(S(SYS_pidfd_send_signal, fd, 0, NULL, 0));
	close(fd);
	close(p[0]);
	close(p[1]);
	return KT_PASS;
#else
	return kt_skip("no pidfd_open in these headers");
#endif
}

static int t_uname_sysinfo_times(void)
{
	E(S(SYS_uname, BAD_PTR), EFAULT);
	E(S(SYS_uname, KERNEL_PTR), EFAULT);
	E(S(SYS_sysinfo, BAD_PTR), EFAULT);
	E(S(SYS_times, BAD_PTR), EFAULT);
	OK(S(SYS_times, NULL));
	return KT_PASS;
}

static int t_reboot(void)
{
	/* Only bad magic numbers: a good one would power the machine off. */
	int e = has_cap_sys_boot ? EINVAL : EPERM;

	E(S(SYS_reboot, 0, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_CAD_OFF, NULL), e);
	E(S(SYS_reboot, LINUX_REBOOT_MAGIC1, 0x12345678, LINUX_REBOOT_CMD_CAD_OFF, NULL), e);
	return KT_PASS;
}

static int t_time(void)
{
	struct timespec bad = { 0, 1000000000 }, neg = { -1, 0 }, ts;

	E(S(SYS_nanosleep, BAD_PTR, NULL), EFAULT);
	E(S(SYS_nanosleep, &bad, NULL), EINVAL);
	E(S(SYS_nanosleep, &neg, NULL), EINVAL);
	E(S(SYS_clock_nanosleep, 99, 0, &ts, NULL), EINVAL);
	/* EINVAL up to Linux 6.x, EOPNOTSUPP in later ones */
	KT_EXPECT_ERRNO2(S(SYS_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0, &ts, NULL), EINVAL, EOPNOTSUPP);
	E(S(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, BAD_PTR, NULL), EFAULT);
	E(S(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &bad, NULL), EINVAL);
	E(S(SYS_clock_gettime, 99, &ts), EINVAL);
	E(S(SYS_clock_gettime, CLOCK_MONOTONIC, BAD_PTR), EFAULT);
	E(S(SYS_clock_gettime, CLOCK_REALTIME, KERNEL_PTR), EFAULT);
	E(S(SYS_clock_getres, 99, &ts), EINVAL);
	E(S(SYS_clock_getres, CLOCK_MONOTONIC, BAD_PTR), EFAULT);
	OK(S(SYS_clock_getres, CLOCK_MONOTONIC, NULL));
	E(S(SYS_gettimeofday, BAD_PTR, NULL), EFAULT);
	OK(S(SYS_gettimeofday, NULL, NULL));
	OK(S(SYS_sched_yield));
	return KT_PASS;
}

static int t_getrandom(void)
{
	E(S(SYS_getrandom, scratch, 16, 0x1000), EINVAL);
	E(S(SYS_getrandom, BAD_PTR, 16, 0), EFAULT);
	KT_EXPECT_EQ(S(SYS_getrandom, scratch, 16, 0), 16);
	return KT_PASS;
}

static int t_rlimits(void)
{
	struct rlimit rl = { 10, 5 };

	E(S(SYS_prlimit64, 0, 999, NULL, &rl), EINVAL);
	E(S(SYS_prlimit64, 0x7fffffff, RLIMIT_NOFILE, NULL, &rl), ESRCH);
	E(S(SYS_prlimit64, 0, RLIMIT_NOFILE, &rl, NULL), EINVAL);   /* cur > max */
	E(S(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, BAD_PTR), EFAULT);
	E(S(SYS_prlimit64, 0, RLIMIT_NOFILE, BAD_PTR, NULL), EFAULT);
	OK(S(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &rl));
#ifdef SYS_getrlimit
	E(S(SYS_getrlimit, 999, &rl), EINVAL);
	E(S(SYS_getrlimit, RLIMIT_NOFILE, BAD_PTR), EFAULT);
#endif
	return KT_PASS;
}

static int t_prctl(void)
{
	char name[16];

	E(S(SYS_prctl, 0x7fffffff, 0, 0, 0, 0), EINVAL);
	E(S(SYS_prctl, PR_SET_NAME, BAD_PTR, 0, 0, 0), EFAULT);
	E(S(SYS_prctl, PR_GET_NAME, BAD_PTR, 0, 0, 0), EFAULT);
	OK(S(SYS_prctl, PR_SET_NAME, "ut-errno-name", 0, 0, 0));
	OK(S(SYS_prctl, PR_GET_NAME, name, 0, 0, 0));
	KT_EXPECT(!strcmp(name, "ut-errno-name"));
	return KT_PASS;
}

static int t_ids_groups_sessions(void)
{
	KT_EXPECT_EQ(S(SYS_set_tid_address, BAD_PTR), getpid());   /* stored, not checked */
	E(S(SYS_setpgid, -1, 0), EINVAL);
	E(S(SYS_setpgid, 0, -1), EINVAL);
	E(S(SYS_setpgid, 0x7fffffff, 0), ESRCH);
	E(S(SYS_getpgid, 0x7fffffff), ESRCH);
	E(S(SYS_getsid, 0x7fffffff), ESRCH);
	KT_EXPECT_EQ(S(SYS_getpgid, 0), getpgrp());
	KT_EXPECT(S(SYS_getppid) > 0);
	KT_EXPECT(S(SYS_getuid) >= 0);
	return KT_PASS;
}

static int t_execve(void)
{
	char *argv[] = { "x", NULL }, *envp[] = { NULL };
	char *bad_argv[] = { "x", BAD_PTR, NULL };

	E(S(SYS_execve, BAD_PTR, argv, envp), EFAULT);
	E(S(SYS_execve, "/nonexistent", argv, envp), ENOENT);
	E(S(SYS_execve, ".", argv, envp), EACCES);
	close(open("noexec", O_CREAT | O_WRONLY, 0644));
	E(S(SYS_execve, "noexec", argv, envp), EACCES);
	E(S(SYS_execve, "/proc/self/exe", BAD_PTR, envp), EFAULT);
	E(S(SYS_execve, "/proc/self/exe", bad_argv, envp), EFAULT);
	E(S(SYS_execve, "/proc/self/exe", argv, BAD_PTR), EFAULT);
#ifdef SYS_execveat
	E(S(SYS_execveat, AT_FDCWD, "noexec", argv, envp, 0x1), EINVAL);
	E(S(SYS_execveat, -1, "", argv, envp, AT_EMPTY_PATH), EBADF);
#endif
	return KT_PASS;
}

static int t_clone(void)
{
	/* Refused before any process is made: no second copy of this test. */
	E(S(SYS_clone, CLONE_SIGHAND, 0, 0, 0, 0), EINVAL);
	E(S(SYS_clone, CLONE_THREAD | CLONE_VM, 0, 0, 0, 0), EINVAL);
	E(S(SYS_clone, CLONE_NEWNS | CLONE_FS, 0, 0, 0, 0), EINVAL);
	return KT_PASS;
}

#ifdef __x86_64__
#include <asm/prctl.h>
static int t_x86_legacy(void)
{
	unsigned long fs;

	E(S(SYS_arch_prctl, 0x9999, &fs), EINVAL);
	E(S(SYS_arch_prctl, ARCH_GET_FS, BAD_PTR), EFAULT);
	OK(S(SYS_arch_prctl, ARCH_GET_FS, &fs));
	E(S(SYS_open, BAD_PTR, O_RDONLY), EFAULT);
	E(S(SYS_stat, "file", BAD_PTR), EFAULT);
	E(S(SYS_lstat, BAD_PTR, scratch), EFAULT);
	E(S(SYS_access, BAD_PTR, F_OK), EFAULT);
	E(S(SYS_dup2, -1, 5), EBADF);
	E(S(SYS_getdents64, -1, scratch, 16), EBADF);
	return KT_PASS;
}
#endif

static const struct kt_case cases[] = {
	{ "read", t_read },
	{ "write", t_write },
	{ "readv_writev", t_readv_writev },
	{ "pread64_pwrite64", t_pread_pwrite },
	{ "lseek", t_lseek },
	{ "openat", t_openat },
	{ "close", t_close },
	{ "fstat_newfstatat", t_fstat_newfstatat },
	{ "statx", t_statx },
	{ "getdents64", t_getdents64 },
	{ "mkdirat", t_mkdirat },
	{ "unlinkat", t_unlinkat },
	{ "renameat2", t_renameat2 },
	{ "symlinkat_readlinkat", t_symlinkat_readlinkat },
	{ "linkat", t_linkat },
	{ "fchmodat_fchownat", t_fchmodat_fchownat },
	{ "utimensat", t_utimensat },
	{ "faccessat", t_faccessat },
	{ "chdir_fchdir_getcwd", t_chdir_fchdir_getcwd },
	{ "umask", t_umask },
	{ "dup_dup3_fcntl", t_dup_dup3_fcntl },
	{ "mount_umount2", t_mount_umount2 },
	{ "ioctl", t_ioctl },
	{ "truncate_ftruncate", t_truncate },
	{ "sync_fsync", t_sync_fsync },
	{ "statfs_fstatfs", t_statfs },
	{ "poll_ppoll_pselect6", t_poll_ppoll_pselect },
	{ "pipe2", t_pipe2 },
	{ "mmap_munmap_mprotect_madvise_mremap_mincore_brk", t_mm },
	{ "wait4_waitid", t_wait4_waitid },
	{ "kill_tgkill_tkill", t_kill_family },
	{ "rt_sigaction", t_rt_sigaction },
	{ "rt_sigprocmask_sigpending_sigsuspend", t_rt_sigprocmask_pending_suspend },
	{ "sigaltstack", t_sigaltstack },
	{ "pidfd_open_send_signal", t_pidfd },
	{ "uname_sysinfo_times", t_uname_sysinfo_times },
	{ "reboot", t_reboot },
	{ "nanosleep_clocks", t_time },
	{ "getrandom", t_getrandom },
	{ "prlimit64_getrlimit", t_rlimits },
	{ "prctl", t_prctl },
	{ "ids_groups_sessions", t_ids_groups_sessions },
	{ "execve_execveat", t_execve },
	{ "clone", t_clone },
#ifdef __x86_64__
	{ "x86_64_arch_prctl_and_legacy", t_x86_legacy },
#endif
};

static void read_caps(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	unsigned long long caps;

	if (!f)
		return;      /* no /proc: Tessera runs everything as root */
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "CapEff: %llx", &caps) == 1)
			has_cap_sys_boot = (caps >> 22) & 1;
	fclose(f);
}

static void cleanup(const char *dir)
{
	static const char *names[] = { "file", "h", "l", "loop1", "loop2", "r2", "rd", "dir", "mnt", "noexec", NULL };

	for (int i = 0; names[i]; i++)
		if (unlink(names[i]) < 0)
			rmdir(names[i]);
	chdir("/");
	rmdir(dir);
}

int main(void)
{
	int r;

	pg = sysconf(_SC_PAGESIZE);
	none = mmap(NULL, pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	edge_page = page_before_hole();
	read_caps();
	if (none == MAP_FAILED || !edge_page || enter_scratch_dir(scratch, sizeof(scratch)) < 0) {
		printf("# set-up failed: %s\n", strerror(errno));
		return 1;
	}
	r = KT_RUN("errno", cases);
	cleanup(scratch);
	return r;
}
