// SPDX-License-Identifier: Apache-2.0
/*
 * The kernel's one struct memblock and the memblock interface over it.
 *
 * It is used before interrupts, threads or a second CPU exist and, after
 * memblock_handover(), only read, so it takes no lock. Errors in the early
 * calls are reported and returned; the architecture decides whether a
 * range it could not record is fatal.
 */
#define pr_fmt(fmt) "memblock: " fmt

#include <interfaces/memblock.h>
#include <interfaces/panic.h>
#include <interfaces/printk.h>
#include <tessera/errno.h>

static struct memblock memblock = {
	.current_limit = (phys_addr_t)-1,
};

static int report(int ret, const char *what, phys_addr_t base, phys_addr_t size)
{
	if (ret)
		pr_err("%s [0x%llx-0x%llx) failed: %s\n", what, (unsigned long long)base,
		       (unsigned long long)(base + size),
		       ret == -ENOSPC ? "more ranges than MEMBLOCK_MAX_REGIONS" : "invalid range");
	return ret;
}

int memblock_add(phys_addr_t base, phys_addr_t size)
{
	return report(__memblock_add(&memblock, base, size), "add", base, size);
}

int memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	return report(__memblock_reserve(&memblock, base, size), "reserve", base, size);
}

int memblock_phys_free(phys_addr_t base, phys_addr_t size)
{
	return report(__memblock_remove_range(&memblock.reserved, base, size), "free",
		      base, size);
}

/* After the handover the page allocator owns the free ranges: a late caller is a bug. */
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align)
{
	phys_addr_t pa;

	if (memblock.handed_over)
		panic("memblock: allocation of %llu bytes after the page allocator took over",
		      (unsigned long long)size);
	pa = __memblock_alloc(&memblock, size, align);
	if (!pa)
		pr_err("out of boot memory: %llu bytes aligned to %llu below 0x%llx\n",
		       (unsigned long long)size, (unsigned long long)align,
		       (unsigned long long)memblock.current_limit);
	return pa;
}

void memblock_set_current_limit(phys_addr_t limit)
{
	memblock.current_limit = limit;
}

bool memblock_next_free_range(u64 *cursor, phys_addr_t *start, phys_addr_t *end)
{
	return __memblock_next_free(&memblock, cursor, start, end);
}

bool memblock_is_memory(phys_addr_t addr)
{
	return __memblock_contains(&memblock.memory, addr);
}

bool memblock_is_reserved(phys_addr_t addr)
{
	return __memblock_contains(&memblock.reserved, addr);
}

phys_addr_t memblock_start_of_DRAM(void)
{
	return memblock.memory.cnt ? memblock.memory.regions[0].base : 0;
}

phys_addr_t memblock_end_of_DRAM(void)
{
	const struct memblock_type *m = &memblock.memory;

	return m->cnt ? m->regions[m->cnt - 1].base + m->regions[m->cnt - 1].size : 0;
}

phys_addr_t memblock_phys_mem_size(void)
{
	return __memblock_total(&memblock.memory);
}

phys_addr_t memblock_reserved_size(void)
{
	return __memblock_total(&memblock.reserved);
}

void memblock_handover(void)
{
	memblock.handed_over = true;
}

static void dump_type(const char *name, const struct memblock_type *type)
{
	pr_info(" %s: %u regions, %llu KiB\n", name, type->cnt,
		(unsigned long long)(__memblock_total(type) >> 10));
	for (unsigned int i = 0; i < type->cnt; i++)
		pr_info("  [0x%016llx-0x%016llx]\n",
			(unsigned long long)type->regions[i].base,
			(unsigned long long)(type->regions[i].base + type->regions[i].size - 1));
}

void memblock_dump(void)
{
	dump_type("memory", &memblock.memory);
	dump_type("reserved", &memblock.reserved);
}
