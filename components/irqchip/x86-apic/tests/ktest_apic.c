/* SPDX-License-Identifier: Apache-2.0 */
/*
 * x86-apic against the hardware QEMU's pc models:
 * - legacy_pic_remapped: the 8259 is let through the LAPIC's ExtINT line
 *   for one PIT interrupt, which must arrive on vector 0x20 (the remapped
 *   base) and be counted, not land on vector 8 as a "double fault" (the
 *   defect the 8259 remap fixes: before it, this case panics).
 * - isa_irq_through_io_apic: ISA IRQ 0 (the PIT), requested like a driver
 *   would, reaches its handler through the MADT override to GSI 2.
 */
#include <asm/apicdef.h>
#include <asm/i8253.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/traps.h>
#include <interfaces/arch.h>
#include <interfaces/irq.h>
#include <interfaces/ktest.h>
#include "../apic.h"

extern volatile unsigned long apic_foreign_vector, apic_foreign_count;

#define PIC_MASTER_CMD  0x20
#define PIC_MASTER_DATA 0x21
#define PIC_EOI         0x20
#define WAIT_LOOPS      50000000UL

/* PIT channel 0, mode 0: one rising edge on IRQ 0 after @count ticks. */
static void pit_oneshot(u16 count)
{
	outb(PIT_SEL_CH0 | PIT_LOHI | PIT_MODE0, PIT_MODE);
	outb(count & 0xff, PIT_CH0);
	outb(count >> 8, PIT_CH0);
}

static void legacy_pic_remapped(struct ktest *t)
{
	unsigned long flags = arch_irq_save();
	unsigned long before = apic_foreign_count, i;
	u32 lvt0 = apic_read(APIC_LVT0);

	apic_write(APIC_LVT0, APIC_DM_EXTINT);
	outb(0xfe, PIC_MASTER_DATA);            /* only line 0, the PIT */
	pit_oneshot(100);
	arch_irq_enable();
	for (i = 0; i < WAIT_LOOPS && apic_foreign_count == before; i++)
		__asm__ __volatile__("pause");
	arch_irq_disable();
	outb(0xff, PIC_MASTER_DATA);
	outb(PIC_EOI, PIC_MASTER_CMD);
	apic_write(APIC_LVT0, lvt0);
	arch_irq_restore(flags);

	KTEST_EXPECT(t, apic_foreign_count > before);
	KTEST_EXPECT_EQ(t, apic_foreign_vector, ISA_IRQ_VECTOR_PIC);
}

static volatile unsigned int pit_irqs;
static int pit_cookie;

static irqreturn_t pit_handler(int irq, void *dev_id)
{
	(void)irq;
	(void)dev_id;
	pit_irqs++;
	return IRQ_HANDLED;
}

static void isa_irq_through_io_apic(struct ktest *t)
{
	unsigned long flags = arch_irq_save();
	unsigned long before = kstat_irqs(0), i;

	pit_irqs = 0;
	KTEST_ASSERT(t, request_irq(0, pit_handler, 0, "ktest-pit", &pit_cookie) == 0);
	pit_oneshot(100);
	arch_irq_enable();
	for (i = 0; i < WAIT_LOOPS && !pit_irqs; i++)
		__asm__ __volatile__("pause");
	arch_irq_disable();
	free_irq(0, &pit_cookie);
	arch_irq_restore(flags);

	KTEST_EXPECT_EQ(t, pit_irqs, 1);
	KTEST_EXPECT_EQ(t, kstat_irqs(0), before + 1);
	/* QEMU's MADT moves IRQ 0 to GSI 2; IRQ 2 has no pin of its own. */
	KTEST_EXPECT(t, apic_madt.found);
	KTEST_EXPECT_EQ(t, apic_madt.isa_gsi[0], 2);
	KTEST_EXPECT(t, request_irq(2, pit_handler, 0, "cascade", &pit_cookie) < 0);
}

static void lapic_enabled(struct ktest *t)
{
	KTEST_EXPECT(t, rdmsr(MSR_IA32_APICBASE) & MSR_IA32_APICBASE_ENABLE);
	KTEST_EXPECT(t, apic_read(APIC_SPIV) & APIC_SPIV_APIC_ENABLED);
	KTEST_EXPECT_EQ(t, apic_read(APIC_SPIV) & 0xff, SPURIOUS_APIC_VECTOR);
	KTEST_EXPECT_EQ(t, rdmsr(MSR_IA32_APICBASE) & MSR_IA32_APICBASE_BASE, 0xfee00000);
	KTEST_EXPECT_EQ(t, apic_madt.ioapic_phys, IO_APIC_DEFAULT_PHYS);
}

KTEST_SUITE(apic,
	    KTEST_CASE(lapic_enabled),
	    KTEST_CASE(legacy_pic_remapped),
	    KTEST_CASE(isa_irq_through_io_apic));
