/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Completions: a counter of "done" events and a wait queue. complete()
 * banks one event and wakes one exclusive waiter; wait_for_completion()
 * sleeps until an event is banked and consumes it; complete_all() makes
 * the count "infinite" for every present and future waiter.
 */
#include <tessera/completion.h>
#include <interfaces/sched.h>
#include <interfaces/spinlock.h>
#include <interfaces/wait.h>

#include "sched_internal.h"

void complete(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	if (x->done != COMPLETION_DONE_ALL)
		x->done++;
	__wake_up_locked(&x->wait, 1);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}

void complete_all(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	x->done = COMPLETION_DONE_ALL;
	__wake_up_locked(&x->wait, 0);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}

void wait_for_completion(struct completion *x)
{
	DEFINE_WAIT(wait);
	unsigned long flags;

	might_sleep();
	spin_lock_irqsave(&x->wait.lock, flags);
	if (!x->done) {
		wait.flags = WQ_FLAG_EXCLUSIVE;
		list_add_tail(&wait.entry, &x->wait.head);
		do {
			__set_current_state(TASK_UNINTERRUPTIBLE);
			spin_unlock_irqrestore(&x->wait.lock, flags);
			schedule();
			spin_lock_irqsave(&x->wait.lock, flags);
		} while (!x->done);
		list_del(&wait.entry);
	}
	if (x->done != COMPLETION_DONE_ALL)
		x->done--;
	spin_unlock_irqrestore(&x->wait.lock, flags);
}

bool try_wait_for_completion(struct completion *x)
{
	unsigned long flags;
	bool ret = false;

	spin_lock_irqsave(&x->wait.lock, flags);
	if (x->done) {
		if (x->done != COMPLETION_DONE_ALL)
			x->done--;
		ret = true;
	}
	spin_unlock_irqrestore(&x->wait.lock, flags);
	return ret;
}

bool completion_done(struct completion *x)
{
	return *(volatile unsigned int *)&x->done != 0;
}
