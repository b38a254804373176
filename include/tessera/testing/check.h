/* SPDX-License-Identifier: Apache-2.0 */
/*
 * HOST TESTS ONLY (uses libc): never include from kernel code.
 *
 * The checking harness of the host tests (the `htests` of component.toml,
 * each a single translation unit built natively with ASan/UBSan):
 *
 *   CHECK(cond)              counts a check; if @cond is false, reports it
 *                            (file, line, function, the condition) and
 *                            counts a failure
 *   CHECKF(cond, fmt, ...)   the same, but reports with a printf message
 *   check_context(fmt, ...)  what is being tested (a seed, a size), added to
 *                            every failure reported from then on
 *   check_exit_on_failure    set it, and the first failure ends the test:
 *                            for tests whose later steps rely on each check
 *   check_summary(name)      prints the counts; returns main()'s exit status
 *   rng_seed(), rng_u64(), rng_below()
 *                            xorshift64*: a seed gives the same sequence on
 *                            every libc, so a failure reproduces
 *
 * Both check macros are expressions that yield whether the check held, so a
 * test can stop where the rest would be meaningless: if (!CHECK(p)) return;
 * The message arguments of CHECKF are evaluated only when the check fails.
 */
#ifndef TESSERA_TESTING_CHECK_H
#define TESSERA_TESTING_CHECK_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static unsigned long check_count;       /* checks made */
static unsigned long check_failures;    /* of those, failed */
static bool check_exit_on_failure;
static char check_context_desc[128];

__attribute__((__format__(__printf__, 4, 5)))
static inline bool check_failed(const char *file, int line, const char *func,
				const char *fmt, ...)
{
	va_list ap;

	check_failures++;
	fflush(stdout);         /* what the test printed so far comes first */
	fprintf(stderr, "FAIL %s:%d in %s(): ", file, line, func);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (check_context_desc[0])
		fprintf(stderr, " (%s)", check_context_desc);
	fputc('\n', stderr);
	if (check_exit_on_failure)
		exit(EXIT_FAILURE);
	return false;
}

#define CHECKF(cond, ...)                                                     \
	(check_count++, (cond) ? true                                         \
		: check_failed(__FILE__, __LINE__, __func__, __VA_ARGS__))

#define CHECK(cond) CHECKF(cond, "CHECK(%s)", #cond)

__attribute__((__format__(__printf__, 1, 2)))
static inline void check_context(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(check_context_desc, sizeof(check_context_desc), fmt, ap);
	va_end(ap);
}

/* "<name>: N checks, M failures"; EXIT_FAILURE if any check failed. */
static inline int check_summary(const char *name)
{
	printf("%s: %lu checks, %lu failures\n", name, check_count, check_failures);
	return check_failures ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* xorshift64* (Vigna); @seed must not be 0, which would stay 0. */
static uint64_t rng_state;

static inline void rng_seed(uint64_t seed)
{
	rng_state = seed;
}

static inline uint64_t rng_u64(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

/* A number in [0, n): rng_u64() % n, bias and all (n is small). */
static inline unsigned int rng_below(unsigned int n)
{
	return (unsigned int)(rng_u64() % n);
}

#endif
