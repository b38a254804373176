/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Kernel context switch (asm/processor.h): ra, sp and s0-s11 into prev's
 * thread_struct, next's loaded, return to next's ra. Own sections so that a
 * product without threads drops them (--gc-sections).
 *
 *   void __switch_to_asm(struct thread_struct *prev, struct thread_struct *next)
 */
	.section .text.__switch_to_asm, "ax"
	.balign 4
	.globl __switch_to_asm
	.type __switch_to_asm, @function
__switch_to_asm:
	sd ra, 0(a0)
	sd sp, 8(a0)
	sd s0, 16(a0)
	sd s1, 24(a0)
	sd s2, 32(a0)
	sd s3, 40(a0)
	sd s4, 48(a0)
	sd s5, 56(a0)
	sd s6, 64(a0)
	sd s7, 72(a0)
	sd s8, 80(a0)
	sd s9, 88(a0)
	sd s10, 96(a0)
	sd s11, 104(a0)
	ld ra, 0(a1)
	ld sp, 8(a1)
	ld s0, 16(a1)
	ld s1, 24(a1)
	ld s2, 32(a1)
	ld s3, 40(a1)
	ld s4, 48(a1)
	ld s5, 56(a1)
	ld s6, 64(a1)
	ld s7, 72(a1)
	ld s8, 80(a1)
	ld s9, 88(a1)
	ld s10, 96(a1)
	ld s11, 104(a1)
	ret
	.size __switch_to_asm, . - __switch_to_asm

/* A new thread starts here: entry(arg) from s1/s2 (arch_thread_init); never returns. */
	.section .text.ret_from_kthread, "ax"
	.balign 4
	.globl ret_from_kthread
	.type ret_from_kthread, @function
ret_from_kthread:
	mv a0, s2
	jalr s1
	unimp
	.size ret_from_kthread, . - ret_from_kthread
