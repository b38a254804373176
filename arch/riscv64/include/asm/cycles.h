/* SPDX-License-Identifier: Apache-2.0 */
/*
 * How fast arch_read_cycles() (the time CSR) counts, for figures in ns
 * before the clocksource component exists: QEMU virt's timebase-frequency
 * is 10 MHz (the device tree says so; the clocksource will read it there).
 */
#ifndef ASM_CYCLES_H
#define ASM_CYCLES_H

/* Counts per microsecond. */
static inline unsigned long arch_calibrate_cycles_per_usec(void)
{
	return 10;
}

#endif
