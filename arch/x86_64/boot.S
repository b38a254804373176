/* SPDX-License-Identifier: Apache-2.0 */
/*
 * PVH entry: from 32-bit protected mode with paging off to 64-bit C code
 * running at the higher-half link address.
 *
 * Paging: only the early map that gets us to C. One PML4 with two views of
 * one page directory (2 MiB pages covering physical 0..EARLY_MAP_SIZE):
 *   PML4[0]   -> identity map, only so the instruction after enabling
 *                paging still has a mapping; removed once running high.
 *   PML4[511] -> PDPT[510] -> the same 1 GiB at KERNEL_VIRT_BASE: the
 *                image, the loader's tables, the first page-table pages.
 * C code (mmu.c) then builds the real tables (direct map, image with W^X,
 * guard pages) and switches to them before start_kernel(). These tables
 * live in .bss inside the image, so the MEM_KERNEL region covers them.
 *
 * The boot stack has a guard page below it that the final tables leave
 * unmapped (stacks.c lists it): an overflow faults instead of running
 * into the page tables.
 */
#include <asm/memory.h>
#include <asm/segment.h>

#define __PA(x)        ((x) - KERNEL_VIRT_BASE)

#define X86_CR0_PE     (1 << 0)
#define X86_CR0_WP     (1 << 16)
#define X86_CR0_PG     (1 << 31)
#define X86_CR4_PAE    (1 << 5)
#define MSR_EFER       0xc0000080
#define EFER_LME       (1 << 8)

#define _PAGE_PRESENT  0x001
#define _PAGE_RW       0x002
#define _PAGE_PSE      0x080
#define PDE_FLAGS      (_PAGE_PRESENT | _PAGE_RW | _PAGE_PSE)
#define TABLE_FLAGS    (_PAGE_PRESENT | _PAGE_RW)

#define BOOT_STACK_SIZE 16384

/*
 * QEMU reads the entry address as a host size_t right after the name padded
 * to the segment's alignment, so: 4-byte alignment and an 8-byte field.
 */
	.section .note.Xen, "a", @note
	.p2align 2
	.long 4                         /* namesz */
	.long 8                         /* descsz */
	.long 18                        /* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.p2align 2
	.quad __PA(pvh_start)
	.p2align 2

	.section .head.text, "ax"
	.code32
	.globl pvh_start
pvh_start:
	cli
	cld

	/* Zero .bss first: the page tables and the saved %ebx live there. */
	movl $__PA(__bss_start), %edi
	movl $__PA(__bss_end), %ecx
	subl %edi, %ecx
	shrl $2, %ecx
	xorl %eax, %eax
	rep stosl

	movl %ebx, __PA(pvh_start_info_pa)

	movl $__PA(level3_ident_pgt) + TABLE_FLAGS, %eax
	movl %eax, __PA(init_top_pgt)
	movl $__PA(level3_kernel_pgt) + TABLE_FLAGS, %eax
	movl %eax, __PA(init_top_pgt) + 511 * 8

	movl $__PA(level2_pgt) + TABLE_FLAGS, %eax
	movl %eax, __PA(level3_ident_pgt)
	movl %eax, __PA(level3_kernel_pgt) + 510 * 8

	/* 512 2 MiB pages = EARLY_MAP_SIZE; the upper halves stay zero. */
	movl $__PA(level2_pgt), %edi
	movl $PDE_FLAGS, %eax
	movl $(EARLY_MAP_SIZE >> 21), %ecx
1:	movl %eax, (%edi)
	addl $0x200000, %eax
	addl $8, %edi
	loop 1b

	movl %cr4, %eax
	orl $X86_CR4_PAE, %eax
	movl %eax, %cr4

	movl $__PA(init_top_pgt), %eax
	movl %eax, %cr3

	movl $MSR_EFER, %ecx
	rdmsr
	orl $EFER_LME, %eax
	wrmsr

	movl %cr0, %eax
	orl $(X86_CR0_PG | X86_CR0_WP | X86_CR0_PE), %eax
	movl %eax, %cr0

	/* Still at physical addresses: the GDT pointer must be physical too. */
	lgdt __PA(boot_gdt_desc32)
	ljmp $__KERNEL_CS, $__PA(startup_64_low)

	.code64
startup_64_low:
	movq $startup_64, %rax
	jmp *%rax

startup_64:
	/* Point GDTR at the high alias before the identity map disappears. */
	lgdt boot_gdt_desc64(%rip)
	movl $__KERNEL_DS, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	xorl %eax, %eax
	movl %eax, %fs
	movl %eax, %gs

	leaq boot_stack_top(%rip), %rsp

	movq $0, init_top_pgt(%rip)
	movq %cr3, %rax
	movq %rax, %cr3

	/*
	 * Pick the stack canary before any C function runs, since one that
	 * changed while a protected frame is live would fail its check. The
	 * low zero byte stops string copies from reading or rewriting it.
	 */
	rdtsc
	shlq $32, %rdx
	orq %rdx, %rax
	movabsq $0x9e3779b97f4a7c15, %rdx
	imulq %rdx, %rax
	xorb %al, %al
	movq %rax, __stack_chk_guard(%rip)

	/* A zero frame pointer ends every backtrace here. */
	xorl %ebp, %ebp
	movl pvh_start_info_pa(%rip), %edi
	call x86_64_start_kernel
2:	cli
	hlt
	jmp 2b

	.section .rodata
	.p2align 3
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff        /* __KERNEL_CS: 64-bit code, DPL 0 */
	.quad 0x00cf92000000ffff        /* __KERNEL_DS: data, DPL 0 */
boot_gdt_end:

	.p2align 3
boot_gdt_desc32:
	.word boot_gdt_end - boot_gdt - 1
	.long __PA(boot_gdt)

	.p2align 3
boot_gdt_desc64:
	.word boot_gdt_end - boot_gdt - 1
	.quad boot_gdt

	.section .bss
	.p2align 12
init_top_pgt:
	.skip 4096
level3_ident_pgt:
	.skip 4096
level3_kernel_pgt:
	.skip 4096
level2_pgt:
	.skip 4096
	.p2align 12
	.globl boot_stack_guard, boot_stack_top
boot_stack_guard:
	.skip 4096
boot_stack:
	.skip BOOT_STACK_SIZE
boot_stack_top:

	.p2align 3
pvh_start_info_pa:
	.skip 8

	.section .note.GNU-stack, "", @progbits
