/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Tasks and the scheduler core (the `sched` and `kthread` interfaces,
 * components/sched/sched). A task_struct is one thread of execution with
 * its own kernel stack; today every task is a kernel thread, and the
 * fields a process will add (mm, files, signals, parent/children, exit
 * state) hang off the same struct later, as in Linux.
 *
 * Lifetime: a task is reference counted (usage). The thread holds one
 * reference while it can run; kthread_create() returns one more to its
 * creator, dropped by kthread_stop(). The last put frees the stack and the
 * struct. The context switch away from a TASK_DEAD task drops the thread's
 * own reference, on the next task's stack.
 */
#ifndef TESSERA_SCHED_H
#define TESSERA_SCHED_H

#include <tessera/completion.h>
#include <tessera/lockdep.h>
#include <tessera/percpu.h>
#include <tessera/sched_policy.h>
#include <tessera/syscalls.h>
#include <tessera/wait.h>
#include <asm/memory.h>
#include <asm/processor.h>

#define TASK_COMM_LEN 16
#ifndef THREAD_SIZE                 /* an arch may define it (asm/memory.h) */
#define THREAD_SIZE   16384UL       /* kernel stack, as vmalloc's alloc_kernel_stack() */
#endif

/* task_struct.flags */
#define PF_IDLE    0x00000002       /* this CPU's idle task */
#define PF_KTHREAD 0x00200000       /* a kernel thread */

struct task_struct {
	struct thread_struct thread;    /* arch: saved context while switched out */
	volatile long state;            /* TASK_RUNNING, TASK_UNINTERRUPTIBLE, ... */
	unsigned int flags;
	int pid;
	int usage;                      /* references; freed at 0 */
	bool on_rq;                     /* runnable: queued, or running */
	char comm[TASK_COMM_LEN];
	void *stack;                    /* lowest address of THREAD_SIZE; NULL for the boot task */
	struct sched_entity se;
	u64 exec_start;                 /* clock when it last started running */
	unsigned long nvcsw, nivcsw;    /* voluntary / involuntary switches away */
	struct list_head tasks;         /* on the list of every task */
	struct lockdep_task lockdep;

	/*
	 * Processes (components/proc/process; NULL/0 in a kernel thread).
	 * mm is the task's user address space; active_mm the one loaded
	 * while it runs: mm, or for a kernel thread the previous task's,
	 * borrowed with mmgrab() (lazy TLB, as Linux).
	 */
	struct mm_struct *mm;
	struct mm_struct *active_mm;
	struct files_struct *files;         /* fd table (fs.h) */
	struct fs_struct *fs;               /* root, cwd, umask (fs.h) */
	struct signal_struct *signal;       /* shared by a thread group: pgrp, session, tty, exit */
	struct sighand_struct *sighand;     /* shared handlers (CLONE_SIGHAND) */
	u64 blocked;                        /* sigset_t: the signal mask */
	u64 pending;                        /* thread-directed pending signals */
	unsigned long ti_flags;             /* TIF_* below */
	int tgid;                           /* thread-group id: getpid() */
	int exit_state;                     /* EXIT_ZOMBIE, EXIT_DEAD */
	int exit_signal;                    /* sent to the parent at exit (SIGCHLD) */
	struct task_struct *real_parent;
	struct task_struct *group_leader;
	struct list_head children;          /* my children */
	struct list_head sibling;           /* on my parent's children */
	int __user *clear_child_tid;        /* CLONE_CHILD_CLEARTID */
	u64 start_time;                     /* ns since boot */
	u64 utime, stime;                   /* ns in user / kernel mode */

	/*
	 * Process core, continued (components/proc/process): the thread
	 * group, the pid hash, vfork, sigaltstack, rt_sigsuspend's saved mask.
	 */
	struct list_head thread_node;       /* on the group leader's thread_group */
	struct list_head thread_group;      /* the leader's list of its threads */
	struct list_head pid_chain;         /* pid hash bucket (find_task_by_vpid) */
	struct completion *vfork_done;      /* CLONE_VFORK: completed at exec or exit */
	int __user *set_child_tid;          /* CLONE_CHILD_SETTID */
	unsigned long sas_ss_sp;            /* sigaltstack; 0 when none */
	unsigned long sas_ss_size;
	unsigned int sas_ss_flags;          /* SS_AUTODISARM */
	u64 saved_sigmask;                  /* rt_sigsuspend: restored after the handler */
	bool restore_sigmask;

	/* Kernel thread (kthread.c). */
	int (*threadfn)(void *data);
	void *data;
	int exit_code;
	bool should_stop;
	struct completion exited;
};

/* ti_flags bits, checked on every return to user mode */
#define TIF_SIGPENDING 0
#define TIF_NOTIFY_RESUME 1
#define TIF_MEMDIE 2                        /* being killed: no more signals taken */

/* exit_state */
#define EXIT_ZOMBIE 0x10
#define EXIT_DEAD   0x20

struct mm_struct;
struct files_struct;
struct fs_struct;
struct signal_struct;
struct sighand_struct;

#define set_current_state(s)                                            \
	do {                                                            \
		current->state = (s);                                   \
		barrier();                                              \
	} while (0)
#define __set_current_state(s) (current->state = (s))

#define get_task_struct(t) ((t)->usage++)

#endif
