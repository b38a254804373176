/* SPDX-License-Identifier: Apache-2.0 */
/*
 * KTAP version 1 output for Tessera's user-space tests, the shape Linux
 * KUnit prints (and tools/ktap.py parses).
 *
 * A test program is one suite: a table of cases, each a function returning
 * KT_PASS, KT_FAIL or KT_SKIP. Run by itself it prints a whole document:
 *
 *   KTAP version 1
 *   1..1
 *       KTAP version 1
 *       # Subtest: proc
 *       1..12
 *       ok 1 fork_returns_twice
 *       ...
 *   ok 1 proc
 *
 * Run by tessera-init (environment TESSERA_KTAP_NESTED=1) it prints only the
 * indented suite; init prints the header and the suite's result line from the
 * exit status (0: every case passed or was skipped).
 *
 * Cases keep going after a failed expectation (KT_EXPECT*), so one run shows
 * every difference from Linux; each is a "# file:line: ..." diagnostic.
 */
#ifndef TESSERA_USER_KTAP_H
#define TESSERA_USER_KTAP_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KT_PASS 0
#define KT_FAIL 1
#define KT_SKIP 2

struct kt_case {
	const char *name;
	int (*fn)(void);
};

static int kt_nested;
static int kt_case_failed;        /* set by KT_EXPECT* in the running case */
static char kt_skip_reason[160];

static const char *kt_indent(void)
{
	return "    ";
}

static const char *kt_ename(int e)
{
	const char *n = e ? strerrorname_np(e) : "0";

	return n ? n : "?";
}

static void kt_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void kt_diag(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printf("%s# %s\n", kt_indent(), buf);
}

static int kt_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int kt_skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(kt_skip_reason, sizeof(kt_skip_reason), fmt, ap);
	va_end(ap);
	return KT_SKIP;
}

#define KT_FAILED() (kt_case_failed ? KT_FAIL : KT_PASS)

#define KT_EXPECT(cond) do {                                              \
	if (!(cond)) {                                                    \
		kt_diag("%s:%d: expected %s", __FILE__, __LINE__, #cond); \
		kt_case_failed = 1;                                       \
	}                                                                 \
} while (0)

/* Must hold for the rest of the case to make sense. */
#define KT_ASSERT(cond) do {                                              \
	if (!(cond)) {                                                    \
		kt_diag("%s:%d: expected %s (errno %d %s)", __FILE__,     \
			__LINE__, #cond, errno, strerror(errno));         \
		return KT_FAIL;                                           \
	}                                                                 \
} while (0)

#define KT_EXPECT_EQ(a, b) do {                                           \
	long long kt_a_ = (long long)(a), kt_b_ = (long long)(b);         \
	if (kt_a_ != kt_b_) {                                             \
		kt_diag("%s:%d: %s == %s: got %lld, expected %lld",       \
			__FILE__, __LINE__, #a, #b, kt_a_, kt_b_);        \
		kt_case_failed = 1;                                       \
	}                                                                 \
} while (0)

/* The call returns -1 with errno `err`: the value Linux gives (the reference). */
#define KT_EXPECT_ERRNO(call, err) do {                                   \
	errno = 0;                                                        \
	long kt_r_ = (long)(call);                                        \
	int kt_e_ = errno;                                                \
	if (kt_r_ != -1 || kt_e_ != (err)) {                              \
		kt_diag("%s:%d: %s: got %ld errno %d (%s), Linux gives "  \
			"-1 errno %d (%s)", __FILE__, __LINE__, #call,    \
			kt_r_, kt_e_, kt_r_ == -1 ? kt_ename(kt_e_) : "-",  \
			(int)(err), kt_ename(err));                \
		kt_case_failed = 1;                                       \
	}                                                                 \
} while (0)

/* Linux versions differ: either errno is Linux's answer (the diagnostic names both). */
#define KT_EXPECT_ERRNO2(call, err1, err2) do {                           \
	errno = 0;                                                        \
	long kt_r_ = (long)(call);                                        \
	int kt_e_ = errno;                                                \
	if (kt_r_ != -1 || (kt_e_ != (err1) && kt_e_ != (err2))) {        \
		kt_diag("%s:%d: %s: got %ld errno %d (%s), Linux gives "  \
			"-1 errno %s or %s", __FILE__, __LINE__, #call,   \
			kt_r_, kt_e_, kt_r_ == -1 ? kt_ename(kt_e_) : "-", \
			kt_ename(err1), kt_ename(err2));                  \
		kt_case_failed = 1;                                       \
	}                                                                 \
} while (0)

/* The call succeeds (does not return -1). */
#define KT_EXPECT_OK(call) do {                                           \
	errno = 0;                                                        \
	long kt_r_ = (long)(call);                                        \
	if (kt_r_ == -1) {                                                \
		kt_diag("%s:%d: %s failed: errno %d (%s)", __FILE__,      \
			__LINE__, #call, errno, kt_ename(errno));  \
		kt_case_failed = 1;                                       \
	}                                                                 \
} while (0)

static int kt_run(const char *suite, const struct kt_case *cases, size_t n)
{
	const char *in;
	size_t i;
	int failed = 0, passed = 0, skipped = 0;

	setvbuf(stdout, NULL, _IONBF, 0);   /* nothing buffered across fork() */
	kt_nested = getenv("TESSERA_KTAP_NESTED") != NULL;
	if (!kt_nested)
		printf("KTAP version 1\n1..1\n");
	in = kt_indent();
	printf("%sKTAP version 1\n%s# Subtest: %s\n%s1..%zu\n", in, in, suite, in, n);
	for (i = 0; i < n; i++) {
		int r;

		kt_case_failed = 0;
		kt_skip_reason[0] = 0;
		r = cases[i].fn();
		if (r == KT_PASS && kt_case_failed)
			r = KT_FAIL;
		if (r == KT_SKIP) {
			printf("%sok %zu %s # SKIP %s\n", in, i + 1, cases[i].name, kt_skip_reason);
			skipped++;
		} else if (r == KT_PASS) {
			printf("%sok %zu %s\n", in, i + 1, cases[i].name);
			passed++;
		} else {
			printf("%snot ok %zu %s\n", in, i + 1, cases[i].name);
			failed++;
		}
	}
	printf("%s# %s: pass:%d fail:%d skip:%d total:%zu\n", in, suite, passed, failed, skipped, n);
	if (!kt_nested)
		printf("%sok 1 %s\n", failed ? "not " : "", suite);
	return failed ? 1 : 0;
}

#define KT_CASE(fn) { #fn, fn }
#define KT_RUN(suite, table) kt_run(suite, table, sizeof(table) / sizeof(table[0]))

#endif
