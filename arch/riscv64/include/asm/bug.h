/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What code that crashes on purpose (components/test/crashtest) needs to
 * know of riscv64, so that it carries no #if on the architecture.
 */
#ifndef _ASM_RISCV64_BUG_H
#define _ASM_RISCV64_BUG_H

/* An instruction that always raises an illegal-instruction exception. */
static inline __attribute__((__always_inline__)) void arch_illegal_instruction(void)
{
	__asm__ __volatile__("unimp");
}

/*
 * The frame record (saved s0 at fp - 16, ra at fp - 8) starts this many
 * bytes below __builtin_frame_address(0).
 */
#define FRAME_RECORD_BELOW_FP 16

#endif
