/* SPDX-License-Identifier: Apache-2.0 */
/* Fixed devices of the QEMU `virt` machine that drivers reach before any
 * devicetree lookup exists. */
#ifndef ASM_PLATFORM_H
#define ASM_PLATFORM_H

#define PLATFORM_UART0_PHYS       0x10000000UL
#define PLATFORM_UART0_IS_PORTIO  0
#define PLATFORM_UART0_REG_SHIFT  0
/* The virt machine's devicetree: clock-frequency = <0x384000>. */
#define PLATFORM_UART0_CLOCK      3686400

/* Fallback when the devicetree names no "sifive,test" node. */
#define PLATFORM_SIFIVE_TEST_PHYS 0x100000UL

#ifndef __ASSEMBLER__
#include <tessera/types.h>

/*
 * What the devicetree says about interrupts and time, read at boot by the
 * arch (setup.c) for the PLIC and the clock components. 0 where absent.
 */
struct riscv64_platform {
	unsigned long boot_hartid;
	u64 timebase_hz;               /* /cpus timebase-frequency */
	phys_addr_t plic_base;
	u64 plic_size;
	u32 plic_ndev;
	int plic_context;              /* the boot hart's S-mode context, -1 if unknown */
	bool plic_context_from_fdt;    /* false: 2 * hartid + 1, QEMU virt's layout */
	phys_addr_t uart_base;
	u32 uart_irq;                  /* the first ns16550a's PLIC source */
};

extern struct riscv64_platform riscv64_platform;

/* The UART's PLIC source, from the devicetree (0: none found). */
static inline unsigned int platform_uart0_irq(void)
{
	return riscv64_platform.uart_irq;
}
#endif

#endif
