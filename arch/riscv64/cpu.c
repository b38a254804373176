/* SPDX-License-Identifier: Apache-2.0 */
/* The small per-CPU operations of the arch interface. */
#include <interfaces/arch.h>
#include "csr.h"

unsigned long riscv64_arch_irq_save(void)
{
	return csr_read_clear(sstatus, SR_SIE) & SR_SIE;
}

void riscv64_arch_irq_restore(unsigned long flags)
{
	csr_set(sstatus, flags & SR_SIE);
}

/*
 * The time CSR, not cycle: S-mode may read it without the firmware's
 * permission (mcounteren.TM is set by OpenSBI) and it ticks at a fixed rate
 * (10 MHz on QEMU virt) whatever the CPU does.
 */
u64 riscv64_arch_read_cycles(void)
{
	unsigned long t;

	__asm__ __volatile__("rdtime %0" : "=r"(t));
	return t;
}

void riscv64_arch_irq_enable(void)
{
	csr_set(sstatus, SR_SIE);
}

void riscv64_arch_irq_disable(void)
{
	csr_clear(sstatus, SR_SIE);
}

/*
 * wfi wakes for an interrupt enabled in sie even while sstatus.SIE is
 * clear, so waiting with SIE clear and setting it afterwards takes the
 * interrupt without a window in which it could come before the wfi.
 */
void riscv64_arch_wait_for_interrupt(void)
{
	csr_clear(sstatus, SR_SIE);
	__asm__ __volatile__("wfi" ::: "memory");
	csr_set(sstatus, SR_SIE);
}

_Noreturn void riscv64_arch_halt(void)
{
	csr_read_clear(sstatus, SR_SIE);
	for (;;)
		__asm__ __volatile__("wfi");
}

const char *riscv64_arch_name(void)
{
	return "riscv64";
}
