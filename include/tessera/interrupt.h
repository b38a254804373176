/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Interrupt handlers (Linux's <linux/interrupt.h>, in small). Numbers are
 * the interrupt controller's: ISA/GSI numbers routed through the I/O APIC
 * on x86_64 (COM1 = 4), PLIC source ids from the devicetree on riscv64.
 * Each architecture's <asm/irq.h> says how many there are (NR_IRQS) and
 * which number its per-CPU timer uses.
 */
#ifndef TESSERA_INTERRUPT_H
#define TESSERA_INTERRUPT_H

#include <tessera/types.h>

typedef enum irqreturn { IRQ_NONE, IRQ_HANDLED } irqreturn_t;
typedef irqreturn_t (*irq_handler_t)(int irq, void *dev_id);

/* request_irq() flags. One handler per line: sharing is not supported yet. */
#define IRQF_TIMER 0x1UL   /* the tick: shown as such, never counted unhandled */

/* Reports of unhandled and spurious interrupts: the first few, then 1 in this many. */
#define IRQ_REPORT_EVERY 1024

#endif
