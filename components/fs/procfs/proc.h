/* SPDX-License-Identifier: Apache-2.0 */
/*
 * procfs internals. Every name under /proc is an entry: a file rendered
 * by a show function (seq_file.h), a directory, or a symlink. The root
 * holds the global entries and one directory per thread group, named by
 * its tgid, holding the per-process entries. Nothing is cached: each
 * lookup makes a fresh inode that remembers its entry and its tgid, and
 * its dentry is dropped on the last dput (d_delete), so a name never
 * outlives the process it describes and "self" is resolved per caller.
 */
#ifndef PROCFS_PROC_H
#define PROCFS_PROC_H

#include <tessera/fs.h>
#include <tessera/mm.h>
#include <tessera/page.h>
#include <tessera/sched.h>
#include "seq_file.h"

#define PROC_SUPER_MAGIC 0x9fa0
#define PROC_ROOT_INO    1

struct proc_inode;

struct proc_entry {
	const char *name;
	umode_t mode;                           /* S_IFREG/S_IFDIR/S_IFLNK | perms */
	/* Files: print the contents; @task is NULL for the global ones. */
	int (*show)(struct seq_file *m, struct task_struct *task);
	/* Symlinks: write the target into @buf. */
	void (*link)(struct proc_inode *pi, char *buf, size_t size);
};

struct proc_inode {
	struct inode vfs_inode;
	int tgid;                               /* 0 outside a process directory */
	const struct proc_entry *entry;         /* NULL for the root and pid directories */
	char link[32];
};

static inline struct proc_inode *PROC_I(struct inode *inode)
{
	return container_of(inode, struct proc_inode, vfs_inode);
}

/* inode.c */
extern const struct super_operations proc_sops;
extern const struct dentry_operations proc_dentry_ops;
struct inode *proc_make_inode(struct super_block *sb, const struct proc_entry *entry, int tgid,
			      u64 ino);
struct inode *proc_make_dir_inode(struct super_block *sb, int tgid, u64 ino,
				  const struct inode_operations *iops,
				  const struct file_operations *fops);
struct task_struct *proc_get_task(int tgid);            /* referenced, or NULL */
struct mm_struct *proc_get_task_mm(struct task_struct *task);   /* mmget'd, or NULL */
int proc_emit_entries(struct dir_context *ctx, const struct proc_entry *entries, size_t n,
		      loff_t first_pos, u64 ino_base);

/* The entries (meminfo.c, array.c, task_mmu.c). */
int proc_meminfo_show(struct seq_file *m, struct task_struct *task);
int proc_uptime_show(struct seq_file *m, struct task_struct *task);
int proc_version_show(struct seq_file *m, struct task_struct *task);
int proc_loadavg_show(struct seq_file *m, struct task_struct *task);
int proc_stat_show(struct seq_file *m, struct task_struct *task);
int proc_cmdline_show(struct seq_file *m, struct task_struct *task);
int proc_mounts_show(struct seq_file *m, struct task_struct *task);
int proc_filesystems_show(struct seq_file *m, struct task_struct *task);
int proc_devices_show(struct seq_file *m, struct task_struct *task);
int proc_pid_stat_show(struct seq_file *m, struct task_struct *task);
int proc_pid_status_show(struct seq_file *m, struct task_struct *task);
int proc_pid_comm_show(struct seq_file *m, struct task_struct *task);
int proc_pid_cmdline_show(struct seq_file *m, struct task_struct *task);
int proc_pid_maps_show(struct seq_file *m, struct task_struct *task);
int proc_pid_statm_show(struct seq_file *m, struct task_struct *task);

/* Nanoseconds to clock ticks as user space counts them (USER_HZ, AT_CLKTCK). */
#define USER_HZ 100
static inline unsigned long long nsec_to_clock_t(u64 ns)
{
	return ns / (1000000000ULL / USER_HZ);
}

/* The state letter of ps(1) and /proc/<pid>/stat. */
char task_state_char(const struct task_struct *task);

#endif
