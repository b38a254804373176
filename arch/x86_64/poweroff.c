/* SPDX-License-Identifier: Apache-2.0 */
/* Stopping the machine: QEMU's isa-debug-exit for a status, else halt. */
#include <asm/io.h>
#include <asm/platform.h>
#include <interfaces/arch.h>

_Noreturn void x86_64_arch_halt(void)
{
	for (;;)
		__asm__ __volatile__("cli; hlt" : : : "memory");
}

/*
 * QEMU exits with (status << 1) | 1, so a run's exit code always tells a
 * deliberate power-off (odd) from QEMU's own failures. Without the device
 * the write goes nowhere and the CPU halts.
 */
_Noreturn void x86_64_arch_poweroff(int status)
{
	outl((u32)status, PLATFORM_DEBUG_EXIT_PORT);
	x86_64_arch_halt();
}
