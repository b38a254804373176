/* SPDX-License-Identifier: Apache-2.0 */
/*
 * VFS + ramfs scenarios shared by the ktest (ktest_vfs.c, in the booted
 * kernel) and the host test (test_vfs.c, the same sources under ASan and
 * UBSan). The includer defines:
 *
 *   struct vt                  the test handle
 *   VT_EXPECT(t, cond)         record a failure
 *   VT_EQ(t, a, b)             record a failure when a != b (as long long)
 *   VT_STREQ(t, a, b)
 *   vt_files_begin(t)/vt_files_end(t)   give the current task a descriptor table and take it back
 *
 * Each scenario works under its own directory (/vt-<name>) and removes it,
 * so they run in any order and leave the rootfs as they found it.
 */
#ifndef VFS_SCENARIOS_H
#define VFS_SCENARIOS_H

static struct file *vt_create(const char *path)
{
	return filp_open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
}

static long vt_write_str(const char *path, const char *s)
{
	struct file *f = vt_create(path);
	loff_t pos = 0;
	long r;

	if (IS_ERR(f))
		return PTR_ERR(f);
	r = kernel_write(f, s, strlen(s), &pos);
	fput(f);
	return r;
}

/* Read up to @len - 1 bytes of @path into @buf (NUL-terminated): bytes read or -errno. */
static long vt_read_str(const char *path, char *buf, size_t len)
{
	struct file *f = filp_open(path, O_RDONLY, 0);
	loff_t pos = 0;
	long r;

	if (IS_ERR(f))
		return PTR_ERR(f);
	r = kernel_read(f, buf, len - 1, &pos);
	fput(f);
	buf[r > 0 ? r : 0] = 0;
	return r;
}

static long vt_open_err(const char *path, int flags)
{
	struct file *f = filp_open(path, flags, 0644);

	if (IS_ERR(f))
		return PTR_ERR(f);
	fput(f);
	return 0;
}

static void vt_pattern(u8 *buf, size_t n, unsigned int seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf[i] = (u8)((i * 131 + seed * 7 + (i >> 9)) & 0xff);
}

/* Create, write across pages, read back; stat; O_APPEND; O_EXCL; truncate; lseek. */
static void vt_create_write_read(struct vt *t)
{
	enum { N = 3 * 4096 + 123 };
	static u8 wbuf[N], rbuf[N];
	struct kstat st;
	struct file *f;
	loff_t pos;
	char small[32];

	VT_EQ(t, init_mkdir("/vt-rw", 0755), 0);
	f = vt_create("/vt-rw/data");
	VT_EXPECT(t, !IS_ERR(f));
	if (IS_ERR(f))
		return;
	vt_pattern(wbuf, N, 1);
	pos = 0;
	VT_EQ(t, kernel_write(f, wbuf, N, &pos), N);
	VT_EQ(t, pos, N);
	pos = 0;
	memset(rbuf, 0, N);
	VT_EQ(t, kernel_read(f, rbuf, N, &pos), N);
	VT_EXPECT(t, memcmp(wbuf, rbuf, N) == 0);
	pos = N;
	VT_EQ(t, kernel_read(f, rbuf, 10, &pos), 0);        /* at EOF */
	/* a read across a page boundary from an odd offset */
	pos = 4000;
	VT_EQ(t, kernel_read(f, rbuf, 200, &pos), 200);
	VT_EXPECT(t, memcmp(wbuf + 4000, rbuf, 200) == 0);
	VT_EQ(t, vfs_llseek(f, 0, SEEK_END), N);
	VT_EQ(t, vfs_llseek(f, -1, SEEK_SET), -EINVAL);
	VT_EQ(t, vfs_llseek(f, 5, 7), -EINVAL);
	fput(f);

	VT_EQ(t, init_stat("/vt-rw/data", &st, 0), 0);
	VT_EQ(t, st.size, N);
	VT_EQ(t, st.mode, S_IFREG | 0644);
	VT_EQ(t, st.nlink, 1);

	/* O_EXCL on an existing file, O_CREAT on a directory */
	VT_EQ(t, vt_open_err("/vt-rw/data", O_CREAT | O_EXCL | O_WRONLY), -EEXIST);
	VT_EQ(t, vt_open_err("/vt-rw", O_CREAT | O_WRONLY), -EISDIR);
	VT_EQ(t, vt_open_err("/vt-rw", O_WRONLY), -EISDIR);
	VT_EQ(t, vt_open_err("/vt-rw/data", O_RDONLY | O_DIRECTORY), -ENOTDIR);
	VT_EQ(t, vt_open_err("/vt-rw/none", O_RDONLY), -ENOENT);

	/* O_TRUNC then O_APPEND */
	VT_EQ(t, vt_write_str("/vt-rw/data", "hello"), 5);
	f = filp_open("/vt-rw/data", O_WRONLY | O_APPEND, 0);
	VT_EXPECT(t, !IS_ERR(f));
	if (!IS_ERR(f)) {
		pos = 0;
		VT_EQ(t, kernel_write(f, " world", 6, &pos), 6);
		fput(f);
	}
	VT_EQ(t, vt_read_str("/vt-rw/data", small, sizeof(small)), 11);
	VT_STREQ(t, small, "hello world");

	/* a read-only file refuses writes; a write-only one reads */
	f = filp_open("/vt-rw/data", O_RDONLY, 0);
	if (!IS_ERR(f)) {
		pos = 0;
		VT_EQ(t, kernel_write(f, "x", 1, &pos), -EBADF);
		fput(f);
	}
	f = filp_open("/vt-rw/data", O_WRONLY, 0);
	if (!IS_ERR(f)) {
		pos = 0;
		VT_EQ(t, kernel_read(f, small, 4, &pos), -EBADF);
		fput(f);
	}

	/* truncate down then up: the tail reads as zeroes */
	{
		struct path p;
		char z[12];

		VT_EQ(t, kern_path("/vt-rw/data", LOOKUP_FOLLOW, &p), 0);
		VT_EQ(t, vfs_truncate(&p, 3), 0);
		VT_EQ(t, vfs_truncate(&p, 8), 0);
		VT_EQ(t, vfs_truncate(&p, -1), -EINVAL);
		path_put(&p);
		memset(z, 'x', sizeof(z));
		VT_EQ(t, vt_read_str("/vt-rw/data", z, sizeof(z)), 8);
		VT_EXPECT(t, memcmp(z, "hel\0\0\0\0\0", 8) == 0);
	}
	/* a sparse write: the hole reads zero */
	f = vt_create("/vt-rw/sparse");
	if (!IS_ERR(f)) {
		pos = 3 * 4096 + 5;
		VT_EQ(t, kernel_write(f, "Z", 1, &pos), 1);
		pos = 4096;
		rbuf[0] = 1;
		rbuf[100] = 1;
		VT_EQ(t, kernel_read(f, rbuf, 101, &pos), 101);
		VT_EXPECT(t, rbuf[0] == 0 && rbuf[100] == 0);
		fput(f);
	}

	VT_EQ(t, init_unlink("/vt-rw/data"), 0);
	VT_EQ(t, init_unlink("/vt-rw/sparse"), 0);
	VT_EQ(t, init_rmdir("/vt-rw"), 0);
	VT_EQ(t, init_stat("/vt-rw", &st, 0), -ENOENT);
}

