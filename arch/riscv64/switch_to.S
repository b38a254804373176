/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Kernel context switch (asm/processor.h): ra, sp and s0-s11 into prev's
 * thread_struct, next's loaded, return to next's ra; and the guard page the
 * trap entry checks sp against (riscv64_stack_guard, entry.S): saved into
 * prev's stack_guard (so the boot task keeps the boot stack's), next's
 * loaded. Own sections so that a product without threads drops them
 * (--gc-sections).
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
	lla t0, riscv64_stack_guard
	ld t1, 0(t0)
	sd t1, 112(a0)
	ld t1, 112(a1)
	sd t1, 0(t0)
	/* User FP state: prev's saved, next's loaded (a0/a1 kept by both). */
	ld t1, 120(a0)
	beqz t1, 1f
	mv s1, a1
	call riscv64_fp_save
	mv a1, s1
1:	ld t1, 120(a1)
	beqz t1, 2f
	mv a0, a1
	mv s1, a1
	call riscv64_fp_load
	mv a1, s1
2:	ld ra, 0(a1)
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

/*
 * void riscv64_fp_save(struct thread_struct *t), riscv64_fp_load(const ...):
 * f0-f31 and fcsr to/from t->fstate/t->fcsr (asm/processor.h). sstatus.FS
 * must be on to touch them: set to Clean here (a later user write makes it
 * Dirty; nothing reads the difference).
 */
#define SR_FS_CLEAN 0x4000
	.section .text.riscv64_fp_save, "ax"
	.balign 4
	.option push
	.option arch, +d
	.globl riscv64_fp_save
	.type riscv64_fp_save, @function
riscv64_fp_save:
	li t0, 0x6000
	csrc sstatus, t0
	li t0, SR_FS_CLEAN
	csrs sstatus, t0
	fsd f0, 128(a0)
	fsd f1, 136(a0)
	fsd f2, 144(a0)
	fsd f3, 152(a0)
	fsd f4, 160(a0)
	fsd f5, 168(a0)
	fsd f6, 176(a0)
	fsd f7, 184(a0)
	fsd f8, 192(a0)
	fsd f9, 200(a0)
	fsd f10, 208(a0)
	fsd f11, 216(a0)
	fsd f12, 224(a0)
	fsd f13, 232(a0)
	fsd f14, 240(a0)
	fsd f15, 248(a0)
	fsd f16, 256(a0)
	fsd f17, 264(a0)
	fsd f18, 272(a0)
	fsd f19, 280(a0)
	fsd f20, 288(a0)
	fsd f21, 296(a0)
	fsd f22, 304(a0)
	fsd f23, 312(a0)
	fsd f24, 320(a0)
	fsd f25, 328(a0)
	fsd f26, 336(a0)
	fsd f27, 344(a0)
	fsd f28, 352(a0)
	fsd f29, 360(a0)
	fsd f30, 368(a0)
	fsd f31, 376(a0)
	frcsr t0
	sd t0, 384(a0)
	ret
	.size riscv64_fp_save, . - riscv64_fp_save

	.globl riscv64_fp_load
	.type riscv64_fp_load, @function
riscv64_fp_load:
	li t0, 0x6000
	csrc sstatus, t0
	li t0, SR_FS_CLEAN
	csrs sstatus, t0
	fld f0, 128(a0)
	fld f1, 136(a0)
	fld f2, 144(a0)
	fld f3, 152(a0)
	fld f4, 160(a0)
	fld f5, 168(a0)
	fld f6, 176(a0)
	fld f7, 184(a0)
	fld f8, 192(a0)
	fld f9, 200(a0)
	fld f10, 208(a0)
	fld f11, 216(a0)
	fld f12, 224(a0)
	fld f13, 232(a0)
	fld f14, 240(a0)
	fld f15, 248(a0)
	fld f16, 256(a0)
	fld f17, 264(a0)
	fld f18, 272(a0)
	fld f19, 280(a0)
	fld f20, 288(a0)
	fld f21, 296(a0)
	fld f22, 304(a0)
	fld f23, 312(a0)
	fld f24, 320(a0)
	fld f25, 328(a0)
	fld f26, 336(a0)
	fld f27, 344(a0)
	fld f28, 352(a0)
	fld f29, 360(a0)
	fld f30, 368(a0)
	fld f31, 376(a0)
	ld t0, 384(a0)
	fscsr t0
	ret
	.size riscv64_fp_load, . - riscv64_fp_load
	.option pop

/*
 * A forked task starts here (copy_thread): first the entry(arg) the
 * scheduler gave it (s1, s2: its start work, which returns for a fork
 * child), then the return to user mode through its pt_regs.
 */
	.section .text.ret_from_fork, "ax"
	.balign 4
	.globl ret_from_fork
	.type ret_from_fork, @function
ret_from_fork:
	beqz s1, 1f
	mv a0, s2
	jalr s1
1:	call riscv64_ret_from_fork_regs
	mv sp, a0
	j riscv64_ret_from_exception
	.size ret_from_fork, . - ret_from_fork
