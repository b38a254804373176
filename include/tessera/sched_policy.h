/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What a scheduling policy (the `scheduler` interface: sched-rr, sched-fair)
 * sees of the world: run-queue entities and one run queue. Nothing here
 * knows tasks, CPUs, locks or clocks, so the policies are plain C that the
 * host tests drive through enqueue/dequeue/tick/sleep sequences.
 *
 * The core (components/sched/sched) embeds a struct sched_entity in every
 * task_struct and owns one struct sched_rq per CPU. Rules of the protocol:
 *
 *   - the running entity (curr) is NOT in the policy's queue: the core takes
 *     it out with pick_next_entity() and gives it back with put_prev_entity()
 *     when it stops running while still runnable;
 *   - a sleeping entity is neither queued nor curr; enqueue_entity() with
 *     ENQUEUE_WAKEUP brings it back, ENQUEUE_INITIAL is a new one;
 *   - time is in "clock units" (the core uses arch_read_cycles(): TSC
 *     cycles on x86_64, 10 MHz timer ticks on riscv64 QEMU); policies only
 *     compare and scale them, and the two knobs that need a size in those
 *     units (sleeper_credit, rr_slice_ticks is in ticks) are set by the core.
 */
#ifndef TESSERA_SCHED_POLICY_H
#define TESSERA_SCHED_POLICY_H

#include <tessera/list.h>
#include <tessera/types.h>

#define MAX_NICE      19
#define MIN_NICE      (-20)
#define NICE_WIDTH    40
/* The weight of nice 0; a nice step is ~10% of CPU (weights x1.25 apart). */
#define NICE_0_WEIGHT 1024UL

/* enqueue_entity() flags (Linux's ENQUEUE_*). */
#define ENQUEUE_WAKEUP  0x01    /* back from a sleep */
#define ENQUEUE_INITIAL 0x02    /* a new entity */

struct sched_entity {
	struct list_head run_node;      /* in sched_rq.queue while queued */
	u64 vruntime;                   /* fair: runtime scaled by NICE_0/weight */
	unsigned long vruntime_rem;     /* fair: remainder of that division, carried */
	u64 sum_exec_runtime;           /* clock units run, ever */
	unsigned long weight;           /* from sched_prio_to_weight[nice + 20] */
	int nice;
	unsigned int slice_ticks;       /* rr: ticks run in the current slice */
	bool queued;
};

struct sched_rq {
	struct list_head queue;         /* rr: FIFO; fair: ascending vruntime */
	unsigned int nr_queued;
	u64 min_vruntime;               /* fair: monotonic floor of queued + curr */
	u64 sleeper_credit;             /* fair: the most a sleeper is placed below min_vruntime */
	unsigned int rr_slice_ticks;    /* rr: ticks per time slice */
	struct sched_entity *skip;      /* yield: not picked next if another is queued */
};

/* Linux's sched_prio_to_weight: 1024 / 1.25^nice (components/sched/sched-fair). */
extern const unsigned long sched_prio_to_weight[NICE_WIDTH];

#endif
