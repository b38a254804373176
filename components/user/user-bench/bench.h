/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The benchmarks' one output line:
 *
 *   bench NAME VALUE UNIT iters=N
 *
 * VALUE is the mean per operation over N operations (after one warm-up
 * round), from CLOCK_MONOTONIC. `-n N` changes N.
 */
#ifndef TESSERA_USER_BENCH_H
#define TESSERA_USER_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long bench_iters(int argc, char **argv, long dflt)
{
	for (int i = 1; i + 1 < argc; i++)
		if (!strcmp(argv[i], "-n"))
			return atol(argv[i + 1]) > 0 ? atol(argv[i + 1]) : dflt;
	return dflt;
}

static long long bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

static void bench_report(const char *name, long long ns, long n)
{
	double per = (double)ns / (double)n;

	if (per >= 100000)
		printf("bench %s %.1f us iters=%ld\n", name, per / 1000.0, n);
	else
		printf("bench %s %.0f ns iters=%ld\n", name, per, n);
	fflush(stdout);
}

static void bench_fail(const char *name, const char *what)
{
	printf("bench %s failed: %s\n", name, what);
	exit(1);
}

#endif
