// SPDX-License-Identifier: Apache-2.0
/*
 * Open files, descriptor tables, fs_struct, character devices and the
 * kernel's own file I/O (kernel_read/kernel_write/filp_open).
 *
 * A struct file holds a reference on its path (dentry and mount) and so
 * on the inode: an unlinked file stays readable until its last fput().
 * A files_struct maps descriptors to files: slots grow from
 * NR_OPEN_DEFAULT to NR_OPEN_MAX (1024, RLIMIT_NOFILE's default: EMFILE
 * beyond), the lowest free descriptor is taken first, close-on-exec is a
 * bitmap. file_lock guards the table; fput() runs outside it.
 */
#include "vfs_internal.h"

/* ---- struct file ---- */

struct file *alloc_empty_file(int flags)
{
	struct file *f = kzalloc(sizeof(*f));

	if (!f)
		return ERR_PTR(-ENOMEM);
	atomic_long_set(&f->f_count, 1);
	f->f_flags = (unsigned int)flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC);
	mutex_init(&f->f_pos_lock);
	return f;
}

static fmode_t open_fmode(int flags)
{
	fmode_t m = FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE;

	if (flags & O_PATH)
		return 0;
	switch (flags & O_ACCMODE) {
	case O_RDONLY:
		m |= FMODE_READ;
		break;
	case O_WRONLY:
		m |= FMODE_WRITE;
		break;
	case O_RDWR:
		m |= FMODE_READ | FMODE_WRITE;
		break;
	default:
		break;          /* 3: Linux opens it for ioctl only */
	}
	return m;
}

static const struct file_operations empty_fops;

/* Open @path (referenced by the caller; the file takes its own reference). */
struct file *vfs_open_path(const struct path *path, int flags)
{
	struct inode *inode = path->dentry->d_inode;
	struct file *f;
	int err;

	f = alloc_empty_file(flags);
	if (IS_ERR(f))
		return f;
	f->f_path = *path;
	path_get(path);
	f->f_inode = inode;
	f->f_mapping = inode->i_mapping;
	f->f_mode = open_fmode(flags);
	if (flags & O_PATH) {
		f->f_op = &empty_fops;
		return f;
	}
	f->f_op = inode->i_fop;
	if (!f->f_op) {
		f->f_op = &empty_fops;
		fput(f);
		return ERR_PTR(-ENXIO);
	}
	if (f->f_op->open) {
		err = f->f_op->open(inode, f);
		if (err) {
			f->f_op = &empty_fops;  /* no release for a failed open */
			fput(f);
			return ERR_PTR(err);
		}
	}
	return f;
}

struct file *dentry_open(const struct path *path, int flags)
{
	return vfs_open_path(path, flags);
}

void fput(struct file *file)
{
	if (!file || __atomic_sub_fetch(&file->f_count.counter, 1, __ATOMIC_SEQ_CST) != 0)
		return;
	if (file->f_op && file->f_op->release)
		file->f_op->release(file->f_inode, file);
	if (file->f_path.dentry)
		path_put(&file->f_path);
	kfree(file);
}

/*
 * Files on no name in the tree (a pipe's ends) still have a path: a
 * dentry of their own, never hashed, under the root of an internal pseudo
 * file system, so stat, fstatat(fd, "", AT_EMPTY_PATH), fchdir and d_path
 * treat them like any other file. d_path gives "<name>[<ino>]" for them
 * ("pipe:[42]", as Linux's pipefs).
 */
static struct vfsmount *pseudo_mnt;

static struct dentry *pseudo_mount(struct file_system_type *type, int flags, const char *dev,
				   void *data)
{
	struct super_block *sb = sget_nodev(type, NULL);
	struct inode *root;

	(void)flags;
	(void)dev;
	(void)data;
	if (IS_ERR(sb))
		return ERR_CAST(sb);
	root = new_inode(sb);
	if (!root)
		return ERR_PTR(-ENOMEM);
	root->i_mode = S_IFDIR | 0500;
	sb->s_root = d_make_root(root);
	if (!sb->s_root)
		return ERR_PTR(-ENOMEM);
	return dget(sb->s_root);
}

