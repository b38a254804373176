// SPDX-License-Identifier: Apache-2.0
/*
 * Fairness of sched-fair, on the tick simulation of the core
 * (include/tessera/testing/sched_sim.h). Stated bounds:
 *
 *   - CPU-bound tasks of any nice mix: over 200,000 ticks each task's CPU
 *     time is within 1% (or 2 ticks, for a tiny share) of its weight share;
 *   - no starvation: a runnable task never waits longer than
 *     2 * total weight / its weight ticks (the others run about one tick
 *     each per turn, scaled by weight);
 *   - a sleeper is not over-credited: after a sleep of 5,000 ticks it runs
 *     no longer in one stretch than sleeper_credit / tick + 2 ticks, and
 *     over the next 3,000 ticks gets at most its share plus the credit;
 *   - tasks that sleep half the time still get all the CPU they ask for
 *     when their demand is below their share;
 *   - random mixes (seeded): every runnable task runs, the queue is sorted,
 *     min_vruntime never goes back.
 *
 * Built natively with ASan/UBSan: cc -I include test_fair.c
 */
#include <string.h>

#include "../fair.c"
#include "../weights.c"

#define SIM_POLICY fair
#include <tessera/testing/sched_sim.h>

static struct sim sim;

static void check_weight_shares(const int *nices, unsigned int n)
{
	unsigned long total_weight = 0, total_ticks = 0;
	unsigned int i;

	sim_init(&sim, 3 * SIM_TICK);
	for (i = 0; i < n; i++) {
		sim_add(&sim, nices[i], 0, 0);
		total_weight += sched_prio_to_weight[nices[i] + 20];
	}
	sim_run(&sim, 1000);
	sim_reset_stats(&sim);
	sim_run(&sim, 200000);
	for (i = 0; i < n; i++)
		total_ticks += sim.task[i].ticks;
	CHECK(total_ticks == 200000);
	for (i = 0; i < n; i++) {
		unsigned long w = sched_prio_to_weight[nices[i] + 20];
		double share = (double)sim.task[i].ticks / (double)total_ticks;
		double want = (double)w / (double)total_weight;
		unsigned long starve = 2 * total_weight / w + 2;

		check_context("task %u nice %d of %u", i, nices[i], n);
		double expect = want * (double)total_ticks;
		double slack = expect / 100 > 2 ? expect / 100 : 2;

		CHECKF((double)sim.task[i].ticks > expect - slack &&
		       (double)sim.task[i].ticks < expect + slack,
		       "share %.5f, weight share %.5f (%lu ticks, want %.1f)", share, want,
		       sim.task[i].ticks, expect);
		CHECKF(sim.task[i].max_wait <= starve, "waited %lu ticks, bound %lu",
		       sim.task[i].max_wait, starve);
	}
	check_context("%s", "");
}

static void weight_shares(void)
{
	static const int equal[] = { 0, 0, 0, 0 };
	static const int mixed[] = { 0, 5, -5, 10 };
	static const int steps[] = { 0, 1 };
	static const int wide[] = { -20, 19, 0 };

	check_weight_shares(equal, 4);
	check_weight_shares(mixed, 4);
	check_weight_shares(steps, 2);
	check_weight_shares(wide, 3);
}

static void sleeper_not_over_credited(void)
{
	const u64 credit = 3 * SIM_TICK;
	struct sim_task *sleeper;
	unsigned long limit;

	sim_init(&sim, credit);
	sim_add(&sim, 0, 0, 0);
	sim_add(&sim, 0, 0, 0);
	sleeper = sim_add(&sim, 0, 0, 0);
	sim_run(&sim, 100);
	/* Put it to sleep the next time it runs. */
	while (sim.curr != sleeper && sim.now < 100000)
		sim_tick(&sim);
	if (!CHECKF(sim.curr == sleeper, "the third task never ran"))
		return;
	sim_sleep_curr(&sim, 5000);
	sim_switch(&sim);
	sim_run(&sim, 5000);
	sim_reset_stats(&sim);
	sim_run(&sim, 3000);
	CHECKF(sleeper->max_stretch <= credit / SIM_TICK + 2,
	       "ran %lu ticks in a row after its sleep", sleeper->max_stretch);
	limit = 3000 / 3 + credit / SIM_TICK + 2;
	CHECKF(sleeper->ticks <= limit, "got %lu of 3000 ticks after its sleep (bound %lu)",
	       sleeper->ticks, limit);
	CHECKF(sleeper->ticks >= 3000 / 3 - 2, "got only %lu of 3000 ticks", sleeper->ticks);
}

