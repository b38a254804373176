// SPDX-License-Identifier: Apache-2.0
/*
 * Signal delivery: kill(2) to itself, the handler runs and returns through
 * rt_sigreturn. The figure is one kill + delivery + return.
 */
#include <signal.h>
#include <sys/syscall.h>

#include "bench.h"

static volatile long hits;

static void handler(int sig)
{
	(void)sig;
	hits++;
}

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv, 50000);
	struct sigaction sa = { .sa_handler = handler };
	pid_t me = getpid();
	long long t0;

	sigaction(SIGUSR1, &sa, NULL);
	for (int i = 0; i < 100; i++)
		syscall(SYS_kill, me, SIGUSR1);
	hits = 0;
	t0 = bench_now();
	for (long i = 0; i < n; i++)
		syscall(SYS_kill, me, SIGUSR1);
	if (hits != n)
		bench_fail("signal_delivery", "handler runs != kills");
	bench_report("signal_delivery", bench_now() - t0, n);
	return 0;
}
