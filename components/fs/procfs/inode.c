/* SPDX-License-Identifier: Apache-2.0 */
/*
 * procfs inodes, the file operations of a rendered entry, symlinks, and
 * safe access to the task and mm an entry describes.
 */
#include "proc.h"
#include <tessera/errno.h>
#include <tessera/percpu.h>
#include <interfaces/kmalloc.h>
#include <interfaces/lib.h>
#include <interfaces/mm.h>
#include <interfaces/process.h>
#include <interfaces/sched.h>
#include <interfaces/vfs.h>

void *seq_alloc(size_t size)
{
	return kmalloc(size);
}

void seq_free(void *ptr)
{
	kfree(ptr);
}

static struct inode *proc_alloc_inode(struct super_block *sb)
{
	struct proc_inode *pi = kzalloc(sizeof(*pi));

	(void)sb;
	return pi ? &pi->vfs_inode : NULL;
}

static void proc_destroy_inode(struct inode *inode)
{
	kfree(PROC_I(inode));
}

const struct super_operations proc_sops = {
	.alloc_inode = proc_alloc_inode,
	.destroy_inode = proc_destroy_inode,
};

/* Never keep a proc dentry once unused: the process may be gone next time. */
static int proc_d_delete(const struct dentry *dentry)
{
	(void)dentry;
	return 1;
}

const struct dentry_operations proc_dentry_ops = {
	.d_delete = proc_d_delete,
};

struct task_struct *proc_get_task(int tgid)
{
	struct task_struct *task;

	/* One CPU: without preemption nobody can free the task in between. */
	preempt_disable();
	task = find_task_by_vpid(tgid);
	if (task && task->exit_state == EXIT_DEAD)
		task = NULL;
	if (task)
		get_task_struct(task);
	preempt_enable();
	return task;
}

struct mm_struct *proc_get_task_mm(struct task_struct *task)
{
	struct mm_struct *mm;

	/*
	 * exit_mm() clears task->mm before its mmput(), so an mm still seen
	 * here has mm_users > 0 or is between that store and the put: the
	 * struct is alive (mm_count) either way, and mmget_not_zero() refuses
	 * one whose address space is being torn down.
	 */
	preempt_disable();
	mm = task->mm;
	if (mm && !mmget_not_zero(mm))
		mm = NULL;
	preempt_enable();
	return mm;
}

/* ---- a rendered entry: the whole text made at open, read from there ---- */

static int proc_entry_open(struct inode *inode, struct file *file)
{
	struct proc_inode *pi = PROC_I(inode);
	struct seq_file *m = kzalloc(sizeof(*m));
	struct task_struct *task = NULL;
	int err;

	if (!m)
		return -ENOMEM;
	seq_init(m);
	if (pi->tgid) {
		task = proc_get_task(pi->tgid);
		if (!task) {
			kfree(m);
			return -ESRCH;
		}
	}
	err = pi->entry->show(m, task);
	if (task)
		put_task_struct(task);
	if (!err && m->overflow)
		err = -ENOMEM;
	if (err) {
		seq_release_buf(m);
		kfree(m);
		return err;
	}
	file->private_data = m;
	return 0;
}

static ssize_t proc_entry_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	struct seq_file *m = file->private_data;
	size_t n, copied;

	if (*pos < 0)
		return -EINVAL;
	if ((size_t)*pos >= m->count)
		return 0;
	n = m->count - (size_t)*pos;
	if (n > to->count)
		n = to->count;
	copied = copy_to_iter(m->buf + *pos, n, to);
	if (!copied && n)
		return -EFAULT;
	*pos += (loff_t)copied;
	return (ssize_t)copied;
}

static int proc_entry_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;

	(void)inode;
	seq_release_buf(m);
	kfree(m);
	return 0;
}

static const struct file_operations proc_entry_fops = {
	.open = proc_entry_open,
	.read = proc_entry_read,
	.llseek = generic_file_llseek,
	.release = proc_entry_release,
};

/* ---- symlinks: the target is computed at lookup and kept in the inode ---- */

static const char *proc_get_link(struct dentry *dentry, struct inode *inode)
{
	(void)dentry;
	return PROC_I(inode)->link;
}

static const struct inode_operations proc_link_iops = {
	.get_link = proc_get_link,
};

static struct inode *proc_new_inode(struct super_block *sb, umode_t mode, u64 ino)
{
	struct inode *inode = new_inode(sb);

	if (!inode)
		return NULL;
	inode->i_mode = mode;
	inode->i_ino = ino;
	inode->i_nlink = S_ISDIR(mode) ? 2 : 1;
	inode_set_now(inode, ATTR_ATIME | ATTR_MTIME | ATTR_CTIME);
	return inode;
}

struct inode *proc_make_inode(struct super_block *sb, const struct proc_entry *entry, int tgid,
			      u64 ino)
{
	struct inode *inode = proc_new_inode(sb, entry->mode, ino);
	struct proc_inode *pi;

	if (!inode)
		return NULL;
	pi = PROC_I(inode);
	pi->tgid = tgid;
	pi->entry = entry;
	if (S_ISLNK(entry->mode)) {
		entry->link(pi, pi->link, sizeof(pi->link));
		inode->i_link = pi->link;
		inode->i_size = (loff_t)strlen(pi->link);
		inode->i_op = &proc_link_iops;
	} else {
		inode->i_fop = &proc_entry_fops;
	}
	return inode;
}

struct inode *proc_make_dir_inode(struct super_block *sb, int tgid, u64 ino,
				  const struct inode_operations *iops,
				  const struct file_operations *fops)
{
	struct inode *inode = proc_new_inode(sb, S_IFDIR | 0555, ino);

	if (!inode)
		return NULL;
	PROC_I(inode)->tgid = tgid;
	inode->i_op = iops;
	inode->i_fop = fops;
	return inode;
}

/*
 * Emits entries[i] at position first_pos + i from ctx->pos on; false from
 * the actor (the user's buffer is full) stops with ctx->pos at the entry
 * that did not fit, so the next getdents64 starts there.
 */
int proc_emit_entries(struct dir_context *ctx, const struct proc_entry *entries, size_t n,
		      loff_t first_pos, u64 ino_base)
{
	while (ctx->pos >= first_pos && ctx->pos < first_pos + (loff_t)n) {
		size_t i = (size_t)(ctx->pos - first_pos);
		umode_t mode = entries[i].mode;
		unsigned int type = S_ISDIR(mode) ? DT_DIR : S_ISLNK(mode) ? DT_LNK : DT_REG;

		if (!ctx->actor(ctx, entries[i].name, (int)strlen(entries[i].name), ctx->pos,
				ino_base + i, type))
			return 1;
		ctx->pos++;
	}
	return 0;
}

char task_state_char(const struct task_struct *task)
{
	if (task->exit_state & EXIT_ZOMBIE)
		return 'Z';
	if (task->exit_state & EXIT_DEAD)
		return 'X';
	switch (task->state) {
	case TASK_RUNNING:
		return 'R';
	case TASK_INTERRUPTIBLE:
		return 'S';
	case TASK_UNINTERRUPTIBLE:
		return 'D';
	default:
		return 'S';
	}
}
