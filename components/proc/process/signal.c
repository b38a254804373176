// SPDX-License-Identifier: Apache-2.0
/*
 * Signals: sending (kill, tgkill, tkill, kill_pgrp, force_sig_fault),
 * taking (get_signal on every return to user mode: default actions, stop
 * and continue, handlers through the arch's rt_sigframe, restart of an
 * interrupted system call) and the signal system calls.
 *
 * Pending signals: a thread-directed set (task->pending) and a
 * process-directed one (signal->shared_pending); one siginfo per signal
 * number in signal->shared_info (standard signals do not queue; real-time
 * ones do not queue either here: a documented simplification).
 */
#define pr_fmt(fmt) "signal: " fmt

#include <interfaces/arch.h>
#include <interfaces/arch_process.h>
#include <interfaces/kmalloc.h>
#include <interfaces/lib.h>
#include <interfaces/printk.h>
#include <interfaces/process.h>
#include <interfaces/sched.h>
#include <interfaces/spinlock.h>
#include <interfaces/uaccess.h>
#include <interfaces/wait.h>

#include "process.h"

#define TASK_STOPPED_FLAG TASK_INTERRUPTIBLE    /* a stopped task sleeps interruptibly */

static inline void set_tif_sigpending(struct task_struct *t)
{
	t->ti_flags |= 1UL << TIF_SIGPENDING;
}

static inline void clear_tif_sigpending(struct task_struct *t)
{
	t->ti_flags &= ~(1UL << TIF_SIGPENDING);
}

/* tasklist_lock held */
void recalc_sigpending(struct task_struct *t)
{
	u64 pend = t->pending;

	if (t->signal)
		pend |= t->signal->shared_pending;
	if ((pend & ~t->blocked) || (t->signal && (t->signal->flags & SIGNAL_GROUP_EXIT)) ||
	    (pend & sigmask(SIGKILL)))
		set_tif_sigpending(t);
	else
		clear_tif_sigpending(t);
}

static void signal_wake_up(struct task_struct *t, bool fatal)
{
	(void)fatal;            /* no killable sleeps yet: interruptible ones only */
	set_tif_sigpending(t);
	wake_up_state(t, TASK_INTERRUPTIBLE);
}

static bool sig_handler_ignored(struct task_struct *t, int sig)
{
	unsigned long h = t->sighand->action[sig - 1].handler;

	return h == SIG_IGN || (h == SIG_DFL && sig_default_action(sig) == SIG_DFL_IGN);
}

/* Each thread of @p's group, leader first. */
#define for_each_thread(leader, t)                                              \
	for (t = (leader); t; t = next_thread_of(leader, t))

static struct task_struct *next_thread_of(struct task_struct *leader, struct task_struct *t)
{
	struct list_head *next = (t == leader) ? leader->thread_group.next : t->thread_node.next;

	if (next == &leader->thread_group)
		return NULL;
	return list_entry(next, struct task_struct, thread_node);
}

void zap_other_threads(struct task_struct *p)
{
	struct task_struct *t;

	for_each_thread(p->group_leader, t) {
		if (t == p || t->exit_state)
			continue;
		t->pending |= sigmask(SIGKILL);
		signal_wake_up(t, true);
	}
}

