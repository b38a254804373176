// SPDX-License-Identifier: Apache-2.0
/*
 * Page-fault cost on a mapped file: a 16 MiB file in /tmp (or $TMPDIR) is
 * mapped MAP_PRIVATE read-only and one byte of every page read, so each
 * access is a minor fault on a page-cache page; mapped and unmapped again
 * for each round. The figure is per fault (the mmap/munmap included,
 * spread over 4096 faults).
 */
#include <fcntl.h>
#include <sys/mman.h>

#include "bench.h"

int main(int argc, char **argv)
{
	long rounds = bench_iters(argc, argv, 16);
	const long size = 16l << 20;
	long pg = sysconf(_SC_PAGESIZE);
	const char *tmp = getenv("TMPDIR");
	char path[256], block[65536];
	volatile char sink = 0;
	long long t, total = 0;
	int fd;

	snprintf(path, sizeof(path), "%s/bench-pagefault.%d", tmp && *tmp ? tmp : "/tmp", (int)getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		bench_fail("pagefault_file", "create the file");
	unlink(path);
	memset(block, 1, sizeof(block));
	for (long off = 0; off < size; off += sizeof(block))
		if (write(fd, block, sizeof(block)) != sizeof(block))
			bench_fail("pagefault_file", "write the file");
	for (long r = -1; r < rounds; r++) {      /* round -1 warms up */
		t = bench_now();
		char *p = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);

		if (p == MAP_FAILED)
			bench_fail("pagefault_file", "mmap");
		for (long off = 0; off < size; off += pg)
			sink += p[off];
		munmap(p, size);
		if (r >= 0)
			total += bench_now() - t;
	}
	(void)sink;
	bench_report("pagefault_file", total, rounds * (size / pg));
	return 0;
}
