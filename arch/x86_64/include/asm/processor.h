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
	/*
	 * The unmapped page below the task's stack (0: none). The #DF handler
	 * (traps.c) reads the current task's to name a stack overflow; the
	 * thread_struct is the first member of task_struct, so the arch needs
	 * only the per-CPU current pointer to find it.
	 */
	unsigned long stack_guard;
	/*
	 * The top of the task's kernel stack (0: the boot task's, never left
	 * for user mode): the TSS's rsp0 and the syscall entry's stack while
	 * the task runs, with its user registers (struct pt_regs) right below.
	 * __switch_to_asm loads it; offsets are switch_to.S's.
	 */
	unsigned long sp0;
	unsigned long fsbase;   /* user %fs base (arch_prctl): MSR_FS_BASE */
	unsigned long gsbase;   /* user %gs base: MSR_KERNEL_GS_BASE in the kernel */
};

#define THREAD_SP0_OFFSET    16
#define THREAD_FSBASE_OFFSET 24
#define THREAD_GSBASE_OFFSET 32

/*
 * The top of every task's kernel stack (sp0 down): its user registers
 * (struct pt_regs, PT_REGS_SIZE), then its user FPU/SSE state (the
 * fxsave area, FXSTATE_SIZE, 16-byte aligned), which __switch_to_asm
 * saves and restores (the kernel itself never touches those registers:
 * -mgeneral-regs-only). The thread's frames start below.
 */
#define PT_REGS_SIZE  176       /* sizeof(struct pt_regs), asm/ptrace.h */
#define FXSTATE_SIZE  512
#define STACK_TOP_RESERVED (PT_REGS_SIZE + FXSTATE_SIZE)

/* The fxsave area of the task whose stack top is @sp0. */
static inline void *thread_fxstate(unsigned long sp0)
{
	return (void *)(sp0 - STACK_TOP_RESERVED);
}

/* A clean FPU state: x87 control word 0x37f, MXCSR 0x1f80 (all masked). */
static inline void fxstate_init(void *area)
{
	__builtin_memset(area, 0, FXSTATE_SIZE);
	*(unsigned short *)area = 0x37f;
	*(unsigned int *)((char *)area + 24) = 0x1f80;
}

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
 * ending at @stack_top (guard page @stack_guard, 0 if none):
 * ret_from_kthread finds entry in %r12, arg in %r13.
 */
static inline void arch_thread_init(struct thread_struct *thread, unsigned long stack_top,
				    unsigned long stack_guard, void (*entry)(void *), void *arg)
{
	/*
	 * The entry is "called" by ret_from_kthread: %rsp must be 16-byte
	 * aligned at that call (so %rsp + 8 is, at the entry), i.e. right
	 * after __switch_to_asm's ret pops the frame: the frame ends on a
	 * 16-byte boundary. (It ended 8 below one: every kthread ran
	 * misaligned, and fxrstor64 on an aligned local in start_thread
	 * faulted once a kthread exec'd.) Above the frame, room for the user
	 * registers (a kernel thread that execs writes them while it runs:
	 * they must not be its frames).
	 */
	struct inactive_task_frame *frame =
		(struct inactive_task_frame *)(((stack_top & ~15UL) - STACK_TOP_RESERVED) -
					       sizeof(*frame));

	frame->r15 = frame->r14 = frame->rbx = 0;
	frame->rbp = 0;                 /* ends backtraces */
	frame->r12 = (unsigned long)entry;
	frame->r13 = (unsigned long)arg;
	frame->ret_addr = (unsigned long)ret_from_kthread;
	thread->sp = (unsigned long)frame;
	thread->stack_guard = stack_guard;
	thread->sp0 = stack_top & ~15UL;
	fxstate_init(thread_fxstate(thread->sp0));
	thread->fsbase = 0;
	thread->gsbase = 0;
}

/* Interrupts on, halt until one arrives; the sti shadow makes the pair atomic. */
static inline void arch_cpu_idle(void)
{
	__asm__ __volatile__("sti; hlt; cli" : : : "memory");
}

#endif
