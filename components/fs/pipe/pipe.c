/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Pipes and FIFOs (Linux's fs/pipe.c semantics, written for Tessera).
 *
 * One pipe_inode_info per pipe: a 64 KiB byte ring (pipe_ring.h, 16 pages
 * as Linux's default), the count of open read and write ends, and two
 * wait queues. An anonymous pipe (pipe2) has an inode of the internal
 * pipefs; a FIFO's pipe hangs off its inode (i_pipe), made by the first
 * open and freed by the last close.
 *
 *   read:  returns what is there (at most the request); waits while the
 *          ring is empty and a writer exists; 0 (end of file) when no
 *          writer is left; -EAGAIN with O_NONBLOCK
 *   write: PIPE_BUF bytes or fewer go in whole; more may be split; waits
 *          for room; -EPIPE (and SIGPIPE) when no reader is left; with
 *          O_NONBLOCK what fits, or -EAGAIN
 *   FIFO open: a reader waits for a writer and a writer for a reader
 *          (unless O_NONBLOCK: a reader returns at once, a writer fails
 *          with -ENXIO); O_RDWR never waits
 *
 * A wait ends early with -ERESTARTSYS when a signal is pending.
 */
#include <autoconf.h>
#include <tessera/gfp.h>          /* before interfaces/vfs.h (gfp_t) */
#ifdef HAVE_PROCESS
#include <interfaces/process.h>
#endif
#include <interfaces/kmalloc.h>
#include <interfaces/lib.h>
#include <interfaces/mutex.h>
#include <interfaces/page_alloc.h>
#include <interfaces/pipe.h>
#include <interfaces/sched.h>
#include <interfaces/uaccess.h>
#include <interfaces/vfs.h>
#include <interfaces/wait.h>
#include <tessera/errno.h>
#include <tessera/fs.h>
#include <tessera/page.h>
#include <tessera/sched.h>
#include <tessera/uaccess.h>
#include <tessera/wait.h>
#include "pipe_ring.h"

#ifndef SIGPIPE
#define SIGPIPE 13
#endif
#ifndef O_DIRECT
#define O_DIRECT 00040000
#endif

#define PIPE_ORDER 4                    /* 16 pages: 64 KiB */
#define PIPE_SIZE  (PAGE_SIZE << PIPE_ORDER)

struct pipe_inode_info {
	struct mutex mutex;
	wait_queue_head_t rd_wait, wr_wait;
	struct pipe_ring ring;
	unsigned int readers, writers;
	unsigned int r_counter, w_counter;  /* opens ever made: FIFO open waits on them */
	struct inode *inode;
};

static struct super_block *pipefs_sb;
/* Guards inode->i_pipe of FIFOs (made by the first open, freed by the last close). */
static struct mutex fifo_lock;
const struct file_operations pipefifo_fops;

static struct pipe_inode_info *alloc_pipe_info(void)
{
	struct pipe_inode_info *pipe = kzalloc(sizeof(*pipe));
	unsigned long buf;

	if (!pipe)
		return NULL;
	buf = __get_free_pages(GFP_KERNEL, PIPE_ORDER);
	if (!buf) {
		kfree(pipe);
		return NULL;
	}
	pipe->ring.buf = (unsigned char *)buf;
	pipe->ring.size = PIPE_SIZE;
	mutex_init(&pipe->mutex);
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	return pipe;
}

void free_pipe_info(struct pipe_inode_info *pipe)
{
	if (!pipe)
		return;
	free_pages((unsigned long)pipe->ring.buf, PIPE_ORDER);
	kfree(pipe);
}

static bool pipe_readable(const struct pipe_inode_info *pipe)
{
	return pipe_ring_used(&pipe->ring) || !pipe->writers;
}

static ssize_t pipe_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	struct pipe_inode_info *pipe = file->private_data;
	size_t total = iov_iter_count(to);
	ssize_t ret = 0;

	(void)pos;
	if (!total)
		return 0;
	mutex_lock(&pipe->mutex);
	for (;;) {
		if (pipe_ring_used(&pipe->ring)) {
			while (iov_iter_count(to)) {
				unsigned char *p;
				size_t span = pipe_ring_read_span(&pipe->ring, &p), n, c;

				if (!span)
					break;
				n = span < iov_iter_count(to) ? span : iov_iter_count(to);
				c = copy_to_iter(p, n, to);
				pipe_ring_consume(&pipe->ring, c);
				ret += (ssize_t)c;
				if (c < n) {
					if (!ret)
						ret = -EFAULT;
					break;
				}
			}
			wake_up_all(&pipe->wr_wait);
			break;
		}
		if (!pipe->writers)
			break;                  /* end of file */
		if (file->f_flags & O_NONBLOCK) {
			ret = -EAGAIN;
			break;
		}
		mutex_unlock(&pipe->mutex);
		if (wait_event_interruptible(&pipe->rd_wait, pipe_readable(pipe)))
			return -ERESTARTSYS;
		mutex_lock(&pipe->mutex);
	}
	mutex_unlock(&pipe->mutex);
	return ret;
}

static void send_sigpipe(void)
{
#ifdef HAVE_PROCESS
	if (current && current->mm)
		send_sig(SIGPIPE, current, 0);
#endif
}

static bool pipe_writable(const struct pipe_inode_info *pipe, size_t left, size_t total)
{
	return !pipe->readers || pipe_write_room(&pipe->ring, left, total);
}

static ssize_t pipe_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	struct pipe_inode_info *pipe = file->private_data;
	size_t total = iov_iter_count(from);
	ssize_t ret = 0;

	(void)pos;
	if (!total)
		return 0;
	mutex_lock(&pipe->mutex);
	for (;;) {
		size_t left = iov_iter_count(from), room;

		if (!pipe->readers) {
			send_sigpipe();
			if (!ret)
				ret = -EPIPE;
			break;
		}
		room = pipe_write_room(&pipe->ring, left, total);
		if (room) {
			bool fault = false;

			while (room) {
				unsigned char *p;
				size_t span = pipe_ring_write_span(&pipe->ring, &p), n, c;

				n = span < room ? span : room;
				c = copy_from_iter(p, n, from);
				pipe_ring_commit_write(&pipe->ring, c);
				ret += (ssize_t)c;
				room -= c;
				if (c < n) {
					fault = true;
					break;
				}
			}
			wake_up_all(&pipe->rd_wait);
			if (fault) {
				if (!ret)
					ret = -EFAULT;
				break;
			}
			if (!iov_iter_count(from))
				break;
			continue;
		}
		if (file->f_flags & O_NONBLOCK) {
			if (!ret)
				ret = -EAGAIN;
			break;
		}
		mutex_unlock(&pipe->mutex);
		if (wait_event_interruptible(&pipe->wr_wait,
					     pipe_writable(pipe, iov_iter_count(from), total))) {
			return ret ? ret : -ERESTARTSYS;
		}
		mutex_lock(&pipe->mutex);
	}
	mutex_unlock(&pipe->mutex);
	return ret;
}

