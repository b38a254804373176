/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Kernel context switch (asm/processor.h). Only the callee-saved registers
 * need saving: the caller (schedule) has saved the rest per the ABI. The
 * section is the function's own, so that a product without threads drops
 * it (--gc-sections).
 *
 *   void __switch_to_asm(struct thread_struct *prev, struct thread_struct *next)
 */
	.section .text.__switch_to_asm, "ax"
	.p2align 4
	.globl __switch_to_asm
	.type __switch_to_asm, @function
__switch_to_asm:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, 0(%rdi)      /* prev->sp */
	movq 0(%rsi), %rsp      /* next->sp */
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret
	.size __switch_to_asm, . - __switch_to_asm

/*
 * A new thread's first "return" from __switch_to_asm lands here:
 * entry(arg) from %r12/%r13 (arch_thread_init). entry never returns.
 */
	.section .text.ret_from_kthread, "ax"
	.p2align 4
	.globl ret_from_kthread
	.type ret_from_kthread, @function
ret_from_kthread:
	movq %r13, %rdi
	call *%r12
	ud2
	.size ret_from_kthread, . - ret_from_kthread

	.section .note.GNU-stack, "", @progbits