/* mkdir/rmdir/unlink errors, ".", "..", trailing slashes, ENOTDIR, ENAMETOOLONG. */
static void vt_names(struct vt *t)
{
	static char longname[PATH_MAX + 8];
	struct kstat st, root;
	size_t i;

	VT_EQ(t, init_mkdir("/vt-n", 0755), 0);
	VT_EQ(t, init_mkdir("/vt-n", 0755), -EEXIST);
	VT_EQ(t, init_mkdir("/vt-n/a/b", 0755), -ENOENT);
	VT_EQ(t, init_mkdir("/vt-n/a", 0700), 0);
	VT_EQ(t, init_mkdir("/vt-n/a/b/", 0755), 0);        /* a trailing slash is fine for mkdir */
	VT_EQ(t, vt_write_str("/vt-n/f", "x"), 1);
	VT_EQ(t, init_mkdir("/vt-n/f/x", 0755), -ENOTDIR);
	VT_EQ(t, init_stat("/vt-n/f/", &st, 0), -ENOTDIR);
	VT_EQ(t, init_stat("/vt-n/f/.", &st, 0), -ENOTDIR);
	VT_EQ(t, init_stat("/vt-n/a/b/../../f", &st, 0), 0);
	VT_EQ(t, init_stat("/vt-n/./a/./b/.", &st, 0), 0);
	VT_EXPECT(t, S_ISDIR(st.mode));
	VT_EQ(t, init_stat("/", &root, 0), 0);
	VT_EQ(t, init_stat("/../../..", &st, 0), 0);           /* ".." of the root is the root */
	VT_EQ(t, st.ino, root.ino);
	VT_EQ(t, init_stat("//vt-n///a//", &st, 0), 0);
	VT_EQ(t, init_stat("", &st, 0), -ENOENT);

	/* nlink of directories: 2 + subdirectories */
	VT_EQ(t, init_stat("/vt-n/a", &st, 0), 0);
	VT_EQ(t, st.nlink, 3);
	VT_EQ(t, st.mode, S_IFDIR | 0700);

	VT_EQ(t, init_rmdir("/vt-n/a"), -ENOTEMPTY);
	VT_EQ(t, init_rmdir("/vt-n/f"), -ENOTDIR);
	VT_EQ(t, init_unlink("/vt-n/a"), -EISDIR);
	VT_EQ(t, init_rmdir("/vt-n/a/b/."), -EINVAL);
	VT_EQ(t, init_rmdir("/vt-n/a/b/.."), -ENOTEMPTY);
	VT_EQ(t, init_rmdir("/"), -EBUSY);
	VT_EQ(t, init_mkdir("/", 0755), -EEXIST);
	VT_EQ(t, init_unlink("/vt-n/missing"), -ENOENT);

	/* a component of 256 bytes, a path of PATH_MAX */
	memcpy(longname, "/vt-n/", 6);
	for (i = 6; i < 6 + 256; i++)
		longname[i] = 'n';
	longname[i] = 0;
	VT_EQ(t, init_mkdir(longname, 0755), -ENAMETOOLONG);
	longname[6 + 255] = 0;
	VT_EQ(t, init_mkdir(longname, 0755), 0);                /* 255 is NAME_MAX: fine */
	VT_EQ(t, init_rmdir(longname), 0);
	for (i = 0; i < PATH_MAX; i += 2) {
		longname[i] = '/';
		longname[i + 1] = '.';
	}
	longname[PATH_MAX] = 0;
	VT_EQ(t, init_stat(longname, &st, 0), -ENAMETOOLONG);
	longname[PATH_MAX - 2] = 0;
	VT_EQ(t, init_stat(longname, &st, 0), 0);

	/* chmod, umask-free init_mkdir mode */
	VT_EQ(t, init_chmod("/vt-n/f", 0600), 0);
	VT_EQ(t, init_stat("/vt-n/f", &st, 0), 0);
	VT_EQ(t, st.mode, S_IFREG | 0600);

	VT_EQ(t, init_rmdir("/vt-n/a/b"), 0);
	VT_EQ(t, init_rmdir("/vt-n/a"), 0);
	VT_EQ(t, init_unlink("/vt-n/f"), 0);
	VT_EQ(t, init_rmdir("/vt-n"), 0);
}

