/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the x86_64 boot code promises the rest of the kernel: a sane memory
 * map that protects the image, a working direct map, and the small CPU
 * operations of the arch interface.
 */
#include <asm/irqflags.h>
#include <asm/memory.h>
#include <asm/sections.h>
#include <interfaces/arch.h>
#include <interfaces/ktest.h>
#include <interfaces/lib.h>
#include <tessera/compiler.h>
#include <tessera/page.h>

static void boot_info_loader(struct ktest *t)
{
	const struct boot_info *bi = arch_boot_info();

	KTEST_ASSERT(t, bi->loader != NULL);
	KTEST_EXPECT_STREQ(t, bi->loader, "PVH");
	KTEST_EXPECT(t, strnlen(bi->cmdline, BOOT_CMDLINE_MAX) < BOOT_CMDLINE_MAX);
	KTEST_EXPECT_STREQ(t, arch_name(), "x86_64");
}

static void memmap_has_usable_ram(struct ktest *t)
{
	const struct boot_info *bi = arch_boot_info();
	unsigned int i, usable = 0;

	KTEST_ASSERT(t, bi->nr_regions > 0);
	KTEST_ASSERT(t, bi->nr_regions <= BOOT_MAX_MEM_REGIONS);
	for (i = 0; i < bi->nr_regions; i++)
		if (bi->regions[i].type == MEM_USABLE)
			usable++;
	KTEST_EXPECT(t, usable >= 1);
}

static void memmap_sorted_disjoint(struct ktest *t)
{
	const struct boot_info *bi = arch_boot_info();
	unsigned int i;

	for (i = 0; i < bi->nr_regions; i++) {
		const struct mem_region *r = &bi->regions[i];

		KTEST_EXPECT(t, r->size > 0);
		KTEST_EXPECT(t, r->base + r->size > r->base);
		KTEST_EXPECT(t, r->type == MEM_USABLE || r->type == MEM_RESERVED ||
				r->type == MEM_KERNEL);
		if (i > 0)
			KTEST_EXPECT(t, bi->regions[i - 1].base + bi->regions[i - 1].size <=
					r->base);
	}
}

static void memmap_usable_in_direct_map(struct ktest *t)
{
	const struct boot_info *bi = arch_boot_info();
	unsigned int i;

	for (i = 0; i < bi->nr_regions; i++) {
		const struct mem_region *r = &bi->regions[i];

		if (r->type != MEM_USABLE)
			continue;
		KTEST_EXPECT(t, IS_ALIGNED(r->base, (u64)PAGE_SIZE));
		KTEST_EXPECT(t, IS_ALIGNED(r->size, (u64)PAGE_SIZE));
		KTEST_EXPECT(t, r->base + r->size <= DIRECT_MAP_SIZE);
		/* The low 1 MiB holds the loader's tables and the BIOS. */
		KTEST_EXPECT(t, r->base >= 0x100000);
	}
}

static void memmap_kernel_region_covers_image(struct ktest *t)
{
	const struct boot_info *bi = arch_boot_info();
	phys_addr_t start = virt_to_phys(_kernel_start);
	phys_addr_t end = virt_to_phys(_kernel_end);
	unsigned int i, found = 0;

	KTEST_ASSERT(t, start < end);
	for (i = 0; i < bi->nr_regions; i++) {
		const struct mem_region *r = &bi->regions[i];

		if (r->type == MEM_KERNEL && r->base <= start && r->base + r->size >= end)
			found++;
		/* No usable page may overlap the image. */
		if (r->type == MEM_USABLE)
			KTEST_EXPECT(t, r->base + r->size <= start || r->base >= end);
	}
	KTEST_EXPECT_EQ(t, found, 1);
}

static int direct_map_probe = 0x5a5a;

static void direct_map_round_trip(struct ktest *t)
{
	const struct boot_info *bi = arch_boot_info();
	phys_addr_t pa = virt_to_phys(&direct_map_probe);
	volatile int *alias = phys_to_virt(pa);
	unsigned int i;

	/* The image and the direct map are two views of the same memory. */
	KTEST_EXPECT(t, (uintptr_t)alias >= PAGE_OFFSET);
	KTEST_EXPECT(t, (uintptr_t)alias < PAGE_OFFSET + DIRECT_MAP_SIZE);
	KTEST_EXPECT_EQ(t, virt_to_phys((const void *)alias), pa);
	KTEST_EXPECT_EQ(t, *alias, 0x5a5a);
	direct_map_probe = 0x1234;
	KTEST_EXPECT_EQ(t, *alias, 0x1234);
	KTEST_EXPECT_EQ(t, virt_to_phys(phys_to_virt(0x200000)), 0x200000);
	KTEST_EXPECT_EQ(t, virt_to_phys(_kernel_start), KERNEL_PHYS_BASE);

	/* First and last word of each usable region: mapped and writable. */
	for (i = 0; i < bi->nr_regions; i++) {
		const struct mem_region *r = &bi->regions[i];
		volatile u64 *first, *last;
		u64 saved;

		if (r->type != MEM_USABLE)
			continue;
		first = phys_to_virt(r->base);
		last = phys_to_virt(r->base + r->size - sizeof(u64));
		KTEST_EXPECT_EQ(t, virt_to_phys((const void *)first), r->base);
		saved = *last;
		*last = 0x1122334455667788ULL;
		KTEST_EXPECT_EQ(t, *last, 0x1122334455667788ULL);
		*last = saved;
		saved = *first;
		*first = ~saved;
		KTEST_EXPECT_EQ(t, *first, ~saved);
		*first = saved;
	}
}

static void irq_save_restore(struct ktest *t)
{
	unsigned long before = native_save_fl();
	unsigned long outer, inner;

	outer = arch_irq_save();
	KTEST_EXPECT_EQ(t, outer, before);
	KTEST_EXPECT_EQ(t, native_save_fl() & X86_EFLAGS_IF, 0);

	inner = arch_irq_save();
	KTEST_EXPECT_EQ(t, inner & X86_EFLAGS_IF, 0);
	arch_irq_restore(inner);
	/* Restoring the inner state must not enable interrupts early. */
	KTEST_EXPECT_EQ(t, native_save_fl() & X86_EFLAGS_IF, 0);

	arch_irq_restore(outer);
	KTEST_EXPECT_EQ(t, native_save_fl(), before);
}

static void read_cycles_advances(struct ktest *t)
{
	u64 first = arch_read_cycles(), last = first;
	unsigned int i;

	for (i = 0; i < 1000 && last == first; i++)
		last = arch_read_cycles();
	KTEST_EXPECT(t, last > first);
}

KTEST_SUITE(x86_64,
	    KTEST_CASE(boot_info_loader),
	    KTEST_CASE(memmap_has_usable_ram),
	    KTEST_CASE(memmap_sorted_disjoint),
	    KTEST_CASE(memmap_usable_in_direct_map),
	    KTEST_CASE(memmap_kernel_region_covers_image),
	    KTEST_CASE(direct_map_round_trip),
	    KTEST_CASE(irq_save_restore),
	    KTEST_CASE(read_cycles_advances));
