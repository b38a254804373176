/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The instructions that touch user memory (uaccess.c), each listed in the
 * exception table (__ex_table: pairs of the faulting instruction's address
 * and where to resume). A fault there that the page-fault handler cannot
 * resolve resumes at the fixup, which returns what was not done. The
 * callers check the range and lift SMAP (stac/clac) around the call.
 *
 *   unsigned long x86_64_copy_user(void *to, const void *from, unsigned long n)
 *   unsigned long x86_64_clear_user(void *to, unsigned long n)
 *       -> bytes NOT copied/cleared (0: all)
 *   long x86_64_get_user_byte(const u8 *src)   -> the byte, or -1 on a fault
 */
	.section .text.x86_64_copy_user, "ax"
	.p2align 4
	.globl x86_64_copy_user
	.type x86_64_copy_user, @function
x86_64_copy_user:
	movq %rdx, %rcx
1:	rep movsb               /* a fault leaves %rcx = what remains */
	xorl %eax, %eax
	ret
2:	movq %rcx, %rax
	ret
	.size x86_64_copy_user, . - x86_64_copy_user
	.pushsection __ex_table, "a"
	.balign 8
	.quad 1b, 2b
	.popsection

	.section .text.x86_64_clear_user, "ax"
	.p2align 4
	.globl x86_64_clear_user
	.type x86_64_clear_user, @function
x86_64_clear_user:
	movq %rsi, %rcx
	xorl %eax, %eax
1:	rep stosb
	ret                     /* %rax is 0 */
2:	movq %rcx, %rax
	ret
	.size x86_64_clear_user, . - x86_64_clear_user
	.pushsection __ex_table, "a"
	.balign 8
	.quad 1b, 2b
	.popsection

	.section .text.x86_64_get_user_byte, "ax"
	.p2align 4
	.globl x86_64_get_user_byte
	.type x86_64_get_user_byte, @function
x86_64_get_user_byte:
1:	movzbl (%rdi), %eax
	ret
2:	movq $-1, %rax
	ret
	.size x86_64_get_user_byte, . - x86_64_get_user_byte
	.pushsection __ex_table, "a"
	.balign 8
	.quad 1b, 2b
	.popsection

	.section .note.GNU-stack, "", @progbits
