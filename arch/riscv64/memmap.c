/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The boot memory map is built by "painting": start from the RAM banks, all
 * usable, then paint each carve-out over them. A paint only ever raises a
 * range's rank (usable < reserved < kernel), so the order of the carve-outs
 * does not matter and no reservation can be turned back into free memory.
 */
#include <tessera/compiler.h>
#include <tessera/page.h>
#include "memmap.h"

static int memmap_rank(enum mem_region_type type)
{
	switch (type) {
	case MEM_USABLE:   return 0;
	case MEM_RESERVED: return 1;
	case MEM_KERNEL:   return 2;
	}
	return 1;
}

static int memmap_append(struct mem_region *out, unsigned int *nr,
			 phys_addr_t base, phys_addr_t end,
			 enum mem_region_type type)
{
	if (base >= end)
		return 0;
	/* Merge with a touching neighbour of the same type. */
	if (*nr && out[*nr - 1].type == type &&
	    out[*nr - 1].base + out[*nr - 1].size == base) {
		out[*nr - 1].size += end - base;
		return 0;
	}
	if (*nr >= BOOT_MAX_MEM_REGIONS)
		return -1;
	out[*nr] = (struct mem_region){ base, end - base, type };
	(*nr)++;
	return 0;
}

static int memmap_paint(struct boot_info *bi, phys_addr_t base,
			phys_addr_t end, enum mem_region_type type)
{
	struct mem_region out[BOOT_MAX_MEM_REGIONS];
	unsigned int nr = 0;

	for (unsigned int i = 0; i < bi->nr_regions; i++) {
		const struct mem_region *r = &bi->regions[i];
		phys_addr_t r_end = r->base + r->size;
		phys_addr_t lo = MAX(r->base, base), hi = MIN(r_end, end);
		enum mem_region_type mid = r->type;

		if (lo >= hi) {
			if (memmap_append(out, &nr, r->base, r_end, r->type) < 0)
				return -1;
			continue;
		}
		if (memmap_rank(type) > memmap_rank(r->type))
			mid = type;
		if (memmap_append(out, &nr, r->base, lo, r->type) < 0 ||
		    memmap_append(out, &nr, lo, hi, mid) < 0 ||
		    memmap_append(out, &nr, hi, r_end, r->type) < 0)
			return -1;
	}
	for (unsigned int i = 0; i < nr; i++)
		bi->regions[i] = out[i];
	bi->nr_regions = nr;
	return 0;
}

/* Clip [base, base + size) to [0, limit); false if nothing is left. */
static bool memmap_clip(u64 base, u64 size, phys_addr_t limit,
			phys_addr_t *start, phys_addr_t *end)
{
	u64 e = base + size;

	if (e < base)
		e = UINT64_MAX;
	if (e > limit)
		e = limit;
	*start = base;
	*end = e;
	return base < e;
}

static int memmap_add_ram(struct boot_info *bi, const struct fdt_boot_data *fdt,
			  phys_addr_t limit)
{
	struct fdt_range banks[FDT_MAX_MEM];
	unsigned int nr = 0;

	/* Usable RAM shrinks to whole pages. */
	for (unsigned int i = 0; i < fdt->nr_mem && i < FDT_MAX_MEM; i++) {
		phys_addr_t s, e;

		if (!memmap_clip(fdt->mem[i].base, fdt->mem[i].size, limit, &s, &e))
			continue;
		s = ALIGN_UP(s, PAGE_SIZE);
		e = ALIGN_DOWN(e, PAGE_SIZE);
		if (s >= e)
			continue;
		banks[nr++] = (struct fdt_range){ s, e - s };
	}
	/* Insertion sort: a handful of banks at most. */
	for (unsigned int i = 1; i < nr; i++) {
		struct fdt_range key = banks[i];
		unsigned int j = i;

		for (; j > 0 && banks[j - 1].base > key.base; j--)
			banks[j] = banks[j - 1];
		banks[j] = key;
	}
	bi->nr_regions = 0;
	for (unsigned int i = 0; i < nr; i++) {
		phys_addr_t s = banks[i].base, e = s + banks[i].size;

		/* Overlapping banks (a confused loader) merge. */
		if (bi->nr_regions) {
			struct mem_region *last = &bi->regions[bi->nr_regions - 1];
			phys_addr_t last_end = last->base + last->size;

			if (s <= last_end) {
				if (e > last_end)
					last->size = e - last->base;
				continue;
			}
		}
		if (memmap_append(bi->regions, &bi->nr_regions, s, e,
				  MEM_USABLE) < 0)
			return -1;
	}
	return 0;
}

