/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Spinlocks: the `spinlock` interface (provided by components/locking/
 * spinlock), or, in a product without that component, the uniprocessor
 * fallback below. Code that protects shared data includes this one header,
 * declares `optional = ["spinlock"]` (and requires `arch`) and writes
 * spin_lock_irqsave()/spin_unlock_irqrestore() like Linux; which form it
 * gets is the product's decision, with no #ifdef in the user:
 *
 *   - HAVE_SPINLOCK (the component is in the graph): a real lock. It
 *     disables preemption while held; the _irqsave form also disables
 *     interrupts and returns the previous state, so nested sections restore
 *     exactly what they found (xv6's push_off/pop_off). The lock word is
 *     taken with an atomic exchange, so the same code is correct on SMP.
 *     The operations are out of line (_raw_*): they take the call site,
 *     which lockdep records, or NULL when CONFIG_DEBUG_LOCKDEP is off.
 *
 *   - no spinlock component (the tiny and crash products): one CPU and no
 *     scheduler (the scheduler requires `spinlock`), so nothing can preempt
 *     a holder and only interrupts can interleave. spinlock_t is an empty
 *     struct, spin_lock_irqsave() is arch_irq_save() and nothing else, and
 *     the product pays exactly what it paid before locks existed (Linux's
 *     !CONFIG_SMP spinlocks reduce the same way).
 */
#ifndef TESSERA_SPINLOCK_H
#define TESSERA_SPINLOCK_H

#ifndef TESSERA_HOST_TEST
#include <autoconf.h>
#endif
#include <tessera/lockdep.h>
#include <tessera/types.h>

#ifdef HAVE_SPINLOCK

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

/*
 * The operations' prototypes: the generated dispatch header, in the view of
 * every component that declared the interface (a component that did not
 * gets the types only, and a call is an implicit declaration: an error).
 */
#if __has_include(<interfaces/spinlock.h>)
#define TESSERA_PROBE_INTERFACE
#include <interfaces/spinlock.h>
#undef TESSERA_PROBE_INTERFACE
#endif

#else /* !HAVE_SPINLOCK: the uniprocessor fallback */

#ifndef TESSERA_HOST_TEST
#include <interfaces/arch.h>    /* arch_irq_save(), arch_irq_restore() */
#endif

typedef struct spinlock {
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(lockname) { }
#define DEFINE_SPINLOCK(x) spinlock_t x __attribute__((__unused__)) = __SPIN_LOCK_UNLOCKED(x)

#define spin_lock_init(lock)    ((void)(lock))
#define spin_lock(lock)         ((void)(lock))
#define spin_trylock(lock)      ((void)(lock), 1)
#define spin_unlock(lock)       ((void)(lock))
#define spin_lock_irqsave(lock, flags)                                  \
	do {                                                            \
		(void)(lock);                                           \
		(flags) = arch_irq_save();                              \
	} while (0)
#define spin_unlock_irqrestore(lock, flags)                             \
	do {                                                            \
		(void)(lock);                                           \
		arch_irq_restore(flags);                                \
	} while (0)
#define spin_is_locked(lock)    ((void)(lock), false)
#define might_sleep()           do { } while (0)

#endif /* HAVE_SPINLOCK */

#endif
