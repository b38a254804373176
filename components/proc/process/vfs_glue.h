/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The VFS is optional for the process core: without it a process has no
 * files (files/fs stay NULL, so none of these is reached) and exec finds
 * no path (-ENOENT); kernel_execve_image() still runs a program from
 * memory (the ktests). With it, the real interface.
 */
#ifndef PROCESS_VFS_GLUE_H
#define PROCESS_VFS_GLUE_H

#include <autoconf.h>
#include <tessera/errno.h>
#include <tessera/fs.h>

#ifdef HAVE_VFS
#include <tessera/gfp.h>        /* the generated vfs.h names gfp_t */
#include <interfaces/vfs.h>
#else
static inline void put_files_struct(struct files_struct *f) { (void)f; }
static inline struct files_struct *dup_fd(struct files_struct *f, int *errp)
{
	(void)f;
	*errp = -ENOMEM;
	return NULL;
}
static inline void do_close_on_exec(struct files_struct *f) { (void)f; }
static inline struct files_struct *alloc_files_struct(void) { return NULL; }
static inline void put_fs_struct(struct fs_struct *fs) { (void)fs; }
static inline struct fs_struct *copy_fs_struct(struct fs_struct *fs) { (void)fs; return NULL; }
static inline struct fs_struct *alloc_fs_struct(void) { return NULL; }
static inline struct file *filp_open(const char *name, int flags, umode_t mode)
{
	(void)name; (void)flags; (void)mode;
	return ERR_PTR(-ENOENT);
}
static inline ssize_t kernel_read(struct file *f, void *buf, size_t n, loff_t *pos)
{
	(void)f; (void)buf; (void)n; (void)pos;
	return -EIO;
}
static inline void fput(struct file *f) { (void)f; }
static inline struct file *fget(unsigned int fd) { (void)fd; return NULL; }
static inline int get_unused_fd_flags(unsigned int flags) { (void)flags; return -EMFILE; }
static inline void put_unused_fd(unsigned int fd) { (void)fd; }
static inline void fd_install(unsigned int fd, struct file *f) { (void)fd; (void)f; }
static inline struct file *alloc_file_pseudo(struct inode *i, const char *name, int flags,
					     const struct file_operations *fops)
{
	(void)i; (void)name; (void)flags; (void)fops;
	return ERR_PTR(-ENOSYS);
}
#endif

#endif
