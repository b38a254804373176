/* SPDX-License-Identifier: Apache-2.0 */
/*
 * MMIO accessors. RVWMO lets ordinary loads and stores pass device accesses,
 * so a read is followed by "fence i,r" (later memory reads see the device's
 * effect, e.g. a DMA buffer after a status read) and a write is preceded by
 * "fence w,o" (memory written before the doorbell is visible to the device),
 * the same guarantees Linux's readl()/writel() give.
 */
#ifndef ASM_IO_H
#define ASM_IO_H

#include <tessera/types.h>
#include <asm/memory.h>

#define __io_ar() __asm__ __volatile__("fence i,r" ::: "memory")
#define __io_bw() __asm__ __volatile__("fence w,o" ::: "memory")

static inline u8 readb(const volatile void *addr)
{
	u8 v = *(const volatile u8 *)addr;
	__io_ar();
	return v;
}

static inline u16 readw(const volatile void *addr)
{
	u16 v = *(const volatile u16 *)addr;
	__io_ar();
	return v;
}

static inline u32 readl(const volatile void *addr)
{
	u32 v = *(const volatile u32 *)addr;
	__io_ar();
	return v;
}

static inline void writeb(u8 val, volatile void *addr)
{
	__io_bw();
	*(volatile u8 *)addr = val;
}

static inline void writew(u16 val, volatile void *addr)
{
	__io_bw();
	*(volatile u16 *)addr = val;
}

static inline void writel(u32 val, volatile void *addr)
{
	__io_bw();
	*(volatile u32 *)addr = val;
}

/*
 * The fixed devices of asm/platform.h, for drivers that reach them before
 * any devicetree lookup: the arch ioremap()s each page once (mmu.c) and
 * returns the mapping of @pa. Devices are never reached through the direct
 * map, which holds RAM only.
 */
void *riscv64_platform_mmio(phys_addr_t pa);

static inline void *platform_mmio(phys_addr_t pa)
{
	return riscv64_platform_mmio(pa);
}

#endif
