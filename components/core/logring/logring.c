/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The kernel log kept in memory: a console instance that records
 * everything printk writes, so it can be read back (e.g. dumped after a
 * panic, or checked by a test) when no serial line is watching. It is
 * registered with CON_PRINTBUFFER, so it starts with printk's boot log:
 * the ring holds the log from the banner on.
 */
#include <autoconf.h>
#include <interfaces/arch.h>
#include <interfaces/console.h>
#include <interfaces/lib.h>
#include <interfaces/log_ring.h>
#include <interfaces/printk.h>
#include <tessera/console.h>
#include <tessera/spinlock.h>
#include "ring.h"

static char logring_buf[CONFIG_LOGRING_SIZE];
static struct ring logring = RING_INIT(logring_buf, sizeof(logring_buf));
/* Taken inside printk's console_lock by the write, alone by readers. */
static DEFINE_SPINLOCK(logring_lock);

/*
 * printk writes under its console_lock; readers do not take that one, so
 * the ring has its own lock: a copy never sees half of a write.
 */
static void logring_write(struct console *con, const char *buf, size_t len)
{
	unsigned long flags;

	spin_lock_irqsave(&logring_lock, flags);
	ring_write(con->priv, buf, len);
	spin_unlock_irqrestore(&logring_lock, flags);
}

const struct console_ops logring_console_ops = {
	.write = logring_write,
};

/* The one instance: there is one ring. */
static struct console logring_console = {
	.name = "logring",
	.ops = &logring_console_ops,
	.priv = &logring,
	.flags = CON_PRINTBUFFER,
};

int logring_init(void);

int logring_init(void)
{
	return register_console(&logring_console);
}

size_t logring_log_ring_copy(char *buf, size_t len)
{
	unsigned long flags;
	size_t n;

	spin_lock_irqsave(&logring_lock, flags);
	n = ring_copy(&logring, buf, len);
	spin_unlock_irqrestore(&logring_lock, flags);
	return n;
}

size_t logring_log_ring_total(void)
{
	return logring.total;
}
