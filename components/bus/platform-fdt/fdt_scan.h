/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Which devicetree nodes are platform devices, and what they decode: a
 * walker over a flattened devicetree (Devicetree Specification v0.4,
 * chapter 5) that reports each device node with its compatible list, its
 * reg ranges as CPU addresses and its interrupts. Pure C on the blob, so
 * tests/test_fdt_scan.c runs it on the host; it trusts nothing in the blob.
 *
 * Device nodes, as Linux's of_platform_populate() picks them: the children
 * of the root and of "simple-bus" nodes (which are walked into, not
 * reported), that have a "compatible" and a "status" of "okay" or none.
 */
#ifndef PLATFORM_FDT_SCAN_H
#define PLATFORM_FDT_SCAN_H

#include <tessera/types.h>

#define FDT_SCAN_MAX_REG 4
#define FDT_SCAN_MAX_IRQ 4

struct fdt_dev_node {
	const char *name;               /* "serial@10000000", in the blob */
	const char *compatible;         /* NUL-separated, in the blob */
	u32 compatible_len;
	/* reg, when the parents map it 1:1 into CPU addresses ("ranges;"). */
	u64 reg_base[FDT_SCAN_MAX_REG], reg_size[FDT_SCAN_MAX_REG];
	unsigned int nr_reg;
	/* One cell per interrupt: the PLIC's #interrupt-cells = <1>. */
	u32 irq[FDT_SCAN_MAX_IRQ];
	unsigned int nr_irq;
};

/* Called per device node; a non-zero return stops the walk with it. */
typedef int (*fdt_dev_fn)(const struct fdt_dev_node *node, void *data);

/*
 * Walks the blob at @blob (at most @avail bytes readable). Returns 0, the
 * callback's non-zero value, or -1 with *@err saying what is malformed.
 */
int fdt_scan_devices(const void *blob, size_t avail, fdt_dev_fn fn, void *data,
		     const char **err);

#endif
