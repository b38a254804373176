// SPDX-License-Identifier: Apache-2.0
/* Signal handler installation: sigaction(2) alternating two handlers. */
#include <signal.h>

#include "bench.h"

static void h1(int sig) { (void)sig; }
static void h2(int sig) { (void)sig; }

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv, 100000);
	struct sigaction a = { .sa_handler = h1 }, b = { .sa_handler = h2 };
	long long t0 = bench_now();

	for (long i = 0; i < n; i++)
		if (sigaction(SIGUSR1, i & 1 ? &a : &b, NULL) < 0)
			bench_fail("sigaction_install", "sigaction");
	bench_report("sigaction_install", bench_now() - t0, n);
	return 0;
}
