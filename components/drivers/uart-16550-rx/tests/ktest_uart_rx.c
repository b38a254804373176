/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The receive interrupt path end to end without a terminal: the UART's
 * loopback mode (MCR.LOOP) feeds what is transmitted to its own receiver,
 * which raises the receive interrupt; the bytes must come out of
 * console_getc() in order and the UART's interrupt line be counted.
 * Nothing may print while loopback is on (it would be read back), so the
 * checks come after.
 *
 * With a scheduler, console_getc() sleeps on the input wait queue: a
 * kernel thread blocked in it (asleep, not halting in a polling loop) is
 * woken by each loopback byte's interrupt and gets the bytes in order.
 */
#include <autoconf.h>
#include <interfaces/arch.h>
#include <interfaces/console_input.h>
#include <interfaces/irq.h>
#include <interfaces/ktest.h>
#ifdef HAVE_KTHREAD
#include <interfaces/kthread.h>
#include <interfaces/percpu.h>
#include <interfaces/sched.h>
#include <tessera/kthread.h>
#endif
#include "../rx.h"

static const char message[] = "tessera\r\n";
#define MSG_LEN (sizeof(message) - 1)

static void loopback_bytes_reach_console_getc(struct ktest *t)
{
	/*
	 * Room for more than the message: while the line loops back, a report
	 * the interrupt core prints from interrupt context (a spurious receive
	 * interrupt on the PLIC) loops back too. Every byte sent must come
	 * back, in order; bytes of such a line may sit between them.
	 */
	char got[MSG_LEN + 128] = { 0 };
	unsigned long before = kstat_irqs(uart16550_rx_irq), flags, spins;
	unsigned int i, j, n = 0, seen;
	u8 mcr;

	KTEST_ASSERT(t, uart16550_rx_irq != 0);
	while (console_trygetc() >= 0)
		;
	flags = arch_irq_save();
	/* Let earlier output drain: it would loop back otherwise. */
	while (!(rx_serial_in(UART_LSR) & UART_LSR_TEMT))
		;
	mcr = rx_serial_in(UART_MCR);
	rx_serial_out(UART_MCR, mcr | UART_MCR_LOOP);
	/*
	 * One byte at a time, each taken by the interrupt before the next is
	 * sent: without a FIFO (the firmware's setting when uart-16550 is not
	 * in the product) the receiver holds a single byte.
	 */
	for (i = 0; i < MSG_LEN; i++) {
		while (!(rx_serial_in(UART_LSR) & UART_LSR_TEMT))
			;
		rx_serial_out(UART_TX, (u8)message[i]);
		for (spins = 0, seen = n; spins < 100000000UL && n == seen; spins++) {
			int c;

			arch_irq_enable();
			c = console_trygetc();
			arch_irq_disable();
			if (c >= 0 && n < sizeof(got) - 1)
				got[n++] = (char)c;
		}
	}
	while (!(rx_serial_in(UART_LSR) & UART_LSR_TEMT))
		;
	rx_serial_out(UART_MCR, mcr);
	arch_irq_restore(flags);

	/* The message, in order, as a subsequence of what came back. */
	for (i = 0, j = 0; i < MSG_LEN && j < n; j++)
		if (got[j] == message[i])
			i++;
	if (i != MSG_LEN)
		ktest_fail(t, __FILE__, __LINE__, "%u of %u bytes came back in order (%u received), %lu interrupts, %lu dropped",
			   i, (unsigned int)MSG_LEN, n, kstat_irqs(uart16550_rx_irq) - before,
			   console_input_dropped());
	KTEST_EXPECT(t, kstat_irqs(uart16550_rx_irq) > before);
	KTEST_EXPECT_EQ(t, console_input_dropped(), 0);
}

#ifdef HAVE_KTHREAD
static char reader_got[MSG_LEN + 1];
static volatile unsigned int reader_n;

static int reader_fn(void *data)
{
	(void)data;
	while (reader_n < MSG_LEN) {
		reader_got[reader_n] = (char)console_getc();
		reader_n++;
	}
	return 0;
}

/* Yield until @cond, at most @n times; true if it held. */
#define YIELD_UNTIL(cond, n)                                                    \
	({                                                                      \
		unsigned long spins_;                                           \
		for (spins_ = 0; spins_ < (n) && !(cond); spins_++)             \
			yield();                                                \
		(bool)(cond);                                                   \
	})

/* Unblock the reader for kthread_stop: feed what is missing by hand. */
static void feed_reader(void)
{
	while (reader_n < MSG_LEN) {
		console_input_push('?');
		yield();
	}
}

static void console_getc_sleeps_until_input(struct ktest *t)
{
	struct task_struct *reader;
	unsigned long before = kstat_irqs(uart16550_rx_irq);
	unsigned int i, not_asleep = 0, lost = 0;
	u8 mcr;

	KTEST_ASSERT(t, uart16550_rx_irq != 0);
	while (console_trygetc() >= 0)
		;
	reader_n = 0;
	reader = kthread_run(reader_fn, NULL, "getc");
	KTEST_ASSERT(t, reader != NULL);
	/*
	 * Nothing to read: it must go to sleep, not spin or halt as running
	 * (a polling reader holds the CPU until the tick: a few yields only).
	 */
	if (!YIELD_UNTIL(reader->state == TASK_UNINTERRUPTIBLE, 100UL)) {
		long state = reader->state;

		feed_reader();
		kthread_stop(reader);
		ktest_fail(t, __FILE__, __LINE__, "the reader in console_getc() is not asleep (state %ld)",
			   state);
		return;
	}

	while (!(rx_serial_in(UART_LSR) & UART_LSR_TEMT))
		;
	mcr = rx_serial_in(UART_MCR);
	rx_serial_out(UART_MCR, mcr | UART_MCR_LOOP);
	for (i = 0; i < MSG_LEN; i++) {
		if (reader->state != TASK_UNINTERRUPTIBLE)
			not_asleep++;
		while (!(rx_serial_in(UART_LSR) & UART_LSR_TEMT))
			;
		rx_serial_out(UART_TX, (u8)message[i]);
		/* The interrupt wakes it; it takes the byte and sleeps again. */
		if (!YIELD_UNTIL(reader_n == i + 1 &&
				 (i + 1 == MSG_LEN || reader->state == TASK_UNINTERRUPTIBLE),
				 2000000UL)) {
			lost++;
			break;
		}
	}
	while (!(rx_serial_in(UART_LSR) & UART_LSR_TEMT))
		;
	rx_serial_out(UART_MCR, mcr);

	if (lost) {
		feed_reader();
		ktest_fail(t, __FILE__, __LINE__, "%u of %u bytes reached the sleeping reader",
			   i, (unsigned int)MSG_LEN);
	}
	KTEST_EXPECT_EQ(t, kthread_stop(reader), 0);
	KTEST_EXPECT_EQ(t, not_asleep, 0);
	for (i = 0; i < MSG_LEN && !lost; i++)
		KTEST_EXPECT_EQ(t, reader_got[i], message[i]);
	KTEST_EXPECT(t, kstat_irqs(uart16550_rx_irq) >= before + MSG_LEN);
	KTEST_EXPECT_EQ(t, console_input_dropped(), 0);
}
#endif

KTEST_SUITE(uart_rx,
	    KTEST_CASE(loopback_bytes_reach_console_getc),
#ifdef HAVE_KTHREAD
	    KTEST_CASE(console_getc_sleeps_until_input),
#endif
);
