/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Spinlocks in one context: the lock word, preemption counting, nested
 * irqsave sections restoring exactly the state they found, trylock.
 * (Contention between threads is the sched component's mutex test; the
 * lock-debugging reports are the <arch>-lockdep products' boot tests.)
 */
#include <tessera/spinlock.h>
#include <interfaces/arch.h>
#include <interfaces/ktest.h>
#include <interfaces/percpu.h>
#include <interfaces/spinlock.h>
#include <asm/irqflags.h>

static DEFINE_SPINLOCK(static_lock);

static void lock_unlock(struct ktest *t)
{
	spinlock_t lock;
	int before = preempt_count();

	spin_lock_init(&lock);
	KTEST_EXPECT(t, !spin_is_locked(&lock));
	spin_lock(&lock);
	KTEST_EXPECT(t, spin_is_locked(&lock));
	KTEST_EXPECT_EQ(t, preempt_count(), before + 1);
	KTEST_EXPECT_EQ(t, spin_trylock(&lock), 0);
	KTEST_EXPECT_EQ(t, preempt_count(), before + 1);
	spin_unlock(&lock);
	KTEST_EXPECT(t, !spin_is_locked(&lock));
	KTEST_EXPECT_EQ(t, preempt_count(), before);
	KTEST_EXPECT_EQ(t, spin_trylock(&lock), 1);
	spin_unlock(&lock);
}

/* Each level restores what it found: the outermost restore gives back the caller's state. */
static void irqsave_nests(struct ktest *t)
{
	spinlock_t inner;
	unsigned long outer_flags, inner_flags, mid, probe;
	unsigned long start = arch_irq_save();

	arch_irq_restore(start);
	spin_lock_init(&inner);
	spin_lock_irqsave(&static_lock, outer_flags);
	spin_lock_irqsave(&inner, inner_flags);
	/* Inside, interrupts are off: saving again reports "off". */
	mid = arch_irq_save();
	arch_irq_restore(mid);
	spin_unlock_irqrestore(&inner, inner_flags);
	probe = arch_irq_save();
	arch_irq_restore(probe);
	KTEST_EXPECT(t, arch_irqs_disabled_flags(mid));
	KTEST_EXPECT(t, arch_irqs_disabled_flags(probe));   /* still off after the inner restore */
	spin_unlock_irqrestore(&static_lock, outer_flags);
	probe = arch_irq_save();
	arch_irq_restore(probe);
	/* Back to the caller's state, whichever it was. */
	KTEST_EXPECT_EQ(t, arch_irqs_disabled_flags(probe), arch_irqs_disabled_flags(start));
	KTEST_EXPECT_EQ(t, arch_irqs_disabled_flags(outer_flags), arch_irqs_disabled_flags(start));
}

static void percpu_base(struct ktest *t)
{
	KTEST_EXPECT(t, this_cpu() == per_cpu_data(0));
	KTEST_EXPECT_EQ(t, this_cpu()->cpu, 0);
	KTEST_EXPECT_EQ(t, nr_cpu_ids(), 1);
}

KTEST_SUITE(spinlock, KTEST_CASE(lock_unlock), KTEST_CASE(irqsave_nests),
	    KTEST_CASE(percpu_base));
