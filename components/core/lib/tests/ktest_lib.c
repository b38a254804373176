/* SPDX-License-Identifier: Apache-2.0 */
/*
 * In-kernel checks of lib, built with the kernel's flags and compiler: the
 * host tests cover the logic, these cover what the target build changes
 * (va_list layout, long width, word-at-a-time copies on the real CPU).
 */
#include <tessera/ktest.h>
#include <interfaces/ktest.h>
#include <interfaces/lib.h>

static void format_integers(struct ktest *test)
{
	char buf[64];

	KTEST_EXPECT_EQ(test, snprintf(buf, sizeof(buf), "%d|%5d|%-5d|%05d", -42, 7, 7, -7), 21);
	KTEST_EXPECT_STREQ(test, buf, "-42|    7|7    |-0007");
	snprintf(buf, sizeof(buf), "%x %X %#x %#o %o", 0xbeefU, 0xbeefU, 255U, 8U, 0U);
	KTEST_EXPECT_STREQ(test, buf, "beef BEEF 0xff 010 0");
	snprintf(buf, sizeof(buf), "%lld %llu", (long long)-9223372036854775807LL - 1,
		 18446744073709551615ULL);
	KTEST_EXPECT_STREQ(test, buf, "-9223372036854775808 18446744073709551615");
	snprintf(buf, sizeof(buf), "%zu %zd %hhd %hu %+d % d", (size_t)12, (size_t)-1,
		 300, 70000, 5, 5);
	KTEST_EXPECT_STREQ(test, buf, "12 -1 44 4464 +5  5");
	snprintf(buf, sizeof(buf), "%*d|%-*d|%.*d", 4, 1, 4, 2, 3, 3);
	KTEST_EXPECT_STREQ(test, buf, "   1|2   |003");
}

static void format_strings_and_pointers(struct ktest *test)
{
	/* volatile: keeps GCC's -Wformat-truncation from judging the NULL. */
	const char *volatile null_str = NULL;
	char buf[64];

	snprintf(buf, sizeof(buf), "%s|%6s|%-6s|%.2s|%c%%", "ab", "ab", "ab", "abc", 'z');
	KTEST_EXPECT_STREQ(test, buf, "ab|    ab|ab    |ab|z%");
	snprintf(buf, sizeof(buf), "%s", null_str);
	KTEST_EXPECT_STREQ(test, buf, "(null)");
	snprintf(buf, sizeof(buf), "%p", (void *)0x1234UL);
	KTEST_EXPECT_EQ(test, strlen(buf), 2 + 2 * sizeof(void *));
	KTEST_EXPECT_EQ(test, strncmp(buf, "0x", 2), 0);
}

static void format_truncation(struct ktest *test)
{
	/* volatile: truncating is the point, so hide it from -Wformat-truncation. */
	const char *volatile long_str = "truncated";
	char buf[8];

	memset(buf, 'X', sizeof(buf));
	KTEST_EXPECT_EQ(test, snprintf(buf, 5, "%s", long_str), 9);
	KTEST_EXPECT_STREQ(test, buf, "trun");
	KTEST_EXPECT_EQ(test, buf[5], 'X');
	KTEST_EXPECT_EQ(test, snprintf(NULL, 0, "%d", 12345), 5);
}

static void strings(struct ktest *test)
{
	char buf[16];

	KTEST_EXPECT_EQ(test, strlen("tessera"), 7);
	KTEST_EXPECT_EQ(test, strnlen("tessera", 3), 3);
	KTEST_EXPECT(test, strcmp("abc", "abd") < 0);
	KTEST_EXPECT(test, strcmp("\x80", "a") > 0);
	KTEST_EXPECT_EQ(test, strncmp("abcx", "abcy", 3), 0);
	KTEST_EXPECT(test, strchr("hello", 'l') != NULL && *strchr("hello", 'l') == 'l');
	KTEST_EXPECT(test, strchr("hello", 'z') == NULL);
	KTEST_EXPECT_EQ(test, strlcpy(buf, "a longer string", 6), 15);
	KTEST_EXPECT_STREQ(test, buf, "a lon");
}

static void memory(struct ktest *test)
{
	unsigned long words[8];
	char *b = (char *)words;
	unsigned int i;

	memset(words, 0xa5, sizeof(words));
	for (i = 0; i < sizeof(words); i++)
		KTEST_ASSERT(test, (unsigned char)b[i] == 0xa5);
	for (i = 0; i < sizeof(words); i++)
		b[i] = (char)i;
	memmove(b + 3, b, 40);		/* overlapping, forwards */
	KTEST_EXPECT_EQ(test, b[3], 0);
	KTEST_EXPECT_EQ(test, b[42], 39);
	memmove(b, b + 3, 40);		/* overlapping, backwards */
	KTEST_EXPECT_EQ(test, b[39], 39);
	memcpy(b + 1, "xyz", 3);
	KTEST_EXPECT_EQ(test, memcmp(b + 1, "xyz", 3), 0);
	KTEST_EXPECT(test, memcmp("a", "b", 1) < 0);
}

static void bitmaps(struct ktest *test)
{
	unsigned long map[BITS_TO_LONGS(200)] = { 0 };

	bitmap_set(map, 60, 10);
	KTEST_EXPECT_EQ(test, bitmap_weight(map, 200), 10);
	KTEST_EXPECT_EQ(test, find_next_bit(map, 200, 0), 60);
	KTEST_EXPECT_EQ(test, find_next_zero_bit(map, 200, 60), 70);
	bitmap_clear(map, 62, 3);
	KTEST_EXPECT_EQ(test, bitmap_weight(map, 200), 7);
	KTEST_EXPECT_EQ(test, find_next_zero_bit(map, 200, 60), 62);
	KTEST_EXPECT_EQ(test, find_next_bit(map, 200, 70), 200);
	bitmap_set(map, 0, 200);
	KTEST_EXPECT_EQ(test, find_next_zero_bit(map, 200, 0), 200);
	KTEST_EXPECT_EQ(test, bitmap_weight(map, 130), 130);
	KTEST_EXPECT(test, test_bit(199, map));
}

KTEST_SUITE(lib,
	KTEST_CASE(format_integers),
	KTEST_CASE(format_strings_and_pointers),
	KTEST_CASE(format_truncation),
	KTEST_CASE(strings),
	KTEST_CASE(memory),
	KTEST_CASE(bitmaps),
);