static struct file_system_type pseudo_fs_type = {
	.name = "pseudofs",
	.mount = pseudo_mount,
};

int vfs_pseudo_init(void)
{
	pseudo_mnt = kern_mount(&pseudo_fs_type);
	if (IS_ERR(pseudo_mnt)) {
		pseudo_mnt = NULL;
		return -ENOMEM;
	}
	return 0;
}

bool vfs_is_pseudo(const struct vfsmount *mnt)
{
	return mnt && mnt == pseudo_mnt;
}

/* A file for @inode with no name in the tree: takes over the caller's reference on @inode on success. */
struct file *alloc_file_pseudo(struct inode *inode, const char *name, int flags,
			       const struct file_operations *fops)
{
	struct file *f;
	struct dentry *d;

	if (!pseudo_mnt)
		return ERR_PTR(-ENOMEM);
	d = d_alloc_name(pseudo_mnt->mnt_root, name ? name : "");
	if (!d)
		return ERR_PTR(-ENOMEM);
	f = alloc_empty_file(flags);
	if (IS_ERR(f)) {
		dput(d);
		return f;
	}
	d->d_inode = inode;     /* unhashed: freed (and the inode put) with the last reference */
	f->f_path.mnt = mntget(pseudo_mnt);
	f->f_path.dentry = d;
	f->f_inode = inode;
	f->f_mapping = inode->i_mapping;
	f->f_op = fops;
	f->f_mode = open_fmode(flags) & ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	return f;
}

struct file *filp_open(const char *filename, int flags, umode_t mode)
{
	return vfs_openat(AT_FDCWD, filename, flags, mode);
}

int filp_close(struct file *filp, void *id)
{
	(void)id;
	if (!filp)
		return -EBADF;
	fput(filp);
	return 0;
}

/* ---- reads and writes ---- */

ssize_t vfs_iter_read(struct file *file, struct iov_iter *iter, loff_t *pos)
{
	if (!(file->f_mode & FMODE_READ))
		return -EBADF;
	if (S_ISDIR(file_inode(file)->i_mode))
		return -EISDIR;
	if (!file->f_op->read)
		return -EINVAL;
	if (!iov_iter_count(iter))
		return 0;
	return file->f_op->read(file, iter, pos);
}

ssize_t vfs_iter_write(struct file *file, struct iov_iter *iter, loff_t *pos)
{
	if (!(file->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!file->f_op->write)
		return -EINVAL;
	if (!iov_iter_count(iter))
		return 0;
	return file->f_op->write(file, iter, pos);
}

ssize_t kernel_read(struct file *file, void *buf, size_t count, loff_t *pos)
{
	struct iov_iter it;
	loff_t p = pos ? *pos : file->f_pos;
	ssize_t r;

	iov_iter_kvec(&it, buf, count);
	r = vfs_iter_read(file, &it, &p);
	if (r > 0) {
		if (pos)
			*pos = p;
		else
			file->f_pos = p;
	}
	return r;
}

ssize_t kernel_write(struct file *file, const void *buf, size_t count, loff_t *pos)
{
	struct iov_iter it;
	loff_t p = pos ? *pos : file->f_pos;
	ssize_t r;

	iov_iter_kvec(&it, (void *)buf, count);
	r = vfs_iter_write(file, &it, &p);
	if (r > 0) {
		if (pos)
			*pos = p;
		else
			file->f_pos = p;
	}
	return r;
}

loff_t generic_file_llseek(struct file *file, loff_t offset, int whence)
{
	struct inode *inode = file_inode(file);
	loff_t base;

	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = file->f_pos;
		break;
	case SEEK_END:
		base = S_ISDIR(inode->i_mode) ? 0 : inode->i_size;
		break;
	default:
		return -EINVAL;
	}
	if ((offset > 0 && base > (loff_t)0x7fffffffffffffffLL - offset))
		return -EOVERFLOW;
	if (base + offset < 0)
		return -EINVAL;
	file->f_pos = base + offset;
	return file->f_pos;
}

