// SPDX-License-Identifier: Apache-2.0
/*
 * The VFS and ramfs together in the booted kernel: the scenarios of
 * vfs_scenarios.h (the host test runs the same ones on the same sources)
 * on the rootfs mounted at boot, through the kernel's own entry points
 * (filp_open, kernel_read/kernel_write, init_*, vfs_*).
 */
#include <interfaces/ktest.h>
#include <tessera/ktest.h>

#include "../vfs_internal.h"

struct vt {
	struct ktest *k;
	struct files_struct *saved;
};

#define VT_EXPECT(t, c)    KTEST_EXPECT((t)->k, c)
#define VT_EQ(t, a, b)     KTEST_EXPECT_EQ((t)->k, a, b)
#define VT_STREQ(t, a, b)  KTEST_EXPECT_STREQ((t)->k, a, b)

static struct files_struct *vt_files_begin(struct vt *t)
{
	struct files_struct *f = alloc_files_struct();

	VT_EXPECT(t, f != NULL);
	if (!f)
		return NULL;
	t->saved = current->files;
	current->files = f;
	return f;
}

static void vt_files_end(struct vt *t)
{
	struct files_struct *f = current->files;

	current->files = t->saved;
	put_files_struct(f);
}

#include "vfs_scenarios.h"

#define VT_KCASE(name, fn)                              \
	static void name(struct ktest *k)               \
	{                                               \
		struct vt t = { .k = k };               \
		fn(&t);                                 \
	}
VT_KCASE(create_write_read, vt_create_write_read)
VT_KCASE(names, vt_names)
VT_KCASE(rename, vt_rename)
VT_KCASE(unlink_while_open, vt_unlink_open)
VT_KCASE(symlinks, vt_symlinks)
VT_KCASE(readdir, vt_readdir)
VT_KCASE(mounts, vt_mounts)
VT_KCASE(fdtable, vt_fdtable)
VT_KCASE(chrdev, vt_chrdev)
VT_KCASE(mmap_fault, vt_mmap_fault)
VT_KCASE(cwd, vt_cwd)
VT_KCASE(pseudo_file, vt_pseudo)

/* The rootfs is there before any test: "/" is a ramfs directory. */
static void vfs_rootfs_mounted(struct ktest *k)
{
	struct kstat st;

	KTEST_EXPECT_EQ(k, init_stat("/", &st, 0), 0);
	KTEST_EXPECT(k, S_ISDIR(st.mode));
	KTEST_EXPECT(k, get_fs_type("ramfs") != NULL);
	KTEST_EXPECT(k, get_fs_type("tmpfs") != NULL);
	KTEST_EXPECT(k, get_fs_type("nosuch") == NULL);
}

KTEST_SUITE(vfs,
	    KTEST_CASE(vfs_rootfs_mounted),
	    KTEST_CASE(create_write_read),
	    KTEST_CASE(names),
	    KTEST_CASE(rename),
	    KTEST_CASE(unlink_while_open),
	    KTEST_CASE(symlinks),
	    KTEST_CASE(readdir),
	    KTEST_CASE(mounts),
	    KTEST_CASE(fdtable),
	    KTEST_CASE(chrdev),
	    KTEST_CASE(mmap_fault),
	    KTEST_CASE(cwd),
	    KTEST_CASE(pseudo_file));
