/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Range operations on bitmaps (layout in <tessera/bitmap.h>). Bit counting
 * and bit searching are done by hand: on rv64imac without Zbb,
 * __builtin_popcountl and __builtin_ctzl become calls into libgcc, which the
 * kernel does not link.
 */
#include <tessera/bitmap.h>
#ifndef TESSERA_HOST_TEST
#include <interfaces/lib.h>
#endif

/* Bits at and above @start within its word; bits below @nbits in the last word. */
#define BITMAP_FIRST_WORD_MASK(start) (~0UL << ((start) % BITS_PER_LONG))
#define BITMAP_LAST_WORD_MASK(nbits)  (~0UL >> (-(nbits) % BITS_PER_LONG))

/* Index of the lowest set bit; @word must not be zero. */
static unsigned long __ffs(unsigned long word)
{
	unsigned long bit = 0;

	if (BITS_PER_LONG == 64 && (word & 0xffffffffUL) == 0) {
		bit += 32;
		word >>= 16;	/* two shifts: a single >> 32 is undefined on 32-bit longs */
		word >>= 16;
	}
	if ((word & 0xffff) == 0) {
		bit += 16;
		word >>= 16;
	}
	if ((word & 0xff) == 0) {
		bit += 8;
		word >>= 8;
	}
	if ((word & 0xf) == 0) {
		bit += 4;
		word >>= 4;
	}
	if ((word & 0x3) == 0) {
		bit += 2;
		word >>= 2;
	}
	if ((word & 0x1) == 0)
		bit += 1;
	return bit;
}

static unsigned long hweight_long(unsigned long w)
{
	unsigned long n = 0;

	/* Each iteration clears the lowest set bit. */
	while (w) {
		w &= w - 1;
		n++;
	}
	return n;
}

void bitmap_set(unsigned long *map, unsigned long start, unsigned long nr)
{
	unsigned long *p = map + BIT_WORD(start);
	unsigned long end = start + nr;
	unsigned long mask = BITMAP_FIRST_WORD_MASK(start);
	long bits_to_set = BITS_PER_LONG - (start % BITS_PER_LONG);

	while (nr >= (unsigned long)bits_to_set) {
		*p++ |= mask;
		nr -= bits_to_set;
		bits_to_set = BITS_PER_LONG;
		mask = ~0UL;
	}
	if (nr) {
		mask &= BITMAP_LAST_WORD_MASK(end);
		*p |= mask;
	}
}

void bitmap_clear(unsigned long *map, unsigned long start, unsigned long nr)
{
	unsigned long *p = map + BIT_WORD(start);
	unsigned long end = start + nr;
	unsigned long mask = BITMAP_FIRST_WORD_MASK(start);
	long bits_to_clear = BITS_PER_LONG - (start % BITS_PER_LONG);

	while (nr >= (unsigned long)bits_to_clear) {
		*p++ &= ~mask;
		nr -= bits_to_clear;
		bits_to_clear = BITS_PER_LONG;
		mask = ~0UL;
	}
	if (nr) {
		mask &= BITMAP_LAST_WORD_MASK(end);
		*p &= ~mask;
	}
}

/*
 * Shared search: @invert turns a search for a zero bit into a search for a
 * set bit in the complemented words. Returns @size when nothing is found.
 */
static unsigned long find_next(const unsigned long *map, unsigned long size,
			       unsigned long offset, unsigned long invert)
{
	unsigned long idx, word, bit;

	if (offset >= size)
		return size;
	idx = BIT_WORD(offset);
	word = (map[idx] ^ invert) & BITMAP_FIRST_WORD_MASK(offset);
	while (!word) {
		idx++;
		if (idx * BITS_PER_LONG >= size)
			return size;
		word = map[idx] ^ invert;
	}
	bit = idx * BITS_PER_LONG + __ffs(word);
	/* Bits past @size in the last word are not part of the map. */
	return bit < size ? bit : size;
}

unsigned long find_next_bit(const unsigned long *map, unsigned long size,
			    unsigned long offset)
{
	return find_next(map, size, offset, 0);
}

unsigned long find_next_zero_bit(const unsigned long *map, unsigned long size,
				 unsigned long offset)
{
	return find_next(map, size, offset, ~0UL);
}

unsigned long bitmap_weight(const unsigned long *map, unsigned long nbits)
{
	unsigned long i, w = 0;

	for (i = 0; i < nbits / BITS_PER_LONG; i++)
		w += hweight_long(map[i]);
	if (nbits % BITS_PER_LONG)
		w += hweight_long(map[i] & BITMAP_LAST_WORD_MASK(nbits));
	return w;
}
