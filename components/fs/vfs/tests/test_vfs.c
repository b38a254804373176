/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host test of the VFS and ramfs: the very sources the kernel links
 * (dcache, page cache, mounts, path walk, files and descriptor tables,
 * the init_* helpers, ramfs), built natively under ASan and UBSan with
 * host stand-ins for what they call (kmalloc, pages, locks, the current
 * task's fs_struct and files_struct). The locks are checked: taking a
 * spinlock or the namespace mutex twice, or releasing one not held, fails
 * the test. It runs the scenarios the ktest runs (vfs_scenarios.h), then
 * a random sequence of operations against a model of the tree, and checks
 * at the end that every dentry, inode, page and allocation was freed
 * (ASan's leak check).
 */
/* libc first, with its dev_t/loff_t out of the way of the kernel's */
#define dev_t host_dev_t
#define loff_t host_loff_t
#include <tessera/testing/check.h>
#include <string.h>
#undef dev_t
#undef loff_t

#define VFS_HOST_TEST 1

/* ---- lock stand-ins: one thread, so a lock is a flag that must toggle ---- */
#define TESSERA_SPINLOCK_H
#define TESSERA_MUTEX_H
#define TESSERA_WAIT_H
#include <tessera/list.h>
typedef struct {
	int locked;
} spinlock_t;
struct mutex {
	int locked;
};
typedef struct wait_queue_head {
	int unused;
} wait_queue_head_t;
struct wait_queue_entry {
	unsigned int flags;
	struct task_struct *task;
	struct list_head entry;
};

static void host_lock(int *l, const char *what, int line)
{
	if (*l)
		CHECKF(0, "%s taken twice (line %d)", what, line);
	*l = 1;
}

static void host_unlock(int *l, const char *what, int line)
{
	if (!*l)
		CHECKF(0, "%s released while not held (line %d)", what, line);
	*l = 0;
}

#define DEFINE_SPINLOCK(x) spinlock_t x = { 0 }
#define spin_lock_init(l) ((l)->locked = 0)
#define spin_lock(l) host_lock(&(l)->locked, #l, __LINE__)
#define spin_unlock(l) host_unlock(&(l)->locked, #l, __LINE__)
#define spin_lock_irqsave(l, f) do { (f) = 0; host_lock(&(l)->locked, #l, __LINE__); } while (0)
#define spin_unlock_irqrestore(l, f) do { (void)(f); host_unlock(&(l)->locked, #l, __LINE__); } while (0)
#define mutex_init(m) ((m)->locked = 0)
#define mutex_lock(m) host_lock(&(m)->locked, #m, __LINE__)
#define mutex_unlock(m) host_unlock(&(m)->locked, #m, __LINE__)
#define mutex_trylock(m) ((m)->locked ? 0 : ((m)->locked = 1))

#include <tessera/list.h>

/* ---- the rest of what the VFS calls ---- */
#include <tessera/fs.h>
#include <tessera/page.h>

static long live_allocs, live_pages;

static void *kmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p)
		live_allocs++;
	return p;
}

static void *kzalloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);

	if (p)
		live_allocs++;
	return p;
}

static void kfree(const void *p)
{
	if (p)
		live_allocs--;
	free((void *)p);
}

/* A page: the struct and its 4 KiB, the data's address in ->private (unused by the VFS). */
static struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct page *p;

	(void)gfp;
	if (order)
		return NULL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->private = (unsigned long)aligned_alloc(PAGE_SIZE, PAGE_SIZE);
	atomic_set(&p->_refcount, 1);
	live_pages++;
	return p;
}

static void put_page(struct page *p)
{
	CHECK(page_ref_count(p) > 0);
	if (put_page_testzero(p)) {
		free((void *)p->private);
		free(p);
		live_pages--;
	}
}

static void *page_address(const struct page *p)
{
	return (void *)p->private;
}

#define pr_err(...) fprintf(stderr, __VA_ARGS__)
#define pr_info(...) ((void)0)

static struct fs_struct *host_fs;
static struct files_struct *host_files;
static long host_clock;

static struct fs_struct *vfs_task_fs(void)
{
	return host_fs;
}

static struct files_struct *vfs_task_files(void)
{
	return host_files;
}

static void vfs_now(struct timespec64 *ts)
{
	ts->tv_sec = ++host_clock;
	ts->tv_nsec = 0;
}

