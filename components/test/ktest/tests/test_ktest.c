/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host test of the KTAP runner (ktest.c): the runner is compiled natively
 * against a printk that captures every line, over suite tables of this
 * file's own, and its whole output is compared line by line with the KTAP
 * document it must print: version lines, plans, four-space indentation of a
 * suite's lines, `# Subtest:`, result numbering, diagnostics before the
 * result line they explain, a failing case making its suite `not ok`, an
 * empty suite as plan 1..0 and `# SKIP`, the summary comment. The return
 * value of ktest_run_all() must be the number of failed cases.
 *
 * The host libc's vsnprintf stands in for lib's (both are C99's); printk is
 * defined here. Built natively with ASan/UBSan:
 * cc -I include -I components/test/ktest tests/test_ktest.c
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <tessera/testing/check.h>

/*
 * The generated table is `extern const` in tessera/ktest.h. To run the
 * runner over several tables, its two names become expressions through
 * pointers this test can change: the declarations in ktest.h then declare
 * those pointers, and the runner's `ktest_suites[i]` reads the current
 * table.
 */
#define ktest_suites    (*cur_suites)
#define nr_ktest_suites (*cur_nr_suites)
#include <tessera/ktest.h>
#include <tessera/printk.h>

/* The operations ktest.c calls and provides, as the generated headers declare them. */
int printk(const char *fmt, ...);
void ktest_fail(struct ktest *test, const char *file, int line, const char *fmt, ...);
unsigned int ktest_run_all(void);

#define TESSERA_HOST_TEST 1
#include "../ktest.c"

/* ---- printk: every call must be one whole KERN_INFO line -------------------------- */

static char out[16384];
static size_t out_len;
static unsigned int printk_calls;

int printk(const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int n;

	printk_calls++;
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (!CHECKF(n >= 0 && (size_t)n < sizeof(line), "printk line of %d bytes", n))
		return 0;
	/* The runner's lines are info, never another level or none. */
	CHECKF(!strncmp(line, KERN_INFO, 2), "printk call %u without KERN_INFO: \"%s\"",
	       printk_calls, line);
	if (!strncmp(line, KERN_SOH, 1) && line[1])
		memmove(line, line + 2, strlen(line + 2) + 1);
	/* One line per call: a console never sees half a KTAP line. */
	CHECKF(n >= 3 && line[strlen(line) - 1] == '\n' && strchr(line, '\n') == line + strlen(line) - 1,
	       "printk call %u is not exactly one line: \"%s\"", printk_calls, line);
	if (CHECK(out_len + strlen(line) < sizeof(out))) {
		memcpy(out + out_len, line, strlen(line) + 1);
		out_len += strlen(line);
	}
	return (int)strlen(line);
}

static void capture_reset(void)
{
	out_len = 0;
	out[0] = '\0';
	printk_calls = 0;
}

/*
 * The captured output must be exactly @want, @n lines (without their
 * newlines). Reports the first line that differs, then the whole output.
 */
static void expect_lines(const char *what, const char *const *want, size_t n)
{
	const char *p = out;
	size_t i;

	for (i = 0; i < n; i++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (!CHECKF(nl && len == strlen(want[i]) && !memcmp(p, want[i], len),
			    "%s: line %zu is \"%.*s\", want \"%s\"", what, i + 1,
			    (int)len, p, want[i]))
			goto dump;
		p = nl + 1;
	}
	if (CHECKF(*p == '\0', "%s: %zu lines expected, more follow: \"%s\"", what, n, p))
		return;
dump:
	fprintf(stderr, "--- %s: the runner printed ---\n%s--- end ---\n", what, out);
}

/* ---- the suites ------------------------------------------------------------------- */

static unsigned int runs_alpha_first, runs_alpha_second;
static int line_diag1, line_diag2, line_assert;
static bool after_assert_ran;
static const char *seen_name;
static unsigned int seen_failures = ~0u;
static char long_msg[400];

static void alpha_first(struct ktest *t)
{
	/* Each case starts with a fresh struct ktest of its own name. */
	seen_name = t->name;
	seen_failures = t->failures;
	runs_alpha_first++;
	KTEST_EXPECT_EQ(t, 2 + 2, 4);
}

static void alpha_second(struct ktest *t)
{
	runs_alpha_second++;
	KTEST_EXPECT_STREQ(t, "same", "same");
}

KTEST_SUITE(alpha,
	KTEST_CASE(alpha_first),
	KTEST_CASE(alpha_second),
);

static void beta_passes(struct ktest *t)
{
	KTEST_EXPECT(t, t->failures == 0);
}

static void beta_two_diagnostics(struct ktest *t)
{
	int three = 3;

	line_diag1 = __LINE__ + 1;
	KTEST_EXPECT_EQ(t, 1 + 1, three);
	line_diag2 = __LINE__ + 1;
	KTEST_EXPECT_STREQ(t, "left", "right");
}

static void beta_assert_stops(struct ktest *t)
{
	line_assert = __LINE__ + 1;
	KTEST_ASSERT(t, t->name == NULL);
	after_assert_ran = true;
}

static void beta_long_diagnostic(struct ktest *t)
{
	memset(long_msg, 'm', sizeof(long_msg) - 1);
	ktest_fail(t, "long.c", 7, "%s", long_msg);
}

KTEST_SUITE(beta,
	KTEST_CASE(beta_passes),
	KTEST_CASE(beta_two_diagnostics),
	KTEST_CASE(beta_assert_stops),
	KTEST_CASE(beta_long_diagnostic),
);

/* No cases at all (GNU C's empty initializer): what the runner makes of it. */
KTEST_SUITE(empty);

static void omega_after_failures(struct ktest *t)
{
	KTEST_EXPECT_NE(t, 1, 2);
}

KTEST_SUITE(omega, KTEST_CASE(omega_after_failures));

/* ---- the tables and the documents they must give ---------------------------------- */

/* What ktest.h declared extern through the macros above. */
const struct ktest_suite *const (*cur_suites)[];
const unsigned int *cur_nr_suites;

static const struct ktest_suite *const table_all[] = {
	&ktest_suite_alpha, &ktest_suite_beta, &ktest_suite_empty, &ktest_suite_omega, NULL,
};
static const unsigned int nr_all = 4;

static const struct ktest_suite *const table_passing[] = { &ktest_suite_alpha, NULL };
static const unsigned int nr_passing = 1;

static const struct ktest_suite *const table_none[] = { NULL };
static const unsigned int nr_none = 0;

static unsigned int run(const struct ktest_suite *const (*table)[], const unsigned int *nr)
{
	cur_suites = table;
	cur_nr_suites = nr;
	capture_reset();
	return ktest_run_all();
}

static void test_mixed_document(void)
{
	char diag1[256], diag2[256], diag3[256], diag4[512];
	unsigned int failed;

	printf("ktest: four suites, one failing, one empty\n");
	failed = run(&table_all, &nr_all);
	snprintf(diag1, sizeof(diag1), "    # %s:%d: expected 1 + 1 == three (2 != 3)",
		 __FILE__, line_diag1);
	snprintf(diag2, sizeof(diag2),
		 "    # %s:%d: expected \"left\" == \"right\" (\"left\" != \"right\")",
		 __FILE__, line_diag2);
	snprintf(diag3, sizeof(diag3), "    # %s:%d: assertion t->name == NULL failed",
		 __FILE__, line_assert);
	/* A diagnostic is cut at the runner's 256-byte message buffer. */
	snprintf(diag4, sizeof(diag4), "    # long.c:7: %.255s", long_msg);

	const char *const want[] = {
		"KTAP version 1",
		"1..4",
		"    KTAP version 1",
		"    # Subtest: alpha",
		"    1..2",
		"    ok 1 alpha_first",
		"    ok 2 alpha_second",
		"ok 1 alpha",
		"    KTAP version 1",
		"    # Subtest: beta",
		"    1..4",
		"    ok 1 beta_passes",
		diag1,
		diag2,
		"    not ok 2 beta_two_diagnostics",
		diag3,
		"    not ok 3 beta_assert_stops",
		diag4,
		"    not ok 4 beta_long_diagnostic",
		"not ok 2 beta",
		"    KTAP version 1",
		"    # Subtest: empty",
		"    1..0",
		"ok 3 empty # SKIP no test cases",
		"    KTAP version 1",
		"    # Subtest: omega",
		"    1..1",
		"    ok 1 omega_after_failures",
		"ok 4 omega",
		"# ktest: 4 passed, 3 failed",
	};

	expect_lines("mixed", want, sizeof(want) / sizeof(want[0]));
	CHECKF(failed == 3, "ktest_run_all() returned %u, want 3 failed cases", failed);
	CHECK(runs_alpha_first == 1 && runs_alpha_second == 1);
	CHECK(seen_name && !strcmp(seen_name, "alpha_first"));
	CHECK(seen_failures == 0);
	/* KTEST_ASSERT returns from the case. */
	CHECK(!after_assert_ran);
	CHECK(strlen(diag4) == strlen("    # long.c:7: ") + 255);
}

static void test_all_passing(void)
{
	const char *const want[] = {
		"KTAP version 1",
		"1..1",
		"    KTAP version 1",
		"    # Subtest: alpha",
		"    1..2",
		"    ok 1 alpha_first",
		"    ok 2 alpha_second",
		"ok 1 alpha",
		"# ktest: 2 passed, 0 failed",
	};
	unsigned int failed;

	/* A second run counts afresh: nothing carries over from the first. */
	printf("ktest: one passing suite, run again\n");
	failed = run(&table_passing, &nr_passing);
	expect_lines("passing", want, sizeof(want) / sizeof(want[0]));
	CHECKF(failed == 0, "ktest_run_all() returned %u, want 0", failed);
	CHECK(runs_alpha_first == 2 && runs_alpha_second == 2);
}

static void test_no_suites(void)
{
	const char *const want[] = {
		"KTAP version 1",
		"1..0",
		"# ktest: 0 passed, 0 failed",
	};
	unsigned int failed;

	printf("ktest: no suites at all\n");
	failed = run(&table_none, &nr_none);
	expect_lines("none", want, sizeof(want) / sizeof(want[0]));
	CHECKF(failed == 0, "ktest_run_all() returned %u, want 0", failed);
}

int main(void)
{
	test_mixed_document();
	test_all_passing();
	test_no_suites();
	return check_summary("test_ktest");
}
