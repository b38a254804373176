// SPDX-License-Identifier: Apache-2.0
/* write(2) of one byte to /dev/null. */
#include <fcntl.h>

#include "bench.h"

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv, 100000);
	int fd = open("/dev/null", O_WRONLY);
	long long t0;

	if (fd < 0)
		bench_fail("write_dev_null", "open /dev/null");
	for (long i = 0; i < 1000; i++)
		write(fd, "x", 1);
	t0 = bench_now();
	for (long i = 0; i < n; i++)
		if (write(fd, "x", 1) != 1)
			bench_fail("write_dev_null", "write");
	bench_report("write_dev_null", bench_now() - t0, n);
	return 0;
}