/* prototypes the kernel's generated interface header would give */
#define HOST_DECLS
struct page *find_get_page(struct address_space *mapping, pgoff_t index);
struct page *find_or_create_page(struct address_space *mapping, pgoff_t index, gfp_t gfp);
void truncate_inode_pages(struct address_space *mapping, loff_t lstart);
unsigned long nr_pagecache_pages(void);
ssize_t generic_file_read(struct file *file, struct iov_iter *to, loff_t *ppos);
ssize_t generic_file_write(struct file *file, struct iov_iter *from, loff_t *ppos);
int generic_file_mmap(struct file *file, struct vm_area_struct *vma);
int filemap_fault(struct vm_area_struct *vma, unsigned long address, pgoff_t pgoff, struct page **pagep);
size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i);
size_t copy_from_iter(void *addr, size_t bytes, struct iov_iter *i);
size_t iov_iter_zero(size_t bytes, struct iov_iter *i);
int register_filesystem(struct file_system_type *fs);
struct file_system_type *get_fs_type(const char *name);
struct vfsmount *vfs_kern_mount(struct file_system_type *type, int flags, const char *name, void *data);
long do_mount(const char *dev_name, const char *dir_name, const char *type, unsigned long flags, void *data);
struct inode *new_inode(struct super_block *sb);
void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev);
void ihold(struct inode *inode);
void iput(struct inode *inode);
u64 get_next_ino(void);
struct dentry *d_make_root(struct inode *root);
struct dentry *d_alloc(struct dentry *parent, const struct qstr *name);
void d_instantiate(struct dentry *dentry, struct inode *inode);
void d_add(struct dentry *dentry, struct inode *inode);
struct dentry *dget(struct dentry *dentry);
void dput(struct dentry *dentry);
void d_delete(struct dentry *dentry);
struct dentry *simple_lookup(struct inode *dir, struct dentry *dentry, unsigned int flags);
int dcache_readdir(struct file *file, struct dir_context *ctx);
struct super_block *sget_nodev(struct file_system_type *type, void *fs_info);
void kill_litter_super(struct super_block *sb);
void inode_set_now(struct inode *inode, unsigned int which);
int kern_path(const char *name, unsigned int flags, struct path *path);
void path_get(const struct path *path);
void path_put(const struct path *path);
char *d_path(const struct path *path, char *buf, int buflen);
int vfs_getattr(const struct path *path, struct kstat *stat);
struct file *filp_open(const char *filename, int flags, umode_t mode);
void fput(struct file *file);
struct file *fget(unsigned int fd);
ssize_t kernel_read(struct file *file, void *buf, size_t count, loff_t *pos);
ssize_t kernel_write(struct file *file, const void *buf, size_t count, loff_t *pos);
ssize_t vfs_iter_read(struct file *file, struct iov_iter *iter, loff_t *pos);
ssize_t vfs_iter_write(struct file *file, struct iov_iter *iter, loff_t *pos);
loff_t vfs_llseek(struct file *file, loff_t offset, int whence);
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence);
int vfs_truncate(const struct path *path, loff_t length);
struct files_struct *alloc_files_struct(void);
struct files_struct *dup_fd(struct files_struct *oldf, int *errorp);
void put_files_struct(struct files_struct *files);
void do_close_on_exec(struct files_struct *files);
int get_unused_fd_flags(unsigned int flags);
void put_unused_fd(unsigned int fd);
void fd_install(unsigned int fd, struct file *file);
int close_fd(unsigned int fd);
struct fs_struct *alloc_fs_struct(void);
struct fs_struct *copy_fs_struct(struct fs_struct *old);
void put_fs_struct(struct fs_struct *fs);
int register_chrdev(unsigned int major, const char *name, const struct file_operations *fops);
void unregister_chrdev(unsigned int major, const char *name);
int chrdev_open(struct inode *inode, struct file *filp);
int init_mkdir(const char *pathname, umode_t mode);
int init_mknod(const char *filename, umode_t mode, unsigned int dev);
int init_symlink(const char *oldname, const char *newname);
int init_link(const char *oldname, const char *newname);
int init_unlink(const char *pathname);
int init_rmdir(const char *pathname);
int init_chmod(const char *filename, umode_t mode);
int init_stat(const char *filename, struct kstat *stat, int flags);
int init_chdir(const char *filename);
int init_mount(const char *dev_name, const char *dir_name, const char *type_page, unsigned long flags, void *data_page);
int init_umount(const char *name, int flags);
int init_ramfs_fs(void);
struct file *alloc_file_pseudo(struct inode *inode, const char *name, int flags, const struct file_operations *fops);
struct vfsmount *kern_mount(struct file_system_type *type);
struct dentry *d_alloc_name(struct dentry *parent, const char *name);

#include "../dcache.c"
#include "../filemap.c"
#include "../namespace.c"
#include "../namei.c"
#include "../file.c"
#include "../init.c"
#include "../../ramfs/ramfs.c"

/* ---- the scenarios ---- */

struct vt {
	struct files_struct *saved;
};

