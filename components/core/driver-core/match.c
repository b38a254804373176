/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Matching a device against a driver's id table: devicetree-style
 * "compatible" string lists and PCI vendor/device/class ids. Pure C on the
 * table and the device's ids, so tests/test_match.c runs this very file on
 * the host under the sanitizers.
 */
#include <tessera/device.h>

static bool match_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

const struct device_id *device_match_compatible(const char *compat, size_t len,
						const struct device_id *ids)
{
	size_t i = 0;

	if (!compat || !ids)
		return NULL;
	/* The device's first (most specific) string that any entry names wins. */
	while (i < len) {
		const char *s = compat + i;
		const struct device_id *id;
		size_t n = 0;

		while (i + n < len && s[n])
			n++;
		if (i + n == len)
			return NULL;    /* unterminated: trust nothing after it */
		for (id = ids; !device_id_is_end(id); id++)
			if (id->compatible && n && match_streq(id->compatible, s))
				return id;
		i += n + 1;
	}
	return NULL;
}

static bool pci_id_fits(u16 want, u16 have)
{
	return want == PCI_ANY_ID || want == have;
}

const struct device_id *device_match_pci(u16 vendor, u16 device, u32 class_code,
					 const struct device_id *ids)
{
	const struct device_id *id;

	if (!ids)
		return NULL;
	for (id = ids; !device_id_is_end(id); id++) {
		/* A compatible-only entry is for another bus. */
		if (!id->vendor && !id->device && !id->class_mask)
			continue;
		if (!pci_id_fits(id->vendor, vendor) || !pci_id_fits(id->device, device))
			continue;
		if ((class_code ^ id->class_code) & id->class_mask)
			continue;
		return id;
	}
	return NULL;
}
