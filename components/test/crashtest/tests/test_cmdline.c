/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host test of crashtest's command-line handling (crashtest.c, compiled
 * natively against stubs of arch_boot_info, printk and panic):
 *
 * - crashtest_parse() on command lines with the parameter among other
 *   words, at the start, at the end, between runs of spaces; a word that
 *   merely contains it (xcrashtest=ud, crashtestx=ud) is not it; an empty
 *   value, an unknown value, and values a kind is a prefix of or that are
 *   a prefix of a kind (udx, u, panicky) are unknown; the first
 *   crashtest= word decides. Each command line is a heap copy of its exact
 *   size, so ASan catches a read past its end.
 * - crashtest_init(): nothing to do without the parameter; an unknown kind
 *   is reported (KERN_ERR, the value quoted) and fails with -EINVAL,
 *   without triggering anything; crashtest=panic reaches panic("crashtest").
 *   The other kinds really trap, so only the boot tests run them.
 *
 * Built natively with ASan/UBSan:
 * cc -I include -I components/test/crashtest tests/test_cmdline.c
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tessera/testing/check.h>
#include <tessera/boot.h>

/* The operations crashtest.c calls, as the generated headers declare them. */
const struct boot_info *arch_boot_info(void);
int printk(const char *fmt, ...);
_Noreturn void panic(const char *fmt, ...);
int crashtest_init(void);

#define TESSERA_HOST_TEST 1
#include "../crashtest.c"

/* ---- stubs ------------------------------------------------------------------------ */

static struct boot_info boot;
static char out[1024];
static size_t out_len;
static char panic_msg[256];
static unsigned int panic_calls;
static bool panic_armed;	/* panicked is set: a panic is expected */
static jmp_buf panicked;

const struct boot_info *arch_boot_info(void)
{
	return &boot;
}

/* Keeps the level: "<0>triggering ..." for KERN_EMERG. */
int printk(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (!CHECK(n >= 2 && (size_t)n < sizeof(line) && line[0] == KERN_SOH[0]))
		return 0;
	out_len += (size_t)snprintf(out + out_len, sizeof(out) - out_len, "<%c>%s",
				    line[1], line + 2);
	CHECK(out_len < sizeof(out));
	return n - 2;
}

_Noreturn void panic(const char *fmt, ...)
{
	va_list ap;

	panic_calls++;
	va_start(ap, fmt);
	vsnprintf(panic_msg, sizeof(panic_msg), fmt, ap);
	va_end(ap);
	/* A broken parser may trigger where nothing should: report, do not jump. */
	if (!CHECKF(panic_armed, "unexpected panic(\"%s\")", panic_msg))
		exit(check_summary("test_cmdline"));
	longjmp(panicked, 1);
}

/* ---- crashtest_parse() ------------------------------------------------------------- */

struct parse_case {
	const char *cmdline;
	const char *kind;	/* the kind's name, or "NONE" / "UNKNOWN" */
	int value_at;		/* where *value must point (offset), -1 when unset */
	size_t len;		/* *len, when value_at >= 0 */
};

static const struct parse_case parse_cases[] = {
	/* Absent. */
	{ "",                                   "NONE",      -1, 0 },
	{ "     ",                              "NONE",      -1, 0 },
	{ "console=ttyS0 quiet",                "NONE",      -1, 0 },
	{ "crashtest",                          "NONE",      -1, 0 },
	{ "crashtest ud",                       "NONE",      -1, 0 },
	{ "xcrashtest=ud",                      "NONE",      -1, 0 },
	{ "crashtestx=ud",                      "NONE",      -1, 0 },
	{ "crashtest:ud",                       "NONE",      -1, 0 },
	{ "foo=crashtest=ud",                   "NONE",      -1, 0 },
	/* Every kind, alone and among other words. */
	{ "crashtest=ud",                       "ud",        10, 2 },
	{ "crashtest=pagefault",                "pagefault", 10, 9 },
	{ "crashtest=panic",                    "panic",     10, 5 },
	{ "crashtest=stack",                    "stack",     10, 5 },
	{ "console=ttyS0 crashtest=ud quiet",   "ud",        24, 2 },
	{ "crashtest=panic root=/dev/vda",      "panic",     10, 5 },
	{ "a b crashtest=stack",                "stack",     14, 5 },
	{ "   crashtest=pagefault   ",          "pagefault", 13, 9 },
	{ "xcrashtest=ud crashtest=panic",      "panic",     24, 5 },
	{ "crashtestx=ud crashtest=stack",      "stack",     24, 5 },
	/* The first crashtest= word decides. */
	{ "crashtest=ud crashtest=panic",       "ud",        10, 2 },
	{ "crashtest=bogus crashtest=ud",       "UNKNOWN",   10, 5 },
	/* Empty, unknown, and prefix confusions: whole names only. */
	{ "crashtest=",                         "UNKNOWN",   10, 0 },
	{ "quiet crashtest=",                   "UNKNOWN",   16, 0 },
	{ "crashtest= ud",                      "UNKNOWN",   10, 0 },
	{ "crashtest=bogus",                    "UNKNOWN",   10, 5 },
	{ "crashtest=udx",                      "UNKNOWN",   10, 3 },
	{ "crashtest=u",                        "UNKNOWN",   10, 1 },
	{ "crashtest=pan",                      "UNKNOWN",   10, 3 },
	{ "crashtest=panicky quiet",            "UNKNOWN",   10, 7 },
	{ "crashtest=stackpagefault",           "UNKNOWN",   10, 14 },
	{ "crashtest=UD",                       "UNKNOWN",   10, 2 },
	{ "crashtest=ud=1",                     "UNKNOWN",   10, 4 },
	{ "crashtest==ud",                      "UNKNOWN",   10, 3 },
};

