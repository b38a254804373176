/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Platform devices: the ones no bus enumerates, found in the devicetree
 * (riscv64) or known to sit at fixed places (the PC's COM ports). Drivers
 * match them by "compatible" strings, like Linux's of_device_id tables.
 */
#ifndef TESSERA_PLATFORM_DEVICE_H
#define TESSERA_PLATFORM_DEVICE_H

#include <tessera/compiler.h>
#include <tessera/device.h>

#define PLATFORM_COMPAT_MAX 64

struct platform_device {
	struct device dev;
	/* NUL-separated, most specific first: a devicetree "compatible". */
	char compatible[PLATFORM_COMPAT_MAX];
	size_t compatible_len;
};

#define to_platform_device(d) container_of(d, struct platform_device, dev)

#endif
