/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Entry from OpenSBI (fw_dynamic): S-mode, MMU off, a0 = hartid,
 * a1 = physical address of the devicetree. The image is linked at
 * 0xffffffff80200000 but runs at 0x80200000 until satp is written, so until
 * then only PC-relative addressing (lla) may be used. The page table built
 * here is temporary (see early_pg_dir below); mmu.c replaces it.
 */
#include <asm/memory.h>
#include "csr.h"
#include "ptrace.h"

#define PGDIR_SHIFT   30
#define PGD_INDEX(va) (((va) >> PGDIR_SHIFT) & 511)
/* A leaf PTE mapping the gigapage at physical address pa. */
#define GIGA_PTE(pa, flags) ((((pa) >> 12) << PTE_PPN_SHIFT) | (flags))

#define PTE_KERNEL  (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
/* The direct map is data only: code runs from the kernel mapping. */
#define PTE_DIRECT  (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D | PTE_G)


	.section .text.head, "ax"
	.globl	_start
_start:
	csrw	sie, zero
	csrci	sstatus, SR_SIE

	/*
	 * OpenSBI chooses the boot hart by its own lottery, so it is not
	 * necessarily hart 0; any other hart that arrives here (a loader
	 * starting all of them) parks. The word is in .data: BSS is not
	 * zeroed yet.
	 */
	lla	t0, boot_lottery
	li	t1, 1
	amoswap.w t1, t1, (t0)
	bnez	t1, secondary_park

	/* The page tables below assume the gigapage arithmetic of the
	 * link address; anywhere else, say so and stop. */
	lla	t0, _start
	li	t1, KERNEL_LOAD_PHYS
	bne	t0, t1, bad_load_address

	lla	t0, __bss_start
	lla	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:
	lla	t0, riscv64_boot_hartid
	sd	a0, 0(t0)
	lla	t0, riscv64_boot_dtb
	sd	a1, 0(t0)

		/*
	 * early_pg_dir: just enough gigapages to run C until mmu.c builds
	 * the real page tables (riscv64_paging_init) and switches to them.
	 */
	lla	s1, early_pg_dir

	/* Identity map of the kernel's gigapage, so the instructions right
	 * after the satp write can still be fetched; dropped at .Lhigh. */
	li	t1, GIGA_PTE(KERNEL_PHYS_BASE, PTE_KERNEL)
	sd	t1, PGD_INDEX(KERNEL_PHYS_BASE) * 8(s1)

	/* The image at its link address. */
	li	t1, GIGA_PTE(KERNEL_PHYS_BASE, PTE_KERNEL | PTE_G)
	li	t0, PGD_INDEX(KERNEL_VIRT_BASE) * 8
	add	t0, t0, s1
	sd	t1, 0(t0)

	/* The direct-map alias of the same gigapage: memblock hands out the
	 * first page tables below its end (EARLY_MAP_LIMIT in mmu.c). */
	li	t1, GIGA_PTE(KERNEL_PHYS_BASE, PTE_DIRECT)
	li	t0, PGD_INDEX(PAGE_OFFSET + KERNEL_PHYS_BASE) * 8
	add	t0, t0, s1
	sd	t1, 0(t0)

	/* The devicetree's gigapage and the next one (a blob may straddle
	 * the boundary) in the direct map; setup.c refuses a blob outside
	 * the window. */
	li	t2, DIRECT_MAP_SIZE - (1 << PGDIR_SHIFT)
	bgeu	a1, t2, 3f
	srli	t2, a1, PGDIR_SHIFT
	slli	t1, t2, PGDIR_SHIFT - 12 + PTE_PPN_SHIFT
	ori	t1, t1, PTE_DIRECT
	addi	t2, t2, PGD_INDEX(PAGE_OFFSET)
	slli	t2, t2, 3
	add	t0, s1, t2
	sd	t1, 0(t0)
	li	t2, 1 << (PGDIR_SHIFT - 12 + PTE_PPN_SHIFT)
	add	t1, t1, t2
	sd	t1, 8(t0)
3:
	/* QEMU virt's devices (physical 0..1 GiB) for the early power off. */
	li	t1, GIGA_PTE(0, PTE_DIRECT)
	li	t0, PGD_INDEX(EARLY_IO_VIRT) * 8
	add	t0, t0, s1
	sd	t1, 0(t0)

	srli	t0, s1, 12
	li	t1, SATP_MODE_SV39
	or	t0, t0, t1
	sfence.vma
	csrw	satp, t0
	sfence.vma

	/* An absolute address: the jump into the linked (high) addresses. */
	lla	t0, .Lhigh_addr
	ld	t0, 0(t0)
	jr	t0

.Lhigh:
	/* From here on lla yields link (virtual) addresses. */
	lla	s1, early_pg_dir
	sd	zero, PGD_INDEX(KERNEL_PHYS_BASE) * 8(s1)
	sfence.vma

	/* The top PT_SIZE bytes are the boot task's user registers
	 * (current_pt_regs(), asm/processor.h), as on every task's stack. */
	lla	sp, boot_stack_top
	addi	sp, sp, -PT_SIZE
	/* A zero frame pointer and return address end every backtrace. */
	li	s0, 0
	li	ra, 0
	lla	t0, handle_exception
	csrw	stvec, t0
	csrw	sscratch, zero

	lla	t0, riscv64_boot_hartid
	ld	a0, 0(t0)
	lla	t0, riscv64_boot_dtb
	ld	a1, 0(t0)
	call	riscv64_boot
	j	secondary_park

bad_load_address:
	lla	s1, .Lbad_load_msg
4:	lbu	a0, 0(s1)
	beqz	a0, secondary_park
	li	a7, 0x01	/* SBI legacy console_putchar */
	ecall
	addi	s1, s1, 1
	j	4b

secondary_park:
	csrw	sie, zero
5:	wfi
	j	5b

	.section .rodata
	.balign	8
.Lhigh_addr:
	.dword	.Lhigh
.Lbad_load_msg:
	.asciz	"tessera: riscv64: not loaded at physical 0x80200000, stopping\r\n"

	.section .data
	.balign	4
boot_lottery:
	.word	0

	/* Whose guard page the trap entry checks sp against (entry.S). */
	.balign	8
	.globl	riscv64_stack_guard
riscv64_stack_guard:
	.dword	boot_stack_guard

	/*
	 * Page-aligned and in this order: the trap entry's overflow stack,
	 * then the boot stack's guard page (left out of the kernel mapping
	 * by mmu.c), then the boot stack. The overflow stack lies below the
	 * boot stack so a backtrace from it runs upwards into the overflowed
	 * frames.
	 */
	.section .bss
	.balign	4096
	.globl	early_pg_dir
early_pg_dir:
	.zero	4096
	.globl	riscv64_overflow_stack, riscv64_overflow_stack_top
riscv64_overflow_stack:
	.zero	OVERFLOW_STACK_SIZE
riscv64_overflow_stack_top:
	.globl	boot_stack_guard
boot_stack_guard:
	.zero	4096
	.globl	boot_stack, boot_stack_top
boot_stack:
	.zero	THREAD_SIZE
boot_stack_top:
