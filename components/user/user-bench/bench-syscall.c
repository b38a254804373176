// SPDX-License-Identifier: Apache-2.0
/* The null system call: getppid(2), raw (no C library cache). */
#include <sys/syscall.h>

#include "bench.h"

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv, 200000);
	long long t0;

	for (long i = 0; i < 1000; i++)
		syscall(SYS_getppid);
	t0 = bench_now();
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
	bench_report("null_syscall", bench_now() - t0, n);
	return 0;
}
