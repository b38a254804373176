/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Kernel stacks: THREAD_SIZE (16 KiB), lowest address returned.
 *
 * With the vmalloc component in the product they are vmalloc areas
 * (alloc_kernel_stack()), each with an unmapped guard page right below:
 * an overflow faults there and the arch reports "kernel stack overflow" for
 * the current task (it knows the guard from thread_struct.stack_guard,
 * which task_stack_guard() fills in). Without vmalloc they come from the
 * page allocator, contiguous in the direct map and without a guard: an
 * overflow there runs into the neighbouring pages unnoticed.
 */
#include <autoconf.h>
#include <tessera/page.h>
#include <tessera/sched.h>
#include <interfaces/kthread.h>
#include <interfaces/page_alloc.h>
#ifdef HAVE_VMALLOC
#include <interfaces/vmalloc.h>
#endif
#include "sched_internal.h"

#define THREAD_SIZE_ORDER 2
_Static_assert((PAGE_SIZE << THREAD_SIZE_ORDER) == THREAD_SIZE, "THREAD_SIZE_ORDER");

void *task_stack_alloc(void)
{
#ifdef HAVE_VMALLOC
	return alloc_kernel_stack();
#else
	return (void *)__get_free_pages(GFP_KERNEL, THREAD_SIZE_ORDER);
#endif
}

void task_stack_free(void *stack)
{
#ifdef HAVE_VMALLOC
	free_kernel_stack(stack);
#else
	free_pages((unsigned long)stack, THREAD_SIZE_ORDER);
#endif
}

unsigned long task_stack_guard(const void *stack)
{
#ifdef HAVE_VMALLOC
	return (unsigned long)stack - PAGE_SIZE;
#else
	(void)stack;
	return 0;
#endif
}
