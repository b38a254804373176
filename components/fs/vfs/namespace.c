// SPDX-License-Identifier: Apache-2.0
/*
 * File-system types and the mount tree (one namespace, as Linux's initial
 * one). A mount attaches a super block's root at a dentry of a parent
 * mount; the dentry is flagged DCACHE_MOUNTED and the path walk crosses
 * with lookup_mnt(). The rootfs is a ramfs mounted by init_mount_tree().
 *
 * namespace_mutex serialises changes of the tree and of directories
 * (every path walk that modifies holds it; see namei.c). mnt_count counts
 * references: 1 for being in the tree, one per path_get() (open files,
 * cwd, a walk in progress); umount refuses a busy mount with EBUSY.
 */
#include "vfs_internal.h"

static LIST_HEAD(file_systems);
static LIST_HEAD(mounts);
struct mutex namespace_mutex;          /* mutex_init() in vfs_locks_init() */
struct path init_root;

void vfs_locks_init(void)
{
	mutex_init(&namespace_mutex);
}

int register_filesystem(struct file_system_type *fs)
{
	struct file_system_type *p;

	mutex_lock(&namespace_mutex);
	list_for_each_entry(p, &file_systems, fs_list) {
		if (strcmp(p->name, fs->name) == 0) {
			mutex_unlock(&namespace_mutex);
			return -EBUSY;
		}
	}
	list_add_tail(&fs->fs_list, &file_systems);
	mutex_unlock(&namespace_mutex);
	return 0;
}

int unregister_filesystem(struct file_system_type *fs)
{
	struct file_system_type *p;
	int ret = -EINVAL;

	mutex_lock(&namespace_mutex);
	list_for_each_entry(p, &file_systems, fs_list) {
		if (p == fs) {
			list_del(&fs->fs_list);
			ret = 0;
			break;
		}
	}
	mutex_unlock(&namespace_mutex);
	return ret;
}

static struct file_system_type *__get_fs_type(const char *name)
{
	struct file_system_type *p;

	list_for_each_entry(p, &file_systems, fs_list)
		if (strcmp(p->name, name) == 0)
			return p;
	return NULL;
}

/* The registered type @name, or NULL. */
struct file_system_type *get_fs_type(const char *name)
{
	/* Types register at boot and are never freed: no lock to read the list. */
	return __get_fs_type(name);
}

/* Names of the registered types, one per line as /proc/filesystems. */
int vfs_filesystems_show(char *buf, int size);
int vfs_filesystems_show(char *buf, int size)
{
	struct file_system_type *p;
	int n = 0;

	list_for_each_entry(p, &file_systems, fs_list)
		n += snprintf(buf + n, size > n ? (size_t)(size - n) : 0, "%s\t%s\n",
			      (p->fs_flags & FS_REQUIRES_DEV) ? "" : "nodev", p->name);
	return n;
}

struct vfsmount *mntget(struct vfsmount *m)
{
	if (m)
		atomic_inc(&real_mount(m)->mnt_count);
	return m;
}

static void free_mount(struct mount *m)
{
	struct super_block *sb = m->mnt.mnt_sb;

	dput(m->mnt.mnt_root);
	if (sb && atomic_dec_and_test(&sb->s_active)) {
		if (sb->s_type && sb->s_type->kill_sb)
			sb->s_type->kill_sb(sb);
		else
			kill_litter_super(sb);
	}
	kfree(m->mnt_devname);
	kfree(m);
}

void mntput(struct vfsmount *m)
{
	if (m && atomic_dec_and_test(&real_mount(m)->mnt_count))
		free_mount(real_mount(m));
}

void path_get(const struct path *path)
{
	mntget(path->mnt);
	dget(path->dentry);
}

void path_put(const struct path *path)
{
	dput(path->dentry);
	mntput(path->mnt);
}

static char *kstrdup(const char *s)
{
	size_t n = s ? strlen(s) + 1 : 1;
	char *p = kmalloc(n);

	if (p) {
		if (s)
			memcpy(p, s, n);
		else
			p[0] = 0;
	}
	return p;
}

/* A mount of a new (or found) instance of @type, not attached anywhere: one reference. */
struct vfsmount *vfs_kern_mount(struct file_system_type *type, int flags, const char *name, void *data)
{
	struct mount *m;
	struct dentry *root;

