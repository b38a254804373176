/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Enumeration on QEMU `pc` as x86_64-default's product.toml sets it up: the
 * i440FX host bridge at 00:00.0, the PIIX3 ISA bridge at 00:01.0 (a
 * multi-function device: its IDE function at 00:01.1 is found too), and the
 * virtio-rng-pci the product adds, with its BARs sized and its virtio
 * capabilities on the list; no driver is bound to any of them. Its BAR4
 * (64-bit, prefetchable: the virtio 1.x structures) is mapped with
 * pci_iomap(), i.e. ioremap(), and the common configuration read through
 * it (virtio 1.2, 4.1.4.3).
 */
#include <interfaces/driver_core.h>
#include <interfaces/ktest.h>
#include <interfaces/lib.h>
#include <interfaces/pci.h>
#include <asm/io.h>
#include <asm/memory.h>

struct pci_query {
	u16 vendor, device;
	struct pci_dev *found;
	unsigned int count;
};

static int match_ids(struct device *dev, void *data)
{
	struct pci_query *q = data;
	struct pci_dev *pdev = to_pci_dev(dev);

	q->count++;
	if (!q->found && pdev->vendor == q->vendor && pdev->device == q->device)
		q->found = pdev;
	return 0;
}

static struct pci_dev *pci_find(u16 vendor, u16 device, unsigned int *count)
{
	struct pci_query q = { .vendor = vendor, .device = device };

	bus_for_each_dev(pci_bus(), &q, match_ids);
	if (count)
		*count = q.count;
	return q.found;
}

static void host_bridge(struct ktest *t)
{
	struct pci_dev *pdev = pci_find(0x8086, 0x1237, NULL);

	KTEST_ASSERT(t, pdev != NULL);
	KTEST_EXPECT_STREQ(t, pdev->dev.name, "00:00.0");
	KTEST_EXPECT_EQ(t, pdev->class_code >> 8, 0x0600);
	KTEST_EXPECT_EQ(t, pdev->hdr_type, 0);
	/* Config space read back through the interface agrees. */
	KTEST_EXPECT_EQ(t, pci_read_config(pdev, 0, 2), 0x8086);
	KTEST_EXPECT_EQ(t, pci_read_config(pdev, 2, 2), 0x1237);
	KTEST_EXPECT(t, pdev->dev.driver == NULL);
}

static void multifunction(struct ktest *t)
{
	struct pci_dev *isa = pci_find(0x8086, 0x7000, NULL);
	struct pci_dev *ide = pci_find(0x8086, 0x7010, NULL);

	KTEST_ASSERT(t, isa != NULL);
	KTEST_ASSERT(t, ide != NULL);
	KTEST_EXPECT_STREQ(t, isa->dev.name, "00:01.0");
	KTEST_EXPECT_STREQ(t, ide->dev.name, "00:01.1");
	KTEST_EXPECT_EQ(t, ide->class_code >> 8, 0x0101);
}

static void virtio_rng_found(struct ktest *t)
{
	unsigned int count;
	struct pci_dev *pdev = pci_find(0x1af4, 0x1005, &count);
	struct resource *io, *mem;

	/* Host bridge, ISA bridge + IDE + ACPI, VGA, NIC, virtio-rng at least. */
	KTEST_EXPECT(t, count >= 6);
	KTEST_ASSERT(t, pdev != NULL);
	/* No driver in the tree binds it yet: listed, unbound. */
	KTEST_EXPECT(t, pdev->dev.driver == NULL);
	/* Transitional virtio: BAR0 is 32 bytes of legacy I/O registers. */
	io = device_get_resource(&pdev->dev, IORESOURCE_IO, 0);
	KTEST_ASSERT(t, io != NULL);
	KTEST_EXPECT_EQ(t, io->index, 0);
	KTEST_EXPECT_EQ(t, resource_size(io), 32);
	/* BAR4: the modern interface, 64-bit, 16 KiB, prefetchable. */
	mem = device_get_resource(&pdev->dev, IORESOURCE_MEM_64, 0);
	KTEST_ASSERT(t, mem != NULL);
	KTEST_EXPECT_EQ(t, mem->index, 4);
	KTEST_EXPECT_EQ(t, resource_size(mem), 16384);
	KTEST_EXPECT(t, mem->flags & IORESOURCE_PREFETCH);
	KTEST_EXPECT_EQ(t, mem->start & (resource_size(mem) - 1), 0);
	/* Sizing restored the BAR the firmware programmed. */
	KTEST_EXPECT_EQ(t, pci_read_config(pdev, 0x20, 4) & ~0xfU, (u32)mem->start);
	/* The virtio structures are vendor-specific capabilities. */
	KTEST_EXPECT(t, pci_find_capability(pdev, PCI_CAP_ID_VNDR) >= 0x40);
	KTEST_EXPECT_EQ(t, pci_find_capability(pdev, 0x42), 0);
	KTEST_EXPECT(t, pdev->nr_caps >= 4);
	/* Its interrupt pin is routed to an ISA line by the firmware. */
	KTEST_EXPECT(t, device_get_resource(&pdev->dev, IORESOURCE_IRQ, 0) != NULL);
}

