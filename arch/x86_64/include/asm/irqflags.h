/* SPDX-License-Identifier: Apache-2.0 */
/* RFLAGS access; the arch_irq_save/arch_irq_restore operations build on these. */
#ifndef _ASM_X86_64_IRQFLAGS_H
#define _ASM_X86_64_IRQFLAGS_H

#include <stdbool.h>

#define X86_EFLAGS_IF 0x200UL

static inline unsigned long native_save_fl(void)
{
	unsigned long flags;

	/* "memory": callers rely on this ordering against the critical section. */
	__asm__ __volatile__("pushfq; popq %0" : "=rm"(flags) : : "memory");
	return flags;
}

static inline void native_restore_fl(unsigned long flags)
{
	__asm__ __volatile__("pushq %0; popfq" : : "g"(flags) : "memory", "cc");
}

static inline void native_irq_disable(void)
{
	__asm__ __volatile__("cli" : : : "memory");
}

/* Whether @flags (from arch_irq_save()) say interrupts were off. */
static inline bool arch_irqs_disabled_flags(unsigned long flags)
{
	return !(flags & X86_EFLAGS_IF);
}

#endif
