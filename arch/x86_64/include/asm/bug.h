/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What code that crashes on purpose (components/test/crashtest) needs to
 * know of x86_64, so that it carries no #if on the architecture.
 */
#ifndef _ASM_X86_64_BUG_H
#define _ASM_X86_64_BUG_H

/* An instruction that always raises #UD (what Linux's BUG() uses). */
static inline __attribute__((__always_inline__)) void arch_illegal_instruction(void)
{
	__asm__ __volatile__("ud2");
}

/*
 * The frame record (saved %rbp, then the return address) starts this many
 * bytes below __builtin_frame_address(0): at 0(%rbp) itself.
 */
#define FRAME_RECORD_BELOW_FP 0

#endif
