/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The local APIC timer as the tick device: periodic mode on
 * LOCAL_TIMER_VECTOR (irq X86_LOCAL_TIMER_IRQ), its count rate measured
 * against the calibrated TSC (the bus clock it divides is not architectural).
 */
#include <asm/apicdef.h>
#include <asm/irq.h>
#include <interfaces/arch.h>
#include <interfaces/clocksource.h>
#include <interfaces/mmu.h>
#include <tessera/errno.h>
#include "clock_x86.h"

#define CALIBRATE_DIV   100   /* measure over 1/100 s */

static volatile u8 *lapic;
static u32 lapic_timer_hz;
static u32 period_count;

static u32 lapic_read(unsigned int reg)
{
	return *(volatile u32 *)(lapic + reg);
}

static void lapic_write(unsigned int reg, u32 value)
{
	*(volatile u32 *)(lapic + reg) = value;
}

int x86_clock_clockevent_init(unsigned int hz)
{
	unsigned long flags;
	u32 left;

	if (!hz || !x86_clock_clocksource_hz())
		return -EINVAL;
	lapic = ioremap(rdmsr(MSR_IA32_APICBASE) & MSR_IA32_APICBASE_BASE, 4096);
	if (!lapic)
		return -ENOMEM;
	flags = arch_irq_save();
	lapic_write(APIC_LVTT, LOCAL_TIMER_VECTOR | APIC_LVT_MASKED);
	lapic_write(APIC_TDCR, APIC_TDR_DIV_16);
	lapic_write(APIC_TMICT, 0xffffffff);
	x86_clock_tsc_wait(x86_clock_clocksource_hz() / CALIBRATE_DIV);
	left = lapic_read(APIC_TMCCT);
	lapic_write(APIC_TMICT, 0);
	arch_irq_restore(flags);
	lapic_timer_hz = (0xffffffffU - left) * CALIBRATE_DIV;
	if (!lapic_timer_hz)
		return -ENODEV;
	period_count = lapic_timer_hz / hz;
	return TIMER_IRQ;
}

void x86_clock_clockevent_start(void)
{
	lapic_write(APIC_TDCR, APIC_TDR_DIV_16);
	lapic_write(APIC_LVTT, LOCAL_TIMER_VECTOR | APIC_LVT_TIMER_PERIODIC);
	lapic_write(APIC_TMICT, period_count);
}

/* Periodic mode re-arms itself. */
void x86_clock_clockevent_handle(void)
{
}

const char *x86_clock_clockevent_name(void)
{
	return "lapic-timer";
}

u64 x86_clock_clockevent_hz(void)
{
	return lapic_timer_hz;
}
