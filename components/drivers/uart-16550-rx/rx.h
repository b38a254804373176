/* SPDX-License-Identifier: Apache-2.0 */
/* Private to uart-16550-rx: the receive-side registers (Linux serial_reg.h). */
#ifndef UART16550_RX_H
#define UART16550_RX_H

#include <tessera/types.h>
#include <asm/io.h>
#include <asm/platform.h>

#define UART_RX         0       /* receive buffer (read) */
#define UART_TX         0
#define UART_IER        1
#define UART_IER_RDI    0x01    /* receive data available interrupt */
#define UART_MCR        4
#define UART_MCR_OUT2   0x08    /* on a PC, gates the UART's IRQ line */
#define UART_MCR_LOOP   0x10    /* transmitter looped back to receiver */
#define UART_LSR        5
#define UART_LSR_DR     0x01    /* receive data ready */
#define UART_LSR_TEMT   0x40    /* transmitter empty */

#ifndef PLATFORM_UART0_REG_SHIFT
#define PLATFORM_UART0_REG_SHIFT 0
#endif

#if PLATFORM_UART0_IS_PORTIO
static inline u8 rx_serial_in(unsigned int offset)
{
	return inb(PLATFORM_UART0_PORT + offset);
}

static inline void rx_serial_out(unsigned int offset, u8 value)
{
	outb(value, PLATFORM_UART0_PORT + offset);
}
#else
static inline volatile u8 *rx_serial_reg(unsigned int offset)
{
	return (volatile u8 *)platform_mmio(PLATFORM_UART0_PHYS) +
	       (offset << PLATFORM_UART0_REG_SHIFT);
}

static inline u8 rx_serial_in(unsigned int offset)
{
	return readb(rx_serial_reg(offset));
}

static inline void rx_serial_out(unsigned int offset, u8 value)
{
	writeb(value, rx_serial_reg(offset));
}
#endif

irqreturn_t uart16550_rx_interrupt(int irq, void *dev_id);
extern unsigned int uart16550_rx_irq;

#endif
