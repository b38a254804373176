/* SPDX-License-Identifier: Apache-2.0 */
/*
 * x86_64 per-CPU base: the GS base MSR holds the address of this CPU's
 * struct percpu_data (include/tessera/percpu.h), so %gs:0 is the struct's
 * own address and %gs:8 the current task. Nothing in the kernel loads a
 * %gs selector (which would reset the base), and there is no user mode yet
 * to need swapgs.
 */
#ifndef _ASM_X86_64_PERCPU_H
#define _ASM_X86_64_PERCPU_H

#include <asm/cpu.h>

#define MSR_GS_BASE 0xc0000101U

struct percpu_data;
struct task_struct;

static inline void arch_set_percpu_base(struct percpu_data *base)
{
	wrmsr(MSR_GS_BASE, (unsigned long)base);
}

static inline struct percpu_data *arch_this_cpu(void)
{
	struct percpu_data *self;

	__asm__("movq %%gs:0, %0" : "=r"(self));
	return self;
}

static inline struct task_struct *arch_get_current(void)
{
	struct task_struct *task;

	/* volatile + memory: current changes under us across a context switch. */
	__asm__ __volatile__("movq %%gs:8, %0" : "=r"(task) : : "memory");
	return task;
}

#endif