static const char *result_name(int r)
{
	if (r == CRASHTEST_NONE)
		return "NONE";
	if (r == CRASHTEST_UNKNOWN)
		return "UNKNOWN";
	if (r >= 0 && (size_t)r < ARRAY_SIZE(crashtest_kinds))
		return crashtest_kinds[r].name;
	return "(out of range)";
}

static void test_parse(void)
{
	size_t i;

	printf("crashtest_parse: %zu command lines\n", ARRAY_SIZE(parse_cases));
	for (i = 0; i < ARRAY_SIZE(parse_cases); i++) {
		const struct parse_case *c = &parse_cases[i];
		/* Exactly as long as the string: reading past its NUL is caught. */
		char *cmdline = strdup(c->cmdline);
		const char *value = NULL;
		size_t len = 12345;
		int r;

		if (!CHECK(cmdline != NULL))
			return;
		check_context("cmdline \"%s\"", c->cmdline);
		r = crashtest_parse(cmdline, &value, &len);
		CHECKF(!strcmp(result_name(r), c->kind), "returned %d (%s), want %s",
		       r, result_name(r), c->kind);
		if (c->value_at < 0) {
			CHECKF(value == NULL && len == 12345, "value or len set without a value");
		} else {
			CHECKF(value == cmdline + c->value_at, "value at offset %td, want %d",
			       value ? value - cmdline : -1, c->value_at);
			CHECKF(len == c->len, "len %zu, want %zu", len, c->len);
		}
		free(cmdline);
	}
	check_context("%s", "");
}

/* ---- crashtest_init() --------------------------------------------------------------- */

static int init_with(const char *cmdline)
{
	snprintf(boot.cmdline, sizeof(boot.cmdline), "%s", cmdline);
	out_len = 0;
	out[0] = '\0';
	panic_calls = 0;
	panic_msg[0] = '\0';
	return crashtest_init();
}

static void expect_out(const char *what, const char *want)
{
	CHECKF(!strcmp(out, want), "%s: printed \"%s\", want \"%s\"", what, out, want);
}

static void test_init(void)
{
	int ret;

	printf("crashtest_init: absent, unknown, empty, panic\n");
	ret = init_with("console=ttyS0 xcrashtest=panic");
	CHECKF(ret == 0, "without the parameter: returned %d", ret);
	expect_out("absent", "");
	CHECK(panic_calls == 0);

	ret = init_with("quiet crashtest=udx");
	CHECKF(ret == -EINVAL, "unknown kind: returned %d, want -EINVAL", ret);
	expect_out("unknown", "<3>crashtest: unknown kind 'udx' (ud, pagefault, panic, stack, overflow, overflow-thread, write-text, exec-heap, user-read)\n");
	CHECK(panic_calls == 0);

	ret = init_with("crashtest= quiet");
	CHECKF(ret == -EINVAL, "empty kind: returned %d, want -EINVAL", ret);
	expect_out("empty", "<3>crashtest: unknown kind '' (ud, pagefault, panic, stack, overflow, overflow-thread, write-text, exec-heap, user-read)\n");

	panic_armed = true;
	if (!setjmp(panicked)) {
		ret = init_with("console=ttyS0 crashtest=panic");
		CHECKF(0, "crashtest=panic returned %d instead of panicking", ret);
	}
	panic_armed = false;
	CHECK(panic_calls == 1);
	CHECKF(!strcmp(panic_msg, "crashtest"), "panic message \"%s\"", panic_msg);
	expect_out("panic", "<0>crashtest: triggering 'panic'\n");
}

int main(void)
{
	test_parse();
	test_init();
	return check_summary("test_cmdline");
}
