/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host test of the pipe ring (pipe_ring.h, ASan + UBSan): spans never leave
 * the buffer, bytes come out in order across the wrap of the buffer and of
 * the free-running indices (checked against a model under random reads and
 * writes of random sizes), and the PIPE_BUF rule: a write of at most
 * PIPE_BUF bytes is never split.
 */
#include <string.h>

#include <tessera/testing/check.h>

#include "../pipe_ring.h"

#define SIZE 16384u

static unsigned char *buf;

static size_t write_bytes(struct pipe_ring *r, const unsigned char *src, size_t n)
{
	size_t done = 0;

	while (done < n) {
		unsigned char *p;
		size_t span = pipe_ring_write_span(r, &p);

		if (!span)
			break;
		if (!CHECK(p >= buf && p + span <= buf + SIZE))
			break;
		if (span > n - done)
			span = n - done;
		memcpy(p, src + done, span);
		pipe_ring_commit_write(r, span);
		done += span;
	}
	return done;
}

static size_t read_bytes(struct pipe_ring *r, unsigned char *dst, size_t n)
{
	size_t done = 0;

	while (done < n) {
		unsigned char *p;
		size_t span = pipe_ring_read_span(r, &p);

		if (!span)
			break;
		if (!CHECK(p >= buf && p + span <= buf + SIZE))
			break;
		if (span > n - done)
			span = n - done;
		memcpy(dst + done, p, span);
		pipe_ring_consume(r, span);
		done += span;
	}
	return done;
}

static void basics(void)
{
	struct pipe_ring r = { .buf = buf, .size = SIZE };
	unsigned char out[SIZE + 10];
	unsigned char *p;

	CHECK(pipe_ring_used(&r) == 0 && pipe_ring_free(&r) == SIZE);
	CHECK(pipe_ring_read_span(&r, &p) == 0);
	memset(out, 'x', sizeof(out));
	CHECK(write_bytes(&r, out, SIZE + 10) == SIZE);    /* full: the rest waits */
	CHECK(pipe_ring_write_span(&r, &p) == 0);
	CHECK(pipe_ring_free(&r) == 0);

	/* PIPE_BUF: small writes are all or nothing, big ones take what fits. */
	CHECK(pipe_write_room(&r, 1, 1) == 0);
	CHECK(read_bytes(&r, out, 100) == 100);
	CHECK(pipe_write_room(&r, 100, 100) == 100);
	CHECK(pipe_write_room(&r, 101, 101) == 0);
	CHECK(pipe_write_room(&r, PIPE_BUF, PIPE_BUF) == 0);
	CHECK(pipe_write_room(&r, PIPE_BUF + 1, PIPE_BUF + 1) == 100);
	CHECK(pipe_write_room(&r, 10, 20000) == 10);       /* the tail of a big write */
}

static void random_against_model(uint64_t seed)
{
	static unsigned char model[1 << 20];
	struct pipe_ring r = { .buf = buf, .size = SIZE };
	size_t mh = 0, mt = 0;
	unsigned char tmp[3 * SIZE];
	unsigned int step;

	check_context("seed %llu", (unsigned long long)seed);
	rng_seed(seed);
	r.head = r.tail = (size_t)0 - 5000;                 /* the indices wrap too */
	for (step = 0; step < 4000; step++) {
		size_t n = (size_t)rng_below(rng_below(4) ? 300 : sizeof(tmp)) + 1;

		if (rng_below(2)) {
			size_t i, room = pipe_write_room(&r, n, n), w;

			if (n <= PIPE_BUF)
				CHECK(room == 0 || room == n);
			for (i = 0; i < room; i++)
				tmp[i] = (unsigned char)rng_below(256);
			w = write_bytes(&r, tmp, room);
			CHECK(w == room);
			for (i = 0; i < w; i++)
				model[(mh + i) % sizeof(model)] = tmp[i];
			mh += w;
		} else {
			size_t got = read_bytes(&r, tmp, n), i, want = mh - mt < n ? mh - mt : n;

			if (!CHECK(got == want))
				return;
			for (i = 0; i < got; i++)
				if (!CHECK(tmp[i] == model[(mt + i) % sizeof(model)]))
					return;
			mt += got;
		}
		CHECK(pipe_ring_used(&r) == mh - mt);
		CHECK(pipe_ring_used(&r) <= SIZE);
	}
	check_context("%s", "");
}

int main(void)
{
	uint64_t seed;

	buf = malloc(SIZE);
	basics();
	for (seed = 1; seed <= 20; seed++)
		random_against_model(seed);
	free(buf);
	return check_summary("pipe_ring");
}
