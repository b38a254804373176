/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Private to uart-16550: the registers, the line setting uart16550_init
 * programs, and the register accessors. uart.c and its ktest
 * (tests/ktest_uart16550.c, which reads the programmed state back) share
 * them; nothing else includes this.
 */
#ifndef UART16550_UART_H
#define UART16550_UART_H

#include <tessera/console.h>
#include <tessera/types.h>
#include <asm/io.h>
#include <asm/platform.h>

/* Register offsets, in units of the register stride (Linux serial_reg.h). */
#define UART_TX		0	/* transmit holding register (write) */
#define UART_DLL	0	/* divisor latch low (with DLAB) */
#define UART_IER	1	/* interrupt enable */
#define UART_DLM	1	/* divisor latch high (with DLAB) */
#define UART_FCR	2	/* FIFO control (write) */
#define UART_IIR	2	/* interrupt identification (read) */
#define UART_LCR	3	/* line control */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */

#define UART_FCR_ENABLE_FIFO	0x01
#define UART_FCR_CLEAR_RCVR	0x02
#define UART_FCR_CLEAR_XMIT	0x04
#define UART_IIR_FIFO_ON	0xc0	/* both set: a 16550A, its FIFOs enabled */
#define UART_LCR_DLAB		0x80	/* DLL/DLM replace TX/IER */
#define UART_LCR_WLEN8		0x03	/* 8 data bits, no parity, 1 stop bit */
#define UART_MCR_DTR		0x01
#define UART_MCR_RTS		0x02
#define UART_LSR_THRE		0x20	/* transmit holding register empty */

/* A 16550A's transmit FIFO; in FIFO mode LSR.THRE says it is empty. */
#define UART_TX_FIFO_SIZE	16

#define UART_BAUD		115200

/* The PC's 1.8432 MHz crystal unless the platform says otherwise. */
#ifdef PLATFORM_UART0_CLOCK
#define UART_CLOCK		PLATFORM_UART0_CLOCK
#else
#define UART_CLOCK		1843200
#endif

/*
 * One port: where its registers are and what the transmitter has room for.
 * The early console is the platform's first port, usable before any bus
 * exists; every port the driver binds later is another instance.
 */
struct uart_port {
	unsigned long iobase;           /* I/O port base (port-I/O platforms) */
	volatile u8 *membase;           /* mapped registers (MMIO platforms) */
	unsigned int regshift;          /* register stride, log2 bytes */
	unsigned int tx_burst;          /* bytes an empty transmitter takes */
	unsigned int tx_room;           /* of those, still free */
	const char *name;               /* "ttyS0", ... */
	struct console con;             /* this port's console instance */
};

#if PLATFORM_UART0_IS_PORTIO
static inline u8 serial_in(const struct uart_port *port, unsigned int offset)
{
	return inb((u16)(port->iobase + offset));
}

static inline void serial_out(const struct uart_port *port, unsigned int offset,
			      u8 value)
{
	outb(value, (u16)(port->iobase + offset));
}
#else
static inline u8 serial_in(const struct uart_port *port, unsigned int offset)
{
	return readb(port->membase + (offset << port->regshift));
}

static inline void serial_out(const struct uart_port *port, unsigned int offset,
			      u8 value)
{
	writeb(value, port->membase + (offset << port->regshift));
}
#endif

/* The early console's port: the platform's first UART. */
struct uart_port *uart16550_early_port(void);

/* Every port the console writes to, @i from 0; NULL past the last. */
struct uart_port *uart16550_console_port(unsigned int i);

/* Programs 115200 8N1, FIFOs on, polled; sets the port's tx_burst. */
void uart16550_setup(struct uart_port *port);

/* Registers @port's console instance (the early port's is registered already). */
int uart16550_register_console(struct uart_port *port);

/* Writes @len bytes to one port, LF as CR LF (what the console does). */
void uart16550_port_write(struct uart_port *port, const char *buf, size_t len);

/* The early port's tx_burst (see struct uart_port). */
unsigned int uart16550_tx_burst(void);

#endif
