// SPDX-License-Identifier: Apache-2.0
/*
 * Path walk and the operations on names (Linux's fs/namei.c, in small).
 *
 * The walk is iterative: the names still to walk are a stack of strings,
 * the path given first and each symlink target followed on top of it
 * (the link's dentry is held while its target is read). "." stays, ".."
 * goes up (to the mount's mountpoint from a mount's root, never above the
 * task's root), a mounted-on dentry is crossed into the topmost mount,
 * a symlink is followed in the middle always and at the end with
 * LOOKUP_FOLLOW. More than MAXSYMLINKS (40) links in one walk is ELOOP,
 * a component over NAME_MAX or a name of PATH_MAX bytes ENAMETOOLONG, a
 * non-directory followed by more ENOTDIR.
 *
 * Every walk and every change of a directory runs under namespace_mutex
 * (one CPU and a small kernel: one lock for the namespace makes rename
 * and rmdir race-free). The results are referenced paths, used after the
 * mutex is dropped (reads, writes and opens do not hold it).
 *
 * The caller is root: permission bits are not checked, except that exec
 * (faccessat X_OK) needs an x bit on a non-directory, as for Linux's root.
 */
#include "vfs_internal.h"

struct walk_frame {
	const char *rest;
	struct path link;               /* the symlink being read (level > 0) */
};

struct nameidata {
	struct path path;
	struct path root;
	unsigned int flags;
	int total_links;
	int depth;
	struct walk_frame stack[MAXSYMLINKS + 1];
};

static void current_root_pwd(struct path *root, struct path *pwd)
{
	struct fs_struct *fs = vfs_task_fs();

	if (fs && fs->root.dentry) {
		spin_lock(&fs->lock);
		*root = fs->root;
		if (pwd)
			*pwd = fs->pwd;
		path_get(root);
		if (pwd)
			path_get(pwd);
		spin_unlock(&fs->lock);
	} else {
		*root = init_root;
		path_get(root);
		if (pwd) {
			*pwd = init_root;
			path_get(pwd);
		}
	}
}

int path_is_dir(const struct path *p)
{
	return p->dentry->d_inode && S_ISDIR(p->dentry->d_inode->i_mode);
}

static int check_name(const char *name)
{
	size_t n;

	if (!name)
		return -EFAULT;
	n = strnlen(name, PATH_MAX);
	if (n == PATH_MAX)
		return -ENAMETOOLONG;
	if (n == 0)
		return -ENOENT;
	return 0;
}

/* Start a walk of @name at @dfd: root for an absolute name, else the cwd or @dfd's directory. */
static int path_init(struct nameidata *nd, int dfd, const char *name, unsigned int flags)
{
	struct path pwd;

	nd->flags = flags;
	nd->total_links = 0;
	nd->depth = 0;
	if (!init_root.dentry)
		return -ENOENT;
	if (name[0] == '/' || dfd == AT_FDCWD) {
		current_root_pwd(&nd->root, &pwd);
		if (name[0] == '/') {
			nd->path = nd->root;
			path_get(&nd->path);
			path_put(&pwd);
		} else {
			nd->path = pwd;
		}
	} else {
		struct file *f = fget((unsigned int)dfd);

		if (dfd < 0 || !f) {
			if (f)
				fput(f);
			return -EBADF;
		}
		if (!path_is_dir(&f->f_path)) {
			fput(f);
			return -ENOTDIR;
		}
		current_root_pwd(&nd->root, NULL);
		nd->path = f->f_path;
		path_get(&nd->path);
		fput(f);
	}
	nd->stack[0].rest = name;
	nd->stack[0].link.mnt = NULL;
	nd->stack[0].link.dentry = NULL;
	nd->depth = 1;
	return 0;
}

static void nd_cleanup(struct nameidata *nd)
{
	while (nd->depth > 1) {
		nd->depth--;
		path_put(&nd->stack[nd->depth].link);
	}
	nd->depth = 0;
	path_put(&nd->root);
}

static void follow_mount(struct path *path)
{
	while (path->dentry->d_flags & DCACHE_MOUNTED) {
		struct vfsmount *m = lookup_mnt(path->mnt, path->dentry);
		struct path next;

		if (!m)
			break;
		next.mnt = mntget(m);
		next.dentry = dget(m->mnt_root);
		path_put(path);
		*path = next;
	}
}

static void follow_dotdot(struct nameidata *nd)
{
	for (;;) {
		struct path next;

		if (nd->path.dentry == nd->root.dentry && nd->path.mnt == nd->root.mnt)
			return;
		if (nd->path.dentry != nd->path.mnt->mnt_root) {
			next.mnt = mntget(nd->path.mnt);
			next.dentry = dget(nd->path.dentry->d_parent);
			path_put(&nd->path);
			nd->path = next;
			return;
		} else {
			struct mount *m = real_mount(nd->path.mnt);

			if (m->mnt_parent == m)
				return;
			next.mnt = mntget(&m->mnt_parent->mnt);
			next.dentry = dget(m->mnt_mountpoint);
			path_put(&nd->path);
			nd->path = next;
		}
	}
}

