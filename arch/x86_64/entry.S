/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Entry for all 256 IDT vectors. Each stub makes the stack look the same
 * whether or not the CPU pushed an error code, then the common path saves
 * the registers as a struct pt_regs (asm/ptrace.h) and calls
 * x86_64_do_trap(regs), which reports exceptions (0-31) and hands
 * interrupts (32-255) to the irq entry an interrupt controller installed.
 *
 * The stubs come from .rept loops and have fixed sizes, so the IDT setup
 * (setup.c, x86_64_trap_stub()) computes each one's address and no table
 * of 256 addresses is needed:
 * - exceptions: X86_TRAP_STUB_SIZE bytes each (zero error code or a
 *   2-byte no-op, pushq imm8, jmp rel32);
 * - interrupts: X86_IRQ_STUB_SIZE bytes each (pushq imm8, jmp rel8), in
 *   groups of X86_IRQ_STUBS_PER_GROUP ending in one jmp rel32 (Linux's old
 *   irq_entries_start, in spirit), about 0.9 KiB of text. Only a product
 *   with an interrupt controller (HAVE_IRQCHIP) has them: one without
 *   never enables interrupts and keeps the 8259 masked, so nothing but a
 *   stray `int $n` can reach vectors 32-255, and all of them share one
 *   stub that pushes X86_VECTOR_SHARED (the gates stay present, so such
 *   an interrupt is reported, never turned into a #GP or #DF).
 * The pushed byte is vector - 128 (pushq sign-extends it); the common
 * path adds the 128 back.
 */
#include <autoconf.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <asm/traps.h>
#include "x86_64.h"

/*
 * The vectors where the CPU pushes an error code (SDM Vol. 3A, 6.13):
 * #DF 8, #TS 10, #NP 11, #SS 12, #GP 13, #PF 14, #AC 17, #CP 21, #VC 29,
 * #SX 30.
 */
#define HAS_ERROR_CODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || \
			   (v) == 21 || (v) == 29 || (v) == 30)

	.text
	.p2align 4
	.globl x86_64_trap_stubs
x86_64_trap_stubs:
	.set vector, 0
	.rept NR_EXCEPTION_VECTORS
	.if HAS_ERROR_CODE(vector)
	.byte 0x66, 0x90                /* xchg %ax, %ax: the CPU pushed one */
	.else
	.byte 0x6a, 0x00                /* pushq $0 */
	.endif
	.byte 0x6a, (vector - 128) & 0xff
	.byte 0xe9                      /* jmp rel32, spelled out: one size */
	.long x86_64_trap_common - (. + 4)
	.set vector, vector + 1
	.endr
x86_64_trap_stubs_end:
	.if x86_64_trap_stubs_end - x86_64_trap_stubs - NR_EXCEPTION_VECTORS * X86_TRAP_STUB_SIZE
	.error "exception stubs are not X86_TRAP_STUB_SIZE bytes each"
	.endif

#ifdef HAVE_IRQCHIP
	.globl x86_64_irq_stubs
x86_64_irq_stubs:
	.rept (NR_VECTORS - NR_EXCEPTION_VECTORS) / X86_IRQ_STUBS_PER_GROUP
	.rept X86_IRQ_STUBS_PER_GROUP
	.byte 0x6a, (vector - 128) & 0xff
	.byte 0xeb, 1f - (. + 1)        /* jmp rel8 to this group's jmp */
	.set vector, vector + 1
	.endr
1:	.byte 0xe9
	.long x86_64_irq_common - (. + 4)
	.endr
x86_64_irq_stubs_end:
	.if x86_64_irq_stubs_end - x86_64_irq_stubs - X86_IRQ_STUB_GROUP_SIZE * ((NR_VECTORS - NR_EXCEPTION_VECTORS) / X86_IRQ_STUBS_PER_GROUP)
	.error "interrupt stubs are not X86_IRQ_STUB_GROUP_SIZE bytes a group"
	.endif

	/* No error code for an interrupt: put a zero under the vector. */
x86_64_irq_common:
	pushq (%rsp)
	movq $0, 8(%rsp)
	jmp x86_64_trap_common
#else
	/* No interrupt controller: one entry for vectors 32-255, see above. */
	.globl x86_64_irq_stubs
x86_64_irq_stubs:
	pushq $0
	pushq $(X86_VECTOR_SHARED - 128)
	jmp x86_64_trap_common
#endif

	.p2align 4
x86_64_trap_common:
	addq $128, (%rsp)               /* the vector, see above */
	/*
	 * From user mode (the saved %cs, above the vector, error code and
	 * %rip, has RPL 3): the kernel's per-CPU %gs base, and flags of the
	 * kernel's own (AC clear: SMAP back on whatever user mode set).
	 */
	testb $3, 24(%rsp)
	jz 1f
	swapgs
	pushq $2
	popfq
1:
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
	/*
	 * Leave the task's fxsave area (the FXSTATE_SIZE bytes below
	 * pt_regs at the top of the stack, asm/processor.h) alone: a switch
	 * away from this task saves its FPU state there, so the C frames
	 * must start below it, or that save overwrites them (a forked
	 * parent preempted in a system call came back to a stack of FPU
	 * state). Kernel-mode traps nest below anyway: the same 512 bytes.
	 */
	movq %rsp, %rdi
	subq $512, %rsp
	call x86_64_do_trap
	addq $512, %rsp

	/*
	 * The trap-return path: ktest trap_return_preserves_gprs covers it.
	 * Also the way back to user mode of a system call, of a new process
	 * (ret_from_fork) and of an exec (arch_return_to_user): %rsp at the
	 * struct pt_regs, interrupts off.
	 */
	.globl x86_64_ret_from_trap
x86_64_ret_from_trap:
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
	testb $3, 8(%rsp)       /* back to user mode: its %gs base */
	jz 2f
	swapgs
2:	iretq

/*
 * `syscall` from user mode (MSR_LSTAR, setup by user.c): %rcx holds the
 * user %rip, %r11 its %rflags, interrupts are off (MSR_FMASK) and %rsp is
 * still the user's. Build the same struct pt_regs as a trap on the task's
 * kernel stack (TSS sp0; the user %rsp parked in the unused sp2 slot: one
 * CPU), marked as a system call (vector X86_VECTOR_SYSCALL, the number in
 * orig_ax), then x86_64_do_syscall(regs) and the trap-return path. The
 * return is always iretq: it restores every register the frame holds,
 * whatever exec, a signal or sigreturn put there.
 */
	.p2align 4
	.globl x86_64_entry_syscall
x86_64_entry_syscall:
	swapgs
	movq %rsp, x86_64_tss + X86_TSS_SP2_OFFSET(%rip)
	movq x86_64_tss + X86_TSS_SP0_OFFSET(%rip), %rsp
	pushq $__USER_DS                                /* ss */
	pushq x86_64_tss + X86_TSS_SP2_OFFSET(%rip)     /* rsp */
	pushq %r11                                      /* rflags */
	pushq $__USER_CS                                /* cs */
	pushq %rcx                                      /* rip */
	pushq %rax                                      /* orig_ax */
	pushq $X86_VECTOR_SYSCALL                       /* vector */
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
	movq %rsp, %rdi
	subq $512, %rsp         /* below the fxsave area: see the trap entry */
	call x86_64_do_syscall
	addq $512, %rsp
	jmp x86_64_ret_from_trap

	.section .note.GNU-stack, "", @progbits
