/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Register probes for ut-signal: every register the C ABI lets a signal
 * handler clobber is loaded with a known value, a signal is delivered
 * (probe_sync: from the kill system call itself; probe_async: while the
 * probe spins, from another process, i.e. on the interrupt return path),
 * and the values found after the handler returned through rt_sigreturn are
 * stored in probe_out[] for the C side to compare.
 *
 * x86_64: probe_sync(pid, sig); probe_async(const volatile int *flag)
 * riscv64: the same prototypes.
 */
	.bss
	.balign 8
	.globl probe_out
probe_out:
	.skip 8 * 40

	.text
#if defined(__x86_64__)
#define V(n) $(0x5a5a000000000000 + (n))
	.globl probe_sync
probe_sync:
	push %rbx
	push %rbp
	push %r12
	push %r13
	push %r14
	push %r15
	movabs V(1), %rax
	movq %rax, %xmm0
	movabs V(2), %rax
	movq %rax, %xmm1
	movabs V(3), %rax
	movq %rax, %xmm15
	movabs V(4), %rbx
	movabs V(5), %rbp
	movabs V(6), %r12
	movabs V(7), %r13
	movabs V(8), %r14
	movabs V(9), %r15
	movabs V(10), %r8
	movabs V(11), %r9
	movabs V(12), %r10
	movabs V(13), %rdx
	mov $62, %eax		/* kill(rdi = pid, rsi = sig) */
	syscall
	movq %xmm0, probe_out+0(%rip)
	movq %xmm1, probe_out+8(%rip)
	movq %xmm15, probe_out+16(%rip)
	mov %rbx, probe_out+24(%rip)
	mov %rbp, probe_out+32(%rip)
	mov %r12, probe_out+40(%rip)
	mov %r13, probe_out+48(%rip)
	mov %r14, probe_out+56(%rip)
	mov %r15, probe_out+64(%rip)
	mov %r8, probe_out+72(%rip)
	mov %r9, probe_out+80(%rip)
	mov %r10, probe_out+88(%rip)
	mov %rdx, probe_out+96(%rip)
	mov %rax, probe_out+104(%rip)
	mov %rdi, probe_out+112(%rip)
	mov %rsi, probe_out+120(%rip)
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbp
	pop %rbx
	ret

	.globl probe_async
probe_async:
	push %rbx
	push %rbp
	push %r12
	push %r13
	push %r14
	push %r15
	mov %rdi, %rsi		/* the flag's address stays in rsi */
	movabs V(1), %rax
	movq %rax, %xmm0
	movabs V(2), %rax
	movq %rax, %xmm1
	movabs V(3), %rax
	movq %rax, %xmm15
	movabs V(4), %rbx
	movabs V(5), %rbp
	movabs V(6), %r12
	movabs V(7), %r13
	movabs V(8), %r14
	movabs V(9), %r15
	movabs V(10), %r8
	movabs V(11), %r9
	movabs V(12), %r10
	movabs V(13), %rdx
	movabs V(14), %rax
	movabs V(15), %rdi
	movabs V(16), %rcx
	movabs V(17), %r11
1:	cmpl $0, (%rsi)
	je 1b
	movq %xmm0, probe_out+0(%rip)
	movq %xmm1, probe_out+8(%rip)
	movq %xmm15, probe_out+16(%rip)
	mov %rbx, probe_out+24(%rip)
	mov %rbp, probe_out+32(%rip)
	mov %r12, probe_out+40(%rip)
	mov %r13, probe_out+48(%rip)
	mov %r14, probe_out+56(%rip)
	mov %r15, probe_out+64(%rip)
	mov %r8, probe_out+72(%rip)
	mov %r9, probe_out+80(%rip)
	mov %r10, probe_out+88(%rip)
	mov %rdx, probe_out+96(%rip)
	mov %rax, probe_out+104(%rip)
	mov %rdi, probe_out+112(%rip)
	mov %rcx, probe_out+120(%rip)
	mov %r11, probe_out+128(%rip)
	mov %rsi, probe_out+136(%rip)
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbp
	pop %rbx
	ret

#elif defined(__riscv)
#define V(n) (0x5a5a000000000000 + (n))
	.macro setall
	li t0, V(1)
	fmv.d.x ft0, t0
	li t0, V(2)
	fmv.d.x fa0, t0
	li t0, V(3)
	fmv.d.x fs0, t0
	li s0, V(4)
	li s1, V(5)
	li s2, V(6)
	li s3, V(7)
	li s4, V(8)
	li s5, V(9)
	li s6, V(10)
	li s7, V(11)
	li s8, V(12)
	li s9, V(13)
	li s10, V(14)
	li s11, V(15)
	li t0, V(16)
	li t1, V(17)
	li t2, V(18)
	li t3, V(19)
	li t4, V(20)
	li t5, V(21)
	li t6, V(22)
	li a2, V(23)
	li a3, V(24)
	li a4, V(25)
	li a5, V(26)
	li a6, V(27)
	.endm
	.macro storeall
	la ra, probe_out
	fsd ft0, 0(ra)
	fsd fa0, 8(ra)
	fsd fs0, 16(ra)
	sd s0, 24(ra)
	sd s1, 32(ra)
	sd s2, 40(ra)
	sd s3, 48(ra)
	sd s4, 56(ra)
	sd s5, 64(ra)
	sd s6, 72(ra)
	sd s7, 80(ra)
	sd s8, 88(ra)
	sd s9, 96(ra)
	sd s10, 104(ra)
	sd s11, 112(ra)
	sd t0, 120(ra)
	sd t1, 128(ra)
	sd t2, 136(ra)
	sd t3, 144(ra)
	sd t4, 152(ra)
	sd t5, 160(ra)
	sd t6, 168(ra)
	sd a2, 176(ra)
	sd a3, 184(ra)
	sd a4, 192(ra)
	sd a5, 200(ra)
	sd a6, 208(ra)
	sd a0, 216(ra)
	sd a1, 224(ra)
	sd a7, 232(ra)
	.endm
	.macro save
	addi sp, sp, -128
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	sd s3, 32(sp)
	sd s4, 40(sp)
	sd s5, 48(sp)
	sd s6, 56(sp)
	sd s7, 64(sp)
	sd s8, 72(sp)
	sd s9, 80(sp)
	sd s10, 88(sp)
	sd s11, 96(sp)
	fsd fs0, 104(sp)
	.endm
	.macro restore
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	ld s3, 32(sp)
	ld s4, 40(sp)
	ld s5, 48(sp)
	ld s6, 56(sp)
	ld s7, 64(sp)
	ld s8, 72(sp)
	ld s9, 80(sp)
	ld s10, 88(sp)
	ld s11, 96(sp)
	fld fs0, 104(sp)
	addi sp, sp, 128
	.endm

	.globl probe_sync
probe_sync:
	save
	setall
	li a7, 129		/* kill(a0 = pid, a1 = sig) */
	ecall
	storeall
	restore
	ret

	.globl probe_async
probe_async:
	save
	setall
	li a7, V(28)
1:	lw a1, 0(a0)
	beqz a1, 1b
	storeall
	restore
	ret
#endif
	.section .note.GNU-stack, "", @progbits
