/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fair scheduling, CFS in spirit: every entity accumulates virtual runtime,
 * its CPU time scaled by NICE_0_WEIGHT / weight, and the entity with the
 * least virtual runtime runs next. Over a run each CPU-bound entity thus
 * gets CPU time in proportion to its weight.
 *
 * The queue is a list kept sorted by vruntime (equal keys in FIFO order):
 * O(n) insertion, which is fine for the handful of kernel threads of today;
 * an rbtree replaces it without changing the interface.
 *
 * min_vruntime only moves forward and follows the least vruntime of the
 * queue and the running entity. Placement keeps sleepers honest: a woken
 * entity's vruntime is raised to at least min_vruntime - sleeper_credit, so
 * a long sleep buys at most sleeper_credit of catch-up, not a monopoly; a
 * new entity starts at min_vruntime.
 */
#include <tessera/compiler.h>
#include <tessera/sched_policy.h>

void fair_sched_rq_init(struct sched_rq *rq);
void fair_enqueue_entity(struct sched_rq *rq, struct sched_entity *se, int flags);
void fair_dequeue_entity(struct sched_rq *rq, struct sched_entity *se);
struct sched_entity *fair_pick_next_entity(struct sched_rq *rq);
void fair_put_prev_entity(struct sched_rq *rq, struct sched_entity *se);
void fair_update_curr(struct sched_rq *rq, struct sched_entity *curr, u64 delta);
bool fair_entity_tick(struct sched_rq *rq, struct sched_entity *curr);
bool fair_check_preempt_wakeup(struct sched_rq *rq, struct sched_entity *curr,
			       struct sched_entity *se);
void fair_yield_entity(struct sched_rq *rq, struct sched_entity *curr);
void fair_set_entity_nice(struct sched_entity *se, int nice);
const char *fair_sched_policy_name(void);

void fair_sched_rq_init(struct sched_rq *rq)
{
	INIT_LIST_HEAD(&rq->queue);
	rq->nr_queued = 0;
	rq->min_vruntime = 0;
	rq->sleeper_credit = 0;
	rq->rr_slice_ticks = 0;
	rq->skip = NULL;
}

static struct sched_entity *leftmost(struct sched_rq *rq)
{
	if (list_empty(&rq->queue))
		return NULL;
	return list_first_entry(&rq->queue, struct sched_entity, run_node);
}

/* Signed difference: vruntimes may wrap after a very long run. */
static inline bool vruntime_before(u64 a, u64 b)
{
	return (s64)(a - b) < 0;
}

static void update_min_vruntime(struct sched_rq *rq, struct sched_entity *curr)
{
	struct sched_entity *first = leftmost(rq);
	u64 v;

	if (curr)
		v = curr->vruntime;
	else if (first)
		v = first->vruntime;
	else
		return;
	if (first && vruntime_before(first->vruntime, v))
		v = first->vruntime;
	if (vruntime_before(rq->min_vruntime, v))
		rq->min_vruntime = v;
}

static void insert_sorted(struct sched_rq *rq, struct sched_entity *se)
{
	struct list_head *pos;

	/* Walk from the back: a re-queued entity is usually the largest. */
	for (pos = rq->queue.prev; pos != &rq->queue; pos = pos->prev) {
		struct sched_entity *other = list_entry(pos, struct sched_entity, run_node);

		if (!vruntime_before(se->vruntime, other->vruntime))
			break;
	}
	/* After pos: behind every entity with a vruntime <= ours. */
	list_add(&se->run_node, pos);
	se->queued = true;
	rq->nr_queued++;
}

void fair_enqueue_entity(struct sched_rq *rq, struct sched_entity *se, int flags)
{
	if (flags & ENQUEUE_INITIAL) {
		se->vruntime = rq->min_vruntime;
	} else if (flags & ENQUEUE_WAKEUP) {
		u64 floor = rq->min_vruntime - rq->sleeper_credit;

		if (rq->min_vruntime < rq->sleeper_credit)
			floor = 0;
		if (vruntime_before(se->vruntime, floor))
			se->vruntime = floor;
	}
	insert_sorted(rq, se);
}

void fair_dequeue_entity(struct sched_rq *rq, struct sched_entity *se)
{
	if (!se->queued)
		return;
	list_del(&se->run_node);
	se->queued = false;
	rq->nr_queued--;
	if (rq->skip == se)
		rq->skip = NULL;
}

struct sched_entity *fair_pick_next_entity(struct sched_rq *rq)
{
	struct sched_entity *se = leftmost(rq);

	if (!se)
		return NULL;
	/* A yield: the yielder goes after one other entity, if there is one. */
	if (se == rq->skip && se->run_node.next != &rq->queue)
		se = list_entry(se->run_node.next, struct sched_entity, run_node);
	rq->skip = NULL;
	fair_dequeue_entity(rq, se);
	update_min_vruntime(rq, se);
	return se;
}

void fair_put_prev_entity(struct sched_rq *rq, struct sched_entity *se)
{
	insert_sorted(rq, se);
}

void fair_update_curr(struct sched_rq *rq, struct sched_entity *curr, u64 delta)
{
	/*
	 * calc_delta_fair(): delta * NICE_0_WEIGHT / weight. The remainder is
	 * carried to the next update, or a heavy entity (whose step is a few
	 * units) would gain up to a unit per update: 4% at nice -20.
	 * delta < 2^50 keeps the product exact.
	 */
	u64 scaled = delta * NICE_0_WEIGHT + curr->vruntime_rem;

	curr->vruntime += scaled / curr->weight;
	curr->vruntime_rem = scaled % curr->weight;
	curr->sum_exec_runtime += delta;
	update_min_vruntime(rq, curr);
}

/* Switch at the tick when someone waiting is now behind the running entity. */
bool fair_entity_tick(struct sched_rq *rq, struct sched_entity *curr)
{
	struct sched_entity *first = leftmost(rq);

	return first && vruntime_before(first->vruntime, curr->vruntime);
}

bool fair_check_preempt_wakeup(struct sched_rq *rq, struct sched_entity *curr,
			       struct sched_entity *se)
{
	(void)rq;
	return vruntime_before(se->vruntime, curr->vruntime);
}

void fair_yield_entity(struct sched_rq *rq, struct sched_entity *curr)
{
	rq->skip = curr;
}

void fair_set_entity_nice(struct sched_entity *se, int nice)
{
	if (nice < MIN_NICE)
		nice = MIN_NICE;
	if (nice > MAX_NICE)
		nice = MAX_NICE;
	se->nice = nice;
	se->weight = sched_prio_to_weight[nice - MIN_NICE];
}

const char *fair_sched_policy_name(void)
{
	return "fair";
}
