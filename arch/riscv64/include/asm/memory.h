/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The riscv64 (Sv39) virtual memory layout: the upper 256 GiB of the
 * 39-bit space, built in C by mmu.c (boot.S only maps enough to reach it).
 *
 *   0xffffffc000000000  PAGE_OFFSET: the direct map. Every RAM range the
 *                       devicetree reports (memblock's memory) appears at
 *                       PAGE_OFFSET + its physical address, read-write and
 *                       never executable, in gigapages and megapages where
 *                       aligned. Nothing else is mapped here: no MMIO, no
 *                       holes. The window is DIRECT_MAP_SIZE (128 GiB) of
 *                       physical addresses; RAM above it is not used.
 *   0xffffffe000000000  VMALLOC_START .. VMALLOC_END (64 GiB): vmalloc and
 *                       kernel stacks, each area between guard pages.
 *   0xfffffff000000000  IOREMAP_START .. IOREMAP_END (16 GiB): ioremap()'s
 *                       device mappings (UART, PLIC, sifive_test,
 *                       virtio-mmio), each followed by a guard page.
 *   0xfffffffe00000000  EARLY_IO_VIRT: only in boot.S's early page table, a
 *                       gigapage onto physical 0..1 GiB (QEMU virt's
 *                       devices), so that a fatal error before the real page
 *                       tables exist can still power off with a status.
 *   0xffffffff80000000  KERNEL_VIRT_BASE: the kernel image, linked at
 *                       0xffffffff80200000 and loaded by OpenSBI at
 *                       physical 0x80200000; mapped page by page with its
 *                       sections' protections (text R+X, rodata R, data
 *                       and bss R+W), the boot stack's guard page left out.
 *
 * A kernel-image address and its direct-map alias are the same memory;
 * virt_to_phys() accepts both, phys_to_virt() always returns the alias.
 */
#ifndef ASM_MEMORY_H
#define ASM_MEMORY_H

#ifdef __ASSEMBLER__
#define _UL(x) x
#else
#define _UL(x) x##UL
#endif

#define PAGE_OFFSET       _UL(0xffffffc000000000)
#define DIRECT_MAP_SIZE   _UL(0x2000000000)          /* 128 GiB window */
#define VMALLOC_START     _UL(0xffffffe000000000)
#define VMALLOC_END       _UL(0xfffffff000000000)
#define IOREMAP_START     _UL(0xfffffff000000000)
#define IOREMAP_END       _UL(0xfffffff400000000)
#define EARLY_IO_VIRT     _UL(0xfffffffe00000000)
#define EARLY_IO_SIZE     _UL(0x40000000)
#define KERNEL_VIRT_BASE  _UL(0xffffffff80000000)
#define KERNEL_PHYS_BASE  _UL(0x80000000)
/* Where OpenSBI's fw_dynamic jumps to on QEMU virt (FW_JUMP_ADDR). */
#define KERNEL_LOAD_PHYS  _UL(0x80200000)
#define KERNEL_MAP_SIZE   _UL(0x40000000)

/*
 * The user half, as Linux's for Sv39: [0, TASK_SIZE) is root entries
 * 0..255 (256 GiB); the stack grows down from STACK_TOP; a static-PIE
 * executable goes at ELF_ET_DYN_BASE (2/3 of the space), mmap() without a
 * hint below TASK_UNMAPPED_BASE's top-down base (mm's choice).
 */
#define TASK_SIZE          _UL(0x4000000000)
#define STACK_TOP          TASK_SIZE
#define STACK_TOP_MAX      TASK_SIZE
#define ELF_ET_DYN_BASE    _UL(0x2aaaaaa000)
#define TASK_UNMAPPED_BASE _UL(0x1555555000)
#define KERNEL_HALF_START  PAGE_OFFSET

/* Kernel stacks (boot stack, later thread stacks) and the trap path's
 * overflow stack. */
#define THREAD_SIZE          _UL(16384)
#define OVERFLOW_STACK_SIZE  _UL(8192)

#ifndef __ASSEMBLER__

#include <tessera/types.h>

static inline void *phys_to_virt(phys_addr_t pa)
{
	return (void *)(uintptr_t)(pa + PAGE_OFFSET);
}

static inline phys_addr_t virt_to_phys(const void *va)
{
	uintptr_t v = (uintptr_t)va;

	if (v >= KERNEL_VIRT_BASE)
		return v - KERNEL_VIRT_BASE + KERNEL_PHYS_BASE;
	return v - PAGE_OFFSET;
}

#endif /* !__ASSEMBLER__ */
#endif
