// SPDX-License-Identifier: Apache-2.0
/*
 * fork, vfork, clone: copy_process() builds the child from the parent
 * (address space by dup_mm's copy-on-write or shared with CLONE_VM, files,
 * fs, handlers, the signal_struct for a new process or shared by a new
 * thread), the arch copies the user registers (copy_thread: the child
 * returns 0 from the call, on @newsp with @tls when asked), and the child
 * runs. CLONE_VFORK: the parent sleeps until the child execs or exits.
 */
#define pr_fmt(fmt) "fork: " fmt

#include <interfaces/arch.h>
#include <interfaces/arch_process.h>
#include <interfaces/kmalloc.h>
#include <interfaces/lib.h>
#include <interfaces/mm.h>
#include <interfaces/printk.h>
#include <interfaces/process.h>
#include <interfaces/sched.h>
#include <interfaces/spinlock.h>
#include <interfaces/time.h>
#include <interfaces/uaccess.h>
#include "vfs_glue.h"
#include <interfaces/wait.h>

#include "process.h"

#define CLONE_UNSUPPORTED (CLONE_NEWNS | 0x02000000 /* NEWCGROUP */ | 0x04000000 /* NEWUTS */ | \
			   0x08000000 /* NEWIPC */ | 0x10000000 /* NEWUSER */ |                  \
			   0x20000000 /* NEWPID */ | 0x40000000 /* NEWNET */ | 0x80000000UL /* IO */)

static void free_unrun_task(struct task_struct *p)
{
	if (p->mm)
		mmput(p->mm);
	if (p->files)
		put_files_struct(p->files);
	if (p->fs)
		put_fs_struct(p->fs);
	put_sighand_struct(p->sighand);
	put_signal_struct(p->signal);
	put_task_struct(p);
}

static struct task_struct *copy_process(unsigned long flags, unsigned long newsp,
					unsigned long tls, int *errp)
{
	struct task_struct *cur = current, *p;
	unsigned long irqf;
	int err = -ENOMEM;

	p = sched_task_alloc(cur->comm);
	if (!p) {
		*errp = -EAGAIN;
		return NULL;
	}
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->thread_group);
	INIT_LIST_HEAD(&p->thread_node);
	INIT_LIST_HEAD(&p->pid_chain);
	p->flags = cur->flags & ~(PF_KTHREAD | PF_EXITING);
	p->blocked = cur->blocked;
	p->start_time = (u64)ktime_get();
	if ((flags & (CLONE_VM | CLONE_VFORK)) != CLONE_VM) {
		p->sas_ss_sp = cur->sas_ss_sp;
		p->sas_ss_size = cur->sas_ss_size;
		p->sas_ss_flags = cur->sas_ss_flags;
	}

	/* Address space */
	if (cur->mm) {
		if (flags & CLONE_VM) {
			mmget(cur->mm);
			p->mm = cur->mm;
		} else {
			p->mm = dup_mm(cur->mm);
			if (!p->mm)
				goto fail;
		}
		p->active_mm = p->mm;
	}
	/* Descriptor table and fs */
	if (cur->files) {
		if (flags & CLONE_FILES) {
			atomic_inc(&cur->files->count);
			p->files = cur->files;
		} else {
			p->files = dup_fd(cur->files, &err);
			if (!p->files)
				goto fail;
		}
	}
	if (cur->fs) {
		if (flags & CLONE_FS) {
			unsigned long f;

			spin_lock_irqsave(&cur->fs->lock, f);
			atomic_inc(&cur->fs->users);
			spin_unlock_irqrestore(&cur->fs->lock, f);
			p->fs = cur->fs;
		} else {
			p->fs = copy_fs_struct(cur->fs);
			if (!p->fs) {
				err = -ENOMEM;
				goto fail;
			}
		}
	}
	/* Handlers */
	if (flags & CLONE_SIGHAND) {
		spin_lock_irqsave(&tasklist_lock, irqf);
		cur->sighand->count++;
		spin_unlock_irqrestore(&tasklist_lock, irqf);
		p->sighand = cur->sighand;
	} else {
		p->sighand = alloc_sighand_struct();
		if (!p->sighand)
			goto fail;
		memcpy(p->sighand->action, cur->sighand->action, sizeof(p->sighand->action));
	}
	/* The process (thread group) */
	if (flags & CLONE_THREAD) {
		spin_lock_irqsave(&tasklist_lock, irqf);
		cur->signal->count++;
		cur->signal->live++;
		spin_unlock_irqrestore(&tasklist_lock, irqf);
		p->signal = cur->signal;
		p->tgid = cur->tgid;
		p->group_leader = cur->group_leader;
		p->exit_signal = -1;
	} else {
		struct signal_struct *s = alloc_signal_struct();

		if (!s)
			goto fail;
		s->pgrp = cur->signal->pgrp;
		s->session = cur->signal->session;
		s->tty = cur->signal->tty;
		s->leader = 0;
		memcpy(s->rlim, cur->signal->rlim, sizeof(s->rlim));
		p->signal = s;
		p->tgid = p->pid;
		p->group_leader = p;
		p->exit_signal = (int)(flags & CSIGNAL);
	}

	err = copy_thread(p, flags, newsp, tls);
	if (err)
		goto fail;
	return p;