/* @parent's child @name (referenced; negative when absent), through the fs's lookup on a miss. */
struct dentry *lookup_one(struct dentry *parent, const char *name, unsigned int len)
{
	struct inode *dir = parent->d_inode;
	struct dentry *d, *res;
	struct qstr q = { .name = name, .len = len };

	if (len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	d = d_lookup(parent, name, len);
	if (d)
		return d;
	if (!dir || !dir->i_op || !dir->i_op->lookup)
		return ERR_PTR(-ENOTDIR);
	d = d_alloc(parent, &q);
	if (!d)
		return ERR_PTR(-ENOMEM);
	res = dir->i_op->lookup(dir, d, 0);
	if (IS_ERR(res)) {
		d_drop(d);
		dput(d);
		return res;
	}
	if (res) {              /* the fs found another dentry for it */
		dput(d);
		return res;
	}
	return d;
}

static const char *get_link(struct dentry *d)
{
	struct inode *inode = d->d_inode;

	if (inode->i_link)
		return inode->i_link;
	if (inode->i_op && inode->i_op->get_link)
		return inode->i_op->get_link(d, inode);
	return ERR_PTR(-EINVAL);
}

static bool frames_done(struct nameidata *nd)
{
	int i;

	for (i = 0; i < nd->depth; i++)
		if (nd->stack[i].rest[0])
			return false;
	return true;
}

/* Walk every remaining name on the stack; nd->path is the result. */
static int walk(struct nameidata *nd)
{
	while (nd->depth > 0) {
		struct walk_frame *f = &nd->stack[nd->depth - 1];
		const char *s = f->rest, *comp;
		unsigned int len;
		struct dentry *child;
		struct path next;
		bool last;

		if (s[0] == '/') {
			path_put(&nd->path);
			nd->path = nd->root;
			path_get(&nd->path);
			while (*s == '/')
				s++;
		}
		if (!*s) {
			f->rest = s;
			if (nd->depth == 1)
				break;
			nd->depth--;
			path_put(&nd->stack[nd->depth].link);
			continue;
		}
		comp = s;
		while (*s && *s != '/')
			s++;
		len = (unsigned int)(s - comp);
		while (*s == '/')
			s++;
		f->rest = s;
		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		if (!path_is_dir(&nd->path))
			return -ENOTDIR;
		last = frames_done(nd);
		if (len == 1 && comp[0] == '.')
			continue;
		if (len == 2 && comp[0] == '.' && comp[1] == '.') {
			follow_dotdot(nd);
			continue;
		}
		child = lookup_one(nd->path.dentry, comp, len);
		if (IS_ERR(child))
			return (int)PTR_ERR(child);
		if (!child->d_inode) {
			dput(child);
			return -ENOENT;
		}
		next.mnt = mntget(nd->path.mnt);
		next.dentry = child;
		follow_mount(&next);
		if (S_ISLNK(next.dentry->d_inode->i_mode) && (!last || (nd->flags & LOOKUP_FOLLOW))) {
			const char *target;

			if (++nd->total_links > MAXSYMLINKS || nd->depth > MAXSYMLINKS) {
				path_put(&next);
				return -ELOOP;
			}
			target = get_link(next.dentry);
			if (IS_ERR(target)) {
				path_put(&next);
				return (int)PTR_ERR(target);
			}
			if (!target || !*target) {
				path_put(&next);
				return -ENOENT;
			}
			nd->stack[nd->depth].rest = target;
			nd->stack[nd->depth].link = next;
			nd->depth++;
			continue;
		}
		path_put(&nd->path);
		nd->path = next;
	}
	if ((nd->flags & LOOKUP_DIRECTORY) && !path_is_dir(&nd->path))
		return -ENOTDIR;
	return 0;
}

static bool has_trailing_slash(const char *name)
{
	size_t n = strlen(name);

	return n > 0 && name[n - 1] == '/';
}

/* The walk of @name at @dfd, namespace_mutex held; @path referenced on success. */
static int lookupat_locked(int dfd, const char *name, unsigned int flags, struct path *path)
{
	struct nameidata *nd;
	int err = check_name(name);

	if (err)
		return err;
	nd = kmalloc(sizeof(*nd));
	if (!nd)
		return -ENOMEM;
	if (has_trailing_slash(name))
		flags |= LOOKUP_FOLLOW | LOOKUP_DIRECTORY;
	err = path_init(nd, dfd, name, flags);
	if (err) {
		kfree(nd);
		return err;
	}
	err = walk(nd);
	if (!err) {
		*path = nd->path;
	} else {
		path_put(&nd->path);
	}
	nd_cleanup(nd);
	kfree(nd);
	return err;
}

int vfs_path_lookupat(int dfd, const char *name, unsigned int flags, struct path *path)
{
	int err;

	mutex_lock(&namespace_mutex);
	err = lookupat_locked(dfd, name, flags, path);
	mutex_unlock(&namespace_mutex);
	return err;
}

int kern_path(const char *name, unsigned int flags, struct path *path)
{
	return vfs_path_lookupat(AT_FDCWD, name, flags, path);
}

/*
 * Walk all but the last component of @name: @parent (referenced) is its
 * directory, @last and @lastlen the last component inside @name (trailing
 * slashes not counted); *@lastlen is 0 for "/" itself.
 */
static int parentat_locked(int dfd, const char *name, struct path *parent, const char **last,
			   unsigned int *lastlen)
{
	size_t end, start;
	char *prefix;
	int err = check_name(name);

	if (err)
		return err;
	end = strlen(name);
	while (end > 0 && name[end - 1] == '/')
		end--;
	start = end;
	while (start > 0 && name[start - 1] != '/')
		start--;
	if (end - start > NAME_MAX)
		return -ENAMETOOLONG;
	prefix = kmalloc(start + 2);
	if (!prefix)
		return -ENOMEM;
	if (start == 0 && end == 0) {
		/* "/" (or "///"): the root, no last component */
		prefix[0] = '/';
		prefix[1] = 0;
	} else if (start == 0) {
		prefix[0] = '.';
		prefix[1] = 0;
	} else {
		memcpy(prefix, name, start);
		prefix[start] = 0;
	}
	err = lookupat_locked(dfd, prefix, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, parent);
	kfree(prefix);
	if (err)
		return err;
	*last = name + start;
	*lastlen = (unsigned int)(end - start);
	return 0;
}

int vfs_path_parentat(int dfd, const char *name, struct path *parent, const char **last,
		      unsigned int *lastlen)
{
	int err;

	mutex_lock(&namespace_mutex);
	err = parentat_locked(dfd, name, parent, last, lastlen);
	mutex_unlock(&namespace_mutex);
	return err;
}

enum { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT };

static int last_type(const char *last, unsigned int len)
{
	if (len == 0)
		return LAST_ROOT;
	if (len == 1 && last[0] == '.')
		return LAST_DOT;
	if (len == 2 && last[0] == '.' && last[1] == '.')
		return LAST_DOTDOT;
	return LAST_NORM;
}

static int current_umask(void)
{
	struct fs_struct *fs = vfs_task_fs();

	return fs ? fs->umask : 022;
}

/* A dead directory (removed while open or cwd) takes no new names. */
static bool dir_dead(struct dentry *dir)
{
	return !dir->d_inode || dir->d_inode->i_nlink == 0;
}

/* Common head of the create operations: the negative dentry of the new name, referenced. */
static struct dentry *create_prepare(int dfd, const char *name, struct path *parent)
{
	const char *last;
	unsigned int len;
	struct dentry *d;
	int err = parentat_locked(dfd, name, parent, &last, &len);

