/* SPDX-License-Identifier: Apache-2.0 */
#include <stdarg.h>
#include "seq_file.h"
#ifdef SEQ_FILE_HOST_TEST      /* tests/test_seq_file.c builds this file with the host's libc */
#include <stdio.h>
#include <string.h>
#else
#include <interfaces/lib.h>
#endif

#define SEQ_FIRST_SIZE 256

void seq_init(struct seq_file *m)
{
	m->buf = NULL;
	m->size = m->count = 0;
	m->overflow = false;
}

void seq_release_buf(struct seq_file *m)
{
	seq_free(m->buf);
	seq_init(m);
}

/* Room for @need more bytes plus a NUL; false (and overflow set) without memory. */
static bool seq_reserve(struct seq_file *m, size_t need)
{
	size_t size = m->size ? m->size : SEQ_FIRST_SIZE;
	char *buf;

	if (m->overflow)
		return false;
	if (m->count + need + 1 <= m->size)
		return true;
	while (size < m->count + need + 1)
		size *= 2;
	buf = seq_alloc(size);
	if (!buf) {
		m->overflow = true;
		return false;
	}
	if (m->count)
		memcpy(buf, m->buf, m->count);
	seq_free(m->buf);
	m->buf = buf;
	m->size = size;
	return true;
}

void seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (!seq_reserve(m, len))
		return;
	memcpy(m->buf + m->count, data, len);
	m->count += len;
	m->buf[m->count] = '\0';
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

void seq_putc(struct seq_file *m, char c)
{
	seq_write(m, &c, 1);
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list args;
	char small[128];
	int len;

	va_start(args, fmt);
	len = vsnprintf(small, sizeof(small), fmt, args);
	va_end(args);
	if (len < 0)
		return;
	if ((size_t)len < sizeof(small)) {
		seq_write(m, small, (size_t)len);
		return;
	}
	/* Longer than the stack buffer: format again straight into the seq_file. */
	if (!seq_reserve(m, (size_t)len))
		return;
	va_start(args, fmt);
	vsnprintf(m->buf + m->count, (size_t)len + 1, fmt, args);
	va_end(args);
	m->count += (size_t)len;
}

void seq_pad_to(struct seq_file *m, size_t col)
{
	size_t line_start = m->count;

	while (line_start > 0 && m->buf[line_start - 1] != '\n')
		line_start--;
	while (m->count - line_start < col && !m->overflow)
		seq_putc(m, ' ');
}
