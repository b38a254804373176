/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The proc file system type, its root directory (the global entries and
 * one directory per thread group) and the per-process directories.
 *
 * Directory positions (getdents64's d_off): 0 ".", 1 "..", then the
 * entries in table order, then in the root PROC_PID_POS + tgid for each
 * process, so a listing interrupted by a full buffer resumes at the first
 * process not yet returned even if others came and went meanwhile.
 */
#include "proc.h"
#include <tessera/errno.h>
#include <tessera/init.h>
#include <interfaces/lib.h>
#include <interfaces/printk.h>
#include <interfaces/process.h>
#include <interfaces/sched.h>
#include <interfaces/vfs.h>

#define PROC_FIRST_ENTRY_POS 2
#define PROC_PID_POS         256                 /* > 2 + every table */
#define PROC_ENTRY_INO       2                   /* global entries from here */
#define PROC_PID_INO(tgid)   ((u64)(tgid) << 8)  /* a process's directory; its entries follow */

static void proc_self_link(struct proc_inode *pi, char *buf, size_t size)
{
	(void)pi;
	snprintf(buf, size, "%d", current->tgid);
}

static const struct proc_entry proc_root_entries[] = {
	{ "meminfo", S_IFREG | 0444, proc_meminfo_show, NULL },
	{ "uptime",  S_IFREG | 0444, proc_uptime_show, NULL },
	{ "version", S_IFREG | 0444, proc_version_show, NULL },
	{ "loadavg", S_IFREG | 0444, proc_loadavg_show, NULL },
	{ "stat",    S_IFREG | 0444, proc_stat_show, NULL },
	{ "cmdline", S_IFREG | 0444, proc_cmdline_show, NULL },
	{ "mounts",  S_IFREG | 0444, proc_mounts_show, NULL },
	{ "filesystems", S_IFREG | 0444, proc_filesystems_show, NULL },
	{ "devices", S_IFREG | 0444, proc_devices_show, NULL },
	{ "self",    S_IFLNK | 0777, NULL, proc_self_link },
};

static const struct proc_entry proc_pid_entries[] = {
	{ "stat",    S_IFREG | 0444, proc_pid_stat_show, NULL },
	{ "status",  S_IFREG | 0444, proc_pid_status_show, NULL },
	{ "statm",   S_IFREG | 0444, proc_pid_statm_show, NULL },
	{ "comm",    S_IFREG | 0444, proc_pid_comm_show, NULL },
	{ "cmdline", S_IFREG | 0444, proc_pid_cmdline_show, NULL },
	{ "maps",    S_IFREG | 0444, proc_pid_maps_show, NULL },
};

static bool name_is(const struct dentry *dentry, const char *name)
{
	size_t len = strlen(name);

	return dentry->d_name.len == len && !memcmp(dentry->d_name.name, name, len);
}

/* A decimal without leading zeros or sign, as a pid directory's name is; 0 if not. */
static int name_to_tgid(const struct dentry *dentry)
{
	unsigned int i;
	long v = 0;

	if (!dentry->d_name.len || dentry->d_name.len > 9 || dentry->d_name.name[0] == '0')
		return 0;
	for (i = 0; i < dentry->d_name.len; i++) {
		char c = dentry->d_name.name[i];

		if (c < '0' || c > '9')
			return 0;
		v = v * 10 + (c - '0');
	}
	return (int)v;
}

static struct dentry *proc_finish_lookup(struct dentry *dentry, struct inode *inode)
{
	dentry->d_op = &proc_dentry_ops;
	d_add(dentry, inode);           /* NULL: a negative dentry, ENOENT to the walker */
	return NULL;
}

static bool emit_dots(struct file *file, struct dir_context *ctx)
{
	if (ctx->pos == 0) {
		if (!ctx->actor(ctx, ".", 1, 0, file_inode(file)->i_ino, DT_DIR))
			return false;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		struct dentry *parent = file->f_path.dentry->d_parent;
		u64 ino = parent && parent->d_inode ? parent->d_inode->i_ino : PROC_ROOT_INO;

		if (!ctx->actor(ctx, "..", 2, 1, ino, DT_DIR))
			return false;
		ctx->pos = 2;
	}
	return true;
}

/* ---- /proc/<pid> ---- */

static struct dentry *proc_pid_lookup(struct inode *dir, struct dentry *dentry, unsigned int flags)
{
	int tgid = PROC_I(dir)->tgid;
	size_t i;

	(void)flags;
	for (i = 0; i < ARRAY_SIZE(proc_pid_entries); i++) {
		if (name_is(dentry, proc_pid_entries[i].name))
			return proc_finish_lookup(dentry,
				proc_make_inode(dir->i_sb, &proc_pid_entries[i], tgid,
						PROC_PID_INO(tgid) + 1 + i));
	}
	return proc_finish_lookup(dentry, NULL);
}

static int proc_pid_readdir(struct file *file, struct dir_context *ctx)
{
	int tgid = PROC_I(file_inode(file))->tgid;

	if (!emit_dots(file, ctx))
		return 0;
	proc_emit_entries(ctx, proc_pid_entries, ARRAY_SIZE(proc_pid_entries),
			  PROC_FIRST_ENTRY_POS, PROC_PID_INO(tgid) + 1);
	return 0;
}

static const struct inode_operations proc_pid_iops = {
	.lookup = proc_pid_lookup,
};

static const struct file_operations proc_pid_fops = {
	.iterate_shared = proc_pid_readdir,
	.llseek = generic_file_llseek,
};

/* ---- /proc ---- */

static struct dentry *proc_root_lookup(struct inode *dir, struct dentry *dentry, unsigned int flags)
{
	struct task_struct *task;
	size_t i;
	int tgid;

	(void)flags;
	for (i = 0; i < ARRAY_SIZE(proc_root_entries); i++) {
		if (name_is(dentry, proc_root_entries[i].name))
			return proc_finish_lookup(dentry,
				proc_make_inode(dir->i_sb, &proc_root_entries[i], 0,
						PROC_ENTRY_INO + i));
	}
	tgid = name_to_tgid(dentry);
	task = tgid ? proc_get_task(tgid) : NULL;
	if (!task)
		return proc_finish_lookup(dentry, NULL);
	/* Threads other than the leader are not listed at the top (Linux: /proc/<pid>/task). */
	if (task->tgid != tgid) {
		put_task_struct(task);
		return proc_finish_lookup(dentry, NULL);
	}
	put_task_struct(task);
	return proc_finish_lookup(dentry,
		proc_make_dir_inode(dir->i_sb, tgid, PROC_PID_INO(tgid), &proc_pid_iops,
				    &proc_pid_fops));
}

static int proc_root_readdir(struct file *file, struct dir_context *ctx)
{
	int tgid;

	if (!emit_dots(file, ctx))
		return 0;
	if (proc_emit_entries(ctx, proc_root_entries, ARRAY_SIZE(proc_root_entries),
			      PROC_FIRST_ENTRY_POS, PROC_ENTRY_INO))
		return 0;
	if (ctx->pos < PROC_PID_POS)
		ctx->pos = PROC_PID_POS;
	for (tgid = next_tgid((int)(ctx->pos - PROC_PID_POS) - 1); tgid > 0;
	     tgid = next_tgid(tgid)) {
		char name[12];
		int len = snprintf(name, sizeof(name), "%d", tgid);

		ctx->pos = PROC_PID_POS + tgid;
		if (!ctx->actor(ctx, name, len, ctx->pos, PROC_PID_INO(tgid), DT_DIR))
			return 0;
	}
	ctx->pos = PROC_PID_POS + 0x7fffffffLL;        /* the end */
	return 0;
}

static const struct inode_operations proc_root_iops = {
	.lookup = proc_root_lookup,
};

static const struct file_operations proc_root_fops = {
	.iterate_shared = proc_root_readdir,
	.llseek = generic_file_llseek,
};

/* ---- the file system type ---- */

static struct dentry *proc_mount(struct file_system_type *fs_type, int flags,
				 const char *dev_name, void *data)
{
	struct super_block *sb;
	struct inode *root;

	(void)flags;
	(void)dev_name;
	(void)data;
	sb = sget_nodev(fs_type, NULL);
	if (IS_ERR(sb))
		return (struct dentry *)sb;
	sb->s_op = &proc_sops;
	sb->s_magic = PROC_SUPER_MAGIC;
	sb->s_blocksize = 4096;
	root = proc_make_dir_inode(sb, 0, PROC_ROOT_INO, &proc_root_iops, &proc_root_fops);
	if (!root)
		return ERR_PTR(-ENOMEM);
	sb->s_root = d_make_root(root);
	if (!sb->s_root)
		return ERR_PTR(-ENOMEM);
	return dget(sb->s_root);
}

static struct file_system_type proc_fs_type = {
	.name = "proc",
	.mount = proc_mount,
	.kill_sb = kill_litter_super,
};

int proc_root_init(void)
{
	int err = register_filesystem(&proc_fs_type);

	if (err)
		pr_err("procfs: cannot register: %d\n", err);
	return err;
}
