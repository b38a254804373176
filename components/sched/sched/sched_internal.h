/* SPDX-License-Identifier: Apache-2.0 */
/* Shared between the files of the scheduler core; not an interface. */
#ifndef SCHED_INTERNAL_H
#define SCHED_INTERNAL_H

#include <tessera/sched.h>

#define _RET_IP_ ((unsigned long)__builtin_return_address(0))

/* core.c */
void __schedule(bool preempt);
void finish_task_switch(void);
struct task_struct *sched_alloc_task(const char *name, void (*entry)(void *));
extern unsigned long sched_switch_flags;
extern struct list_head sched_task_list;

/* kthread.c */
void kthread_entry(void *arg);

/* idle.c */
int idle_thread(void *unused);

/* wait.c: wake up to @nr_exclusive exclusive waiters (0: all), wq->lock held. */
void __wake_up_locked(wait_queue_head_t *wq, int nr_exclusive);

#endif
