/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The arch part of a kernel thread: what a context switch saves in the
 * task (thread_struct: ra, sp and the callee-saved s0-s11), how a new
 * thread starts (ret_from_kthread, switch_to.S), and the idle instruction.
 * stack_guard is the unmapped page below the task's stack (0: none): the
 * switch saves riscv64_stack_guard into prev's and loads next's, so the
 * trap entry's overflow check (entry.S) always looks at the running
 * task's guard.
 * tp is per CPU, not per task (asm/percpu.h): not switched.
 */
#ifndef ASM_PROCESSOR_H
#define ASM_PROCESSOR_H

struct thread_struct {
	unsigned long ra;
	unsigned long sp;
	unsigned long s[12];    /* s0..s11 */
	unsigned long stack_guard;      /* offset 112, switch_to.S */
	/*
	 * User floating-point state (F and D: f0-f31, fcsr), switched by
	 * __switch_to_asm for a task with fp_used (exec's start_thread sets
	 * it; the kernel itself never uses FP registers, so they hold the
	 * running task's values whatever the kernel does meanwhile).
	 */
	unsigned long fp_used;          /* offset 120 */
	unsigned long fstate[32];       /* offset 128 */
	unsigned long fcsr;             /* offset 384 */
	/* The top of the task's kernel stack: current_pt_regs() is below it. */
	unsigned long stack_top;
};

_Static_assert(__builtin_offsetof(struct thread_struct, stack_guard) == 112,
	       "switch_to.S stores stack_guard at 112");
_Static_assert(__builtin_offsetof(struct thread_struct, fp_used) == 120, "switch_to.S");
_Static_assert(__builtin_offsetof(struct thread_struct, fstate) == 128, "switch_to.S");
_Static_assert(__builtin_offsetof(struct thread_struct, fcsr) == 384, "switch_to.S");

/* The user registers' frame, at the top of every task's stack (asm/ptrace.h). */
#define RISCV64_PT_REGS_SIZE 288

void __switch_to_asm(struct thread_struct *prev, struct thread_struct *next);
void ret_from_kthread(void);
void ret_from_fork(void);
/* The FP registers into / from @thread's fstate (switch_to.S). */
void riscv64_fp_save(struct thread_struct *thread);
void riscv64_fp_load(const struct thread_struct *thread);

/*
 * Switching to @thread calls entry(arg) (from s1, s2) on the stack ending at
 * @stack_top, whose guard page is @stack_guard (0: none). The top
 * RISCV64_PT_REGS_SIZE bytes are left for the user registers, as Linux
 * leaves them on every task's stack: current_pt_regs().
 */
static inline void arch_thread_init(struct thread_struct *thread, unsigned long stack_top,
				    unsigned long stack_guard, void (*entry)(void *), void *arg)
{
	unsigned int i;

	for (i = 0; i < 12; i++)
		thread->s[i] = 0;       /* s0 = 0 ends backtraces */
	thread->ra = (unsigned long)ret_from_kthread;
	thread->stack_top = stack_top & ~15UL;
	thread->sp = thread->stack_top - RISCV64_PT_REGS_SIZE;
	thread->fp_used = 0;
	thread->s[1] = (unsigned long)entry;
	thread->s[2] = (unsigned long)arg;
	thread->stack_guard = stack_guard;
}

/* Interrupts on, wait for one, off again. */
static inline void arch_cpu_idle(void)
{
	__asm__ __volatile__("csrsi sstatus, 2\n\twfi\n\tcsrci sstatus, 2" : : : "memory");
}

#endif
