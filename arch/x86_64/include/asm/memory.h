/* SPDX-License-Identifier: Apache-2.0 */
/*
 * x86_64 virtual memory layout (4-level paging, 48-bit addresses), as
 * Linux lays it out:
 *
 *   0xffff888000000000  PAGE_OFFSET: the direct map, all RAM the loader
 *                       reported (memblock's memory), read-write and NX,
 *                       2 MiB pages where the range allows. Room for
 *                       DIRECT_MAP_SIZE (64 TiB) of physical addresses.
 *   0xffffc90000000000  VMALLOC_START: vmalloc areas and kernel stacks
 *                       (components/mm/vmalloc), 16 TiB, each area between
 *                       unmapped guard pages;
 *   0xffffd90000000000  IOREMAP_START: ioremap() (uncached MMIO), 16 TiB.
 *   0xffffffff80000000  KERNEL_VIRT_BASE: the kernel image, linked at
 *                       KERNEL_VIRT_BASE + its load address (the top 2 GiB,
 *                       which -mcmodel=kernel requires), mapped with 4 KiB
 *                       pages: .text read-only+exec, .rodata read-only+NX,
 *                       .data/.bss read-write+NX, guard pages under the
 *                       boot and exception stacks left unmapped.
 *
 * boot.S maps only what it needs to reach C (EARLY_MAP_SIZE of physical
 * memory at KERNEL_VIRT_BASE, plus an identity map for one instruction);
 * mmu.c then builds the tables above and switches to them before
 * start_kernel(). phys_to_virt() returns the direct map; virt_to_phys()
 * accepts direct-map and image addresses (not vmalloc/ioremap ones: look
 * those up with pgtable_lookup()).
 */
#ifndef _ASM_X86_64_MEMORY_H
#define _ASM_X86_64_MEMORY_H

#ifdef __ASSEMBLER__
#define _AC(x, suffix) x
#else
#define _AC(x, suffix) (x##suffix)
#endif

#define KERNEL_VIRT_BASE _AC(0xffffffff80000000, UL)
/* Where the loader places the image; kernel.ld spells the same number. */
#define KERNEL_PHYS_BASE _AC(0x100000, UL)
/* What boot.S maps at KERNEL_VIRT_BASE: the image and early page tables. */
#define EARLY_MAP_SIZE   _AC(0x40000000, UL)

#define PAGE_OFFSET      _AC(0xffff888000000000, UL)
#define DIRECT_MAP_SIZE  _AC(0x400000000000, UL)

#define VMALLOC_START    _AC(0xffffc90000000000, UL)
#define VMALLOC_END      _AC(0xffffd90000000000, UL)
#define IOREMAP_START    VMALLOC_END
#define IOREMAP_END      _AC(0xffffe90000000000, UL)

/*
 * The user half, as Linux's: [0, TASK_SIZE), the last page below the
 * non-canonical hole left out (a `syscall` there would return to a
 * non-canonical address). The stack grows down from STACK_TOP; a
 * static-PIE executable is placed at ELF_ET_DYN_BASE (2/3 of the space),
 * mmap() without a hint searches down from TASK_UNMAPPED_BASE's top-down
 * base, mm's choice.
 */
#define TASK_SIZE          _AC(0x00007ffffffff000, UL)
#define STACK_TOP          TASK_SIZE
#define STACK_TOP_MAX      TASK_SIZE
#define ELF_ET_DYN_BASE    _AC(0x0000555555554000, UL)
#define TASK_UNMAPPED_BASE _AC(0x00002aaaaaaab000, UL)
/* The kernel half: every PML4 slot from 256 up is the kernel's. */
#define KERNEL_HALF_START  _AC(0xffff800000000000, UL)

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
		return (phys_addr_t)(v - KERNEL_VIRT_BASE);
	return (phys_addr_t)(v - PAGE_OFFSET);
}
#endif

#endif