loff_t no_llseek(struct file *file, loff_t offset, int whence)
{
	(void)file;
	(void)offset;
	(void)whence;
	return -ESPIPE;
}

loff_t vfs_llseek(struct file *file, loff_t offset, int whence)
{
	loff_t r;

	if (whence < SEEK_SET || whence > SEEK_END)
		return -EINVAL;
	if (!(file->f_mode & FMODE_LSEEK))
		return -ESPIPE;
	mutex_lock(&file->f_pos_lock);
	if (file->f_op->llseek)
		r = file->f_op->llseek(file, offset, whence);
	else if (S_ISREG(file_inode(file)->i_mode) || S_ISDIR(file_inode(file)->i_mode))
		r = generic_file_llseek(file, offset, whence);
	else
		r = -ESPIPE;
	mutex_unlock(&file->f_pos_lock);
	return r;
}

int vfs_iterate_dir(struct file *file, struct dir_context *ctx)
{
	struct inode *inode = file_inode(file);
	int err;

	if (!S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	if (!file->f_op->iterate_shared)
		return -ENOTDIR;
	if (inode->i_nlink == 0)
		return -ENOENT;         /* removed while open */
	mutex_lock(&file->f_pos_lock);
	ctx->pos = file->f_pos;
	err = file->f_op->iterate_shared(file, ctx);
	file->f_pos = ctx->pos;
	mutex_unlock(&file->f_pos_lock);
	return err;
}

int vfs_fstat(struct file *f, struct kstat *st)
{
	return vfs_getattr(&f->f_path, st);
}

int vfs_truncate(const struct path *path, loff_t length)
{
	struct inode *inode = path->dentry->d_inode;
	struct iattr a = { .ia_valid = ATTR_SIZE | ATTR_MTIME | ATTR_CTIME, .ia_size = length };

	if (length < 0)
		return -EINVAL;
	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode))
		return -EINVAL;
	if ((u64)length > VFS_MAX_FILESIZE)
		return -EFBIG;
	vfs_now(&a.ia_mtime);
	return vfs_setattr(path->dentry, &a);
}

int vfs_ftruncate(struct file *f, loff_t length)
{
	if (length < 0)
		return -EINVAL;
	if (!f->f_path.dentry || !S_ISREG(file_inode(f)->i_mode))
		return -EINVAL;
	if (!(f->f_mode & FMODE_WRITE))
		return -EINVAL;
	return vfs_truncate(&f->f_path, length);
}

/* ---- descriptor tables ---- */

#define BITS_PER_LONG_ (8 * sizeof(unsigned long))
#define FDSET_LONGS(n) (((n) + BITS_PER_LONG_ - 1) / BITS_PER_LONG_)

static bool fd_bit(const unsigned long *map, unsigned int fd)
{
	return (map[fd / BITS_PER_LONG_] >> (fd % BITS_PER_LONG_)) & 1;
}

static void fd_set_bit(unsigned long *map, unsigned int fd, bool on)
{
	if (on)
		map[fd / BITS_PER_LONG_] |= 1UL << (fd % BITS_PER_LONG_);
	else
		map[fd / BITS_PER_LONG_] &= ~(1UL << (fd % BITS_PER_LONG_));
}

static int alloc_fdtable(struct files_struct *f, unsigned int nr)
{
	f->fd = kzalloc(nr * sizeof(struct file *));
	f->open_fds = kzalloc(FDSET_LONGS(nr) * sizeof(unsigned long));
	f->close_on_exec = kzalloc(FDSET_LONGS(nr) * sizeof(unsigned long));
	if (!f->fd || !f->open_fds || !f->close_on_exec) {
		kfree(f->fd);
		kfree(f->open_fds);
		kfree(f->close_on_exec);
		return -ENOMEM;
	}
	f->max_fds = nr;
	return 0;
}

struct files_struct *alloc_files_struct(void)
{
	struct files_struct *f = kzalloc(sizeof(*f));

