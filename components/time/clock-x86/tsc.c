/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The TSC as the clocksource, its rate measured against PIT channel 2
 * (whose 1.193182 MHz input is fixed on every PC): gate the channel on with
 * the speaker off, count down CALIBRATE_MS in mode 0, and read the TSC at
 * both ends; OUT2 (port 0x61 bit 5) rises at terminal count. The best
 * (shortest) of a few runs discards one disturbed by the host under TCG.
 */
#define pr_fmt(fmt) "clock-x86: " fmt

#include <asm/i8253.h>
#include <asm/io.h>
#include <interfaces/arch.h>
#include <interfaces/clocksource.h>
#include <interfaces/printk.h>
#include <tessera/errno.h>
#include <tessera/printk.h>
#include "clock_x86.h"

#define CALIBRATE_MS    10
#define CALIBRATE_RUNS  3
#define PIT_OUT2        0x20

static u64 tsc_hz;

static u64 rdtsc(void)
{
	u32 lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

/* TSC cycles over CALIBRATE_MS of PIT channel 2, or 0 if OUT2 never rose. */
static u64 pit_calibrate_once(void)
{
	u16 count = PIT_TICK_RATE * CALIBRATE_MS / 1000;
	u64 start, end;
	unsigned long loops = 0;

	/* Gate on, speaker off. */
	outb((inb(PIT_CH2_GATE) & ~0x02) | 0x01, PIT_CH2_GATE);
	outb(PIT_SEL_CH2 | PIT_LOHI | PIT_MODE0, PIT_MODE);
	outb(count & 0xff, PIT_CH2);
	outb(count >> 8, PIT_CH2);
	start = rdtsc();
	while (!(inb(PIT_CH2_GATE) & PIT_OUT2))
		if (++loops > 100000000UL)
			return 0;
	end = rdtsc();
	return end - start;
}

u64 x86_clock_clocksource_read(void)
{
	return rdtsc();
}

u64 x86_clock_clocksource_hz(void)
{
	return tsc_hz;
}

const char *x86_clock_clocksource_name(void)
{
	return "tsc";
}

int x86_clock_tsc_calibrate(void)
{
	unsigned long flags = arch_irq_save();
	u64 best = 0;
	int i;

	for (i = 0; i < CALIBRATE_RUNS; i++) {
		u64 d = pit_calibrate_once();

		if (d && (!best || d < best))
			best = d;
	}
	arch_irq_restore(flags);
	if (!best) {
		pr_err("PIT channel 2 never reached terminal count: no TSC rate\n");
		return -ENODEV;
	}
	tsc_hz = best * 1000 / CALIBRATE_MS;
	return 0;
}

/* Busy-wait @cycles of the TSC: the LAPIC timer's calibration reference. */
void x86_clock_tsc_wait(u64 cycles)
{
	u64 start = rdtsc();

	while (rdtsc() - start < cycles)
		__asm__ __volatile__("pause");
}

int x86_clock_init(void);

int x86_clock_init(void)
{
	return x86_clock_tsc_calibrate();
}
