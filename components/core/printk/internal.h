/* SPDX-License-Identifier: Apache-2.0 */
/* Limits of printk shared with its tests, and printk.c's way into console.c. */
#ifndef PRINTK_INTERNAL_H
#define PRINTK_INTERNAL_H

#include <tessera/types.h>

/* Longest line printk emits, including the truncation mark; no NUL. */
#define PRINTK_LINE_MAX 511

/* Ends a line that did not fit, so a reader knows text is missing. */
#define PRINTK_TRUNC_MARK "[...]\n"

/*
 * Records one formatted line in the boot log and writes it to every
 * enabled console, under console_lock with interrupts off, so a line is
 * never interleaved with another.
 */
void console_write_line(const char *buf, size_t len);

#endif
