/* SPDX-License-Identifier: Apache-2.0 */
/*
 * devtmpfs in the kernel: nodes made by devtmpfs_create_node() (parents
 * made on the way, a second make refused), seen through a mount of
 * "devtmpfs" made afterwards (the one instance), and deleted.
 */
#include <tessera/gfp.h>          /* before interfaces/vfs.h (gfp_t) */
#include <interfaces/ktest.h>
#include <interfaces/lib.h>
#include <interfaces/vfs.h>
#include <interfaces/devtmpfs.h>
#include <tessera/errno.h>
#include <tessera/fs.h>
#include <tessera/ktest.h>

struct dentry *devtmpfs_root(void);

static void create_and_mount(struct ktest *test)
{
	struct kstat st;

	KTEST_ASSERT(test, devtmpfs_root() != NULL);
	KTEST_EXPECT_EQ(test, devtmpfs_create_node("ktest-dir/node", S_IFCHR | 0600, MKDEV(1, 3)), 0);
	KTEST_EXPECT_EQ(test, devtmpfs_create_node("ktest-dir/node", S_IFCHR | 0600, MKDEV(1, 3)),
			-EEXIST);
	KTEST_EXPECT_EQ(test, devtmpfs_create_node("ktest-dir/node/x", S_IFCHR | 0600, 0), -ENOTDIR);
	KTEST_EXPECT_EQ(test, devtmpfs_create_node("ktest-file", S_IFREG | 0600, 0), -EPERM);

	/* A mount made afterwards shows the node (the mount point is made too). */
	KTEST_ASSERT(test, devtmpfs_mount("/ktest-devtmpfs") == 0);
	memset(&st, 0, sizeof(st));
	KTEST_ASSERT(test, init_stat("/ktest-devtmpfs/ktest-dir/node", &st, 0) == 0);
	KTEST_EXPECT(test, S_ISCHR(st.mode));
	KTEST_EXPECT_EQ(test, st.rdev, MKDEV(1, 3));
	KTEST_EXPECT_EQ(test, init_stat("/ktest-devtmpfs/ktest-dir", &st, 0), 0);
	KTEST_EXPECT(test, S_ISDIR(st.mode));

	/* Deleted: gone from the mount too. */
	KTEST_EXPECT_EQ(test, devtmpfs_delete_node("ktest-dir/node"), 0);
	KTEST_EXPECT_EQ(test, devtmpfs_delete_node("ktest-dir/node"), -ENOENT);
	KTEST_EXPECT_NE(test, init_stat("/ktest-devtmpfs/ktest-dir/node", &st, 0), 0);
	KTEST_EXPECT_EQ(test, devtmpfs_delete_node("ktest-dir"), 0);
	KTEST_EXPECT_EQ(test, init_umount("/ktest-devtmpfs", 0), 0);
	KTEST_EXPECT_EQ(test, init_rmdir("/ktest-devtmpfs"), 0);
}

KTEST_SUITE(devtmpfs, KTEST_CASE(create_and_mount));
