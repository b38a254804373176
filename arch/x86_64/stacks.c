/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The kernel stacks that exist before any allocator: the boot stack
 * (boot.S) and the exception (IST) stacks. Each has a guard page below it
 * that mmu.c leaves unmapped, so an overflow faults on the guard instead of
 * running into whatever lies below; the double-fault handler then names
 * the stack (traps.c). Thread stacks come from vmalloc's
 * alloc_kernel_stack(), with guards of their own.
 */
#include <tessera/compiler.h>
#include <tessera/page.h>

#include "mmu.h"

#define EXCEPTION_STACK_SIZE 16384

extern u8 boot_stack_guard[], boot_stack_top[];

/* First page: the guard. In .bss, page aligned: mmu.c maps .bss page by page. */
u8 x86_64_df_stack[PAGE_SIZE + EXCEPTION_STACK_SIZE] __aligned(PAGE_SIZE);

const struct x86_64_stack x86_64_stacks[] = {
	{ "boot", (unsigned long)boot_stack_guard, (unsigned long)boot_stack_top },
	{ "double-fault (IST1)", (unsigned long)x86_64_df_stack,
	  (unsigned long)(x86_64_df_stack + sizeof(x86_64_df_stack)) },
};

const unsigned int x86_64_nr_stacks = ARRAY_SIZE(x86_64_stacks);
