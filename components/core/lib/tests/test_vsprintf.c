/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host test for vsprintf.c: fixed cases for what is Tessera's own (%p, NULL
 * strings, unknown conversions), then many random formats compared byte for
 * byte with glibc's snprintf, at every buffer size around the output length.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tessera/testing/check.h>

#define TESSERA_HOST_TEST 1
#define strnlen   tessera_strnlen
#define vsnprintf tessera_vsnprintf
#define snprintf  tessera_snprintf
#define memcpy    tessera_memcpy
#define memmove   tessera_memmove
#define memset    tessera_memset
#define memcmp    tessera_memcmp
#define strlen    tessera_strlen
#define strcmp    tessera_strcmp
#define strncmp   tessera_strncmp
#define strchr    tessera_strchr
#define strlcpy   tessera_strlcpy
#include "../string.c"
#include "../vsprintf.c"
#undef strnlen
#undef vsnprintf
#undef snprintf
#undef memcpy
#undef memmove
#undef memset
#undef memcmp
#undef strlen
#undef strcmp
#undef strncmp
#undef strchr
#undef strlcpy

static void expect(const char *want, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = tessera_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	CHECKF(n == (int)strlen(want) && strcmp(buf, want) == 0,
	       "format \"%s\": got \"%s\" (%d), want \"%s\"", fmt, buf, n, want);
}

static void fixed_cases(void)
{
	char buf[8];
	int n;

	printf("fixed cases: %%p, NULL %%s, %%%%, unknown conversions, size 0\n");
	expect("0x0000000000000000", "%p", (void *)0);
	expect("0x00000000deadbeef", "%p", (void *)0xdeadbeefUL);
	expect("0xffffffff80001000", "%p", (void *)0xffffffff80001000UL);
	expect("[0x0000000000000010    ]", "[%-22p]", (void *)16);
	expect("[    0x0000000000000010]", "[%22p]", (void *)16);
	expect("(null)", "%s", (char *)NULL);
	expect("(nu", "%.3s", (char *)NULL);
	expect("  (null)", "%8s", (char *)NULL);
	expect("100%", "%d%%", 100);
	expect("%y", "%y");
	expect("a%5yb", "a%5yb");
	expect("end%", "end%");
	expect("-9223372036854775808", "%lld", LLONG_MIN);
	expect("18446744073709551615", "%llu", ULLONG_MAX);
	expect("ffffffffffffffff", "%zx", (size_t)-1);
	expect("-1", "%zd", (size_t)-1);
	expect("-5", "%td", (ptrdiff_t)-5);

	n = tessera_snprintf(NULL, 0, "hello %d", 42);
	CHECKF(n == 8, "size 0 returns the full length, got %d", n);
	memset(buf, 'x', sizeof(buf));
	n = tessera_snprintf(buf, 1, "hello");
	CHECKF(n == 5 && buf[0] == '\0' && buf[1] == 'x', "size 1 stores only the NUL");
	n = tessera_snprintf(buf, 4, "hello");
	CHECKF(n == 5 && strcmp(buf, "hel") == 0 && buf[4] == 'x', "truncation at 4");
}

/*
 * Widths and precisions beyond FORMAT_FIELD_MAX are clamped to it: a `%*`
 * width of INT_MIN (whose negation overflows), digits that overflow an int,
 * and a precision so large that sign + prefix + digits overflow. Each was
 * undefined behaviour, which UBSan (-fno-sanitize-recover) turns into a
 * failed test. Only lengths are checked (size 0, nothing stored) and then
 * the start of the output.
 */
