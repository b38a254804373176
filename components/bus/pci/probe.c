/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Enumeration: every function on bus 0 and behind any PCI-to-PCI bridge
 * (whatever secondary bus the firmware numbered it), with its ids, class,
 * BARs sized and its capability list walked, registered with the driver
 * core, which binds the drivers whose PCI ids fit. A BAR is mapped only
 * when a driver binds (pci_bus_probe), since nothing else touches it.
 */
#define pr_fmt(fmt) "pci: " fmt

#include <interfaces/driver_core.h>
#include <interfaces/kmalloc.h>
#include <interfaces/lib.h>
#include <interfaces/mmu.h>
#include <interfaces/pci.h>
#include <interfaces/printk.h>
#include <tessera/errno.h>
#include "internal.h"

/* Bridges nest at most this deep here; QEMU's machines use one or two. */
#define PCI_MAX_BUS_DEPTH 8

static const struct device_id *pci_match(struct device *dev,
					 const struct device_id *ids)
{
	struct pci_dev *pdev = to_pci_dev(dev);

	return device_match_pci(pdev->vendor, pdev->device, pdev->class_code, ids);
}

/*
 * Maps memory BAR @bar for the driver with ioremap() (the `mmu` interface:
 * uncached, in the ioremap area, wherever the BAR lies: high in the 32-bit
 * space as QEMU pc puts them, or above 4 GiB for a 64-bit BAR), once; the
 * mapping is kept for the device's lifetime. NULL for an I/O-port or
 * absent BAR, or when the mapping fails.
 */
void *pci_iomap(struct pci_dev *pdev, int bar)
{
	struct resource *res = NULL;
	unsigned int i;

	if (bar < 0 || bar >= PCI_NUM_BARS)
		return NULL;
	if (pdev->bar_map[bar])
		return pdev->bar_map[bar];
	for (i = 0; i < pdev->dev.num_resources; i++)
		if ((pdev->dev.resource[i].flags & IORESOURCE_MEM) &&
		    pdev->dev.resource[i].index == bar)
			res = &pdev->dev.resource[i];
	if (!res)
		return NULL;
	pdev->bar_map[bar] = ioremap(res->start, (unsigned long)resource_size(res));
	if (!pdev->bar_map[bar])
		pr_warn("%s: BAR%d at 0x%llx: ioremap failed\n", pdev->dev.name, bar,
			(unsigned long long)res->start);
	return pdev->bar_map[bar];
}

/* A driver is about to bind: let the function decode what it has. */
static int pci_bus_probe(struct device *dev)
{
	struct pci_dev *pdev = to_pci_dev(dev);
	u16 cmd = (u16)pci_read_config(pdev, PCI_COMMAND, 2);

	if (device_get_resource(dev, IORESOURCE_IO, 0))
		cmd |= PCI_COMMAND_IO;
	if (device_get_resource(dev, IORESOURCE_MEM, 0))
		cmd |= PCI_COMMAND_MEMORY;
	pci_write_config(pdev, PCI_COMMAND, 2, cmd);
	return 0;
}

/* "1af4:1005 [00ff] virtio-rng", as lspci -nn puts it. */
static int pci_describe(struct device *dev, char *buf, size_t size)
{
	struct pci_dev *pdev = to_pci_dev(dev);

	return snprintf(buf, size, "%04x:%04x [%04x] %s", pdev->vendor, pdev->device,
			pdev->class_code >> 8, pci_name_of(pdev));
}

static struct bus_type pci_bus_type = {
	.name = "pci",
	.match = pci_match,
	.probe = pci_bus_probe,
	.describe = pci_describe,
};

struct bus_type *pci_bus(void)
{
	return &pci_bus_type;
}

u8 pci_find_capability(const struct pci_dev *pdev, u8 cap_id)
{
	unsigned int i;

	for (i = 0; i < pdev->nr_caps; i++)
		if (pdev->cap_id[i] == cap_id)
			return pdev->cap_off[i];
	return 0;
}

