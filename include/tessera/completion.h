/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Completions (the `wait` interface): "this happened", counted. complete()
 * lets one waiter through (or banks it for the next), complete_all() every
 * present and future waiter.
 */
#ifndef TESSERA_COMPLETION_H
#define TESSERA_COMPLETION_H

#include <tessera/wait.h>

struct completion {
	unsigned int done;
	wait_queue_head_t wait;
};

#define COMPLETION_DONE_ALL (~0U / 2)

#define init_completion(x)                                              \
	do {                                                            \
		(x)->done = 0;                                          \
		init_waitqueue_head(&(x)->wait);                        \
	} while (0)

#endif
