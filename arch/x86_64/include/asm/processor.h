/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The arch part of a kernel thread: what a context switch saves in the
 * task (thread_struct), how a new thread's stack is laid out so that the
 * first switch to it "returns" into ret_from_kthread (switch_to.S), and
 * the idle instruction.
 */
#ifndef _ASM_X86_64_PROCESSOR_H
#define _ASM_X86_64_PROCESSOR_H

struct thread_struct {
	unsigned long sp;       /* kernel stack pointer while switched out */
};

/*
 * __switch_to_asm(prev, next) saves the callee-saved registers of prev on
 * its stack and its %rsp in prev->sp, then loads next's and returns on
 * next's stack. Defined in arch/x86_64/switch_to.S.
 */
void __switch_to_asm(struct thread_struct *prev, struct thread_struct *next);
void ret_from_kthread(void);

/* The frame __switch_to_asm pops: r15 r14 r13 r12 rbx rbp, then the return. */
struct inactive_task_frame {
	unsigned long r15, r14, r13, r12, rbx, rbp;
	unsigned long ret_addr;
};

/*
 * Prepare @thread so that switching to it calls entry(arg) on the stack
 * ending at @stack_top: ret_from_kthread finds entry in %r12, arg in %r13.
 */
static inline void arch_thread_init(struct thread_struct *thread, unsigned long stack_top,
				    void (*entry)(void *), void *arg)
{
	/* The entry is "called": %rsp + 8 must be 16-byte aligned there. */
	struct inactive_task_frame *frame =
		(struct inactive_task_frame *)((stack_top & ~15UL) - 8 - sizeof(*frame));

	frame->r15 = frame->r14 = frame->rbx = 0;
	frame->rbp = 0;                 /* ends backtraces */
	frame->r12 = (unsigned long)entry;
	frame->r13 = (unsigned long)arg;
	frame->ret_addr = (unsigned long)ret_from_kthread;
	thread->sp = (unsigned long)frame;
}

/* Interrupts on, halt until one arrives; the sti shadow makes the pair atomic. */
static inline void arch_cpu_idle(void)
{
	__asm__ __volatile__("sti; hlt; cli" : : : "memory");
}

#endif
