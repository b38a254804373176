/* SPDX-License-Identifier: Apache-2.0 */
/* In-kernel checks of what the riscv64 boot path claims. */
#include <tessera/boot.h>
#include <tessera/compiler.h>
#include <tessera/errno.h>
#include <tessera/ktest.h>
#include <tessera/page.h>
#include <tessera/pgtable.h>
#include <asm/io.h>
#include <asm/memory.h>
#include <asm/platform.h>
#include <interfaces/arch.h>
#include <interfaces/ktest.h>
#include <interfaces/lib.h>
#include <interfaces/memblock.h>
#include <interfaces/mmu.h>
#include <interfaces/printk.h>
#include <tessera/printk.h>
#include "../csr.h"
#include "../pgtable.h"
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

/* What the kernel page table says about @va: -ENOENT, or 0 with *prot. */
static int prot_of(const void *va, pgprot_t *prot)
{
	phys_addr_t pa;
	int ret = pgtable_lookup(pgtable_kernel(), (unsigned long)va, &pa, prot);

	if (!ret && pa != virt_to_phys(va))
		return -EFAULT;
	return ret;
}

/* The byte below a linker symbol, without an out-of-bounds pointer. */
static const void *byte_before(const char *sym)
{
	return (const void *)((uintptr_t)sym - 1);
}

static pgprot_t prot_bits(pgprot_t prot)
{
	return prot & (PGPROT_READ | PGPROT_WRITE | PGPROT_EXEC);
}

static unsigned long rw_probe = 1;

/* Text R+X, rodata R, data and bss R+W: never writable and executable. */
static void riscv64_image_protections(struct ktest *t)
{
	static const char ro_probe[] = "rodata";
	pgprot_t prot;

	KTEST_ASSERT(t, prot_of(_stext, &prot) == 0);
	KTEST_EXPECT_EQ(t, prot_bits(prot), PAGE_KERNEL_EXEC);
	KTEST_ASSERT(t, prot_of(byte_before(_etext), &prot) == 0);
	KTEST_EXPECT_EQ(t, prot_bits(prot), PAGE_KERNEL_EXEC);
	KTEST_ASSERT(t, prot_of((const void *)riscv64_image_protections, &prot) == 0);
	KTEST_EXPECT_EQ(t, prot_bits(prot), PAGE_KERNEL_EXEC);
	KTEST_ASSERT(t, prot_of(__start_rodata, &prot) == 0);
	KTEST_EXPECT_EQ(t, prot_bits(prot), PAGE_KERNEL_RO);
	KTEST_ASSERT(t, prot_of(ro_probe, &prot) == 0);
	KTEST_EXPECT_EQ(t, prot_bits(prot), PAGE_KERNEL_RO);
	KTEST_ASSERT(t, prot_of(byte_before(__end_rodata), &prot) == 0);
	KTEST_EXPECT_EQ(t, prot_bits(prot), PAGE_KERNEL_RO);
	KTEST_ASSERT(t, prot_of(_sdata, &prot) == 0);
	KTEST_EXPECT_EQ(t, prot_bits(prot), PAGE_KERNEL);
	KTEST_ASSERT(t, prot_of(&rw_probe, &prot) == 0);        /* .sdata */
	KTEST_EXPECT_EQ(t, prot_bits(prot), PAGE_KERNEL);
	KTEST_ASSERT(t, prot_of(boot_stack, &prot) == 0);       /* .bss */
	KTEST_EXPECT_EQ(t, prot_bits(prot), PAGE_KERNEL);
	KTEST_ASSERT(t, prot_of(byte_before(_kernel_end), &prot) == 0);
	KTEST_EXPECT_EQ(t, prot_bits(prot), PAGE_KERNEL);
	/* Nothing past the image in the kernel window. */
	KTEST_EXPECT_EQ(t, prot_of(_kernel_end, &prot), -ENOENT);
	/* The direct-map alias of code is read-only too. */
	KTEST_ASSERT(t, prot_of(phys_to_virt(virt_to_phys(_stext)), &prot) == 0);
	KTEST_EXPECT_EQ(t, prot_bits(prot), PAGE_KERNEL_RO);
}

/* Every range of RAM that memblock knows is in the direct map, R+W and
 * never executable, and nothing around it is. */