fail:
	*errp = err;
	free_unrun_task(p);
	return NULL;
}

long kernel_clone(unsigned long flags, unsigned long newsp, int __user *parent_tid,
		  int __user *child_tid, unsigned long tls)
{
	struct task_struct *cur = current, *p;
	struct completion vfork;
	unsigned long irqf;
	int err = 0, pid;

	if (!cur->signal)
		return -EINVAL;
	if (flags & CLONE_UNSUPPORTED)
		return -EINVAL;
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & CLONE_PIDFD) && (flags & CLONE_PARENT_SETTID) && (void *)parent_tid == NULL)
		return -EINVAL;
	if ((flags & CLONE_THREAD) && (flags & CSIGNAL))
		flags &= ~(unsigned long)CSIGNAL;       /* threads signal nobody */
	else if ((flags & CSIGNAL) > _NSIG)
		return -EINVAL;
	if ((flags & CLONE_PARENT) && cur->signal->flags & SIGNAL_UNKILLABLE)
		return -EINVAL;

	p = copy_process(flags, newsp, tls, &err);
	if (!p)
		return err;
	pid = p->pid;
	if (flags & CLONE_PIDFD) {
		extern int pidfd_create(int pid, unsigned int flags);
		int fd = pidfd_create(pid, 0);

		if (fd < 0 || put_user(fd, parent_tid)) {
			free_unrun_task(p);
			return fd < 0 ? fd : -EFAULT;
		}
	} else if ((flags & CLONE_PARENT_SETTID) && put_user(pid, parent_tid)) {
		free_unrun_task(p);
		return -EFAULT;
	}
	if (flags & CLONE_CHILD_SETTID)
		p->set_child_tid = child_tid;
	if (flags & CLONE_CHILD_CLEARTID)
		p->clear_child_tid = child_tid;
	if (flags & CLONE_VFORK) {
		init_completion(&vfork);
		p->vfork_done = &vfork;
	}

	spin_lock_irqsave(&tasklist_lock, irqf);
	if (flags & (CLONE_PARENT | CLONE_THREAD))
		p->real_parent = cur->group_leader->real_parent;
	else
		p->real_parent = cur->group_leader;
	if (flags & CLONE_THREAD) {
		list_add_tail(&p->thread_node, &p->group_leader->thread_group);
	} else if (p->real_parent) {
		list_add_tail(&p->sibling, &p->real_parent->children);
	}
	attach_pid(p);
	get_task_struct(p);             /* the process tree's reference, dropped by release_task */
	/* A signal that came for the parent while we copied goes to the child too? Linux restarts. */
	spin_unlock_irqrestore(&tasklist_lock, irqf);

	wake_up_new_task(p);
	if (flags & CLONE_VFORK)
		wait_for_completion(&vfork);
	return pid;
}

#ifdef __x86_64__
/* x86_64: clone(flags, newsp, parent_tid, child_tid, tls) */
SYSCALL_DEFINE5(clone, unsigned long, clone_flags, unsigned long, newsp, int __user *, parent_tidptr,
		int __user *, child_tidptr, unsigned long, tls)
{
	return kernel_clone(clone_flags, newsp, parent_tidptr, child_tidptr, tls);
}

SYSCALL_DEFINE0(fork)
{
	return kernel_clone(SIGCHLD, 0, NULL, NULL, 0);
}

SYSCALL_DEFINE0(vfork)
{
	return kernel_clone(CLONE_VFORK | CLONE_VM | SIGCHLD, 0, NULL, NULL, 0);
}
#else
/* riscv64 (CONFIG_CLONE_BACKWARDS): clone(flags, newsp, parent_tid, tls, child_tid) */
SYSCALL_DEFINE5(clone, unsigned long, clone_flags, unsigned long, newsp, int __user *, parent_tidptr,
		unsigned long, tls, int __user *, child_tidptr)
{
	return kernel_clone(clone_flags, newsp, parent_tidptr, child_tidptr, tls);
}
#endif

SYSCALL_DEFINE1(set_tid_address, int __user *, tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}
