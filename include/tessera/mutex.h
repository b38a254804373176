/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Sleeping mutexes (the `mutex` interface, components/sched/sched): a
 * contended mutex_lock() puts the task to sleep on the mutex's wait list;
 * mutex_unlock() by the owner hands the lock on by waking the first
 * waiter. Only the owner may unlock; lockdep reports anyone else.
 */
#ifndef TESSERA_MUTEX_H
#define TESSERA_MUTEX_H

#include <tessera/list.h>
#include <tessera/spinlock.h>

struct task_struct;

struct mutex {
	struct task_struct *owner;
	spinlock_t wait_lock;
	struct list_head wait_list;
#ifdef CONFIG_DEBUG_LOCKDEP
	const struct lock_site *owner_site;
	struct lockdep_map dep_map;
#endif
};

#define mutex_init(m)                                                   \
	do {                                                            \
		static struct lock_class_key mutex_key_;                \
		__mutex_init((m), #m, &mutex_key_);                     \
	} while (0)

#define mutex_lock(m)   _mutex_lock((m), LOCK_SITE)
#define mutex_trylock(m) _mutex_trylock((m), LOCK_SITE)
#define mutex_unlock(m) _mutex_unlock((m), LOCK_SITE)

#endif
