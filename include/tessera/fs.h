/* SPDX-License-Identifier: Apache-2.0 */
/*
 * DOC: the VFS objects (interface `vfs`, components/fs/vfs)
 *
 * Linux's objects, in small:
 *
 *   file_system_type  a registered kind of file system (ramfs, proc,
 *                     devtmpfs); mount() makes or finds a super_block
 *   super_block       one mounted instance: its root dentry, its inodes
 *   inode             one file object: mode, size, times, i_op/i_fop, the
 *                     page cache of its data (i_mapping -> i_data)
 *   dentry            one name in a directory, cached (the dcache), with a
 *                     reference count; negative when d_inode is NULL
 *   vfsmount/mount    where a super_block is attached in the tree
 *   file              an open file: f_op, position, flags, a reference
 *                     count (fget/fput); a descriptor table (files_struct)
 *                     maps fds to files
 *
 * File data crosses the VFS in a struct iov_iter (one segment: user or
 * kernel memory), so one read/write op serves read(2), readv(2), the ELF
 * loader's kernel_read() and the initramfs unpacker's kernel_write().
 * Char devices (/dev/null, the console tty) are found by major number:
 * register_chrdev() records their file_operations, and open() of a
 * character-special inode calls them (chrdev_open).
 */
#ifndef TESSERA_FS_H
#define TESSERA_FS_H

#include <tessera/atomic.h>
#include <tessera/gfp.h>
#include <tessera/list.h>
#include <tessera/mm_types.h>
#include <tessera/mutex.h>
#include <tessera/spinlock.h>
#include <tessera/syscalls.h>
#include <tessera/types.h>
#include <tessera/wait.h>

typedef long long loff_t;
typedef long ssize_t;
typedef unsigned int umode_t;
typedef unsigned int dev_t;
typedef unsigned int fmode_t;
typedef unsigned int __poll_t;

#define MINORBITS 20
#define MKDEV(ma, mi) (((ma) << MINORBITS) | (mi))
#define MAJOR(dev)    ((unsigned int)((dev) >> MINORBITS))
#define MINOR(dev)    ((unsigned int)((dev) & ((1U << MINORBITS) - 1)))

/* mode bits (Linux's uapi values) */
#define S_IFMT   0170000
#define S_IFSOCK 0140000
#define S_IFLNK  0120000
#define S_IFREG  0100000
#define S_IFBLK  0060000
#define S_IFDIR  0040000
#define S_IFCHR  0020000
#define S_IFIFO  0010000
#define S_ISUID  0004000
#define S_ISGID  0002000
#define S_ISVTX  0001000
#define S_ISLNK(m)  (((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m)  (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)  (((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)  (((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)  (((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)

/* open(2) flags (Linux's generic values: x86_64 and riscv64 share them) */
#define O_ACCMODE   00000003
#define O_RDONLY    00000000
#define O_WRONLY    00000001
#define O_RDWR      00000002
#define O_CREAT     00000100
#define O_EXCL      00000200
#define O_NOCTTY    00000400
#define O_TRUNC     00001000
#define O_APPEND    00002000
#define O_NONBLOCK  00004000
#define O_DSYNC     00010000
#define O_DIRECT    00040000
#define O_LARGEFILE 00100000
#define O_DIRECTORY 00200000
#define O_NOFOLLOW  00400000
#define O_NOATIME   01000000
#define O_CLOEXEC   02000000
#define O_PATH      010000000
#define AT_FDCWD            -100
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR        0x200
#define AT_SYMLINK_FOLLOW   0x400
#define AT_EMPTY_PATH       0x1000

/* file->f_mode */
#define FMODE_READ   0x1
#define FMODE_WRITE  0x2
#define FMODE_LSEEK  0x4
#define FMODE_PREAD  0x8
#define FMODE_PWRITE 0x10

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

/* poll(2) events */
#define POLLIN   0x0001
#define POLLPRI  0x0002
#define POLLOUT  0x0004
#define POLLERR  0x0008
#define POLLHUP  0x0010
#define POLLNVAL 0x0020
#define POLLRDNORM 0x0040
#define POLLWRNORM 0x0100

