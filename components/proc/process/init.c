// SPDX-License-Identifier: Apache-2.0
/*
 * The first user process, as Linux's kernel_init(): after the initcalls
 * and the demo, start_kernel() calls kernel_init(), which makes task pid 1
 * (a kernel thread that becomes a process), opens /dev/console as fds 0,
 * 1 and 2, and execs rdinit= (default /init), then init= , then
 * /sbin/init, /etc/init, /bin/init, /bin/sh. The boot context waits until
 * init exits and returns its status for the power-off; init killed by a
 * signal gets Linux's "Attempted to kill init!" report.
 */
#define pr_fmt(fmt) "init: " fmt

#include <tessera/boot.h>
#include <interfaces/arch.h>
#include <interfaces/arch_process.h>
#include <interfaces/kmalloc.h>
#include <interfaces/kthread.h>
#include <interfaces/lib.h>
#include <interfaces/printk.h>
#include <interfaces/process.h>
#include <interfaces/sched.h>
#include <interfaces/spinlock.h>
#include "vfs_glue.h"
#include <interfaces/wait.h>

#include "process.h"
#ifdef HAVE_DEVTMPFS
#include <interfaces/devtmpfs.h>
#endif

struct completion init_exited;
int init_exit_status;

static char rdinit_cmd[128] = "/init";
static char init_cmd[128];

static const char *argv_init[] = { NULL, NULL };
static const char *envp_init[] = { "HOME=/", "TERM=linux", "PATH=/sbin:/bin:/usr/sbin:/usr/bin", NULL };

/* "key=value" from the command line into @dst; true when found. */
static bool cmdline_get(const char *cmdline, const char *key, char *dst, size_t size)
{
	size_t klen = strlen(key);
	const char *p = cmdline;

	while (p && *p) {
		while (*p == ' ')
			p++;
		if (!strncmp(p, key, klen)) {
			size_t n = 0;

			p += klen;
			while (p[n] && p[n] != ' ')
				n++;
			if (n >= size)
				n = size - 1;
			memcpy(dst, p, n);
			dst[n] = 0;
			return true;
		}
		while (*p && *p != ' ')
			p++;
	}
	return false;
}

static long try_to_run_init_process(const char *cmd)
{
	long ret;

	argv_init[0] = cmd;
	ret = kernel_execve(cmd, argv_init, envp_init);
	if (ret && ret != -ENOENT)
		pr_err("Starting init: %s exists but couldn't execute it (error %ld)\n", cmd, ret);
	return ret;
}

static void open_console(void)
{
	int i;

	for (i = 0; i < 3; i++) {
		struct file *f = filp_open("/dev/console", O_RDWR, 0);
		int fd;

		if (IS_ERR(f)) {
			pr_warn("unable to open an initial console (error %ld)\n", PTR_ERR(f));
			return;
		}
		fd = get_unused_fd_flags(0);
		if (fd < 0) {
			fput(f);
			return;
		}
		fd_install((unsigned int)fd, f);
	}
}

static int init_thread(void *unused)
{
	static const char *const fallbacks[] = { "/sbin/init", "/etc/init", "/bin/init", "/bin/sh" };
	unsigned int i;

	(void)unused;
	open_console();
	if (rdinit_cmd[0] && !try_to_run_init_process(rdinit_cmd))
		arch_return_to_user();
	if (init_cmd[0]) {
		if (!try_to_run_init_process(init_cmd))
			arch_return_to_user();
		pr_err("Requested init %s failed.\n", init_cmd);
	}
	for (i = 0; i < sizeof(fallbacks) / sizeof(fallbacks[0]); i++) {
		if (!try_to_run_init_process(fallbacks[i]))
			arch_return_to_user();
	}
	pr_err("No working init found. Try passing init= option to kernel.\n");
	do_exit(wstatus_exited(1));
}

/*
 * A kernel thread, not yet run, becomes a process of its own: a new
 * thread group and session, no parent (reaped at exit), handlers, and a
 * descriptor table and fs with the VFS. kthread_create()'s reference for
 * the creator becomes the process tree's.
 */
int kthread_to_process(struct task_struct *k)
{
	unsigned long flags;

	INIT_LIST_HEAD(&k->children);
	INIT_LIST_HEAD(&k->sibling);
	INIT_LIST_HEAD(&k->thread_group);
	INIT_LIST_HEAD(&k->thread_node);
	INIT_LIST_HEAD(&k->pid_chain);
	k->signal = alloc_signal_struct();
	k->sighand = alloc_sighand_struct();
#ifdef HAVE_VFS
	k->files = alloc_files_struct();
	k->fs = alloc_fs_struct();
	if (!k->files || !k->fs)
		return -ENOMEM;
#endif
	if (!k->signal || !k->sighand)
		return -ENOMEM;
	spin_lock_irqsave(&tasklist_lock, flags);
	k->tgid = k->pid;
	k->group_leader = k;
	k->real_parent = NULL;
	k->exit_signal = SIGCHLD;
	k->signal->pgrp = k->pid;
	k->signal->session = k->pid;
	k->signal->leader = k->pid;
	attach_pid(k);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return 0;
}

int kernel_init(void)
{
	const struct boot_info *info = arch_boot_info();
	struct task_struct *k, *boot = current;
	unsigned long flags;
	int status, old_pid;

#ifndef HAVE_VFS
	/* No file system in the product: nothing to run init from. */
	pr_info("no file system in this product: no init to run\n");
	(void)info; (void)k; (void)boot; (void)flags; (void)status; (void)old_pid;
	return 0;
#endif
	if (info) {
		cmdline_get(info->cmdline, "rdinit=", rdinit_cmd, sizeof(rdinit_cmd));
		cmdline_get(info->cmdline, "init=", init_cmd, sizeof(init_cmd));
	}
#ifdef HAVE_DEVTMPFS
	/* Linux's CONFIG_DEVTMPFS_MOUNT: /dev before init opens /dev/console. */
	{
		int err = init_mkdir("/dev", 0755);

		if (err && err != -EEXIST)
			pr_warn("cannot create /dev (error %d)\n", err);
		err = devtmpfs_mount("/dev");
		if (err)
			pr_warn("devtmpfs: not mounted on /dev (error %d)\n", err);
	}
#endif
	init_completion(&init_exited);
	k = kthread_create(init_thread, NULL, "init");
	if (!k) {
		pr_err("cannot create the init task\n");
		return 1;
	}
	/* The creator's reference becomes the process tree's (release_task). */
	if (kthread_to_process(k)) {
		pr_err("no memory for the init process\n");
		return 1;
	}
	spin_lock_irqsave(&tasklist_lock, flags);
	/* Pid 1 is init's, as user space expects; the boot context becomes pid 0 (swapper). */
	detach_pid(k);
	old_pid = k->pid;
	k->pid = 1;
	k->tgid = 1;
	boot->pid = 0;
	k->signal->pgrp = 1;
	k->signal->session = 1;
	k->signal->leader = 1;
	k->signal->flags |= SIGNAL_UNKILLABLE;
	attach_pid(k);
	child_reaper = k;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	process_take_pid1(old_pid);
	wake_up_process(k);

	wait_for_completion(&init_exited);
	status = init_exit_status;
	if (status & 0x7f) {
		pr_emerg("Kernel panic - not syncing: Attempted to kill init! exitcode=0x%08x\n",
			 (unsigned int)status);
		return 128 + (status & 0x7f);
	}
	pr_info("init exited with status %d\n", (status >> 8) & 0xff);
	return (status >> 8) & 0xff;
}