static void light_sleepers_get_their_demand(void)
{
	unsigned int i;

	/* Two hogs, two tasks that run 1 tick and sleep 3: demand 1/4 < share 1/4+. */
	sim_init(&sim, 3 * SIM_TICK);
	sim_add(&sim, 0, 0, 0);
	sim_add(&sim, 0, 0, 0);
	sim_add(&sim, 0, 1, 3);
	sim_add(&sim, 0, 1, 3);
	sim_run(&sim, 1000);
	sim_reset_stats(&sim);
	sim_run(&sim, 40000);
	for (i = 2; i < 4; i++) {
		check_context("light task %u", i);
		/* Each wake-up costs one tick of waiting at most: 1 run per 5 ticks. */
		CHECKF(sim.task[i].ticks >= 40000 / 5 - 10, "got %lu ticks", sim.task[i].ticks);
	}
	check_context("%s", "");
	CHECKF(sim.task[0].ticks + sim.task[1].ticks + sim.task[2].ticks + sim.task[3].ticks == 40000,
	       "the CPU idled %lu ticks with hogs runnable", sim.idle);
	CHECKF(sim.task[0].ticks > sim.task[1].ticks * 99 / 100 &&
	       sim.task[1].ticks > sim.task[0].ticks * 99 / 100,
	       "hogs unequal: %lu vs %lu", sim.task[0].ticks, sim.task[1].ticks);
}

static void queue_sorted(void)
{
	struct sched_entity *se;
	u64 last = 0;
	bool first = true;

	list_for_each_entry(se, &sim.rq.queue, run_node) {
		if (!first && !CHECKF(se->vruntime >= last, "queue out of order"))
			return;
		last = se->vruntime;
		first = false;
	}
}

static void random_mixes(void)
{
	unsigned int round;

	for (round = 0; round < 50; round++) {
		unsigned int i, n = 2 + rng_below(SIM_MAX_TASKS - 1);
		u64 min_v = 0;
		unsigned long step;

		check_context("round %u", round);
		sim_init(&sim, rng_below(10) * SIM_TICK);
		for (i = 0; i < n; i++) {
			bool hog = rng_below(2);

			sim_add(&sim, (int)rng_below(NICE_WIDTH) + MIN_NICE,
				hog ? 0 : 1 + rng_below(5), 1 + rng_below(20));
		}
		for (step = 0; step < 20000; step++) {
			sim_tick(&sim);
			CHECK(sim.rq.min_vruntime >= min_v);
			min_v = sim.rq.min_vruntime;
			if (step % 1000 == 0)
				queue_sorted();
		}
		for (i = 0; i < n; i++)
			CHECKF(sim.task[i].ticks > 0, "task %u never ran", i);
	}
	check_context("%s", "");
}

static void yield_lets_the_other_run(void)
{
	struct sim_task *a, *b;

	sim_init(&sim, 0);
	a = sim_add(&sim, 0, 0, 0);
	b = sim_add(&sim, 0, 0, 0);
	sim_switch(&sim);
	CHECK(sim.curr == a);
	/* a has run less than b would after a tick: without the skip it runs on. */
	fair_yield_entity(&sim.rq, &a->se);
	sim_switch(&sim);
	CHECK(sim.curr == b);
}

int main(void)
{
	rng_seed(0x5eedfa1full);
	weight_shares();
	sleeper_not_over_credited();
	light_sleepers_get_their_demand();
	random_mixes();
	yield_lets_the_other_run();
	return check_summary("sched-fair");
}
