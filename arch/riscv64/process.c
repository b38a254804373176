/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The arch side of a process (interface `arch_process`): the user registers
 * at the top of each task's kernel stack, exec's fresh registers, fork's
 * child frame, the first return to user mode, and the system-call path
 * that entry.S reaches through do_trap() for an ecall from U-mode.
 *
 * Returning to user mode: sret with sstatus.SPP = 0 (user) and SPIE = 1
 * (interrupts on once there); SUM is never set in a user frame. Before the
 * registers come back, exit_to_user_mode_prepare() (the process core, when
 * the product has it) delivers signals and reschedules.
 */
#include <autoconf.h>
#include <tessera/arch_process.h>
#include <tessera/compiler.h>
#include <tessera/errno.h>
#include <tessera/sched.h>
#include <tessera/syscalls.h>
#include <asm/csr.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <interfaces/arch.h>
#include <interfaces/arch_process.h>
#include <interfaces/lib.h>

/* The process core's, when the product has it (weak: see traps.c). */
extern void exit_to_user_mode_prepare(struct pt_regs *regs) __attribute__((__weak__));
#include "riscv64.h"

#define SR_FS_INITIAL 0x2000UL

long (*riscv64_syscall_test_hook)(struct pt_regs *regs);

static unsigned long task_stack_top(const struct task_struct *t)
{
	if (t && t->thread.stack_top)
		return t->thread.stack_top;
	return (unsigned long)boot_stack_top;      /* the boot task's */
}

struct pt_regs *current_pt_regs(void)
{
	return (struct pt_regs *)task_stack_top(current) - 1;
}

/* exec: the user registers start from nothing but @pc and @sp. */
void start_thread(struct pt_regs *regs, unsigned long pc, unsigned long sp)
{
	struct task_struct *t = current;

	memset(regs, 0, sizeof(*regs));
	regs->epc = pc;
	regs->sp = sp;
	regs->status = SR_SPIE | SR_FS_INITIAL;       /* SPP = 0: user; no SUM */
	regs->cause = ~0UL;                            /* not a system call's frame */
	if (t) {
		memset(t->thread.fstate, 0, sizeof(t->thread.fstate));
		t->thread.fcsr = 0;
		t->thread.fp_used = 1;
		riscv64_fp_load(&t->thread);
	}
}

int copy_thread(struct task_struct *p, unsigned long clone_flags, unsigned long newsp,
		unsigned long tls)
{
	struct task_struct *parent = current;
	struct pt_regs *child = (struct pt_regs *)task_stack_top(p) - 1;

	*child = *current_pt_regs();
	child->a0 = 0;                                  /* fork returns 0 in the child */
	if (newsp)
		child->sp = newsp;
	if (clone_flags & CLONE_SETTLS)
		child->tp = tls;
	p->thread.fp_used = parent && parent->thread.fp_used;
	if (p->thread.fp_used) {
		riscv64_fp_save(&parent->thread);
		memcpy(p->thread.fstate, parent->thread.fstate, sizeof(p->thread.fstate));
		p->thread.fcsr = parent->thread.fcsr;
	}
	/* The first switch: ret_from_fork, which runs the scheduler's
	 * entry(arg) (s1, s2, as arch_thread_init left them) and returns to
	 * user mode through @child. */
	p->thread.ra = (unsigned long)ret_from_fork;
	p->thread.sp = (unsigned long)child;
	p->thread.s[0] = 0;
	return 0;
}

/*
 * The last C on every way out to user mode: signals and rescheduling
 * (the process core's exit_to_user_mode_prepare(), called with interrupts
 * on; it may sleep, fault on the user stack, or not return).
 */
static void prepare_exit_to_user(struct pt_regs *regs)
{
	if (exit_to_user_mode_prepare)
		exit_to_user_mode_prepare(regs);
}

/* ret_from_fork (switch_to.S): the frame to return to user mode with. */
struct pt_regs *riscv64_ret_from_fork_regs(void)
{
	struct pt_regs *regs = current_pt_regs();

	riscv64_arch_irq_enable();
	prepare_exit_to_user(regs);
	return regs;
}

_Noreturn void arch_return_to_user(void)
{
	struct pt_regs *regs = current_pt_regs();

	riscv64_arch_irq_enable();
	prepare_exit_to_user(regs);
	__asm__ __volatile__("mv sp, %0\n\tj riscv64_ret_from_exception" :: "r"(regs) : "memory");
	__builtin_unreachable();
}

/*
 * ecall from U-mode (scause 8): a7 the number, a0-a5 the arguments, the
 * result in a0; sepc still points at the ecall, so step over it first (a
 * restart steps back: syscall_restart()). Interrupts are on while the
 * call runs, as Linux has them.
 */
void riscv64_do_syscall(struct pt_regs *regs)
{
	long ret;

	regs->epc += 4;
	riscv64_arch_irq_enable();
	if (riscv64_syscall_test_hook)
		ret = riscv64_syscall_test_hook(regs);
	else
		ret = syscall_invoke(regs->a7, regs->orig_a0, regs->a1, regs->a2, regs->a3,
				     regs->a4, regs->a5);
	regs->a0 = (unsigned long)ret;
}

/* After every trap from user mode, with interrupts on (the entry turns
 * them off again right before the registers come back). */
void riscv64_exit_to_user(struct pt_regs *regs)
{
	riscv64_arch_irq_enable();
	prepare_exit_to_user(regs);
}
