/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Spinlocks (the `spinlock` interface, provided by components/locking/
 * spinlock). A spinlock disables preemption while held; the _irqsave form
 * also disables interrupts and returns the previous state, so that nested
 * sections restore exactly what they found (the role of xv6's
 * push_off/pop_off: the outermost restore re-enables interrupts, inner ones
 * leave them off). The lock word is taken with an atomic exchange, so the
 * same code is correct on SMP.
 *
 * The operations are out of line (_raw_*): they take the call site, which
 * lockdep records, or NULL when CONFIG_DEBUG_LOCKDEP is off.
 */
#ifndef TESSERA_SPINLOCK_H
#define TESSERA_SPINLOCK_H

#include <tessera/lockdep.h>
#include <tessera/types.h>

typedef struct spinlock {
	volatile unsigned int locked;
#ifdef CONFIG_DEBUG_LOCKDEP
	struct task_struct *owner;
	const struct lock_site *owner_site;
	struct lockdep_map dep_map;
#endif
} spinlock_t;

#ifdef CONFIG_DEBUG_LOCKDEP
#define __SPIN_LOCK_UNLOCKED(lockname) \
	{ .locked = 0, .dep_map = { .name = #lockname, .key = 0, .kind = LD_SPIN } }
#else
#define __SPIN_LOCK_UNLOCKED(lockname) { .locked = 0 }
#endif

#define DEFINE_SPINLOCK(x) spinlock_t x = __SPIN_LOCK_UNLOCKED(x)

#define spin_lock_init(lock)                                            \
	do {                                                            \
		static struct lock_class_key spin_key_;                 \
		__spin_lock_init((lock), #lock, &spin_key_);            \
	} while (0)

#define spin_lock(lock)         _raw_spin_lock((lock), LOCK_SITE)
#define spin_trylock(lock)      _raw_spin_trylock((lock), LOCK_SITE)
#define spin_unlock(lock)       _raw_spin_unlock((lock), LOCK_SITE)
#define spin_lock_irqsave(lock, flags)                                  \
	do {                                                            \
		(flags) = _raw_spin_lock_irqsave((lock), LOCK_SITE);    \
	} while (0)
#define spin_unlock_irqrestore(lock, flags) \
	_raw_spin_unlock_irqrestore((lock), (flags), LOCK_SITE)

#define might_sleep() __might_sleep(LOCK_SITE)

#endif
