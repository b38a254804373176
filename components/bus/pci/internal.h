/* SPDX-License-Identifier: Apache-2.0 */
/* Private to the pci component: raw configuration access and class names. */
#ifndef PCI_INTERNAL_H
#define PCI_INTERNAL_H

#include <tessera/pci.h>

/* @size is 1, 2 or 4; @where is aligned to it. */
u32 pci_conf_read(u8 bus, u8 devfn, unsigned int where, unsigned int size);
void pci_conf_write(u8 bus, u8 devfn, unsigned int where, unsigned int size,
		    u32 value);

/* "Host bridge", "virtio-net", ...: what the boot listing prints. */
const char *pci_name_of(const struct pci_dev *pdev);

#endif
