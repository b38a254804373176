/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The trap vector (stvec, direct mode). There is no user mode yet, so every
 * trap comes from the kernel and the frame goes on the current stack,
 * unless that stack has overflowed.
 *
 * Overflow check (Linux's riscv entry does the same with VMAP_STACK): a
 * store through an sp that ran into the current stack's unmapped guard
 * page faults, and pushing the trap frame on that sp would fault again,
 * forever. So before touching memory the entry checks whether sp, minus
 * the frame about to be pushed, is in the guard page whose address
 * riscv64_stack_guard holds (the boot stack's; a context switch updates
 * it); if so it switches to the overflow stack and do_trap() reports
 * "kernel stack overflow". One scratch register is needed for the check:
 * t0 is parked in sscratch, which is 0 while in the kernel (when user mode
 * comes, sscratch holds the kernel tp while in user mode, as in Linux, and
 * this path runs after the kernel tp is back).
 */
#include <asm/memory.h>
#include "ptrace.h"

/* sp - guard below this (in units of 64 bytes, for sltiu's immediate) is an
 * overflow: within the guard page, or so close above it that the frame we
 * push would land in it. */
#define GUARD_CHECK_UNITS ((4096 + PT_SIZE + 16 + 63) / 64)

	.section .text
	.balign	4
	.globl	handle_exception
handle_exception:
	csrw	sscratch, t0
	lla	t0, riscv64_stack_guard
	ld	t0, 0(t0)
	sub	t0, sp, t0
	srli	t0, t0, 6
	sltiu	t0, t0, GUARD_CHECK_UNITS
	bnez	t0, .Lstack_overflow
	csrr	t0, sscratch
	csrw	sscratch, sp
	j	.Lsave_regs

.Lstack_overflow:
	csrr	t0, sscratch
	csrw	sscratch, sp
	lla	sp, riscv64_overflow_stack_top

.Lsave_regs:
	/* sscratch holds the interrupted sp until it is in the frame. */
	addi	sp, sp, -PT_SIZE
	sd	x1, PT_REG(1)(sp)
	sd	x3, PT_REG(3)(sp)
	sd	x4, PT_REG(4)(sp)
	sd	x5, PT_REG(5)(sp)
	sd	x6, PT_REG(6)(sp)
	sd	x7, PT_REG(7)(sp)
	sd	x8, PT_REG(8)(sp)
	sd	x9, PT_REG(9)(sp)
	sd	x10, PT_REG(10)(sp)
	sd	x11, PT_REG(11)(sp)
	sd	x12, PT_REG(12)(sp)
	sd	x13, PT_REG(13)(sp)
	sd	x14, PT_REG(14)(sp)
	sd	x15, PT_REG(15)(sp)
	sd	x16, PT_REG(16)(sp)
	sd	x17, PT_REG(17)(sp)
	sd	x18, PT_REG(18)(sp)
	sd	x19, PT_REG(19)(sp)
	sd	x20, PT_REG(20)(sp)
	sd	x21, PT_REG(21)(sp)
	sd	x22, PT_REG(22)(sp)
	sd	x23, PT_REG(23)(sp)
	sd	x24, PT_REG(24)(sp)
	sd	x25, PT_REG(25)(sp)
	sd	x26, PT_REG(26)(sp)
	sd	x27, PT_REG(27)(sp)
	sd	x28, PT_REG(28)(sp)
	sd	x29, PT_REG(29)(sp)
	sd	x30, PT_REG(30)(sp)
	sd	x31, PT_REG(31)(sp)

	csrrw	t0, sscratch, zero
	sd	t0, PT_REG(2)(sp)
	csrr	t0, sepc
	sd	t0, PT_EPC(sp)
	csrr	t0, sstatus
	sd	t0, PT_STATUS(sp)
	csrr	t0, stval
	sd	t0, PT_BADADDR(sp)
	csrr	t0, scause
	sd	t0, PT_CAUSE(sp)

	/*
	 * Give do_trap a frame record (ra at fp - 8, caller's fp at fp - 16)
	 * naming the interrupted pc, so a backtrace taken inside the handler
	 * runs on through the interrupted code.
	 */
	addi	sp, sp, -16
	ld	t0, PT_EPC + 16(sp)
	sd	t0, 8(sp)
	sd	s0, 0(sp)
	addi	s0, sp, 16

	addi	a0, sp, 16
	call	do_trap

	addi	sp, sp, 16
	ld	t0, PT_EPC(sp)
	csrw	sepc, t0
	ld	t0, PT_STATUS(sp)
	csrw	sstatus, t0

	ld	x1, PT_REG(1)(sp)
	ld	x3, PT_REG(3)(sp)
	ld	x4, PT_REG(4)(sp)
	ld	x5, PT_REG(5)(sp)
	ld	x6, PT_REG(6)(sp)
	ld	x7, PT_REG(7)(sp)
	ld	x8, PT_REG(8)(sp)
	ld	x9, PT_REG(9)(sp)
	ld	x10, PT_REG(10)(sp)
	ld	x11, PT_REG(11)(sp)
	ld	x12, PT_REG(12)(sp)
	ld	x13, PT_REG(13)(sp)
	ld	x14, PT_REG(14)(sp)
	ld	x15, PT_REG(15)(sp)
	ld	x16, PT_REG(16)(sp)
	ld	x17, PT_REG(17)(sp)
	ld	x18, PT_REG(18)(sp)
	ld	x19, PT_REG(19)(sp)
	ld	x20, PT_REG(20)(sp)
	ld	x21, PT_REG(21)(sp)
	ld	x22, PT_REG(22)(sp)
	ld	x23, PT_REG(23)(sp)
	ld	x24, PT_REG(24)(sp)
	ld	x25, PT_REG(25)(sp)
	ld	x26, PT_REG(26)(sp)
	ld	x27, PT_REG(27)(sp)
	ld	x28, PT_REG(28)(sp)
	ld	x29, PT_REG(29)(sp)
	ld	x30, PT_REG(30)(sp)
	ld	x31, PT_REG(31)(sp)
	ld	x2, PT_REG(2)(sp)
	sret
