/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Wait queues (the `wait` interface, components/sched/sched): a task
 * sleeps on a wait_queue_head_t until another wakes the queue. wait_event()
 * is the safe pattern: the task queues itself and sets its state BEFORE it
 * tests the condition, so a wake-up between the test and schedule() only
 * makes schedule() return at once instead of being lost.
 */
#ifndef TESSERA_WAIT_H
#define TESSERA_WAIT_H

#include <tessera/list.h>
#include <tessera/spinlock.h>

struct task_struct;

#define WQ_FLAG_EXCLUSIVE 0x01

struct wait_queue_entry {
	unsigned int flags;
	struct task_struct *task;
	struct list_head entry;
};

typedef struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
} wait_queue_head_t;

#define init_waitqueue_head(wq)                                         \
	do {                                                            \
		static struct lock_class_key wq_key_;                   \
		__init_waitqueue_head((wq), #wq, &wq_key_);             \
	} while (0)

#define DEFINE_WAIT(name)                                               \
	struct wait_queue_entry name = {                                \
		.flags = 0, .task = current,                            \
		.entry = LIST_HEAD_INIT((name).entry) }

#define wake_up(wq)     __wake_up((wq), 1)
#define wake_up_all(wq) __wake_up((wq), 0)

/* Task states (task_struct.state). */
#define TASK_RUNNING         0x0000
#define TASK_INTERRUPTIBLE   0x0001
#define TASK_UNINTERRUPTIBLE 0x0002
#define TASK_DEAD            0x0080

#define wait_event(wq, condition)                                       \
	do {                                                            \
		DEFINE_WAIT(wait_);                                     \
		for (;;) {                                              \
			prepare_to_wait((wq), &wait_, TASK_UNINTERRUPTIBLE); \
			if (condition)                                  \
				break;                                  \
			schedule();                                     \
		}                                                       \
		finish_wait((wq), &wait_);                              \
	} while (0)

/*
 * Appended (devs, issue 6): sleep until @condition, or until a signal is
 * pending for current (TIF_SIGPENDING in current->ti_flags, <tessera/sched.h>):
 * 0, or -ERESTARTSYS. A kernel thread has no signals and sleeps until the
 * condition holds.
 */
#ifndef wait_event_interruptible
#define wait_event_interruptible(wq, condition)                         \
	({                                                              \
		int ret_ = 0;                                           \
		DEFINE_WAIT(wait_);                                     \
		for (;;) {                                              \
			prepare_to_wait((wq), &wait_, TASK_INTERRUPTIBLE); \
			if (condition)                                  \
				break;                                  \
			if (current->ti_flags & (1UL << TIF_SIGPENDING)) { \
				ret_ = -ERESTARTSYS;                    \
				break;                                  \
			}                                               \
			schedule();                                     \
		}                                                       \
		finish_wait((wq), &wait_);                              \
		ret_;                                                   \
	})
#endif

#endif