/* rename: plain, over a file, over an empty dir, into itself, NOREPLACE, EXCHANGE. */
static void vt_rename(struct vt *t)
{
	struct kstat st, st2;
	char buf[16];

	VT_EQ(t, init_mkdir("/vt-mv", 0755), 0);
	VT_EQ(t, init_mkdir("/vt-mv/d1", 0755), 0);
	VT_EQ(t, init_mkdir("/vt-mv/d2", 0755), 0);
	VT_EQ(t, vt_write_str("/vt-mv/a", "AAA"), 3);
	VT_EQ(t, vt_write_str("/vt-mv/b", "BB"), 2);

	VT_EQ(t, vfs_renameat2(AT_FDCWD, "/vt-mv/a", AT_FDCWD, "/vt-mv/d1/a2", 0), 0);
	VT_EQ(t, init_stat("/vt-mv/a", &st, 0), -ENOENT);
	VT_EQ(t, vt_read_str("/vt-mv/d1/a2", buf, sizeof(buf)), 3);
	VT_STREQ(t, buf, "AAA");
	/* over an existing file: its inode goes, the name now reads the moved data */
	VT_EQ(t, vfs_renameat2(AT_FDCWD, "/vt-mv/d1/a2", AT_FDCWD, "/vt-mv/b", RENAME_NOREPLACE), -EEXIST);
	VT_EQ(t, vfs_renameat2(AT_FDCWD, "/vt-mv/d1/a2", AT_FDCWD, "/vt-mv/b", 0), 0);
	VT_EQ(t, vt_read_str("/vt-mv/b", buf, sizeof(buf)), 3);
	VT_STREQ(t, buf, "AAA");
	/* directories: into itself, over a file, a file over a dir, over a non-empty dir */
	VT_EQ(t, vfs_renameat2(AT_FDCWD, "/vt-mv/d1", AT_FDCWD, "/vt-mv/d1/x", 0), -EINVAL);
	VT_EQ(t, vfs_renameat2(AT_FDCWD, "/vt-mv/d1", AT_FDCWD, "/vt-mv/b", 0), -ENOTDIR);
	VT_EQ(t, vfs_renameat2(AT_FDCWD, "/vt-mv/b", AT_FDCWD, "/vt-mv/d1", 0), -EISDIR);
	VT_EQ(t, init_mkdir("/vt-mv/d2/sub", 0755), 0);
	VT_EQ(t, vfs_renameat2(AT_FDCWD, "/vt-mv/d1", AT_FDCWD, "/vt-mv/d2", 0), -ENOTEMPTY);
	VT_EQ(t, vfs_renameat2(AT_FDCWD, "/vt-mv/d2/sub", AT_FDCWD, "/vt-mv/d1", 0), 0);   /* over an empty dir */
	VT_EQ(t, init_stat("/vt-mv", &st, 0), 0);
	VT_EQ(t, st.nlink, 4);                          /* 2 + d1, d2 */
	VT_EQ(t, init_stat("/vt-mv/d2", &st, 0), 0);
	VT_EQ(t, st.nlink, 2);
	VT_EQ(t, vfs_renameat2(AT_FDCWD, "/vt-mv/nope", AT_FDCWD, "/vt-mv/x", 0), -ENOENT);
	VT_EQ(t, vfs_renameat2(AT_FDCWD, "/vt-mv/b", AT_FDCWD, "/vt-mv/b", 0), 0);
	VT_EQ(t, vfs_renameat2(AT_FDCWD, "/vt-mv/b", AT_FDCWD, "/vt-mv/c", 3), -EINVAL);
	/* exchange a file and a directory */
	VT_EQ(t, init_stat("/vt-mv/b", &st, 0), 0);
	VT_EQ(t, init_stat("/vt-mv/d2", &st2, 0), 0);
	VT_EQ(t, vfs_renameat2(AT_FDCWD, "/vt-mv/b", AT_FDCWD, "/vt-mv/d2", RENAME_EXCHANGE), 0);
	VT_EQ(t, init_stat("/vt-mv/d2", &st, 0), 0);
	VT_EXPECT(t, S_ISREG(st.mode));
	VT_EQ(t, init_stat("/vt-mv/b", &st, 0), 0);
	VT_EQ(t, st.ino, st2.ino);
	VT_EQ(t, vfs_renameat2(AT_FDCWD, "/vt-mv/b", AT_FDCWD, "/vt-mv/none", RENAME_EXCHANGE), -ENOENT);

	VT_EQ(t, init_unlink("/vt-mv/d2"), 0);
	VT_EQ(t, init_rmdir("/vt-mv/b"), 0);
	VT_EQ(t, init_rmdir("/vt-mv/d1"), 0);
	VT_EQ(t, init_rmdir("/vt-mv"), 0);
}

