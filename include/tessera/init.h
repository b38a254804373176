/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The boot sequence as the graph tool generates it. Each component with an
 * `init` key in its manifest appears once in `initcalls`, after every
 * component providing an interface it requires (see docs/architecture.md).
 */
#ifndef TESSERA_INIT_H
#define TESSERA_INIT_H

#include <tessera/types.h>

struct initcall {
	const char *component;
	int (*fn)(void);   /* 0 on success, a negative errno otherwise */
};

extern const struct initcall initcalls[];
extern const unsigned int nr_initcalls;

#endif
