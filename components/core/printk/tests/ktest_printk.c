/* SPDX-License-Identifier: Apache-2.0 */
/*
 * printk's contract with its callers: the return value, level filtering and
 * truncation. Every line printed here starts with "    # " so that it reads
 * as a KTAP diagnostic in the middle of the test output.
 */
#include <autoconf.h>
#include <tessera/ktest.h>
#include <interfaces/ktest.h>
#include <interfaces/lib.h>
#include <interfaces/printk.h>
#include "../internal.h"

static void returns_length(struct ktest *test)
{
	KTEST_EXPECT_EQ(test, printk(KERN_EMERG "    # printk: %d%s\n", 42, "x"),
			strlen("    # printk: 42x\n"));
}

/* Every level: printed (and its two prefix bytes not counted) or dropped. */
static void level_filter(struct ktest *test)
{
	char fmt[] = KERN_SOH "0    # printk: level %d\n";
	int level, n;

	for (level = 0; level <= 7; level++) {
		fmt[1] = (char)('0' + level);
		n = printk(fmt, level);
		if (level > CONFIG_PRINTK_CONSOLE_LOGLEVEL)
			KTEST_EXPECT_EQ(test, n, 0);
		else
			KTEST_EXPECT_EQ(test, n, strlen("    # printk: level 0\n"));
	}
}

static void truncation(struct ktest *test)
{
	static char long_arg[2 * PRINTK_LINE_MAX];
	int n;

	memset(long_arg, 'x', sizeof(long_arg) - 1);
	n = printk(KERN_EMERG "    # printk: %s\n", long_arg);
	KTEST_EXPECT_EQ(test, n, PRINTK_LINE_MAX);
}

KTEST_SUITE(printk,
	KTEST_CASE(returns_length),
	KTEST_CASE(level_filter),
	KTEST_CASE(truncation),
);
