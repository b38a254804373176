// SPDX-License-Identifier: Apache-2.0
/*
 * vmalloc in a booted kernel: areas are usable, read-write and not
 * executable, lie in the vmalloc area, sit between unmapped guard pages
 * (pgtable_lookup() says -ENOENT), and give back every page on vfree();
 * kernel stacks have the guard page below them.
 */
#include <asm/memory.h>
#include <interfaces/ktest.h>
#include <interfaces/mmu.h>
#include <interfaces/page_alloc.h>
#include <interfaces/vmalloc.h>
#include <tessera/errno.h>
#include <tessera/page.h>

static bool mapped(unsigned long va)
{
	return pgtable_lookup(pgtable_kernel(), va, NULL, NULL) == 0;
}

/* The page tables an area needs stay; take them before counting pages. */
static void warm_up(void)
{
	vfree(vmalloc(PAGE_SIZE));
}

static void vmalloc_area_usable(struct ktest *t)
{
	const unsigned long size = 3 * PAGE_SIZE + 100, pages = 4;
	unsigned long free_before, va, i;
	volatile u8 *p;
	pgprot_t prot;

	warm_up();
	free_before = nr_free_pages();
	p = vmalloc(size);
	KTEST_ASSERT(t, p != NULL);
	va = (unsigned long)p;
	KTEST_EXPECT(t, va >= VMALLOC_START && va + size <= VMALLOC_END);
	KTEST_EXPECT(t, IS_ALIGNED(va, PAGE_SIZE));
	KTEST_EXPECT_EQ(t, nr_free_pages(), free_before - pages);

	for (i = 0; i < size; i++)
		p[i] = (u8)(i * 7 + 3);
	for (i = 0; i < size; i++)
		if (p[i] != (u8)(i * 7 + 3))
			break;
	KTEST_EXPECT_EQ(t, i, size);

	for (i = 0; i < pages; i++) {
		KTEST_EXPECT_EQ(t, pgtable_lookup(pgtable_kernel(), va + i * PAGE_SIZE, NULL, &prot), 0);
		KTEST_EXPECT_EQ(t, prot, PAGE_KERNEL);
	}
	KTEST_EXPECT_EQ(t, pgtable_lookup(pgtable_kernel(), va - PAGE_SIZE, NULL, NULL), -ENOENT);
	KTEST_EXPECT_EQ(t, pgtable_lookup(pgtable_kernel(), va + pages * PAGE_SIZE, NULL, NULL),
			-ENOENT);

	vfree((void *)p);
	for (i = 0; i < pages; i++)
		KTEST_EXPECT(t, !mapped(va + i * PAGE_SIZE));
	KTEST_EXPECT_EQ(t, nr_free_pages(), free_before);
}

static void vmalloc_areas_apart(struct ktest *t)
{
	unsigned long a, b, c;

	warm_up();
	a = (unsigned long)vmalloc(PAGE_SIZE);
	b = (unsigned long)vmalloc(2 * PAGE_SIZE);
	c = (unsigned long)vmalloc(PAGE_SIZE);
	KTEST_ASSERT(t, a && b && c);
	/* Whatever the layout, an unmapped page on each side of each area. */
	KTEST_EXPECT(t, !mapped(a - PAGE_SIZE) && !mapped(a + PAGE_SIZE));
	KTEST_EXPECT(t, !mapped(b - PAGE_SIZE) && !mapped(b + 2 * PAGE_SIZE));
	KTEST_EXPECT(t, !mapped(c - PAGE_SIZE) && !mapped(c + PAGE_SIZE));
	KTEST_EXPECT(t, b > a + PAGE_SIZE || b + 2 * PAGE_SIZE < a);
	vfree((void *)b);
	vfree((void *)a);
	vfree((void *)c);
	KTEST_EXPECT(t, !mapped(a) && !mapped(b) && !mapped(c));
	/* Nothing to do; no crash. */
	vfree(NULL);
	KTEST_EXPECT(t, vmalloc(0) == NULL);
}

static void vmalloc_too_big_fails_cleanly(struct ktest *t)
{
	unsigned long free_before;

	warm_up();
	free_before = nr_free_pages();
	/* More address space than there is. */
	KTEST_EXPECT(t, vmalloc(VMALLOC_END - VMALLOC_START) == NULL);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free_before);
	/*
	 * More pages than there are: every page taken is given back. Only
	 * where that is quick to find out (a few hundred MiB at most). The
	 * first try leaves the page tables of the range behind (they stay
	 * for later areas), the second must take nothing.
	 */
	if (free_before <= 65536) {
		KTEST_EXPECT(t, vmalloc((free_before + 16) * PAGE_SIZE) == NULL);
		free_before = nr_free_pages();
		KTEST_EXPECT(t, vmalloc((free_before + 16) * PAGE_SIZE) == NULL);
		KTEST_EXPECT_EQ(t, nr_free_pages(), free_before);
	}
}

static void kernel_stack_has_guard(struct ktest *t)
{
	volatile unsigned long *stack;
	unsigned long base, i;

	warm_up();
	stack = alloc_kernel_stack();
	KTEST_ASSERT(t, stack != NULL);
	base = (unsigned long)stack;
	KTEST_EXPECT(t, base >= VMALLOC_START && base < VMALLOC_END);
	KTEST_EXPECT_EQ(t, pgtable_lookup(pgtable_kernel(), base - PAGE_SIZE, NULL, NULL), -ENOENT);
	KTEST_EXPECT_EQ(t, pgtable_lookup(pgtable_kernel(), base + THREAD_SIZE, NULL, NULL),
			-ENOENT);
	for (i = 0; i < THREAD_SIZE / sizeof(*stack); i++)
		stack[i] = i;
	for (i = 0; i < THREAD_SIZE / PAGE_SIZE; i++)
		KTEST_EXPECT(t, mapped(base + i * PAGE_SIZE));
	KTEST_EXPECT_EQ(t, stack[THREAD_SIZE / sizeof(*stack) - 1], THREAD_SIZE / sizeof(*stack) - 1);
	free_kernel_stack((void *)stack);
	KTEST_EXPECT(t, !mapped(base));
}

KTEST_SUITE(vmalloc,
	    KTEST_CASE(vmalloc_area_usable),
	    KTEST_CASE(vmalloc_areas_apart),
	    KTEST_CASE(vmalloc_too_big_fails_cleanly),
	    KTEST_CASE(kernel_stack_has_guard));
