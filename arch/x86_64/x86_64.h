/* SPDX-License-Identifier: Apache-2.0 */
/* What the x86_64 files share with each other (not with other components). */
#ifndef X86_64_X86_64_H
#define X86_64_X86_64_H

/* The TSS (setup.c): sp0 is the kernel stack of an entry from user mode. */
#define X86_TSS_SP0_OFFSET 4
#define X86_TSS_SP2_OFFSET 20

#ifndef __ASSEMBLER__
#include <tessera/types.h>

struct pt_regs;

/* Remap the legacy 8259 PICs to ISA_IRQ_VECTOR_PIC and mask every line. */
void x86_64_i8259_init(void);
void x86_64_do_trap(struct pt_regs *regs);

struct tss_struct;
extern struct tss_struct x86_64_tss;
static inline void x86_64_set_sp0(unsigned long sp0)
{
	*(unsigned long *)((char *)&x86_64_tss + X86_TSS_SP0_OFFSET) = sp0;
}
static inline unsigned long x86_64_get_sp0(void)
{
	return *(unsigned long *)((char *)&x86_64_tss + X86_TSS_SP0_OFFSET);
}

/* user.c: the syscall MSRs, SMEP and SMAP (from arch_setup). */
void x86_64_user_setup(void);
/* SMAP is on: uaccess brackets user accesses with stac/clac. */
extern bool x86_64_smap;
void x86_64_do_syscall(struct pt_regs *regs);
void x86_64_fpu_clean(void);
/* traps.c: a user-mode trap nobody handles (no `process`): a test may take it. */
extern void (*x86_64_user_trap_hook)(struct pt_regs *regs);
/* The exception table (uaccess): the fixup of a faulting instruction, or 0. */
unsigned long x86_64_search_extable(unsigned long ip);
#endif

#endif
