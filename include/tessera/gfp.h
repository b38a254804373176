/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Allocation flags (Linux's include/linux/gfp_types.h, the part in use):
 * which zones may satisfy a request, and what to do with the pages.
 * GFP_KERNEL takes any zone, highest first (ZONE_NORMAL, then ZONE_DMA32),
 * so memory that only 32-bit DMA can reach is used last.
 */
#ifndef TESSERA_GFP_H
#define TESSERA_GFP_H

typedef unsigned int gfp_t;

#define __GFP_DMA32   0x04u	/* only ZONE_DMA32 (below 4 GiB) */
#define __GFP_ZERO    0x100u	/* the pages come back zeroed */

#define GFP_KERNEL    0u
#define GFP_ATOMIC    0u	/* nothing sleeps yet: the same as GFP_KERNEL */
#define GFP_DMA32     __GFP_DMA32

/* The highest zone a request may use. */
static inline unsigned int gfp_zone(gfp_t gfp)
{
	return (gfp & __GFP_DMA32) ? 0 /* ZONE_DMA32 */ : 1 /* ZONE_NORMAL */;
}

#endif
