/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host test for ring.h: for every ring size up to 17 and many sequences of
 * writes (short, exactly the size, longer than the ring), the ring must hold
 * exactly the tail of everything written, and every copy length must return
 * the right tail.
 */
#include <stdio.h>
#include <string.h>

#include <tessera/testing/check.h>

#include "../ring.h"

#define LOG_MAX 4096

static char log[LOG_MAX];	/* everything written, in order */

static void check_tail(const struct ring *r, size_t logged)
{
	char out[64];

	if (!CHECKF(r->total == logged, "total %zu, want %zu", r->total, logged))
		return;
	for (size_t len = 0; len <= r->size + 3; len++) {
		size_t want = len < logged ? len : logged;
		size_t n;

		if (want > r->size)
			want = r->size;
		memset(out, '#', sizeof(out));
		n = ring_copy(r, out, len);
		if (!CHECKF(n == want, "size %zu copy %zu returned %zu, want %zu",
			    r->size, len, n, want))
			return;
		if (!CHECKF(!memcmp(out, log + logged - n, n),
			    "size %zu copy %zu: wrong bytes", r->size, len))
			return;
		if (!CHECKF(out[n] == '#', "size %zu copy %zu wrote past its count",
			    r->size, len))
			return;
	}
}

static void run(size_t size, unsigned int seed)
{
	char buf[32];
	struct ring r = RING_INIT(buf, size);
	size_t logged = 0;
	unsigned int step;

	check_tail(&r, 0);
	for (step = 0; step < 60; step++) {
		/* Lengths 0..2*size+1: empty, partial, exact and overlong writes. */
		size_t len = (seed * 7 + step * 13 + step * step) % (2 * size + 2);

		for (size_t i = 0; i < len; i++)
			/* Period 251, longer than any ring: a misplaced byte shows. */
			log[logged + i] = (char)((logged + i) % 251);
		ring_write(&r, log + logged, len);
		logged += len;
		check_tail(&r, logged);
		if (check_failures)
			return;
	}
}

int main(void)
{
	printf("ring: sizes 1..17, 60 writes per sequence, every copy length\n");
	for (size_t size = 1; size <= 17; size++)
		for (unsigned int seed = 0; seed < 20; seed++)
			run(size, seed);
	return check_summary("test_ring");
}
