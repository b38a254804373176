/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The platform bus. Something else finds the devices (platform-fdt walks
 * the devicetree, x86-legacy probes the PC's fixed ports) and registers
 * them here; this bus only knows how to match one against a driver's ids:
 * by its "compatible" strings.
 */
#include <interfaces/driver_core.h>
#include <interfaces/kmalloc.h>
#include <interfaces/lib.h>
#include <interfaces/platform_bus.h>
#include <tessera/errno.h>

static const struct device_id *platform_match(struct device *dev,
					      const struct device_id *ids)
{
	struct platform_device *pdev = to_platform_device(dev);

	return device_match_compatible(pdev->compatible, pdev->compatible_len, ids);
}

/* The boot listing shows the most specific compatible string. */
static int platform_describe(struct device *dev, char *buf, size_t size)
{
	struct platform_device *pdev = to_platform_device(dev);

	return snprintf(buf, size, "%s", pdev->compatible_len ? pdev->compatible : "");
}

static struct bus_type platform_bus_type = {
	.name = "platform",
	.match = platform_match,
	.describe = platform_describe,
};

struct bus_type *platform_bus(void)
{
	return &platform_bus_type;
}

int platform_bus_init(void);

int platform_bus_init(void)
{
	return bus_register(&platform_bus_type);
}

/*
 * A zeroed device named @name whose compatible list is copied from
 * @compatible (@len bytes, NUL-separated; a list longer than the device
 * holds is cut at a string boundary). NULL when out of memory.
 */
struct platform_device *platform_device_alloc(const char *name,
					      const char *compatible, size_t len)
{
	struct platform_device *pdev = kzalloc(sizeof(*pdev));

	if (!pdev)
		return NULL;
	strlcpy(pdev->dev.name, name, sizeof(pdev->dev.name));
	pdev->dev.bus = &platform_bus_type;
	while (len > sizeof(pdev->compatible)) {
		/* Drop the last (least specific) string until it fits. */
		len--;
		while (len && compatible[len - 1])
			len--;
	}
	memcpy(pdev->compatible, compatible, len);
	pdev->compatible_len = len;
	return pdev;
}

int platform_device_register(struct platform_device *pdev)
{
	pdev->dev.bus = &platform_bus_type;
	return device_register(&pdev->dev);
}
