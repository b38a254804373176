/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The memory devices through the VFS: each opened by path on a devtmpfs
 * mount (chrdev_open -> major 1 -> the minor's operations), read and
 * written with kernel_read/kernel_write.
 */
#include <tessera/gfp.h>          /* before interfaces/vfs.h (gfp_t) */
#include <interfaces/devtmpfs.h>
#include <interfaces/ktest.h>
#include <interfaces/lib.h>
#include <interfaces/vfs.h>
#include <tessera/errno.h>
#include <tessera/fs.h>
#include <tessera/ktest.h>

#define DIR "/ktest-mem"

static struct file *open_dev(const char *name, int flags)
{
	char path[64];

	snprintf(path, sizeof(path), DIR "/%s", name);
	return filp_open(path, flags, 0);
}

static bool mounted;

static bool setup(struct ktest *test)
{
	if (!mounted) {
		KTEST_EXPECT_EQ(test, devtmpfs_mount(DIR), 0);
		mounted = true;
	}
	return true;
}

static void zero_reads_zeros(struct ktest *test)
{
	unsigned char buf[300];
	struct file *f;
	loff_t pos = 0;
	unsigned int i, nonzero = 0;

	setup(test);
	f = open_dev("zero", O_RDWR);
	KTEST_ASSERT(test, !IS_ERR_OR_NULL(f));
	memset(buf, 0xa5, sizeof(buf));
	KTEST_EXPECT_EQ(test, kernel_read(f, buf, sizeof(buf), &pos), sizeof(buf));
	for (i = 0; i < sizeof(buf); i++)
		nonzero += buf[i] != 0;
	KTEST_EXPECT_EQ(test, nonzero, 0);
	KTEST_EXPECT_EQ(test, kernel_write(f, buf, 10, &pos), 10);
	filp_close(f, NULL);
}

static void null_swallows(struct ktest *test)
{
	unsigned char buf[64] = { 1, 2, 3 };
	struct file *f;
	loff_t pos = 0;

	setup(test);
	f = open_dev("null", O_RDWR);
	KTEST_ASSERT(test, !IS_ERR_OR_NULL(f));
	KTEST_EXPECT_EQ(test, kernel_write(f, buf, sizeof(buf), &pos), sizeof(buf));
	KTEST_EXPECT_EQ(test, kernel_read(f, buf, sizeof(buf), &pos), 0);
	KTEST_EXPECT_EQ(test, buf[0], 1);
	filp_close(f, NULL);
}

static void full_is_full(struct ktest *test)
{
	unsigned char buf[8] = { 9 };
	struct file *f;
	loff_t pos = 0;

	setup(test);
	f = open_dev("full", O_RDWR);
	KTEST_ASSERT(test, !IS_ERR_OR_NULL(f));
	KTEST_EXPECT_EQ(test, kernel_write(f, buf, sizeof(buf), &pos), -ENOSPC);
	KTEST_EXPECT_EQ(test, kernel_read(f, buf, sizeof(buf), &pos), sizeof(buf));
	KTEST_EXPECT_EQ(test, buf[0], 0);
	filp_close(f, NULL);
}

static void urandom_varies(struct ktest *test)
{
	u64 a[4] = { 0 }, b[4] = { 0 };
	struct file *f;
	loff_t pos = 0;

	setup(test);
	f = open_dev("urandom", O_RDONLY);
	KTEST_ASSERT(test, !IS_ERR_OR_NULL(f));
	KTEST_EXPECT_EQ(test, kernel_read(f, a, sizeof(a), &pos), sizeof(a));
	KTEST_EXPECT_EQ(test, kernel_read(f, b, sizeof(b), &pos), sizeof(b));
	KTEST_EXPECT(test, memcmp(a, b, sizeof(a)) != 0);
	KTEST_EXPECT(test, (a[0] | a[1] | a[2] | a[3]) != 0);
	filp_close(f, NULL);
	f = open_dev("random", O_RDONLY);
	KTEST_ASSERT(test, !IS_ERR_OR_NULL(f));
	KTEST_EXPECT_EQ(test, kernel_read(f, a, 5, &pos), 5);
	filp_close(f, NULL);
	KTEST_EXPECT_EQ(test, init_umount(DIR, 0), 0);
	KTEST_EXPECT_EQ(test, init_rmdir(DIR), 0);
	mounted = false;
}

KTEST_SUITE(mem_chars, KTEST_CASE(zero_reads_zeros), KTEST_CASE(null_swallows),
	    KTEST_CASE(full_is_full), KTEST_CASE(urandom_varies));
