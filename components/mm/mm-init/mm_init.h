/* SPDX-License-Identifier: Apache-2.0 */
/* Private to mm-init: the node memmap_init() filled, for the bad-page reports. */
#ifndef MM_INIT_H
#define MM_INIT_H

#include <tessera/page.h>

extern struct pglist_data *mm_pgdat;

#endif