/* An unlinked file stays readable while open; its pages go with the last reference. */
static void vt_unlink_open(struct vt *t)
{
	enum { N = 5 * 4096 };
	static u8 wbuf[N], rbuf[N];
	unsigned long cached_before, cached_written;
	struct file *f;
	struct kstat st;
	loff_t pos = 0;

	VT_EQ(t, init_mkdir("/vt-ul", 0755), 0);
	cached_before = nr_pagecache_pages();
	f = vt_create("/vt-ul/f");
	VT_EXPECT(t, !IS_ERR(f));
	if (IS_ERR(f))
		return;
	vt_pattern(wbuf, N, 3);
	VT_EQ(t, kernel_write(f, wbuf, N, &pos), N);
	cached_written = nr_pagecache_pages();
	VT_EQ(t, cached_written - cached_before, 5);
	VT_EQ(t, init_link("/vt-ul/f", "/vt-ul/g"), 0);
	VT_EQ(t, init_stat("/vt-ul/g", &st, 0), 0);
	VT_EQ(t, st.nlink, 2);
	VT_EQ(t, init_unlink("/vt-ul/f"), 0);
	VT_EQ(t, init_unlink("/vt-ul/g"), 0);
	VT_EQ(t, init_stat("/vt-ul/f", &st, 0), -ENOENT);
	VT_EQ(t, init_rmdir("/vt-ul"), 0);                  /* the directory can go too */
	VT_EQ(t, nr_pagecache_pages(), cached_written);     /* data still there */
	VT_EQ(t, vfs_fstat(f, &st), 0);
	VT_EQ(t, st.nlink, 0);
	pos = 0;
	VT_EQ(t, kernel_read(f, rbuf, N, &pos), N);
	VT_EXPECT(t, memcmp(wbuf, rbuf, N) == 0);
	pos = N;
	VT_EQ(t, kernel_write(f, "more", 4, &pos), 4);      /* and writable */
	fput(f);
	VT_EQ(t, nr_pagecache_pages(), cached_before);      /* every page went */
}

/* Symlinks: relative and absolute, through directories, dangling, loops, the 40-link limit. */
static void vt_symlinks(struct vt *t)
{
	char buf[64], name[32], target[32];
	struct kstat st;
	struct file *f;
	int i;

	VT_EQ(t, init_mkdir("/vt-sl", 0755), 0);
	VT_EQ(t, init_mkdir("/vt-sl/dir", 0755), 0);
	VT_EQ(t, vt_write_str("/vt-sl/dir/file", "data"), 4);
	VT_EQ(t, init_symlink("dir/file", "/vt-sl/rel"), 0);
	VT_EQ(t, init_symlink("/vt-sl/dir", "/vt-sl/abs"), 0);
	VT_EQ(t, init_symlink("../dir/file", "/vt-sl/dir/up"), 0);
	VT_EQ(t, init_symlink("nowhere", "/vt-sl/dangling"), 0);
	VT_EQ(t, init_symlink("", "/vt-sl/empty"), -ENOENT);
	VT_EQ(t, init_symlink("x", "/vt-sl/rel"), -EEXIST);
	VT_EQ(t, vt_read_str("/vt-sl/rel", buf, sizeof(buf)), 4);
	VT_STREQ(t, buf, "data");
	VT_EQ(t, vt_read_str("/vt-sl/abs/file", buf, sizeof(buf)), 4);
	VT_EQ(t, vt_read_str("/vt-sl/abs/up", buf, sizeof(buf)), 4);
	VT_EQ(t, vt_read_str("/vt-sl/dangling", buf, sizeof(buf)), -ENOENT);
	VT_EQ(t, init_stat("/vt-sl/rel", &st, AT_SYMLINK_NOFOLLOW), 0);
	VT_EXPECT(t, S_ISLNK(st.mode));
	VT_EQ(t, st.size, 8);
	VT_EQ(t, init_stat("/vt-sl/rel", &st, 0), 0);
	VT_EXPECT(t, S_ISREG(st.mode));
	VT_EQ(t, vfs_readlinkat(AT_FDCWD, "/vt-sl/rel", buf, sizeof(buf)), 8);
	VT_EXPECT(t, memcmp(buf, "dir/file", 8) == 0);
	VT_EQ(t, vfs_readlinkat(AT_FDCWD, "/vt-sl/rel", buf, 3), 3);       /* truncated, no NUL */
	VT_EQ(t, vfs_readlinkat(AT_FDCWD, "/vt-sl/dir", buf, sizeof(buf)), -EINVAL);
	VT_EQ(t, vt_open_err("/vt-sl/rel", O_RDONLY | O_NOFOLLOW), -ELOOP);
	/* "abs/" follows the link to a directory; "rel/" is not a directory */
	VT_EQ(t, init_stat("/vt-sl/abs/", &st, AT_SYMLINK_NOFOLLOW), 0);
	VT_EXPECT(t, S_ISDIR(st.mode));
	VT_EQ(t, init_stat("/vt-sl/rel/", &st, 0), -ENOTDIR);

	/* a loop of two */
	VT_EQ(t, init_symlink("loop2", "/vt-sl/loop1"), 0);
	VT_EQ(t, init_symlink("loop1", "/vt-sl/loop2"), 0);
	VT_EQ(t, vt_read_str("/vt-sl/loop1", buf, sizeof(buf)), -ELOOP);
	VT_EQ(t, init_stat("/vt-sl/loop1/x", &st, 0), -ELOOP);
	VT_EQ(t, init_stat("/vt-sl/loop1", &st, AT_SYMLINK_NOFOLLOW), 0);
	/* a self-loop through a directory component */
	VT_EQ(t, init_symlink("self/x", "/vt-sl/self"), 0);
	VT_EQ(t, init_stat("/vt-sl/self", &st, 0), -ELOOP);

	/* a chain: c0 -> dir/file, c(i) -> c(i-1); 40 links resolve, 41 do not */
	VT_EQ(t, init_symlink("dir/file", "/vt-sl/c0"), 0);
	for (i = 1; i <= 40; i++) {
		snprintf(name, sizeof(name), "/vt-sl/c%d", i);
		snprintf(target, sizeof(target), "c%d", i - 1);
		VT_EQ(t, init_symlink(target, name), 0);
	}
	VT_EQ(t, init_stat("/vt-sl/c39", &st, 0), 0);
	VT_EXPECT(t, S_ISREG(st.mode));
	VT_EQ(t, init_stat("/vt-sl/c40", &st, 0), -ELOOP);
	f = filp_open("/vt-sl/c39", O_RDONLY, 0);
	VT_EXPECT(t, !IS_ERR(f));
	if (!IS_ERR(f))
		fput(f);

	for (i = 0; i <= 40; i++) {
		snprintf(name, sizeof(name), "/vt-sl/c%d", i);
		VT_EQ(t, init_unlink(name), 0);
	}
	VT_EQ(t, init_unlink("/vt-sl/self"), 0);
	VT_EQ(t, init_unlink("/vt-sl/loop1"), 0);
	VT_EQ(t, init_unlink("/vt-sl/loop2"), 0);
	VT_EQ(t, init_unlink("/vt-sl/dangling"), 0);
	VT_EQ(t, init_unlink("/vt-sl/dir/up"), 0);
	VT_EQ(t, init_unlink("/vt-sl/abs"), 0);             /* the link, not the directory */
	VT_EQ(t, init_stat("/vt-sl/dir", &st, 0), 0);
	VT_EQ(t, init_unlink("/vt-sl/rel"), 0);
	VT_EQ(t, init_unlink("/vt-sl/dir/file"), 0);
	VT_EQ(t, init_rmdir("/vt-sl/dir"), 0);
	VT_EQ(t, init_rmdir("/vt-sl"), 0);
}

