/* SPDX-License-Identifier: Apache-2.0 */
/*
 * panic(): the kernel cannot go on. Say why, show how we got here, and power
 * off with a failure status so that a test run ends instead of hanging.
 */
#ifndef TESSERA_HOST_TEST
#include <interfaces/arch.h>
#include <interfaces/lib.h>
#include <interfaces/panic.h>
#include <interfaces/printk.h>
#endif

/* Formatted once; static because a panic may come from a nearly full stack. */
static char panic_buf[256];
static bool panicking;

_Noreturn void panic(const char *fmt, ...)
{
	va_list args;

	/* Nothing may run behind our back any more. */
	arch_irq_save();

	/*
	 * A panic while panicking (printk or the backtrace faulted) would only
	 * loop: stop with what has been printed so far.
	 */
	if (panicking)
		arch_poweroff(1);
	panicking = true;

	va_start(args, fmt);
	vsnprintf(panic_buf, sizeof(panic_buf), fmt, args);
	va_end(args);

	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", panic_buf);
	arch_dump_stack();
	printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s ]---\n", panic_buf);
	/* The runner looks for this line, as after a normal shutdown. */
	printk(KERN_EMERG "tessera: poweroff status=1\n");
	arch_poweroff(1);
}
