/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The legacy 8259A pair. Firmware leaves the master at vectors 8-15, the
 * CPU exceptions' range, so its first interrupt after sti looked like a
 * double fault. Interrupts go through the local APIC and the I/O APIC (the
 * x86-apic component), so the 8259s are only reprogrammed to vectors
 * 0x20-0x2f, out of the exceptions' way, and every line is masked. A
 * masked 8259 can still raise its spurious IRQ 7/15, which then arrives on
 * a harmless vector (0x27/0x2f) and is counted as spurious.
 */
#include <asm/io.h>
#include <asm/traps.h>
#include "x86_64.h"

#define PIC_MASTER_CMD   0x20
#define PIC_MASTER_DATA  0x21
#define PIC_SLAVE_CMD    0xa0
#define PIC_SLAVE_DATA   0xa1

#define ICW1_ICW4        0x01   /* ICW4 follows */
#define ICW1_INIT        0x10
#define ICW4_8086        0x01
#define PIC_CASCADE_IRQ  2      /* the slave hangs off master line 2 */

void x86_64_i8259_init(void)
{
	/* Mask first, so nothing is delivered halfway through the sequence. */
	outb(0xff, PIC_MASTER_DATA);
	outb(0xff, PIC_SLAVE_DATA);

	outb(ICW1_INIT | ICW1_ICW4, PIC_MASTER_CMD);
	outb(ICW1_INIT | ICW1_ICW4, PIC_SLAVE_CMD);
	outb(ISA_IRQ_VECTOR_PIC, PIC_MASTER_DATA);          /* ICW2: vector base */
	outb(ISA_IRQ_VECTOR_PIC + 8, PIC_SLAVE_DATA);
	outb(1U << PIC_CASCADE_IRQ, PIC_MASTER_DATA);       /* ICW3 */
	outb(PIC_CASCADE_IRQ, PIC_SLAVE_DATA);
	outb(ICW4_8086, PIC_MASTER_DATA);                   /* ICW4 */
	outb(ICW4_8086, PIC_SLAVE_DATA);

	/* ICW initialisation clears the masks (OCW1): set them again. */
	outb(0xff, PIC_MASTER_DATA);
	outb(0xff, PIC_SLAVE_DATA);
}
