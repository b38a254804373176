// SPDX-License-Identifier: Apache-2.0
/*
 * exit and wait: do_exit (the address space, files and fs let go, children
 * handed to init, the parent told), zombies, reaping (release_task), and
 * wait4/waitid with WNOHANG, WUNTRACED, WCONTINUED, WNOWAIT, __WALL,
 * __WCLONE as Linux gives them.
 *
 * A task's references: one for the thread (the scheduler drops it at the
 * switch away from it dead), one held by the process tree from fork until
 * the task is reaped. Threads other than the group leader are reaped at
 * once when they exit; the leader stays a zombie until its whole group has
 * exited and its parent waited (or the parent ignores SIGCHLD).
 *
 * init (pid 1): its exit ends the system. kernel_init() waits for it on a
 * completion and powers off with its status.
 */
#define pr_fmt(fmt) "exit: " fmt

#include <interfaces/arch.h>
#include <interfaces/arch_process.h>
#include <interfaces/kmalloc.h>
#include <interfaces/lib.h>
#include <interfaces/mm.h>
#include <interfaces/panic.h>
#include <interfaces/printk.h>
#include <interfaces/process.h>
#include <interfaces/sched.h>
#include <interfaces/spinlock.h>
#include <interfaces/uaccess.h>
#include "vfs_glue.h"
#include <interfaces/wait.h>

#include "process.h"

extern struct completion init_exited;
extern int init_exit_status;

struct task_struct *exit_watch_task;
int exit_watch_status;
struct completion exit_watch_done;

/* CLONE_VFORK's parent waits for this: the child exec'd or exited. */
void mm_release(struct task_struct *tsk)
{
	struct completion *done = tsk->vfork_done;

	if (done) {
		tsk->vfork_done = NULL;
		complete(done);
	}
}

static void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	if (!mm)
		return;
	mm_release(tsk);
	/* Stay on this address space lazily, like a kernel thread, until we switch away. */
	mmgrab(mm);
	{
		unsigned long flags = arch_irq_save();

		tsk->mm = NULL;
		arch_irq_restore(flags);
	}
	mmput(mm);
}

/* The tid word of CLONE_CHILD_CLEARTID: 0 (a futex wake would follow; no futex yet). */
static void exit_clear_tid(struct task_struct *tsk)
{
	if (tsk->clear_child_tid && tsk->mm) {
		int zero = 0;

		(void)copy_to_user(tsk->clear_child_tid, &zero, sizeof(zero));
		tsk->clear_child_tid = NULL;
	}
}

/* Orphans go to init; zombies among them are announced to it. Lock held. */
static void forget_original_parent(struct task_struct *father)
{
	struct task_struct *c, *n;
	struct task_struct *reaper = child_reaper;

	if (!reaper || reaper == father || reaper->exit_state)
		reaper = NULL;
	list_for_each_entry_safe(c, n, &father->children, sibling) {
		list_del(&c->sibling);
		c->real_parent = reaper;
		if (reaper) {
			list_add_tail(&c->sibling, &reaper->children);
			if (c->exit_state == EXIT_ZOMBIE)
				do_notify_parent(c, SIGCHLD);
		} else {
			INIT_LIST_HEAD(&c->sibling);
		}
	}
}

static bool thread_group_empty_live(struct task_struct *leader)
{
	return leader->signal->live == 0;
}

/* Does the parent want zombies? (SIGCHLD ignored or SA_NOCLDWAIT: no.) */
static bool parent_autoreaps(struct task_struct *p)
{
	struct task_struct *parent = p->real_parent;
	struct k_sigaction *ka;

	if (!parent || !parent->sighand)
		return true;
	ka = &parent->sighand->action[SIGCHLD - 1];
	return p->exit_signal == SIGCHLD &&
	       (ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT));
}

/* Lock held. Returns true when the caller must release @tsk (autoreap). */
static bool exit_notify(struct task_struct *tsk)
{
	struct task_struct *leader = tsk->group_leader;

	forget_original_parent(tsk);
	if (!thread_group_leader(tsk)) {
		tsk->exit_state = EXIT_DEAD;
		/* The last thread out lets a leader that exited before it be reaped. */
		if (leader->exit_state == EXIT_ZOMBIE && thread_group_empty_live(leader)) {
			if (parent_autoreaps(leader))
				leader->exit_state = EXIT_DEAD;   /* do_exit releases it after us */
			else
				do_notify_parent(leader, leader->exit_signal);
		}
		return true;
	}
	tsk->exit_state = EXIT_ZOMBIE;
	if (!thread_group_empty_live(leader))
		return false;           /* the other threads' exit will announce it */
	if (parent_autoreaps(tsk)) {
		if (tsk->exit_signal > 0 && tsk->real_parent)
			do_notify_parent(tsk, tsk->exit_signal);
		tsk->exit_state = EXIT_DEAD;
		return true;
	}
	do_notify_parent(tsk, tsk->exit_signal);
	return false;
}

