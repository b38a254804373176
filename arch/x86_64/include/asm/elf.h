/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What exec puts in the ELF auxiliary vector and checks in the header
 * for x86_64 (Linux's arch/x86/include/asm/elf.h, the 64-bit part).
 */
#ifndef _ASM_X86_64_ELF_H
#define _ASM_X86_64_ELF_H

#include <asm/cpu.h>

#define ELF_MACHINE  62                 /* EM_X86_64 */
#define ELF_CLASS    2                  /* ELFCLASS64 */
#define ELF_DATA     1                  /* ELFDATA2LSB */
#define ELF_PLATFORM "x86_64"           /* AT_PLATFORM */
#define ELF_EXEC_PAGESIZE 4096

/* AT_HWCAP: CPUID leaf 1 %edx, as Linux reports it. */
static inline unsigned long elf_hwcap(void)
{
	unsigned int eax, ebx, ecx, edx;

	cpuid(1, &eax, &ebx, &ecx, &edx);
	return edx;
}
#define ELF_HWCAP elf_hwcap()
#define ELF_HWCAP2 0UL

#endif
