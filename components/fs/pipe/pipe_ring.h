/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The byte ring under a pipe, pure (no locks, no user memory):
 * free-running head (bytes written) and tail (bytes read) over a buffer of
 * a power-of-two size. Readers and writers copy through contiguous spans
 * (a copy from user memory may stop short: only what was copied is
 * committed). pipe_write_room() is the PIPE_BUF rule: a write of at most
 * PIPE_BUF bytes goes in whole or waits; a larger one takes what fits.
 * tests/test_pipe_ring.c runs this on the host.
 */
#ifndef PIPE_RING_H
#define PIPE_RING_H

#include <tessera/types.h>

#define PIPE_BUF 4096                   /* POSIX atomic write size (Linux's) */

struct pipe_ring {
	unsigned char *buf;
	size_t size;                        /* a power of two */
	size_t head, tail;                  /* free-running */
};

static inline size_t pipe_ring_used(const struct pipe_ring *r)
{
	return r->head - r->tail;
}

static inline size_t pipe_ring_free(const struct pipe_ring *r)
{
	return r->size - pipe_ring_used(r);
}

/* The contiguous free area at the head: its address, its length. */
static inline size_t pipe_ring_write_span(const struct pipe_ring *r, unsigned char **p)
{
	size_t off = r->head & (r->size - 1);
	size_t len = r->size - off;
	size_t room = pipe_ring_free(r);

	*p = r->buf + off;
	return len < room ? len : room;
}

static inline void pipe_ring_commit_write(struct pipe_ring *r, size_t n)
{
	r->head += n;
}

/* The contiguous data at the tail. */
static inline size_t pipe_ring_read_span(const struct pipe_ring *r, unsigned char **p)
{
	size_t off = r->tail & (r->size - 1);
	size_t len = r->size - off;
	size_t used = pipe_ring_used(r);

	*p = r->buf + off;
	return len < used ? len : used;
}

static inline void pipe_ring_consume(struct pipe_ring *r, size_t n)
{
	r->tail += n;
}

/*
 * How many of the @left bytes of a write may go in now: 0 means wait (or
 * -EAGAIN with O_NONBLOCK). @total is the write's whole size: when it is at
 * most PIPE_BUF the bytes go in together or not at all.
 */
static inline size_t pipe_write_room(const struct pipe_ring *r, size_t left, size_t total)
{
	size_t room = pipe_ring_free(r);

	if (total <= PIPE_BUF)
		return room >= left ? left : 0;
	return room < left ? room : left;
}

#endif
