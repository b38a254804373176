/* SPDX-License-Identifier: Apache-2.0 */
/* In-kernel checks of what the riscv64 boot path claims. */
#include <tessera/boot.h>
#include <tessera/compiler.h>
#include <tessera/ktest.h>
#include <tessera/page.h>
#include <asm/memory.h>
#include <interfaces/arch.h>
#include <interfaces/ktest.h>
#include <interfaces/lib.h>
#include "../csr.h"
#include "../riscv64.h"

static const struct mem_region *region_of(phys_addr_t pa)
{
	const struct boot_info *bi = arch_boot_info();

	for (unsigned int i = 0; i < bi->nr_regions; i++) {
		const struct mem_region *r = &bi->regions[i];

		if (pa >= r->base && pa - r->base < r->size)
			return r;
	}
	return NULL;
}

static void riscv64_has_usable_ram(struct ktest *t)
{
	const struct boot_info *bi = arch_boot_info();
	unsigned int usable = 0;

	KTEST_ASSERT(t, bi->nr_regions > 0 && bi->nr_regions <= BOOT_MAX_MEM_REGIONS);
	for (unsigned int i = 0; i < bi->nr_regions; i++)
		usable += bi->regions[i].type == MEM_USABLE;
	KTEST_EXPECT(t, usable >= 1);
	KTEST_EXPECT_STREQ(t, bi->loader, "OpenSBI");
}

static void riscv64_regions_sorted_disjoint(struct ktest *t)
{
	const struct boot_info *bi = arch_boot_info();

	for (unsigned int i = 0; i < bi->nr_regions; i++) {
		const struct mem_region *r = &bi->regions[i];

		KTEST_EXPECT(t, r->size > 0);
		KTEST_EXPECT(t, IS_ALIGNED(r->base | r->size, PAGE_SIZE));
		KTEST_EXPECT(t, r->base + r->size > r->base);
		if (i)
			KTEST_EXPECT(t, bi->regions[i - 1].base +
					bi->regions[i - 1].size <= r->base);
	}
}

static void riscv64_kernel_region(struct ktest *t)
{
	phys_addr_t start = virt_to_phys(_kernel_start);
	phys_addr_t end = virt_to_phys(_kernel_end);
	const struct mem_region *r = region_of(start);

	KTEST_EXPECT_EQ(t, start, KERNEL_LOAD_PHYS);
	KTEST_ASSERT(t, r != NULL);
	KTEST_EXPECT_EQ(t, r->type, MEM_KERNEL);
	KTEST_EXPECT(t, r->base <= start && end <= r->base + r->size);
}

static void riscv64_firmware_not_usable(struct ktest *t)
{
	/* OpenSBI lives at the bottom of RAM, below the kernel. */
	const struct mem_region *r = region_of(KERNEL_PHYS_BASE);

	KTEST_EXPECT(t, r == NULL || r->type != MEM_USABLE);
	r = region_of(riscv64_boot_dtb);
	KTEST_EXPECT(t, r == NULL || r->type != MEM_USABLE);
}

static void riscv64_phys_virt_round_trip(struct ktest *t)
{
	const struct boot_info *bi = arch_boot_info();
	static volatile unsigned long probe = 0x7e55e7a;

	for (unsigned int i = 0; i < bi->nr_regions; i++) {
		phys_addr_t pa = bi->regions[i].base + bi->regions[i].size / 2;

		KTEST_EXPECT_EQ(t, virt_to_phys(phys_to_virt(pa)), pa);
	}
	/* The kernel mapping and the direct map alias the same memory. */
	KTEST_EXPECT_EQ(t, *(volatile unsigned long *)phys_to_virt(
				virt_to_phys((const void *)&probe)), 0x7e55e7a);
}

static void riscv64_irq_save_restore(struct ktest *t)
{
	unsigned long outer, inner;

	outer = arch_irq_save();
	KTEST_EXPECT_EQ(t, csr_read(sstatus) & SR_SIE, 0);
	inner = arch_irq_save();
	KTEST_EXPECT_EQ(t, inner, 0);
	arch_irq_restore(inner);
	KTEST_EXPECT_EQ(t, csr_read(sstatus) & SR_SIE, 0);
	arch_irq_restore(outer);
	KTEST_EXPECT_EQ(t, csr_read(sstatus) & SR_SIE, outer);
}

static void riscv64_read_cycles_advances(struct ktest *t)
{
	u64 a = arch_read_cycles(), b = a;

	for (unsigned long spin = 0; spin < 10000000 && b == a; spin++)
		b = arch_read_cycles();
	KTEST_EXPECT(t, b > a);
}

static void riscv64_arch_name_is_riscv64(struct ktest *t)
{
	KTEST_EXPECT_STREQ(t, arch_name(), "riscv64");
}

KTEST_SUITE(riscv64,
	KTEST_CASE(riscv64_has_usable_ram),
	KTEST_CASE(riscv64_regions_sorted_disjoint),
	KTEST_CASE(riscv64_kernel_region),
	KTEST_CASE(riscv64_firmware_not_usable),
	KTEST_CASE(riscv64_phys_virt_round_trip),
	KTEST_CASE(riscv64_irq_save_restore),
	KTEST_CASE(riscv64_read_cycles_advances),
	KTEST_CASE(riscv64_arch_name_is_riscv64));
