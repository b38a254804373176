/* SPDX-License-Identifier: Apache-2.0 */
/*
 * x86_64 interrupt numbers and vectors. irq 0-23 are ISA IRQs / I/O APIC
 * GSIs (ISA IRQ n reaches GSI n unless the MADT overrides it, e.g. the PIT's
 * IRQ 0 on GSI 2), each on vector IRQ_VECTOR_BASE + irq. The local APIC's
 * own timer has no GSI; it gets the number after them, so it is counted
 * and listed like any other line.
 */
#ifndef _ASM_X86_64_IRQ_H
#define _ASM_X86_64_IRQ_H

#define NR_IRQS_GSI            24
#define X86_LOCAL_TIMER_IRQ    24
#define NR_IRQS                25

#define IRQ_VECTOR_BASE        0x30
#define LOCAL_TIMER_VECTOR     0xec
#define ERROR_APIC_VECTOR      0xfe
#define SPURIOUS_APIC_VECTOR   0xff

/* The per-CPU tick's interrupt number, whatever the architecture. */
#define TIMER_IRQ              X86_LOCAL_TIMER_IRQ

#endif