/* Reservations grow to whole pages. */
static int memmap_carve(struct boot_info *bi, u64 base, u64 size,
			phys_addr_t limit, enum mem_region_type type)
{
	phys_addr_t s, e;

	if (!memmap_clip(base, size, limit, &s, &e))
		return 0;
	return memmap_paint(bi, ALIGN_DOWN(s, PAGE_SIZE), ALIGN_UP(e, PAGE_SIZE),
			    type);
}

static bool memmap_covers(const struct boot_info *bi, phys_addr_t s,
			  phys_addr_t e, enum mem_region_type type)
{
	for (unsigned int i = 0; i < bi->nr_regions; i++) {
		const struct mem_region *r = &bi->regions[i];

		if (r->type == type && r->base <= s && e <= r->base + r->size)
			return true;
	}
	return false;
}

int memmap_build(struct boot_info *bi, const struct fdt_boot_data *fdt,
		 const struct memmap_carveouts *c, const char **err)
{
	phys_addr_t limit = ALIGN_DOWN(c->limit, PAGE_SIZE);
	bool usable = false;

	if (memmap_add_ram(bi, fdt, limit) < 0)
		goto too_many;
	if (bi->nr_regions == 0) {
		*err = "the devicetree describes no RAM";
		return -1;
	}
	/*
	 * The blob's size (its own totalsize) is bounded by the RAM bank that
	 * holds it: a loader puts the blob in RAM, so a totalsize running past
	 * the bank's end is corrupt, and reserving it would reach beyond RAM.
	 * Checked against the banks before any carving.
	 */
	if (c->dtb_end < c->dtb_start ||
	    !memmap_covers(bi, c->dtb_start, c->dtb_end, MEM_USABLE)) {
		*err = "the devicetree blob is not inside one RAM bank of its own memory nodes";
		return -1;
	}
	bi->initrd_start = 0;
	bi->initrd_size = 0;
	if (c->initrd_end > c->initrd_start &&
	    memmap_covers(bi, c->initrd_start, c->initrd_end, MEM_USABLE)) {
		bi->initrd_start = c->initrd_start;
		bi->initrd_size = c->initrd_end - c->initrd_start;
	}
	for (unsigned int i = 0; i < fdt->nr_rsv && i < FDT_MAX_RSV; i++)
		if (memmap_carve(bi, fdt->rsv[i].base, fdt->rsv[i].size, limit,
				 MEM_RESERVED) < 0)
			goto too_many;
	if (bi->initrd_size && memmap_carve(bi, bi->initrd_start, bi->initrd_size, limit,
					    MEM_RESERVED) < 0)
		goto too_many;
	if (memmap_carve(bi, c->dtb_start, c->dtb_end - c->dtb_start, limit,
			 MEM_RESERVED) < 0 ||
	    memmap_carve(bi, c->kernel_start, c->kernel_end - c->kernel_start,
			 limit, MEM_KERNEL) < 0)
		goto too_many;
	if (!memmap_covers(bi, ALIGN_DOWN(c->kernel_start, PAGE_SIZE),
			   ALIGN_UP(c->kernel_end, PAGE_SIZE), MEM_KERNEL)) {
		*err = "the kernel image is not inside the devicetree's RAM";
		return -1;
	}
	for (unsigned int i = 0; i < bi->nr_regions; i++)
		usable |= bi->regions[i].type == MEM_USABLE;
	if (!usable) {
		*err = "no usable RAM left after the reservations";
		return -1;
	}
	return 0;

too_many:
	*err = "more memory regions than boot_info holds";
	return -1;
}
