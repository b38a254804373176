/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The arch part of a kernel thread: what a context switch saves in the
 * task (thread_struct: ra, sp and the callee-saved s0-s11), how a new
 * thread starts (ret_from_kthread, switch_to.S), and the idle instruction.
 * tp is per CPU, not per task (asm/percpu.h): not switched.
 */
#ifndef ASM_PROCESSOR_H
#define ASM_PROCESSOR_H

struct thread_struct {
	unsigned long ra;
	unsigned long sp;
	unsigned long s[12];    /* s0..s11 */
};

void __switch_to_asm(struct thread_struct *prev, struct thread_struct *next);
void ret_from_kthread(void);

/* Switching to @thread calls entry(arg) (from s1, s2) on the stack ending at @stack_top. */
static inline void arch_thread_init(struct thread_struct *thread, unsigned long stack_top,
				    void (*entry)(void *), void *arg)
{
	unsigned int i;

	for (i = 0; i < 12; i++)
		thread->s[i] = 0;       /* s0 = 0 ends backtraces */
	thread->ra = (unsigned long)ret_from_kthread;
	thread->sp = stack_top & ~15UL;
	thread->s[1] = (unsigned long)entry;
	thread->s[2] = (unsigned long)arg;
}

/* Interrupts on, wait for one, off again. */
static inline void arch_cpu_idle(void)
{
	__asm__ __volatile__("csrsi sstatus, 2\n\twfi\n\tcsrci sstatus, 2" : : : "memory");
}

#endif
