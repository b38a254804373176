/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Cost of a call through a generated `one` interface wrapper, against a plain
 * direct call and a call through a function pointer, in the same run. Each
 * loop makes ITERATIONS dependent calls; the best of ROUNDS interleaved
 * rounds is kept, which filters out interference from the rest of the
 * machine. Functions and loops are aligned alike (run.sh) so that code
 * placement does not favour one loop.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <interfaces/counter.h>

uint64_t plain_counter_step(uint64_t x);

#define ROUNDS 15

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static uint64_t (*volatile indirect_target)(uint64_t) = plain_counter_step;

static __attribute__((noinline)) double run_generated(long n, uint64_t *acc)
{
	double t = now();
	for (long i = 0; i < n; i++)
		*acc = counter_step(*acc);
	return now() - t;
}

static __attribute__((noinline)) double run_direct(long n, uint64_t *acc)
{
	double t = now();
	for (long i = 0; i < n; i++)
		*acc = plain_counter_step(*acc);
	return now() - t;
}

static __attribute__((noinline)) double run_pointer(long n, uint64_t *acc)
{
	uint64_t (*fn)(uint64_t) = indirect_target;
	double t = now();
	for (long i = 0; i < n; i++)
		*acc = fn(*acc);
	return now() - t;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100000000L;
	double best[3] = { 1e9, 1e9, 1e9 };
	uint64_t acc = 1;

	/* Each round starts with a different loop, so none always runs first. */
	for (int round = 0; round < ROUNDS; round++) {
		for (int step = 0; step < 3; step++) {
			int k = (round + step) % 3;
			double t = k == 0 ? run_generated(n, &acc) :
				   k == 1 ? run_direct(n, &acc) : run_pointer(n, &acc);
			if (t < best[k])
				best[k] = t;
		}
	}
	printf("%-26s %8s %8s\n", "call", "ns/call", "ratio");
	printf("%-26s %8.3f %8.3f\n", "generated one-interface", best[0] / n * 1e9, best[0] / best[1]);
	printf("%-26s %8.3f %8.3f\n", "plain direct call", best[1] / n * 1e9, 1.0);
	printf("%-26s %8.3f %8.3f\n", "function pointer", best[2] / n * 1e9, best[2] / best[1]);
	printf("(checksum %llu)\n", (unsigned long long)acc);
	return 0;
}
