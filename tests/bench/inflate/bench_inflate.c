/* SPDX-License-Identifier: Apache-2.0 */
/*
 * gunzip() throughput on the host: decompress FILE.gz ITER times into one
 * buffer and print the best time and MB/s of output. Built at -O2 by
 * run.sh, which times the host's zlib on the same file in the same run.
 *
 *   bench_inflate FILE.gz ITER
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../../../components/lib/inflate/inflate.c"
#include "../../../components/lib/inflate/gunzip.c"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	static struct inflate_workspace ws;
	size_t in_len, out_max, used, out_len = 0;
	double best = 1e9;
	u8 *in, *out;
	FILE *f;
	int iter, i, err;

	if (argc != 3 || !(f = fopen(argv[1], "rb")))
		return 2;
	iter = atoi(argv[2]);
	fseek(f, 0, SEEK_END);
	in_len = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	in = malloc(in_len);
	if (!in || fread(in, 1, in_len, f) != in_len)
		return 2;
	fclose(f);
	/* ISIZE (the size mod 2^32) sizes the output for this benchmark. */
	out_max = in[in_len - 4] | (size_t)in[in_len - 3] << 8 | (size_t)in[in_len - 2] << 16 |
		  (size_t)in[in_len - 1] << 24;
	out = malloc(out_max ? out_max : 1);
	for (i = 0; i < iter; i++) {
		double t = now();

		err = gunzip(&ws, in, in_len, &used, out, out_max, &out_len);
		t = now() - t;
		if (err) {
			fprintf(stderr, "gunzip: %s\n", inflate_strerror(err));
			return 1;
		}
		if (t < best)
			best = t;
	}
	printf("%.4f %.1f\n", best, out_len / best / 1e6);
	return 0;
}
