/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Private to components/fs/vfs. Every source of the VFS includes this one
 * header for what it calls; the host test (tests/test_vfs.c) defines
 * VFS_HOST_TEST and supplies the same few functions (kmalloc, pages, the
 * current task's fs_struct and files_struct, locks) on the host, so the
 * path walk, the dcache, mounts, files and ramfs run under ASan there.
 */
#ifndef VFS_INTERNAL_H
#define VFS_INTERNAL_H

#include <tessera/compiler.h>
#include <tessera/errno.h>
#include <tessera/fs.h>
#include <tessera/mm.h>
#include <tessera/page.h>

/* The largest file the page cache holds (2^36 pages). */
#define VFS_MAX_FILESIZE (1ULL << 48)

#ifndef VFS_HOST_TEST
#include <autoconf.h>
#include <interfaces/kmalloc.h>
#include <interfaces/lib.h>
#include <interfaces/mutex.h>
#include <interfaces/page_alloc.h>
#include <interfaces/printk.h>
#include <interfaces/vfs.h>
#include <tessera/percpu.h>
#include <tessera/sched.h>
#ifdef HAVE_TIME
#include <interfaces/time.h>
#endif

static inline struct fs_struct *vfs_task_fs(void)
{
	return current ? current->fs : NULL;
}

static inline struct files_struct *vfs_task_files(void)
{
	return current ? current->files : NULL;
}

static inline void vfs_now(struct timespec64 *ts)
{
#ifdef HAVE_TIME
	s64 ns = ktime_get();

	ts->tv_sec = ns / 1000000000;
	ts->tv_nsec = (long)(ns % 1000000000);
#else
	ts->tv_sec = 0;
	ts->tv_nsec = 0;
#endif
}
#endif /* !VFS_HOST_TEST */

#ifndef ERR_CAST
#define ERR_CAST(p) ((void *)(p))
#endif
#ifndef ERESTARTNOHAND
#define ERESTARTNOHAND 514
#endif
#define UTIME_NOW  ((1L << 30) - 1L)
#define UTIME_OMIT ((1L << 30) - 2L)
#define AT_NO_AUTOMOUNT 0x800
#define AT_STATX_SYNC_TYPE 0x6000
#define S_IALLUGO 07777

/* ---- dentry flags ---- */
#define DCACHE_MOUNTED  0x0001          /* a mount sits on it (see lookup_mnt) */
#define DCACHE_HASHED   0x0002          /* findable by name in its parent */

/* A mounted tree. */
struct mount {
	struct vfsmount mnt;
	struct mount *mnt_parent;               /* itself for a root */
	struct dentry *mnt_mountpoint;          /* in the parent mount */
	atomic_t mnt_count;
	struct list_head mnt_list;              /* every mount */
	struct list_head mnt_mounts;            /* children */
	struct list_head mnt_child;             /* on the parent's mnt_mounts */
	char *mnt_devname;
};

static inline struct mount *real_mount(struct vfsmount *m)
{
	return container_of(m, struct mount, mnt);
}

extern spinlock_t dcache_lock;
extern struct mutex namespace_mutex;
extern struct path init_root;           /* "/" of the mount tree */
extern struct list_head super_blocks;

/* dcache.c */
struct dentry *d_lookup(struct dentry *parent, const char *name, unsigned int len);
void d_drop(struct dentry *dentry);
void d_move(struct dentry *dentry, struct dentry *target);
void d_exchange(struct dentry *a, struct dentry *b);
void d_genocide(struct dentry *root);
bool d_is_ancestor(struct dentry *ancestor, struct dentry *d);
bool simple_empty(struct dentry *dentry);
u32 vfs_name_hash(const void *parent, const char *name, unsigned int len);

/* namespace.c */
void vfs_locks_init(void);
struct vfsmount *mntget(struct vfsmount *m);
void mntput(struct vfsmount *m);
struct vfsmount *lookup_mnt(struct vfsmount *parent, struct dentry *mountpoint);
int do_umount_path(const struct path *path, int flags);
void vfs_init_mount_tree(void);
int vfs_mount_count(void);

/* namei.c */
struct nameidata;
int vfs_path_lookupat(int dfd, const char *name, unsigned int flags, struct path *path);
int vfs_path_parentat(int dfd, const char *name, struct path *parent, const char **last,
		      unsigned int *lastlen);
struct dentry *lookup_one(struct dentry *parent, const char *name, unsigned int len);
int vfs_mknodat(int dfd, const char *name, umode_t mode, dev_t dev);
int vfs_mkdirat(int dfd, const char *name, umode_t mode);
int vfs_symlinkat(const char *target, int dfd, const char *name);
int vfs_linkat(int olddfd, const char *oldname, int newdfd, const char *newname, int flags);
int vfs_unlinkat(int dfd, const char *name, int flags);
int vfs_renameat2(int olddfd, const char *oldname, int newdfd, const char *newname,
		  unsigned int flags);
int vfs_readlinkat(int dfd, const char *name, char *buf, int bufsiz);
int vfs_fchmodat(int dfd, const char *name, umode_t mode, int flags);
int vfs_utimensat(int dfd, const char *name, const struct timespec64 *ts, int flags);
int vfs_statat(int dfd, const char *name, struct kstat *st, int flags);
int vfs_faccessat(int dfd, const char *name, int mode, int flags);
int vfs_setattr(struct dentry *dentry, struct iattr *attr);
struct file *vfs_openat(int dfd, const char *name, int flags, umode_t mode);
int vfs_chdir(const char *name);
int vfs_chroot(const char *name);
int path_is_dir(const struct path *p);

/* file.c */
int vfs_pseudo_init(void);
bool vfs_is_pseudo(const struct vfsmount *mnt);
struct file *alloc_empty_file(int flags);
struct file *vfs_open_path(const struct path *path, int flags);
int vfs_fd_alloc(struct files_struct *files, unsigned int start, unsigned int flags);
int vfs_fd_close(struct files_struct *files, unsigned int fd);
struct file *vfs_fd_get(struct files_struct *files, unsigned int fd);
int vfs_fd_dup(struct files_struct *files, unsigned int oldfd, unsigned int newfd, int flags);
int vfs_fd_dupfd(struct files_struct *files, unsigned int oldfd, unsigned int min, int flags);
long vfs_fd_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg);
int vfs_fd_set_cloexec(unsigned int fd, bool on);
int vfs_iterate_dir(struct file *file, struct dir_context *ctx);
int vfs_fstat(struct file *f, struct kstat *st);
int vfs_ftruncate(struct file *f, loff_t length);
extern const struct file_operations def_chr_fops;
extern const struct file_operations def_fifo_fops;

/* The size of the name (with NUL) the syscall wrappers copy from user space. */
#define VFS_GETNAME_MAX PATH_MAX

#endif
