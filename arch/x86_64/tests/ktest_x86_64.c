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
#include <interfaces/memblock.h>
#include <interfaces/mmu.h>
#include <interfaces/page_alloc.h>
#include <interfaces/printk.h>
#include <tessera/compiler.h>
#include <tessera/errno.h>
#include <tessera/page.h>
#include <tessera/printk.h>

#include "../mmu.h"

static void boot_info_loader(struct ktest *t)
{
	const struct boot_info *bi = arch_boot_info();

	KTEST_ASSERT(t, bi->loader != NULL);
	KTEST_EXPECT_STREQ(t, bi->loader, "PVH");
	KTEST_EXPECT(t, strnlen(bi->cmdline, BOOT_CMDLINE_MAX) < BOOT_CMDLINE_MAX);
	KTEST_EXPECT_STREQ(t, arch_name(), "x86_64");
}

/*
 * The initrd (QEMU -initrd), when there is one: reachable through the
 * direct map and still intact after the allocators ran (memblock keeps it
 * reserved): it starts as a cpio archive does, gzip'd or not.
 */
static void boot_info_initrd(struct ktest *t)
{
	const struct boot_info *bi = arch_boot_info();
	const unsigned char *p;

	if (!bi->initrd_size) {
		KTEST_EXPECT_EQ(t, bi->initrd_start, (phys_addr_t)0);
		return;
	}
	KTEST_EXPECT(t, bi->initrd_start + bi->initrd_size > bi->initrd_start);
	p = phys_to_virt(bi->initrd_start);
	KTEST_EXPECT(t, (p[0] == 0x1f && p[1] == 0x8b) || !memcmp(p, "070701", 6) ||
			!memcmp(p, "070702", 6));
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
		KTEST_EXPECT(t, memblock_is_memory(r->base));
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

static int lookup(const void *va, phys_addr_t *pa, pgprot_t *prot)
{
	return pgtable_lookup(pgtable_kernel(), (unsigned long)va, pa, prot);
}

static const char image_rodata_probe[] = "read-only";
static int image_data_probe = 1;
static int image_bss_probe;

/* W^X on the image: each section's pages have exactly its protection. */
static void image_sections_protected(struct ktest *t)
{
	static const struct {
		const void *va;
		pgprot_t prot;
	} probes[] = {
		{ _text, PAGE_KERNEL_EXEC },
		{ _etext - 1, PAGE_KERNEL_EXEC },
		{ (const void *)image_sections_protected, PAGE_KERNEL_EXEC },
		{ __start_rodata, PAGE_KERNEL_RO },
		{ image_rodata_probe, PAGE_KERNEL_RO },
		{ _sdata, PAGE_KERNEL },
		{ &image_data_probe, PAGE_KERNEL },
		{ &image_bss_probe, PAGE_KERNEL },
		{ _kernel_end - 1, PAGE_KERNEL },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(probes); i++) {
		phys_addr_t pa = 0;
		pgprot_t prot = 0;

		KTEST_EXPECT_EQ(t, lookup(probes[i].va, &pa, &prot), 0);
		KTEST_EXPECT_EQ(t, prot, probes[i].prot);
		KTEST_EXPECT_EQ(t, pa, virt_to_phys(probes[i].va));
	}
	/* Below the image and the low 1 MiB: nothing, so NULL faults. */
	KTEST_EXPECT_EQ(t, lookup(NULL, NULL, NULL), -ENOENT);
	KTEST_EXPECT_EQ(t, lookup((const void *)((unsigned long)_text - PAGE_SIZE), NULL, NULL), -ENOENT);
	KTEST_EXPECT_EQ(t, lookup((const void *)((unsigned long)_kernel_end + PAGE_SIZE), NULL, NULL), -ENOENT);
}

/* The boot and IST stacks: their lowest page is not mapped, the next is. */
static void early_stacks_have_guards(struct ktest *t)
{
	unsigned int i;

	KTEST_EXPECT(t, x86_64_nr_stacks >= 2);
	for (i = 0; i < x86_64_nr_stacks; i++) {
		const struct x86_64_stack *s = &x86_64_stacks[i];

		KTEST_EXPECT(t, IS_ALIGNED(s->guard, PAGE_SIZE));
		KTEST_EXPECT_EQ(t, lookup((void *)s->guard, NULL, NULL), -ENOENT);
		KTEST_EXPECT_EQ(t, lookup((void *)(s->guard + PAGE_SIZE), NULL, NULL), 0);
		KTEST_EXPECT_EQ(t, lookup((void *)(s->top - 1), NULL, NULL), 0);
	}
	/* This test runs on the boot stack (or a thread's, not below it). */
	KTEST_EXPECT(t, (unsigned long)__builtin_frame_address(0) >=
			x86_64_stacks[X86_64_STACK_BOOT].guard + PAGE_SIZE ||
			(unsigned long)__builtin_frame_address(0) >= VMALLOC_START);
}

/*
 * Every range of memblock's memory is in the direct map, read-write and
 * not executable, and nothing more: the total matches memblock's.
 */
static void direct_map_covers_memblock(struct ktest *t)
{
	const struct boot_info *bi = arch_boot_info();
	phys_addr_t total = 0;
	unsigned int i;

	for (i = 0; i < bi->nr_regions; i++) {
		const struct mem_region *r = &bi->regions[i];
		phys_addr_t off;

		if (r->type != MEM_USABLE && r->type != MEM_KERNEL)
			continue;
		total += r->size;
		KTEST_EXPECT(t, memblock_is_memory(r->base));
		KTEST_EXPECT(t, memblock_is_memory(r->base + r->size - 1));
		/* Every 2 MiB, and the last byte. */
		for (off = 0; off < r->size + (2UL << 20); off += 2UL << 20) {
			phys_addr_t at = off < r->size ? r->base + off : r->base + r->size - 1;
			phys_addr_t pa = 0;
			pgprot_t prot = 0;

			KTEST_EXPECT_EQ(t, lookup(phys_to_virt(at), &pa, &prot), 0);
			KTEST_EXPECT_EQ(t, pa, at);
			KTEST_EXPECT_EQ(t, prot, PAGE_KERNEL);
			if (at == r->base + r->size - 1)
				break;
		}
	}
	KTEST_EXPECT_EQ(t, total, memblock_phys_mem_size());
	KTEST_EXPECT_EQ(t, (unsigned long)memblock_end_of_DRAM(),
			(unsigned long)virt_to_phys(phys_to_virt(memblock_end_of_DRAM())));
}

/* ioremap(): uncached, in its own area, the offset kept, gone on iounmap(). */
static void ioremap_maps_uncached(struct ktest *t)
{
	u32 *page = (u32 *)__get_free_pages(GFP_KERNEL, 0);
	volatile u32 *io;
	phys_addr_t pa;
	pgprot_t prot;

	KTEST_ASSERT(t, page != NULL);
	page[4] = 0xcafe;
	io = ioremap(virt_to_phys(page) + 16, 64);
	KTEST_ASSERT(t, io != NULL);
	KTEST_EXPECT(t, (unsigned long)io >= IOREMAP_START && (unsigned long)io < IOREMAP_END);
	KTEST_EXPECT_EQ(t, lookup((const void *)io, &pa, &prot), 0);
	KTEST_EXPECT_EQ(t, pa, virt_to_phys(page) + 16);
	KTEST_EXPECT_EQ(t, prot, PAGE_KERNEL_IO);
	KTEST_EXPECT_EQ(t, io[0], 0xcafe);
	io[1] = 0xbeef;
	KTEST_EXPECT_EQ(t, ((volatile u32 *)page)[5], 0xbeef);
	/* The page after the mapping is a gap. */
	KTEST_EXPECT_EQ(t, lookup((const void *)((unsigned long)io - 16 + PAGE_SIZE), NULL, NULL),
			-ENOENT);
	iounmap((void *)io);
	KTEST_EXPECT_EQ(t, lookup((const void *)io, NULL, NULL), -ENOENT);
	free_pages((unsigned long)page, 0);
	KTEST_EXPECT(t, ioremap(0, 0) == NULL);
}

struct ram_block {
	void *addr;
	unsigned long order;
};

/* Writes to this many blocks at most: each may cost the host a huge page. */
#define RAM_SAMPLES 64

static bool ram_block_writable(const struct ram_block *b)
{
	volatile unsigned long *first = b->addr;
	volatile unsigned long *last = (unsigned long *)((char *)b->addr + (PAGE_SIZE << b->order)) - 1;

	*first = (unsigned long)first;
	*last = (unsigned long)last;
	return *first == (unsigned long)first && *last == (unsigned long)last;
}

/*
 * All RAM is usable: take every free page from the page allocator (largest
 * blocks first), count them, write to a sample of them spread over all of
 * RAM (and to the highest), and give them back. The count must be every
 * free page and nearly all of memblock's free memory (less the allocator's
 * metadata and what the boot took); with RAM above 4 GiB (-m 6G) some of
 * it must come from there. The list of blocks lives in the first block.
 */
static void all_ram_usable(struct ktest *t)
{
	unsigned long free_before = nr_free_pages(), pages = 0, free_ram = 0;
	unsigned long nr = 0, max, i, stride, highest = 0;
	phys_addr_t start, end;
	struct ram_block *blocks;
	int order;
	u64 cursor;

	for_each_free_mem_range(cursor, start, end)
		free_ram += PFN_DOWN(end) - PFN_UP(start);
	blocks = (struct ram_block *)__get_free_pages(GFP_KERNEL, MAX_ORDER);
	KTEST_ASSERT(t, blocks != NULL);
	max = (PAGE_SIZE << MAX_ORDER) / sizeof(*blocks);
	pages = 1UL << MAX_ORDER;
	for (order = MAX_ORDER; order >= 0 && nr < max; order--) {
		void *p;

		while (nr < max && (p = (void *)__get_free_pages(GFP_KERNEL, (unsigned int)order)) != NULL) {
			blocks[nr].addr = p;
			blocks[nr].order = (unsigned long)order;
			if (virt_to_phys(p) > virt_to_phys(blocks[highest].addr))
				highest = nr;
			nr++;
			pages += 1UL << order;
		}
	}
	KTEST_EXPECT_EQ(t, nr_free_pages(), 0);
	stride = nr / RAM_SAMPLES + 1;
	for (i = 0; i < nr; i += stride)
		KTEST_EXPECT(t, ram_block_writable(&blocks[i]));
	if (nr)
		KTEST_EXPECT(t, ram_block_writable(&blocks[highest]));
	if (memblock_end_of_DRAM() > (4ULL << 30))
		KTEST_EXPECT(t, nr && virt_to_phys(blocks[highest].addr) >= (4ULL << 30));
	printk(KERN_INFO "    # all_ram_usable: %lu of %lu free pages handed out, highest at 0x%llx\n",
	       pages, free_ram, nr ? (unsigned long long)virt_to_phys(blocks[highest].addr) : 0ULL);
	for (i = 0; i < nr; i++)
		free_pages((unsigned long)blocks[i].addr, (unsigned int)blocks[i].order);
	free_pages((unsigned long)blocks, MAX_ORDER);
	KTEST_EXPECT_EQ(t, pages, free_before);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free_before);
	/* 1% covers the metadata and the pages boot-time users hold. */
	KTEST_EXPECT(t, pages >= free_ram - free_ram / 100);
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
	    KTEST_CASE(boot_info_initrd),
	    KTEST_CASE(memmap_has_usable_ram),
	    KTEST_CASE(memmap_sorted_disjoint),
	    KTEST_CASE(memmap_usable_in_direct_map),
	    KTEST_CASE(memmap_kernel_region_covers_image),
	    KTEST_CASE(direct_map_round_trip),
	    KTEST_CASE(image_sections_protected),
	    KTEST_CASE(early_stacks_have_guards),
	    KTEST_CASE(direct_map_covers_memblock),
	    KTEST_CASE(ioremap_maps_uncached),
	    KTEST_CASE(all_ram_usable),
	    KTEST_CASE(irq_save_restore),
	    KTEST_CASE(read_cycles_advances));