struct inode;
struct dentry;
struct file;
struct super_block;
struct vfsmount;
struct vm_area_struct;
struct kstat;
struct iattr;
struct poll_table_struct;

/* One segment of user or kernel memory that a read or write fills or drains. */
struct iov_iter {
	bool user;              /* base is a user address: copies go through uaccess */
	char *base;
	size_t count;           /* bytes left */
};

struct dir_context;
typedef bool (*filldir_t)(struct dir_context *ctx, const char *name, int namelen,
			  loff_t pos, u64 ino, unsigned int d_type);
struct dir_context {
	filldir_t actor;        /* false: stop, the buffer is full */
	loff_t pos;
};
/* d_type values (dirent64) */
#define DT_UNKNOWN 0
#define DT_FIFO    1
#define DT_CHR     2
#define DT_DIR     4
#define DT_BLK     6
#define DT_REG     8
#define DT_LNK     10
#define DT_SOCK    12

typedef struct poll_table_struct {
	void (*qproc)(struct file *file, wait_queue_head_t *wq, struct poll_table_struct *pt);
} poll_table;

static inline void poll_wait(struct file *filp, wait_queue_head_t *wq, poll_table *p)
{
	if (p && p->qproc && wq)
		p->qproc(filp, wq, p);
}

struct file_operations {
	loff_t (*llseek)(struct file *file, loff_t offset, int whence);
	ssize_t (*read)(struct file *file, struct iov_iter *to, loff_t *pos);
	ssize_t (*write)(struct file *file, struct iov_iter *from, loff_t *pos);
	int (*iterate_shared)(struct file *file, struct dir_context *ctx);
	__poll_t (*poll)(struct file *file, poll_table *pt);
	long (*unlocked_ioctl)(struct file *file, unsigned int cmd, unsigned long arg);
	int (*mmap)(struct file *file, struct vm_area_struct *vma);
	int (*open)(struct inode *inode, struct file *file);
	int (*release)(struct inode *inode, struct file *file);
	int (*fsync)(struct file *file, int datasync);
};

struct inode_operations {
	struct dentry *(*lookup)(struct inode *dir, struct dentry *dentry, unsigned int flags);
	int (*create)(struct inode *dir, struct dentry *dentry, umode_t mode, bool excl);
	int (*link)(struct dentry *old, struct inode *dir, struct dentry *dentry);
	int (*unlink)(struct inode *dir, struct dentry *dentry);
	int (*symlink)(struct inode *dir, struct dentry *dentry, const char *target);
	int (*mkdir)(struct inode *dir, struct dentry *dentry, umode_t mode);
	int (*rmdir)(struct inode *dir, struct dentry *dentry);
	int (*mknod)(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev);
	int (*rename)(struct inode *old_dir, struct dentry *old_dentry,
		      struct inode *new_dir, struct dentry *new_dentry, unsigned int flags);
	const char *(*get_link)(struct dentry *dentry, struct inode *inode);
	int (*setattr)(struct dentry *dentry, struct iattr *attr);
};

/* The page cache of one inode (issue 7 grows it: readahead, writeback). */
struct address_space_operations {
	int (*read_folio)(struct file *file, struct page *page);
	int (*writepage)(struct page *page);
	bool (*dirty_folio)(struct address_space *mapping, struct page *page);
};

struct address_space {
	struct inode *host;
	void *i_pages;                          /* page index -> struct page: private to the page cache */
	unsigned long nrpages;
	spinlock_t i_lock;
	const struct address_space_operations *a_ops;
	struct list_head i_mmap;                /* VMAs mapping it (rmap for file pages) */
	unsigned long flags;
};

struct timespec64 {
	s64 tv_sec;
	long tv_nsec;
};

struct inode {
	umode_t i_mode;
	unsigned int i_uid, i_gid;
	unsigned int i_nlink;
	dev_t i_rdev;                           /* char/block special: its device */
	loff_t i_size;
	struct timespec64 i_atime, i_mtime, i_ctime;
	u64 i_ino;
	unsigned long i_blocks;
	atomic_t i_count;
	struct mutex i_rwsem;                   /* held across directory changes and writes */
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;
	struct super_block *i_sb;
	struct address_space *i_mapping;        /* &i_data unless the fs says otherwise */
	struct address_space i_data;
	char *i_link;                           /* a symlink's target, when kept in memory */
	void *i_private;
	struct pipe_inode_info *i_pipe;
	struct list_head i_sb_list;
};

