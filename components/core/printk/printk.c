/* SPDX-License-Identifier: Apache-2.0 */
/*
 * printk: format a message, strip its level, and hand the line to every
 * registered console instance (console.c keeps the list and the boot log).
 */
#include <autoconf.h>
#include <interfaces/arch.h>
#include <interfaces/lib.h>
#include <interfaces/printk.h>
#include "internal.h"

/* Splits off a KERN_<LEVEL> prefix, Linux's printk_get_level(). */
static int printk_get_level(const char **fmt)
{
	const char *s = *fmt;

	if (s[0] == KERN_SOH[0] && s[1] >= '0' && s[1] <= '7') {
		*fmt = s + 2;
		return s[1] - '0';
	}
	return LOGLEVEL_DEFAULT;
}

int vprintk(const char *fmt, va_list args)
{
	/*
	 * On the stack, not static: a fault inside a console's write (or a
	 * panic from one) prints again, and must not scribble on the line
	 * that is still being written out.
	 */
	char line[PRINTK_LINE_MAX + 1];
	size_t len;
	int n;

	if (printk_get_level(&fmt) > CONFIG_PRINTK_CONSOLE_LOGLEVEL)
		return 0;

	n = vsnprintf(line, sizeof(line), fmt, args);
	if (n < 0)
		return 0;
	len = (size_t)n;
	if (len > PRINTK_LINE_MAX) {
		len = PRINTK_LINE_MAX;
		memcpy(line + len - (sizeof(PRINTK_TRUNC_MARK) - 1), PRINTK_TRUNC_MARK,
		       sizeof(PRINTK_TRUNC_MARK) - 1);
	}

	/* One line goes to each console whole (console.c holds console_lock). */
	console_write_line(line, len);

	return (int)len;
}

int printk(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vprintk(fmt, args);
	va_end(args);
	return n;
}
