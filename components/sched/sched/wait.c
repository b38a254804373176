/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Wait queues. A waiter is an entry (usually on the waiter's stack) on the
 * queue's list; exclusive waiters go to the back and a wake-up stops after
 * nr_exclusive of them (wake_up: 1), so a handoff wakes one task, not a
 * herd. The entry stays queued across wake-ups until finish_wait(): a
 * waiter whose condition is still false just sleeps again.
 */
#include <tessera/wait.h>
#include <interfaces/sched.h>
#include <interfaces/spinlock.h>
#include <interfaces/wait.h>

#include "sched_internal.h"

void __init_waitqueue_head(wait_queue_head_t *wq, const char *name, struct lock_class_key *key)
{
	__spin_lock_init(&wq->lock, name, key);
	INIT_LIST_HEAD(&wq->head);
}

static void do_prepare(wait_queue_head_t *wq, struct wait_queue_entry *wait, long state,
		       bool exclusive)
{
	unsigned long flags;

	/* The caller is about to sleep: a spinlock it holds is a bug. */
	might_sleep();
	wait->task = current;
	spin_lock_irqsave(&wq->lock, flags);
	if (list_empty(&wait->entry)) {
		if (exclusive) {
			wait->flags |= WQ_FLAG_EXCLUSIVE;
			list_add_tail(&wait->entry, &wq->head);
		} else {
			wait->flags &= ~WQ_FLAG_EXCLUSIVE;
			list_add(&wait->entry, &wq->head);
		}
	}
	/* Under the lock: a waker that takes it next sees us queued AND asleep. */
	set_current_state(state);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void prepare_to_wait(wait_queue_head_t *wq, struct wait_queue_entry *wait, long state)
{
	do_prepare(wq, wait, state, false);
}

void prepare_to_wait_exclusive(wait_queue_head_t *wq, struct wait_queue_entry *wait, long state)
{
	do_prepare(wq, wait, state, true);
}

void finish_wait(wait_queue_head_t *wq, struct wait_queue_entry *wait)
{
	unsigned long flags;

	__set_current_state(TASK_RUNNING);
	spin_lock_irqsave(&wq->lock, flags);
	if (!list_empty(&wait->entry))
		list_del(&wait->entry);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void __wake_up_locked(wait_queue_head_t *wq, int nr_exclusive)
{
	struct wait_queue_entry *wait, *next;

	list_for_each_entry_safe(wait, next, &wq->head, entry) {
		wake_up_process(wait->task);
		if ((wait->flags & WQ_FLAG_EXCLUSIVE) && !--nr_exclusive)
			break;
	}
}

void __wake_up(wait_queue_head_t *wq, int nr_exclusive)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	__wake_up_locked(wq, nr_exclusive);
	spin_unlock_irqrestore(&wq->lock, flags);
}