struct vt_dirent_seen {
	struct dir_context ctx;
	int count;
	int dots;
	unsigned int mask;              /* bit i: "e<i>" seen */
	int limit;                      /* stop after this many (0: none) */
	bool bad_type;
};

static bool vt_filldir(struct dir_context *ctx, const char *name, int len, loff_t pos, u64 ino,
		       unsigned int type)
{
	struct vt_dirent_seen *s = container_of(ctx, struct vt_dirent_seen, ctx);

	(void)pos;
	(void)ino;
	if (s->limit && s->count >= s->limit)
		return false;
	s->count++;
	if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.')) {
		s->dots++;
		if (type != DT_DIR)
			s->bad_type = true;
	} else if (len == 2 && name[0] == 'e' && name[1] >= '0' && name[1] <= '9') {
		s->mask |= 1U << (name[1] - '0');
		if (type != (name[1] == '0' ? DT_DIR : DT_REG))
			s->bad_type = true;
	}
	return true;
}

/* Readdir: ".", "..", every entry once, in pieces; the cursor survives an unlink. */
static void vt_readdir(struct vt *t)
{
	struct vt_dirent_seen s;
	struct file *f;
	char name[24];
	int i;

	VT_EQ(t, init_mkdir("/vt-rd", 0755), 0);
	VT_EQ(t, init_mkdir("/vt-rd/e0", 0755), 0);
	for (i = 1; i < 8; i++) {
		snprintf(name, sizeof(name), "/vt-rd/e%d", i);
		VT_EQ(t, vt_write_str(name, "x"), 1);
	}
	f = filp_open("/vt-rd", O_RDONLY | O_DIRECTORY, 0);
	VT_EXPECT(t, !IS_ERR(f));
	if (IS_ERR(f))
		return;
	memset(&s, 0, sizeof(s));
	s.ctx.actor = vt_filldir;
	VT_EQ(t, vfs_iterate_dir(f, &s.ctx), 0);
	VT_EQ(t, s.count, 10);
	VT_EQ(t, s.dots, 2);
	VT_EQ(t, s.mask, 0xff);
	VT_EXPECT(t, !s.bad_type);
	/* again from the start, three at a time */
	VT_EQ(t, vfs_llseek(f, 0, SEEK_SET), 0);
	memset(&s, 0, sizeof(s));
	s.ctx.actor = vt_filldir;
	for (i = 0; i < 6; i++) {
		int before = s.count;

		s.limit = s.count + 3;
		VT_EQ(t, vfs_iterate_dir(f, &s.ctx), 0);
		if (s.count == before)
			break;
	}
	VT_EQ(t, s.count, 10);
	VT_EQ(t, s.mask, 0xff);
	fput(f);

	VT_EQ(t, init_unlink("/vt-rd/e3"), 0);
	f = filp_open("/vt-rd", O_RDONLY, 0);
	if (!IS_ERR(f)) {
		memset(&s, 0, sizeof(s));
		s.ctx.actor = vt_filldir;
		VT_EQ(t, vfs_iterate_dir(f, &s.ctx), 0);
		VT_EQ(t, s.count, 9);
		VT_EQ(t, s.mask, 0xf7);
		{
			loff_t pos = 0;
			char c;

			VT_EQ(t, kernel_read(f, &c, 1, &pos), -EISDIR);
		}
		fput(f);
	}
	for (i = 0; i < 8; i++) {
		snprintf(name, sizeof(name), "/vt-rd/e%d", i);
		if (i == 0)
			VT_EQ(t, init_rmdir(name), 0);
		else if (i != 3)
			VT_EQ(t, init_unlink(name), 0);
	}
	f = filp_open("/vt-rd", O_RDONLY, 0);
	VT_EQ(t, init_rmdir("/vt-rd"), 0);
	if (!IS_ERR(f)) {       /* a removed directory lists nothing */
		memset(&s, 0, sizeof(s));
		s.ctx.actor = vt_filldir;
		VT_EQ(t, vfs_iterate_dir(f, &s.ctx), -ENOENT);
		fput(f);
	}
}

