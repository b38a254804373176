/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The I/O APIC (Intel 82093AA datasheet): one redirection entry per pin,
 * reached through an index (IOREGSEL) and a data window (IOWIN). irq n goes
 * to vector IRQ_VECTOR_BASE + n on the boot CPU's local APIC; its pin is
 * its GSI, which for an ISA IRQ the MADT's overrides may move (the PIT's
 * IRQ 0 is on pin 2 on QEMU's pc) along with its polarity and trigger.
 */
#include <asm/irq.h>
#include <interfaces/mmu.h>
#include <tessera/errno.h>
#include "apic.h"

#define IOREGSEL        0x00
#define IOWIN           0x10
#define IO_APIC_VER     0x01
#define IO_APIC_REDTBL  0x10

#define IO_APIC_ACTIVE_LOW  (1U << 13)
#define IO_APIC_LEVEL       (1U << 15)
#define IO_APIC_MASKED      (1U << 16)

static volatile u8 *io_apic_base;
static unsigned int nr_pins;

static u32 io_apic_read(unsigned int reg)
{
	*(volatile u32 *)(io_apic_base + IOREGSEL) = reg;
	return *(volatile u32 *)(io_apic_base + IOWIN);
}

static void io_apic_write(unsigned int reg, u32 value)
{
	*(volatile u32 *)(io_apic_base + IOREGSEL) = reg;
	*(volatile u32 *)(io_apic_base + IOWIN) = value;
}

unsigned int io_apic_nr_pins(void)
{
	return nr_pins;
}

int io_apic_init(void)
{
	unsigned int pin;

	io_apic_base = ioremap(apic_madt.ioapic_phys, 0x20);
	if (!io_apic_base)
		return -ENOMEM;
	nr_pins = ((io_apic_read(IO_APIC_VER) >> 16) & 0xff) + 1;
	for (pin = 0; pin < nr_pins; pin++) {
		io_apic_write(IO_APIC_REDTBL + 2 * pin, IO_APIC_MASKED);
		io_apic_write(IO_APIC_REDTBL + 2 * pin + 1, 0);
	}
	return 0;
}

/* The GSI of @irq, or -1 when another ISA IRQ's override took its pin (IRQ 2). */
static long irq_to_gsi(unsigned int irq)
{
	unsigned int j;

	if (irq >= MAX_ISA_IRQS)
		return irq;
	for (j = 0; j < MAX_ISA_IRQS; j++)
		if (j != irq && apic_madt.isa_gsi[j] != j &&
		    apic_madt.isa_gsi[j] == apic_madt.isa_gsi[irq])
			return -1;
	return apic_madt.isa_gsi[irq];
}

int io_apic_route(unsigned int irq, bool masked)
{
	long gsi = irq_to_gsi(irq);
	unsigned long pin;
	u32 low = IRQ_VECTOR_BASE + irq;

	if (irq >= NR_IRQS_GSI || !io_apic_base)
		return -EINVAL;
	if (gsi < 0)
		return -EBUSY;
	pin = (unsigned long)gsi - apic_madt.ioapic_gsi_base;
	if ((unsigned long)gsi < apic_madt.ioapic_gsi_base || pin >= nr_pins)
		return -EINVAL;
	if (irq < MAX_ISA_IRQS) {
		if (apic_madt.isa_active_low[irq])
			low |= IO_APIC_ACTIVE_LOW;
		if (apic_madt.isa_level[irq])
			low |= IO_APIC_LEVEL;
	} else {
		/* PCI INTx lines above the ISA range: level, active low. */
		low |= IO_APIC_LEVEL | IO_APIC_ACTIVE_LOW;
	}
	if (masked)
		low |= IO_APIC_MASKED;
	/* Destination: the boot CPU's APIC id, physical mode. */
	io_apic_write(IO_APIC_REDTBL + 2 * pin + 1, (apic_read(APIC_ID) >> 24) << 24);
	io_apic_write(IO_APIC_REDTBL + 2 * pin, low);
	return 0;
}
