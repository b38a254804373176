/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The trap frame entry.S builds on the stack. Linux's riscv layout: slot 0
 * holds epc where x0 would be, so x<n> lives at offset n * 8 and the assembly
 * needs no table of offsets. An entry from user mode builds it at the top
 * of the task's kernel stack (current_pt_regs()); a system call's frame
 * has cause 8 (ecall from U) and keeps its first argument in orig_a0,
 * since a0 is overwritten with the result (Linux's orig_a0, for a restart).
 */
#ifndef ASM_PTRACE_H
#define ASM_PTRACE_H

#define PT_REG(n)    ((n) * 8)
#define PT_EPC       0
#define PT_STATUS    256
#define PT_BADADDR   264
#define PT_CAUSE     272
#define PT_ORIG_A0   280
#define PT_SIZE      288     /* keeps sp 16-byte aligned, as the ABI wants */

#ifndef __ASSEMBLER__

#include <tessera/types.h>

struct pt_regs {
	unsigned long epc;
	unsigned long ra, sp, gp, tp;
	unsigned long t0, t1, t2;
	unsigned long s0, s1;
	unsigned long a0, a1, a2, a3, a4, a5, a6, a7;
	unsigned long s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
	unsigned long t3, t4, t5, t6;
	unsigned long status;
	unsigned long badaddr;
	unsigned long cause;
	unsigned long orig_a0;
};

_Static_assert(offsetof(struct pt_regs, status) == PT_STATUS, "pt_regs layout");
_Static_assert(offsetof(struct pt_regs, badaddr) == PT_BADADDR, "pt_regs layout");
_Static_assert(offsetof(struct pt_regs, cause) == PT_CAUSE, "pt_regs layout");
_Static_assert(offsetof(struct pt_regs, orig_a0) == PT_ORIG_A0, "pt_regs layout");
_Static_assert(sizeof(struct pt_regs) == PT_SIZE, "pt_regs layout");
_Static_assert(PT_SIZE == 288, "asm/processor.h: RISCV64_PT_REGS_SIZE");

#define RISCV_EXC_SYSCALL 8                     /* scause: ecall from U-mode */
#define RISCV_SR_SPP      0x100UL               /* sstatus.SPP: trapped from S */

#define user_mode(regs)              (!((regs)->status & RISCV_SR_SPP))
#define instruction_pointer(regs)    ((regs)->epc)
#define instruction_pointer_set(regs, v) ((regs)->epc = (unsigned long)(v))
#define user_stack_pointer(regs)     ((regs)->sp)
#define user_stack_pointer_set(regs, v) ((regs)->sp = (unsigned long)(v))
#define regs_return_value(regs)      ((long)(regs)->a0)
#define regs_set_return_value(regs, v) ((regs)->a0 = (unsigned long)(v))
/* The number of the system call this frame entered with, -1 if none. */
#define syscall_get_nr(regs)                                            \
	((regs)->cause == RISCV_EXC_SYSCALL ? (long)(regs)->a7 : -1L)
/* The i-th (0..5) argument register of a system call (a0: orig_a0). */
static inline unsigned long syscall_get_arg(const struct pt_regs *regs, unsigned int i)
{
	return i == 0 ? regs->orig_a0 : (&regs->a0)[i < 6 ? i : 5];
}
/* Make the return to user mode execute the same system call again. */
static inline void syscall_restart(struct pt_regs *regs)
{
	regs->a0 = regs->orig_a0;
	regs->epc -= 4;                 /* ecall: never compressed */
}
/* Forget that the frame is a system call's: no restart (sigreturn). */
static inline void syscall_forget(struct pt_regs *regs)
{
	regs->cause = ~0UL;
}

#endif /* !__ASSEMBLER__ */
#endif
