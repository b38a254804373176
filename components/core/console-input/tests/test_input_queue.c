/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host test of the console input ring: FIFO order across the index wrap,
 * drops (counted) when full, against a reference model under random
 * push/pop sequences.
 */
#include <tessera/testing/check.h>
#include "../input_queue.h"

static void fifo_and_full(void)
{
	struct input_queue q = { 0 };
	unsigned int i;

	CHECK(input_queue_pop(&q) == -1);
	for (i = 0; i < INPUT_QUEUE_SIZE; i++)
		CHECK(input_queue_push(&q, (unsigned char)i));
	CHECK(!input_queue_push(&q, 0xff));
	CHECK(q.dropped == 1);
	for (i = 0; i < INPUT_QUEUE_SIZE; i++)
		CHECK(input_queue_pop(&q) == (int)(i & 0xff));
	CHECK(input_queue_pop(&q) == -1);
}

static void random_against_model(uint64_t seed)
{
	struct input_queue q = { 0 };
	unsigned char model[INPUT_QUEUE_SIZE];
	unsigned int mh = 0, mt = 0, step;
	unsigned long dropped = 0;

	check_context("seed %llu", (unsigned long long)seed);
	rng_seed(seed);
	/* Start near the wrap of the free-running indices. */
	q.head = q.tail = 0u - 300;
	for (step = 0; step < 100000; step++) {
		if (rng_below(100) < 55) {
			unsigned char c = (unsigned char)rng_below(256);
			bool room = mh - mt < INPUT_QUEUE_SIZE;

			CHECK(input_queue_push(&q, c) == room);
			if (room)
				model[mh++ % INPUT_QUEUE_SIZE] = c;
			else
				dropped++;
		} else {
			int want = mh == mt ? -1 : model[mt++ % INPUT_QUEUE_SIZE];

			if (!CHECK(input_queue_pop(&q) == want))
				return;
		}
		CHECK(input_queue_len(&q) == mh - mt);
	}
	CHECK(q.dropped == dropped);
}

int main(void)
{
	uint64_t seed;

	fifo_and_full();
	for (seed = 1; seed <= 20; seed++)
		random_against_model(seed);
	return check_summary("console_input_queue");
}
