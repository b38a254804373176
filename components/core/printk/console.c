/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The console list: every registered, enabled struct console receives each
 * line printk emits. Lines printed before a console registers are not lost:
 * the boot log keeps the first CONFIG_PRINTK_BOOT_LOG_SIZE bytes of the
 * kernel log, and a console registered with CON_PRINTBUFFER gets them
 * replayed first, so every console starts with the banner (Linux replays
 * its log buffer the same way).
 *
 * One spinlock, console_lock, orders everything on the list: each line
 * goes to every console whole, never interleaved with another, and
 * registration never races a walk (spin_lock_irqsave: an interrupt that
 * prints cannot come in between either). In a product without the spinlock
 * component it is interrupt masking and nothing more (<tessera/spinlock.h>).
 *
 * The write path only *tries* the lock. On one CPU with interrupts off
 * while it is held, finding it taken means this CPU's own printing was
 * interrupted by something that cannot return to it: a fault inside a
 * console's write, or a panic (or a lockdep report) while the list is
 * held. Spinning there would hang the machine without a word, so the line
 * is written anyway, as Linux's console_flush_on_panic() ignores the
 * console lock. (With SMP the failed trylock will have to spin unless an
 * oops is in progress: another CPU may be printing.)
 */
#ifndef TESSERA_HOST_TEST
#include <autoconf.h>
#include <interfaces/arch.h>
#include <interfaces/console.h>
#include <interfaces/lib.h>
#include <interfaces/printk.h>
#endif
#include <tessera/errno.h>
#include <tessera/spinlock.h>
#include "internal.h"

static LIST_HEAD(console_list);
static DEFINE_SPINLOCK(console_lock);

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
	unsigned long flags;
	bool locked;

	flags = arch_irq_save();
	locked = spin_trylock(&console_lock);
	boot_log_record(buf, len);
	list_for_each_entry(con, &console_list, node)
		if (con->flags & CON_ENABLED)
			con->ops->write(con, buf, len);
	if (locked)
		spin_unlock(&console_lock);
	arch_irq_restore(flags);
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

	spin_lock_irqsave(&console_lock, flags);
	if (console_registered(con)) {
		spin_unlock_irqrestore(&console_lock, flags);
		return -EBUSY;
	}
	boot = boot_console_of(con);
	if (boot)
		list_del(&boot->node);
	else if (con->flags & CON_PRINTBUFFER)
		replay_boot_log(con);
	con->flags |= CON_ENABLED;
	list_add_tail(&con->node, &console_list);
	spin_unlock_irqrestore(&console_lock, flags);

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
	spin_lock_irqsave(&console_lock, flags);
	if (console_registered(con)) {
		list_del(&con->node);
		con->flags &= ~CON_ENABLED;
		ret = 0;
	}
	spin_unlock_irqrestore(&console_lock, flags);
	return ret;
}