	if (!f)
		return NULL;
	if (alloc_fdtable(f, NR_OPEN_DEFAULT)) {
		kfree(f);
		return NULL;
	}
	atomic_set(&f->count, 1);
	spin_lock_init(&f->file_lock);
	return f;
}

/* Grow the table to hold @fd (file_lock dropped and retaken around the allocation). */
static int expand_files(struct files_struct *f, unsigned int fd, unsigned long *flags)
{
	unsigned int nr = f->max_fds;
	struct files_struct tmp;

	if (fd >= NR_OPEN_MAX)
		return -EMFILE;
	while (nr <= fd)
		nr *= 2;
	if (nr > NR_OPEN_MAX)
		nr = NR_OPEN_MAX;
	spin_unlock_irqrestore(&f->file_lock, *flags);
	if (alloc_fdtable(&tmp, nr)) {
		spin_lock_irqsave(&f->file_lock, *flags);
		return -ENOMEM;
	}
	spin_lock_irqsave(&f->file_lock, *flags);
	if (f->max_fds >= nr) {         /* grown meanwhile */
		kfree(tmp.fd);
		kfree(tmp.open_fds);
		kfree(tmp.close_on_exec);
		return 0;
	}
	memcpy(tmp.fd, f->fd, f->max_fds * sizeof(struct file *));
	memcpy(tmp.open_fds, f->open_fds, FDSET_LONGS(f->max_fds) * sizeof(unsigned long));
	memcpy(tmp.close_on_exec, f->close_on_exec, FDSET_LONGS(f->max_fds) * sizeof(unsigned long));
	kfree(f->fd);
	kfree(f->open_fds);
	kfree(f->close_on_exec);
	f->fd = tmp.fd;
	f->open_fds = tmp.open_fds;
	f->close_on_exec = tmp.close_on_exec;
	f->max_fds = nr;
	return 0;
}

/* The lowest free descriptor >= @start, reserved (no file yet); -EMFILE when none. */
int vfs_fd_alloc(struct files_struct *files, unsigned int start, unsigned int flags)
{
	unsigned long irq;
	unsigned int fd;
	int err;

	if (!files)
		return -EMFILE;
	if (start >= NR_OPEN_MAX)
		return -EINVAL;
	spin_lock_irqsave(&files->file_lock, irq);
	for (;;) {
		for (fd = start; fd < files->max_fds; fd++)
			if (!fd_bit(files->open_fds, fd))
				break;
		if (fd < files->max_fds)
			break;
		err = expand_files(files, fd, &irq);
		if (err) {
			spin_unlock_irqrestore(&files->file_lock, irq);
			return err;
		}
	}
	fd_set_bit(files->open_fds, fd, true);
	fd_set_bit(files->close_on_exec, fd, flags & O_CLOEXEC);
	spin_unlock_irqrestore(&files->file_lock, irq);
	return (int)fd;
}

int get_unused_fd_flags(unsigned int flags)
{
	return vfs_fd_alloc(vfs_task_files(), 0, flags);
}

void put_unused_fd(unsigned int fd)
{
	struct files_struct *files = vfs_task_files();
	unsigned long irq;

	if (!files || fd >= files->max_fds)
		return;
	spin_lock_irqsave(&files->file_lock, irq);
	if (!files->fd[fd])
		fd_set_bit(files->open_fds, fd, false);
	spin_unlock_irqrestore(&files->file_lock, irq);
}

void fd_install(unsigned int fd, struct file *file)
{
	struct files_struct *files = vfs_task_files();
	unsigned long irq;

	if (!files || fd >= files->max_fds)
		return;
	spin_lock_irqsave(&files->file_lock, irq);
	files->fd[fd] = file;
	spin_unlock_irqrestore(&files->file_lock, irq);
}

struct file *vfs_fd_get(struct files_struct *files, unsigned int fd)
{
	struct file *f = NULL;
	unsigned long irq;

	if (!files)
		return NULL;
	spin_lock_irqsave(&files->file_lock, irq);
	if (fd < files->max_fds && files->fd[fd])
		f = get_file(files->fd[fd]);
	spin_unlock_irqrestore(&files->file_lock, irq);
	return f;
}