/*
 * The capability list: a chain of (id, next) bytes from PCI_CAPABILITY_LIST.
 * A broken device could make it loop, so the walk stops after as many
 * entries as could fit in the 192 bytes after the header.
 */
static void pci_walk_capabilities(struct pci_dev *pdev)
{
	unsigned int ttl = 48;
	u8 pos;

	if (!(pci_read_config(pdev, PCI_STATUS, 2) & PCI_STATUS_CAP_LIST))
		return;
	pos = (u8)pci_read_config(pdev, PCI_CAPABILITY_LIST, 1);
	while (pos >= 0x40 && ttl--) {
		pos &= ~3;
		if (pdev->nr_caps < PCI_MAX_CAPS) {
			pdev->cap_id[pdev->nr_caps] = (u8)pci_read_config(pdev, pos, 1);
			pdev->cap_off[pdev->nr_caps] = pos;
			pdev->nr_caps++;
		}
		pos = (u8)pci_read_config(pdev, pos + 1, 1);
	}
}

/*
 * Sizes BAR @bar (PCI 3.0, 6.2.5.1): write all ones, read back which
 * address bits stick, restore. Decoding is off meanwhile so the function
 * never answers at the all-ones address. Returns how many BAR registers
 * it used: 2 for a 64-bit memory BAR, else 1.
 */
static unsigned int pci_size_bar(struct pci_dev *pdev, unsigned int bar)
{
	unsigned int reg = PCI_BASE_ADDRESS_0 + 4 * bar;
	u32 orig = pci_read_config(pdev, reg, 4), mask, orig_hi = 0, mask_hi = 0;
	unsigned long flags;
	u64 base, size;
	bool is64;

	pci_write_config(pdev, reg, 4, ~0U);
	mask = pci_read_config(pdev, reg, 4);
	pci_write_config(pdev, reg, 4, orig);

	if (orig & PCI_BASE_ADDRESS_SPACE_IO) {
		/* I/O BARs decode 16 bits on the PC; the upper half may read 0. */
		mask &= PCI_BASE_ADDRESS_IO_MASK & 0xffff;
		if (!mask)
			return 1;
		base = orig & PCI_BASE_ADDRESS_IO_MASK;
		size = (u64)(~mask & 0xffff) + 1;
		device_add_resource(&pdev->dev, base, base + size - 1, IORESOURCE_IO, (int)bar);
		return 1;
	}

	is64 = (orig & 0x6) == PCI_BASE_ADDRESS_MEM_TYPE_64 && bar + 1 < PCI_NUM_BARS;
	if (is64) {
		orig_hi = pci_read_config(pdev, reg + 4, 4);
		pci_write_config(pdev, reg + 4, 4, ~0U);
		mask_hi = pci_read_config(pdev, reg + 4, 4);
		pci_write_config(pdev, reg + 4, 4, orig_hi);
	}
	{
		u64 m = (u64)mask_hi << 32 | (mask & PCI_BASE_ADDRESS_MEM_MASK);

		if (!is64)
			m |= 0xffffffff00000000ULL;
		if (!(m & PCI_BASE_ADDRESS_MEM_MASK))
			return is64 ? 2 : 1;    /* not implemented */
		size = ~m + 1;
	}
	base = (u64)orig_hi << 32 | (orig & PCI_BASE_ADDRESS_MEM_MASK);
	flags = IORESOURCE_MEM;
	if (is64)
		flags |= IORESOURCE_MEM_64;
	if (orig & PCI_BASE_ADDRESS_MEM_PREFETCH)
		flags |= IORESOURCE_PREFETCH;
	device_add_resource(&pdev->dev, base, base + size - 1, flags, (int)bar);
	return is64 ? 2 : 1;
}

