/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The console list: every registered, enabled struct console receives each
 * line printk emits. Lines printed before a console registers are not lost:
 * the boot log keeps the first CONFIG_PRINTK_BOOT_LOG_SIZE bytes of the
 * kernel log, and a console registered with CON_PRINTBUFFER gets them
 * replayed first, so every console starts with the banner (Linux replays
 * its log buffer the same way).
 *
 * The write path takes no lock, it only disables interrupts: a panic, or a
 * fault inside a console's write, can always print. Registration changes
 * the list with interrupts off too, so on one CPU a walk never sees a
 * half-linked node; with SMP, registration will take a console lock that
 * the write path still does not take, keeping panic output lock-free.
 */
#ifndef TESSERA_HOST_TEST
#include <autoconf.h>
#include <interfaces/arch.h>
#include <interfaces/console.h>
#include <interfaces/lib.h>
#include <interfaces/printk.h>
#endif
#include <tessera/errno.h>
#include "internal.h"

static LIST_HEAD(console_list);

static char boot_log[CONFIG_PRINTK_BOOT_LOG_SIZE];
static size_t boot_log_len;
/* Bytes printed after the boot log filled up: a late console never sees them. */
static size_t boot_log_lost;

static void boot_log_record(const char *buf, size_t len)
{
	size_t room = sizeof(boot_log) - boot_log_len;

	/* Whole lines only, so a replay never ends in the middle of one. */
	if (len > room || boot_log_lost) {
		boot_log_lost += len;
		return;
	}
	memcpy(boot_log + boot_log_len, buf, len);
	boot_log_len += len;
}

void console_write_line(const char *buf, size_t len)
{
	struct console *con;

	boot_log_record(buf, len);
	list_for_each_entry(con, &console_list, node)
		if (con->flags & CON_ENABLED)
			con->ops->write(con, buf, len);
}

static bool console_registered(const struct console *con)
{
	const struct console *c;

	list_for_each_entry(c, &console_list, node)
		if (c == con)
			return true;
	return false;
}

/*
 * A boot console of @name that @con (not itself a boot console) replaces,
 * or NULL. The boot console already showed the boot log on that device.
 */
static struct console *boot_console_of(const struct console *con)
{
	struct console *c;

	if (con->flags & CON_BOOT)
		return NULL;
	list_for_each_entry(c, &console_list, node)
		if ((c->flags & CON_BOOT) && !strcmp(c->name, con->name))
			return c;
	return NULL;
}

static void replay_boot_log(struct console *con)
{
	static const char cut[] = "printk: boot log full, later lines not replayed\n";

	if (boot_log_len)
		con->ops->write(con, boot_log, boot_log_len);
	if (boot_log_lost)
		con->ops->write(con, cut, sizeof(cut) - 1);
}

int register_console(struct console *con)
{
	struct console *boot;
	unsigned long flags;

	if (!con || !con->name || !con->ops || !con->ops->write)
		return -EINVAL;

	flags = arch_irq_save();
	if (console_registered(con)) {
		arch_irq_restore(flags);
		return -EBUSY;
	}
	boot = boot_console_of(con);
	if (boot)
		list_del(&boot->node);
	else if (con->flags & CON_PRINTBUFFER)
		replay_boot_log(con);
	con->flags |= CON_ENABLED;
	list_add_tail(&con->node, &console_list);
	arch_irq_restore(flags);

	if (boot)
		pr_info("printk: console [%s] replaces boot console [%s]\n", con->name,
			boot->name);
	else
		pr_info("printk: console [%s] enabled\n", con->name);
	return 0;
}

int unregister_console(struct console *con)
{
	unsigned long flags;
	int ret = -ENODEV;

	if (!con)
		return -EINVAL;
	flags = arch_irq_save();
	if (console_registered(con)) {
		list_del(&con->node);
		con->flags &= ~CON_ENABLED;
		ret = 0;
	}
	arch_irq_restore(flags);
	return ret;
}