static __poll_t pipe_poll(struct file *file, poll_table *pt)
{
	struct pipe_inode_info *pipe = file->private_data;
	__poll_t mask = 0;

	poll_wait(file, &pipe->rd_wait, pt);
	poll_wait(file, &pipe->wr_wait, pt);
	if (file->f_mode & FMODE_READ) {
		if (pipe_ring_used(&pipe->ring))
			mask |= POLLIN | POLLRDNORM;
		if (!pipe->writers)
			mask |= POLLHUP;
	}
	if (file->f_mode & FMODE_WRITE) {
		if (pipe_ring_free(&pipe->ring) >= PIPE_BUF)
			mask |= POLLOUT | POLLWRNORM;
		if (!pipe->readers)
			mask |= POLLERR;
	}
	return mask;
}

static long pipe_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe = file->private_data;
	int n;

	if (cmd != FIONREAD)
		return -ENOTTY;
	mutex_lock(&pipe->mutex);
	n = (int)pipe_ring_used(&pipe->ring);
	mutex_unlock(&pipe->mutex);
	return put_user(n, (int __user *)arg);
}

/* The last close of either end frees the pipe. */
static int pipe_release(struct inode *inode, struct file *file)
{
	struct pipe_inode_info *pipe = file->private_data;
	bool last;

	if (!pipe)
		return 0;
	mutex_lock(&fifo_lock);
	mutex_lock(&pipe->mutex);
	if (file->f_mode & FMODE_READ)
		pipe->readers--;
	if (file->f_mode & FMODE_WRITE)
		pipe->writers--;
	last = !pipe->readers && !pipe->writers;
	if (last && inode && inode->i_pipe == pipe)
		inode->i_pipe = NULL;
	mutex_unlock(&pipe->mutex);
	mutex_unlock(&fifo_lock);
	if (last) {
		free_pipe_info(pipe);
	} else {
		wake_up_all(&pipe->rd_wait);
		wake_up_all(&pipe->wr_wait);
	}
	file->private_data = NULL;
	return 0;
}

