/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The device model, in the spirit of Linux's drivers/base: a bus_type knows
 * how to match its devices against a driver's ids; a device sits on one bus
 * with the resources it decodes (MMIO ranges, I/O ports, interrupts); a
 * device_driver is bound to it by probe() and released by remove().
 *
 * Which drivers exist is decided by the graph: each driver's manifest names
 * its bus and ids, and the graph tool collects them into builtin_drivers[]
 * (generated/<product>/driver_table.c). Which devices exist is found at run
 * time by the buses (PCI enumeration, the devicetree, legacy probes). The
 * driver core (component driver-core, interface driver_core) puts the two
 * together whenever a device is registered.
 */
#ifndef TESSERA_DEVICE_H
#define TESSERA_DEVICE_H

#include <tessera/list.h>
#include <tessera/types.h>

/* --- ids, as the generated table spells them ------------------------------- */

/* Any vendor or device id in a PCI entry (Linux's PCI_ANY_ID). */
#define PCI_ANY_ID 0xffff

/*
 * One entry of a driver's match table; an all-zero entry ends it.
 * Platform (devicetree) drivers fill .compatible. PCI drivers fill .vendor
 * and .device (PCI_ANY_ID for either matches any) and, to match by class,
 * .class_code (0xCCSSPP: class, subclass, prog-if) under .class_mask.
 */
struct device_id {
	const char *compatible;
	u16 vendor, device;
	u32 class_code, class_mask;
};

struct device_driver;

/* One driver the graph linked in, with its bus (by name) and its ids. */
struct builtin_driver {
	const char *bus;
	struct device_driver *driver;
	const struct device_id *ids;
};

extern const struct builtin_driver builtin_drivers[];
extern const unsigned int nr_builtin_drivers;

/* --- resources ---------------------------------------------------------------- */

#define IORESOURCE_IO   0x1     /* x86 I/O port range */
#define IORESOURCE_MEM  0x2     /* physical MMIO range */
#define IORESOURCE_IRQ  0x4     /* an interrupt number: start == end */
#define IORESOURCE_MEM_64      0x10    /* PCI: a 64-bit BAR */
#define IORESOURCE_PREFETCH    0x20    /* PCI: a prefetchable BAR */

/* An inclusive range [start, end], as in Linux's struct resource. */
struct resource {
	u64 start, end;
	unsigned long flags;
	int index;              /* PCI: the BAR number; else the order found */
};

static inline u64 resource_size(const struct resource *res)
{
	return res->end - res->start + 1;
}

/* More than any device of the QEMU machines has (6 BARs + ROM, an irq). */
#define DEVICE_MAX_RESOURCES 8
#define DEVICE_NAME_MAX      32

/* --- bus, device, driver ------------------------------------------------------ */

struct device;

struct bus_type {
	const char *name;       /* "pci", "platform": builtin_driver.bus */
	/* The first entry of @ids that fits @dev, or NULL. */
	const struct device_id *(*match)(struct device *dev,
					 const struct device_id *ids);
	/* Optional: get @dev ready for a driver before its probe (enable
	 * decoding, map registers); an error skips the driver. */
	int (*probe)(struct device *dev);
	/* Optional: what the boot listing says after the name (ids, class). */
	int (*describe)(struct device *dev, char *buf, size_t size);
	struct list_head node;  /* on the driver core's bus list */
};

struct device_driver {
	const char *name;
	const char *bus;        /* the bus this driver's ids are for */
	/* 0 binds; -ENODEV declines (the next driver may take the device). */
	int (*probe)(struct device *dev, const struct device_id *id);
	void (*remove)(struct device *dev);
};

struct device {
	char name[DEVICE_NAME_MAX];     /* "00:03.0", "10000000.serial", "serial8250.0" */
	struct bus_type *bus;
	struct device *parent;          /* a bridge, or NULL */
	struct device_driver *driver;   /* bound driver, or NULL */
	void *driver_data;              /* the bound driver's state */
	int probe_err;                  /* last probe's error, 0 if none */
	struct resource resource[DEVICE_MAX_RESOURCES];
	unsigned int num_resources;
	struct list_head node;          /* on the driver core's device list */
};

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

/* Appends a resource; -1 when the device has no room left. */
static inline int device_add_resource(struct device *dev, u64 start, u64 end,
				      unsigned long flags, int index)
{
	struct resource *res;

	if (dev->num_resources >= DEVICE_MAX_RESOURCES)
		return -1;
	res = &dev->resource[dev->num_resources++];
	res->start = start;
	res->end = end;
	res->flags = flags;
	res->index = index;
	return 0;
}

/* The @n-th resource of @type (IORESOURCE_IO/MEM/IRQ), or NULL. */
static inline struct resource *device_get_resource(struct device *dev,
						   unsigned long type,
						   unsigned int n)
{
	unsigned int i;

	for (i = 0; i < dev->num_resources; i++)
		if ((dev->resource[i].flags & type) && n-- == 0)
			return &dev->resource[i];
	return NULL;
}

/* Called for each device by bus_for_each_dev(); non-zero stops the walk. */
typedef int (*device_iter_fn)(struct device *dev, void *data);

/* --- matching helpers (pure: the host test runs them as they are) ------------ */

/*
 * The first entry of @ids whose .compatible is one of the NUL-separated
 * strings in @compat (@len bytes, as a devicetree "compatible" property).
 * The device's strings go from most to least specific, so the device's
 * order decides, not the table's, as in Linux's of_match_device().
 */
const struct device_id *device_match_compatible(const char *compat, size_t len,
						const struct device_id *ids);

/* The first entry of @ids that fits a PCI function with these ids. */
const struct device_id *device_match_pci(u16 vendor, u16 device, u32 class_code,
					 const struct device_id *ids);

/* True for the all-zero entry that ends a table. */
static inline bool device_id_is_end(const struct device_id *id)
{
	return !id->compatible && !id->vendor && !id->device && !id->class_mask;
}

#endif
