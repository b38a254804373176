/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The in-kernel test runner. Output is KTAP version 1 in the shape Linux
 * KUnit prints, one subtest per suite, so tools/ktap.py (and anything that
 * reads KUnit logs) can turn the console into pass/fail:
 *
 *   KTAP version 1
 *   1..2
 *       KTAP version 1
 *       # Subtest: lib
 *       1..2
 *       ok 1 strings
 *       # lib/tests/ktest_lib.c:20: expected ...
 *       not ok 2 bitmaps
 *   not ok 1 lib
 *   ...
 *   # ktest: 3 passed, 1 failed
 *
 * A suite without cases has the plan 1..0 and, as in KUnit, its result is
 * `ok N <name> # SKIP no test cases`: nothing ran, so it neither passed
 * nor failed. tests/test_ktest.c checks this output line by line.
 */
#ifndef TESSERA_HOST_TEST
#include <interfaces/ktest.h>
#include <interfaces/lib.h>
#include <interfaces/printk.h>
#endif

/* A diagnostic longer than this is cut, which is fine for one line. */
#define KTEST_MSG_MAX 256

void ktest_fail(struct ktest *test, const char *file, int line, const char *fmt, ...)
{
	char msg[KTEST_MSG_MAX];
	va_list args;

	va_start(args, fmt);
	vsnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);

	test->failures++;
	/* KTAP diagnostics come before the result line they explain. */
	pr_info("    # %s:%d: %s\n", file, line, msg);
}

/* Runs one suite; returns its number of failed cases. */
static unsigned int ktest_run_suite(const struct ktest_suite *suite,
				    unsigned int nr, unsigned int *passed)
{
	unsigned int i, failed = 0;

	pr_info("    KTAP version 1\n");
	pr_info("    # Subtest: %s\n", suite->name);
	pr_info("    1..%u\n", suite->nr_cases);
	for (i = 0; i < suite->nr_cases; i++) {
		const struct ktest_case *c = &suite->cases[i];
		struct ktest test = { .name = c->name, .failures = 0 };

		c->run(&test);
		if (test.failures) {
			failed++;
			pr_info("    not ok %u %s\n", i + 1, c->name);
		} else {
			(*passed)++;
			pr_info("    ok %u %s\n", i + 1, c->name);
		}
	}
	if (!suite->nr_cases)
		pr_info("ok %u %s # SKIP no test cases\n", nr, suite->name);
	else
		pr_info("%s %u %s\n", failed ? "not ok" : "ok", nr, suite->name);
	return failed;
}

unsigned int ktest_run_all(void)
{
	unsigned int i, passed = 0, failed = 0;

	pr_info("KTAP version 1\n");
	pr_info("1..%u\n", nr_ktest_suites);
	for (i = 0; i < nr_ktest_suites; i++)
		failed += ktest_run_suite(ktest_suites[i], i + 1, &passed);
	pr_info("# ktest: %u passed, %u failed\n", passed, failed);
	return failed;
}