/* virtio_pci_cap (virtio 1.2, 4.1.4): cfg_type at +3, bar at +4, offset at +8. */
#define VIRTIO_PCI_CAP_COMMON_CFG 1
/* struct virtio_pci_common_cfg */
#define VIRTIO_PCI_COMMON_DFSELECT 0x00 /* le32 device_feature_select */
#define VIRTIO_PCI_COMMON_DF       0x04 /* le32 device_feature */
#define VIRTIO_PCI_COMMON_NUMQ     0x12 /* le16 num_queues */
#define VIRTIO_F_VERSION_1_HI      (1U << 0)    /* feature bit 32 */

static void virtio_rng_bar4_mapped(struct ktest *t)
{
	struct pci_dev *pdev = pci_find(0x1af4, 0x1005, NULL);
	unsigned int i, bar = 0, offset = 0;
	bool found = false;
	u8 *base, *common;

	KTEST_ASSERT(t, pdev != NULL);
	for (i = 0; i < pdev->nr_caps && !found; i++) {
		unsigned int cap = pdev->cap_off[i];

		if (pdev->cap_id[i] != PCI_CAP_ID_VNDR ||
		    pci_read_config(pdev, cap + 3, 1) != VIRTIO_PCI_CAP_COMMON_CFG)
			continue;
		bar = pci_read_config(pdev, cap + 4, 1);
		offset = pci_read_config(pdev, cap + 8, 4);
		found = true;
	}
	KTEST_ASSERT(t, found);
	KTEST_EXPECT_EQ(t, bar, 4);
	base = pci_iomap(pdev, (int)bar);
	KTEST_ASSERT(t, base != NULL);
	/* ioremap()'s area, not the direct map; mapped once. */
	KTEST_EXPECT(t, (unsigned long)base >= IOREMAP_START);
	KTEST_EXPECT(t, pci_iomap(pdev, (int)bar) == base);
	common = base + offset;
	/* The entropy device has one virtqueue (requestq). */
	KTEST_EXPECT_EQ(t, readw(common + VIRTIO_PCI_COMMON_NUMQ), 1);
	/* Features 32..63: a modern device offers VIRTIO_F_VERSION_1. */
	writel(1, common + VIRTIO_PCI_COMMON_DFSELECT);
	KTEST_EXPECT_EQ(t, readl(common + VIRTIO_PCI_COMMON_DFSELECT), 1);
	KTEST_EXPECT(t, readl(common + VIRTIO_PCI_COMMON_DF) & VIRTIO_F_VERSION_1_HI);
	writel(0, common + VIRTIO_PCI_COMMON_DFSELECT);
	/* An I/O-port BAR (BAR0) is not memory: nothing to map. */
	KTEST_EXPECT(t, pci_iomap(pdev, 0) == NULL);
}

KTEST_SUITE(pci,
	KTEST_CASE(host_bridge),
	KTEST_CASE(multifunction),
	KTEST_CASE(virtio_rng_found),
	KTEST_CASE(virtio_rng_bar4_mapped),
);
