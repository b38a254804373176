/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The resolved component graph, compiled into the kernel by the graph tool
 * (generated composition.c) so the boot banner can say what it is made of.
 */
#ifndef TESSERA_COMPOSITION_H
#define TESSERA_COMPOSITION_H

#include <tessera/types.h>

struct composition_component {
	const char *name;
	const char *summary;
};

/* For each enabled interface: its cardinality and its providers. */
struct composition_interface {
	const char *name;
	const char *cardinality;     /* "one" or "many" */
	const char *providers;       /* comma-separated, in table order */
};

struct composition {
	const char *product;
	const char *arch;
	const struct composition_component *components;
	unsigned int nr_components;
	const struct composition_interface *interfaces;
	unsigned int nr_interfaces;
};

extern const struct composition composition;

#endif
