/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The first 16550's receive interrupt: every byte the UART holds goes to
 * the console input queue (console_input_push). COM1 is ISA IRQ 4 on
 * x86_64; on riscv64 the UART's PLIC source comes from the devicetree.
 * Transmit stays polled (uart-16550): only IER.RDI is enabled.
 */
#define pr_fmt(fmt) "uart-16550-rx: " fmt

#include <interfaces/arch.h>
#include <interfaces/console_input.h>
#include <interfaces/irq.h>
#include <interfaces/printk.h>
#include <tessera/errno.h>
#include <tessera/printk.h>
#include "rx.h"

unsigned int uart16550_rx_irq;

/* The one function the bus-bound driver moves: drain the receiver. */
irqreturn_t uart16550_rx_interrupt(int irq, void *dev_id)
{
	unsigned int n = 0;

	(void)irq;
	(void)dev_id;
	while (rx_serial_in(UART_LSR) & UART_LSR_DR) {
		console_input_push((char)rx_serial_in(UART_RX));
		/* A stuck DR bit must not hold the CPU forever. */
		if (++n == 1024)
			break;
	}
	return n ? IRQ_HANDLED : IRQ_NONE;
}

int uart16550_rx_init(void);

int uart16550_rx_init(void)
{
	int ret;

	uart16550_rx_irq = platform_uart0_irq();
	if (!uart16550_rx_irq) {
		pr_warn("no interrupt for the UART: input stays unread\n");
		return 0;
	}
	ret = request_irq(uart16550_rx_irq, uart16550_rx_interrupt, 0, "ttyS0-rx", NULL);
	if (ret < 0)
		return ret;
	/* Bytes that arrived before: take them now, then let the UART interrupt. */
	uart16550_rx_interrupt(uart16550_rx_irq, NULL);
	rx_serial_out(UART_MCR, rx_serial_in(UART_MCR) | UART_MCR_OUT2);
	rx_serial_out(UART_IER, UART_IER_RDI);
	pr_info("receive interrupt on irq %u\n", uart16550_rx_irq);
	return 0;
}