int fifo_open(struct inode *inode, struct file *file)
{
	struct pipe_inode_info *pipe;
	bool nonblock = file->f_flags & O_NONBLOCK;
	unsigned int cnt;
	int err = 0;

	file->f_op = &pipefifo_fops;
	mutex_lock(&fifo_lock);
	pipe = inode->i_pipe;
	if (!pipe) {
		pipe = alloc_pipe_info();
		if (!pipe) {
			mutex_unlock(&fifo_lock);
			return -ENOMEM;
		}
		pipe->inode = inode;
		inode->i_pipe = pipe;
	}
	file->private_data = pipe;
	mutex_lock(&pipe->mutex);
	switch (file->f_mode & (FMODE_READ | FMODE_WRITE)) {
	case FMODE_READ:
		pipe->r_counter++;
		pipe->readers++;
		mutex_unlock(&pipe->mutex);
		mutex_unlock(&fifo_lock);
		wake_up_all(&pipe->wr_wait);
		if (!pipe->writers && !nonblock) {
			cnt = pipe->w_counter;
			err = wait_event_interruptible(&pipe->rd_wait, pipe->w_counter != cnt);
		}
		break;
	case FMODE_WRITE:
		if (nonblock && !pipe->readers) {
			err = -ENXIO;
			break;
		}
		pipe->w_counter++;
		pipe->writers++;
		mutex_unlock(&pipe->mutex);
		mutex_unlock(&fifo_lock);
		wake_up_all(&pipe->rd_wait);
		if (!pipe->readers) {
			cnt = pipe->r_counter;
			err = wait_event_interruptible(&pipe->wr_wait, pipe->r_counter != cnt);
		}
		break;
	case FMODE_READ | FMODE_WRITE:
		pipe->r_counter++;
		pipe->w_counter++;
		pipe->readers++;
		pipe->writers++;
		mutex_unlock(&pipe->mutex);
		mutex_unlock(&fifo_lock);
		wake_up_all(&pipe->rd_wait);
		wake_up_all(&pipe->wr_wait);
		break;
	default:
		err = -EINVAL;
		break;
	}
	if (err == -ENXIO || err == -EINVAL) {
		/* Nothing was counted: drop a pipe no one else holds. */
		bool unused = !pipe->readers && !pipe->writers;

		if (unused)
			inode->i_pipe = NULL;
		mutex_unlock(&pipe->mutex);
		mutex_unlock(&fifo_lock);
		if (unused)
			free_pipe_info(pipe);
		file->private_data = NULL;
	} else if (err) {
		/* Interrupted while waiting for the other end. */
		pipe_release(inode, file);
	}
	return err;
}

const struct file_operations pipefifo_fops = {
	.open = fifo_open,
	.llseek = no_llseek,
	.read = pipe_read,
	.write = pipe_write,
	.poll = pipe_poll,
	.unlocked_ioctl = pipe_ioctl,
	.release = pipe_release,
};