/* A second ramfs (tmpfs) mounted on a directory: crossing, EXDEV, EBUSY, umount. */
static void vt_mounts(struct vt *t)
{
	struct kstat st, st_root, st_mp;
	char buf[16];
	struct file *f;

	VT_EQ(t, init_mkdir("/vt-mnt", 0755), 0);
	VT_EQ(t, init_mkdir("/vt-mnt/m", 0755), 0);
	VT_EQ(t, vt_write_str("/vt-mnt/m/under", "u"), 1);
	VT_EQ(t, init_stat("/vt-mnt/m", &st_mp, 0), 0);
	VT_EQ(t, init_mount("none", "/vt-mnt/m", "tmpfs", 0, NULL), 0);
	VT_EQ(t, init_mount("none", "/vt-mnt/x", "tmpfs", 0, NULL), -ENOENT);
	VT_EQ(t, init_mount("none", "/vt-mnt/m", "nosuchfs", 0, NULL), -ENODEV);
	VT_EQ(t, init_stat("/vt-mnt/m", &st, 0), 0);
	VT_EQ(t, st.mode, S_IFDIR | 01777);                 /* tmpfs's root */
	VT_EXPECT(t, st.dev != st_mp.dev);
	VT_EQ(t, init_stat("/vt-mnt/m/under", &st, 0), -ENOENT);   /* hidden by the mount */
	VT_EQ(t, vt_write_str("/vt-mnt/m/new", "over"), 4);
	VT_EQ(t, vt_read_str("/vt-mnt/m/../m/new", buf, sizeof(buf)), 4);
	VT_EQ(t, init_stat("/vt-mnt/m/..", &st, 0), 0);     /* ".." leaves the mount */
	VT_EQ(t, init_stat("/vt-mnt", &st_root, 0), 0);
	VT_EQ(t, st.ino, st_root.ino);
	VT_EQ(t, st.dev, st_root.dev);
	VT_EQ(t, vfs_renameat2(AT_FDCWD, "/vt-mnt/m/new", AT_FDCWD, "/vt-mnt/new", 0), -EXDEV);
	VT_EQ(t, init_link("/vt-mnt/m/new", "/vt-mnt/new"), -EXDEV);
	VT_EQ(t, init_rmdir("/vt-mnt/m"), -EBUSY);
	VT_EQ(t, vfs_renameat2(AT_FDCWD, "/vt-mnt/m", AT_FDCWD, "/vt-mnt/m2", 0), -EBUSY);
	/* busy while a file is open in it */
	f = filp_open("/vt-mnt/m/new", O_RDONLY, 0);
	VT_EXPECT(t, !IS_ERR(f));
	VT_EQ(t, init_umount("/vt-mnt/m", 0), -EBUSY);
	if (!IS_ERR(f))
		fput(f);
	VT_EQ(t, init_umount("/vt-mnt/m/new", 0), -EINVAL);        /* not a mount's root */
	VT_EQ(t, init_umount("/vt-mnt/m", 0), 0);
	VT_EQ(t, init_stat("/vt-mnt/m/new", &st, 0), -ENOENT);
	VT_EQ(t, vt_read_str("/vt-mnt/m/under", buf, sizeof(buf)), 1);    /* visible again */
	VT_EQ(t, init_umount("/vt-mnt/m", 0), -EINVAL);
	/* two stacked mounts come off in order */
	VT_EQ(t, init_mount("a", "/vt-mnt/m", "ramfs", 0, NULL), 0);
	VT_EQ(t, init_mount("b", "/vt-mnt/m", "tmpfs", 0, NULL), 0);
	VT_EQ(t, init_stat("/vt-mnt/m", &st, 0), 0);
	VT_EQ(t, st.mode, S_IFDIR | 01777);
	VT_EQ(t, init_umount("/vt-mnt/m", 0), 0);
	VT_EQ(t, init_stat("/vt-mnt/m", &st, 0), 0);
	VT_EQ(t, st.mode, S_IFDIR | 0755);
	VT_EQ(t, init_umount("/vt-mnt/m", 0), 0);
	VT_EQ(t, init_unlink("/vt-mnt/m/under"), 0);
	VT_EQ(t, init_rmdir("/vt-mnt/m"), 0);
	VT_EQ(t, init_rmdir("/vt-mnt"), 0);
}

