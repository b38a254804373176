// SPDX-License-Identifier: Apache-2.0
/* read(2) of one byte from /dev/zero. */
#include <fcntl.h>

#include "bench.h"

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv, 100000);
	int fd = open("/dev/zero", O_RDONLY);
	char c;
	long long t0;

	if (fd < 0)
		bench_fail("read_dev_zero", "open /dev/zero");
	for (long i = 0; i < 1000; i++)
		read(fd, &c, 1);
	t0 = bench_now();
	for (long i = 0; i < n; i++)
		if (read(fd, &c, 1) != 1)
			bench_fail("read_dev_zero", "read");
	bench_report("read_dev_zero", bench_now() - t0, n);
	return 0;
}
