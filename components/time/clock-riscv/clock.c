/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The `time` CSR as the clocksource, at the devicetree's timebase-frequency,
 * and the SBI timer as the tick device. The SBI timer is one-shot: each
 * tick programs the next one a period after the previous deadline (not
 * after now, so the tick does not drift), skipping ahead when ticks were
 * missed. sbi_set_timer also clears the pending timer interrupt. The TIME
 * extension is used when the firmware has it, legacy call 0 otherwise.
 */
#define pr_fmt(fmt) "clock-riscv: " fmt

#include <asm/csr.h>
#include <asm/irq.h>
#include <asm/platform.h>
#include <asm/sbi.h>
#include <interfaces/clocksource.h>
#include <interfaces/printk.h>
#include <tessera/errno.h>
#include <tessera/printk.h>

static u64 period;
static u64 next_deadline;
static bool sbi_has_time;

static u64 rdtime(void)
{
	unsigned long t;

	__asm__ __volatile__("rdtime %0" : "=r"(t));
	return t;
}

static void sbi_set_timer(u64 deadline)
{
	if (sbi_has_time)
		sbi_ecall(SBI_EXT_TIME, SBI_TIME_SET_TIMER, deadline, 0);
	else
		sbi_ecall(SBI_EXT_LEGACY_SET_TIMER, 0, deadline, 0);
}

u64 riscv_clock_clocksource_read(void)
{
	return rdtime();
}

u64 riscv_clock_clocksource_hz(void)
{
	return riscv64_platform.timebase_hz;
}

const char *riscv_clock_clocksource_name(void)
{
	return "riscv-time";
}

int riscv_clock_clockevent_init(unsigned int hz)
{
	struct sbiret ret;

	if (!hz || !riscv64_platform.timebase_hz) {
		pr_err("no timebase-frequency in the devicetree\n");
		return -ENODEV;
	}
	period = riscv64_platform.timebase_hz / hz;
	ret = sbi_ecall(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, SBI_EXT_TIME, 0);
	sbi_has_time = ret.error == 0 && ret.value != 0;
	return TIMER_IRQ;
}

void riscv_clock_clockevent_start(void)
{
	next_deadline = rdtime() + period;
	sbi_set_timer(next_deadline);
	csr_set(sie, SIE_STIE);
}

void riscv_clock_clockevent_handle(void)
{
	u64 now = rdtime();

	next_deadline += period;
	if (next_deadline <= now)
		next_deadline = now + period - (now - next_deadline) % period;
	sbi_set_timer(next_deadline);
}

const char *riscv_clock_clockevent_name(void)
{
	return sbi_has_time ? "sbi-timer" : "sbi-timer (legacy)";
}

u64 riscv_clock_clockevent_hz(void)
{
	return riscv64_platform.timebase_hz;
}
