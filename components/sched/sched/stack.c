/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Kernel stacks: THREAD_SIZE (16 KiB) from the page allocator, lowest
 * address returned. No guard page yet: when the vmalloc component lands,
 * these two become alloc_kernel_stack()/free_kernel_stack() (an unmapped
 * page below each stack), a one-line change each.
 */
#include <tessera/page.h>
#include <tessera/sched.h>
#include <interfaces/kthread.h>
#include <interfaces/page_alloc.h>

#define THREAD_SIZE_ORDER 2
_Static_assert((PAGE_SIZE << THREAD_SIZE_ORDER) == THREAD_SIZE, "THREAD_SIZE_ORDER");

void *task_stack_alloc(void)
{
	return (void *)__get_free_pages(GFP_KERNEL, THREAD_SIZE_ORDER);
}

void task_stack_free(void *stack)
{
	free_pages((unsigned long)stack, THREAD_SIZE_ORDER);
}
