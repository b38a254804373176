/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The C string and memory functions. The compiler emits calls to memcpy,
 * memmove, memset and memcmp on its own (struct copies, zeroing), so these
 * are built with -fno-tree-loop-distribute-patterns (see component.toml):
 * otherwise GCC would turn the loops below back into calls to themselves.
 */
#include <tessera/types.h>
#ifndef TESSERA_HOST_TEST
#include <interfaces/lib.h>
#endif

/* Word-sized accesses to byte buffers must not fall foul of strict aliasing. */
typedef unsigned long __attribute__((__may_alias__)) word_t;

#define WORD_SIZE sizeof(word_t)
#define WORD_ALIGNED(p) (((uintptr_t)(p) & (WORD_SIZE - 1)) == 0)

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	/* Pages and structs are mostly aligned: copy them a word at a time. */
	if (WORD_ALIGNED(d) && WORD_ALIGNED(s)) {
		for (; n >= WORD_SIZE; n -= WORD_SIZE) {
			*(word_t *)d = *(const word_t *)s;
			d += WORD_SIZE;
			s += WORD_SIZE;
		}
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	/* Copying forwards is safe unless dst starts inside src. */
	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	if (WORD_ALIGNED(d)) {
		word_t w = (unsigned char)c;

		w |= w << 8;
		w |= w << 16;
		w |= (w << 16) << 16;	/* no-op, not undefined, on 32-bit longs */
		/*
		 * Eight words per iteration: clearing or filling whole pages
		 * is the common large case, and under an emulator the loop's
		 * own instructions cost as much as the stores.
		 */
		for (; n >= 8 * WORD_SIZE; n -= 8 * WORD_SIZE) {
			((word_t *)d)[0] = w;
			((word_t *)d)[1] = w;
			((word_t *)d)[2] = w;
			((word_t *)d)[3] = w;
			((word_t *)d)[4] = w;
			((word_t *)d)[5] = w;
			((word_t *)d)[6] = w;
			((word_t *)d)[7] = w;
			d += 8 * WORD_SIZE;
		}
		for (; n >= WORD_SIZE; n -= WORD_SIZE) {
			*(word_t *)d = w;
			d += WORD_SIZE;
		}
	}
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n; n--, p++, q++) {
		if (*p != *q)
			return *p - *q;
	}
	return 0;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	/* Compare as unsigned char, as the C standard requires. */
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	/* The terminator counts as part of the string: strchr(s, 0) finds it. */
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

/*
 * BSD strlcpy: always terminates (when size > 0) and returns strlen(src), so
 * the caller detects truncation with a single comparison against size.
 */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}
