/* SPDX-License-Identifier: Apache-2.0 */
/* panic() is the operation of the `panic` interface; BUG_ON is built on it. */
#ifndef TESSERA_PANIC_H
#define TESSERA_PANIC_H

#include <tessera/compiler.h>

#define BUG() panic("BUG at %s:%d", __FILE__, __LINE__)

#define BUG_ON(cond)                                                    \
	do {                                                            \
		if (unlikely(cond))                                     \
			panic("BUG: %s at %s:%d", #cond, __FILE__, __LINE__); \
	} while (0)

#endif
