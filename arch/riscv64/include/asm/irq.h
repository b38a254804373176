/* SPDX-License-Identifier: Apache-2.0 */
/*
 * riscv64 interrupt numbers: PLIC source ids (1..NR_IRQS-2) as the
 * devicetree's `interrupts` properties give them. The supervisor timer
 * interrupt (scause 5) has no PLIC source; it gets the last number, so it
 * is counted and listed like any other line.
 */
#ifndef ASM_IRQ_H
#define ASM_IRQ_H

#define NR_IRQS          128
#define RISCV_TIMER_IRQ  (NR_IRQS - 1)

/* The per-CPU tick's interrupt number, whatever the architecture. */
#define TIMER_IRQ        RISCV_TIMER_IRQ

#endif