#define VT_EXPECT(t, c) ((void)(t), CHECK(c))
#define VT_EQ(t, a, b)                                                          \
	do {                                                                    \
		long long va_ = (long long)(a), vb_ = (long long)(b);           \
		(void)(t);                                                      \
		CHECKF(va_ == vb_, "%s == %s (%lld != %lld)", #a, #b, va_, vb_); \
	} while (0)
#define VT_STREQ(t, a, b) ((void)(t), CHECKF(strcmp((a), (b)) == 0, "\"%s\" == \"%s\"", (a), (b)))

static struct files_struct *vt_files_begin(struct vt *t)
{
	t->saved = host_files;
	host_files = alloc_files_struct();
	CHECK(host_files != NULL);
	return host_files;
}

static void vt_files_end(struct vt *t)
{
	put_files_struct(host_files);
	host_files = t->saved;
}

#include "vfs_scenarios.h"

/* ---- a random walk against a model ---- */

#define M_NODES 24
struct model_node {
	bool used;
	bool dir;
	int parent;             /* index; -1 for the test's root */
	char name[8];
	char data[24];
};
static struct model_node model[M_NODES];

static void model_path(int i, char *buf, size_t size)
{
	char tmp[256];

	if (i < 0) {
		snprintf(buf, size, "/rnd");
		return;
	}
	model_path(model[i].parent, tmp, sizeof(tmp));
	snprintf(buf, size, "%s/%s", tmp, model[i].name);
}

static bool model_has_children(int i)
{
	int j;

	for (j = 0; j < M_NODES; j++)
		if (model[j].used && model[j].parent == i)
			return true;
	return false;
}

static bool model_below(int i, int ancestor)
{
	for (; i >= 0; i = model[i].parent)
		if (i == ancestor)
			return true;
	return false;
}

static int model_find(int parent, const char *name)
{
	int j;

	for (j = 0; j < M_NODES; j++)
		if (model[j].used && model[j].parent == parent && strcmp(model[j].name, name) == 0)
			return j;
	return -1;
}

static int random_dir(void)
{
	int tries, i;

	for (tries = 0; tries < 8; tries++) {
		i = (int)rng_below(M_NODES + 1) - 1;
		if (i < 0 || (model[i].used && model[i].dir))
			return i;
	}
	return -1;
}

static void random_ops(unsigned long steps)
{
	char p1[300], p2[400], buf[40];
	unsigned long s;
	int i;

	CHECK(init_mkdir("/rnd", 0755) == 0);
	for (s = 0; s < steps; s++) {
		unsigned int op = (unsigned int)rng_below(5);
		int slot = -1, d = random_dir(), err;
		char name[8];

		snprintf(name, sizeof(name), "n%d", (int)rng_below(6));
		for (i = 0; i < M_NODES; i++)
			if (!model[i].used) {
				slot = i;
				break;
			}
		check_context("step %lu op %u", s, op);
		if (op <= 1 && slot >= 0) {             /* create a file or a directory */
			bool dir = op == 1;
			bool exists = model_find(d, name) >= 0;

			model_path(d, p1, sizeof(p1));
			snprintf(p2, sizeof(p2), "%s/%s", p1, name);
			if (dir) {
				err = init_mkdir(p2, 0755);
			} else {
				struct file *f = filp_open(p2, O_CREAT | O_EXCL | O_WRONLY, 0644);
				loff_t pos = 0;

				err = IS_ERR(f) ? (int)PTR_ERR(f) : 0;
				if (!err) {
					snprintf(model[slot].data, sizeof(model[slot].data), "d%lu", s);
					kernel_write(f, model[slot].data, strlen(model[slot].data), &pos);
					fput(f);
				}
			}
			CHECKF(err == (exists ? -EEXIST : 0), "create %s: %d", p2, err);
			if (!err) {
				model[slot].used = true;
				model[slot].dir = dir;
				model[slot].parent = d;
				strcpy(model[slot].name, name);
			}
		} else if (op == 2) {                   /* remove */
			i = (int)rng_below(M_NODES);
			if (!model[i].used)
				continue;
			model_path(i, p1, sizeof(p1));
			if (model[i].dir) {
				err = init_rmdir(p1);
				CHECKF(err == (model_has_children(i) ? -ENOTEMPTY : 0), "rmdir %s: %d", p1, err);
			} else {
				err = init_unlink(p1);
				CHECKF(err == 0, "unlink %s: %d", p1, err);
			}
			if (!err)
				model[i].used = false;
		} else if (op == 3) {                   /* rename */
			int target, want;

			i = (int)rng_below(M_NODES);
			if (!model[i].used)
				continue;
			model_path(i, p1, sizeof(p1));
			model_path(d, p2, sizeof(p2));
			strcat(p2, "/");
			strcat(p2, name);
			target = model_find(d, name);
			if (target == i)
				want = 0;
			else if (model[i].dir && model_below(d, i))
				want = -EINVAL;
			else if (target >= 0 && model_below(i, target))
				want = -ENOTEMPTY;      /* Linux: the target is an ancestor of the source */
			else if (target >= 0 && model[target].dir && !model[i].dir)
				want = -EISDIR;
			else if (target >= 0 && !model[target].dir && model[i].dir)
				want = -ENOTDIR;
			else if (target >= 0 && model[target].dir && model_has_children(target))
				want = -ENOTEMPTY;
			else
				want = 0;
			err = vfs_renameat2(AT_FDCWD, p1, AT_FDCWD, p2, 0);
			CHECKF(err == want, "rename %s %s: %d, expected %d", p1, p2, err, want);
			if (!err && target != i) {
				if (target >= 0)
					model[target].used = false;
				model[i].parent = d;
				strcpy(model[i].name, name);
			}
		} else {                                /* check every node */
			for (i = 0; i < M_NODES; i++) {
				struct kstat st;

				if (!model[i].used)
					continue;
				model_path(i, p1, sizeof(p1));
				err = init_stat(p1, &st, 0);
				CHECKF(err == 0 && S_ISDIR(st.mode) == model[i].dir, "stat %s: %d", p1, err);
				if (!model[i].dir) {
					struct file *f = filp_open(p1, O_RDONLY, 0);
					loff_t pos = 0;
					long n;

					if (!CHECKF(!IS_ERR(f), "open %s", p1))
						continue;
					n = kernel_read(f, buf, sizeof(buf) - 1, &pos);
					buf[n > 0 ? n : 0] = 0;
					CHECKF(strcmp(buf, model[i].data) == 0, "%s reads \"%s\", not \"%s\"",
					       p1, buf, model[i].data);
					fput(f);
				}
			}
		}
	}
	check_context("cleanup");
	/* remove deepest first */
	for (;;) {
		bool any = false;

		for (i = 0; i < M_NODES; i++) {
			if (!model[i].used || model_has_children(i))
				continue;
			model_path(i, p1, sizeof(p1));
			CHECK((model[i].dir ? init_rmdir(p1) : init_unlink(p1)) == 0);
			model[i].used = false;
			any = true;
		}
		if (!any)
			break;
	}
	CHECK(init_rmdir("/rnd") == 0);
}

/* A process's fs_struct: chdir, relative names, fork's copy. */
static void test_fs_struct(void)
{
	struct fs_struct *fs = alloc_fs_struct(), *copy;
	struct kstat st;

	CHECK(fs != NULL);
	host_fs = fs;
	CHECK(init_mkdir("/home", 0755) == 0);
	CHECK(init_chdir("/home") == 0);
	CHECK(init_mkdir("sub", 0755) == 0);
	CHECK(init_stat("/home/sub", &st, 0) == 0);
	CHECK(init_chdir("sub/../sub") == 0);
	CHECK(init_stat("../sub", &st, 0) == 0);
	CHECK(init_chdir("/nonexistent") == -ENOENT);
	copy = copy_fs_struct(fs);
	CHECK(copy && copy->umask == 022);
	put_fs_struct(copy);
	CHECK(init_chdir("/") == 0);
	CHECK(init_rmdir("/home/sub") == 0);
	CHECK(init_rmdir("/home") == 0);
	host_fs = NULL;
	put_fs_struct(fs);
}

static void unmount_root(void)
{
	/* The rootfs: drop init_root's references so everything is freed (the kernel never does). */
	struct mount *m = real_mount(init_root.mnt);

	list_del(&m->mnt_list);
	path_put(&init_root);
	mntput(&m->mnt);
	init_root.mnt = NULL;
	init_root.dentry = NULL;
	mntput(pseudo_mnt);
	pseudo_mnt = NULL;
}

int main(int argc, char **argv)
{
	unsigned long steps = argc > 1 ? strtoul(argv[1], NULL, 0) : 20000;
	struct vt t = { 0 };
	unsigned long before_dentries;

	CHECK(vfs_init() == 0);
	CHECK(init_root.dentry != NULL);
	before_dentries = vfs_nr_dentries();
#define RUN(fn) check_context(#fn); fn(&t); \
	CHECKF(vfs_nr_dentries() == before_dentries, #fn " left %lu dentries", vfs_nr_dentries() - before_dentries);
	VT_SCENARIOS(RUN)
	check_context("fs_struct");
	test_fs_struct();
	rng_seed(6);
	random_ops(steps);
	CHECK(vfs_nr_dentries() == before_dentries);
	CHECK(nr_pagecache_pages() == 0);
	unmount_root();
	CHECKF(vfs_nr_dentries() == 0, "%lu dentries left", vfs_nr_dentries());
	CHECKF(vfs_nr_inodes() == 0, "%lu inodes left", vfs_nr_inodes());
	CHECKF(live_pages == 0, "%ld pages left", live_pages);
	return check_summary("vfs");
}
