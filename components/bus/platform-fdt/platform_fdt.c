/* SPDX-License-Identifier: Apache-2.0 */
/*
 * One platform device per devicetree device node (fdt_scan.h says which
 * nodes), named as Linux names them ("10000000.serial": unit address, then
 * the node name), with its reg ranges as MMIO resources and its interrupts
 * as irq resources. The blob is the one the architecture checked at boot
 * and handed over in boot_info; nothing of the architecture's own parser
 * is used.
 */
#define pr_fmt(fmt) "platform-fdt: " fmt

#include <interfaces/arch.h>
#include <interfaces/driver_core.h>
#include <interfaces/lib.h>
#include <interfaces/platform_bus.h>
#include <interfaces/printk.h>
#include <tessera/errno.h>
#include <asm/memory.h>
#include "fdt_scan.h"

/* "serial@10000000" -> "10000000.serial"; "poweroff" stays as it is. */
static void fdt_device_name(char *buf, size_t size, const char *node)
{
	const char *at = strchr(node, '@');

	if (!at)
		snprintf(buf, size, "%s", node);
	else
		snprintf(buf, size, "%s.%.*s", at + 1, (int)(at - node), node);
}

static int fdt_add_device(const struct fdt_dev_node *node, void *data)
{
	struct platform_device *pdev;
	char name[DEVICE_NAME_MAX];
	unsigned int i;
	int ret;

	(void)data;
	fdt_device_name(name, sizeof(name), node->name);
	pdev = platform_device_alloc(name, node->compatible, node->compatible_len);
	if (!pdev)
		return -ENOMEM;
	for (i = 0; i < node->nr_reg; i++)
		if (node->reg_size[i])
			device_add_resource(&pdev->dev, node->reg_base[i],
					    node->reg_base[i] + node->reg_size[i] - 1,
					    IORESOURCE_MEM, (int)i);
	for (i = 0; i < node->nr_irq; i++)
		device_add_resource(&pdev->dev, node->irq[i], node->irq[i],
				    IORESOURCE_IRQ, (int)i);
	ret = platform_device_register(pdev);
	/* One bad node does not hide the others. */
	if (ret)
		pr_warn("%s: not registered: error %d\n", name, ret);
	return 0;
}

int platform_fdt_init(void);

int platform_fdt_init(void)
{
	const struct boot_info *info = arch_boot_info();
	const char *err = "unknown error";
	int ret;

	if (!info->fdt)
		return 0;       /* the loader passed none (the PC): nothing to do */
	ret = fdt_scan_devices(phys_to_virt(info->fdt), info->fdt_size,
			       fdt_add_device, NULL, &err);
	if (ret == -1) {
		pr_err("devicetree at 0x%llx: %s\n", (unsigned long long)info->fdt, err);
		return -EINVAL;
	}
	return ret;
}
