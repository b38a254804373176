/* SPDX-License-Identifier: Apache-2.0 */
/*
 * riscv64 per-CPU base: tp (x4) holds the address of this CPU's struct
 * percpu_data (include/tessera/percpu.h) whenever the kernel runs. The ABI
 * reserves tp, so the compiler never allocates it; the trap entry saves and
 * restores it with the other registers and must keep it valid in kernel
 * mode. While user code runs, tp is the user's and sscratch holds the
 * kernel's (entry.S swaps them on every trap). %tp is the same on every
 * task of a CPU, so a context switch does not touch it.
 */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H

struct percpu_data;
struct task_struct;

static inline void arch_set_percpu_base(struct percpu_data *base)
{
	__asm__ __volatile__("mv tp, %0" : : "r"(base) : "memory");
}

static inline struct percpu_data *arch_this_cpu(void)
{
	struct percpu_data *self;

	__asm__("mv %0, tp" : "=r"(self));
	return self;
}

static inline struct task_struct *arch_get_current(void)
{
	struct task_struct *task;

	__asm__ __volatile__("ld %0, 8(tp)" : "=r"(task) : : "memory");
	return task;
}

#endif
