// SPDX-License-Identifier: Apache-2.0
/*
 * Pipe ping-pong: one byte there and back between two processes through
 * two pipes; the figure is one round trip (two context switches).
 */
#include <signal.h>
#include <sys/wait.h>

#include "bench.h"

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv, 5000);
	int ab[2], ba[2];
	char c = 'p';
	long long t0;
	pid_t pid;

	if (pipe(ab) < 0 || pipe(ba) < 0)
		bench_fail("pipe_roundtrip", "pipe");
	pid = fork();
	if (pid == 0) {
		close(ab[1]);
		close(ba[0]);
		while (read(ab[0], &c, 1) == 1)
			if (write(ba[1], &c, 1) != 1)
				break;
		_exit(0);
	}
	close(ab[0]);
	close(ba[1]);
	for (int i = 0; i < 100; i++)
		if (write(ab[1], &c, 1) != 1 || read(ba[0], &c, 1) != 1)
			bench_fail("pipe_roundtrip", "ping");
	t0 = bench_now();
	for (long i = 0; i < n; i++)
		if (write(ab[1], &c, 1) != 1 || read(ba[0], &c, 1) != 1)
			bench_fail("pipe_roundtrip", "ping");
	bench_report("pipe_roundtrip", bench_now() - t0, n);
	close(ab[1]);
	waitpid(pid, NULL, 0);
	return 0;
}
