/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The first 16550-compatible UART as a console sink: I/O ports on the PC,
 * memory-mapped registers on riscv64 `virt`. The platform header says which.
 *
 * Writing needs no prior setup (firmware and QEMU leave the UART usable),
 * so printk works before the initcalls; uart16550_init only pins down a
 * known line setting.
 */
#include <tessera/types.h>
#include <asm/io.h>
#include <asm/platform.h>
#include <interfaces/console.h>

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
static u8 serial_in(unsigned int offset)
{
	return inb(PLATFORM_UART0_PORT + offset);
}

static void serial_out(unsigned int offset, u8 value)
{
	outb(value, PLATFORM_UART0_PORT + offset);
}
#else
static volatile u8 *serial_reg(unsigned int offset)
{
	return (volatile u8 *)platform_mmio(PLATFORM_UART0_PHYS) +
	       (offset << PLATFORM_UART0_REG_SHIFT);
}

static u8 serial_in(unsigned int offset)
{
	return readb(serial_reg(offset));
}

static void serial_out(unsigned int offset, u8 value)
{
	writeb(value, serial_reg(offset));
}
#endif

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

static void uart16550_write(const char *buf, size_t len)
{
	size_t i;

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
	return 0;
}
