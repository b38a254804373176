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

static inline void write_cr3(unsigned long value)
{
	__asm__ __volatile__("mov %0, %%cr3" : : "r"(value) : "memory");
}

/* Drop the TLB entry (of any page size) that translates @va. */
static inline void invlpg(unsigned long va)
{
	__asm__ __volatile__("invlpg (%0)" : : "r"(va) : "memory");
}

#define MSR_EFER   0xc0000080
#define EFER_NX    (1UL << 11)

static inline unsigned long long rdmsr(unsigned int msr)
{
	unsigned int low, high;

	__asm__ __volatile__("rdmsr" : "=a"(low), "=d"(high) : "c"(msr));
	return ((unsigned long long)high << 32) | low;
}

static inline void wrmsr(unsigned int msr, unsigned long long value)
{
	__asm__ __volatile__("wrmsr" : : "c"(msr), "a"((unsigned int)value),
			     "d"((unsigned int)(value >> 32)) : "memory");
}

static inline void cpuid(unsigned int leaf, unsigned int *eax, unsigned int *ebx,
			 unsigned int *ecx, unsigned int *edx)
{
	__asm__ __volatile__("cpuid" : "=a"(*eax), "=b"(*ebx), "=c"(*ecx), "=d"(*edx)
			     : "a"(leaf), "c"(0));
}

#endif
