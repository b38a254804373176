/* SPDX-License-Identifier: Apache-2.0 */
/* Paging internals shared by setup.c, traps.c and mmu.c (arch-private). */
#ifndef ARCH_X86_64_MMU_H
#define ARCH_X86_64_MMU_H

#include <asm/memory.h>
#include <tessera/boot.h>
#include <tessera/types.h>

/* Before x86_64_paging_init(): physical memory below EARLY_MAP_SIZE only. */
static inline void *early_phys_to_virt(phys_addr_t pa)
{
	return (void *)(uintptr_t)(pa + KERNEL_VIRT_BASE);
}

/*
 * A kernel stack whose lowest page is an unmapped guard: [guard,
 * guard + PAGE_SIZE) faults, the stack is [guard + PAGE_SIZE, top).
 */
struct x86_64_stack {
	const char *name;
	unsigned long guard;
	unsigned long top;
};

/* Indexes in x86_64_stacks[]. */
#define X86_64_STACK_BOOT 0
#define X86_64_STACK_DF   1

extern const struct x86_64_stack x86_64_stacks[];
extern const unsigned int x86_64_nr_stacks;

/* Build the kernel's page tables from the boot memory and switch to them. */
void x86_64_paging_init(const struct boot_info *bi);
/* Whether @va is mapped in the kernel's tables (safe in a trap handler). */
bool x86_64_kernel_mapped(unsigned long va);

#endif