int create_pipe_files(struct file **res, int flags)
{
	struct pipe_inode_info *pipe;
	struct inode *inode;
	struct file *r, *w;

	if (!pipefs_sb)
		return -ENODEV;
	inode = new_inode(pipefs_sb);
	if (IS_ERR_OR_NULL(inode))
		return -ENFILE;
	pipe = alloc_pipe_info();
	if (!pipe) {
		iput(inode);
		return -ENFILE;
	}
	inode->i_ino = get_next_ino();
	inode->i_mode = S_IFIFO | 0600;
	inode->i_fop = &pipefifo_fops;
	inode->i_pipe = pipe;
	pipe->inode = inode;
	pipe->readers = pipe->writers = 1;

	ihold(inode);                   /* one reference for each file */
	w = alloc_file_pseudo(inode, "pipe:", O_WRONLY | (flags & O_NONBLOCK), &pipefifo_fops);
	if (IS_ERR_OR_NULL(w)) {
		iput(inode);
		iput(inode);
		free_pipe_info(pipe);
		return w ? (int)PTR_ERR(w) : -ENFILE;
	}
	w->private_data = pipe;
	r = alloc_file_pseudo(inode, "pipe:", O_RDONLY | (flags & O_NONBLOCK), &pipefifo_fops);
	if (IS_ERR_OR_NULL(r)) {
		iput(inode);
		pipe->readers = 0;
		fput(w);                /* the last end: frees the pipe */
		return r ? (int)PTR_ERR(r) : -ENFILE;
	}
	r->private_data = pipe;
	res[0] = r;
	res[1] = w;
	return 0;
}

static long do_pipe2(int __user *fildes, int flags)
{
	struct file *files[2];
	int fds[2], err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;         /* O_DIRECT (packet mode) is not supported */
	err = create_pipe_files(files, flags);
	if (err)
		return err;
	fds[0] = get_unused_fd_flags((unsigned int)(flags & O_CLOEXEC));
	if (fds[0] < 0) {
		err = fds[0];
		goto out_files;
	}
	fds[1] = get_unused_fd_flags((unsigned int)(flags & O_CLOEXEC));
	if (fds[1] < 0) {
		err = fds[1];
		put_unused_fd((unsigned int)fds[0]);
		goto out_files;
	}
	if (copy_to_user(fildes, fds, sizeof(fds))) {
		put_unused_fd((unsigned int)fds[0]);
		put_unused_fd((unsigned int)fds[1]);
		err = -EFAULT;
		goto out_files;
	}
	fd_install((unsigned int)fds[0], files[0]);
	fd_install((unsigned int)fds[1], files[1]);
	return 0;
out_files:
	fput(files[0]);
	fput(files[1]);
	return err;
}

SYSCALL_DEFINE2(pipe2, int __user *, fildes, int, flags)
{
	return do_pipe2(fildes, flags);
}

SYSCALL_DEFINE1(pipe, int __user *, fildes)
{
	return do_pipe2(fildes, 0);
}

static struct dentry *pipefs_mount(struct file_system_type *type, int flags,
				   const char *dev_name, void *data)
{
	(void)type; (void)flags; (void)dev_name; (void)data;
	return ERR_PTR(-EINVAL);        /* internal: never mounted by name */
}

static void pipefs_kill_sb(struct super_block *sb)
{
	(void)sb;
}

static struct file_system_type pipefs_type = {
	.name = "pipefs",
	.mount = pipefs_mount,
	.kill_sb = pipefs_kill_sb,
};

int pipe_init(void)
{
	struct super_block *sb;
	struct inode *root;

	mutex_init(&fifo_lock);
	register_pipefifo_fops(&pipefifo_fops);
	sb = sget_nodev(&pipefs_type, NULL);
	if (IS_ERR_OR_NULL(sb))
		return sb ? (int)PTR_ERR(sb) : -ENOMEM;
	sb->s_magic = 0x50495045;       /* PIPEFS_MAGIC */
	sb->s_blocksize = PAGE_SIZE;
	root = new_inode(sb);
	if (IS_ERR_OR_NULL(root))
		return -ENOMEM;
	root->i_ino = get_next_ino();
	root->i_mode = S_IFDIR | 0700;
	root->i_nlink = 2;
	sb->s_root = d_make_root(root);
	if (IS_ERR_OR_NULL(sb->s_root))
		return -ENOMEM;
	pipefs_sb = sb;
	return 0;
}