static void huge_fields(void)
{
	char buf[8];
	int n;

	printf("huge widths and precisions are clamped to %d\n", FORMAT_FIELD_MAX);
	n = tessera_snprintf(NULL, 0, "%*d", INT_MIN, 7);
	CHECKF(n == FORMAT_FIELD_MAX, "%%*d with INT_MIN: got %d", n);
	n = tessera_snprintf(buf, sizeof(buf), "%*d", INT_MIN, 7);
	CHECKF(strcmp(buf, "7      ") == 0, "INT_MIN width left-justifies: \"%s\"", buf);
	n = tessera_snprintf(NULL, 0, "%*d", -5, 7);
	CHECKF(n == 5, "%%*d with -5: got %d", n);
	n = tessera_snprintf(NULL, 0, "%*d", INT_MAX, 7);
	CHECKF(n == FORMAT_FIELD_MAX, "%%*d with INT_MAX: got %d", n);
	n = tessera_snprintf(buf, sizeof(buf), "%99999999999999999999d", 7);
	CHECKF(n == FORMAT_FIELD_MAX && strcmp(buf, "       ") == 0,
	       "width of 20 digits: got %d \"%s\"", n, buf);
	n = tessera_snprintf(NULL, 0, "%-4294967297s|", "ab");
	CHECKF(n == FORMAT_FIELD_MAX + 1, "width 2^32+1: got %d", n);
	n = tessera_snprintf(buf, sizeof(buf), "%.99999999999999999999d", 7);
	CHECKF(n == FORMAT_FIELD_MAX && strcmp(buf, "0000000") == 0,
	       "precision of 20 digits: got %d \"%s\"", n, buf);
	n = tessera_snprintf(NULL, 0, "%+#.*x", INT_MAX, 1);
	CHECKF(n == FORMAT_FIELD_MAX + 2, "%%+#.*x with INT_MAX: got %d", n);
	n = tessera_snprintf(NULL, 0, "%+.*d", INT_MAX, 1);
	CHECKF(n == FORMAT_FIELD_MAX + 1, "%%+.*d with INT_MAX: got %d", n);
	n = tessera_snprintf(buf, sizeof(buf), "%.*s", INT_MAX, "abc");
	CHECKF(n == 3 && strcmp(buf, "abc") == 0, "%%.*s with INT_MAX: got %d", n);
}

static unsigned long long rnd_value(void)
{
	static const unsigned long long edges[] = {
		0, 1, 7, 8, 9, 10, 15, 16, 127, 128, 255, 256, 32767, 32768,
		65535, 65536, INT_MAX, (unsigned int)INT_MIN, UINT_MAX,
		LLONG_MAX, (unsigned long long)LLONG_MIN, ULLONG_MAX,
		(unsigned long long)-1, (unsigned long long)-128,
	};

	switch (rng_below(3)) {
	case 0:
		return edges[rng_below(sizeof(edges) / sizeof(edges[0]))];
	case 1:
		return rng_u64() >> rng_below(64);
	default:
		return -(rng_u64() >> rng_below(64));
	}
}

/* Calls fn with the star arguments the format needs, then the value. */
#define CALL(fn, buf, size, fmt, nstar, a0, a1, v)                        \
	((nstar) == 0 ? fn(buf, size, fmt, v) :                           \
	 (nstar) == 1 ? fn(buf, size, fmt, a0, v) :                       \
			fn(buf, size, fmt, a0, a1, v))

