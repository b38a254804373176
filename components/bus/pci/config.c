/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Configuration space through the PC's legacy mechanism (PCI Local Bus 3.0,
 * 3.2.2.3.2, "configuration mechanism #1"): write the function's address
 * and the register's dword to CONFIG_ADDRESS (0xCF8), then read or write
 * CONFIG_DATA (0xCFC), at the byte within the dword for narrower accesses.
 * It reaches 256 bytes per function, which is all a legacy header and its
 * capability list need; the extended space of PCIe (ECAM) can come later.
 */
#include <interfaces/pci.h>
#include <asm/io.h>
#include "internal.h"

#define PCI_CONFIG_ADDRESS 0xcf8
#define PCI_CONFIG_DATA    0xcfc
#define PCI_CONFIG_ENABLE  0x80000000U

static void pci_conf_select(u8 bus, u8 devfn, unsigned int where)
{
	outl(PCI_CONFIG_ENABLE | (u32)bus << 16 | (u32)devfn << 8 | (where & 0xfc),
	     PCI_CONFIG_ADDRESS);
}

/*
 * The address/data pair is one piece of state: callers are initcalls and
 * drivers' probes on one CPU, no interrupt handler touches it. With SMP or
 * interrupt-time access this takes a spinlock (Linux's pci_config_lock).
 */
u32 pci_conf_read(u8 bus, u8 devfn, unsigned int where, unsigned int size)
{
	u16 data = (u16)(PCI_CONFIG_DATA + (where & 3));

	pci_conf_select(bus, devfn, where);
	switch (size) {
	case 1:
		return inb(data);
	case 2:
		return inw(data);
	default:
		return inl(PCI_CONFIG_DATA);
	}
}

void pci_conf_write(u8 bus, u8 devfn, unsigned int where, unsigned int size,
		    u32 value)
{
	u16 data = (u16)(PCI_CONFIG_DATA + (where & 3));

	pci_conf_select(bus, devfn, where);
	switch (size) {
	case 1:
		outb((u8)value, data);
		break;
	case 2:
		outw((u16)value, data);
		break;
	default:
		outl(value, PCI_CONFIG_DATA);
		break;
	}
}

u32 pci_read_config(const struct pci_dev *pdev, unsigned int where,
		    unsigned int size)
{
	return pci_conf_read(pdev->bus, pdev->devfn, where, size);
}

void pci_write_config(const struct pci_dev *pdev, unsigned int where,
		      unsigned int size, u32 value)
{
	pci_conf_write(pdev->bus, pdev->devfn, where, size, value);
}
