/* SPDX-License-Identifier: Apache-2.0 */
/* The meaning of the flags arch_irq_save() returns (sstatus.SIE). */
#ifndef ASM_IRQFLAGS_H
#define ASM_IRQFLAGS_H

#include <stdbool.h>

#define SR_SIE_FLAG 0x2UL

/* Whether @flags (from arch_irq_save()) say interrupts were off. */
static inline bool arch_irqs_disabled_flags(unsigned long flags)
{
	return !(flags & SR_SIE_FLAG);
}

#endif