static void compare_one(const char *fmt, char conv, const char *lenmod,
			int nstar, int a0, int a1, unsigned long long v,
			const char *s)
{
	char want[512], got[520];
	int nw = 0, ng, size, bad = 0;

#define BOTH(value)                                                       \
	do {                                                              \
		nw = CALL(snprintf, want, sizeof(want), fmt, nstar, a0, a1, value); \
		for (size = 0; size <= nw + 2 && !bad; size++) {          \
			memset(got, 'Z', sizeof(got));                    \
			ng = CALL(tessera_snprintf, size ? got : NULL,    \
				  (size_t)size, fmt, nstar, a0, a1, value); \
			if (ng != nw)                                     \
				bad = 1;                                  \
			else if (size && (strncmp(got, want, size - 1) || \
					  got[(size - 1 < nw) ? size - 1 : nw] != '\0')) \
				bad = 1;                                  \
			else if (got[size] != 'Z' && size < nw + 1)      \
				bad = 1;                                  \
		}                                                         \
	} while (0)

	if (conv == 's') {
		BOTH(s);
	} else if (conv == 'c') {
		BOTH((int)(unsigned char)(v % 94 + 33));
	} else if (conv == 'd' || conv == 'i') {
		if (!strcmp(lenmod, "hh")) BOTH((int)(signed char)v);
		else if (!strcmp(lenmod, "h")) BOTH((int)(short)v);
		else if (!strcmp(lenmod, "l")) BOTH((long)v);
		else if (!strcmp(lenmod, "ll")) BOTH((long long)v);
		else if (!strcmp(lenmod, "j")) BOTH((intmax_t)v);
		else if (!strcmp(lenmod, "z")) BOTH((ssize_t)v);
		else if (!strcmp(lenmod, "t")) BOTH((ptrdiff_t)v);
		else BOTH((int)v);
	} else {
		if (!strcmp(lenmod, "hh")) BOTH((unsigned int)(unsigned char)v);
		else if (!strcmp(lenmod, "h")) BOTH((unsigned int)(unsigned short)v);
		else if (!strcmp(lenmod, "l")) BOTH((unsigned long)v);
		else if (!strcmp(lenmod, "ll")) BOTH((unsigned long long)v);
		else if (!strcmp(lenmod, "j")) BOTH((uintmax_t)v);
		else if (!strcmp(lenmod, "z")) BOTH((size_t)v);
		else if (!strcmp(lenmod, "t")) BOTH((ptrdiff_t)v);
		else BOTH((unsigned int)v);
	}
#undef BOTH

	if (bad)        /* the whole of tessera's output, for the report */
		CALL(tessera_snprintf, got, sizeof(got), fmt, nstar, a0, a1, v);
	CHECKF(!bad, "format \"%s\" (stars %d %d, value 0x%llx): "
	       "glibc \"%s\" (%d), tessera \"%s\"",
	       fmt, a0, a1, v, want, nw, got);
}

static void random_cases(unsigned int rounds)
{
	static const char convs[] = "diuxXocs";
	static const char *const lens[] = { "", "hh", "h", "l", "ll", "j", "z", "t" };
	static const char *const strs[] = { "", "a", "hello", "tessera kernel", "0123456789abcdef" };
	unsigned int i;

	printf("random formats against glibc snprintf: %u rounds\n", rounds);
	rng_seed(0x9e3779b97f4a7c15ULL);
	for (i = 0; i < rounds; i++) {
		char fmt[64], *p = fmt;
		char conv = convs[rng_below(sizeof(convs) - 1)];
		const char *lenmod = "";
		bool is_int = conv != 'c' && conv != 's';
		int nstar = 0, a[2] = { 0, 0 };
		unsigned int f;

		p += sprintf(p, "%s", rng_below(2) ? "<" : "");
		*p++ = '%';
		/* '#' and '0' are undefined for some conversions: avoid those. */
		for (f = 0; f < 5; f++) {
			if (!rng_below(3))
				continue;
			if (f == 0) *p++ = '-';
			if (f == 1) *p++ = '+';
			if (f == 2) *p++ = ' ';
			if (f == 3 && (conv == 'x' || conv == 'X' || conv == 'o')) *p++ = '#';
			if (f == 4 && is_int) *p++ = '0';
		}
		switch (rng_below(3)) {
		case 1:
			p += sprintf(p, "%u", rng_below(30));
			break;
		case 2:
			*p++ = '*';
			a[nstar++] = (int)rng_below(50) - 25;
			break;
		}
		if (conv != 'c') {
			switch (rng_below(4)) {
			case 1:
				p += sprintf(p, ".%u", rng_below(25));
				break;
			case 2:
				*p++ = '.';
				break;
			case 3:
				p += sprintf(p, ".*");
				a[nstar++] = (int)rng_below(40) - 10;
				break;
			}
		}
		if (is_int)
			lenmod = lens[rng_below(8)];
		p += sprintf(p, "%s%c%s", lenmod, conv, rng_below(2) ? ">" : "");
		*p = '\0';

		compare_one(fmt, conv, lenmod, nstar, a[0], a[1], rnd_value(),
			    strs[rng_below(5)]);
	}
}

int main(void)
{
	fixed_cases();
	huge_fields();
	random_cases(200000);
	return check_summary("test_vsprintf");
}
