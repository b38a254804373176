/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Per-CPU data: one struct percpu_data per CPU, reached through a register
 * the architecture dedicates to it (asm/percpu.h: the GS base on x86_64,
 * tp on riscv64), so `current` and the preemption count are one load away
 * and stay right when SMP comes. Today there is one CPU; the `percpu`
 * component owns the areas and points the boot CPU's register at its own
 * during its initcall. Before that the architecture's first line of C
 * points the register at a static early area (Linux's initial_gs, or tp
 * in riscv's head.S), because printk and the allocators take spinlocks,
 * which count preemption there, from the first line printed; percpu_init()
 * carries that area's state over. current is NULL until the scheduler
 * adopts the boot context.
 *
 * Layout: `self` first and `current_task` second are fixed (the arch
 * headers read them at offsets 0 and 8); the rest may grow.
 */
#ifndef TESSERA_PERCPU_H
#define TESSERA_PERCPU_H

#include <tessera/compiler.h>
#include <tessera/types.h>

#define NR_CPUS 1

struct task_struct;

struct percpu_data {
	struct percpu_data *self;           /* offset 0 */
	struct task_struct *current_task;   /* offset 8 */
	int preempt_count;                  /* > 0: no preemption (locks held, in schedule) */
	int need_resched;                   /* set by the tick or a wake-up; checked on irq exit */
	unsigned int cpu;
	void *sched_rq;                     /* this CPU's run queue (components/sched/sched) */
	struct task_struct *idle_task;
	/*
	 * The arch's user-mode entry (riscv64 entry.S): the top of the
	 * current task's kernel stack, where an entry from user mode builds
	 * its pt_regs (set on every return to user mode), and a slot for the
	 * user sp while the entry switches stacks.
	 */
	unsigned long top_of_stack;         /* offset 48 */
	unsigned long user_sp_scratch;      /* offset 56 */
};

#define PERCPU_OFFSET_SELF    0
#define PERCPU_OFFSET_CURRENT 8
#define PERCPU_OFFSET_TOP_OF_STACK    48
#define PERCPU_OFFSET_USER_SP_SCRATCH 56

#include <asm/percpu.h>

/* This CPU's data: valid after the percpu initcall. */
static inline struct percpu_data *this_cpu(void)
{
	return arch_this_cpu();
}

/* NULL before the scheduler adopts the boot context as its first task. */
static inline struct task_struct *get_current(void)
{
	return arch_get_current();
}
#define current get_current()

static inline int preempt_count(void)
{
	return *(volatile int *)&this_cpu()->preempt_count;
}

static inline void preempt_count_add(int n)
{
	this_cpu()->preempt_count += n;
	barrier();
}

static inline void preempt_count_sub(int n)
{
	barrier();
	this_cpu()->preempt_count -= n;
}

/*
 * No preemption point: the tick sets need_resched and the interrupt-return
 * path (preempt_schedule_irq) or the next cond_resched() acts on it. The
 * lock component cannot call schedule() (the scheduler depends on it).
 */
#define preempt_disable()            preempt_count_add(1)
#define preempt_enable_no_resched()  preempt_count_sub(1)
#define preempt_enable()             preempt_count_sub(1)

static inline bool need_resched(void)
{
	return *(volatile int *)&this_cpu()->need_resched;
}

#endif
