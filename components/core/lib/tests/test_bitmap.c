/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host test for bitmap.c: random range operations mirrored on a plain array
 * of bools; after each one, every search from every offset and the weight of
 * every prefix must agree with the mirror.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <tessera/testing/check.h>

#define TESSERA_HOST_TEST 1
#include "../bitmap.c"

#define NBITS 300

static unsigned long map[BITS_TO_LONGS(NBITS)];
static bool mirror[NBITS];

static void verify(unsigned long size)
{
	for (unsigned long off = 0; off <= size + 1; off++) {
		unsigned long want_set = size, want_zero = size;

		for (unsigned long i = off; i < size; i++) {
			if (mirror[i] && want_set == size)
				want_set = i;
			if (!mirror[i] && want_zero == size)
				want_zero = i;
		}
		if (!CHECKF(find_next_bit(map, size, off) == want_set,
			    "find_next_bit size %lu off %lu", size, off))
			return;
		if (!CHECKF(find_next_zero_bit(map, size, off) == want_zero,
			    "find_next_zero_bit size %lu off %lu", size, off))
			return;
	}
	for (unsigned long n = 0, w = 0; n <= size; n++) {
		if (!CHECKF(bitmap_weight(map, n) == w, "bitmap_weight %lu", n))
			return;
		if (n < size && mirror[n])
			w++;
	}
	for (unsigned long i = 0; i < NBITS; i++)
		if (!CHECKF(test_bit(i, map) == mirror[i], "bit %lu", i))
			return;
}

int main(void)
{
	const unsigned int rounds = 3000;

	printf("bitmap_set/bitmap_clear/find_next_*/bitmap_weight: %u random ranges in %d bits\n",
	       rounds, NBITS);
	rng_seed(0x243f6a8885a308d3ULL);
	for (unsigned int r = 0; r < rounds && !check_failures; r++) {
		unsigned long start = rng_below(NBITS);
		unsigned long nr = rng_below(NBITS - start + 1);
		bool set = rng_below(2);

		if (set)
			bitmap_set(map, start, nr);
		else
			bitmap_clear(map, start, nr);
		for (unsigned long i = start; i < start + nr; i++)
			mirror[i] = set;
		/* Sizes that end mid-word and on word boundaries. */
		verify(NBITS);
		verify(rng_below(NBITS + 1));
		verify(128);
	}
	return check_summary("test_bitmap");
}
