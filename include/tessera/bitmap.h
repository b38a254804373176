/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Bitmaps as arrays of unsigned long, bit 0 the least significant bit of
 * word 0. The single-bit helpers are inline (header-only, usable from host
 * tests); the range operations are operations of the `lib` interface.
 */
#ifndef TESSERA_BITMAP_H
#define TESSERA_BITMAP_H

#include <stdarg.h>
#include <tessera/types.h>

#define BITS_PER_LONG     (8 * sizeof(unsigned long))
#define BIT_WORD(nr)      ((nr) / BITS_PER_LONG)
#define BIT_MASK(nr)      (1UL << ((nr) % BITS_PER_LONG))
#define BITS_TO_LONGS(n)  (((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)

static inline void __set_bit(unsigned long nr, unsigned long *map)
{
	map[BIT_WORD(nr)] |= BIT_MASK(nr);
}

static inline void __clear_bit(unsigned long nr, unsigned long *map)
{
	map[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

static inline bool test_bit(unsigned long nr, const unsigned long *map)
{
	return (map[BIT_WORD(nr)] & BIT_MASK(nr)) != 0;
}

#endif
