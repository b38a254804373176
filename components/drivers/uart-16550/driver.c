/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The 16550 as a platform driver. Its ids are in the manifest (compatible
 * "ns16550a", "ns16550"); the driver core calls probe for every platform
 * device that carries one: a devicetree UART node on riscv64, a COM port
 * that x86-legacy found on the PC.
 *
 * A port the early console already drives (the platform's first UART) is
 * adopted as it is, so the log never skips a beat; any other port gets its
 * line programmed and becomes one more console instance.
 *
 * Only built into products with the driver core: without it no table
 * refers to the driver and the early console is all there is.
 */
#include <autoconf.h>

#ifdef CONFIG_COMP_DRIVER_CORE
#include <tessera/device.h>
#include <tessera/errno.h>
#include "uart.h"

#define UART16550_MAX_PORTS 4

static struct uart_port ports[UART16550_MAX_PORTS];
static unsigned int nr_ports;
/* ttyS0 is the early console; bound ports count on from there. */
static const char *const port_names[UART16550_MAX_PORTS] = {
	"ttyS1", "ttyS2", "ttyS3", "ttyS4",
};

/* Where @dev's registers are, in the form this platform reaches them. */
static int uart16550_port_of(struct device *dev, struct uart_port *port)
{
#if PLATFORM_UART0_IS_PORTIO
	struct resource *res = device_get_resource(dev, IORESOURCE_IO, 0);

	if (!res)
		return -ENODEV;
	port->iobase = (unsigned long)res->start;
#else
	struct resource *res = device_get_resource(dev, IORESOURCE_MEM, 0);

	if (!res)
		return -ENODEV;
	port->membase = platform_mmio(res->start);
	port->regshift = PLATFORM_UART0_REG_SHIFT;
#endif
	return 0;
}

static bool same_port(const struct uart_port *a, const struct uart_port *b)
{
	return a->iobase == b->iobase && a->membase == b->membase;
}

static int uart16550_probe(struct device *dev, const struct device_id *id)
{
	struct uart_port found = { 0 }, *port;
	int ret;

	(void)id;
	ret = uart16550_port_of(dev, &found);
	if (ret)
		return ret;
	if (same_port(&found, uart16550_early_port())) {
		dev_set_drvdata(dev, uart16550_early_port());
		return 0;
	}
	if (nr_ports >= UART16550_MAX_PORTS)
		return -ENOSPC;
	port = &ports[nr_ports];
	*port = found;
	port->name = port_names[nr_ports];
	uart16550_setup(port);
	ret = uart16550_register_console(port);
	if (ret)
		return ret;
	nr_ports++;
	dev_set_drvdata(dev, port);
	return 0;
}

struct device_driver uart16550_platform_driver = {
	.name = "uart16550",
	.bus = "platform",
	.probe = uart16550_probe,
};
#endif