static void pci_read_bars(struct pci_dev *pdev, unsigned int nr_bars)
{
	u16 cmd = (u16)pci_read_config(pdev, PCI_COMMAND, 2);
	unsigned int bar = 0;

	pci_write_config(pdev, PCI_COMMAND, 2,
			 cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	while (bar < nr_bars)
		bar += pci_size_bar(pdev, bar);
	pci_write_config(pdev, PCI_COMMAND, 2, cmd);
}

static void pci_scan_bus(u8 bus, struct device *parent, unsigned int depth);

static int pci_scan_function(u8 bus, u8 devfn, struct device *parent,
			     unsigned int depth)
{
	u32 id = pci_conf_read(bus, devfn, PCI_VENDOR_ID, 4);
	struct pci_dev *pdev;
	u32 class_rev;
	u8 hdr;
	int ret;

	/* No function answers: the bus returns all ones. */
	if ((id & 0xffff) == 0xffff || (id & 0xffff) == 0)
		return -ENODEV;
	pdev = kzalloc(sizeof(*pdev));
	if (!pdev)
		return -ENOMEM;
	pdev->bus = bus;
	pdev->devfn = devfn;
	pdev->vendor = (u16)id;
	pdev->device = (u16)(id >> 16);
	class_rev = pci_read_config(pdev, PCI_CLASS_REVISION, 4);
	pdev->class_code = class_rev >> 8;
	pdev->revision = (u8)class_rev;
	hdr = (u8)pci_read_config(pdev, PCI_HEADER_TYPE, 1);
	pdev->hdr_type = hdr & PCI_HEADER_TYPE_MASK;
	pdev->irq_line = (u8)pci_read_config(pdev, PCI_INTERRUPT_LINE, 1);
	pdev->irq_pin = (u8)pci_read_config(pdev, PCI_INTERRUPT_PIN, 1);
	snprintf(pdev->dev.name, sizeof(pdev->dev.name), "%02x:%02x.%u", bus,
		 PCI_SLOT(devfn), PCI_FUNC(devfn));
	pdev->dev.bus = &pci_bus_type;
	pdev->dev.parent = parent;

	if (pdev->hdr_type == PCI_HEADER_TYPE_NORMAL)
		pci_read_bars(pdev, PCI_NUM_BARS);
	else if (pdev->hdr_type == PCI_HEADER_TYPE_BRIDGE)
		pci_read_bars(pdev, 2);
	/* Pin 0: no interrupt; else the line the firmware routed (ISA irq). */
	if (pdev->irq_pin && pdev->irq_line && pdev->irq_line != 0xff)
		device_add_resource(&pdev->dev, pdev->irq_line, pdev->irq_line,
				    IORESOURCE_IRQ, 0);
	pci_walk_capabilities(pdev);

	ret = device_register(&pdev->dev);
	if (ret) {
		kfree(pdev);
		return ret;
	}
	if (pdev->hdr_type == PCI_HEADER_TYPE_BRIDGE) {
		u8 secondary = (u8)pci_read_config(pdev, PCI_SECONDARY_BUS, 1);

		/* 0 or a bus already behind us: the firmware did not number it. */
		if (secondary > bus)
			pci_scan_bus(secondary, &pdev->dev, depth + 1);
	}
	return (hdr & PCI_HEADER_TYPE_MFD) ? 1 : 0;
}

static void pci_scan_bus(u8 bus, struct device *parent, unsigned int depth)
{
	unsigned int slot, fn;

	if (depth >= PCI_MAX_BUS_DEPTH)
		return;
	for (slot = 0; slot < 32; slot++) {
		/* Functions 1-7 exist only when function 0 says multi-function. */
		int multi = pci_scan_function(bus, PCI_DEVFN(slot, 0), parent, depth);

		if (multi == 1)
			for (fn = 1; fn < 8; fn++)
				pci_scan_function(bus, PCI_DEVFN(slot, fn), parent, depth);
	}
}

int pci_init(void);

int pci_init(void)
{
	int ret = bus_register(&pci_bus_type);

	if (ret)
		return ret;
	/* The host bridge answers at 00:00.0 when there is a PCI bus at all. */
	if ((pci_conf_read(0, 0, PCI_VENDOR_ID, 2) & 0xffff) == 0xffff) {
		pr_info("no PCI host bridge\n");
		return 0;
	}
	pci_scan_bus(0, NULL, 0);
	return 0;
}
