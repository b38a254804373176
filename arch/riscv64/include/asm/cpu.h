/* SPDX-License-Identifier: Apache-2.0 */
#ifndef ASM_CPU_H
#define ASM_CPU_H

/*
 * "pause" is the Zihintpause hint; its encoding is a FENCE with an empty
 * predecessor set, which every RV64 core executes as a no-op, so it is safe
 * without the extension.
 */
static inline void cpu_relax(void)
{
	__asm__ __volatile__(".insn i 0x0f, 0, x0, x0, 0x010" ::: "memory");
}

#endif