struct qstr {
	const char *name;
	unsigned int len;
	u32 hash;
};

#define DNAME_INLINE_LEN 40

struct dentry {
	atomic_t d_count;                       /* lockref in Linux */
	unsigned int d_flags;
	struct inode *d_inode;                  /* NULL: negative */
	struct dentry *d_parent;
	struct qstr d_name;
	char d_iname[DNAME_INLINE_LEN];
	struct super_block *d_sb;
	struct list_head d_child;               /* on the parent's d_subdirs */
	struct list_head d_subdirs;
	struct list_head d_hash;                /* dcache hash chain */
	struct vfsmount *d_mounted;             /* something is mounted here (private) */
	void *d_fsdata;
	const struct dentry_operations *d_op;
};

struct dentry_operations {
	int (*d_delete)(const struct dentry *dentry);
};

struct super_operations {
	struct inode *(*alloc_inode)(struct super_block *sb);
	void (*destroy_inode)(struct inode *inode);
	void (*evict_inode)(struct inode *inode);
	void (*put_super)(struct super_block *sb);
	int (*statfs)(struct dentry *dentry, void *kstatfs);
};

struct super_block {
	dev_t s_dev;
	unsigned long s_blocksize;
	unsigned long s_magic;
	unsigned long s_flags;
	struct file_system_type *s_type;
	const struct super_operations *s_op;
	struct dentry *s_root;
	atomic_t s_active;
	struct list_head s_inodes;
	struct list_head s_list;
	void *s_fs_info;
	u64 s_next_ino;
};

struct file_system_type {
	const char *name;
	int fs_flags;
#define FS_REQUIRES_DEV 1
	/* Make (or find) the super_block and return its root dentry, referenced. */
	struct dentry *(*mount)(struct file_system_type *fs_type, int flags,
				const char *dev_name, void *data);
	void (*kill_sb)(struct super_block *sb);
	struct list_head fs_list;               /* registered types (private) */
};

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

struct file {
	atomic_long_t f_count;
	unsigned int f_flags;                   /* O_* as opened (minus O_CREAT etc.) */
	fmode_t f_mode;
	loff_t f_pos;
	struct mutex f_pos_lock;
	struct path f_path;
	struct inode *f_inode;
	const struct file_operations *f_op;
	struct address_space *f_mapping;
	void *private_data;
};

/* Per-process descriptor table (CLONE_FILES shares it). */
#define NR_OPEN_DEFAULT 64
#define NR_OPEN_MAX     1024                /* RLIMIT_NOFILE's default */
struct files_struct {
	atomic_t count;
	spinlock_t file_lock;
	unsigned int max_fds;
	struct file **fd;                       /* max_fds slots */
	unsigned long *close_on_exec;           /* bitmap */
	unsigned long *open_fds;                /* bitmap */
	int next_fd;
};

/* Per-process root, cwd and umask (CLONE_FS shares it). */
struct fs_struct {
	atomic_t users;
	spinlock_t lock;
	int umask;
	struct path root, pwd;
};

struct kstat {
	u64 ino;
	dev_t dev;
	umode_t mode;
	unsigned int nlink;
	unsigned int uid, gid;
	dev_t rdev;
	loff_t size;
	struct timespec64 atime, mtime, ctime;
	unsigned long blksize;
	u64 blocks;
};

#define ATTR_MODE  (1 << 0)
#define ATTR_UID   (1 << 1)
#define ATTR_GID   (1 << 2)
#define ATTR_SIZE  (1 << 3)
#define ATTR_ATIME (1 << 4)
#define ATTR_MTIME (1 << 5)
#define ATTR_CTIME (1 << 6)
struct iattr {
	unsigned int ia_valid;
	umode_t ia_mode;
	unsigned int ia_uid, ia_gid;
	loff_t ia_size;
	struct timespec64 ia_atime, ia_mtime, ia_ctime;
};

struct pipe_inode_info;

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}


