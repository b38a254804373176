/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The UART as uart16550_init left it, read back from the hardware (QEMU's
 * 16550A on both architectures): 8N1 with DLAB clear and polled; the
 * divisor latch holding 115200 baud for the platform's clock; the FIFOs on,
 * so the driver sends 16 bytes per LSR poll; a long write that completes
 * and leaves the transmitter empty; and bytes written in loopback mode that
 * come back exactly as the console puts them on the wire (LF as CR LF).
 *
 * The expected register values are written out here, not taken from the
 * driver's macros, so a wrong macro fails too. Whatever a case changes (the
 * DLAB bit, loopback) is undone before it reports, with interrupts off in
 * between so that nothing prints into a reprogrammed line; the rest of the
 * KTAP document, printed through this UART, shows the console still works.
 */
#include <interfaces/arch.h>
#include <interfaces/console.h>
#include <interfaces/ktest.h>

#include "../uart.h"

/* Registers and bits only the test uses (Linux serial_reg.h). */
#define UART_RX			0	/* receive buffer (read) */
#define UART_LSR_DR		0x01	/* a received byte is waiting */
#define UART_LSR_ERRORS		0x1e	/* overrun, parity, framing, break */
#define UART_LSR_TEMT		0x40	/* transmitter empty: FIFO and shift register */
#define UART_MCR_LOOP		0x10	/* transmitter wired to the receiver */

/* Polls before giving up: ample for QEMU, and for 16 bytes at 115200 baud. */
#define UART_TEST_SPINS		10000000UL

/* Waits until all of @bits are set in LSR; false when they never were. */
static bool wait_lsr(struct uart_port *port, u8 bits)
{
	unsigned long spins;

	for (spins = 0; spins < UART_TEST_SPINS; spins++)
		if ((serial_in(port, UART_LSR) & bits) == bits)
			return true;
	return false;
}

/* Reads whatever sits in the receiver; returns how many bytes that was. */
static unsigned int drain_rx(struct uart_port *port)
{
	unsigned int n = 0;

	while ((serial_in(port, UART_LSR) & UART_LSR_DR) && n < 256) {
		(void)serial_in(port, UART_RX);
		n++;
	}
	return n;
}

static void line_is_8n1(struct ktest *t)
{
	struct uart_port *port = uart16550_early_port();
	/* 8 data bits (0x03), 1 stop bit, no parity, no break, DLAB clear. */
	KTEST_EXPECT_EQ(t, serial_in(port, UART_LCR), 0x03);
	/*
	 * Transmit is polled: no interrupt but receive-data-available, which
	 * uart-16550-rx enables (with OUT2, the PC's IRQ gate) when present.
	 */
	KTEST_EXPECT_EQ(t, serial_in(port, UART_IER) & ~0x01, 0x00);
	/* DTR and RTS raised, loopback and OUT1 off. */
	KTEST_EXPECT_EQ(t, serial_in(port, UART_MCR) & ~0x08, 0x03);
}

static void divisor_latch(struct ktest *t)
{
	struct uart_port *port = uart16550_early_port();
	unsigned long flags;
	unsigned int divisor;
	u8 lcr, lcr_after, dll, dlm;

	/* With DLAB set, offset 0 is DLL: no console byte may go there. */
	flags = arch_irq_save();
	lcr = serial_in(port, UART_LCR);
	serial_out(port, UART_LCR, lcr | UART_LCR_DLAB);
	dll = serial_in(port, UART_DLL);
	dlm = serial_in(port, UART_DLM);
	serial_out(port, UART_LCR, lcr);
	lcr_after = serial_in(port, UART_LCR);
	arch_irq_restore(flags);

	KTEST_EXPECT_EQ(t, lcr_after, lcr);
	divisor = dll | (unsigned int)dlm << 8;
	KTEST_ASSERT(t, divisor != 0);
	/* 1 on the PC's 1.8432 MHz clock, 2 on virt's 3.6864 MHz. */
	KTEST_EXPECT_EQ(t, divisor, UART_CLOCK / (16 * 115200));
	/* And it gives exactly 115200 baud, not an approximation. */
	KTEST_EXPECT_EQ(t, UART_CLOCK / (16 * divisor), 115200);
	KTEST_EXPECT_EQ(t, UART_CLOCK % (16 * divisor), 0);
}

static void fifo_detected(struct ktest *t)
{
	struct uart_port *port = uart16550_early_port();
	u8 iir = serial_in(port, UART_IIR);

	/* A 16550A with its FIFOs enabled sets both top bits. */
	KTEST_EXPECT_EQ(t, iir & 0xc0, 0xc0);
	/* Bit 0 set: no interrupt pending, as none is enabled. */
	KTEST_EXPECT_EQ(t, iir & 0x01, 0x01);
	/* So the driver fills the whole transmit FIFO per LSR poll. */
	KTEST_EXPECT_EQ(t, uart16550_tx_burst(), 16);
}

#define LONG_LINES	16
#define LONG_LINE_LEN	120
static char long_buf[LONG_LINES * LONG_LINE_LEN];

/*
 * LONG_LINES KTAP diagnostic lines, "    # uart16550: long write NN ..."
 * padded with a pattern: what the test puts on the console must not
 * disturb the KTAP document around it.
 */