/* Descriptor tables: lowest free fd, dup, dup2 over an open fd, close-on-exec, dup_fd for fork. */
static void vt_fdtable(struct vt *t)
{
	struct files_struct *files, *copy;
	struct file *f, *g;
	int fd0, fd1, fd2, err;

	files = vt_files_begin(t);
	if (!files)
		return;
	VT_EQ(t, vt_write_str("/vt-fd", "fd"), 2);
	f = filp_open("/vt-fd", O_RDONLY, 0);
	VT_EXPECT(t, !IS_ERR(f));
	if (IS_ERR(f)) {
		vt_files_end(t);
		return;
	}
	fd0 = get_unused_fd_flags(0);
	VT_EQ(t, fd0, 0);
	fd_install((unsigned int)fd0, f);
	fd1 = vfs_fd_dupfd(files, 0, 0, 0);
	VT_EQ(t, fd1, 1);
	fd2 = vfs_fd_dupfd(files, 0, 10, O_CLOEXEC);
	VT_EQ(t, fd2, 10);
	VT_EQ(t, atomic_long_read(&f->f_count), 3);
	VT_EQ(t, vfs_fd_dup(files, 0, 200, 0), 200);       /* grows the table */
	VT_EXPECT(t, files->max_fds > 200);
	VT_EQ(t, vfs_fd_dup(files, 5, 6, 0), -EBADF);
	VT_EQ(t, vfs_fd_dup(files, 0, NR_OPEN_MAX, 0), -EBADF);
	VT_EQ(t, close_fd(1), 0);
	VT_EQ(t, close_fd(1), -EBADF);
	VT_EQ(t, get_unused_fd_flags(0), 1);                /* the lowest free again */
	put_unused_fd(1);
	g = fget(10);
	VT_EXPECT(t, g == f);
	if (g)
		fput(g);
	VT_EXPECT(t, fget(1) == NULL);
	/* fork: the copy shares the files */
	copy = dup_fd(files, &err);
	VT_EQ(t, err, 0);
	VT_EXPECT(t, copy != NULL);
	VT_EQ(t, atomic_long_read(&f->f_count), 6);
	/* exec: close-on-exec descriptors go, the others stay */
	do_close_on_exec(files);
	VT_EQ(t, atomic_long_read(&f->f_count), 5);
	VT_EXPECT(t, fget(10) == NULL);
	g = fget(200);
	VT_EXPECT(t, g == f);
	if (g)
		fput(g);
	put_files_struct(copy);
	VT_EQ(t, atomic_long_read(&f->f_count), 2);
	vt_files_end(t);                                    /* put_files_struct: closes 0 and 200 */
	VT_EQ(t, init_unlink("/vt-fd"), 0);
}

static ssize_t vt_chr_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	char c = (char)('a' + MINOR(file_inode(file)->i_rdev));
	size_t n = 0;

	(void)pos;
	while (iov_iter_count(to) && n < 3)
		n += copy_to_iter(&c, 1, to);
	return (ssize_t)n;
}

static int vt_chr_opens;

static int vt_chr_open(struct inode *inode, struct file *file)
{
	(void)inode;
	(void)file;
	vt_chr_opens++;
	return 0;
}

static const struct file_operations vt_chr_fops = {
	.open = vt_chr_open,
	.read = vt_chr_read,
};

/* A character device node opens the registered driver's fops; an unregistered major is ENXIO. */
static void vt_chrdev(struct vt *t)
{
	char buf[8];
	struct kstat st;

	VT_EQ(t, register_chrdev(250, "vt", &vt_chr_fops), 250);
	VT_EQ(t, register_chrdev(250, "vt2", &vt_chr_fops), -EBUSY);
	VT_EQ(t, init_mknod("/vt-chr", S_IFCHR | 0600, new_encode_dev(MKDEV(250, 2))), 0);
	VT_EQ(t, init_mknod("/vt-chr2", S_IFCHR | 0600, new_encode_dev(MKDEV(251, 0))), 0);
	VT_EQ(t, init_mknod("/vt-fifo", S_IFIFO | 0600, 0), 0);
	VT_EQ(t, init_mknod("/vt-bad", 0170000 | 0600, 0), -EINVAL);
	VT_EQ(t, init_stat("/vt-chr", &st, 0), 0);
	VT_EQ(t, st.rdev, MKDEV(250, 2));
	/* init_mknod() takes the user ABI encoding (new_encode_dev), as Linux's */
	VT_EQ(t, new_encode_dev(MKDEV(1, 3)), 0x103);
	VT_EQ(t, new_decode_dev(new_encode_dev(MKDEV(4095U, 0xfffffU))), MKDEV(4095U, 0xfffffU));
	VT_EXPECT(t, S_ISCHR(st.mode));
	vt_chr_opens = 0;
	VT_EQ(t, vt_read_str("/vt-chr", buf, sizeof(buf)), 3);
	VT_STREQ(t, buf, "ccc");
	VT_EQ(t, vt_chr_opens, 1);
	VT_EQ(t, vt_read_str("/vt-chr2", buf, sizeof(buf)), -ENXIO);
	unregister_chrdev(250, "vt");
	VT_EQ(t, vt_read_str("/vt-chr", buf, sizeof(buf)), -ENXIO);
	VT_EQ(t, init_unlink("/vt-chr"), 0);
	VT_EQ(t, init_unlink("/vt-chr2"), 0);
	VT_EQ(t, init_unlink("/vt-fifo"), 0);
}

