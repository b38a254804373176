/* SPDX-License-Identifier: Apache-2.0 */
/* Devices of the QEMU `pc` machine that drivers find without probing. */
#ifndef _ASM_X86_64_PLATFORM_H
#define _ASM_X86_64_PLATFORM_H

/* COM1; the 16550 sits in I/O port space on a PC, not in MMIO. */
#define PLATFORM_UART0_PORT      0x3f8
#define PLATFORM_UART0_IS_PORTIO 1
/* COM1's ISA IRQ, routed through the I/O APIC (asm/irq.h). */
#define PLATFORM_UART0_IRQ       4

static inline unsigned int platform_uart0_irq(void)
{
	return PLATFORM_UART0_IRQ;
}

/* QEMU `-device isa-debug-exit,iobase=0xf4`: writing v exits with (v << 1) | 1. */
#define PLATFORM_DEBUG_EXIT_PORT 0xf4

#endif
