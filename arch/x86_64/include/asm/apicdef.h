/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Local APIC registers (SDM Vol. 3A, chapter 11), shared by the interrupt
 * controller (x86-apic) and the LAPIC timer (clock-x86), each of which maps
 * the page itself with ioremap().
 */
#ifndef _ASM_X86_64_APICDEF_H
#define _ASM_X86_64_APICDEF_H

#include <tessera/types.h>

#define MSR_IA32_APICBASE        0x1b
#define MSR_IA32_APICBASE_ENABLE (1UL << 11)
#define MSR_IA32_APICBASE_BASE   0x000ffffffffff000UL

/* Local APIC registers, byte offsets in its 4 KiB page. */
#define APIC_ID       0x020
#define APIC_LVR      0x030
#define APIC_TASKPRI  0x080
#define APIC_EOI      0x0b0
#define APIC_SPIV     0x0f0
#define APIC_ESR      0x280
#define APIC_LVTT     0x320
#define APIC_LVT0     0x350
#define APIC_LVT1     0x360
#define APIC_LVTERR   0x370
#define APIC_TMICT    0x380
#define APIC_TMCCT    0x390
#define APIC_TDCR     0x3e0

#define APIC_SPIV_APIC_ENABLED 0x100
#define APIC_LVT_MASKED        0x10000
#define APIC_LVT_TIMER_PERIODIC 0x20000
#define APIC_DM_NMI            0x400
#define APIC_DM_EXTINT         0x700
#define APIC_TDR_DIV_16        0x3

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 value)
{
	__asm__ __volatile__("wrmsr" : : "c"(msr), "a"((u32)value), "d"((u32)(value >> 32))
			     : "memory");
}

#endif
