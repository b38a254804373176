/* SPDX-License-Identifier: Apache-2.0 */
/* Single CPU instructions other components may need. */
#ifndef _ASM_X86_64_CPU_H
#define _ASM_X86_64_CPU_H

/* PAUSE tells the CPU (and a hypervisor) that this is a spin-wait loop. */
static inline void cpu_relax(void)
{
	__asm__ __volatile__("pause" : : : "memory");
}

static inline unsigned long read_cr2(void)
{
	unsigned long value;

	__asm__ __volatile__("mov %%cr2, %0" : "=r"(value));
	return value;
}

static inline unsigned long read_cr3(void)
{
	unsigned long value;

	__asm__ __volatile__("mov %%cr3, %0" : "=r"(value));
	return value;
}

#endif
