/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Kernel context switch (asm/processor.h). Only the callee-saved registers
 * need saving: the caller (schedule) has saved the rest per the ABI. The
 * section is the function's own, so that a product without threads drops
 * it (--gc-sections).
 *
 *   void __switch_to_asm(struct thread_struct *prev, struct thread_struct *next)
 */
#include "x86_64.h"

	.section .text.__switch_to_asm, "ax"
	.p2align 4
	.globl __switch_to_asm
	.type __switch_to_asm, @function
__switch_to_asm:
	/* prev's user FPU/SSE state, below its pt_regs (asm/processor.h) */
	movq 16(%rdi), %rax
	testq %rax, %rax
	jz 0f
	fxsave64 -(176 + 512)(%rax)
0:	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, 0(%rdi)      /* prev->sp */
	movq 0(%rsi), %rsp      /* next->sp */
	/*
	 * next's entries from user mode land on its stack: TSS sp0 =
	 * next->sp0 (offsets: THREAD_*_OFFSET of asm/processor.h, checked in
	 * user.c). The boot task has none (0) and never leaves the kernel.
	 */
	movq 16(%rsi), %rax
	testq %rax, %rax
	jz 1f
	movq %rax, x86_64_tss + X86_TSS_SP0_OFFSET(%rip)
	fxrstor64 -(176 + 512)(%rax)
1:	/* User %fs and %gs bases, only when they differ (wrmsr is slow). */
	movq 24(%rsi), %rax
	cmpq 24(%rdi), %rax
	je 2f
	movq %rax, %rdx
	shrq $32, %rdx
	movl $0xc0000100, %ecx  /* MSR_FS_BASE */
	wrmsr
2:	movq 32(%rsi), %rax
	cmpq 32(%rdi), %rax
	je 3f
	movq %rax, %rdx
	shrq $32, %rdx
	movl $0xc0000102, %ecx  /* MSR_KERNEL_GS_BASE: the user's while in the kernel */
	wrmsr
3:
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
