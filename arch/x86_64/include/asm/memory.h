/* SPDX-License-Identifier: Apache-2.0 */
/*
 * x86_64 address space layout.
 *
 * The kernel image is linked at KERNEL_VIRT_BASE + its physical load address
 * (the top 2 GiB, which -mcmodel=kernel requires). The same -2 GiB window is
 * also the direct map: physical 0..DIRECT_MAP_SIZE appears at PAGE_OFFSET, so
 * phys_to_virt() and virt_to_phys() are one addition or subtraction and are
 * valid for every kernel-image address and every usable RAM page (boot code
 * reports RAM above DIRECT_MAP_SIZE as reserved, not usable).
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
#define PAGE_OFFSET      KERNEL_VIRT_BASE
#define DIRECT_MAP_SIZE  _AC(0x80000000, UL)

#ifndef __ASSEMBLER__
#include <tessera/types.h>

static inline void *phys_to_virt(phys_addr_t pa)
{
	return (void *)(uintptr_t)(pa + PAGE_OFFSET);
}

static inline phys_addr_t virt_to_phys(const void *va)
{
	return (phys_addr_t)((uintptr_t)va - PAGE_OFFSET);
}
#endif

#endif