/* Choose the thread that takes a process-directed signal, and wake it. */
static void complete_signal(int sig, struct task_struct *p, bool group)
{
	struct signal_struct *signal = p->signal;
	struct task_struct *t = p;

	if (group) {
		struct task_struct *c;

		for_each_thread(p->group_leader, c) {
			if (!c->exit_state && !(c->flags & PF_EXITING) && !(c->blocked & sigmask(sig))) {
				t = c;
				break;
			}
		}
	}
	/* A fatal signal nobody handles kills the whole group at once. */
	if (sig == SIGKILL || (!(t->blocked & sigmask(sig)) &&
			       t->sighand->action[sig - 1].handler == SIG_DFL &&
			       (sig_default_action(sig) == SIG_DFL_TERM ||
				sig_default_action(sig) == SIG_DFL_CORE) &&
			       !(signal->flags & SIGNAL_UNKILLABLE))) {
		if (!(signal->flags & SIGNAL_GROUP_EXIT) && (sig == SIGKILL || group)) {
			struct task_struct *c;

			for_each_thread(p->group_leader, c) {
				if (c->exit_state)
					continue;
				if (sig == SIGKILL)
					c->pending |= sigmask(SIGKILL);
				signal_wake_up(c, true);
			}
			return;
		}
	}
	if (!(t->blocked & sigmask(sig)))
		signal_wake_up(t, sig == SIGKILL);
}

/* A SIGCONT resumes a stopped group; a stop signal cancels a pending SIGCONT. */
static bool prepare_signal(int sig, struct task_struct *p)
{
	struct signal_struct *signal = p->signal;
	struct task_struct *t;

	if (signal->flags & SIGNAL_GROUP_EXIT)
		return sig == SIGKILL;
	if (SIG_STOP_MASK & sigmask(sig)) {
		signal->shared_pending &= ~sigmask(SIGCONT);
		for_each_thread(p->group_leader, t)
			t->pending &= ~sigmask(SIGCONT);
	} else if (sig == SIGCONT) {
		signal->shared_pending &= ~SIG_STOP_MASK;
		for_each_thread(p->group_leader, t) {
			t->pending &= ~SIG_STOP_MASK;
			if (signal->flags & SIGNAL_STOP_STOPPED)
				wake_up_state(t, TASK_INTERRUPTIBLE);
		}
		if (signal->flags & SIGNAL_STOP_STOPPED) {
			signal->flags &= ~SIGNAL_STOP_STOPPED;
			signal->flags |= SIGNAL_STOP_CONTINUED;
			signal->stop_code = WSTATUS_CONTINUED;
			signal->stop_reported = false;
			wake_up_all(&child_wait);
		}
	}
	/* Ignored and not blocked: dropped now (blocked ones wait: the handler may change). */
	if (sig_handler_ignored(p, sig) && !(p->blocked & sigmask(sig)) && sig != SIGKILL &&
	    sig != SIGSTOP)
		return false;
	return true;
}

int send_signal_locked(int sig, const kernel_siginfo_t *info, struct task_struct *t, bool group)
{
	struct signal_struct *signal = t->signal;
	u64 *pending;

	if (!signal || !t->sighand || t->exit_state)
		return 0;
	if (!prepare_signal(sig, t))
		return 0;
	pending = group ? &signal->shared_pending : &t->pending;
	if (*pending & sigmask(sig))
		return 0;               /* not queued twice */
	*pending |= sigmask(sig);
	if (info)
		signal->shared_info[sig - 1] = *info;
	else
		memset(&signal->shared_info[sig - 1], 0, sizeof(kernel_siginfo_t));
	signal->shared_info[sig - 1].si_signo = sig;
	complete_signal(sig, t, group);
	return 0;
}

static void fill_kill_info(kernel_siginfo_t *info, int sig, int code)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = code;
	if (current && current->signal) {
		info->si_pid = current->tgid;
		info->si_uid = 0;
	}
}

