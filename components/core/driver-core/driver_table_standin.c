/* SPDX-License-Identifier: Apache-2.0 */
/*
 * TEMPORARY, WRITTEN BY HAND: a stand-in for generated/<product>/driver_table.c
 * until the graph tool collects the `drivers` key of the manifests. It is
 * not a source of driver-core: CMakeLists.txt compiles it with the generated
 * glue, and only when the driver core is in the product and the graph tool
 * emitted no driver_table.c. Delete it once the generator lands.
 *
 * It spells what the generator will write for the drivers of the tree, each
 * under its component's CONFIG_COMP_ symbol (the generator lists only the
 * enabled components, in component-name order).
 */
#include <autoconf.h>
#include <tessera/device.h>

#ifdef CONFIG_COMP_UART_16550
extern struct device_driver uart16550_platform_driver;
static const struct device_id uart16550_platform_driver_ids[] = {
	{ .compatible = "ns16550a" }, { .compatible = "ns16550" }, { 0 } };
#endif

const struct builtin_driver builtin_drivers[] = {
#ifdef CONFIG_COMP_UART_16550
	{ .bus = "platform", .driver = &uart16550_platform_driver,
	  .ids = uart16550_platform_driver_ids },
#endif
	{ 0 }   /* ISO C has no empty array; not counted */
};
const unsigned int nr_builtin_drivers = sizeof(builtin_drivers) / sizeof(builtin_drivers[0]) - 1;
