/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A byte ring that keeps the most recent `size` bytes written to it. Pure
 * logic with no locking, so the host test checks the very same code; the
 * includer supplies memcpy (lib in the kernel, libc on the host).
 *
 * Only the running total is stored: the write position is total % size, and
 * min(total, size) bytes are valid. A 64-bit total never wraps in practice.
 */
#ifndef LOGRING_RING_H
#define LOGRING_RING_H

#include <tessera/types.h>

struct ring {
	char *buf;
	size_t size;
	size_t total;	/* bytes ever written */
};

#define RING_INIT(b, s) { .buf = (b), .size = (s), .total = 0 }

static inline size_t ring_stored(const struct ring *r)
{
	return r->total < r->size ? r->total : r->size;
}

static inline void ring_write(struct ring *r, const char *src, size_t len)
{
	size_t pos, chunk;

	/* Only the last `size` bytes can survive; skip the rest outright. */
	if (len > r->size) {
		r->total += len - r->size;
		src += len - r->size;
		len = r->size;
	}
	pos = r->total % r->size;
	chunk = r->size - pos < len ? r->size - pos : len;
	memcpy(r->buf + pos, src, chunk);
	memcpy(r->buf, src + chunk, len - chunk);
	r->total += len;
}

/* Copies the most recent min(len, stored) bytes, oldest first. */
static inline size_t ring_copy(const struct ring *r, char *dst, size_t len)
{
	size_t n = ring_stored(r), start, chunk;

	if (len < n)
		n = len;
	start = (r->total - n) % r->size;
	chunk = r->size - start < n ? r->size - start : n;
	memcpy(dst, r->buf + start, chunk);
	memcpy(dst + chunk, r->buf, n - chunk);
	return n;
}

#endif
