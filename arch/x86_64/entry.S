/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Trap entry for vectors 0-31. Each stub makes the stack look the same
 * whether or not the CPU pushed an error code, then the common path saves
 * the registers as a struct pt_regs (asm/ptrace.h) and calls
 * x86_64_do_trap(regs). x86_64_trap_stubs[] (the IDT's targets, used by
 * setup.c) is built alongside.
 */
#include <asm/segment.h>

	.section .rodata
	.p2align 3
	.globl x86_64_trap_stubs
x86_64_trap_stubs:

.macro TRAP_STUB vector:req, has_error_code:req
	.text
	.p2align 4
.Ltrap_stub_\vector:
	.if \has_error_code == 0
	pushq $0
	.endif
	pushq $\vector
	jmp x86_64_trap_common
	.section .rodata
	.quad .Ltrap_stub_\vector
.endm

	/* The error-code vectors are those the SDM lists (Vol. 3A, 6.13). */
	TRAP_STUB 0, 0
	TRAP_STUB 1, 0
	TRAP_STUB 2, 0
	TRAP_STUB 3, 0
	TRAP_STUB 4, 0
	TRAP_STUB 5, 0
	TRAP_STUB 6, 0
	TRAP_STUB 7, 0
	TRAP_STUB 8, 1
	TRAP_STUB 9, 0
	TRAP_STUB 10, 1
	TRAP_STUB 11, 1
	TRAP_STUB 12, 1
	TRAP_STUB 13, 1
	TRAP_STUB 14, 1
	TRAP_STUB 15, 0
	TRAP_STUB 16, 0
	TRAP_STUB 17, 1
	TRAP_STUB 18, 0
	TRAP_STUB 19, 0
	TRAP_STUB 20, 0
	TRAP_STUB 21, 1
	TRAP_STUB 22, 0
	TRAP_STUB 23, 0
	TRAP_STUB 24, 0
	TRAP_STUB 25, 0
	TRAP_STUB 26, 0
	TRAP_STUB 27, 0
	TRAP_STUB 28, 0
	TRAP_STUB 29, 1
	TRAP_STUB 30, 1
	TRAP_STUB 31, 0

	.text
	.p2align 4
x86_64_trap_common:
	/* Reverse order of struct pt_regs. */
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	cld

	/*
	 * 5 CPU words + error code + vector + 15 registers = 22 words, and
	 * the CPU aligned %rsp to 16 before pushing: the call is aligned.
	 */
	movq %rsp, %rdi
	call x86_64_do_trap

	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	addq $16, %rsp          /* vector and error code */
	iretq

	.section .note.GNU-stack, "", @progbits
