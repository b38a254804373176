/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The local APIC as the interrupt controller's front end, and the
 * interrupt entry (arch_set_handle_irq): a vector in the I/O APIC range
 * becomes irq (vector - IRQ_VECTOR_BASE), the local timer's vector becomes
 * X86_LOCAL_TIMER_IRQ; both are acknowledged with an EOI after the
 * handler. The spurious vector needs no EOI (SDM 11.9); any other vector
 * (e.g. the masked 8259's spurious IRQ 7 on 0x27) is counted as spurious.
 */
#define pr_fmt(fmt) "x86-apic: " fmt

#include <asm/irq.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <interfaces/arch.h>
#include <interfaces/irq.h>
#include <interfaces/irqchip.h>
#include <interfaces/mmu.h>
#include <interfaces/printk.h>
#include <tessera/errno.h>
#include <tessera/printk.h>
#include "apic.h"

struct madt_info apic_madt;
volatile u8 *apic_lapic_base;
/* The last vector that was neither a line nor the APIC's own: for the ktest. */
volatile unsigned long apic_foreign_vector, apic_foreign_count;

static void apic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

static void apic_handle_irq(struct pt_regs *regs)
{
	unsigned long vector = regs->vector;

	irq_enter();
	if (vector >= IRQ_VECTOR_BASE && vector < IRQ_VECTOR_BASE + NR_IRQS_GSI) {
		generic_handle_irq(vector - IRQ_VECTOR_BASE);
		apic_eoi();
	} else if (vector == LOCAL_TIMER_VECTOR) {
		generic_handle_irq(X86_LOCAL_TIMER_IRQ);
		apic_eoi();
	} else if (vector == SPURIOUS_APIC_VECTOR) {
		handle_spurious_irq(vector);
	} else if (vector == ERROR_APIC_VECTOR) {
		apic_write(APIC_ESR, 0);
		pr_warn("APIC error, ESR %#x\n", apic_read(APIC_ESR));
		apic_eoi();
	} else {
		apic_foreign_vector = vector;
		apic_foreign_count++;
		handle_spurious_irq(vector);
		/* An 8259 interrupt (ExtINT) sets no in-service bit: no EOI. */
		if (vector >= ISA_IRQ_VECTOR_PIC + 16)
			apic_eoi();
	}
	irq_exit();
}

int apic_irqchip_unmask(unsigned int irq)
{
	/* The LAPIC timer's LVT belongs to the clock that programs it. */
	if (irq == X86_LOCAL_TIMER_IRQ)
		return 0;
	return io_apic_route(irq, false);
}

void apic_irqchip_mask(unsigned int irq)
{
	if (irq < NR_IRQS_GSI)
		io_apic_route(irq, true);
}

const char *apic_irqchip_line_name(unsigned int irq)
{
	if (irq == X86_LOCAL_TIMER_IRQ)
		return "LAPIC timer";
	if (irq < MAX_ISA_IRQS && apic_madt.isa_level[irq])
		return "IO-APIC level";
	return irq < MAX_ISA_IRQS ? "IO-APIC edge" : "IO-APIC level";
}

int apic_init(void);

int apic_init(void)
{
	u64 base = rdmsr(MSR_IA32_APICBASE);
	phys_addr_t lapic_phys = base & MSR_IA32_APICBASE_BASE;
	int ret;

	if (!(base & MSR_IA32_APICBASE_ENABLE))
		wrmsr(MSR_IA32_APICBASE, base | MSR_IA32_APICBASE_ENABLE);
	apic_madt_parse(&apic_madt);
	apic_lapic_base = ioremap(lapic_phys, 4096);
	if (!apic_lapic_base)
		return -ENOMEM;

	apic_write(APIC_TASKPRI, 0);
	/* Interrupts come through the I/O APIC: the 8259's ExtINT line is off. */
	apic_write(APIC_LVT0, APIC_DM_EXTINT | APIC_LVT_MASKED);
	apic_write(APIC_LVT1, APIC_DM_NMI);
	apic_write(APIC_LVTT, LOCAL_TIMER_VECTOR | APIC_LVT_MASKED);
	apic_write(APIC_LVTERR, ERROR_APIC_VECTOR);
	apic_write(APIC_ESR, 0);
	apic_write(APIC_SPIV, APIC_SPIV_APIC_ENABLED | SPURIOUS_APIC_VECTOR);
	apic_eoi();

	ret = io_apic_init();
	if (ret < 0)
		return ret;
	arch_set_handle_irq(apic_handle_irq);
	/* Every line is masked until requested: interrupts can be on from here. */
	arch_irq_enable();

	pr_info("local APIC at %#lx (id %u, version %#x), spurious vector %#x\n",
		(unsigned long)lapic_phys, apic_read(APIC_ID) >> 24,
		apic_read(APIC_LVR) & 0xff, SPURIOUS_APIC_VECTOR);
	pr_info("I/O APIC at %#lx (id %u, %u pins, GSI base %u), %s\n",
		(unsigned long)apic_madt.ioapic_phys, apic_madt.ioapic_id,
		io_apic_nr_pins(), apic_madt.ioapic_gsi_base,
		apic_madt.found ? "from the ACPI MADT" : "no MADT: the PC's fixed address");
	if (apic_madt.found)
		pr_info("%u ISA interrupt overrides (IRQ 0 -> GSI %u); 8259 PICs masked\n",
			apic_madt.nr_overrides, apic_madt.isa_gsi[0]);
	return 0;
}
