/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A single-producer (the receive interrupt), single-consumer byte ring.
 * Full: the new byte is dropped and counted (a terminal's typing must not
 * overwrite what the reader has not seen yet). Pure C; the host test
 * builds it as it is. The caller provides the exclusion (interrupts off).
 */
#ifndef CONSOLE_INPUT_QUEUE_H
#define CONSOLE_INPUT_QUEUE_H

#include <tessera/types.h>

#define INPUT_QUEUE_SIZE 256            /* a power of two */

struct input_queue {
	unsigned char buf[INPUT_QUEUE_SIZE];
	unsigned int head, tail;            /* free-running; head - tail = bytes held */
	unsigned long dropped;
};

static inline unsigned int input_queue_len(const struct input_queue *q)
{
	return q->head - q->tail;
}

static inline bool input_queue_push(struct input_queue *q, unsigned char c)
{
	if (input_queue_len(q) == INPUT_QUEUE_SIZE) {
		q->dropped++;
		return false;
	}
	q->buf[q->head++ % INPUT_QUEUE_SIZE] = c;
	return true;
}

/* The oldest byte, or -1 when empty. */
static inline int input_queue_pop(struct input_queue *q)
{
	if (q->head == q->tail)
		return -1;
	return q->buf[q->tail++ % INPUT_QUEUE_SIZE];
}

#endif
