/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Names for the boot listing, like lspci's: the virtio functions by their
 * device id (virtio 1.2, 4.1.2: transitional 0x1000 + n, modern 0x1040 +
 * type), everything else by its class. A short table of what QEMU's
 * machines carry, not pci.ids.
 */
#include "internal.h"

#define PCI_VENDOR_ID_REDHAT_QUMRANET 0x1af4

static const char *const virtio_types[] = {
	[1] = "virtio-net", [2] = "virtio-blk", [3] = "virtio-console",
	[4] = "virtio-rng", [5] = "virtio-balloon", [8] = "virtio-scsi",
	[9] = "virtio-9p", [16] = "virtio-gpu", [18] = "virtio-input",
};

/* Transitional ids (0x1000..0x103f) in the order of their virtio types. */
static const u8 virtio_transitional_type[] = { 1, 2, 5, 3, 8, 4, 9 };

static const struct {
	u32 class_code, mask;
	const char *name;
} class_names[] = {
	{ 0x010100, 0xffff00, "IDE interface" },
	{ 0x010000, 0xffff00, "SCSI storage controller" },
	{ 0x010600, 0xffff00, "SATA controller" },
	{ 0x010800, 0xffff00, "Non-Volatile memory controller" },
	{ 0x020000, 0xffff00, "Ethernet controller" },
	{ 0x030000, 0xffff00, "VGA compatible controller" },
	{ 0x060000, 0xffff00, "Host bridge" },
	{ 0x060100, 0xffff00, "ISA bridge" },
	{ 0x060400, 0xffff00, "PCI bridge" },
	{ 0x068000, 0xffff00, "Bridge" },
	{ 0x0c0300, 0xffff00, "USB controller" },
	{ 0x000000, 0x000000, "device" },     /* any other class */
};

static const char *virtio_name(u16 device)
{
	unsigned int type = 0;

	if (device >= 0x1000 && device < 0x1000 + sizeof(virtio_transitional_type))
		type = virtio_transitional_type[device - 0x1000];
	else if (device >= 0x1040 && device <= 0x107f)
		type = device - 0x1040;
	if (type < sizeof(virtio_types) / sizeof(virtio_types[0]) && virtio_types[type])
		return virtio_types[type];
	return "virtio";
}

const char *pci_name_of(const struct pci_dev *pdev)
{
	unsigned int i;

	if (pdev->vendor == PCI_VENDOR_ID_REDHAT_QUMRANET &&
	    pdev->device >= 0x1000 && pdev->device <= 0x107f)
		return virtio_name(pdev->device);
	for (i = 0;; i++)
		if ((pdev->class_code & class_names[i].mask) == class_names[i].class_code)
			return class_names[i].name;
}
