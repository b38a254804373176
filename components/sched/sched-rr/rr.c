/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Round-robin: one FIFO of runnable entities. The running one keeps the CPU
 * for rr_slice_ticks ticks (or until it sleeps or yields), then goes to the
 * back of the queue. Nice is recorded but does not change the share: every
 * runnable entity gets an equal turn. A woken entity joins the back: it
 * preempts nobody, so a sleeper can never gain more than its turn.
 */
#include <tessera/sched_policy.h>

void rr_sched_rq_init(struct sched_rq *rq);
void rr_enqueue_entity(struct sched_rq *rq, struct sched_entity *se, int flags);
void rr_dequeue_entity(struct sched_rq *rq, struct sched_entity *se);
struct sched_entity *rr_pick_next_entity(struct sched_rq *rq);
void rr_put_prev_entity(struct sched_rq *rq, struct sched_entity *se);
void rr_update_curr(struct sched_rq *rq, struct sched_entity *curr, u64 delta);
bool rr_entity_tick(struct sched_rq *rq, struct sched_entity *curr);
bool rr_check_preempt_wakeup(struct sched_rq *rq, struct sched_entity *curr,
			     struct sched_entity *se);
void rr_yield_entity(struct sched_rq *rq, struct sched_entity *curr);
void rr_set_entity_nice(struct sched_entity *se, int nice);
const char *rr_sched_policy_name(void);

/* Linux's RR_TIMESLICE is 100 ms; at a 100 Hz tick that is 10 ticks. */
#define RR_DEFAULT_SLICE_TICKS 10

void rr_sched_rq_init(struct sched_rq *rq)
{
	INIT_LIST_HEAD(&rq->queue);
	rq->nr_queued = 0;
	rq->min_vruntime = 0;
	rq->sleeper_credit = 0;
	rq->rr_slice_ticks = RR_DEFAULT_SLICE_TICKS;
	rq->skip = NULL;
}

void rr_enqueue_entity(struct sched_rq *rq, struct sched_entity *se, int flags)
{
	(void)flags;
	se->slice_ticks = 0;
	list_add_tail(&se->run_node, &rq->queue);
	se->queued = true;
	rq->nr_queued++;
}

void rr_dequeue_entity(struct sched_rq *rq, struct sched_entity *se)
{
	if (!se->queued)
		return;
	list_del(&se->run_node);
	se->queued = false;
	rq->nr_queued--;
}

struct sched_entity *rr_pick_next_entity(struct sched_rq *rq)
{
	struct sched_entity *se;

	if (list_empty(&rq->queue))
		return NULL;
	se = list_first_entry(&rq->queue, struct sched_entity, run_node);
	rr_dequeue_entity(rq, se);
	return se;
}

/* Back of the queue: whether its slice ran out, it yielded or was preempted. */
void rr_put_prev_entity(struct sched_rq *rq, struct sched_entity *se)
{
	list_add_tail(&se->run_node, &rq->queue);
	se->queued = true;
	rq->nr_queued++;
	if (se->slice_ticks >= rq->rr_slice_ticks)
		se->slice_ticks = 0;
}

void rr_update_curr(struct sched_rq *rq, struct sched_entity *curr, u64 delta)
{
	(void)rq;
	curr->sum_exec_runtime += delta;
}

bool rr_entity_tick(struct sched_rq *rq, struct sched_entity *curr)
{
	if (++curr->slice_ticks < rq->rr_slice_ticks)
		return false;
	/* Alone: a new slice, no switch. */
	if (!rq->nr_queued) {
		curr->slice_ticks = 0;
		return false;
	}
	return true;
}

bool rr_check_preempt_wakeup(struct sched_rq *rq, struct sched_entity *curr,
			     struct sched_entity *se)
{
	(void)rq, (void)curr, (void)se;
	return false;
}

/* The turn ends now; put_prev_entity() starts the next one afresh. */
void rr_yield_entity(struct sched_rq *rq, struct sched_entity *curr)
{
	curr->slice_ticks = rq->rr_slice_ticks;
}

void rr_set_entity_nice(struct sched_entity *se, int nice)
{
	se->nice = nice;
	se->weight = NICE_0_WEIGHT;
}

const char *rr_sched_policy_name(void)
{
	return "rr";
}
