/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The trap vector (stvec, direct mode), for traps from the kernel and from
 * user mode, with Linux's sscratch scheme: while user code runs, sscratch
 * holds the kernel's tp (this CPU's struct percpu_data, asm/percpu.h); while
 * the kernel runs it holds 0. The first instruction swaps tp and sscratch,
 * so a non-zero tp says "from user mode" and is already the kernel's.
 *
 * From user mode: the frame (struct pt_regs) goes at the top of the
 * current task's kernel stack, percpu->top_of_stack, which every return
 * to user mode sets (the task may have changed since); the user sp waits in
 * percpu->user_sp_scratch meanwhile, the user tp in sscratch, and both go
 * into the frame (user tp and gp are the user's: the kernel keeps its tp
 * in tp and does not use gp).
 *
 * From the kernel: the frame goes on the current stack, unless that stack
 * has overflowed. Overflow check (Linux's riscv entry does the same with
 * VMAP_STACK): a store through an sp that ran into the current stack's
 * unmapped guard page faults, and pushing the trap frame on that sp would
 * fault again, forever. So before touching memory the entry checks whether
 * sp, minus the frame about to be pushed, is in the guard page whose
 * address riscv64_stack_guard holds (a context switch updates it); if so
 * it switches to the overflow stack and do_trap() reports "kernel stack
 * overflow". The check's scratch register (t0) is parked in sscratch.
 *
 * SUM (supervisor access to user pages) is cleared on every entry and the
 * interrupted value restored on return, so only the uaccess routines ever
 * run with it (uaccess.S); an interrupt taken inside one does not.
 */
#include <asm/memory.h>
#include <asm/csr.h>
#include "ptrace.h"

/* sp - guard below this (in units of 64 bytes, for sltiu's immediate) is an
 * overflow: within the guard page, or so close above it that the frame we
 * push would land in it. */
#define GUARD_CHECK_UNITS ((4096 + PT_SIZE + 16 + 63) / 64)

/* struct percpu_data (tessera/percpu.h; asserted in traps.c) */
#define PCPU_TOP_OF_STACK    48
#define PCPU_USER_SP_SCRATCH 56

/* x1, x3 and x5-x31 into the frame at sp (sp and tp need care: callers). */
.macro SAVE_GPRS
	sd	x1, PT_REG(1)(sp)
	sd	x3, PT_REG(3)(sp)
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
.endm

	.section .text
	.balign	4
	.globl	handle_exception
handle_exception:
	csrrw	tp, sscratch, tp
	bnez	tp, .Lfrom_user

	/* From the kernel: sscratch was 0 and now holds tp; take it back. */
	csrr	tp, sscratch
	csrw	sscratch, t0
	lla	t0, riscv64_stack_guard
	ld	t0, 0(t0)
	sub	t0, sp, t0
	srli	t0, t0, 6
	sltiu	t0, t0, GUARD_CHECK_UNITS
	bnez	t0, .Lstack_overflow
	csrr	t0, sscratch
	csrw	sscratch, sp
	j	.Lsave_kernel

.Lstack_overflow:
	csrr	t0, sscratch
	csrw	sscratch, sp
	lla	sp, riscv64_overflow_stack_top

.Lsave_kernel:
	/* sscratch holds the interrupted sp until it is in the frame. */
	addi	sp, sp, -PT_SIZE
	SAVE_GPRS
	sd	x4, PT_REG(4)(sp)
	csrrw	t0, sscratch, zero
	sd	t0, PT_REG(2)(sp)
	j	.Lsave_csrs

.Lfrom_user:
	/* tp: the kernel's; sscratch: the user's tp. */
	sd	sp, PCPU_USER_SP_SCRATCH(tp)
	ld	sp, PCPU_TOP_OF_STACK(tp)
	addi	sp, sp, -PT_SIZE
	SAVE_GPRS
	ld	t0, PCPU_USER_SP_SCRATCH(tp)
	sd	t0, PT_REG(2)(sp)
	/* The user tp into the frame; sscratch 0: we are in the kernel. */
	csrrw	t0, sscratch, zero
	sd	t0, PT_REG(4)(sp)

.Lsave_csrs:
	sd	a0, PT_ORIG_A0(sp)
	csrr	t0, sepc
	sd	t0, PT_EPC(sp)
	li	t0, SR_SUM
	csrrc	t0, sstatus, t0
	sd	t0, PT_STATUS(sp)
	csrr	t0, stval
	sd	t0, PT_BADADDR(sp)
	csrr	t0, scause
	sd	t0, PT_CAUSE(sp)

	/*
	 * Give do_trap a frame record (ra at fp - 8, caller's fp at fp - 16)
	 * naming the interrupted pc, so a backtrace taken inside the handler
	 * runs on through the interrupted code. From user mode the chain ends
	 * there (s0 = 0): the user's frames are not the kernel's to walk.
	 */
	addi	sp, sp, -16
	ld	t0, PT_EPC + 16(sp)
	sd	t0, 8(sp)
	sd	s0, 0(sp)
	ld	t0, PT_STATUS + 16(sp)
	andi	t0, t0, SR_SPP
	bnez	t0, 1f
	sd	zero, 0(sp)
1:	addi	s0, sp, 16

	addi	a0, sp, 16
	call	do_trap
	addi	sp, sp, 16

/*
 * Leave through the frame at sp: back to the kernel, or to user mode
 * (SPP clear), then with this task's stack top recorded for the next entry
 * and the kernel tp in sscratch. arch_return_to_user() and ret_from_fork
 * come here with sp at current_pt_regs().
 */
	.globl	riscv64_ret_from_exception
riscv64_ret_from_exception:
	csrci	sstatus, SR_SIE
	ld	t0, PT_STATUS(sp)
	andi	t0, t0, SR_SPP
	bnez	t0, 1f
	addi	t0, sp, PT_SIZE
	sd	t0, PCPU_TOP_OF_STACK(tp)
	csrw	sscratch, tp
1:
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
