/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Spinlocks: preemption off while held (so the holder cannot be switched
 * away from and leave the CPU to a task spinning on it), interrupts off too
 * for the _irqsave form, and an atomic exchange on the lock word (correct
 * on SMP; on one CPU a contended spinlock is always a bug, which lockdep
 * names). The exchange is an acquire, the release store a release: the
 * critical section stays inside.
 */
#include <tessera/compiler.h>
#include <tessera/percpu.h>
#include <tessera/sched.h>
#include <tessera/spinlock.h>
#include <interfaces/arch.h>
#include <interfaces/lockdep.h>
#include <interfaces/spinlock.h>
#include <asm/cpu.h>

#define _RET_IP_ ((unsigned long)__builtin_return_address(0))

void __spin_lock_init(spinlock_t *lock, const char *name, struct lock_class_key *key)
{
	lock->locked = 0;
#ifdef CONFIG_DEBUG_LOCKDEP
	lock->owner = NULL;
	lock->owner_site = NULL;
	lockdep_init_map(&lock->dep_map, name, key, LD_SPIN);
#else
	(void)name, (void)key;
#endif
}

static inline bool arch_spin_trylock(spinlock_t *lock)
{
	return __atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE) == 0;
}

static inline void do_spin_lock(spinlock_t *lock, const struct lock_site *site, unsigned long ip)
{
#ifdef CONFIG_DEBUG_LOCKDEP
	lock_acquire(&lock->dep_map, site, ip);
#else
	(void)site, (void)ip;
#endif
	while (!arch_spin_trylock(lock)) {
		while (lock->locked)
			cpu_relax();
	}
#ifdef CONFIG_DEBUG_LOCKDEP
	lock->owner = current;
	lock->owner_site = site;
#endif
}

static inline void do_spin_unlock(spinlock_t *lock, const struct lock_site *site, unsigned long ip)
{
#ifdef CONFIG_DEBUG_LOCKDEP
	lock_release(&lock->dep_map, site, ip);
	lock->owner = NULL;
	lock->owner_site = NULL;
#else
	(void)site, (void)ip;
#endif
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
}

void _raw_spin_lock(spinlock_t *lock, const struct lock_site *site)
{
	preempt_disable();
	do_spin_lock(lock, site, _RET_IP_);
}

int _raw_spin_trylock(spinlock_t *lock, const struct lock_site *site)
{
	preempt_disable();
	if (!arch_spin_trylock(lock)) {
		preempt_enable();
		return 0;
	}
#ifdef CONFIG_DEBUG_LOCKDEP
	lock_acquire(&lock->dep_map, site, _RET_IP_);
	lock->owner = current;
	lock->owner_site = site;
#else
	(void)site;
#endif
	return 1;
}

void _raw_spin_unlock(spinlock_t *lock, const struct lock_site *site)
{
	do_spin_unlock(lock, site, _RET_IP_);
	preempt_enable();
}

/*
 * Interrupts first, then preemption, then the lock; undone in reverse.
 * Each level returns what it found, so nested irqsave sections restore
 * correctly whatever their depth.
 */
unsigned long _raw_spin_lock_irqsave(spinlock_t *lock, const struct lock_site *site)
{
	unsigned long flags = arch_irq_save();

	preempt_disable();
	do_spin_lock(lock, site, _RET_IP_);
	return flags;
}

void _raw_spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags,
				 const struct lock_site *site)
{
	do_spin_unlock(lock, site, _RET_IP_);
	preempt_enable();
	arch_irq_restore(flags);
}

bool spin_is_locked(spinlock_t *lock)
{
	return lock->locked != 0;
}

void lockdep_might_sleep(const struct lock_site *site, unsigned long ip);

/*
 * Called where a task may sleep (mutex_lock, wait_event, ...): with lock
 * debugging, a held spinlock is reported with both sites.
 */
void __might_sleep(const struct lock_site *site)
{
#ifdef CONFIG_DEBUG_LOCKDEP
	lockdep_might_sleep(site, _RET_IP_);
#else
	(void)site;
#endif
}