static size_t fill_long_buf(void)
{
	static const char head[] = "    # uart16550: long write ";
	unsigned int line, i;
	char *p = long_buf;

	for (line = 0; line < LONG_LINES; line++) {
		char *start = p;

		for (i = 0; head[i]; i++)
			*p++ = head[i];
		*p++ = (char)('0' + line / 10);
		*p++ = (char)('0' + line % 10);
		*p++ = ' ';
		while (p < start + LONG_LINE_LEN - 1) {
			*p = (char)('a' + (p - start) % 26);
			p++;
		}
		*p++ = '\n';
	}
	return (size_t)(p - long_buf);
}

static void long_write_completes(struct ktest *t)
{
	struct uart_port *port = uart16550_early_port();
	size_t len = fill_long_buf();
	unsigned long flags;
	bool drained;
	u8 lsr;

	KTEST_ASSERT(t, len == sizeof(long_buf));
	/* Whole, as printk hands a line to each console. */
	flags = arch_irq_save();
	uart16550_console_ops.write(&port->con, long_buf, len);
	/* Returned: now the transmitter must empty, FIFO and shift register. */
	drained = wait_lsr(port, UART_LSR_THRE | UART_LSR_TEMT);
	lsr = serial_in(port, UART_LSR);
	arch_irq_restore(flags);

	KTEST_EXPECT(t, drained);
	KTEST_EXPECT_EQ(t, lsr & UART_LSR_ERRORS, 0);
	/* Writing changed nothing in the line setting. */
	KTEST_EXPECT_EQ(t, serial_in(port, UART_LCR), 0x03);
	KTEST_EXPECT_EQ(t, uart16550_tx_burst(), 16);
}

/* Loopback on @port, bytes sent as the console sends them. */
static void loopback_on(struct ktest *t, struct uart_port *port, bool via_console)
{
	static const char msg[] = "Ts\n16550\n";
	static const char wire[] = "Ts\r\n16550\r\n";	/* 11 bytes: fits the 16-byte receive FIFO */
	char got[sizeof(wire)] = { 0 };
	unsigned int n = 0, stale, left, i;
	unsigned long flags, spins;
	bool idle, drained;
	u8 mcr, mcr_after, lsr_errors = 0;

	flags = arch_irq_save();
	mcr = serial_in(port, UART_MCR);
	/* Console bytes still in the transmitter would be looped, not sent. */
	idle = wait_lsr(port, UART_LSR_THRE | UART_LSR_TEMT);
	stale = drain_rx(port);
	serial_out(port, UART_MCR, mcr | UART_MCR_LOOP);

	if (via_console)
		uart16550_console_ops.write(&port->con, msg, sizeof(msg) - 1);
	else
		uart16550_port_write(port, msg, sizeof(msg) - 1);
	for (spins = 0; n < sizeof(wire) - 1 && spins < UART_TEST_SPINS; spins++) {
		u8 lsr = serial_in(port, UART_LSR);

		lsr_errors |= lsr & UART_LSR_ERRORS;
		if (lsr & UART_LSR_DR)
			got[n++] = (char)serial_in(port, UART_RX);
	}
	drained = wait_lsr(port, UART_LSR_THRE | UART_LSR_TEMT);
	/* Anything beyond what was sent is a fault too. */
	left = drain_rx(port);

	serial_out(port, UART_MCR, mcr);
	mcr_after = serial_in(port, UART_MCR);
	arch_irq_restore(flags);

	KTEST_EXPECT(t, idle);
	KTEST_EXPECT_EQ(t, stale, 0);
	KTEST_EXPECT_EQ(t, mcr_after, mcr);
	KTEST_EXPECT(t, drained);
	KTEST_EXPECT_EQ(t, lsr_errors, 0);
	KTEST_EXPECT_EQ(t, n, sizeof(wire) - 1);
	KTEST_EXPECT_EQ(t, left, 0);
	for (i = 0; i < n && i < sizeof(wire) - 1; i++)
		KTEST_EXPECT_EQ(t, got[i], wire[i]);
}

static void loopback_echo(struct ktest *t)
{
	loopback_on(t, uart16550_early_port(), true);
}

/*
 * Every port the driver bound besides the early one (COM2 on the PC; none
 * in a product without the driver core): set up like the first, and a working line. The console writes to them as
 * well, so they are looped with their own writer, not the console's (the
 * console would also write the early port, which is not in loopback).
 */
static void bound_ports_work(struct ktest *t)
{
	struct uart_port *port;
	unsigned int i;

	for (i = 1; (port = uart16550_console_port(i)) != NULL; i++) {
		KTEST_EXPECT_EQ(t, serial_in(port, UART_LCR), 0x03);
		KTEST_EXPECT_EQ(t, serial_in(port, UART_IER), 0x00);
		KTEST_EXPECT_EQ(t, port->tx_burst, 16);
		loopback_on(t, port, false);
	}
}

KTEST_SUITE(uart16550,
	KTEST_CASE(line_is_8n1),
	KTEST_CASE(divisor_latch),
	KTEST_CASE(fifo_detected),
	KTEST_CASE(long_write_completes),
	KTEST_CASE(loopback_echo),
	KTEST_CASE(bound_ports_work),
);
