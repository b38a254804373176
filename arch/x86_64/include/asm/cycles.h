/* SPDX-License-Identifier: Apache-2.0 */
/*
 * How fast arch_read_cycles() counts, for figures in ns before the
 * clocksource component exists: the TSC timed against 10 ms of the PIT's
 * channel 2 (1.193182 MHz), polled through port 0x61 (the gate and the
 * OUT2 status bit), as Linux's quick PIT calibration does.
 */
#ifndef _ASM_X86_64_CYCLES_H
#define _ASM_X86_64_CYCLES_H

#include <asm/io.h>

#define PIT_TICK_RATE 1193182UL

static inline u64 arch_rdtsc(void)
{
	u32 lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

/* Cycles per microsecond (interrupts should be off: 10 ms of polling). */
static inline unsigned long arch_calibrate_cycles_per_usec(void)
{
	const unsigned long latch = PIT_TICK_RATE / 100;
	u64 start, end;

	outb((inb(0x61) & ~0x02) | 0x01, 0x61);        /* gate on, speaker off */
	outb(0xb0, 0x43);                               /* ch2, lo/hi, mode 0 */
	outb(latch & 0xff, 0x42);
	outb(latch >> 8, 0x42);
	start = arch_rdtsc();
	while (!(inb(0x61) & 0x20))                     /* OUT2 goes high at 0 */
		;
	end = arch_rdtsc();
	return (unsigned long)((end - start) / 10000);
}

#endif
