/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A PCI function as the driver core sees it: its address, its ids, what
 * its BARs decode (as device resources, index = BAR number) and where its
 * capabilities are. Configuration space is reached through the pci bus
 * component's accessors (interface pci).
 */
#ifndef TESSERA_PCI_H
#define TESSERA_PCI_H

#include <tessera/compiler.h>
#include <tessera/device.h>

/* Configuration space header (PCI Local Bus 3.0, 6.1). */
#define PCI_VENDOR_ID           0x00
#define PCI_DEVICE_ID           0x02
#define PCI_COMMAND             0x04
#define  PCI_COMMAND_IO         0x1
#define  PCI_COMMAND_MEMORY     0x2
#define  PCI_COMMAND_MASTER     0x4
#define PCI_STATUS              0x06
#define  PCI_STATUS_CAP_LIST    0x10
#define PCI_CLASS_REVISION      0x08    /* class << 8 | revision */
#define PCI_HEADER_TYPE         0x0e
#define  PCI_HEADER_TYPE_MASK   0x7f
#define  PCI_HEADER_TYPE_NORMAL 0
#define  PCI_HEADER_TYPE_BRIDGE 1
#define  PCI_HEADER_TYPE_MFD    0x80
#define PCI_BASE_ADDRESS_0      0x10
#define  PCI_BASE_ADDRESS_SPACE_IO      0x1
#define  PCI_BASE_ADDRESS_MEM_TYPE_64   0x4
#define  PCI_BASE_ADDRESS_MEM_PREFETCH  0x8
#define  PCI_BASE_ADDRESS_IO_MASK       (~0x3U)
#define  PCI_BASE_ADDRESS_MEM_MASK      (~0xfU)
#define PCI_SECONDARY_BUS       0x19    /* type 1 header */
#define PCI_CAPABILITY_LIST     0x34
#define PCI_INTERRUPT_LINE      0x3c
#define PCI_INTERRUPT_PIN       0x3d

#define PCI_CAP_ID_PM           0x01
#define PCI_CAP_ID_MSI          0x05
#define PCI_CAP_ID_VNDR         0x09
#define PCI_CAP_ID_EXP          0x10
#define PCI_CAP_ID_MSIX         0x11

#define PCI_NUM_BARS            6
#define PCI_MAX_CAPS            16

#define PCI_SLOT(devfn)         (((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn)         ((devfn) & 0x07)
#define PCI_DEVFN(slot, fn)     ((((slot) & 0x1f) << 3) | ((fn) & 0x07))

struct pci_dev {
	struct device dev;
	u8 bus, devfn;
	u16 vendor, device;
	u32 class_code;                 /* 0xCCSSPP */
	u8 revision, hdr_type;          /* hdr_type without the MFD bit */
	u8 irq_line, irq_pin;
	/* The capability list as walked at enumeration: id and offset. */
	u8 cap_id[PCI_MAX_CAPS], cap_off[PCI_MAX_CAPS];
	unsigned int nr_caps;
	void *bar_map[PCI_NUM_BARS];    /* MMIO BARs mapped for the driver */
};

#define to_pci_dev(d) container_of(d, struct pci_dev, dev)

#endif
