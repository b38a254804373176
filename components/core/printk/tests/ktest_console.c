/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The console list in the running kernel: a console registered now with
 * CON_PRINTBUFFER starts with the boot log (the banner, printed before any
 * console existed); it receives each later line once, with its own
 * instance; muted (CON_ENABLED clear) it receives nothing; unregistered
 * it is gone. The UART and log ring instances registered at boot are on
 * the list meanwhile, so the KTAP output around these cases shows they
 * kept working.
 */
#include <autoconf.h>
#include <tessera/console.h>
#include <tessera/errno.h>
#include <tessera/ktest.h>
#include <interfaces/console.h>
#include <interfaces/ktest.h>
#include <interfaces/lib.h>
#include <interfaces/printk.h>

struct capture {
	char head[512];		/* the first bytes received */
	size_t total;
	unsigned int writes;
	struct console *last;	/* the instance the last write was for */
};

static void capture_write(struct console *con, const char *buf, size_t len)
{
	struct capture *c = con->priv;
	size_t room = sizeof(c->head) - 1 - MIN(c->total, sizeof(c->head) - 1);

	memcpy(c->head + (sizeof(c->head) - 1 - room), buf, MIN(room, len));
	c->total += len;
	c->writes++;
	c->last = con;
}

static const struct console_ops capture_ops = { .write = capture_write };

/* Whether a line of @text starts with @prefix. */
static bool has_line(const char *text, const char *prefix)
{
	size_t n = strlen(prefix);

	for (; *text; text = strchr(text, '\n') ? strchr(text, '\n') + 1 : "")
		if (!strncmp(text, prefix, n))
			return true;
	return false;
}

static void replays_boot_log(struct ktest *test)
{
	static struct capture cap;
	static struct console con = { .name = "ktest", .ops = &capture_ops, .priv = &cap,
				      .flags = CON_PRINTBUFFER };

	KTEST_ASSERT(test, register_console(&con) == 0);
	KTEST_EXPECT_EQ(test, unregister_console(&con), 0);
	/* The banner (KERN_NOTICE), printed before any console existed, is
	 * among the first lines (after what arch_setup said), unless the log
	 * level drops it. */
	if (CONFIG_PRINTK_CONSOLE_LOGLEVEL >= 5)
		KTEST_EXPECT(test, has_line(cap.head, "Tessera "));
	KTEST_EXPECT(test, cap.last == &con);
}

static void each_line_once(struct ktest *test)
{
	static struct capture cap1, cap2;
	static struct console one = { .name = "ktest1", .ops = &capture_ops, .priv = &cap1 };
	static struct console two = { .name = "ktest2", .ops = &capture_ops, .priv = &cap2 };
	unsigned int w1, w2;

	KTEST_ASSERT(test, register_console(&one) == 0);
	KTEST_ASSERT(test, register_console(&two) == 0);
	KTEST_EXPECT_EQ(test, register_console(&one), -EBUSY);
	w1 = cap1.writes;
	w2 = cap2.writes;
	printk(KERN_EMERG "    # console: to both\n");
	KTEST_EXPECT_EQ(test, cap1.writes, w1 + 1);
	KTEST_EXPECT_EQ(test, cap2.writes, w2 + 1);
	KTEST_EXPECT(test, cap1.last == &one);
	KTEST_EXPECT(test, cap2.last == &two);

	/* Muted: stays registered, receives nothing. */
	two.flags &= ~CON_ENABLED;
	printk(KERN_EMERG "    # console: to one\n");
	KTEST_EXPECT_EQ(test, cap1.writes, w1 + 2);
	KTEST_EXPECT_EQ(test, cap2.writes, w2 + 1);

	KTEST_EXPECT_EQ(test, unregister_console(&one), 0);
	KTEST_EXPECT_EQ(test, unregister_console(&two), 0);
	KTEST_EXPECT_EQ(test, unregister_console(&two), -ENODEV);
	printk(KERN_EMERG "    # console: to none of them\n");
	KTEST_EXPECT_EQ(test, cap1.writes, w1 + 2);
}

KTEST_SUITE(console,
	KTEST_CASE(replays_boot_log),
	KTEST_CASE(each_line_once),
);
