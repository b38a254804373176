/* SPDX-License-Identifier: Apache-2.0 */
/* Private to x86-apic: registers (SDM Vol. 3A ch. 11; 82093AA datasheet) and shared state. */
#ifndef X86_APIC_APIC_H
#define X86_APIC_APIC_H

#include <asm/apicdef.h>
#include <tessera/types.h>

#define IO_APIC_DEFAULT_PHYS   0xfec00000UL
#define MAX_ISA_IRQS           16

/* What the MADT (or, without one, the PC's fixed layout) says. */
struct madt_info {
	bool found;
	phys_addr_t lapic_phys;
	phys_addr_t ioapic_phys;
	u32 ioapic_gsi_base;
	u8 ioapic_id;
	/* ISA IRQ -> GSI, and its polarity/trigger, after the overrides. */
	u32 isa_gsi[MAX_ISA_IRQS];
	bool isa_active_low[MAX_ISA_IRQS];
	bool isa_level[MAX_ISA_IRQS];
	unsigned int nr_overrides;
};

extern struct madt_info apic_madt;
extern volatile u8 *apic_lapic_base;

void apic_madt_parse(struct madt_info *info);

static inline u32 apic_read(unsigned int reg)
{
	return *(volatile u32 *)(apic_lapic_base + reg);
}

static inline void apic_write(unsigned int reg, u32 value)
{
	*(volatile u32 *)(apic_lapic_base + reg) = value;
}

/* I/O APIC (io_apic.c). */
int io_apic_init(void);
unsigned int io_apic_nr_pins(void);
int io_apic_route(unsigned int irq, bool masked);

#endif