/* Take a reaped (or autoreaped) task out of the tree and drop the tree's reference. */
void release_task(struct task_struct *p)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	detach_pid(p);
	if (!list_empty(&p->sibling))
		proc_list_del_init(&p->sibling);
	if (!thread_group_leader(p))
		proc_list_del_init(&p->thread_node);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	put_sighand_struct(p->sighand);
	p->sighand = NULL;
	put_signal_struct(p->signal);
	p->signal = NULL;
	put_task_struct(p);             /* the tree's reference */
}

_Noreturn void do_exit(long code)
{
	struct task_struct *tsk = current;
	unsigned long flags;
	bool autoreap;

	if (!tsk->signal)
		panic("do_exit: '%s' (pid %d) is not a process", tsk->comm, tsk->pid);
	tsk->flags |= PF_EXITING;
	exit_clear_tid(tsk);
	exit_mm(tsk);
	if (tsk->files) {
		put_files_struct(tsk->files);
		tsk->files = NULL;
	}
	if (tsk->fs) {
		put_fs_struct(tsk->fs);
		tsk->fs = NULL;
	}
	spin_lock_irqsave(&tasklist_lock, flags);
	tsk->exit_code = (int)code;
	tsk->signal->live--;
	if (tsk == exit_watch_task) {
		exit_watch_task = NULL;
		exit_watch_status = (tsk->signal->flags & SIGNAL_GROUP_EXIT) ?
				    tsk->signal->group_exit_code : (int)code;
		complete(&exit_watch_done);
	}
	if (thread_group_leader(tsk) && !(tsk->signal->flags & SIGNAL_GROUP_EXIT))
		tsk->signal->group_exit_code = (int)code;
	if (tsk->tgid == 1 && tsk->signal->live == 0) {
		int status = (tsk->signal->flags & SIGNAL_GROUP_EXIT) ? tsk->signal->group_exit_code
									: (int)code;

		init_exit_status = status;
		child_reaper = NULL;
		forget_original_parent(tsk);
		tsk->exit_state = EXIT_ZOMBIE;
		spin_unlock_irqrestore(&tasklist_lock, flags);
		complete(&init_exited);
		do_task_dead();
	}
	autoreap = exit_notify(tsk);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (autoreap) {
		struct task_struct *leader = tsk->group_leader;

		release_task(tsk);
		if (leader != tsk && leader->exit_state == EXIT_DEAD && !list_empty(&leader->pid_chain))
			release_task(leader);
	}
	do_task_dead();
}

