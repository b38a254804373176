/* SPDX-License-Identifier: Apache-2.0 */
/* Shared between the files of the process core; not an interface. */
#ifndef PROCESS_INTERNAL_H
#define PROCESS_INTERNAL_H

#include <tessera/errno.h>
#include <tessera/fs.h>
#include <tessera/mm.h>
#include <tessera/signal.h>
#include <tessera/spinlock.h>
#include <tessera/arch_process.h>

#include "proc_logic.h"

/* Unlink and leave the entry pointing at itself (list_empty() true after). */
static inline void proc_list_del_init(struct list_head *entry)
{
	list_del(entry);
	INIT_LIST_HEAD(entry);
}

#define PF_EXITING 0x00000004           /* task_struct.flags: in do_exit */

/*
 * tasklist_lock (irqsave: the tty sends signals from its interrupt path)
 * guards the pid hash, the parent/children/thread links and every
 * task's signal state (pending, blocked, the sighand table, TIF_SIGPENDING).
 */
extern spinlock_t tasklist_lock;
extern wait_queue_head_t child_wait;    /* wait4/waitid sleep here; any child change wakes it */
extern struct task_struct *child_reaper;        /* init: orphans go to it */

/* process.c */
void attach_pid(struct task_struct *p);
void detach_pid(struct task_struct *p);
struct task_struct *find_task_locked(int nr);
#define for_each_process_task(bucket, t) \
	for (bucket = 0; bucket < PIDHASH_SIZE; bucket++) \
		list_for_each_entry(t, &pid_hash[bucket], pid_chain)
#define PIDHASH_SIZE 64
extern struct list_head pid_hash[PIDHASH_SIZE];
struct signal_struct *alloc_signal_struct(void);
struct sighand_struct *alloc_sighand_struct(void);
void put_signal_struct(struct signal_struct *sig);
void put_sighand_struct(struct sighand_struct *sh);
int process_alloc_pid(void);
void process_take_pid1(int old_pid);
static inline bool thread_group_leader(struct task_struct *p)
{
	return p->group_leader == p;
}

/* signal.c */
int send_signal_locked(int sig, const kernel_siginfo_t *info, struct task_struct *t, bool group);
void recalc_sigpending(struct task_struct *t);
void flush_signal_handlers(struct task_struct *t);
void do_notify_parent(struct task_struct *tsk, int sig);
int kill_pid_info(int sig, const kernel_siginfo_t *info, int pid);
void zap_other_threads(struct task_struct *p);

/* exit.c */
_Noreturn void do_group_exit(int exit_code);
void release_task(struct task_struct *p);
void mm_release(struct task_struct *tsk);

/* fork.c */
long kernel_clone(unsigned long flags, unsigned long newsp, int __user *parent_tid,
		  int __user *child_tid, unsigned long tls);

/* exec.c */
long do_execveat_user(int fd, const char __user *filename, const char __user *const __user *argv,
		      const char __user *const __user *envp, int flags);

long kernel_execve_image(const char *name, const void *image, size_t len,
			 const char *const *argv, const char *const *envp);

/* init.c */
int kthread_to_process(struct task_struct *k);
/* ktests: the exit status of one task, recorded by do_exit() */
extern struct task_struct *exit_watch_task;
extern int exit_watch_status;
extern struct completion exit_watch_done;

/* sys.c */
void get_random_bytes(void *buf, size_t n);

#endif