static void riscv64_direct_map_covers_memory(struct ktest *t)
{
	const struct boot_info *bi = arch_boot_info();
	const unsigned long text_lo = (unsigned long)phys_to_virt(virt_to_phys(_stext));
	const unsigned long text_hi = (unsigned long)phys_to_virt(virt_to_phys(__end_rodata));
	const unsigned long guard = (unsigned long)phys_to_virt(virt_to_phys(boot_stack_guard));
	phys_addr_t total = 0;
	pgprot_t prot;

	for (unsigned int i = 0; i < bi->nr_regions; i++) {
		const struct mem_region *r = &bi->regions[i];

		KTEST_EXPECT(t, memblock_is_memory(r->base));
		for (phys_addr_t pa = r->base; pa < r->base + r->size; pa += PAGE_SIZE) {
			unsigned long va = (unsigned long)phys_to_virt(pa);

			if (va == guard)
				continue;
			if (prot_of((void *)va, &prot)) {
				ktest_fail(t, __FILE__, __LINE__, "phys 0x%lx is not in the direct map", (unsigned long)pa);
				return;
			}
			if (prot_bits(prot) != (va >= text_lo && va < text_hi ? PAGE_KERNEL_RO
									       : PAGE_KERNEL)) {
				ktest_fail(t, __FILE__, __LINE__, "phys 0x%lx: direct map protection 0x%lx",
					   (unsigned long)pa, prot);
				return;
			}
		}
		total += r->size;
	}
	KTEST_EXPECT_EQ(t, total, memblock_phys_mem_size());
	KTEST_EXPECT_EQ(t, prot_of(phys_to_virt(memblock_end_of_DRAM()), &prot), -ENOENT);
	/* Device addresses are not in the direct map. */
	KTEST_EXPECT_EQ(t, prot_of(phys_to_virt(PLATFORM_UART0_PHYS), &prot), -ENOENT);
	KTEST_EXPECT_EQ(t, prot_of(phys_to_virt(0), &prot), -ENOENT);
}

/*
 * All RAM is usable: the first and last word of every usable region can be
 * written and read back through the direct map (restored: a page allocator
 * may keep its lists there). With -m 2G (riscv64-small) that reaches the
 * second gigabyte.
 */
static void riscv64_direct_map_usable(struct ktest *t)
{
	const struct boot_info *bi = arch_boot_info();

	for (unsigned int i = 0; i < bi->nr_regions; i++) {
		const struct mem_region *r = &bi->regions[i];
		volatile u64 *ends[2];

		if (r->type != MEM_USABLE)
			continue;
		ends[0] = phys_to_virt(r->base);
		ends[1] = phys_to_virt(r->base + r->size - sizeof(u64));
		for (unsigned int j = 0; j < 2; j++) {
			unsigned long flags = arch_irq_save();
			u64 saved = *ends[j], seen;

			*ends[j] = 0x5a5aa5a5c3c3f00dULL ^ (uintptr_t)ends[j];
			seen = *ends[j];
			*ends[j] = saved;
			arch_irq_restore(flags);
			KTEST_EXPECT_EQ(t, seen, 0x5a5aa5a5c3c3f00dULL ^ (uintptr_t)ends[j]);
		}
	}
}

/* Large pages where the alignment allows: a 2 MiB-aligned block inside
 * RAM, away from the image, is one megapage (or part of a gigapage). */
static void riscv64_direct_map_large_pages(struct ktest *t)
{
	phys_addr_t top = ALIGN_DOWN(memblock_end_of_DRAM(), 2UL << 20) - (2UL << 20);

	KTEST_ASSERT(t, top > virt_to_phys(_kernel_end));
	KTEST_EXPECT(t, riscv64_pgtable_level(pgtable_kernel(),
					      (unsigned long)phys_to_virt(top)) >= 1);
	/* The image is mapped page by page. */
	KTEST_EXPECT_EQ(t, riscv64_pgtable_level(pgtable_kernel(), (unsigned long)_stext), 0);
}

