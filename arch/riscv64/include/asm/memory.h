/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The riscv64 (Sv39) virtual memory layout. Three windows, all gigapages set
 * up by boot.S before any C runs:
 *
 *   0xffffffc000000000  PAGE_OFFSET: the direct map of physical
 *                       0 .. DIRECT_MAP_SIZE. RAM (phys_to_virt) and MMIO
 *                       (platform_mmio) both live here, because on QEMU virt
 *                       the devices sit below RAM in the same physical space
 *                       and cacheability comes from the PMAs, not the PTEs.
 *   0xffffffff80000000  KERNEL_VIRT_BASE: the 1 GiB holding the kernel
 *                       image, linked at 0xffffffff80200000 and loaded by
 *                       OpenSBI at physical 0x80200000.
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
#define DIRECT_MAP_SIZE   _UL(0x1000000000)          /* 64 GiB */
#define KERNEL_VIRT_BASE  _UL(0xffffffff80000000)
#define KERNEL_PHYS_BASE  _UL(0x80000000)
/* Where OpenSBI's fw_dynamic jumps to on QEMU virt (FW_JUMP_ADDR). */
#define KERNEL_LOAD_PHYS  _UL(0x80200000)
#define KERNEL_MAP_SIZE   _UL(0x40000000)

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
