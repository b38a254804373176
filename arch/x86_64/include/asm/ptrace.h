/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The register frame entry.S builds on the stack for a trap; field order is
 * the reverse of the push order there, so the two must change together.
 */
#ifndef _ASM_X86_64_PTRACE_H
#define _ASM_X86_64_PTRACE_H

#include <tessera/types.h>

struct pt_regs {
	u64 r15, r14, r13, r12, r11, r10, r9, r8;
	u64 rbp, rdi, rsi, rdx, rcx, rbx, rax;
	u64 vector;
	u64 error_code;     /* 0 for the vectors where the CPU pushes none */
	/* Pushed by the CPU. */
	u64 rip, cs, rflags, rsp, ss;
};

#endif
