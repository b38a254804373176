/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The receive interrupt path end to end without a terminal: the UART's
 * loopback mode (MCR.LOOP) feeds what is transmitted to its own receiver,
 * which raises the receive interrupt; the bytes must come out of
 * console_getc() in order and the UART's interrupt line be counted.
 * Nothing may print while loopback is on (it would be read back), so the
 * checks come after.
 */
#include <interfaces/arch.h>
#include <interfaces/console_input.h>
#include <interfaces/irq.h>
#include <interfaces/ktest.h>
#include "../rx.h"

static const char message[] = "tessera\r\n";
#define MSG_LEN (sizeof(message) - 1)

static void loopback_bytes_reach_console_getc(struct ktest *t)
{
	char got[MSG_LEN + 1] = { 0 };
	unsigned long before = kstat_irqs(uart16550_rx_irq), flags, spins;
	unsigned int i, n = 0;
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
		for (spins = 0; spins < 100000000UL && n == i; spins++) {
			int c;

			arch_irq_enable();
			c = console_trygetc();
			arch_irq_disable();
			if (c >= 0)
				got[n++] = (char)c;
		}
	}
	while (!(rx_serial_in(UART_LSR) & UART_LSR_TEMT))
		;
	rx_serial_out(UART_MCR, mcr);
	arch_irq_restore(flags);

	if (n != MSG_LEN)
		ktest_fail(t, __FILE__, __LINE__, "%u of %u bytes came back (\"%s\"), %lu interrupts, %lu dropped",
			   n, (unsigned int)MSG_LEN, got, kstat_irqs(uart16550_rx_irq) - before,
			   console_input_dropped());
	for (i = 0; i < MSG_LEN; i++)
		KTEST_EXPECT_EQ(t, got[i], message[i]);
	KTEST_EXPECT(t, kstat_irqs(uart16550_rx_irq) > before);
	KTEST_EXPECT_EQ(t, console_input_dropped(), 0);
}

KTEST_SUITE(uart_rx, KTEST_CASE(loopback_bytes_reach_console_getc));