_Noreturn void do_group_exit(int exit_code)
{
	struct task_struct *tsk = current;
	struct signal_struct *sig = tsk->signal;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (sig->flags & SIGNAL_GROUP_EXIT) {
		exit_code = sig->group_exit_code;
	} else {
		sig->group_exit_code = exit_code;
		sig->flags |= SIGNAL_GROUP_EXIT;
		zap_other_threads(tsk);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	do_exit(exit_code);
}

SYSCALL_DEFINE1(exit, int, error_code)
{
	do_exit(wstatus_exited(error_code));
}

SYSCALL_DEFINE1(exit_group, int, error_code)
{
	do_group_exit(wstatus_exited(error_code));
}

/* ---- wait --------------------------------------------------------------- */

struct wait_opts {
	int which;                      /* P_ALL, P_PID, P_PGID */
	int id;
	int options;
	/* results */
	int pid;
	int status;
	int cld_code, cld_status;
};

static bool eligible_child(const struct wait_opts *wo, struct task_struct *p)
{
	if (wo->which == P_PID && p->tgid != wo->id)
		return false;
	if (wo->which == P_PGID && (!p->signal || p->signal->pgrp != wo->id))
		return false;
	/* __WCLONE: only children that signal something other than SIGCHLD; __WALL: all. */
	if (!(wo->options & __WALL) && ((p->exit_signal != SIGCHLD) ^ !!(wo->options & __WCLONE)))
		return false;
	return true;
}

/* One pass over the children: the pid reported (> 0), 0 for none ready, -ECHILD for none eligible. */
static int wait_scan(struct wait_opts *wo, struct task_struct **reap)
{
	struct task_struct *me = current->group_leader, *p;
	unsigned long flags;
	int ret = -ECHILD;

	*reap = NULL;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &me->children, sibling) {
		struct signal_struct *sig = p->signal;

		if (!eligible_child(wo, p))
			continue;
		ret = 0;
		if (p->exit_state == EXIT_ZOMBIE && sig && sig->live == 0) {
			if (!(wo->options & WEXITED))
				continue;
			wo->pid = p->tgid;
			wo->status = (sig->flags & SIGNAL_GROUP_EXIT) ? sig->group_exit_code
								      : p->exit_code;
			wstatus_to_cld(wo->status, &wo->cld_code, &wo->cld_status);
			if (!(wo->options & WNOWAIT)) {
				p->exit_state = EXIT_DEAD;
				current->signal->cutime += p->utime;
				current->signal->cstime += p->stime;
				*reap = p;
			}
			ret = wo->pid;
			break;
		}
		if (!sig || p->exit_state)
			continue;
		if ((wo->options & WUNTRACED) && (sig->flags & SIGNAL_STOP_STOPPED) &&
		    !sig->stop_reported) {
			wo->pid = p->tgid;
			wo->status = sig->stop_code;
			wstatus_to_cld(wo->status, &wo->cld_code, &wo->cld_status);
			if (!(wo->options & WNOWAIT))
				sig->stop_reported = true;
			ret = wo->pid;
			break;
		}
		if ((wo->options & WCONTINUED) && (sig->flags & SIGNAL_STOP_CONTINUED) &&
		    !sig->stop_reported) {
			wo->pid = p->tgid;
			wo->status = WSTATUS_CONTINUED;
			wstatus_to_cld(wo->status, &wo->cld_code, &wo->cld_status);
			if (!(wo->options & WNOWAIT)) {
				sig->stop_reported = true;
				sig->flags &= ~SIGNAL_STOP_CONTINUED;
			}
			ret = wo->pid;
			break;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

static long do_wait(struct wait_opts *wo)
{
	DEFINE_WAIT(wait);
	long ret;

	for (;;) {
		struct task_struct *reap;

		prepare_to_wait(&child_wait, &wait, TASK_INTERRUPTIBLE);
		ret = wait_scan(wo, &reap);
		if (reap)
			release_task(reap);
		if (ret != 0 || (wo->options & WNOHANG))
			break;
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&child_wait, &wait);
	return ret;
}

/* struct rusage: 18 longs (two timevals and 14 counters); only the times are kept. */
static int put_rusage(void __user *ru)
{
	long r[18];

	if (!ru)
		return 0;
	memset(r, 0, sizeof(r));
	return copy_to_user(ru, r, sizeof(r)) ? -EFAULT : 0;
}

long kernel_wait4(int upid, int __user *stat_addr, int options, void __user *ru)
{
	struct wait_opts wo;
	long ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	/* -INT_MIN is not a process group */
	if (upid == (int)0x80000000)
		return -ESRCH;
	memset(&wo, 0, sizeof(wo));
	if (upid == -1) {
		wo.which = P_ALL;
	} else if (upid < 0) {
		wo.which = P_PGID;
		wo.id = -upid;
	} else if (upid == 0) {
		wo.which = P_PGID;
		wo.id = current->signal->pgrp;
	} else {
		wo.which = P_PID;
		wo.id = upid;
	}
	wo.options = options | WEXITED;
	ret = do_wait(&wo);
	if (ret > 0) {
		if (stat_addr && put_user(wo.status, stat_addr))
			return -EFAULT;
		if (put_rusage(ru))
			return -EFAULT;
	}
	return ret;
}

SYSCALL_DEFINE4(wait4, int, upid, int __user *, stat_addr, int, options, void __user *, ru)
{
	return kernel_wait4(upid, stat_addr, options, ru);
}

SYSCALL_DEFINE5(waitid, int, which, int, upid, kernel_siginfo_t __user *, infop, int, options,
		void __user *, ru)
{
	struct wait_opts wo;
	kernel_siginfo_t info;
	long ret;

	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD |
			__WCLONE | __WALL))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	memset(&wo, 0, sizeof(wo));
	switch (which) {
	case P_ALL:
		wo.which = P_ALL;
		break;
	case P_PID:
		if (upid <= 0)
			return -EINVAL;
		wo.which = P_PID;
		wo.id = upid;
		break;
	case P_PGID:
		if (upid < 0)
			return -EINVAL;
		wo.which = P_PGID;
		wo.id = upid ? upid : current->signal->pgrp;
		break;
	case P_PIDFD: {
		extern int pidfd_get_pid(unsigned int fd);
		int pid = pidfd_get_pid((unsigned int)upid);

		if (pid < 0)
			return pid;
		wo.which = P_PID;
		wo.id = pid;
		break;
	}
	default:
		return -EINVAL;
	}
	wo.options = options;
	ret = do_wait(&wo);
	if (ret < 0)
		return ret;
	if (infop) {
		memset(&info, 0, sizeof(info));
		if (ret > 0) {
			info.si_signo = SIGCHLD;
			info.si_code = wo.cld_code;
			info.si_pid = wo.pid;
			info.si_uid = 0;
			info.si_status = wo.cld_status;
		}
		if (copy_to_user(infop, &info, sizeof(info)))
			return -EFAULT;
	}
	if (put_rusage(ru))
		return -EFAULT;
	return 0;
}