/* Devices are reached through ioremap(), in the ioremap window. */
static void riscv64_mmio_through_ioremap(struct ktest *t)
{
	unsigned long uart = (unsigned long)platform_mmio(PLATFORM_UART0_PHYS);
	phys_addr_t pa;
	pgprot_t prot;
	void *va;

	KTEST_EXPECT(t, uart >= IOREMAP_START && uart < IOREMAP_END);
	KTEST_ASSERT(t, pgtable_lookup(pgtable_kernel(), uart, &pa, &prot) == 0);
	KTEST_EXPECT_EQ(t, pa, PLATFORM_UART0_PHYS);
	KTEST_EXPECT_EQ(t, prot & (PGPROT_DEVICE | PGPROT_EXEC), PGPROT_DEVICE);
	if (riscv64_sifive_test_phys) {
		unsigned long test = (unsigned long)platform_mmio(riscv64_sifive_test_phys);

		KTEST_EXPECT(t, test >= IOREMAP_START && test < IOREMAP_END);
	}

	/* A fresh mapping keeps the offset in the page, reads the device,
	 * and is gone after iounmap(). */
	va = ioremap(PLATFORM_UART0_PHYS + 5, 1);          /* LSR */
	KTEST_ASSERT(t, va != NULL);
	KTEST_EXPECT_EQ(t, (unsigned long)va & (PAGE_SIZE - 1), 5);
	KTEST_EXPECT_EQ(t, readb(va), readb((u8 *)uart + 5));
	/* The page after the area is a guard. */
	KTEST_EXPECT_EQ(t, pgtable_lookup(pgtable_kernel(),
					  ((unsigned long)va & PAGE_MASK) + PAGE_SIZE, NULL, NULL),
			-ENOENT);
	iounmap(va);
	KTEST_EXPECT_EQ(t, pgtable_lookup(pgtable_kernel(), (unsigned long)va, NULL, NULL),
			-ENOENT);
}

/* The boot stack's guard page is in no mapping; the stack itself is. */
static void riscv64_guard_page_unmapped(struct ktest *t)
{
	pgprot_t prot;

	KTEST_EXPECT_EQ(t, boot_stack_guard + PAGE_SIZE, boot_stack);
	KTEST_EXPECT_EQ(t, prot_of(boot_stack_guard, &prot), -ENOENT);
	KTEST_EXPECT_EQ(t, prot_of(boot_stack_guard + PAGE_SIZE - 1, &prot), -ENOENT);
	KTEST_EXPECT_EQ(t, prot_of(phys_to_virt(virt_to_phys(boot_stack_guard)), &prot),
			-ENOENT);
	KTEST_EXPECT_EQ(t, prot_of(boot_stack, &prot), 0);
	KTEST_EXPECT_EQ(t, prot_of(byte_before(boot_stack_guard), &prot), 0);  /* overflow stack */
	KTEST_EXPECT_EQ(t, riscv64_stack_guard, (unsigned long)boot_stack_guard);
	KTEST_EXPECT(t, riscv64_sp_in_guard((unsigned long)boot_stack_guard + 8));
	KTEST_EXPECT(t, !riscv64_sp_in_guard((unsigned long)boot_stack_top));
	KTEST_EXPECT(t, !riscv64_sp_in_guard((unsigned long)boot_stack_guard - 8));
}

/*
 * The page-table API on a scratch window at the top of the ioremap area
 * (only looked up, never accessed): large pages where aligned, split by
 * protect and unmap, errors for bad arguments and overlaps.
 */
