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

#endif
