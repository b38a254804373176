// SPDX-License-Identifier: Apache-2.0
/*
 * Fairness of sched-rr, on the tick simulation of the core
 * (include/tessera/testing/sched_sim.h). Stated bounds:
 *
 *   - CPU-bound tasks, whatever their nice: over 200,000 ticks each gets an
 *     equal share within one time slice;
 *   - no starvation: a runnable task waits at most (n - 1) slices;
 *   - no task runs longer than one slice while others are runnable, and a
 *     sleeper that wakes joins the back (it is not credited for sleeping);
 *   - tasks that sleep get the CPU they ask for, hogs share the rest
 *     equally; random mixes (seeded): every task runs, the queue count is
 *     right.
 *
 * Built natively with ASan/UBSan: cc -I include test_rr.c
 */
#include <string.h>

#include "../rr.c"

#define SIM_POLICY rr
#include <tessera/testing/sched_sim.h>

static struct sim sim;

static void equal_shares(unsigned int n, unsigned int slice)
{
	unsigned int i;

	check_context("%u hogs, slice %u", n, slice);
	sim_init(&sim, 0);
	sim.rq.rr_slice_ticks = slice;
	for (i = 0; i < n; i++)
		sim_add(&sim, (int)(i * 7 % 40) - 20, 0, 0);   /* nice must not matter */
	sim_run(&sim, 200000);
	for (i = 0; i < n; i++) {
		long diff = (long)sim.task[i].ticks - (long)(200000 / n);

		CHECKF(diff <= (long)slice && diff >= -(long)slice,
		       "task %u: %lu ticks, equal share %u", i, sim.task[i].ticks, 200000 / n);
		CHECKF(sim.task[i].max_wait <= (n - 1) * slice, "task %u waited %lu ticks", i,
		       sim.task[i].max_wait);
		CHECKF(sim.task[i].max_stretch <= slice || n == 1, "task %u ran %lu ticks in a row",
		       i, sim.task[i].max_stretch);
	}
	check_context("%s", "");
}

static void sleeper_joins_the_back(void)
{
	struct sim_task *sleeper;

	sim_init(&sim, 0);
	sim.rq.rr_slice_ticks = 4;
	sim_add(&sim, 0, 0, 0);
	sim_add(&sim, 0, 0, 0);
	sleeper = sim_add(&sim, 0, 0, 0);
	while (sim.curr != sleeper && sim.now < 100000)
		sim_tick(&sim);
	if (!CHECKF(sim.curr == sleeper, "the third task never ran"))
		return;
	sim_sleep_curr(&sim, 5000);
	sim_switch(&sim);
	sim_run(&sim, 5000);
	sim_reset_stats(&sim);
	sim_run(&sim, 3000);
	CHECKF(sleeper->max_stretch <= 4, "ran %lu ticks in a row after its sleep",
	       sleeper->max_stretch);
	CHECKF(sleeper->ticks <= 1000 + 4, "got %lu of 3000 ticks", sleeper->ticks);
}

static void light_sleepers(void)
{
	sim_init(&sim, 0);
	sim.rq.rr_slice_ticks = 2;
	sim_add(&sim, 0, 0, 0);
	sim_add(&sim, 0, 0, 0);
	sim_add(&sim, 0, 1, 9);
	sim_run(&sim, 40000);
	/* Asks for 1 tick in 10; waits at most 2 slices after each wake-up. */
	CHECKF(sim.task[2].ticks >= 40000 / 14, "light task got %lu ticks", sim.task[2].ticks);
	CHECK(sim.task[0].ticks + sim.task[1].ticks + sim.task[2].ticks == 40000);
	CHECKF(sim.task[0].ticks + 2 >= sim.task[1].ticks && sim.task[1].ticks + 2 >= sim.task[0].ticks,
	       "hogs unequal: %lu vs %lu", sim.task[0].ticks, sim.task[1].ticks);
}

static void random_mixes(void)
{
	unsigned int round;

	for (round = 0; round < 50; round++) {
		unsigned int i, n = 2 + rng_below(SIM_MAX_TASKS - 1), queued;
		unsigned long step;
		struct sched_entity *se;

		check_context("round %u", round);
		sim_init(&sim, 0);
		sim.rq.rr_slice_ticks = 1 + rng_below(8);
		for (i = 0; i < n; i++)
			sim_add(&sim, 0, rng_below(2) ? 0 : 1 + rng_below(5), 1 + rng_below(20));
		for (step = 0; step < 20000; step++) {
			sim_tick(&sim);
			if (step % 1000)
				continue;
			queued = 0;
			list_for_each_entry(se, &sim.rq.queue, run_node)
				queued++;
			CHECK(queued == sim.rq.nr_queued);
		}
		for (i = 0; i < n; i++)
			CHECKF(sim.task[i].ticks > 0, "task %u never ran", i);
	}
	check_context("%s", "");
}

int main(void)
{
	rng_seed(0x5eed0220ull);
	equal_shares(1, 10);
	equal_shares(3, 10);
	equal_shares(7, 1);
	equal_shares(5, 3);
	sleeper_joins_the_back();
	light_sleepers();
	random_mixes();
	return check_summary("sched-rr");
}