static void riscv64_pgtable_map_protect_unmap(struct ktest *t)
{
	struct pgtable *pt = pgtable_kernel();
	const unsigned long mb2 = 2UL << 20;
	unsigned long va = IOREMAP_END - 4 * mb2;
	phys_addr_t pa = ALIGN_UP(memblock_start_of_DRAM(), mb2), got;
	pgprot_t prot;

	KTEST_ASSERT(t, pgtable_map(pt, va, pa, 2 * mb2, PAGE_KERNEL) == 0);
	KTEST_EXPECT_EQ(t, riscv64_pgtable_level(pt, va), 1);
	KTEST_EXPECT_EQ(t, riscv64_pgtable_level(pt, va + mb2), 1);
	KTEST_EXPECT_EQ(t, pgtable_map(pt, va + PAGE_SIZE, pa, PAGE_SIZE, PAGE_KERNEL), -EEXIST);

	/* protect one page in the middle of the first megapage: split. */
	KTEST_EXPECT_EQ(t, pgtable_protect(pt, va + 5 * PAGE_SIZE, PAGE_SIZE, PAGE_KERNEL_RO), 0);
	KTEST_EXPECT_EQ(t, riscv64_pgtable_level(pt, va), 0);
	KTEST_EXPECT_EQ(t, riscv64_pgtable_level(pt, va + mb2), 1);
	KTEST_ASSERT(t, pgtable_lookup(pt, va + 5 * PAGE_SIZE + 12, &got, &prot) == 0);
	KTEST_EXPECT_EQ(t, got, pa + 5 * PAGE_SIZE + 12);
	KTEST_EXPECT_EQ(t, prot_bits(prot), PAGE_KERNEL_RO);
	KTEST_ASSERT(t, pgtable_lookup(pt, va + 6 * PAGE_SIZE, &got, &prot) == 0);
	KTEST_EXPECT_EQ(t, got, pa + 6 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, prot_bits(prot), PAGE_KERNEL);
	KTEST_ASSERT(t, pgtable_lookup(pt, va + mb2 + 3 * PAGE_SIZE, &got, NULL) == 0);
	KTEST_EXPECT_EQ(t, got, pa + mb2 + 3 * PAGE_SIZE);

	/* unmap one page of the second megapage: split, a hole. */
	KTEST_EXPECT_EQ(t, pgtable_unmap(pt, va + mb2 + PAGE_SIZE, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, pgtable_lookup(pt, va + mb2 + PAGE_SIZE, NULL, NULL), -ENOENT);
	KTEST_EXPECT_EQ(t, pgtable_lookup(pt, va + mb2, NULL, NULL), 0);
	KTEST_EXPECT_EQ(t, pgtable_lookup(pt, va + mb2 + 2 * PAGE_SIZE, NULL, NULL), 0);
	/* protect over a hole is refused. */
	KTEST_EXPECT_EQ(t, pgtable_protect(pt, va + mb2, 4 * PAGE_SIZE, PAGE_KERNEL_RO),
			-ENOENT);

	KTEST_EXPECT_EQ(t, pgtable_unmap(pt, va, 2 * mb2), 0);
	KTEST_EXPECT_EQ(t, pgtable_lookup(pt, va, NULL, NULL), -ENOENT);
	KTEST_EXPECT_EQ(t, pgtable_lookup(pt, va + 2 * mb2 - PAGE_SIZE, NULL, NULL), -ENOENT);

	KTEST_EXPECT_EQ(t, pgtable_map(pt, va + 1, pa, PAGE_SIZE, PAGE_KERNEL), -EINVAL);
	KTEST_EXPECT_EQ(t, pgtable_map(pt, va, pa, 0, PAGE_KERNEL), -EINVAL);
	KTEST_EXPECT_EQ(t, pgtable_map(pt, va, pa, PAGE_SIZE, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, pgtable_protect(pt, va, PAGE_SIZE, PAGE_KERNEL), -ENOENT);
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

/*
 * The initrd the devicetree names (QEMU -initrd): reserved whole, so the
 * page allocator never hands it out, and readable through the direct map.
 * Without one, boot_info says 0/0.
 */
static void riscv64_initrd_reserved(struct ktest *t)
{
	const struct boot_info *bi = arch_boot_info();
	const struct mem_region *r;
	const unsigned char *p;

	if (!bi->initrd_size) {
		KTEST_EXPECT_EQ(t, bi->initrd_start, 0);
		printk(KERN_INFO "# riscv64_initrd_reserved: no initrd (boot with -initrd to check one)\n");
		return;
	}
	r = region_of(bi->initrd_start);
	KTEST_ASSERT(t, r != NULL);
	KTEST_EXPECT_EQ(t, r->type, MEM_RESERVED);
	KTEST_EXPECT(t, bi->initrd_start + bi->initrd_size <= r->base + r->size);
	p = phys_to_virt(bi->initrd_start);
	printk(KERN_INFO "# riscv64_initrd_reserved: initrd 0x%lx, %lu bytes, starts %02x %02x %02x %02x %02x %02x\n",
	       (unsigned long)bi->initrd_start, (unsigned long)bi->initrd_size,
	       p[0], p[1], p[2], p[3], p[4], p[5]);
}

KTEST_SUITE(riscv64,
	KTEST_CASE(riscv64_has_usable_ram),
	KTEST_CASE(riscv64_regions_sorted_disjoint),
	KTEST_CASE(riscv64_kernel_region),
	KTEST_CASE(riscv64_firmware_not_usable),
	KTEST_CASE(riscv64_phys_virt_round_trip),
	KTEST_CASE(riscv64_image_protections),
	KTEST_CASE(riscv64_direct_map_covers_memory),
	KTEST_CASE(riscv64_direct_map_usable),
	KTEST_CASE(riscv64_direct_map_large_pages),
	KTEST_CASE(riscv64_mmio_through_ioremap),
	KTEST_CASE(riscv64_guard_page_unmapped),
	KTEST_CASE(riscv64_pgtable_map_protect_unmap),
	KTEST_CASE(riscv64_irq_save_restore),
	KTEST_CASE(riscv64_read_cycles_advances),
	KTEST_CASE(riscv64_arch_name_is_riscv64),
	KTEST_CASE(riscv64_initrd_reserved));