	if (err)
		return ERR_PTR(err);
	if (last_type(last, len) != LAST_NORM) {
		path_put(parent);
		return ERR_PTR(-EEXIST);
	}
	if (dir_dead(parent->dentry)) {
		path_put(parent);
		return ERR_PTR(-ENOENT);
	}
	d = lookup_one(parent->dentry, last, len);
	if (IS_ERR(d)) {
		path_put(parent);
		return d;
	}
	if (d->d_inode) {
		dput(d);
		path_put(parent);
		return ERR_PTR(-EEXIST);
	}
	return d;
}

int vfs_mknodat(int dfd, const char *name, umode_t mode, dev_t dev)
{
	struct path parent;
	struct dentry *d;
	struct inode *dir;
	int err;

	switch (mode & S_IFMT) {
	case 0:
		mode |= S_IFREG;
		break;
	case S_IFREG: case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		break;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
	mutex_lock(&namespace_mutex);
	d = create_prepare(dfd, name, &parent);
	if (IS_ERR(d)) {
		mutex_unlock(&namespace_mutex);
		return (int)PTR_ERR(d);
	}
	dir = parent.dentry->d_inode;
	mode = (mode & S_IFMT) | (mode & S_IALLUGO & ~(umode_t)current_umask());
	if (S_ISREG(mode))
		err = dir->i_op->create ? dir->i_op->create(dir, d, mode, true) : -EPERM;
	else
		err = dir->i_op->mknod ? dir->i_op->mknod(dir, d, mode, dev) : -EPERM;
	dput(d);
	path_put(&parent);
	mutex_unlock(&namespace_mutex);
	return err;
}

int vfs_mkdirat(int dfd, const char *name, umode_t mode)
{
	struct path parent;
	struct dentry *d;
	struct inode *dir;
	int err;

	mutex_lock(&namespace_mutex);
	d = create_prepare(dfd, name, &parent);
	if (IS_ERR(d)) {
		mutex_unlock(&namespace_mutex);
		return (int)PTR_ERR(d);
	}
	dir = parent.dentry->d_inode;
	mode = S_IFDIR | (mode & 01777 & ~(umode_t)current_umask());
	err = dir->i_op->mkdir ? dir->i_op->mkdir(dir, d, mode) : -EPERM;
	dput(d);
	path_put(&parent);
	mutex_unlock(&namespace_mutex);
	return err;
}

int vfs_symlinkat(const char *target, int dfd, const char *name)
{
	struct path parent;
	struct dentry *d;
	struct inode *dir;
	int err;

	if (!target)
		return -EFAULT;
	if (!target[0])
		return -ENOENT;
	if (strnlen(target, PATH_MAX) == PATH_MAX)
		return -ENAMETOOLONG;
	mutex_lock(&namespace_mutex);
	d = create_prepare(dfd, name, &parent);
	if (IS_ERR(d)) {
		mutex_unlock(&namespace_mutex);
		return (int)PTR_ERR(d);
	}
	dir = parent.dentry->d_inode;
	err = dir->i_op->symlink ? dir->i_op->symlink(dir, d, target) : -EPERM;
	dput(d);
	path_put(&parent);
	mutex_unlock(&namespace_mutex);
	return err;
}

int vfs_linkat(int olddfd, const char *oldname, int newdfd, const char *newname, int flags)
{
	struct path old, parent;
	struct dentry *d;
	struct inode *dir;
	int err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	mutex_lock(&namespace_mutex);
	err = lookupat_locked(olddfd, oldname, (flags & AT_SYMLINK_FOLLOW) ? LOOKUP_FOLLOW : 0, &old);
	if (err)
		goto out;
	d = create_prepare(newdfd, newname, &parent);
	if (IS_ERR(d)) {
		err = (int)PTR_ERR(d);
		path_put(&old);
		goto out;
	}
	dir = parent.dentry->d_inode;
	if (old.mnt != parent.mnt)
		err = -EXDEV;
	else if (S_ISDIR(old.dentry->d_inode->i_mode))
		err = -EPERM;
	else if (old.dentry->d_inode->i_nlink == 0)
		err = -ENOENT;
	else
		err = dir->i_op->link ? dir->i_op->link(old.dentry, dir, d) : -EPERM;
	dput(d);
	path_put(&parent);
	path_put(&old);
out:
	mutex_unlock(&namespace_mutex);
	return err;
}

static bool is_mountpoint(const struct path *p, struct dentry *d)
{
	return (d->d_flags & DCACHE_MOUNTED) || d == p->mnt->mnt_root;
}

int vfs_unlinkat(int dfd, const char *name, int flags)
{
	struct path parent;
	const char *last;
	unsigned int len;
	struct dentry *d;
	struct inode *dir;
	bool rmdir = flags & AT_REMOVEDIR;
	int err, type;

	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	mutex_lock(&namespace_mutex);
	err = parentat_locked(dfd, name, &parent, &last, &len);
	if (err)
		goto out_unlock;
	type = last_type(last, len);
	if (type != LAST_NORM) {
		if (!rmdir)
			err = -EISDIR;
		else
			err = type == LAST_DOT ? -EINVAL : type == LAST_DOTDOT ? -ENOTEMPTY : -EBUSY;
		goto out_parent;
	}
	d = lookup_one(parent.dentry, last, len);
	if (IS_ERR(d)) {
		err = (int)PTR_ERR(d);
		goto out_parent;
	}
	dir = parent.dentry->d_inode;
	if (!d->d_inode) {
		err = -ENOENT;
	} else if (rmdir) {
		if (!S_ISDIR(d->d_inode->i_mode))
			err = -ENOTDIR;
		else if (is_mountpoint(&parent, d))
			err = -EBUSY;
		else if (!simple_empty(d))
			err = -ENOTEMPTY;
		else
			err = dir->i_op->rmdir ? dir->i_op->rmdir(dir, d) : -EPERM;
	} else {
		if (S_ISDIR(d->d_inode->i_mode))
			err = -EISDIR;
		else if (last[len] == '/')
			err = -ENOTDIR;
		else if (d->d_flags & DCACHE_MOUNTED)
			err = -EBUSY;
		else
			err = dir->i_op->unlink ? dir->i_op->unlink(dir, d) : -EPERM;
	}
	if (!err) {
		inode_set_now(dir, ATTR_MTIME | ATTR_CTIME);
		d_delete(d);
	}
	dput(d);
out_parent:
	path_put(&parent);
out_unlock:
	mutex_unlock(&namespace_mutex);
	return err;
}

int vfs_renameat2(int olddfd, const char *oldname, int newdfd, const char *newname,
		  unsigned int flags)
{
	struct path op, np;
	const char *ol, *nl;
	unsigned int olen, nlen;
	struct dentry *od = NULL, *nd = NULL;
	struct inode *odir, *ndir, *oi, *ni;
	int err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & RENAME_NOREPLACE) && (flags & RENAME_EXCHANGE))
		return -EINVAL;
	if (flags & RENAME_WHITEOUT)
		return -EINVAL;         /* no overlay file systems here */
	mutex_lock(&namespace_mutex);
	err = parentat_locked(olddfd, oldname, &op, &ol, &olen);
	if (err)
		goto out_unlock;
	err = parentat_locked(newdfd, newname, &np, &nl, &nlen);
	if (err)
		goto out_op;
	if (op.mnt != np.mnt) {
		err = -EXDEV;
		goto out_np;
	}
	if (last_type(ol, olen) != LAST_NORM || last_type(nl, nlen) != LAST_NORM) {
		err = -EBUSY;
		goto out_np;
	}
	od = lookup_one(op.dentry, ol, olen);
	if (IS_ERR(od)) {
		err = (int)PTR_ERR(od);
		od = NULL;
		goto out_np;
	}
	if (!od->d_inode) {
		err = -ENOENT;
		goto out_d;
	}
	nd = lookup_one(np.dentry, nl, nlen);
	if (IS_ERR(nd)) {
		err = (int)PTR_ERR(nd);
		nd = NULL;
		goto out_d;
	}
	oi = od->d_inode;
	ni = nd->d_inode;
	odir = op.dentry->d_inode;
	ndir = np.dentry->d_inode;
	if (!S_ISDIR(oi->i_mode) && (ol[olen] == '/' || (!ni && nl[nlen] == '/'))) {
		err = -ENOTDIR;
		goto out_d;
	}
	if ((flags & RENAME_EXCHANGE) && !ni) {
		err = -ENOENT;
		goto out_d;
	}
	if ((flags & RENAME_NOREPLACE) && ni) {
		err = -EEXIST;
		goto out_d;
	}
	if (dir_dead(np.dentry)) {
		err = -ENOENT;
		goto out_d;
	}
	if (od == nd || oi == ni) {
		err = 0;                /* the same file: nothing to do */
		goto out_d;
	}
	if (is_mountpoint(&op, od) || (ni && is_mountpoint(&np, nd))) {
		err = -EBUSY;
		goto out_d;
	}
	/* A directory cannot move below itself (nor, exchanged, the other way). */
	if ((S_ISDIR(oi->i_mode) && d_is_ancestor(od, np.dentry)) ||
	    ((flags & RENAME_EXCHANGE) && S_ISDIR(ni->i_mode) && d_is_ancestor(nd, op.dentry))) {
		err = -EINVAL;
		goto out_d;
	}
	if (ni && !(flags & RENAME_EXCHANGE)) {
		if (d_is_ancestor(nd, op.dentry)) {
			err = -ENOTEMPTY;
			goto out_d;
		}
		if (S_ISDIR(oi->i_mode) && !S_ISDIR(ni->i_mode)) {
			err = -ENOTDIR;
			goto out_d;
		}
		if (!S_ISDIR(oi->i_mode) && S_ISDIR(ni->i_mode)) {
			err = -EISDIR;
			goto out_d;
		}
		if (S_ISDIR(ni->i_mode) && !simple_empty(nd)) {
			err = -ENOTEMPTY;
			goto out_d;
		}
	}
	if (!odir->i_op->rename) {
		err = -EPERM;
		goto out_d;
	}
	err = odir->i_op->rename(odir, od, ndir, nd, flags);
	if (!err) {
		if (flags & RENAME_EXCHANGE)
			d_exchange(od, nd);
		else
			d_move(od, nd);
	}
out_d:
	if (nd)
		dput(nd);
	dput(od);
out_np:
	path_put(&np);
out_op:
	path_put(&op);
out_unlock:
	mutex_unlock(&namespace_mutex);
	return err;
}

