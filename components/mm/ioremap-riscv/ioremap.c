/* SPDX-License-Identifier: Apache-2.0 */
/*
 * TEMPORARY ioremap (s-irq), until s-mm-rv's page-table API replaces this
 * file: the boot direct map already covers the QEMU virt devices (see
 * asm/memory.h), so a device window is its direct-map alias.
 */
#include <asm/memory.h>
#include <interfaces/mmu.h>

void *riscv64_ioremap(phys_addr_t pa, unsigned long size)
{
	if (!size || pa + size < pa || pa + size > DIRECT_MAP_SIZE)
		return NULL;
	return phys_to_virt(pa);
}

void riscv64_iounmap(void *va)
{
	(void)va;
}