int send_sig(int sig, struct task_struct *p, int priv)
{
	kernel_siginfo_t info;
	unsigned long flags;
	int ret;

	if (!valid_signal(sig))
		return -EINVAL;
	fill_kill_info(&info, sig, priv ? SI_KERNEL : SI_USER);
	spin_lock_irqsave(&tasklist_lock, flags);
	ret = send_signal_locked(sig, &info, p, false);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* A synchronous signal the current task caused: it cannot be ignored or blocked away. */
static int force_sig_info(kernel_siginfo_t *info)
{
	struct task_struct *t = current;
	int sig = info->si_signo;
	unsigned long flags;
	struct k_sigaction *ka;

	spin_lock_irqsave(&tasklist_lock, flags);
	ka = &t->sighand->action[sig - 1];
	if (ka->handler == SIG_IGN || (t->blocked & sigmask(sig))) {
		ka->handler = SIG_DFL;
		t->blocked &= ~sigmask(sig);
	}
	/* init would ignore a default action: not for this one. */
	if (ka->handler == SIG_DFL)
		t->signal->flags &= ~SIGNAL_UNKILLABLE;
	t->pending &= ~sigmask(sig);
	send_signal_locked(sig, info, t, false);
	recalc_sigpending(t);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return 0;
}

int force_sig_fault(int sig, int code, void __user *addr)
{
	kernel_siginfo_t info;

	if (!current || !current->sighand)
		return -ESRCH;
	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = code;
	info.si_addr = addr;
	/* Linux's show_unhandled_signals: a fault nobody handles is worth a line. */
	if (current->sighand->action[sig - 1].handler == SIG_DFL) {
		struct pt_regs *regs = current_pt_regs();

		pr_info("%s[%d]: signal %d code %d at %lx ip %lx sp %lx\n", current->comm,
			current->pid, sig, code, (unsigned long)addr,
			(unsigned long)instruction_pointer(regs),
			(unsigned long)user_stack_pointer(regs));
	}
	return force_sig_info(&info);
}

int force_sig(int sig)
{
	kernel_siginfo_t info;

	if (!current || !current->sighand)
		return -ESRCH;
	fill_kill_info(&info, sig, SI_KERNEL);
	return force_sig_info(&info);
}

/* Every process of the group @pgrp. */
static int kill_pgrp_locked(int pgrp, int sig, const kernel_siginfo_t *info)
{
	struct task_struct *t;
	unsigned int b;
	int ret = -ESRCH;

	for_each_process_task(b, t) {
		if (!thread_group_leader(t) || t->exit_state || !t->signal || t->signal->pgrp != pgrp)
			continue;
		ret = sig ? send_signal_locked(sig, info, t, true) : 0;
	}
	return ret;
}

int kill_pgrp(int pgrp, int sig, int priv)
{
	kernel_siginfo_t info;
	unsigned long flags;
	int ret;

	if (!valid_signal(sig) || pgrp <= 0)
		return -EINVAL;
	fill_kill_info(&info, sig, priv ? SI_KERNEL : SI_USER);
	spin_lock_irqsave(&tasklist_lock, flags);
	ret = kill_pgrp_locked(pgrp, sig, &info);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

int kill_pid_info(int sig, const kernel_siginfo_t *info, int pid)
{
	struct task_struct *t;
	unsigned long flags;
	int ret = -ESRCH;

	spin_lock_irqsave(&tasklist_lock, flags);
	t = find_task_locked(pid);
	if (t && !t->exit_state && t->signal) {
		t = t->group_leader;
		ret = sig ? send_signal_locked(sig, info, t, true) : 0;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* Tell the parent a child exited, stopped or continued (SIGCHLD or exit_signal). */
void do_notify_parent(struct task_struct *tsk, int sig)
{
	struct task_struct *parent = tsk->real_parent;
	kernel_siginfo_t info;

	if (!parent || !sig || !parent->sighand)
		return;
	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_pid = tsk->tgid;
	send_signal_locked(sig, &info, parent, true);
	wake_up_all(&child_wait);
}

void flush_signal_handlers(struct task_struct *t)
{
	int i;

	for (i = 0; i < _NSIG; i++) {
		struct k_sigaction *ka = &t->sighand->action[i];

		if (ka->handler != SIG_IGN)
			ka->handler = SIG_DFL;
		ka->flags = 0;
		ka->restorer = 0;
		ka->mask = 0;
	}
}

void set_current_blocked(u64 set)
{
	struct task_struct *t = current;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	t->blocked = set & ~SIG_KERNEL_ONLY_MASK;
	recalc_sigpending(t);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* ---- taking a signal ---------------------------------------------------- */

struct ksignal {
	int sig;
	struct k_sigaction ka;
	kernel_siginfo_t info;
};

/* Stop the group until SIGCONT or SIGKILL; the parent hears of it. Lock held, dropped inside. */
static void do_signal_stop(int sig, unsigned long *flags)
{
	struct task_struct *t = current;
	struct signal_struct *signal = t->signal;
	struct task_struct *parent = t->group_leader->real_parent;

	if (!(signal->flags & SIGNAL_STOP_STOPPED)) {
		signal->flags |= SIGNAL_STOP_STOPPED;
		signal->flags &= ~SIGNAL_STOP_CONTINUED;
		signal->stop_code = wstatus_stopped(sig);
		signal->stop_reported = false;
		if (parent && parent->sighand &&
		    !(parent->sighand->action[SIGCHLD - 1].flags & SA_NOCLDSTOP))
			do_notify_parent(t->group_leader, SIGCHLD);
		wake_up_all(&child_wait);
	}
	while ((signal->flags & SIGNAL_STOP_STOPPED) && !(t->pending & sigmask(SIGKILL)) &&
	       !(signal->flags & SIGNAL_GROUP_EXIT)) {
		set_current_state(TASK_STOPPED_FLAG);
		spin_unlock_irqrestore(&tasklist_lock, *flags);
		schedule();
		spin_lock_irqsave(&tasklist_lock, *flags);
	}
	__set_current_state(TASK_RUNNING);
}

/* The next signal to act on: 1 with a handler to run in @ksig, 0 none left. Never returns for a fatal one. */
static int get_signal(struct ksignal *ksig)
{
	struct task_struct *t = current;
	struct signal_struct *signal = t->signal;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	for (;;) {
		struct k_sigaction *ka;
		enum sig_default act;
		int sig;

		if ((signal->flags & SIGNAL_GROUP_EXIT) || (t->pending & sigmask(SIGKILL))) {
			int code = (signal->flags & SIGNAL_GROUP_EXIT) ? signal->group_exit_code
								       : wstatus_signaled(SIGKILL, false);

			t->pending &= ~sigmask(SIGKILL);
			spin_unlock_irqrestore(&tasklist_lock, flags);
			do_group_exit(code);
		}
		sig = next_signal(t->pending, t->blocked);
		if (sig) {
			t->pending &= ~sigmask(sig);
		} else {
			sig = next_signal(signal->shared_pending, t->blocked);
			if (!sig)
				break;
			signal->shared_pending &= ~sigmask(sig);
		}
		ksig->info = signal->shared_info[sig - 1];
		ksig->info.si_signo = sig;
		recalc_sigpending(t);
		ka = &t->sighand->action[sig - 1];
		if (ka->handler == SIG_IGN)
			continue;
		if (ka->handler != SIG_DFL) {
			ksig->sig = sig;
			ksig->ka = *ka;
			if (ka->flags & SA_RESETHAND)
				ka->handler = SIG_DFL;
			spin_unlock_irqrestore(&tasklist_lock, flags);
			return 1;
		}
		act = sig_default_action(sig);
		if (act == SIG_DFL_IGN || act == SIG_DFL_CONT)
			continue;
		/* init (and a kthread) only takes the signals it has handlers for. */
		if ((signal->flags & SIGNAL_UNKILLABLE) && sig != SIGKILL)
			continue;
		if (act == SIG_DFL_STOP) {
			do_signal_stop(sig, &flags);
			continue;
		}
		spin_unlock_irqrestore(&tasklist_lock, flags);
		do_group_exit(wstatus_signaled(sig, false));
	}
	recalc_sigpending(t);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return 0;
}

static void restore_saved_sigmask(void)
{
	struct task_struct *t = current;

	if (t->restore_sigmask) {
		t->restore_sigmask = false;
		set_current_blocked(t->saved_sigmask);
	}
}

static void handle_signal(struct ksignal *ksig, struct pt_regs *regs)
{
	struct task_struct *t = current;
	u64 oldmask = t->restore_sigmask ? t->saved_sigmask : t->blocked;
	u64 newmask;
	int ret;

	/* An interrupted system call: restart it, or -EINTR. */
	if (syscall_get_nr(regs) >= 0) {
		switch (regs_return_value(regs)) {
		case -ERESTART_RESTARTBLOCK:
		case -ERESTARTNOHAND:
			regs_set_return_value(regs, -EINTR);
			break;
		case -ERESTARTSYS:
			if (!(ksig->ka.flags & SA_RESTART)) {
				regs_set_return_value(regs, -EINTR);
				break;
			}
			syscall_restart(regs);
			break;
		case -ERESTARTNOINTR:
			syscall_restart(regs);
			break;
		}
	}
	ret = arch_setup_rt_frame(ksig->sig, &ksig->info, ksig->ka.handler, ksig->ka.flags,
				  ksig->ka.restorer, oldmask, regs);
	if (ret) {
		force_sig(SIGSEGV);
		return;
	}
	t->restore_sigmask = false;
	newmask = t->blocked | ksig->ka.mask;
	if (!(ksig->ka.flags & SA_NODEFER))
		newmask |= sigmask(ksig->sig);
	set_current_blocked(newmask);
	/* SS_AUTODISARM: the handler owns the alternate stack until it returns. */
	if ((ksig->ka.flags & SA_ONSTACK) && (t->sas_ss_flags & SS_AUTODISARM)) {
		t->sas_ss_sp = 0;
		t->sas_ss_size = 0;
	}
}

static void do_signal(struct pt_regs *regs)
{
	struct ksignal ksig;

	if (get_signal(&ksig)) {
		handle_signal(&ksig, regs);
		return;
	}
	/* No handler ran: the interrupted call starts again. */
	if (syscall_get_nr(regs) >= 0) {
		switch (regs_return_value(regs)) {
		case -ERESTARTNOHAND:
		case -ERESTARTSYS:
		case -ERESTARTNOINTR:
			syscall_restart(regs);
			break;
		case -ERESTART_RESTARTBLOCK:
			regs_set_return_value(regs, -EINTR);
			break;
		}
	}
	restore_saved_sigmask();
}

void exit_to_user_mode_prepare(struct pt_regs *regs)
{
	struct task_struct *t = current;
	int loops = 0;

	if (!t || !t->signal)
		return;
	/* CLONE_CHILD_SETTID: written by the child itself, in its own address space. */
	if (t->set_child_tid) {
		int __user *p = t->set_child_tid;

		t->set_child_tid = NULL;
		arch_irq_enable();
		put_user(t->pid, p);
		arch_irq_disable();
	}
	/* Called and returning with interrupts off, as Linux's. */
	for (;;) {
		if (need_resched() && !preempt_count()) {
			arch_irq_enable();
			cond_resched();
			arch_irq_disable();
			continue;
		}
		if (!signal_pending(t) || ++loops > 64)
			break;
		arch_irq_enable();
		do_signal(regs);
		arch_irq_disable();
	}
}

/* ---- sigaltstack -------------------------------------------------------- */

static bool on_sig_stack(unsigned long sp)
{
	struct task_struct *t = current;

	return t->sas_ss_size && sp > t->sas_ss_sp && sp - t->sas_ss_sp <= t->sas_ss_size;
}

unsigned long sigsp(unsigned long sp, unsigned long sa_flags)
{
	struct task_struct *t = current;

	if ((sa_flags & SA_ONSTACK) && t->sas_ss_size && !on_sig_stack(sp))
		return t->sas_ss_sp + t->sas_ss_size;
	return sp;
}

int __save_altstack(void __user *uss, unsigned long sp)
{
	struct task_struct *t = current;
	stack_t st;

	memset(&st, 0, sizeof(st));
	st.ss_sp = (void __user *)t->sas_ss_sp;
	st.ss_size = t->sas_ss_size;
	st.ss_flags = t->sas_ss_size ? (on_sig_stack(sp) ? SS_ONSTACK : (int)t->sas_ss_flags)
				     : SS_DISABLE;
	return copy_to_user(uss, &st, sizeof(st)) ? -EFAULT : 0;
}

static int do_sigaltstack(const stack_t *ss, stack_t *oss, unsigned long sp)
{
	struct task_struct *t = current;

	if (oss) {
		memset(oss, 0, sizeof(*oss));
		oss->ss_sp = (void __user *)t->sas_ss_sp;
		oss->ss_size = t->sas_ss_size;
		oss->ss_flags = !t->sas_ss_size ? SS_DISABLE
			      : on_sig_stack(sp) ? SS_ONSTACK : (int)t->sas_ss_flags;
	}
	if (ss) {
		unsigned int mode = (unsigned int)ss->ss_flags & ~SS_AUTODISARM;

		if (on_sig_stack(sp))
			return -EPERM;
		if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
			return -EINVAL;
		if (mode == SS_DISABLE) {
			t->sas_ss_sp = 0;
			t->sas_ss_size = 0;
			t->sas_ss_flags = 0;
		} else {
			if (ss->ss_size < MINSIGSTKSZ)
				return -ENOMEM;
			t->sas_ss_sp = (unsigned long)ss->ss_sp;
			t->sas_ss_size = ss->ss_size;
			t->sas_ss_flags = (unsigned int)ss->ss_flags & SS_AUTODISARM;
		}
	}
	return 0;
}

int restore_altstack(const void __user *uss)
{
	stack_t st;

	if (copy_from_user(&st, uss, sizeof(st)))
		return -EFAULT;
	/* Linux ignores errors here, as a signal return cannot report them. */
	do_sigaltstack(&st, NULL, user_stack_pointer(current_pt_regs()));
	return 0;
}

SYSCALL_DEFINE2(sigaltstack, const stack_t __user *, uss, stack_t __user *, uoss)
{
	stack_t ss, oss;
	int ret;

	if (uss && copy_from_user(&ss, uss, sizeof(ss)))
		return -EFAULT;
	ret = do_sigaltstack(uss ? &ss : NULL, uoss ? &oss : NULL,
			     user_stack_pointer(current_pt_regs()));
	if (!ret && uoss && copy_to_user(uoss, &oss, sizeof(oss)))
		ret = -EFAULT;
	return ret;
}

/* ---- the signal system calls ------------------------------------------- */

SYSCALL_DEFINE4(rt_sigaction, int, sig, const struct user_sigaction __user *, act,
		struct user_sigaction __user *, oact, size_t, sigsetsize)
{
	struct task_struct *t = current;
	struct user_sigaction new_sa, old_sa;
	struct k_sigaction *ka;
	unsigned long flags;

	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (!valid_signal((unsigned long)sig) || (act && (sig == SIGKILL || sig == SIGSTOP)))
		return -EINVAL;
	if (act && copy_from_user(&new_sa, act, sizeof(new_sa)))
		return -EFAULT;
	spin_lock_irqsave(&tasklist_lock, flags);
	ka = &t->sighand->action[sig - 1];
	memset(&old_sa, 0, sizeof(old_sa));
	old_sa.sa_handler = ka->handler;
	old_sa.sa_flags = ka->flags;
#ifdef __x86_64__
	old_sa.sa_restorer = ka->restorer;
#endif
	old_sa.sa_mask = ka->mask;
	if (act) {
		struct task_struct *c;

		ka->handler = new_sa.sa_handler;
		ka->flags = new_sa.sa_flags & ~(unsigned long)(SA_UNSUPPORTED | SA_EXPOSE_TAGBITS);
#ifdef __x86_64__
		ka->restorer = new_sa.sa_restorer;
#else
		ka->restorer = 0;
#endif
		ka->mask = new_sa.sa_mask & ~SIG_KERNEL_ONLY_MASK;
		/* Now ignored: what is pending of it goes (POSIX). */
		if (sig_handler_ignored(t, sig)) {
			t->signal->shared_pending &= ~sigmask(sig);
			for_each_thread(t->group_leader, c) {
				c->pending &= ~sigmask(sig);
				recalc_sigpending(c);
			}
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (oact && copy_to_user(oact, &old_sa, sizeof(old_sa)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE4(rt_sigprocmask, int, how, const u64 __user *, nset, u64 __user *, oset,
		size_t, sigsetsize)
{
	struct task_struct *t = current;
	u64 old = t->blocked, set, n;

	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (nset) {
		if (copy_from_user(&set, nset, sizeof(set)))
			return -EFAULT;
		if (sigprocmask_apply(how, old, set, &n))
			return -EINVAL;
		set_current_blocked(n);
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(rt_sigpending, u64 __user *, uset, size_t, sigsetsize)
{
	struct task_struct *t = current;
	u64 set;

	if (sigsetsize > sizeof(u64))
		return -EINVAL;
	set = (t->pending | t->signal->shared_pending) & t->blocked;
	return copy_to_user(uset, &set, sigsetsize) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(rt_sigsuspend, const u64 __user *, unewset, size_t, sigsetsize)
{
	struct task_struct *t = current;
	u64 newset;

	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (copy_from_user(&newset, unewset, sizeof(newset)))
		return -EFAULT;
	t->saved_sigmask = t->blocked;
	set_current_blocked(newset);
	while (!signal_pending(t)) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(t))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	t->restore_sigmask = true;
	return -ERESTARTNOHAND;
}

#ifdef __x86_64__
SYSCALL_DEFINE0(pause)
{
	while (!signal_pending(current)) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return -ERESTARTNOHAND;
}
#endif

SYSCALL_DEFINE2(kill, int, pid, int, sig)
{
	kernel_siginfo_t info;
	unsigned long flags;
	int ret;

	if (sig && !valid_signal((unsigned long)sig))
		return -EINVAL;
	fill_kill_info(&info, sig, SI_USER);
	if (pid > 0)
		return kill_pid_info(sig, &info, pid);
	spin_lock_irqsave(&tasklist_lock, flags);
	if (pid == 0) {
		ret = kill_pgrp_locked(current->signal->pgrp, sig, &info);
	} else if (pid < -1) {
		ret = kill_pgrp_locked(-pid, sig, &info);
	} else {        /* -1: everyone but init and ourselves */
		struct task_struct *t;
		unsigned int b;

		ret = -ESRCH;
		for_each_process_task(b, t) {
			if (!thread_group_leader(t) || t->exit_state || t->tgid == 1 ||
			    t->tgid == current->tgid || !t->signal)
				continue;
			ret = sig ? send_signal_locked(sig, &info, t, true) : 0;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

static long do_tkill(int tgid, int pid, int sig)
{
	kernel_siginfo_t info;
	struct task_struct *t;
	unsigned long flags;
	long ret = -ESRCH;

	if (pid <= 0 || (sig && !valid_signal((unsigned long)sig)))
		return -EINVAL;
	fill_kill_info(&info, sig, SI_TKILL);
	spin_lock_irqsave(&tasklist_lock, flags);
	t = find_task_locked(pid);
	if (t && !t->exit_state && t->signal && (tgid <= 0 || t->tgid == tgid))
		ret = sig ? send_signal_locked(sig, &info, t, false) : 0;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

SYSCALL_DEFINE3(tgkill, int, tgid, int, pid, int, sig)
{
	if (tgid <= 0)
		return -EINVAL;
	return do_tkill(tgid, pid, sig);
}

SYSCALL_DEFINE2(tkill, int, pid, int, sig)
{
	return do_tkill(0, pid, sig);
}
