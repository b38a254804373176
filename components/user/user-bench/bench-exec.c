// SPDX-License-Identifier: Apache-2.0
/*
 * fork(2) + execve(2) of a small static program (bench-true: exit(0), no C
 * library) + waitpid(2). bench-true is looked up next to this program, or
 * given with -p PATH.
 */
#include <limits.h>
#include <sys/wait.h>

#include "bench.h"

static char path[PATH_MAX];

static void once(void)
{
	char *argv[] = { path, NULL }, *envp[] = { NULL };
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execve(path, argv, envp);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || status != 0)
		bench_fail("fork_execve_wait", "fork/execve/wait");
}

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv, 200);
	long long t0;
	char *slash;

	snprintf(path, sizeof(path), "%s", argv[0]);
	slash = strrchr(path, '/');
	snprintf(slash ? slash + 1 : path, sizeof(path) - (slash ? slash + 1 - path : 0), "bench-true");
	for (int i = 1; i + 1 < argc; i++)
		if (!strcmp(argv[i], "-p"))
			snprintf(path, sizeof(path), "%s", argv[i + 1]);
	for (int i = 0; i < 5; i++)
		once();
	t0 = bench_now();
	for (long i = 0; i < n; i++)
		once();
	bench_report("fork_execve_wait", bench_now() - t0, n);
	return 0;
}
