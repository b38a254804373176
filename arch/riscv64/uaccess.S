/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The instructions that touch user memory (interface `uaccess`; the C
 * wrappers, with the range checks, are uaccess.c). Each runs with
 * sstatus.SUM set (supervisor access to U pages) and clears it again on
 * every way out; nothing else in the kernel ever sets it, and the trap
 * entry clears it for whatever an interrupt runs meanwhile (entry.S).
 *
 * Every load and store of user memory is listed in the exception table
 * (__ex_table: pairs of instruction address, fixup address, kernel.ld
 * collects them): a fault there first goes to the mm like a user fault
 * (demand paging, COW), and when that fails do_trap() resumes at the fixup,
 * which returns what is left. Word copies are used only when both
 * pointers are 8-byte aligned, so a word never straddles a page and the
 * count left over is exact.
 */
#include <asm/csr.h>

.macro EX insn, fixup
	.pushsection __ex_table, "a"
	.balign 8
	.dword \insn, \fixup
	.popsection
.endm

	.section .text.riscv64_uaccess, "ax"
	.balign 4

/* unsigned long riscv64_copy_user(void *dst, const void *src, unsigned long n):
 * the bytes NOT copied (0: all). Either side may be the user's. */
	.globl riscv64_copy_user
	.type riscv64_copy_user, @function
riscv64_copy_user:
	li	t6, SR_SUM
	csrs	sstatus, t6
	or	t0, a0, a1
	andi	t0, t0, 7
	bnez	t0, .Lcopy_bytes
	li	t1, 8
.Lcopy_words:
	bltu	a2, t1, .Lcopy_bytes
10:	ld	t2, 0(a1)
	EX	10b, .Luaccess_fixup
11:	sd	t2, 0(a0)
	EX	11b, .Luaccess_fixup
	addi	a0, a0, 8
	addi	a1, a1, 8
	addi	a2, a2, -8
	j	.Lcopy_words
.Lcopy_bytes:
	beqz	a2, .Luaccess_done
12:	lbu	t2, 0(a1)
	EX	12b, .Luaccess_fixup
13:	sb	t2, 0(a0)
	EX	13b, .Luaccess_fixup
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	a2, a2, -1
	j	.Lcopy_bytes
/* Both ways out: SUM off, a2 (what is left) returned. */
.Luaccess_fixup:
.Luaccess_done:
	csrc	sstatus, t6
	mv	a0, a2
	ret
	.size riscv64_copy_user, . - riscv64_copy_user

/* unsigned long riscv64_clear_user(void *dst, unsigned long n): bytes NOT cleared. */
	.globl riscv64_clear_user
	.type riscv64_clear_user, @function
riscv64_clear_user:
	mv	a2, a1
	li	t6, SR_SUM
	csrs	sstatus, t6
	andi	t0, a0, 7
	bnez	t0, .Lclear_bytes
	li	t1, 8
.Lclear_words:
	bltu	a2, t1, .Lclear_bytes
20:	sd	zero, 0(a0)
	EX	20b, .Luaccess_fixup
	addi	a0, a0, 8
	addi	a2, a2, -8
	j	.Lclear_words
.Lclear_bytes:
	beqz	a2, .Luaccess_done
21:	sb	zero, 0(a0)
	EX	21b, .Luaccess_fixup
	addi	a0, a0, 1
	addi	a2, a2, -1
	j	.Lclear_bytes
	.size riscv64_clear_user, . - riscv64_clear_user

/*
 * long riscv64_strncpy_user(char *dst, const char *src, long count): the
 * length copied without the NUL (the NUL copied too), count when none was
 * found within count bytes, -1 on a fault.
 */
	.globl riscv64_strncpy_user
	.type riscv64_strncpy_user, @function
riscv64_strncpy_user:
	li	t6, SR_SUM
	csrs	sstatus, t6
	li	t0, 0
1:	bge	t0, a2, 2f
30:	lbu	t1, 0(a1)
	EX	30b, .Lstr_fault
	sb	t1, 0(a0)
	beqz	t1, 2f
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	t0, t0, 1
	j	1b
2:	csrc	sstatus, t6
	mv	a0, t0
	ret
.Lstr_fault:
	csrc	sstatus, t6
	li	a0, -1
	ret
	.size riscv64_strncpy_user, . - riscv64_strncpy_user

/*
 * long riscv64_strnlen_user(const char *src, long n): the length with the
 * NUL, n + 1 when there is none within n bytes, -1 on a fault.
 */
	.globl riscv64_strnlen_user
	.type riscv64_strnlen_user, @function
riscv64_strnlen_user:
	li	t6, SR_SUM
	csrs	sstatus, t6
	li	t0, 0
1:	bge	t0, a1, 3f
40:	lbu	t1, 0(a0)
	EX	40b, .Lstr_fault
	addi	a0, a0, 1
	addi	t0, t0, 1
	bnez	t1, 1b
	j	2f
3:	addi	t0, a1, 1
2:	csrc	sstatus, t6
	mv	a0, t0
	ret
	.size riscv64_strnlen_user, . - riscv64_strnlen_user