struct file *fget(unsigned int fd)
{
	return vfs_fd_get(vfs_task_files(), fd);
}

int vfs_fd_close(struct files_struct *files, unsigned int fd)
{
	struct file *f = NULL;
	unsigned long irq;

	if (!files)
		return -EBADF;
	spin_lock_irqsave(&files->file_lock, irq);
	if (fd < files->max_fds && files->fd[fd]) {
		f = files->fd[fd];
		files->fd[fd] = NULL;
		fd_set_bit(files->open_fds, fd, false);
		fd_set_bit(files->close_on_exec, fd, false);
	}
	spin_unlock_irqrestore(&files->file_lock, irq);
	if (!f)
		return -EBADF;
	fput(f);
	return 0;
}

int close_fd(unsigned int fd)
{
	return vfs_fd_close(vfs_task_files(), fd);
}

/* dup2/dup3: @newfd refers to @oldfd's file; what @newfd held is closed. */
int vfs_fd_dup(struct files_struct *files, unsigned int oldfd, unsigned int newfd, int flags)
{
	struct file *f, *old = NULL;
	unsigned long irq;
	int err;

	if (!files)
		return -EBADF;
	f = vfs_fd_get(files, oldfd);
	if (!f)
		return -EBADF;
	if (newfd >= NR_OPEN_MAX) {
		fput(f);
		return -EBADF;
	}
	spin_lock_irqsave(&files->file_lock, irq);
	if (newfd >= files->max_fds) {
		err = expand_files(files, newfd, &irq);
		if (err) {
			spin_unlock_irqrestore(&files->file_lock, irq);
			fput(f);
			return err;
		}
	}
	if (!files->fd[newfd] && fd_bit(files->open_fds, newfd)) {
		/* reserved by an open in progress (Linux says EBUSY) */
		spin_unlock_irqrestore(&files->file_lock, irq);
		fput(f);
		return -EBUSY;
	}
	old = files->fd[newfd];
	files->fd[newfd] = f;
	fd_set_bit(files->open_fds, newfd, true);
	fd_set_bit(files->close_on_exec, newfd, flags & O_CLOEXEC);
	spin_unlock_irqrestore(&files->file_lock, irq);
	if (old)
		fput(old);
	return (int)newfd;
}

int vfs_fd_dupfd(struct files_struct *files, unsigned int oldfd, unsigned int min, int flags)
{
	struct file *f = vfs_fd_get(files, oldfd);
	int fd;

	if (!f)
		return -EBADF;
	fd = vfs_fd_alloc(files, min, (unsigned int)flags);
	if (fd < 0) {
		fput(f);
		return fd;
	}
	{
		unsigned long irq;

		spin_lock_irqsave(&files->file_lock, irq);
		files->fd[fd] = f;
		spin_unlock_irqrestore(&files->file_lock, irq);
	}
	return fd;
}

int vfs_fd_set_cloexec(unsigned int fd, bool on)
{
	struct files_struct *files = vfs_task_files();
	unsigned long irq;
	int err = -EBADF;

	if (!files)
		return err;
	spin_lock_irqsave(&files->file_lock, irq);
	if (fd < files->max_fds && files->fd[fd]) {
		fd_set_bit(files->close_on_exec, fd, on);
		err = 0;
	}
	spin_unlock_irqrestore(&files->file_lock, irq);
	return err;
}

static int fd_get_cloexec(unsigned int fd)
{
	struct files_struct *files = vfs_task_files();
	unsigned long irq;
	int r = -EBADF;

	if (!files)
		return r;
	spin_lock_irqsave(&files->file_lock, irq);
	if (fd < files->max_fds && files->fd[fd])
		r = fd_bit(files->close_on_exec, fd) ? FD_CLOEXEC : 0;
	spin_unlock_irqrestore(&files->file_lock, irq);
	return r;
}

