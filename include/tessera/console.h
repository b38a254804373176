/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Console instances. `console` is an object type (include/interfaces/
 * console.toml): each linked console type (a UART driver, the log ring)
 * defines its `const struct console_ops`, and creates instances of
 * struct console at run time, one per device, each with its own state in
 * `priv`. printk owns the list of registered instances and writes every
 * line to each enabled one (register_console() and unregister_console()
 * are operations of the `printk` interface).
 */
#ifndef TESSERA_CONSOLE_H
#define TESSERA_CONSOLE_H

#include <tessera/list.h>
#include <tessera/types.h>

struct console_ops;

/* Linux's values. */
#define CON_PRINTBUFFER	0x01	/* on registration, replay the boot log first */
#define CON_ENABLED	0x04	/* receives output; register_console() sets it */
#define CON_BOOT	0x08	/* replaced by the console of the same name */

struct console {
	const char *name;		/* "ttyS0", "ttyS1", "logring" */
	const struct console_ops *ops;
	void *priv;			/* the type's per-instance state */
	unsigned int flags;		/* CON_* */
	struct list_head node;		/* on printk's console list */
};

int register_console(struct console *con);
int unregister_console(struct console *con);

#endif