static int lookup_flags_at(int flags)
{
	return (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
}

/* The path for an *at() call: @name at @dfd, or @dfd itself for "" with AT_EMPTY_PATH. */
static int path_at(int dfd, const char *name, int flags, unsigned int lookup, struct path *p)
{
	if (name && !name[0] && (flags & AT_EMPTY_PATH)) {
		if (dfd == AT_FDCWD) {
			struct path root;

			current_root_pwd(&root, p);
			path_put(&root);
			return 0;
		} else {
			struct file *f = dfd >= 0 ? fget((unsigned int)dfd) : NULL;

			if (!f)
				return -EBADF;
			*p = f->f_path;
			path_get(p);
			fput(f);
			return 0;
		}
	}
	return vfs_path_lookupat(dfd, name, lookup, p);
}

int vfs_readlinkat(int dfd, const char *name, char *buf, int bufsiz)
{
	struct path p;
	const char *target;
	int err, n;

	if (bufsiz <= 0)
		return -EINVAL;
	err = path_at(dfd, name, AT_EMPTY_PATH, 0, &p);
	if (err)
		return err;
	if (!S_ISLNK(p.dentry->d_inode->i_mode)) {
		path_put(&p);
		return name[0] ? -EINVAL : -ENOENT;     /* "" names the fd: ENOENT unless a link */
	}
	target = get_link(p.dentry);
	if (IS_ERR(target)) {
		path_put(&p);
		return (int)PTR_ERR(target);
	}
	n = (int)strlen(target);
	if (n > bufsiz)
		n = bufsiz;
	memcpy(buf, target, (size_t)n);
	path_put(&p);
	return n;
}

int vfs_setattr(struct dentry *dentry, struct iattr *attr)
{
	struct inode *inode = dentry->d_inode;

	if (inode->i_op && inode->i_op->setattr)
		return inode->i_op->setattr(dentry, attr);
	if (attr->ia_valid & ATTR_SIZE)
		return -EPERM;
	if (attr->ia_valid & ATTR_MODE)
		inode->i_mode = (inode->i_mode & S_IFMT) | (attr->ia_mode & S_IALLUGO);
	if (attr->ia_valid & ATTR_UID)
		inode->i_uid = attr->ia_uid;
	if (attr->ia_valid & ATTR_GID)
		inode->i_gid = attr->ia_gid;
	if (attr->ia_valid & ATTR_ATIME)
		inode->i_atime = attr->ia_atime;
	if (attr->ia_valid & ATTR_MTIME)
		inode->i_mtime = attr->ia_mtime;
	inode_set_now(inode, ATTR_CTIME);
	return 0;
}

int vfs_fchmodat(int dfd, const char *name, umode_t mode, int flags)
{
	struct path p;
	struct iattr a = { .ia_valid = ATTR_MODE | ATTR_CTIME, .ia_mode = mode & S_IALLUGO };
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = path_at(dfd, name, flags, lookup_flags_at(flags), &p);
	if (err)
		return err;
	if (S_ISLNK(p.dentry->d_inode->i_mode))
		err = -EOPNOTSUPP;      /* Linux: a symlink's mode cannot change */
	else
		err = vfs_setattr(p.dentry, &a);
	path_put(&p);
	return err;
}

int vfs_fchownat(int dfd, const char *name, unsigned int uid, unsigned int gid, int flags);
int vfs_fchownat(int dfd, const char *name, unsigned int uid, unsigned int gid, int flags)
{
	struct path p;
	struct iattr a = { .ia_valid = 0 };
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = path_at(dfd, name, flags, lookup_flags_at(flags), &p);
	if (err)
		return err;
	if (uid != (unsigned int)-1) {
		a.ia_valid |= ATTR_UID;
		a.ia_uid = uid;
	}
	if (gid != (unsigned int)-1) {
		a.ia_valid |= ATTR_GID;
		a.ia_gid = gid;
	}
	err = a.ia_valid ? vfs_setattr(p.dentry, &a) : 0;
	path_put(&p);
	return err;
}

static int check_ts(const struct timespec64 *t)
{
	if (t->tv_nsec == UTIME_NOW || t->tv_nsec == UTIME_OMIT)
		return 0;
	return t->tv_nsec >= 0 && t->tv_nsec < 1000000000 ? 0 : -EINVAL;
}

/* @ts NULL: both now. A NULL @name is utimensat(fd, NULL, ...): @dfd itself. */
int vfs_utimensat(int dfd, const char *name, const struct timespec64 *ts, int flags)
{
	struct path p;
	struct iattr a = { .ia_valid = 0 };
	struct timespec64 now;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (ts && (check_ts(&ts[0]) || check_ts(&ts[1])))
		return -EINVAL;
	if (name)
		err = path_at(dfd, name, flags, lookup_flags_at(flags), &p);
	else
		err = path_at(dfd, "", AT_EMPTY_PATH, 0, &p);
	if (err)
		return err;
	vfs_now(&now);
	if (!ts || ts[0].tv_nsec != UTIME_OMIT) {
		a.ia_valid |= ATTR_ATIME;
		a.ia_atime = (!ts || ts[0].tv_nsec == UTIME_NOW) ? now : ts[0];
	}
	if (!ts || ts[1].tv_nsec != UTIME_OMIT) {
		a.ia_valid |= ATTR_MTIME;
		a.ia_mtime = (!ts || ts[1].tv_nsec == UTIME_NOW) ? now : ts[1];
	}
	err = a.ia_valid ? vfs_setattr(p.dentry, &a) : 0;
	path_put(&p);
	return err;
}

int vfs_getattr(const struct path *path, struct kstat *st)
{
	struct inode *inode = path->dentry->d_inode;

	st->ino = inode->i_ino;
	st->dev = inode->i_sb ? inode->i_sb->s_dev : 0;
	st->mode = inode->i_mode;
	st->nlink = inode->i_nlink;
	st->uid = inode->i_uid;
	st->gid = inode->i_gid;
	st->rdev = inode->i_rdev;
	st->size = inode->i_size;
	st->atime = inode->i_atime;
	st->mtime = inode->i_mtime;
	st->ctime = inode->i_ctime;
	st->blksize = PAGE_SIZE;
	st->blocks = inode->i_blocks;
	return 0;
}

int vfs_statat(int dfd, const char *name, struct kstat *st, int flags)
{
	struct path p;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	err = path_at(dfd, name, flags, lookup_flags_at(flags), &p);
	if (err)
		return err;
	err = vfs_getattr(&p, st);
	path_put(&p);
	return err;
}

int vfs_faccessat(int dfd, const char *name, int mode, int flags)
{
	struct path p;
	int err;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = path_at(dfd, name, flags, lookup_flags_at(flags), &p);
	if (err)
		return err;
	/* root: everything but exec of a file with no x bit */
	if ((mode & X_OK) && !S_ISDIR(p.dentry->d_inode->i_mode) &&
	    !(p.dentry->d_inode->i_mode & 0111))
		err = -EACCES;
	path_put(&p);
	return err;
}

/* open(2)'s walk: the final path, created if O_CREAT asks; then the open itself. */
struct file *vfs_openat(int dfd, const char *name, int flags, umode_t mode)
{
	struct path p;
	struct file *f;
	unsigned int lf = 0;
	bool created = false;
	int err;

	if (!(flags & O_NOFOLLOW))
		lf |= LOOKUP_FOLLOW;
	if (flags & O_DIRECTORY)
		lf |= LOOKUP_DIRECTORY;
	if ((flags & O_CREAT) && !(flags & O_PATH)) {
		struct path parent;
		const char *last;
		unsigned int len;
		struct dentry *d;

		if (flags & O_DIRECTORY)
			return ERR_PTR(-EINVAL);
		mutex_lock(&namespace_mutex);
		err = parentat_locked(dfd, name, &parent, &last, &len);
		if (err) {
			mutex_unlock(&namespace_mutex);
			return ERR_PTR(err);
		}
		if (last_type(last, len) != LAST_NORM || last[len] == '/') {
			path_put(&parent);
			mutex_unlock(&namespace_mutex);
			return ERR_PTR(-EISDIR);
		}
		d = lookup_one(parent.dentry, last, len);
		if (IS_ERR(d)) {
			path_put(&parent);
			mutex_unlock(&namespace_mutex);
			return ERR_CAST(d);
		}
		if (!d->d_inode) {
			struct inode *dir = parent.dentry->d_inode;

			if (dir_dead(parent.dentry))
				err = -ENOENT;
			else if (!dir->i_op->create)
				err = -EACCES;
			else
				err = dir->i_op->create(dir, d, S_IFREG |
							(mode & S_IALLUGO & ~(umode_t)current_umask()),
							flags & O_EXCL);
			if (err) {
				dput(d);
				path_put(&parent);
				mutex_unlock(&namespace_mutex);
				return ERR_PTR(err);
			}
			p.mnt = mntget(parent.mnt);
			p.dentry = d;
			created = true;
			path_put(&parent);
		} else if (flags & O_EXCL) {
			dput(d);
			path_put(&parent);
			mutex_unlock(&namespace_mutex);
			return ERR_PTR(-EEXIST);
		} else if (S_ISLNK(d->d_inode->i_mode) || (d->d_flags & DCACHE_MOUNTED)) {
			/* Follow it (or cross the mount) with a full walk. */
			dput(d);
			path_put(&parent);
			err = lookupat_locked(dfd, name, lf, &p);
			if (err) {
				mutex_unlock(&namespace_mutex);
				return ERR_PTR(err);
			}
		} else {
			p.mnt = mntget(parent.mnt);
			p.dentry = d;
			path_put(&parent);
		}
		mutex_unlock(&namespace_mutex);
		if (!created && S_ISDIR(p.dentry->d_inode->i_mode)) {
			path_put(&p);
			return ERR_PTR(-EISDIR);
		}
	} else {
		err = vfs_path_lookupat(dfd, name, lf, &p);
		if (err)
			return ERR_PTR(err);
	}
	if (!(flags & O_PATH)) {
		umode_t m = p.dentry->d_inode->i_mode;

		if (S_ISLNK(m)) {
			path_put(&p);
			return ERR_PTR(-ELOOP);
		}
		if (S_ISDIR(m) && ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))) {
			path_put(&p);
			return ERR_PTR(-EISDIR);
		}
		if ((flags & O_TRUNC) && S_ISREG(m) && !created) {
			struct iattr a = { .ia_valid = ATTR_SIZE | ATTR_MTIME | ATTR_CTIME, .ia_size = 0 };

			vfs_now(&a.ia_mtime);
			err = vfs_setattr(p.dentry, &a);
			if (err) {
				path_put(&p);
				return ERR_PTR(err);
			}
		}
	}
	f = vfs_open_path(&p, flags);
	path_put(&p);
	return f;
}

