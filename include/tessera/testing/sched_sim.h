/* SPDX-License-Identifier: Apache-2.0 */
/*
 * HOST TESTS ONLY: a tick-driven simulation of the scheduler core on top of
 * one policy, for the fairness tests of sched-rr and sched-fair.
 *
 * The test #includes the policy's .c file, then defines SIM_POLICY to its
 * prefix (rr, fair) and includes this header. The simulation follows the
 * protocol of <tessera/sched_policy.h> exactly as components/sched/sched
 * does: the running entity is out of the queue, a sleeper leaves, a waker
 * re-enqueues with ENQUEUE_WAKEUP and may preempt, each tick charges
 * SIM_TICK clock units to the running entity and asks the policy whether to
 * switch.
 *
 * A task either runs for ever (CPU-bound: run == 0) or alternates `run`
 * ticks on the CPU with `sleep` ticks asleep. Per task the simulation
 * records CPU ticks, the longest wait while runnable and the longest
 * uninterrupted stretch on the CPU.
 */
#ifndef TESSERA_TESTING_SCHED_SIM_H
#define TESSERA_TESTING_SCHED_SIM_H

#include <tessera/testing/check.h>

#define SIM_CAT_(a, b) a##_##b
#define SIM_CAT(a, b)  SIM_CAT_(a, b)
#define SIM_OP(op)     SIM_CAT(SIM_POLICY, op)

#define SIM_TICK     1000ULL     /* clock units per tick */
#define SIM_MAX_TASKS 16

struct sim_task {
	struct sched_entity se;
	unsigned int run, sleep;        /* pattern; run == 0: CPU-bound */
	bool asleep;
	unsigned long wake_at;
	unsigned int burst;             /* ticks run since the last wake-up */
	unsigned long ticks;            /* CPU ticks, total */
	unsigned long waited, max_wait; /* runnable but not running */
	unsigned long stretch, max_stretch;
	bool started;
};

struct sim {
	struct sched_rq rq;
	struct sim_task task[SIM_MAX_TASKS];
	unsigned int nr;
	struct sim_task *curr;
	unsigned long now, idle;
	bool need_resched;
};

static inline struct sim_task *sim_task_of(struct sched_entity *se)
{
	return se ? (struct sim_task *)((char *)se - offsetof(struct sim_task, se)) : NULL;
}

static inline void sim_init(struct sim *s, u64 sleeper_credit)
{
	memset(s, 0, sizeof(*s));
	SIM_OP(sched_rq_init)(&s->rq);
	s->rq.sleeper_credit = sleeper_credit;
}

/* A new task, runnable at once. */
static inline struct sim_task *sim_add(struct sim *s, int nice, unsigned int run,
				       unsigned int sleep)
{
	struct sim_task *t = &s->task[s->nr++];

	INIT_LIST_HEAD(&t->se.run_node);
	SIM_OP(set_entity_nice)(&t->se, nice);
	t->run = run;
	t->sleep = sleep;
	SIM_OP(enqueue_entity)(&s->rq, &t->se, ENQUEUE_INITIAL);
	return t;
}

/* Put @t to sleep now for @ticks (it must be the running task). */
static inline void sim_sleep_curr(struct sim *s, unsigned long ticks)
{
	struct sim_task *t = s->curr;

	t->asleep = true;
	t->wake_at = s->now + ticks;
	t->burst = 0;
	t->stretch = 0;
	s->curr = NULL;
}

static inline void sim_switch(struct sim *s)
{
	struct sim_task *prev = s->curr, *next;

	if (prev)
		SIM_OP(put_prev_entity)(&s->rq, &prev->se);
	next = sim_task_of(SIM_OP(pick_next_entity)(&s->rq));
	if (prev && next != prev)
		prev->stretch = 0;
	s->curr = next;
	s->need_resched = false;
}

static inline void sim_tick(struct sim *s)
{
	unsigned int i;

	for (i = 0; i < s->nr; i++) {
		struct sim_task *t = &s->task[i];

		if (t->asleep && t->wake_at <= s->now) {
			t->asleep = false;
			SIM_OP(enqueue_entity)(&s->rq, &t->se, ENQUEUE_WAKEUP);
			if (s->curr && SIM_OP(check_preempt_wakeup)(&s->rq, &s->curr->se, &t->se))
				s->need_resched = true;
		}
	}
	if (!s->curr || s->need_resched)
		sim_switch(s);

	for (i = 0; i < s->nr; i++) {
		struct sim_task *t = &s->task[i];

		if (t == s->curr || t->asleep) {
			t->waited = 0;
			continue;
		}
		if (++t->waited > t->max_wait)
			t->max_wait = t->waited;
	}
	s->now++;
	if (!s->curr) {
		s->idle++;
		return;
	}

	/* The tick: charge the running task, then the policy decides. */
	s->curr->ticks++;
	s->curr->burst++;
	if (++s->curr->stretch > s->curr->max_stretch)
		s->curr->max_stretch = s->curr->stretch;
	SIM_OP(update_curr)(&s->rq, &s->curr->se, SIM_TICK);
	if (s->curr->run && s->curr->burst >= s->curr->run)
		sim_sleep_curr(s, s->curr->sleep);
	else if (SIM_OP(entity_tick)(&s->rq, &s->curr->se))
		s->need_resched = true;
}

static inline void sim_run(struct sim *s, unsigned long ticks)
{
	while (ticks--)
		sim_tick(s);
}

/* Zero every task's counters: measure from now on. */
static inline void sim_reset_stats(struct sim *s)
{
	unsigned int i;

	for (i = 0; i < s->nr; i++) {
		s->task[i].ticks = 0;
		s->task[i].max_wait = 0;
		s->task[i].max_stretch = 0;
	}
	s->idle = 0;
}

#endif
