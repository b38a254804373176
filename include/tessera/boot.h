/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the architecture learned at boot, handed to the rest of the kernel
 * through the `arch` interface (arch_boot_info()). Addresses are physical.
 */
#ifndef TESSERA_BOOT_H
#define TESSERA_BOOT_H

#include <tessera/types.h>

#define BOOT_MAX_MEM_REGIONS 32
#define BOOT_CMDLINE_MAX     256

enum mem_region_type {
	MEM_USABLE = 1,   /* free RAM the page allocator may hand out */
	MEM_RESERVED,     /* firmware, MMIO holes, anything else */
	MEM_KERNEL,       /* the kernel image and its boot-time tables */
};

struct mem_region {
	phys_addr_t base;
	u64 size;
	enum mem_region_type type;
};

struct boot_info {
	const char *loader;            /* "PVH", "OpenSBI", ... */
	unsigned int nr_regions;
	struct mem_region regions[BOOT_MAX_MEM_REGIONS];
	char cmdline[BOOT_CMDLINE_MAX];
	/* The flattened devicetree the loader passed (0 when none), checked
	 * by the arch; the platform bus builds its devices from it. */
	phys_addr_t fdt;
	u32 fdt_size;
	/* The initrd the loader passed (QEMU -initrd: the PVH module, the
	 * devicetree's linux,initrd-start/-end), reserved in memblock by the
	 * arch; 0/0 when none. */
	phys_addr_t initrd_start;
	u64 initrd_size;
};

/*
 * The interrupt entry: the arch's trap code calls it for every interrupt
 * (not exception) with the interrupted registers, once an interrupt
 * controller installed it with arch_set_handle_irq() (Linux arm64's
 * set_handle_irq()). struct pt_regs is the arch's (asm/ptrace.h).
 */
struct pt_regs;
typedef void (*arch_irq_entry_t)(struct pt_regs *regs);

static inline const char *mem_region_type_name(enum mem_region_type type)
{
	switch (type) {
	case MEM_USABLE:   return "usable";
	case MEM_RESERVED: return "reserved";
	case MEM_KERNEL:   return "kernel";
	}
	return "unknown";
}

#endif