static int set_fs_path(struct path *which_root_or_pwd, const struct path *p)
{
	struct fs_struct *fs = vfs_task_fs();
	struct path old;

	if (!fs)
		return -EPERM;
	spin_lock(&fs->lock);
	old = *which_root_or_pwd;
	*which_root_or_pwd = *p;
	spin_unlock(&fs->lock);
	if (old.dentry)
		path_put(&old);
	return 0;
}

int vfs_chdir(const char *name)
{
	struct path p;
	struct fs_struct *fs = vfs_task_fs();
	int err = vfs_path_lookupat(AT_FDCWD, name, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);

	if (err)
		return err;
	if (!fs) {
		path_put(&p);
		return -EPERM;
	}
	return set_fs_path(&fs->pwd, &p);
}

int vfs_fchdir_path(const struct path *p);
int vfs_fchdir_path(const struct path *p)
{
	struct fs_struct *fs = vfs_task_fs();

	if (!path_is_dir(p))
		return -ENOTDIR;
	if (!fs)
		return -EPERM;
	path_get(p);
	return set_fs_path(&fs->pwd, p);
}

int vfs_chroot(const char *name)
{
	struct path p;
	struct fs_struct *fs = vfs_task_fs();
	int err = vfs_path_lookupat(AT_FDCWD, name, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);

	if (err)
		return err;
	if (!fs) {
		path_put(&p);
		return -EPERM;
	}
	return set_fs_path(&fs->root, &p);
}

