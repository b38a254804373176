/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Sleeping mutexes. The owner field is the lock; wait_lock (a spinlock)
 * guards it and the FIFO of sleeping waiters. Unlock clears the owner and
 * wakes the first waiter, which retries (no handoff: a running task may
 * take the mutex first, which keeps the lock fast; the woken one sleeps
 * again). With lock debugging, lockdep sees the mutex like any lock:
 * recursion, order against other classes, unlock by a non-owner; and
 * mutex_lock() may sleep, so a held spinlock is reported.
 */
#include <tessera/mutex.h>
#include <tessera/sched.h>
#include <interfaces/lockdep.h>
#include <interfaces/mutex.h>
#include <interfaces/sched.h>
#include <interfaces/spinlock.h>

#include "sched_internal.h"

struct mutex_waiter {
	struct list_head list;
	struct task_struct *task;
};

void __mutex_init(struct mutex *lock, const char *name, struct lock_class_key *key)
{
	lock->owner = NULL;
	__spin_lock_init(&lock->wait_lock, name, key);
	INIT_LIST_HEAD(&lock->wait_list);
#ifdef CONFIG_DEBUG_LOCKDEP
	lock->owner_site = NULL;
	/* The wait_lock gets its own class from the same key: distinct maps, fine. */
	lockdep_init_map(&lock->dep_map, name, key, LD_MUTEX);
#endif
}

void _mutex_lock(struct mutex *lock, const struct lock_site *site)
{
	struct mutex_waiter waiter;
	unsigned long flags;

	__might_sleep(site);
#ifdef CONFIG_DEBUG_LOCKDEP
	/* Before blocking: an inversion is reported instead of deadlocking. */
	lock_acquire(&lock->dep_map, site, _RET_IP_);
#endif
	spin_lock_irqsave(&lock->wait_lock, flags);
	if (lock->owner) {
		waiter.task = current;
		list_add_tail(&waiter.list, &lock->wait_list);
		while (lock->owner) {
			__set_current_state(TASK_UNINTERRUPTIBLE);
			spin_unlock_irqrestore(&lock->wait_lock, flags);
			schedule();
			spin_lock_irqsave(&lock->wait_lock, flags);
		}
		list_del(&waiter.list);
	}
	lock->owner = current;
#ifdef CONFIG_DEBUG_LOCKDEP
	lock->owner_site = site;
#endif
	spin_unlock_irqrestore(&lock->wait_lock, flags);
}

int _mutex_trylock(struct mutex *lock, const struct lock_site *site)
{
	unsigned long flags;
	int ok = 0;

	spin_lock_irqsave(&lock->wait_lock, flags);
	if (!lock->owner) {
		lock->owner = current;
		ok = 1;
	}
	spin_unlock_irqrestore(&lock->wait_lock, flags);
#ifdef CONFIG_DEBUG_LOCKDEP
	if (ok)
		lock_acquire(&lock->dep_map, site, _RET_IP_);
#else
	(void)site;
#endif
	return ok;
}

void _mutex_unlock(struct mutex *lock, const struct lock_site *site)
{
	unsigned long flags;

#ifdef CONFIG_DEBUG_LOCKDEP
	lock_release(&lock->dep_map, site, _RET_IP_);
#else
	(void)site;
#endif
	spin_lock_irqsave(&lock->wait_lock, flags);
	lock->owner = NULL;
	if (!list_empty(&lock->wait_list))
		wake_up_process(list_first_entry(&lock->wait_list, struct mutex_waiter,
						 list)->task);
	spin_unlock_irqrestore(&lock->wait_lock, flags);
}

bool mutex_is_locked(struct mutex *lock)
{
	return *(struct task_struct *volatile *)&lock->owner != NULL;
}
