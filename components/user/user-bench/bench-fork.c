// SPDX-License-Identifier: Apache-2.0
/* fork(2) + _exit(2) in the child + waitpid(2) in the parent. */
#include <sys/wait.h>

#include "bench.h"

static void once(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	if (pid < 0 || waitpid(pid, &status, 0) != pid || status != 0)
		bench_fail("fork_exit_wait", "fork/wait");
}

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv, 300);
	long long t0;

	for (int i = 0; i < 5; i++)
		once();
	t0 = bench_now();
	for (long i = 0; i < n; i++)
		once();
	bench_report("fork_exit_wait", bench_now() - t0, n);
	return 0;
}
