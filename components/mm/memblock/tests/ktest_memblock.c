// SPDX-License-Identifier: Apache-2.0
/*
 * memblock as the running kernel left it: the architecture reported RAM and
 * the kernel image, and the page allocator took the free ranges.
 */
#include <asm/memory.h>
#include <interfaces/ktest.h>
#include <interfaces/memblock.h>

static int a_kernel_object;

static void ram_was_reported(struct ktest *test)
{
	KTEST_EXPECT(test, memblock_phys_mem_size() > 0);
	KTEST_EXPECT(test, memblock_start_of_DRAM() < memblock_end_of_DRAM());
	KTEST_EXPECT(test, memblock_phys_mem_size() <=
			   memblock_end_of_DRAM() - memblock_start_of_DRAM());
}

static void kernel_image_is_reserved(struct ktest *test)
{
	phys_addr_t pa = virt_to_phys(&a_kernel_object);

	KTEST_EXPECT(test, memblock_is_memory(pa));
	KTEST_EXPECT(test, memblock_is_reserved(pa));
	KTEST_EXPECT(test, memblock_reserved_size() < memblock_phys_mem_size());
}

static void free_ranges_are_memory_and_unreserved(struct ktest *test)
{
	phys_addr_t start, end, prev_end = 0, total = 0;
	u64 cursor;

	for_each_free_mem_range(cursor, start, end) {
		KTEST_EXPECT(test, start < end);
		KTEST_EXPECT(test, start >= prev_end);
		KTEST_EXPECT(test, memblock_is_memory(start) && memblock_is_memory(end - 1));
		KTEST_EXPECT(test, !memblock_is_reserved(start) && !memblock_is_reserved(end - 1));
		prev_end = end;
		total += end - start;
	}
	KTEST_EXPECT(test, total > 0);
	KTEST_EXPECT_EQ(test, total + memblock_reserved_size(), memblock_phys_mem_size());
}

KTEST_SUITE(memblock,
	    KTEST_CASE(ram_was_reported),
	    KTEST_CASE(kernel_image_is_reserved),
	    KTEST_CASE(free_ranges_are_memory_and_unreserved));
