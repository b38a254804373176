/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The idle task: what the CPU runs when no task is runnable. It halts with
 * interrupts enabled until the next one (arch_cpu_idle: sti;hlt / wfi);
 * the interrupt's wake-up makes a task runnable and sets need_resched.
 * The queue is tested with interrupts off so that a wake-up between the
 * test and the halt cannot be missed (the halt re-enables them atomically).
 */
#include <tessera/sched.h>
#include <interfaces/arch.h>
#include <interfaces/sched.h>

#include "sched_internal.h"

int idle_thread(void *unused)
{
	struct sched_rq *rq = this_cpu()->sched_rq;

	(void)unused;
	for (;;) {
		unsigned long flags = arch_irq_save();

		if (!rq->nr_queued && !need_resched())
			arch_cpu_idle();
		arch_irq_restore(flags);
		if (rq->nr_queued)
			__schedule(false);
	}
	return 0;
}
