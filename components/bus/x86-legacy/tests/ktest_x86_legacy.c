/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The product boots QEMU `pc` with two serial ports (product.toml adds the
 * second): both must be platform devices with their I/O range and ISA irq,
 * and the 16550 driver, when the product has it, must be bound to each.
 */
#include <autoconf.h>
#include <interfaces/driver_core.h>
#include <interfaces/ktest.h>
#include <interfaces/lib.h>
#include <interfaces/platform_bus.h>

struct serial_seen {
	u64 port;
	struct device *dev;
};

static int find_port(struct device *dev, void *data)
{
	struct serial_seen *seen = data;
	struct resource *io = device_get_resource(dev, IORESOURCE_IO, 0);

	if (io && io->start == seen->port) {
		seen->dev = dev;
		return 1;
	}
	return 0;
}

static void check_port(struct ktest *t, u16 port, u64 irq, const char *name)
{
	struct serial_seen seen = { .port = port };
	struct platform_device *pdev;
	struct resource *res;

	bus_for_each_dev(platform_bus(), &seen, find_port);
	KTEST_ASSERT(t, seen.dev != NULL);
	pdev = to_platform_device(seen.dev);
	KTEST_EXPECT_STREQ(t, seen.dev->name, name);
	KTEST_EXPECT_STREQ(t, pdev->compatible, "ns16550a");
	res = device_get_resource(seen.dev, IORESOURCE_IO, 0);
	KTEST_EXPECT_EQ(t, resource_size(res), 8);
	res = device_get_resource(seen.dev, IORESOURCE_IRQ, 0);
	KTEST_ASSERT(t, res != NULL);
	KTEST_EXPECT_EQ(t, res->start, irq);
#ifdef CONFIG_COMP_UART_16550
	KTEST_ASSERT(t, seen.dev->driver != NULL);
	KTEST_EXPECT_STREQ(t, seen.dev->driver->name, "uart16550");
	KTEST_EXPECT(t, dev_get_drvdata(seen.dev) != NULL);
#else
	KTEST_EXPECT(t, seen.dev->driver == NULL);
#endif
}

static void com1_bound(struct ktest *t)
{
	check_port(t, 0x3f8, 4, "serial@3f8");
}

static void com2_bound(struct ktest *t)
{
	check_port(t, 0x2f8, 3, "serial@2f8");
}

static int count_serial(struct device *dev, void *data)
{
	if (device_get_resource(dev, IORESOURCE_IO, 0))
		(*(unsigned int *)data)++;
	return 0;
}

/* COM3 and COM4 are not on the command line: not found, not invented. */
static void only_present_ports(struct ktest *t)
{
	unsigned int n = 0;

	bus_for_each_dev(platform_bus(), &n, count_serial);
	KTEST_EXPECT_EQ(t, n, 2);
}

KTEST_SUITE(x86_legacy,
	KTEST_CASE(com1_bound),
	KTEST_CASE(com2_bound),
	KTEST_CASE(only_present_ports),
);
