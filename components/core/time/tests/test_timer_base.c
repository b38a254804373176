/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host test of the pending-timer list (timer_base.c, built as it is):
 * random adds, deletes, re-arms and clock advances against a reference
 * model, across the jiffies wrap; every due timer comes out once, in
 * (expiry, insertion) order, and none early.
 */
#include <tessera/testing/check.h>
#include "../timer_base.c"

#define NR_TIMERS 64

struct model {
	bool pending;
	unsigned long expires;
	unsigned long seq;        /* insertion order among equal expiry */
};

static struct timer_list timers[NR_TIMERS];
static struct model model[NR_TIMERS];

static void fn(struct timer_list *t)
{
	(void)t;
}

static void run_sequence(u64 seed, unsigned long start)
{
	struct timer_base base;
	unsigned long now = start, seq = 0;
	unsigned int step, i;

	check_context("seed %llu start %#lx", (unsigned long long)seed, start);
	rng_seed(seed);
	timer_base_init(&base, now);
	for (i = 0; i < NR_TIMERS; i++) {
		timers[i].entry.next = timers[i].entry.prev = NULL;
		timers[i].function = fn;
		model[i].pending = false;
	}
	for (step = 0; step < 4000; step++) {
		unsigned int op = rng_below(10), k = rng_below(NR_TIMERS);

		if (op < 5) {           /* add or re-arm */
			unsigned long exp = now + rng_below(40);

			CHECK(timer_base_del(&timers[k]) == model[k].pending);
			timer_base_add(&base, &timers[k], exp);
			model[k] = (struct model){ true, exp, seq++ };
		} else if (op < 7) {    /* delete */
			CHECK(timer_base_del(&timers[k]) == model[k].pending);
			model[k].pending = false;
			CHECK(!timer_base_pending(&timers[k]));
		} else {                /* advance and run */
			struct timer_list *t;
			long last_exp = -1;
			unsigned long last_seq = 0;
			bool first = true;

			now += rng_below(5);
			while ((t = timer_base_next_due(&base, now))) {
				unsigned int id = (unsigned int)(t - timers);
				unsigned long rel = model[id].expires - start;

				if (!CHECK(model[id].pending))
					return;
				CHECKF(time_after_eq(now, model[id].expires),
				       "timer %u fired early", id);
				/* Order: by expiry, ties by insertion. */
				if (!first)
					CHECK((long)rel > last_exp ||
					      ((long)rel == last_exp && model[id].seq > last_seq));
				first = false;
				last_exp = (long)rel;
				last_seq = model[id].seq;
				model[id].pending = false;
			}
			/* Nothing due is left behind. */
			for (i = 0; i < NR_TIMERS; i++)
				if (model[i].pending)
					CHECKF(time_after(model[i].expires, now),
					       "timer %u due but not run", i);
		}
	}
}

int main(void)
{
	u64 seed;

	for (seed = 1; seed <= 50; seed++) {
		run_sequence(seed, 0);
		/* Across the wrap of unsigned long jiffies. */
		run_sequence(seed, (unsigned long)-100);
	}
	return check_summary("timer_base");
}