#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_NDELAY_ | O_DIRECT | O_NOATIME)
#define O_NDELAY_ O_NONBLOCK
#define FASYNC_ 020000

long vfs_fd_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct files_struct *files = vfs_task_files();
	struct file *f = vfs_fd_get(files, fd);
	long r;

	if (!f)
		return -EBADF;
	if ((f->f_flags & O_PATH) && cmd != F_DUPFD && cmd != F_DUPFD_CLOEXEC && cmd != F_GETFD &&
	    cmd != F_SETFD && cmd != F_GETFL) {
		fput(f);
		return -EBADF;
	}
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg >= NR_OPEN_MAX)
			r = -EINVAL;
		else
			r = vfs_fd_dupfd(files, fd, (unsigned int)arg,
					 cmd == F_DUPFD_CLOEXEC ? O_CLOEXEC : 0);
		break;
	case F_GETFD:
		r = fd_get_cloexec(fd);
		break;
	case F_SETFD:
		r = vfs_fd_set_cloexec(fd, arg & FD_CLOEXEC);
		break;
	case F_GETFL:
		r = f->f_flags & ~(unsigned int)O_CLOEXEC;
		break;
	case F_SETFL:
		f->f_flags = (f->f_flags & ~(unsigned int)SETFL_MASK) |
			     ((unsigned int)arg & (unsigned int)SETFL_MASK);
		r = 0;
		break;
	case F_GETLK: {
		/* No locks are ever held: report F_UNLCK (l_type is the first short). */
		r = 1;  /* handled by the syscall wrapper */
		break;
	}
	case F_SETLK:
	case F_SETLKW:
		r = 0;  /* advisory locks: granted (one process owns the system's files) */
		break;
	case F_GETOWN:
		r = 0;
		break;
	case F_SETOWN:
		r = 0;
		break;
	default:
		r = -EINVAL;
		break;
	}
	fput(f);
	return r;
}

struct files_struct *dup_fd(struct files_struct *oldf, int *errorp)
{
	struct files_struct *nf = kzalloc(sizeof(*nf));
	unsigned long irq;
	unsigned int i, n;

	if (!nf) {
		*errorp = -ENOMEM;
		return NULL;
	}
	atomic_set(&nf->count, 1);
	spin_lock_init(&nf->file_lock);
	for (;;) {
		n = oldf->max_fds;
		if (alloc_fdtable(nf, n)) {
			kfree(nf);
			*errorp = -ENOMEM;
			return NULL;
		}
		spin_lock_irqsave(&oldf->file_lock, irq);
		if (oldf->max_fds == n)
			break;
		spin_unlock_irqrestore(&oldf->file_lock, irq);
		kfree(nf->fd);
		kfree(nf->open_fds);
		kfree(nf->close_on_exec);
	}
	for (i = 0; i < n; i++) {
		struct file *f = oldf->fd[i];

		if (f) {
			nf->fd[i] = get_file(f);
			fd_set_bit(nf->open_fds, i, true);
			fd_set_bit(nf->close_on_exec, i, fd_bit(oldf->close_on_exec, i));
		}
	}
	spin_unlock_irqrestore(&oldf->file_lock, irq);
	*errorp = 0;
	return nf;
}

void put_files_struct(struct files_struct *files)
{
	unsigned int i;

	if (!files || !atomic_dec_and_test(&files->count))
		return;
	for (i = 0; i < files->max_fds; i++)
		if (files->fd[i])
			fput(files->fd[i]);
	kfree(files->fd);
	kfree(files->open_fds);
	kfree(files->close_on_exec);
	kfree(files);
}

void do_close_on_exec(struct files_struct *files)
{
	unsigned int i;

	if (!files)
		return;
	for (i = 0; i < files->max_fds; i++) {
		struct file *f = NULL;
		unsigned long irq;

		spin_lock_irqsave(&files->file_lock, irq);
		if (fd_bit(files->close_on_exec, i) && files->fd[i]) {
			f = files->fd[i];
			files->fd[i] = NULL;
			fd_set_bit(files->open_fds, i, false);
			fd_set_bit(files->close_on_exec, i, false);
		}
		spin_unlock_irqrestore(&files->file_lock, irq);
		if (f)
			fput(f);
	}
}

