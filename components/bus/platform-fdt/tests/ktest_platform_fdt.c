/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The devices of QEMU `virt` (riscv64-default; its product.toml adds a
 * virtio-rng in one of the virtio-mmio slots) as platform devices: the
 * 16550 at 0x10000000 on PLIC source 10, bound to the uart16550 driver
 * when the product has it;
 * the eight virtio-mmio transports on sources 1-8, listed with no driver;
 * the test device; nothing from /cpus or /memory; nothing for the soc
 * node, which is a bus and not a device.
 */
#include <autoconf.h>
#include <interfaces/driver_core.h>
#include <interfaces/ktest.h>
#include <interfaces/lib.h>
#include <interfaces/platform_bus.h>

struct fdt_query {
	const char *name;
	struct device *found;
	unsigned int virtio, total, bound;
};

static int query(struct device *dev, void *data)
{
	struct fdt_query *q = data;
	struct platform_device *pdev = to_platform_device(dev);

	q->total++;
	q->bound += dev->driver != NULL;
	if (strcmp(pdev->compatible, "virtio,mmio") == 0)
		q->virtio++;
	if (q->name && strcmp(dev->name, q->name) == 0)
		q->found = dev;
	return 0;
}

static struct device *find(const char *name, struct fdt_query *q)
{
	*q = (struct fdt_query){ .name = name };
	bus_for_each_dev(platform_bus(), q, query);
	return q->found;
}

/*
 * The checks are of QEMU virt's devicetree: on x86_64 (the config fuzzer
 * builds such products) there is none to check.
 */
#ifdef CONFIG_ARCH_RISCV64
#define SKIP_WITHOUT_VIRT()
#else
#define SKIP_WITHOUT_VIRT() do { (void)t; return; } while (0)
#endif

static void uart_bound(struct ktest *t)
{
	struct fdt_query q;
	struct device *dev = find("10000000.serial", &q);
	struct resource *res;

	SKIP_WITHOUT_VIRT();
	KTEST_ASSERT(t, dev != NULL);
	KTEST_EXPECT_STREQ(t, to_platform_device(dev)->compatible, "ns16550a");
	res = device_get_resource(dev, IORESOURCE_MEM, 0);
	KTEST_ASSERT(t, res != NULL);
	KTEST_EXPECT_EQ(t, res->start, 0x10000000);
	KTEST_EXPECT_EQ(t, resource_size(res), 0x100);
	res = device_get_resource(dev, IORESOURCE_IRQ, 0);
	KTEST_ASSERT(t, res != NULL);
	KTEST_EXPECT_EQ(t, res->start, 10);
#ifdef CONFIG_COMP_UART_16550
	KTEST_ASSERT(t, dev->driver != NULL);
	KTEST_EXPECT_STREQ(t, dev->driver->name, "uart16550");
	/* The port the early console drives: adopted, not a second instance. */
	KTEST_EXPECT(t, dev_get_drvdata(dev) != NULL);
#else
	KTEST_EXPECT(t, dev->driver == NULL);
#endif
}

static void virtio_mmio_unbound(struct ktest *t)
{
	struct fdt_query q;
	struct device *dev = find("10008000.virtio_mmio", &q);
	struct resource *res;

	SKIP_WITHOUT_VIRT();
	KTEST_EXPECT_EQ(t, q.virtio, 8);
	KTEST_ASSERT(t, dev != NULL);
	KTEST_EXPECT(t, dev->driver == NULL);
	res = device_get_resource(dev, IORESOURCE_MEM, 0);
	KTEST_ASSERT(t, res != NULL);
	KTEST_EXPECT_EQ(t, res->start, 0x10008000);
	KTEST_EXPECT_EQ(t, resource_size(res), 0x1000);
	res = device_get_resource(dev, IORESOURCE_IRQ, 0);
	KTEST_ASSERT(t, res != NULL);
	KTEST_EXPECT_EQ(t, res->start, 8);
}

static void other_devices(struct ktest *t)
{
	struct fdt_query q;

	SKIP_WITHOUT_VIRT();
	KTEST_EXPECT(t, find("100000.test", &q) != NULL);
	KTEST_EXPECT(t, find("c000000.plic", &q) != NULL);
	/* Not devices: the soc bus node, cpus, memory, chosen. */
	KTEST_EXPECT(t, find("soc", &q) == NULL);
	KTEST_EXPECT(t, find("cpus", &q) == NULL);
	KTEST_EXPECT(t, find("80000000.memory", &q) == NULL);
	/* Only the UART has a driver in this tree. */
#ifdef CONFIG_COMP_UART_16550
	KTEST_EXPECT_EQ(t, q.bound, 1);
#else
	KTEST_EXPECT_EQ(t, q.bound, 0);
#endif
	KTEST_EXPECT(t, q.total >= 12);
}

KTEST_SUITE(platform_fdt,
	KTEST_CASE(uart_bound),
	KTEST_CASE(virtio_mmio_unbound),
	KTEST_CASE(other_devices),
);
