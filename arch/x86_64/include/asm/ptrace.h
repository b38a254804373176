/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The register frame entry.S builds on the stack for a trap or a system
 * call; field order is the reverse of the push order there, so the two
 * must change together. An entry from user mode builds it at the top of
 * the task's kernel stack (current_pt_regs()).
 *
 * A system call's frame (syscall_64.S) says so in `vector`
 * (X86_VECTOR_SYSCALL, not a CPU vector) and keeps the number in
 * `orig_ax` (the slot of a trap's error code), as Linux keeps orig_ax:
 * rax is overwritten with the result, orig_ax stays for a restart.
 */
#ifndef _ASM_X86_64_PTRACE_H
#define _ASM_X86_64_PTRACE_H

/* pt_regs.vector of a system call's frame: beyond the 256 CPU vectors. */
#define X86_VECTOR_SYSCALL 0x200

#ifndef __ASSEMBLER__
#include <tessera/types.h>

struct pt_regs {
	u64 r15, r14, r13, r12, r11, r10, r9, r8;
	u64 rbp, rdi, rsi, rdx, rcx, rbx, rax;
	u64 vector;
	union {
		u64 error_code; /* a trap's: 0 for the vectors where the CPU pushes none */
		u64 orig_ax;    /* a system call's number */
	};
	/* Pushed by the CPU (built by the syscall entry likewise). */
	u64 rip, cs, rflags, rsp, ss;
};

#define user_mode(regs)              (((regs)->cs & 3) == 3)
#define instruction_pointer(regs)    ((regs)->rip)
#define instruction_pointer_set(regs, v) ((regs)->rip = (unsigned long)(v))
#define user_stack_pointer(regs)     ((regs)->rsp)
#define user_stack_pointer_set(regs, v) ((regs)->rsp = (unsigned long)(v))
#define regs_return_value(regs)      ((long)(regs)->rax)
#define regs_set_return_value(regs, v) ((regs)->rax = (unsigned long)(v))
/* The number of the system call this frame entered with, -1 if none. */
#define syscall_get_nr(regs)                                            \
	((regs)->vector == X86_VECTOR_SYSCALL ? (long)(regs)->orig_ax : -1L)
/* The i-th (0..5) argument register of a system call. */
static inline unsigned long syscall_get_arg(const struct pt_regs *regs, unsigned int i)
{
	switch (i) {
	case 0: return regs->rdi;
	case 1: return regs->rsi;
	case 2: return regs->rdx;
	case 3: return regs->r10;
	case 4: return regs->r8;
	default: return regs->r9;
	}
}
/* Make the return to user mode execute the same system call again. */
static inline void syscall_restart(struct pt_regs *regs)
{
	regs->rax = regs->orig_ax;
	regs->rip -= 2;                 /* the `syscall` instruction: 0f 05 */
}
/* Forget that the frame is a system call's: no restart (sigreturn). */
static inline void syscall_forget(struct pt_regs *regs)
{
	regs->vector = 0;
	regs->orig_ax = (u64)-1;
}
#endif

#endif
