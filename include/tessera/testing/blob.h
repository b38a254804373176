/* SPDX-License-Identifier: Apache-2.0 */
/*
 * HOST TESTS ONLY (uses libc): a whole file read into memory, for the host
 * tests that check a parser against files the host's tools wrote (gzip,
 * cpio, gcc -static). A file that cannot be read ends the test.
 */
#ifndef TESSERA_TESTING_BLOB_H
#define TESSERA_TESTING_BLOB_H

#include <stdio.h>
#include <stdlib.h>

#include <tessera/types.h>

struct blob {
	u8 *data;
	size_t len;
};

static inline struct blob read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct blob b;
	long len;

	if (!f)
		abort();
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	b.len = (size_t)len;
	b.data = malloc(b.len ? b.len : 1);
	if (!b.data || fread(b.data, 1, b.len, f) != b.len)
		abort();
	fclose(f);
	return b;
}

#endif