/* ---- appended by the VFS (D1): helpers and values the interface uses ---- */

/* A mounted tree: struct mount (private to the VFS) embeds it. */
struct vfsmount {
	struct dentry *mnt_root;
	struct super_block *mnt_sb;
	int mnt_flags;
};

/* kern_path() flags */
#define LOOKUP_FOLLOW    0x0001         /* follow a trailing symlink */
#define LOOKUP_DIRECTORY 0x0002         /* the result must be a directory */

/* mount(2) flags and umount2(2) flags */
#define MS_RDONLY  1
#define MS_NOSUID  2
#define MS_NODEV   4
#define MS_NOEXEC  8
#define MS_REMOUNT 32
#define MS_BIND    4096
#define MS_MOVE    8192
#define MS_SILENT  32768
#define MNT_FORCE       0x1
#define MNT_DETACH      0x2
#define MNT_EXPIRE      0x4
#define UMOUNT_NOFOLLOW 0x8

/* renameat2(2) flags */
#define RENAME_NOREPLACE (1 << 0)
#define RENAME_EXCHANGE  (1 << 1)
#define RENAME_WHITEOUT  (1 << 2)

/* faccessat(2) */
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4
#define AT_EACCESS 0x200

/* fcntl(2) */
#define F_DUPFD         0
#define F_GETFD         1
#define F_SETFD         2
#define F_GETFL         3
#define F_SETFL         4
#define F_GETLK         5
#define F_SETLK         6
#define F_SETLKW        7
#define F_SETOWN        8
#define F_GETOWN        9
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC      1

/* ioctl(2) values the VFS handles itself */
#define FIOCLEX  0x5451
#define FIONCLEX 0x5450
#define FIONBIO  0x5421
#define FIOASYNC 0x5452
#define FIONREAD 0x541B

#define PATH_MAX 4096
#define NAME_MAX 255
#define MAXSYMLINKS 40

#define RAMFS_MAGIC 0x858458f6
#define TMPFS_MAGIC 0x01021994

static inline void iov_iter_kvec(struct iov_iter *i, void *buf, size_t count)
{
	i->user = false;
	i->base = (char *)buf;
	i->count = count;
}

static inline void iov_iter_ubuf(struct iov_iter *i, void __user *buf, size_t count)
{
	i->user = true;
	i->base = (char *)buf;
	i->count = count;
}

static inline size_t iov_iter_count(const struct iov_iter *i)
{
	return i->count;
}

static inline struct file *get_file(struct file *f)
{
	atomic_long_inc(&f->f_count);
	return f;
}

/* For iterate_shared: emit one entry; false when the caller's buffer is full. */
static inline bool dir_emit(struct dir_context *ctx, const char *name, int namelen,
			    u64 ino, unsigned int type)
{
	return ctx->actor(ctx, name, namelen, ctx->pos, ino, type);
}

static inline unsigned char fs_umode_to_dtype(umode_t mode)
{
	return (unsigned char)((mode & S_IFMT) >> 12);
}

static inline bool d_unhashed(const struct dentry *d)
{
	return d->d_hash.next == NULL || list_empty(&d->d_hash);
}

static inline struct inode *d_inode(const struct dentry *d)
{
	return d->d_inode;
}


/* statfs(2) as the VFS fills it (super_operations.statfs's buffer) */
struct kstatfs {
	long f_type;
	long f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
	long f_namelen;
	long f_frsize;
	long f_flags;
};

/*
 * The user ABI's dev_t (Linux's new_encode_dev/new_decode_dev, kdev_t.h):
 * what stat(2) reports, mknod(2) takes, and init_mknod() takes as Linux's
 * does (the initramfs passes new_encode_dev(MKDEV(major, minor))).
 */
static inline u32 new_encode_dev(dev_t dev)
{
	unsigned int major = MAJOR(dev), minor = MINOR(dev);

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffU) << 12);
}

static inline dev_t new_decode_dev(u32 dev)
{
	unsigned int major = (dev & 0xfff00) >> 8;
	unsigned int minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);

	return MKDEV(major, minor);
}

#ifndef ERR_CAST
#define ERR_CAST(p) ((void *)(p))
#endif

#endif
