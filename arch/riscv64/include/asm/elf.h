/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What exec puts in the ELF auxiliary vector and checks in the header for
 * riscv64 (Linux's arch/riscv/include/asm/elf.h).
 */
#ifndef _ASM_RISCV64_ELF_H
#define _ASM_RISCV64_ELF_H

#define ELF_MACHINE  243                /* EM_RISCV */
#define ELF_CLASS    2                  /* ELFCLASS64 */
#define ELF_DATA     1                  /* ELFDATA2LSB */
#define ELF_PLATFORM "riscv64"          /* AT_PLATFORM (Linux riscv sends none; harmless) */
#define ELF_EXEC_PAGESIZE 4096

/*
 * AT_HWCAP: one bit per single-letter extension ('a' = bit 0). The user
 * side gets IMAFDC (QEMU virt's rv64gc; FP state is switched per task).
 */
#define RISCV_HWCAP_ISA(c) (1UL << ((c) - 'a'))
#define ELF_HWCAP (RISCV_HWCAP_ISA('i') | RISCV_HWCAP_ISA('m') | RISCV_HWCAP_ISA('a') | \
		   RISCV_HWCAP_ISA('f') | RISCV_HWCAP_ISA('d') | RISCV_HWCAP_ISA('c'))
#define ELF_HWCAP2 0UL

#endif