/* ---- fs_struct ---- */

struct fs_struct *alloc_fs_struct(void)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs));

	if (!fs)
		return NULL;
	atomic_set(&fs->users, 1);
	spin_lock_init(&fs->lock);
	fs->umask = 022;
	if (init_root.dentry) {
		fs->root = init_root;
		fs->pwd = init_root;
		path_get(&fs->root);
		path_get(&fs->pwd);
	}
	return fs;
}

struct fs_struct *copy_fs_struct(struct fs_struct *old)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs));

	if (!fs)
		return NULL;
	atomic_set(&fs->users, 1);
	spin_lock_init(&fs->lock);
	spin_lock(&old->lock);
	fs->umask = old->umask;
	fs->root = old->root;
	fs->pwd = old->pwd;
	if (fs->root.dentry)
		path_get(&fs->root);
	if (fs->pwd.dentry)
		path_get(&fs->pwd);
	spin_unlock(&old->lock);
	return fs;
}

void put_fs_struct(struct fs_struct *fs)
{
	if (!fs || !atomic_dec_and_test(&fs->users))
		return;
	if (fs->root.dentry)
		path_put(&fs->root);
	if (fs->pwd.dentry)
		path_put(&fs->pwd);
	kfree(fs);
}

/* ---- character devices and FIFOs ---- */

#define CHRDEV_MAJORS 256

static struct {
	const char *name;
	const struct file_operations *fops;
} chrdevs[CHRDEV_MAJORS];

static const struct file_operations *pipefifo_fops;

/* Register @fops for every minor of @major (0: pick a free major, returned). */
int register_chrdev(unsigned int major, const char *name, const struct file_operations *fops)
{
	if (major == 0) {
		for (major = CHRDEV_MAJORS - 1; major > 0; major--)
			if (!chrdevs[major].fops)
				break;
		if (major == 0)
			return -EBUSY;
	}
	if (major >= CHRDEV_MAJORS)
		return -EINVAL;
	if (chrdevs[major].fops)
		return -EBUSY;
	chrdevs[major].name = name;
	chrdevs[major].fops = fops;
	return (int)major;
}

void unregister_chrdev(unsigned int major, const char *name)
{
	(void)name;
	if (major < CHRDEV_MAJORS) {
		chrdevs[major].fops = NULL;
		chrdevs[major].name = NULL;
	}
}

/* open() of a character-special inode: the driver's fops take over the file. */
int chrdev_open(struct inode *inode, struct file *filp)
{
	unsigned int major = MAJOR(inode->i_rdev);
	const struct file_operations *fops;

	if (major >= CHRDEV_MAJORS || !(fops = chrdevs[major].fops))
		return -ENXIO;
	filp->f_op = fops;
	if (fops->open)
		return fops->open(inode, filp);
	return 0;
}

const struct file_operations def_chr_fops = {
	.open = chrdev_open,
};

void register_pipefifo_fops(const struct file_operations *fops)
{
	pipefifo_fops = fops;
}

static int fifo_open(struct inode *inode, struct file *filp)
{
	if (!pipefifo_fops)
		return -ENXIO;
	filp->f_op = pipefifo_fops;
	filp->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	if (pipefifo_fops->open)
		return pipefifo_fops->open(inode, filp);
	return 0;
}

const struct file_operations def_fifo_fops = {
	.open = fifo_open,
};

/* /proc/devices */
int vfs_chrdevs_show(char *buf, int size);
int vfs_chrdevs_show(char *buf, int size)
{
	int n = snprintf(buf, (size_t)size, "Character devices:\n");
	unsigned int i;

	for (i = 0; i < CHRDEV_MAJORS; i++)
		if (chrdevs[i].fops)
			n += snprintf(buf + n, size > n ? (size_t)(size - n) : 0, "%3u %s\n", i,
				      chrdevs[i].name ? chrdevs[i].name : "?");
	return n;
}
