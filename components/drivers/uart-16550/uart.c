/* SPDX-License-Identifier: Apache-2.0 */
/*
 * 16550-compatible UARTs as console instances: I/O ports on the PC,
 * memory-mapped registers on riscv64 `virt`. The platform header says which.
 *
 * Each port embeds its struct console (ttyS0, ttyS1, ...), so the console
 * op finds the port from the instance it is given. The early console is the
 * platform's first port (asm/platform.h): uart16550_init pins down a known
 * line setting and registers it, and printk replays to it the lines printed
 * before (the banner). Ports found later by a bus are bound by the driver
 * (driver.c), each one more registered instance.
 */
#include <interfaces/console.h>
#include <interfaces/printk.h>
#include <tessera/compiler.h>
#include <tessera/console.h>
#include <tessera/errno.h>
#include "uart.h"

/*
 * Bytes the transmitter is known to have room for: LSR is read only when
 * they are used up, not before every byte. Once uart16550_setup has seen
 * the FIFO enabled, an empty transmitter takes UART_TX_FIFO_SIZE bytes;
 * before (the firmware's settings) or without a FIFO (an 8250 or 16450),
 * only the holding register's one. Under a hypervisor or emulator every
 * register access traps, so this takes console output from two accesses a
 * byte to little more than one.
 */
static void uart16550_putc(struct uart_port *port, char c)
{
	if (!port->tx_room) {
		while (!(serial_in(port, UART_LSR) & UART_LSR_THRE))
			;
		port->tx_room = port->tx_burst;
	}
	port->tx_room--;
	serial_out(port, UART_TX, (u8)c);
}

void uart16550_port_write(struct uart_port *port, const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		/* Terminals want CR LF; the kernel log uses bare LF. */
		if (buf[i] == '\n')
			uart16550_putc(port, '\r');
		uart16550_putc(port, buf[i]);
	}
}

static void uart16550_write(struct console *con, const char *buf, size_t len)
{
	uart16550_port_write(container_of(con, struct uart_port, con), buf, len);
}

const struct console_ops uart16550_console_ops = {
	.write = uart16550_write,
};

static struct uart_port early_port = {
#if PLATFORM_UART0_IS_PORTIO
	.iobase = PLATFORM_UART0_PORT,
#else
	.membase = NULL,        /* platform_mmio() is not a constant: see below */
	.regshift = PLATFORM_UART0_REG_SHIFT,
#endif
	.tx_burst = 1,
	.name = "ttyS0",
	.con = {
		.name = "ttyS0",
		.ops = &uart16550_console_ops,
		.flags = CON_PRINTBUFFER,
	},
};

struct uart_port *uart16550_early_port(void)
{
#if !PLATFORM_UART0_IS_PORTIO
	if (!early_port.membase)
		early_port.membase = platform_mmio(PLATFORM_UART0_PHYS);
#endif
	return &early_port;
}

/* The registered ports after the early one, for the ktests to walk. */
#define UART16550_MAX_CONSOLES 4
static struct uart_port *console_ports[UART16550_MAX_CONSOLES];
static unsigned int nr_console_ports;

int uart16550_register_console(struct uart_port *port)
{
	int ret;

	if (port == &early_port)
		return 0;
	if (nr_console_ports >= UART16550_MAX_CONSOLES)
		return -ENOSPC;
	port->con = (struct console){
		.name = port->name,
		.ops = &uart16550_console_ops,
		.flags = CON_PRINTBUFFER,
	};
	ret = register_console(&port->con);
	if (ret)
		return ret;
	console_ports[nr_console_ports++] = port;
	return 0;
}

struct uart_port *uart16550_console_port(unsigned int i)
{
	if (i == 0)
		return uart16550_early_port();
	return i - 1 < nr_console_ports ? console_ports[i - 1] : NULL;
}

unsigned int uart16550_tx_burst(void)
{
	return early_port.tx_burst;
}

void uart16550_setup(struct uart_port *port)
{
	unsigned int divisor = UART_CLOCK / (16 * UART_BAUD);

	serial_out(port, UART_IER, 0);     /* polled: no interrupts */
	serial_out(port, UART_LCR, UART_LCR_DLAB);
	serial_out(port, UART_DLL, divisor & 0xff);
	serial_out(port, UART_DLM, (divisor >> 8) & 0xff);
	serial_out(port, UART_LCR, UART_LCR_WLEN8);
	serial_out(port, UART_FCR, UART_FCR_ENABLE_FIFO | UART_FCR_CLEAR_RCVR |
				   UART_FCR_CLEAR_XMIT);
	serial_out(port, UART_MCR, UART_MCR_DTR | UART_MCR_RTS);
	/* The transmit FIFO, if there is one, was just cleared: it is empty. */
	if ((serial_in(port, UART_IIR) & UART_IIR_FIFO_ON) == UART_IIR_FIFO_ON)
		port->tx_burst = UART_TX_FIFO_SIZE;
	else
		port->tx_burst = 1;
	port->tx_room = port->tx_burst;
}

int uart16550_init(void);

int uart16550_init(void)
{
	uart16550_setup(uart16550_early_port());
	return register_console(&early_port.con);
}
