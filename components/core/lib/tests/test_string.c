/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host test for string.c: every function against glibc on random buffers,
 * at every alignment and length up to a few words, including overlapping
 * memmove in both directions.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tessera/testing/check.h>

#define TESSERA_HOST_TEST 1
#define memcpy  tessera_memcpy
#define memmove tessera_memmove
#define memset  tessera_memset
#define memcmp  tessera_memcmp
#define strlen  tessera_strlen
#define strnlen tessera_strnlen
#define strcmp  tessera_strcmp
#define strncmp tessera_strncmp
#define strchr  tessera_strchr
#define strlcpy tessera_strlcpy
#include "../string.c"
#undef memcpy
#undef memmove
#undef memset
#undef memcmp
#undef strlen
#undef strnlen
#undef strcmp
#undef strncmp
#undef strchr
#undef strlcpy

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

/* Past two of memset's eight-word iterations, with every tail length. */
#define N 160

static void fill(unsigned char *p, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed * 31 + i * 7 + (i >> 3));
}

static void test_mem(void)
{
	unsigned char a[N + 16], b[N + 16], ref[N + 16], src[N + 16];

	printf("memcpy/memset/memmove/memcmp: all alignments, lengths 0..%d\n", N);
	for (size_t da = 0; da < 8; da++)
		for (size_t sa = 0; sa < 8; sa++)
			for (size_t n = 0; n <= N; n++) {
				fill(src, sizeof(src), (unsigned int)(n + sa));
				fill(a, sizeof(a), 1);
				memcpy(ref, a, sizeof(a));
				tessera_memcpy(a + da, src + sa, n);
				memcpy(ref + da, src + sa, n);
				CHECKF(!memcmp(a, ref, sizeof(a)), "memcpy da=%zu sa=%zu n=%zu", da, sa, n);

				tessera_memset(a + da, (int)(n + 0x100 + sa), n);
				memset(ref + da, (int)(n + 0x100 + sa), n);
				CHECKF(!memcmp(a, ref, sizeof(a)), "memset da=%zu n=%zu", da, n);

				/* Overlapping moves inside one buffer, both directions. */
				fill(a, sizeof(a), 3);
				memcpy(ref, a, sizeof(a));
				if (n + da + sa <= sizeof(a)) {
					tessera_memmove(a + da, a + sa, n);
					memmove(ref + da, ref + sa, n);
					CHECKF(!memcmp(a, ref, sizeof(a)), "memmove da=%zu sa=%zu n=%zu", da, sa, n);
				}

				fill(a, sizeof(a), 5);
				memcpy(b, a, sizeof(b));
				if (n && sa < n)
					b[sa] = (unsigned char)(b[sa] + 0x80);
				CHECKF(sign(tessera_memcmp(a, b, n)) == sign(memcmp(a, b, n)),
				       "memcmp sa=%zu n=%zu", sa, n);
			}
	CHECKF(tessera_memcpy(a, b, 3) == a, "memcpy returns dst");
	CHECKF(tessera_memmove(a, b, 3) == a, "memmove returns dst");
	CHECKF(tessera_memset(a, 0, 3) == a, "memset returns dst");
}

static void test_str(void)
{
	static const char *const strs[] = {
		"", "a", "ab", "abc", "abd", "abcdefghijklmnop", "abcdefghijklmnoq",
		"\x80\x01", "\x7f", "zz", "tessera",
	};
	const size_t ns = sizeof(strs) / sizeof(strs[0]);
	char dst[32];

	printf("strlen/strnlen/strcmp/strncmp/strchr/strlcpy over %zu strings\n", ns);
	for (size_t i = 0; i < ns; i++) {
		const char *s = strs[i];

		CHECKF(tessera_strlen(s) == strlen(s), "strlen \"%s\"", s);
		for (size_t m = 0; m < 20; m++)
			CHECKF(tessera_strnlen(s, m) == strnlen(s, m), "strnlen \"%s\" %zu", s, m);
		for (size_t j = 0; j < ns; j++) {
			const char *t = strs[j];

			CHECKF(sign(tessera_strcmp(s, t)) == sign(strcmp(s, t)),
			       "strcmp \"%s\" \"%s\"", s, t);
			for (size_t m = 0; m < 20; m++)
				CHECKF(sign(tessera_strncmp(s, t, m)) == sign(strncmp(s, t, m)),
				       "strncmp \"%s\" \"%s\" %zu", s, t, m);
		}
		for (int c = 0; c < 256; c++)
			CHECKF(tessera_strchr(s, c) == strchr(s, c), "strchr \"%s\" %d", s, c);
		for (size_t size = 0; size < sizeof(dst); size++) {
			size_t want = size ? (strlen(s) < size ? strlen(s) : size - 1) : 0;

			memset(dst, 'Z', sizeof(dst));
			CHECKF(tessera_strlcpy(dst, s, size) == strlen(s), "strlcpy return");
			if (size) {
				CHECKF(!memcmp(dst, s, want) && dst[want] == '\0',
				       "strlcpy \"%s\" size %zu", s, size);
				CHECKF(want + 1 >= sizeof(dst) || dst[want + 1] == 'Z',
				       "strlcpy wrote past the terminator");
			} else {
				CHECKF(dst[0] == 'Z', "strlcpy size 0 writes nothing");
			}
		}
	}
}

int main(void)
{
	test_mem();
	test_str();
	return check_summary("test_string");
}
