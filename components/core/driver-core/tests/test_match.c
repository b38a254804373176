/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host test for match.c: which id entry a device matches, for devicetree
 * compatible lists (device order wins, malformed lists refused) and PCI ids
 * (exact, PCI_ANY_ID wildcards, class under a mask), and that a device no
 * entry names matches nothing.
 */
#include <string.h>

#include <tessera/testing/check.h>

#include "../match.c"

/* A devicetree property value: strings with their NULs, as the blob has. */
#define COMPAT(lit) (lit), sizeof(lit)

static const struct device_id uart_ids[] = {
	{ .compatible = "ns16550a" }, { .compatible = "ns16550" }, { 0 }
};

static const struct device_id virtio_ids[] = {
	{ .vendor = 0x1af4, .device = 0x1042 },                  /* modern blk */
	{ .vendor = 0x1af4, .device = PCI_ANY_ID,
	  .class_code = 0x020000, .class_mask = 0xff0000 },      /* any network class */
	{ .vendor = PCI_ANY_ID, .device = PCI_ANY_ID,
	  .class_code = 0x010802, .class_mask = 0xffffff },      /* NVMe */
	{ 0 }
};

static const struct device_id empty_ids[] = { { 0 } };

static void test_compatible(void)
{
	/* One string, exact. */
	CHECK(device_match_compatible(COMPAT("ns16550a"), uart_ids) == &uart_ids[0]);
	/* The device's most specific string that the table knows decides. */
	CHECK(device_match_compatible(COMPAT("snps,dw-apb-uart\0ns16550"), uart_ids) ==
	      &uart_ids[1]);
	CHECK(device_match_compatible(COMPAT("ns16550\0ns16550a"), uart_ids) ==
	      &uart_ids[1]);
	/* Prefixes and longer strings are different strings. */
	CHECK(device_match_compatible(COMPAT("ns1655"), uart_ids) == NULL);
	CHECK(device_match_compatible(COMPAT("ns16550a-x"), uart_ids) == NULL);
	/* A device with no driver. */
	CHECK(device_match_compatible(COMPAT("virtio,mmio"), uart_ids) == NULL);
	CHECK(device_match_compatible(COMPAT("ns16550a"), empty_ids) == NULL);
	/* Empty strings and an empty property match nothing. */
	CHECK(device_match_compatible("", 1, uart_ids) == NULL);
	CHECK(device_match_compatible("", 0, uart_ids) == NULL);
	CHECK(device_match_compatible(NULL, 0, uart_ids) == NULL);
	CHECK(device_match_compatible(COMPAT("ns16550a"), NULL) == NULL);
	/* Unterminated (a hostile blob): nothing after the last NUL counts. */
	{
		static const char raw[] = { 'x', 0, 'n', 's', '1', '6', '5', '5', '0' };

		CHECK(device_match_compatible(raw, sizeof(raw), uart_ids) == NULL);
		CHECK(device_match_compatible(COMPAT("ns16550a") - 1, uart_ids) == NULL);
	}
	/* PCI entries never match by compatible. */
	CHECK(device_match_compatible(COMPAT("ns16550a"), virtio_ids) == NULL);
}

static void test_pci(void)
{
	CHECK(device_match_pci(0x1af4, 0x1042, 0x010000, virtio_ids) == &virtio_ids[0]);
	/* Vendor wildcard for the device, class decides: a network controller. */
	CHECK(device_match_pci(0x1af4, 0x1000, 0x020000, virtio_ids) == &virtio_ids[1]);
	CHECK(device_match_pci(0x1af4, 0x1041, 0x028000, virtio_ids) == &virtio_ids[1]);
	/* Same vendor, other class, other device: no driver. */
	CHECK(device_match_pci(0x1af4, 0x1005, 0x00ff00, virtio_ids) == NULL);
	/* Class-only entry, exact prog-if. */
	CHECK(device_match_pci(0x8086, 0x5845, 0x010802, virtio_ids) == &virtio_ids[2]);
	CHECK(device_match_pci(0x8086, 0x5845, 0x010801, virtio_ids) == NULL);
	/* The QEMU pc host bridge: nobody's. */
	CHECK(device_match_pci(0x8086, 0x1237, 0x060000, virtio_ids) == NULL);
	CHECK(device_match_pci(0x8086, 0x1237, 0x060000, empty_ids) == NULL);
	CHECK(device_match_pci(0x8086, 0x1237, 0x060000, NULL) == NULL);
	/* Compatible entries never match a PCI function. */
	CHECK(device_match_pci(0, 0, 0, uart_ids) == NULL);
	CHECK(device_match_pci(0xffff, 0xffff, 0xffffff, uart_ids) == NULL);
}

static void test_resources(void)
{
	struct device dev;
	int i;

	memset(&dev, 0, sizeof(dev));
	CHECK(device_add_resource(&dev, 0x3f8, 0x3ff, IORESOURCE_IO, 0) == 0);
	CHECK(device_add_resource(&dev, 4, 4, IORESOURCE_IRQ, 0) == 0);
	CHECK(device_add_resource(&dev, 0x1000, 0x1fff, IORESOURCE_MEM, 1) == 0);
	CHECK(device_get_resource(&dev, IORESOURCE_IRQ, 0)->start == 4);
	CHECK(device_get_resource(&dev, IORESOURCE_MEM, 0)->index == 1);
	CHECK(resource_size(device_get_resource(&dev, IORESOURCE_IO, 0)) == 8);
	CHECK(device_get_resource(&dev, IORESOURCE_IO, 1) == NULL);
	for (i = 3; i < DEVICE_MAX_RESOURCES; i++)
		CHECK(device_add_resource(&dev, i, i, IORESOURCE_IRQ, i) == 0);
	/* Full: refused, nothing overwritten. */
	CHECK(device_add_resource(&dev, 99, 99, IORESOURCE_IRQ, 99) == -1);
	CHECK(dev.num_resources == DEVICE_MAX_RESOURCES);
	CHECK(device_get_resource(&dev, IORESOURCE_IRQ, 0)->start == 4);
}

int main(void)
{
	test_compatible();
	test_pci();
	test_resources();
	return check_summary("driver-core match");
}
