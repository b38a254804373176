/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host test of console.c, the console list, compiled natively against a
 * stub printk (libc's vsnprintf, then console_write_line as printk.c does)
 * and stub interrupt masking. Checks: lines printed before any console
 * registers are replayed to a CON_PRINTBUFFER console, in order and whole,
 * and not to one without the flag; every enabled instance of every type
 * gets each line once, with its own instance pointer; a disabled instance
 * gets nothing; unregistering stops delivery; double registration and
 * unknown consoles are refused; a boot console is replaced by the console
 * of the same name, which then gets no replay; a full boot log keeps whole
 * lines only and the replay says lines are missing; registration runs
 * with interrupts off.
 *
 * Built natively with ASan/UBSan: cc -I include -I components/core/printk
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <tessera/testing/check.h>
#include <tessera/console.h>
#include <tessera/printk.h>
#include <tessera/types.h>

/* As the generated interfaces/console.h declares it (an object type). */
struct console_ops {
	void (*write)(struct console *con, const char *buf, size_t len);
};

unsigned long arch_irq_save(void);
void arch_irq_restore(unsigned long flags);
int printk(const char *fmt, ...);

#define TESSERA_HOST_TEST 1
#define CONFIG_PRINTK_BOOT_LOG_SIZE 64
#include "../console.c"

static int irq_depth;

unsigned long arch_irq_save(void)
{
	return (unsigned long)irq_depth++;
}

void arch_irq_restore(unsigned long flags)
{
	CHECK(irq_depth > 0);
	irq_depth = (int)flags;
}

int printk(const char *fmt, ...)
{
	char line[256];
	va_list args;
	int n;

	if (fmt[0] == KERN_SOH[0] && fmt[1])
		fmt += 2;
	va_start(args, fmt);
	n = vsnprintf(line, sizeof(line), fmt, args);
	va_end(args);
	console_write_line(line, (size_t)n);
	return n;
}

/* A console type whose instances record what they receive. */
struct sink {
	char text[1024];
	size_t len;
	unsigned int writes;
	int irq_depth_seen;
};

static void sink_write(struct console *con, const char *buf, size_t len)
{
	struct sink *s = con->priv;

	CHECK(s != NULL);
	CHECK(s->len + len < sizeof(s->text));
	memcpy(s->text + s->len, buf, len);
	s->len += len;
	s->text[s->len] = '\0';
	/* The first write of a registered console is the replay. */
	if (!s->writes++)
		s->irq_depth_seen = irq_depth;
}

static const struct console_ops sink_ops = { .write = sink_write };

static void reset(void)
{
	INIT_LIST_HEAD(&console_list);
	boot_log_len = 0;
	boot_log_lost = 0;
	irq_depth = 0;
}

static void test_replay_and_fan_out(void)
{
	struct sink a = { 0 }, b = { 0 }, c = { 0 };
	struct console ca = { .name = "a", .ops = &sink_ops, .priv = &a, .flags = CON_PRINTBUFFER };
	struct console cb = { .name = "b", .ops = &sink_ops, .priv = &b, .flags = CON_PRINTBUFFER };
	struct console cc = { .name = "c", .ops = &sink_ops, .priv = &c };

	reset();
	printk(KERN_NOTICE "one\n");
	printk("two\n");
	CHECK(register_console(&ca) == 0);
	CHECK(ca.flags & CON_ENABLED);
	/* The replay, then the announcement, to the new console. */
	CHECKF(!strcmp(a.text, "one\ntwo\nprintk: console [a] enabled\n"), "a got '%s'", a.text);
	CHECK(a.irq_depth_seen == 1);
	CHECK(irq_depth == 0);
	printk("three\n");
	CHECK(register_console(&cb) == 0);
	CHECK(register_console(&cc) == 0);
	CHECKF(!strcmp(b.text, "one\ntwo\nprintk: console [a] enabled\nthree\n"
			"printk: console [b] enabled\nprintk: console [c] enabled\n"),
	       "b got '%s'", b.text);
	/* Without CON_PRINTBUFFER: only what comes after. */
	CHECKF(!strcmp(c.text, "printk: console [c] enabled\n"), "c got '%s'", c.text);
	a.len = b.len = c.len = 0;
	a.writes = b.writes = c.writes = 0;
	printk("four\n");
	CHECK(a.writes == 1 && b.writes == 1 && c.writes == 1);
	CHECK(!strcmp(a.text, "four\n") && !strcmp(b.text, "four\n") && !strcmp(c.text, "four\n"));

	/* Disabled: registered but silent. */
	cb.flags &= ~CON_ENABLED;
	printk("five\n");
	CHECK(a.writes == 2 && b.writes == 1 && c.writes == 2);

	/* Unregistered: gone; twice is an error, as is a second registration. */
	CHECK(unregister_console(&ca) == 0);
	CHECK(!(ca.flags & CON_ENABLED));
	CHECK(unregister_console(&ca) == -ENODEV);
	CHECK(register_console(&cc) == -EBUSY);
	printk("six\n");
	CHECK(a.writes == 2 && c.writes == 3);
	CHECK(unregister_console(NULL) == -EINVAL);
}

static void test_refuses_incomplete(void)
{
	static const struct console_ops no_write = { .write = NULL };
	struct console no_ops = { .name = "x" };
	struct console no_name = { .ops = &sink_ops };
	struct console bad = { .name = "y", .ops = &no_write };

	reset();
	CHECK(register_console(NULL) == -EINVAL);
	CHECK(register_console(&no_ops) == -EINVAL);
	CHECK(register_console(&no_name) == -EINVAL);
	CHECK(register_console(&bad) == -EINVAL);
	CHECK(list_empty(&console_list));
}

static void test_boot_console_replaced(void)
{
	struct sink early = { 0 }, real = { 0 }, other = { 0 };
	struct console boot = { .name = "ttyS0", .ops = &sink_ops, .priv = &early,
				.flags = CON_BOOT | CON_PRINTBUFFER };
	struct console tty = { .name = "ttyS0", .ops = &sink_ops, .priv = &real,
			       .flags = CON_PRINTBUFFER };
	struct console ring = { .name = "ring", .ops = &sink_ops, .priv = &other,
				.flags = CON_PRINTBUFFER };

	reset();
	printk("early\n");
	CHECK(register_console(&boot) == 0);
	CHECK(!strcmp(early.text, "early\nprintk: console [ttyS0] enabled\n"));
	CHECK(register_console(&tty) == 0);
	/* The device showed the boot log already: no replay, and the boot
	 * console is off the list. */
	CHECKF(!strcmp(real.text, "printk: console [ttyS0] replaces boot console [ttyS0]\n"),
	       "real got '%s'", real.text);
	CHECK(!strcmp(early.text, "early\nprintk: console [ttyS0] enabled\n"));
	CHECK(unregister_console(&boot) == -ENODEV);
	/* Another console's name replaces nothing and gets the replay. */
	CHECK(register_console(&ring) == 0);
	CHECK(!strncmp(other.text, "early\n", 6));
}

static void test_boot_log_full(void)
{
	struct sink s = { 0 };
	struct console con = { .name = "late", .ops = &sink_ops, .priv = &s,
			       .flags = CON_PRINTBUFFER };
	char line[40];

	reset();
	memset(line, 'x', sizeof(line) - 2);
	line[sizeof(line) - 2] = '\n';
	line[sizeof(line) - 1] = '\0';
	printk("%s", line);             /* 39 bytes: fits the 64 */
	printk("%s", line);             /* does not: dropped whole */
	printk("ok\n");                 /* would fit, but after a gap: dropped too */
	CHECK(boot_log_len == 39);
	CHECK(register_console(&con) == 0);
	CHECK(!strncmp(s.text, line, 39));
	CHECKF(!strcmp(s.text + 39, "printk: boot log full, later lines not replayed\n"
			"printk: console [late] enabled\n"), "got '%s'", s.text + 39);
}

int main(void)
{
	test_replay_and_fan_out();
	test_refuses_incomplete();
	test_boot_console_replaced();
	test_boot_log_full();
	return check_summary("test_console");
}
