/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Private to uart-16550: the registers, the line setting uart16550_init
 * programs, and the register accessors. uart.c and its ktest
 * (tests/ktest_uart16550.c, which reads the programmed state back) share
 * them; nothing else includes this.
 */
#ifndef UART16550_UART_H
#define UART16550_UART_H

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

#if PLATFORM_UART0_IS_PORTIO
static inline u8 serial_in(unsigned int offset)
{
	return inb(PLATFORM_UART0_PORT + offset);
}

static inline void serial_out(unsigned int offset, u8 value)
{
	outb(value, PLATFORM_UART0_PORT + offset);
}
#else
static inline volatile u8 *serial_reg(unsigned int offset)
{
	return (volatile u8 *)platform_mmio(PLATFORM_UART0_PHYS) +
	       (offset << PLATFORM_UART0_REG_SHIFT);
}

static inline u8 serial_in(unsigned int offset)
{
	return readb(serial_reg(offset));
}

static inline void serial_out(unsigned int offset, u8 value)
{
	writeb(value, serial_reg(offset));
}
#endif

/* The bytes an empty transmitter takes (see tx_burst in uart.c). */
unsigned int uart16550_tx_burst(void);

/* The console instance of the platform's UART0. */
struct console;
extern struct console uart16550_ttyS0;

#endif
