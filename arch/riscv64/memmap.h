/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Turning what the devicetree says into boot_info's memory map: RAM banks,
 * minus firmware reservations, the devicetree blob and the kernel image.
 * Pure C over <tessera/boot.h>, shared with the host test.
 */
#ifndef RISCV64_MEMMAP_H
#define RISCV64_MEMMAP_H

#include <tessera/boot.h>
#include "fdt.h"

struct memmap_carveouts {
	phys_addr_t kernel_start, kernel_end;   /* MEM_KERNEL */
	phys_addr_t dtb_start, dtb_end;         /* MEM_RESERVED */
	phys_addr_t initrd_start, initrd_end;   /* MEM_RESERVED; 0, 0: none */
	phys_addr_t limit;                      /* RAM above is not mapped */
};

/*
 * Fill bi->regions: sorted, non-overlapping, page-aligned, covering every
 * RAM bank below @c->limit. Returns 0, or -1 with *@err set (also when the
 * blob [dtb_start, dtb_end) is not inside one RAM bank). An initrd inside
 * one RAM bank is reserved and recorded in bi->initrd_start/initrd_size;
 * one that is not is left out (both 0), as Linux disables it.
 */
int memmap_build(struct boot_info *bi, const struct fdt_boot_data *fdt,
		 const struct memmap_carveouts *c, const char **err);

#endif
