// SPDX-License-Identifier: Apache-2.0
/*
 * The process core: pids, the pid hash, the objects a process shares
 * (signal_struct, sighand_struct), and the hooks that make the scheduler
 * allocate every pid here and switch address spaces (pgtable_activate,
 * mmdrop for the lazy-TLB borrow).
 *
 * Pids: one map for every task (kthreads too, once this initcall ran),
 * allocated cyclically as Linux does (proc_logic.c). A pid is freed when
 * its task_struct is (the last put_task_struct); a process is findable
 * (find_task_by_vpid) from fork until it is reaped (release_task).
 */
#define pr_fmt(fmt) "process: " fmt

#include <interfaces/arch.h>
#include <interfaces/kmalloc.h>
#include <interfaces/lib.h>
#include <interfaces/mm.h>
#include <interfaces/mmu.h>
#include <interfaces/printk.h>
#include <interfaces/process.h>
#include <interfaces/sched.h>
#include <interfaces/spinlock.h>
#include <interfaces/wait.h>

#include "process.h"

int process_init(void);

DEFINE_SPINLOCK(tasklist_lock);
wait_queue_head_t child_wait;
struct task_struct *child_reaper;
struct list_head pid_hash[PIDHASH_SIZE];
static struct pidmap pid_map;

static inline unsigned int pid_hashfn(int nr)
{
	return (unsigned int)nr % PIDHASH_SIZE;
}

int process_alloc_pid(void)
{
	unsigned long flags;
	int pid;

	spin_lock_irqsave(&tasklist_lock, flags);
	pid = pidmap_alloc(&pid_map);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return pid;
}

static void process_release_pid(int pid)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	pidmap_free(&pid_map, pid);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* init's task takes pid 1 and gives back the one it was created with. */
void process_take_pid1(int old_pid)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	pidmap_reserve(&pid_map, 1);
	if (old_pid > 1)
		pidmap_free(&pid_map, old_pid);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* tasklist_lock held */
void attach_pid(struct task_struct *p)
{
	list_add_tail(&p->pid_chain, &pid_hash[pid_hashfn(p->pid)]);
}

void detach_pid(struct task_struct *p)
{
	proc_list_del_init(&p->pid_chain);
}

struct task_struct *find_task_locked(int nr)
{
	struct task_struct *t;

	if (nr <= 0)
		return NULL;
	list_for_each_entry(t, &pid_hash[pid_hashfn(nr)], pid_chain) {
		if (t->pid == nr)
			return t;
	}
	return NULL;
}

struct task_struct *find_task_by_vpid(int nr)
{
	unsigned long flags;
	struct task_struct *t;

	spin_lock_irqsave(&tasklist_lock, flags);
	t = find_task_locked(nr);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return t;
}

int task_pgrp_vnr(struct task_struct *p)
{
	return p->signal ? p->signal->pgrp : 0;
}

int task_session_vnr(struct task_struct *p)
{
	return p->signal ? p->signal->session : 0;
}

struct signal_struct *alloc_signal_struct(void)
{
	struct signal_struct *sig = kzalloc(sizeof(*sig));
	int i;

	if (!sig)
		return NULL;
	sig->count = 1;
	sig->live = 1;
	for (i = 0; i < RLIM_NLIMITS; i++)
		sig->rlim[i].rlim_cur = sig->rlim[i].rlim_max = RLIM_INFINITY;
	/* Linux's defaults for the ones programs read. */
	sig->rlim[RLIMIT_STACK].rlim_cur = 8UL << 20;
	sig->rlim[RLIMIT_CORE].rlim_cur = 0;
	sig->rlim[RLIMIT_NOFILE].rlim_cur = NR_OPEN_MAX;
	sig->rlim[RLIMIT_NOFILE].rlim_max = NR_OPEN_MAX;
	sig->rlim[RLIMIT_MEMLOCK].rlim_cur = sig->rlim[RLIMIT_MEMLOCK].rlim_max = 8UL << 20;
	sig->rlim[RLIMIT_NPROC].rlim_cur = sig->rlim[RLIMIT_NPROC].rlim_max = 4096;
	return sig;
}

struct sighand_struct *alloc_sighand_struct(void)
{
	struct sighand_struct *sh = kzalloc(sizeof(*sh));

	if (sh)
		sh->count = 1;
	return sh;
}

void put_signal_struct(struct signal_struct *sig)
{
	unsigned long flags;
	bool last;

	if (!sig)
		return;
	spin_lock_irqsave(&tasklist_lock, flags);
	last = --sig->count == 0;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (last)
		kfree(sig);
}

void put_sighand_struct(struct sighand_struct *sh)
{
	unsigned long flags;
	bool last;

	if (!sh)
		return;
	spin_lock_irqsave(&tasklist_lock, flags);
	last = --sh->count == 0;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (last)
		kfree(sh);
}

/* The scheduler's hooks: load an address space; give back a borrowed one. */
static void process_mm_activate(struct mm_struct *mm)
{
	pgtable_activate(mm->pgd);
}

static void process_mmdrop(struct mm_struct *mm)
{
	mmdrop(mm);
}

int process_init(void)
{
	unsigned int i;

	for (i = 0; i < PIDHASH_SIZE; i++)
		INIT_LIST_HEAD(&pid_hash[i]);
	init_waitqueue_head(&child_wait);
	pidmap_init(&pid_map);
	/*
	 * The pids handed out before this initcall (the boot context, early
	 * kthreads) are the low ones; keep them. 1 stays free for init.
	 */
	for (i = 2; i < 64; i++)
		pidmap_reserve(&pid_map, (int)i);
	pid_map.last = 63;
	sched_set_pid_ops(process_alloc_pid, process_release_pid);
	sched_set_mm_ops(process_mm_activate, process_mmdrop);
	return 0;
}