/*
 * The name of @path as seen from the task's root, built at the end of
 * @buf: a pointer into @buf, ERR_PTR(-ENAMETOOLONG) when it does not fit.
 * An unlinked dentry reads "<name> (deleted)".
 */
char *d_path(const struct path *path, char *buf, int buflen)
{
	struct path root, p = *path;
	char *end = buf + buflen, *s = end;
	bool deleted;
	unsigned long flags;

	if (buflen <= 0)
		return ERR_PTR(-ENAMETOOLONG);
	if (vfs_is_pseudo(p.mnt)) {             /* "pipe:[ino]" */
		int n = snprintf(buf, (size_t)buflen, "%s[%llu]", p.dentry->d_name.name,
				 (unsigned long long)(p.dentry->d_inode ? p.dentry->d_inode->i_ino : 0));

		return n < buflen ? buf : ERR_PTR(-ENAMETOOLONG);
	}
	current_root_pwd(&root, NULL);
	deleted = p.dentry->d_parent != p.dentry && !(p.dentry->d_flags & DCACHE_HASHED);
	*--s = 0;
	if (deleted) {
		if (s - buf < 10)
			goto toolong;
		s -= 10;
		memcpy(s, " (deleted)", 10);
	}
	spin_lock_irqsave(&dcache_lock, flags);
	for (;;) {
		struct dentry *d = p.dentry;
		unsigned int len;

		if (d == root.dentry && p.mnt == root.mnt)
			break;
		if (d == p.mnt->mnt_root) {
			struct mount *m = real_mount(p.mnt);

			if (m->mnt_parent == m)
				break;          /* outside the root: stop at the tree's top */
			p.dentry = m->mnt_mountpoint;
			p.mnt = &m->mnt_parent->mnt;
			continue;
		}
		len = d->d_name.len;
		if (s - buf < (long)len + 1) {
			spin_unlock_irqrestore(&dcache_lock, flags);
			goto toolong;
		}
		s -= len;
		memcpy(s, d->d_name.name, len);
		*--s = '/';
		p.dentry = d->d_parent;
	}
	spin_unlock_irqrestore(&dcache_lock, flags);
	if (*s == 0 || (deleted && s[0] == ' ')) {
		if (s - buf < 1)
			goto toolong;
		*--s = '/';
	}
	path_put(&root);
	return s;
toolong:
	path_put(&root);
	return ERR_PTR(-ENAMETOOLONG);
}
