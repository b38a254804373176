/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The loader's E820-style memory map turned into boot_info regions: sorted,
 * non-overlapping, with the kernel image (which holds the boot page tables
 * and stack) as MEM_KERNEL, the low 1 MiB reserved, and usable RAM trimmed
 * to whole pages inside the direct map.
 *
 * The loader's entries may overlap, be unsorted and cover the image (QEMU's
 * map reports 0..top-of-RAM as one RAM entry). Rather than patch entries,
 * every start and end is a boundary; each piece between two boundaries
 * takes the strongest claim on it (kernel > reserved > usable), and equal
 * neighbours are merged again.
 *
 * Pure computation on its arguments (no addresses are dereferenced but the
 * map's), so tests/test_memmap.c runs it on the host.
 */
#include <tessera/compiler.h>
#include <tessera/page.h>

#include "pvh.h"

/* The BIOS data area, option ROMs and the PVH loader's own tables. */
#define LOW_MEMORY_END 0x100000ULL

#define MAX_LOADER_ENTRIES 64
#define MAX_CLAIMS         (MAX_LOADER_ENTRIES + 2)

enum claim {
	CLAIM_NONE,
	CLAIM_USABLE,
	CLAIM_RESERVED,
	CLAIM_KERNEL,
};

struct claim_range {
	u64 start, end;         /* [start, end) */
	enum claim claim;
};

/* Static: this runs on the small boot stack. */
static struct claim_range claims[MAX_CLAIMS];
static u64 bounds[2 * MAX_CLAIMS + 1];

static unsigned int add_claim(unsigned int nr, u64 start, u64 size, enum claim claim)
{
	u64 end;

	if (!size || nr >= MAX_CLAIMS)
		return nr;
	/* An entry running past 2^64 loses its last byte; nothing lives there. */
	end = size > UINT64_MAX - start ? UINT64_MAX : start + size;
	claims[nr].start = start;
	claims[nr].end = end;
	claims[nr].claim = claim;
	return nr + 1;
}

static unsigned int sort_unique(u64 *v, unsigned int n)
{
	unsigned int i, j, out;

	for (i = 1; i < n; i++) {
		u64 x = v[i];

		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
	for (i = 0, out = 0; i < n; i++)
		if (out == 0 || v[out - 1] != v[i])
			v[out++] = v[i];
	return out;
}

static enum claim strongest_claim(unsigned int nr, u64 start, u64 end)
{
	enum claim best = CLAIM_NONE;
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (claims[i].start <= start && claims[i].end >= end &&
		    claims[i].claim > best)
			best = claims[i].claim;
	return best;
}

static enum mem_region_type region_type(enum claim claim)
{
	switch (claim) {
	case CLAIM_USABLE:
		return MEM_USABLE;
	case CLAIM_KERNEL:
		return MEM_KERNEL;
	default:
		return MEM_RESERVED;
	}
}

static void append_region(struct boot_info *bi, u64 start, u64 end,
			  enum mem_region_type type)
{
	struct mem_region *prev = bi->nr_regions ? &bi->regions[bi->nr_regions - 1] : NULL;

	if (prev && prev->type == type && prev->base + prev->size == start) {
		prev->size += end - start;
		return;
	}
	/* Beyond the table: keep the lower regions, where the kernel lives. */
	if (bi->nr_regions == BOOT_MAX_MEM_REGIONS)
		return;
	bi->regions[bi->nr_regions].base = start;
	bi->regions[bi->nr_regions].size = end - start;
	bi->regions[bi->nr_regions].type = type;
	bi->nr_regions++;
}

/* The page allocator deals in whole pages; partial ones are left unused. */
static void trim_usable(struct boot_info *bi)
{
	unsigned int i, out = 0;

	for (i = 0; i < bi->nr_regions; i++) {
		struct mem_region r = bi->regions[i];

		if (r.type == MEM_USABLE) {
			u64 start = ALIGN_UP(r.base, (u64)PAGE_SIZE);
			u64 end = ALIGN_DOWN(r.base + r.size, (u64)PAGE_SIZE);

			if (start < r.base || end <= start)
				continue;
			r.base = start;
			r.size = end - start;
		}
		bi->regions[out++] = r;
	}
	bi->nr_regions = out;
}

void x86_64_memmap_build(struct boot_info *bi,
			 const struct hvm_memmap_table_entry *map, unsigned int nr_entries,
			 phys_addr_t kernel_start, phys_addr_t kernel_end,
			 phys_addr_t direct_map_end)
{
	unsigned int nr = 0, nr_bounds = 0, i;

	kernel_start = ALIGN_DOWN(kernel_start, (u64)PAGE_SIZE);
	kernel_end = ALIGN_UP(kernel_end, (u64)PAGE_SIZE);
	nr_entries = MIN(nr_entries, (unsigned int)MAX_LOADER_ENTRIES);

	bi->nr_regions = 0;
	for (i = 0; i < nr_entries; i++)
		nr = add_claim(nr, map[i].addr, map[i].size,
			       map[i].type == E820_TYPE_RAM ? CLAIM_USABLE : CLAIM_RESERVED);
	nr = add_claim(nr, 0, LOW_MEMORY_END, CLAIM_RESERVED);
	if (kernel_end > kernel_start)
		nr = add_claim(nr, kernel_start, kernel_end - kernel_start, CLAIM_KERNEL);

	for (i = 0; i < nr; i++) {
		bounds[nr_bounds++] = claims[i].start;
		bounds[nr_bounds++] = claims[i].end;
	}
	/* RAM past the direct map has no virtual address: split it off. */
	bounds[nr_bounds++] = direct_map_end;
	nr_bounds = sort_unique(bounds, nr_bounds);

	for (i = 0; i + 1 < nr_bounds; i++) {
		u64 start = bounds[i], end = bounds[i + 1];
		enum claim claim = strongest_claim(nr, start, end);

		if (claim == CLAIM_NONE)
			continue;
		if (claim == CLAIM_USABLE && start >= direct_map_end)
			claim = CLAIM_RESERVED;
		append_region(bi, start, end, region_type(claim));
	}
	trim_usable(bi);
}
