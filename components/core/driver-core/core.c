/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The driver core: the lists of buses and devices, and binding.
 *
 * Binding happens when a device is registered: the builtin drivers of the
 * device's bus (builtin_drivers[], generated from the drivers' manifests)
 * are tried in table order; the bus's match() picks the driver's id entry
 * that fits, the bus's probe() prepares the device, the driver's probe()
 * takes it. A driver that declines (-ENODEV) or fails leaves the device to
 * the next one; a device no driver takes stays on the list, unbound, and the
 * boot listing says "no driver".
 *
 * devices_lock (a spinlock) protects the two lists' links: lookups,
 * additions, removals and the boot listing's walk. Binding itself (the
 * bus's and driver's probe, remove, bus_for_each_dev()'s callback) runs
 * without it, since those may sleep; registration comes from initcalls
 * today, so nothing binds one device twice at once. With hotplug, binding
 * gets Linux's per-device mutex (device_lock()).
 */
#define pr_fmt(fmt) "driver-core: " fmt

#include <interfaces/driver_core.h>
#include <interfaces/lib.h>
#include <interfaces/printk.h>
#include <tessera/errno.h>
#include <tessera/spinlock.h>

static LIST_HEAD(bus_list);
static LIST_HEAD(device_list);
static DEFINE_SPINLOCK(devices_lock);

int driver_core_init(void);

int driver_core_init(void)
{
	pr_info("%u builtin driver%s\n", nr_builtin_drivers,
		nr_builtin_drivers == 1 ? "" : "s");
	return 0;
}

int bus_register(struct bus_type *bus)
{
	struct bus_type *b;
	unsigned long flags;
	int ret = 0;

	if (!bus || !bus->name || !bus->match)
		return -EINVAL;
	spin_lock_irqsave(&devices_lock, flags);
	list_for_each_entry(b, &bus_list, node)
		if (b == bus || strcmp(b->name, bus->name) == 0)
			ret = -EEXIST;
	if (!ret)
		list_add_tail(&bus->node, &bus_list);
	spin_unlock_irqrestore(&devices_lock, flags);
	return ret;
}

/* Tries one builtin driver on @dev: 0 when it bound. */
static int try_driver(struct device *dev, const struct builtin_driver *bd)
{
	const struct device_id *id;
	int ret;

	id = dev->bus->match(dev, bd->ids);
	if (!id)
		return -ENODEV;
	dev->driver = bd->driver;
	ret = dev->bus->probe ? dev->bus->probe(dev) : 0;
	if (!ret)
		ret = bd->driver->probe ? bd->driver->probe(dev, id) : 0;
	if (ret) {
		dev->driver = NULL;
		dev->driver_data = NULL;
		dev->probe_err = ret;
		if (ret != -ENODEV)
			pr_warn("%s %s: probe of %s failed: error %d\n",
				dev->bus->name, dev->name, bd->driver->name, ret);
	}
	return ret;
}

static void device_attach(struct device *dev)
{
	unsigned int i;

	for (i = 0; i < nr_builtin_drivers; i++) {
		const struct builtin_driver *bd = &builtin_drivers[i];

		if (strcmp(bd->bus, dev->bus->name) != 0)
			continue;
		if (try_driver(dev, bd) == 0)
			return;
	}
}

int device_register(struct device *dev)
{
	struct bus_type *b;
	unsigned long flags;
	bool known = false;

	if (!dev || !dev->bus || !dev->name[0])
		return -EINVAL;
	dev->driver = NULL;
	dev->driver_data = NULL;
	dev->probe_err = 0;
	spin_lock_irqsave(&devices_lock, flags);
	list_for_each_entry(b, &bus_list, node)
		known |= b == dev->bus;
	if (known)
		list_add_tail(&dev->node, &device_list);
	spin_unlock_irqrestore(&devices_lock, flags);
	if (!known)
		return -ENODEV;
	device_attach(dev);
	return 0;
}

void device_unregister(struct device *dev)
{
	unsigned long flags;

	if (dev->driver && dev->driver->remove)
		dev->driver->remove(dev);
	dev->driver = NULL;
	dev->driver_data = NULL;
	spin_lock_irqsave(&devices_lock, flags);
	list_del(&dev->node);
	spin_unlock_irqrestore(&devices_lock, flags);
}

int bus_for_each_dev(struct bus_type *bus, void *data, device_iter_fn fn)
{
	struct device *dev, *next;
	unsigned long flags;
	int ret = 0;

	/*
	 * _safe: the callback may unregister the device it is given. It runs
	 * without the lock (it may sleep), which is retaken to step on.
	 */
	spin_lock_irqsave(&devices_lock, flags);
	list_for_each_entry_safe(dev, next, &device_list, node) {
		if (bus && dev->bus != bus)
			continue;
		spin_unlock_irqrestore(&devices_lock, flags);
		ret = fn(dev, data);
		spin_lock_irqsave(&devices_lock, flags);
		if (ret)
			break;
	}
	spin_unlock_irqrestore(&devices_lock, flags);
	return ret;
}

/*
 * Like lspci, one line a device, per bus in registration order:
 *   pci 00:03.0 1af4:1000 [0200] virtio-net: no driver
 *   platform serial8250.0 ns16550a: uart16550
 */
void device_list_print(void)
{
	struct bus_type *bus;
	struct device *dev;
	unsigned int n = 0, bound = 0;
	unsigned long flags;
	char desc[64];

	/* printk under devices_lock: its console_lock nests inside, never around. */
	spin_lock_irqsave(&devices_lock, flags);
	list_for_each_entry(dev, &device_list, node) {
		n++;
		bound += dev->driver != NULL;
	}
	pr_info("devices (%u, %u bound):\n", n, bound);
	list_for_each_entry(bus, &bus_list, node) {
		list_for_each_entry(dev, &device_list, node) {
			if (dev->bus != bus)
				continue;
			desc[0] = '\0';
			if (bus->describe)
				bus->describe(dev, desc, sizeof(desc));
			pr_info("  %s %s%s%s: %s\n", bus->name, dev->name,
				desc[0] ? " " : "", desc,
				dev->driver ? dev->driver->name : "no driver");
		}
	}
	spin_unlock_irqrestore(&devices_lock, flags);
}