/* mmap support: the fault handler hands out the page-cache page, referenced; SIGBUS past the end. */
static void vt_mmap_fault(struct vt *t)
{
	static u8 wbuf[2 * 4096 + 10];
	struct vm_area_struct vma;
	struct page *page = NULL;
	struct file *f;
	loff_t pos = 0;
	int refs;

	f = vt_create("/vt-map");
	VT_EXPECT(t, !IS_ERR(f));
	if (IS_ERR(f))
		return;
	vt_pattern(wbuf, sizeof(wbuf), 9);
	VT_EQ(t, kernel_write(f, wbuf, sizeof(wbuf), &pos), (long)sizeof(wbuf));
	memset(&vma, 0, sizeof(vma));
	vma.vm_file = f;
	vma.vm_start = 0x400000;
	vma.vm_end = 0x400000 + 4 * 4096;
	VT_EXPECT(t, f->f_op->mmap != NULL);
	VT_EQ(t, f->f_op->mmap(f, &vma), 0);
	VT_EXPECT(t, vma.vm_ops && vma.vm_ops->fault);
	if (!vma.vm_ops || !vma.vm_ops->fault) {
		fput(f);
		return;
	}
	VT_EQ(t, vma.vm_ops->fault(&vma, 0x401000, 1, &page), 0);
	VT_EXPECT(t, page != NULL);
	if (page) {
		refs = page_ref_count(page);
		VT_EXPECT(t, refs >= 2);                    /* the cache's and ours */
		VT_EXPECT(t, memcmp(page_address(page), wbuf + 4096, 4096) == 0);
		VT_EXPECT(t, page->mapping == f->f_mapping);
		VT_EQ(t, page->index, 1);
		put_page(page);
	}
	page = NULL;
	VT_EQ(t, vma.vm_ops->fault(&vma, 0x402000, 2, &page), 0);      /* the partial last page */
	if (page)
		put_page(page);
	VT_EXPECT(t, vma.vm_ops->fault(&vma, 0x403000, 3, &page) < 0); /* past the end */
	fput(f);
	VT_EQ(t, init_unlink("/vt-map"), 0);
}

/* cwd and chdir, relative names, d_path, "(deleted)". */
static void vt_cwd(struct vt *t)
{
	char buf[128], *s;
	struct path p;
	struct kstat st;

	VT_EQ(t, init_mkdir("/vt-cwd", 0755), 0);
	VT_EQ(t, init_mkdir("/vt-cwd/sub", 0755), 0);
	VT_EQ(t, kern_path("/vt-cwd/sub/../sub", LOOKUP_FOLLOW, &p), 0);
	s = d_path(&p, buf, sizeof(buf));
	VT_EXPECT(t, !IS_ERR(s));
	if (!IS_ERR(s))
		VT_STREQ(t, s, "/vt-cwd/sub");
	VT_EXPECT(t, IS_ERR(d_path(&p, buf, 5)));
	VT_EQ(t, init_rmdir("/vt-cwd/sub"), 0);
	s = d_path(&p, buf, sizeof(buf));
	if (!IS_ERR(s))
		VT_STREQ(t, s, "/vt-cwd/sub (deleted)");
	VT_EQ(t, init_mkdir("/vt-cwd/sub/x", 0755), -ENOENT);
	path_put(&p);
	VT_EQ(t, kern_path("/", 0, &p), 0);
	s = d_path(&p, buf, sizeof(buf));
	if (!IS_ERR(s))
		VT_STREQ(t, s, "/");
	path_put(&p);
	VT_EQ(t, vfs_statat(AT_FDCWD, "vt-cwd", &st, 0), 0);   /* relative to "/" */
	VT_EQ(t, init_rmdir("/vt-cwd"), 0);
}

static const struct file_operations vt_pseudo_fops;

/* A file on no name (a pipe's end): stat, d_path "pipe:[ino]", its inode freed with the last fput. */
static void vt_pseudo(struct vt *t)
{
	struct inode *inode = new_inode(NULL);
	struct file *f, *g;
	struct kstat st;
	char buf[64], *s, want[40];

	VT_EXPECT(t, inode != NULL);
	if (!inode)
		return;
	inode->i_mode = S_IFIFO | 0600;
	ihold(inode);
	f = alloc_file_pseudo(inode, "pipe:", O_RDONLY, &vt_pseudo_fops);
	g = alloc_file_pseudo(inode, "pipe:", O_WRONLY, &vt_pseudo_fops);
	VT_EXPECT(t, !IS_ERR(f) && !IS_ERR(g));
	if (IS_ERR(f) || IS_ERR(g))
		return;
	VT_EQ(t, atomic_read(&inode->i_count), 2);
	VT_EQ(t, vfs_fstat(f, &st), 0);
	VT_EQ(t, st.mode, S_IFIFO | 0600);
	VT_EQ(t, st.ino, inode->i_ino);
	snprintf(want, sizeof(want), "pipe:[%llu]", (unsigned long long)inode->i_ino);
	s = d_path(&f->f_path, buf, sizeof(buf));
	VT_EXPECT(t, !IS_ERR(s));
	if (!IS_ERR(s))
		VT_STREQ(t, s, want);
	VT_EXPECT(t, f->f_mode & FMODE_READ);
	VT_EXPECT(t, !(f->f_mode & FMODE_LSEEK));
	VT_EQ(t, vfs_llseek(f, 0, SEEK_SET), -ESPIPE);
	fput(f);
	VT_EQ(t, atomic_read(&inode->i_count), 1);
	fput(g);                                /* the inode goes with it */
}

#define VT_SCENARIOS(X) \
	X(vt_create_write_read) X(vt_names) X(vt_rename) X(vt_unlink_open) X(vt_symlinks) \
	X(vt_readdir) X(vt_mounts) X(vt_fdtable) X(vt_chrdev) X(vt_mmap_fault) X(vt_cwd) X(vt_pseudo)

#endif