	if (!type)
		return ERR_PTR(-ENODEV);
	m = kzalloc(sizeof(*m));
	if (!m)
		return ERR_PTR(-ENOMEM);
	m->mnt_devname = kstrdup(name ? name : "none");
	root = type->mount(type, flags, name, data);
	if (IS_ERR_OR_NULL(root)) {
		kfree(m->mnt_devname);
		kfree(m);
		return root ? ERR_CAST(root) : ERR_PTR(-ENOMEM);
	}
	m->mnt.mnt_root = root;
	m->mnt.mnt_sb = root->d_sb;
	m->mnt.mnt_flags = flags;
	m->mnt_parent = m;
	m->mnt_mountpoint = root;
	atomic_set(&m->mnt_count, 1);
	INIT_LIST_HEAD(&m->mnt_list);
	INIT_LIST_HEAD(&m->mnt_mounts);
	INIT_LIST_HEAD(&m->mnt_child);
	return &m->mnt;
}

struct vfsmount *kern_mount(struct file_system_type *type)
{
	return vfs_kern_mount(type, 0, type->name, NULL);
}

/* The mount attached at @mountpoint inside @parent (the last one, when stacked), or NULL. */
struct vfsmount *lookup_mnt(struct vfsmount *parent, struct dentry *mountpoint)
{
	struct mount *m, *found = NULL;

	if (!(mountpoint->d_flags & DCACHE_MOUNTED))
		return NULL;
	list_for_each_entry(m, &mounts, mnt_list)
		if (m->mnt_parent != m && &m->mnt_parent->mnt == parent && m->mnt_mountpoint == mountpoint)
			found = m;
	return found ? &found->mnt : NULL;
}

static void attach_mnt(struct mount *m, const struct path *at)
{
	struct mount *parent = real_mount(at->mnt);

	m->mnt_parent = parent;
	m->mnt_mountpoint = dget(at->dentry);
	mntget(&parent->mnt);
	at->dentry->d_flags |= DCACHE_MOUNTED;
	list_add_tail(&m->mnt_child, &parent->mnt_mounts);
	list_add_tail(&m->mnt_list, &mounts);
}

static bool still_mounted_at(struct dentry *d)
{
	struct mount *m;

	list_for_each_entry(m, &mounts, mnt_list)
		if (m->mnt_parent != m && m->mnt_mountpoint == d)
			return true;
	return false;
}

static void detach_mnt(struct mount *m)
{
	struct mount *parent = m->mnt_parent;
	struct dentry *mp = m->mnt_mountpoint;

	list_del(&m->mnt_child);
	list_del(&m->mnt_list);
	m->mnt_parent = m;
	m->mnt_mountpoint = m->mnt.mnt_root;
	if (!still_mounted_at(mp))
		mp->d_flags &= ~DCACHE_MOUNTED;
	dput(mp);
	mntput(&parent->mnt);
}

int vfs_mount_count(void)
{
	struct mount *m;
	int n = 0;

	list_for_each_entry(m, &mounts, mnt_list)
		n++;
	return n;
}

