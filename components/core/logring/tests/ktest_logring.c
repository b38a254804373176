/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The ring as a console: a line printed through printk must arrive, whole
 * and last, in the ring. (Wraparound is covered exhaustively by the host
 * test; here the boot log is not overwritten.)
 */
#include <tessera/ktest.h>
#include <interfaces/ktest.h>
#include <interfaces/lib.h>
#include <interfaces/log_ring.h>
#include <interfaces/printk.h>

#define MARKER "    # logring: marker-xyz\n"

static void printk_reaches_ring(struct ktest *test)
{
	char tail[sizeof(MARKER)] = { 0 };
	size_t before = log_ring_total();
	int n = printk(KERN_EMERG MARKER);

	KTEST_ASSERT(test, n == (int)strlen(MARKER));
	KTEST_EXPECT_EQ(test, log_ring_total() - before, n);
	KTEST_EXPECT_EQ(test, log_ring_copy(tail, strlen(MARKER)), strlen(MARKER));
	KTEST_EXPECT_STREQ(test, tail, MARKER);
}

static void copy_is_bounded(struct ktest *test)
{
	char buf[8];

	memset(buf, 'Z', sizeof(buf));
	/* The boot log is longer than 4 bytes by now: exactly 4 come back. */
	KTEST_EXPECT_EQ(test, log_ring_copy(buf, 4), 4);
	KTEST_EXPECT_EQ(test, buf[4], 'Z');
	KTEST_EXPECT_EQ(test, log_ring_copy(buf, 0), 0);
}

KTEST_SUITE(logring,
	KTEST_CASE(printk_reaches_ring),
	KTEST_CASE(copy_is_bounded),
);
