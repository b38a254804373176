/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The first 16550-compatible UART as a console: I/O ports on the PC,
 * memory-mapped registers on riscv64 `virt`. The platform header says which.
 *
 * uart16550_init pins down a known line setting and registers the port's
 * console instance, ttyS0; printk replays the lines printed before (the
 * banner) to it. One instance for now: the port is the platform's UART0.
 */
#include <interfaces/console.h>
#include <interfaces/printk.h>
#include <tessera/console.h>
#include "uart.h"

/*
 * Bytes the transmitter is known to have room for: LSR is read only when
 * they are used up, not before every byte. Once uart16550_init has seen the
 * FIFO enabled, an empty transmitter takes UART_TX_FIFO_SIZE bytes; before
 * (the firmware's settings) or without a FIFO (an 8250 or 16450), only the
 * holding register's one. Under a hypervisor or emulator every register
 * access traps, so this takes console output from two accesses a byte to
 * little more than one.
 */
static unsigned int tx_burst = 1;
static unsigned int tx_room;

static void uart16550_putc(char c)
{
	if (!tx_room) {
		while (!(serial_in(UART_LSR) & UART_LSR_THRE))
			;
		tx_room = tx_burst;
	}
	tx_room--;
	serial_out(UART_TX, (u8)c);
}

/* @con is the platform's UART0 instance, the only one so far. */
static void uart16550_write(struct console *con, const char *buf, size_t len)
{
	size_t i;

	(void)con;
	for (i = 0; i < len; i++) {
		/* Terminals want CR LF; the kernel log uses bare LF. */
		if (buf[i] == '\n')
			uart16550_putc('\r');
		uart16550_putc(buf[i]);
	}
}

const struct console_ops uart16550_console_ops = {
	.write = uart16550_write,
};

struct console uart16550_ttyS0 = {
	.name = "ttyS0",
	.ops = &uart16550_console_ops,
	.flags = CON_PRINTBUFFER,
};

unsigned int uart16550_tx_burst(void)
{
	return tx_burst;
}

int uart16550_init(void);

int uart16550_init(void)
{
	unsigned int divisor = UART_CLOCK / (16 * UART_BAUD);

	serial_out(UART_IER, 0);	/* polled: no interrupts */
	serial_out(UART_LCR, UART_LCR_DLAB);
	serial_out(UART_DLL, divisor & 0xff);
	serial_out(UART_DLM, (divisor >> 8) & 0xff);
	serial_out(UART_LCR, UART_LCR_WLEN8);
	serial_out(UART_FCR, UART_FCR_ENABLE_FIFO | UART_FCR_CLEAR_RCVR |
			     UART_FCR_CLEAR_XMIT);
	serial_out(UART_MCR, UART_MCR_DTR | UART_MCR_RTS);
	/* The transmit FIFO, if there is one, was just cleared: it is empty. */
	if ((serial_in(UART_IIR) & UART_IIR_FIFO_ON) == UART_IIR_FIFO_ON)
		tx_burst = UART_TX_FIFO_SIZE;
	else
		tx_burst = 1;
	tx_room = tx_burst;
	return register_console(&uart16550_ttyS0);
}