/* Mount @type (by name) at @dir_name; MS_REMOUNT is accepted and does nothing; MS_BIND binds. */
long do_mount(const char *dev_name, const char *dir_name, const char *type, unsigned long flags,
	      void *data)
{
	struct path at;
	struct vfsmount *mnt;
	long err;

	err = vfs_path_lookupat(AT_FDCWD, dir_name, LOOKUP_FOLLOW, &at);
	if (err)
		return err;
	if (flags & MS_REMOUNT) {
		path_put(&at);
		return 0;
	}
	if (!path_is_dir(&at) && !(flags & MS_BIND)) {
		path_put(&at);
		return -ENOTDIR;
	}
	if (flags & MS_BIND) {
		struct path from;
		struct mount *m;

		err = vfs_path_lookupat(AT_FDCWD, dev_name, LOOKUP_FOLLOW, &from);
		if (err) {
			path_put(&at);
			return err;
		}
		if (S_ISDIR(from.dentry->d_inode->i_mode) != S_ISDIR(at.dentry->d_inode->i_mode)) {
			path_put(&from);
			path_put(&at);
			return -ENOTDIR;
		}
		m = kzalloc(sizeof(*m));
		if (!m) {
			path_put(&from);
			path_put(&at);
			return -ENOMEM;
		}
		m->mnt_devname = kstrdup(real_mount(from.mnt)->mnt_devname);
		m->mnt.mnt_root = dget(from.dentry);
		m->mnt.mnt_sb = from.dentry->d_sb;
		atomic_inc(&m->mnt.mnt_sb->s_active);
		m->mnt_parent = m;
		atomic_set(&m->mnt_count, 1);
		INIT_LIST_HEAD(&m->mnt_mounts);
		INIT_LIST_HEAD(&m->mnt_child);
		INIT_LIST_HEAD(&m->mnt_list);
		path_put(&from);
		mnt = &m->mnt;
	} else {
		struct file_system_type *fst;

		if (!type) {
			path_put(&at);
			return -EINVAL;
		}
		mutex_lock(&namespace_mutex);
		fst = __get_fs_type(type);
		mutex_unlock(&namespace_mutex);
		if (!fst) {
			path_put(&at);
			return -ENODEV;
		}
		mnt = vfs_kern_mount(fst, (int)flags, dev_name, data);
		if (IS_ERR(mnt)) {
			path_put(&at);
			return PTR_ERR(mnt);
		}
	}
	mutex_lock(&namespace_mutex);
	/* The walk stopped on the topmost mount already: stack on it. */
	attach_mnt(real_mount(mnt), &at);
	mutex_unlock(&namespace_mutex);
	path_put(&at);
	return 0;
}

/* umount2 on a path that must be a mount's root. */
int do_umount_path(const struct path *path, int flags)
{
	struct mount *m = real_mount(path->mnt);
	int expected = 2;       /* the tree's reference and the caller's path */

	if (path->dentry != path->mnt->mnt_root)
		return -EINVAL;
	if (m->mnt_parent == m)
		return -EINVAL;         /* the root, or not attached */
	mutex_lock(&namespace_mutex);
	if (!list_empty(&m->mnt_mounts) ||
	    (!(flags & MNT_DETACH) && atomic_read(&m->mnt_count) > expected)) {
		mutex_unlock(&namespace_mutex);
		return -EBUSY;
	}
	detach_mnt(m);
	mutex_unlock(&namespace_mutex);
	mntput(&m->mnt);        /* the tree's reference; the caller's path drops the last */
	return 0;
}

/* Mount the rootfs (a ramfs) as "/" of the one namespace. */
void vfs_init_mount_tree(void)
{
	struct file_system_type *type = get_fs_type("ramfs");
	struct vfsmount *mnt;
	struct mount *m;

	if (!type) {
		pr_err("vfs: no ramfs to mount as the rootfs\n");
		return;
	}
	mnt = vfs_kern_mount(type, 0, "rootfs", NULL);
	if (IS_ERR(mnt)) {
		pr_err("vfs: rootfs mount failed: %ld\n", PTR_ERR(mnt));
		return;
	}
	m = real_mount(mnt);
	list_add_tail(&m->mnt_list, &mounts);
	init_root.mnt = mnt;
	init_root.dentry = dget(mnt->mnt_root);
	/* init_root holds the tree's reference and one more of its own. */
	mntget(mnt);
}

/* /proc/mounts lines. */
int vfs_mounts_show(char *buf, int size);
int vfs_mounts_show(char *buf, int size)
{
	struct mount *m;
	char *pathbuf = kmalloc(PATH_MAX);
	int n = 0;

	if (!pathbuf)
		return -ENOMEM;
	mutex_lock(&namespace_mutex);
	list_for_each_entry(m, &mounts, mnt_list) {
		struct path p = { &m->mnt, m->mnt.mnt_root };
		char *s = d_path(&p, pathbuf, PATH_MAX);

		n += snprintf(buf + n, size > n ? (size_t)(size - n) : 0, "%s %s %s rw 0 0\n",
			      m->mnt_devname, IS_ERR(s) ? "?" : s, m->mnt.mnt_sb->s_type->name);
	}
	mutex_unlock(&namespace_mutex);
	kfree(pathbuf);
	return n;
}
