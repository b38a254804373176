/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The trap frame entry.S builds on the stack. Linux's riscv layout: slot 0
 * holds epc where x0 would be, so x<n> lives at offset n * 8 and the assembly
 * needs no table of offsets.
 */
#ifndef ASM_PTRACE_H
#define ASM_PTRACE_H

#define PT_REG(n)    ((n) * 8)
#define PT_EPC       0
#define PT_STATUS    256
#define PT_BADADDR   264
#define PT_CAUSE     272
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
	unsigned long pad;
};

_Static_assert(offsetof(struct pt_regs, status) == PT_STATUS, "pt_regs layout");
_Static_assert(offsetof(struct pt_regs, badaddr) == PT_BADADDR, "pt_regs layout");
_Static_assert(offsetof(struct pt_regs, cause) == PT_CAUSE, "pt_regs layout");
_Static_assert(sizeof(struct pt_regs) == PT_SIZE, "pt_regs layout");

#endif /* !__ASSEMBLER__ */
#endif
