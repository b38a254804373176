/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host test of memmap.c: loader maps as QEMU gives them, and the awkward
 * ones it could give (overlaps, disorder, unaligned, huge, too many).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tessera/testing/check.h>

#include "memmap.c"

#define MiB (1ULL << 20)
#define GiB (1ULL << 30)
#define DIRECT_END (2 * GiB)
#define KSTART (1 * MiB)
#define KEND   (1 * MiB + 0x12345)

static struct boot_info bi;

static void dump(void)
{
	unsigned int i;

	for (i = 0; i < bi.nr_regions; i++)
		fprintf(stderr, "  %#llx-%#llx %s\n",
			(unsigned long long)bi.regions[i].base,
			(unsigned long long)(bi.regions[i].base + bi.regions[i].size),
			mem_region_type_name(bi.regions[i].type));
}

/* The promises every map makes, whatever the input. */
static void check_invariants(void)
{
	unsigned int i, kernel = 0;
	unsigned long before = check_failures;

	CHECK(bi.nr_regions <= BOOT_MAX_MEM_REGIONS);
	for (i = 0; i < bi.nr_regions; i++) {
		const struct mem_region *r = &bi.regions[i];

		CHECK(r->size > 0);
		if (i > 0) {
			const struct mem_region *p = &bi.regions[i - 1];

			CHECK(p->base + p->size <= r->base);
			/* Touching neighbours of one type would have been merged. */
			CHECK(!(p->base + p->size == r->base && p->type == r->type));
		}
		if (r->type == MEM_USABLE) {
			CHECK(r->base % PAGE_SIZE == 0 && r->size % PAGE_SIZE == 0);
			CHECK(r->base >= LOW_MEMORY_END);
			CHECK(r->base + r->size <= DIRECT_END);
			CHECK(r->base + r->size <= KSTART || r->base >= ALIGN_UP(KEND, PAGE_SIZE));
		}
		if (r->type == MEM_KERNEL) {
			kernel++;
			CHECK(r->base <= KSTART && r->base + r->size >= KEND);
		}
	}
	CHECK(kernel == 1);
	if (check_failures != before)
		dump();
}

static void build(const struct hvm_memmap_table_entry *map, unsigned int nr)
{
	memset(&bi, 0xa5, sizeof(bi));
	x86_64_memmap_build(&bi, map, nr, KSTART, KEND, DIRECT_END);
	check_invariants();
}

static void expect_region(unsigned int i, u64 base, u64 end, enum mem_region_type type)
{
	CHECK(i < bi.nr_regions);
	if (i >= bi.nr_regions)
		return;
	CHECK(bi.regions[i].base == base);
	CHECK(bi.regions[i].base + bi.regions[i].size == end);
	CHECK(bi.regions[i].type == type);
}

static void test_qemu_pc_128m(void)
{
	const struct hvm_memmap_table_entry map[] = {
		{ 0, 0x7fe0000, E820_TYPE_RAM, 0 },
		{ 0xfffc0000, 0x40000, 2, 0 },
	};

	build(map, 2);
	CHECK(bi.nr_regions == 4);
	expect_region(0, 0, MiB, MEM_RESERVED);
	expect_region(1, MiB, 0x113000, MEM_KERNEL);
	expect_region(2, 0x113000, 0x7fe0000, MEM_USABLE);
	expect_region(3, 0xfffc0000, 0x100000000ULL, MEM_RESERVED);
}

static void test_unsorted_overlapping(void)
{
	const struct hvm_memmap_table_entry map[] = {
		{ 0x800000, 0x100000, 2, 0 },           /* reserved inside RAM */
		{ 0x100000, 0xf00000, E820_TYPE_RAM, 0 },
		{ 0x400000, 0x200000, E820_TYPE_RAM, 0 },  /* duplicate RAM */
		{ 0, 0x9fc00, E820_TYPE_RAM, 0 },
	};

	build(map, 4);
	expect_region(0, 0, MiB, MEM_RESERVED);
	expect_region(1, MiB, 0x113000, MEM_KERNEL);
	expect_region(2, 0x113000, 0x800000, MEM_USABLE);
	expect_region(3, 0x800000, 0x900000, MEM_RESERVED);
	expect_region(4, 0x900000, 0x1000000, MEM_USABLE);
	CHECK(bi.nr_regions == 5);
}

static void test_beyond_direct_map(void)
{
	const struct hvm_memmap_table_entry map[] = {
		{ 0, 3 * GiB, E820_TYPE_RAM, 0 },
		{ 4 * GiB, 4 * GiB, E820_TYPE_RAM, 0 },
	};

	build(map, 2);
	expect_region(2, 0x113000, DIRECT_END, MEM_USABLE);
	expect_region(3, DIRECT_END, 3 * GiB, MEM_RESERVED);
	expect_region(4, 4 * GiB, 8 * GiB, MEM_RESERVED);
}

static void test_unaligned_ram(void)
{
	const struct hvm_memmap_table_entry map[] = {
		{ 0x200123, 0x100000, E820_TYPE_RAM, 0 },
		{ 0x400000, 0x800, E820_TYPE_RAM, 0 },    /* less than a page */
	};

	build(map, 2);
	expect_region(2, 0x201000, 0x300000, MEM_USABLE);
	CHECK(bi.nr_regions == 3);
}

static void test_wraparound(void)
{
	const struct hvm_memmap_table_entry map[] = {
		{ 0x100000, 0x1000000, E820_TYPE_RAM, 0 },
		{ 0xfffffffffffff000ULL, 0x2000, 2, 0 },
		{ 0x5000000, 0, E820_TYPE_RAM, 0 },       /* empty */
	};

	build(map, 3);
	expect_region(3, 0xfffffffffffff000ULL, UINT64_MAX, MEM_RESERVED);
	CHECK(bi.nr_regions == 4);
}

static void test_too_many_entries(void)
{
	static struct hvm_memmap_table_entry map[100];
	unsigned int i;

	for (i = 0; i < 100; i++) {
		map[i].addr = 16 * MiB + i * 2 * MiB;
		map[i].size = MiB;
		map[i].type = i % 3 ? E820_TYPE_RAM : 2;
	}
	map[0].addr = 0;
	map[0].size = 8 * MiB;
	map[0].type = E820_TYPE_RAM;
	build(map, 100);
	CHECK(bi.nr_regions == BOOT_MAX_MEM_REGIONS);
}

static void test_no_map(void)
{
	build(NULL, 0);
	CHECK(bi.nr_regions == 2);
	expect_region(0, 0, MiB, MEM_RESERVED);
	expect_region(1, MiB, 0x113000, MEM_KERNEL);
}

int main(void)
{
	test_qemu_pc_128m();
	test_unsorted_overlapping();
	test_beyond_direct_map();
	test_unaligned_ram();
	test_wraparound();
	test_too_many_entries();
	test_no_map();
	return check_summary("test_memmap");
}
