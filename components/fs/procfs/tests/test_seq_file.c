/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host test of the seq_file procfs renders into: growth across the first
 * size, a formatted string longer than the stack buffer, padding to a
 * column, and an allocation failure that marks the snapshot incomplete
 * instead of truncating it silently.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define SEQ_FILE_HOST_TEST
#include "../seq_file.c"

static int allocs_left = -1;    /* -1: unlimited */

void *seq_alloc(size_t size)
{
	if (allocs_left == 0)
		return NULL;
	if (allocs_left > 0)
		allocs_left--;
	return malloc(size);
}

void seq_free(void *ptr)
{
	free(ptr);
}

static void test_growth(void)
{
	struct seq_file m;
	char expect[64];
	int i;

	seq_init(&m);
	for (i = 0; i < 1000; i++)
		seq_printf(&m, "line %d\n", i);
	assert(!m.overflow);
	snprintf(expect, sizeof(expect), "line %d\n", 999);
	assert(m.count > 1000 * 7);
	assert(!strcmp(m.buf + m.count - strlen(expect), expect));
	assert(!strncmp(m.buf, "line 0\nline 1\n", 14));
	assert(m.buf[m.count] == '\0');
	seq_release_buf(&m);
}

static void test_long_format(void)
{
	struct seq_file m;
	char big[600];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	seq_init(&m);
	seq_puts(&m, "a");
	seq_printf(&m, "<%s>", big);
	assert(m.count == 1 + 2 + strlen(big));
	assert(m.buf[1] == '<' && m.buf[m.count - 1] == '>');
	seq_release_buf(&m);
}

static void test_pad(void)
{
	struct seq_file m;

	seq_init(&m);
	seq_puts(&m, "first line\n0000-1000 r-xp");
	seq_pad_to(&m, 20);
	seq_puts(&m, "/bin/x");
	assert(!strcmp(m.buf, "first line\n0000-1000 r-xp      /bin/x"));
	/* Already past the column: nothing added. */
	seq_pad_to(&m, 3);
	assert(m.buf[m.count - 1] == 'x');
	seq_release_buf(&m);
}

static void test_overflow(void)
{
	struct seq_file m;
	int i;

	seq_init(&m);
	allocs_left = 1;
	for (i = 0; i < 100; i++)
		seq_printf(&m, "%d........\n", i);
	assert(m.overflow);
	assert(m.count < 100 * 11);
	allocs_left = -1;
	seq_release_buf(&m);
}

int main(void)
{
	test_growth();
	test_long_format();
	test_pad();
	test_overflow();
	printf("seq_file: 4 tests passed\n");
	return 0;
}
