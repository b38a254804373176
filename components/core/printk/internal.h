/* SPDX-License-Identifier: Apache-2.0 */
/* Limits of printk shared with its tests. */
#ifndef PRINTK_INTERNAL_H
#define PRINTK_INTERNAL_H

/* Longest line printk emits, including the truncation mark; no NUL. */
#define PRINTK_LINE_MAX 511

/* Ends a line that did not fit, so a reader knows text is missing. */
#define PRINTK_TRUNC_MARK "[...]\n"

#endif
