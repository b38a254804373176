/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The scheduler core with real kernel threads: kthread_run/stop and exit
 * codes, mutex contention among several threads on a shared counter, wait
 * queue and completion wake-ups, a ping-pong, and the product's policy
 * under CPU-bound threads of two nice levels plus sleeping threads.
 *
 * The CPU-bound threads are preempted by the timer interrupt (the tick
 * calls scheduler_tick(), the interrupt's return preempt_schedule_irq());
 * only in a product without `time` do they stand in for it, calling
 * scheduler_tick() and cond_resched() themselves after each unit of work.
 * components/test/sched-tick checks preemption by the tick on its own.
 */
#include <autoconf.h>
#include <tessera/kthread.h>
#include <tessera/mutex.h>
#include <interfaces/arch.h>
#include <interfaces/ktest.h>
#include <interfaces/kthread.h>
#include <interfaces/lib.h>
#include <interfaces/mutex.h>
#include <interfaces/printk.h>
#include <interfaces/sched.h>
#include <interfaces/wait.h>

static int stop_loop(void *data)
{
	unsigned long *spins = data;

	while (!kthread_should_stop()) {
		(*spins)++;
		yield();
	}
	return 42;
}

static int return_now(void *data)
{
	(void)data;
	return 7;
}

static void kthread_run_and_stop(struct ktest *t)
{
	unsigned long spins = 0;
	struct task_struct *k = kthread_run(stop_loop, &spins, "stopper");

	KTEST_ASSERT(t, k != NULL);
	KTEST_EXPECT(t, k->pid > 1);
	while (spins < 3)
		yield();
	KTEST_EXPECT_EQ(t, kthread_stop(k), 42);
	KTEST_EXPECT(t, spins >= 3);
}

static void kthread_exit_before_stop(struct ktest *t)
{
	struct task_struct *k = kthread_run(return_now, NULL, "quick");

	KTEST_ASSERT(t, k != NULL);
	while (!completion_done(&k->exited))
		yield();
	KTEST_EXPECT_EQ(t, k->state, TASK_DEAD);
	KTEST_EXPECT_EQ(t, kthread_stop(k), 7);
}

/* A created thread does not run until woken. */
static void kthread_create_is_stopped(struct ktest *t)
{
	unsigned long spins = 0;
	struct task_struct *k = kthread_create(stop_loop, &spins, "sleepy");
	int i;

	KTEST_ASSERT(t, k != NULL);
	for (i = 0; i < 5; i++)
		yield();
	KTEST_EXPECT_EQ(t, spins, 0);
	KTEST_EXPECT_EQ(t, kthread_stop(k), 42);    /* stop wakes it; it sees should_stop */
}

#define MUTEX_THREADS 4
#define MUTEX_ROUNDS  300

static struct mutex counter_lock;
static unsigned long counter, contended;

static int mutex_worker(void *data)
{
	int i;

	(void)data;
	for (i = 0; i < MUTEX_ROUNDS; i++) {
		unsigned long v;

		if (mutex_is_locked(&counter_lock))
			contended++;
		mutex_lock(&counter_lock);
		v = counter;
		yield();                /* let the others pile up on the mutex */
		counter = v + 1;
		mutex_unlock(&counter_lock);
	}
	return 0;
}

static void mutex_contention(struct ktest *t)
{
	struct task_struct *k[MUTEX_THREADS];
	int i;

	mutex_init(&counter_lock);
	counter = contended = 0;
	for (i = 0; i < MUTEX_THREADS; i++) {
		k[i] = kthread_run(mutex_worker, NULL, "mutex");
		KTEST_ASSERT(t, k[i] != NULL);
	}
	for (i = 0; i < MUTEX_THREADS; i++)
		KTEST_EXPECT_EQ(t, kthread_stop(k[i]), 0);
	KTEST_EXPECT_EQ(t, counter, MUTEX_THREADS * MUTEX_ROUNDS);
	KTEST_EXPECT(t, contended > 0);
	KTEST_EXPECT(t, !mutex_is_locked(&counter_lock));
}

static wait_queue_head_t wq;
static volatile bool wq_flag;
static volatile int wq_woken;

static int wq_waiter(void *data)
{
	(void)data;
	wait_event(&wq, wq_flag || kthread_should_stop());
	wq_woken++;
	return 0;
}

static void waitqueue_wakeup(struct ktest *t)
{
	struct task_struct *k[3];
	int i;

	init_waitqueue_head(&wq);
	wq_flag = false;
	wq_woken = 0;
	for (i = 0; i < 3; i++)
		k[i] = kthread_run(wq_waiter, NULL, "waiter");
	/* Let them all block. */
	for (i = 0; i < 10; i++)
		yield();
	for (i = 0; i < 3; i++)
		KTEST_EXPECT_EQ(t, k[i]->state, TASK_UNINTERRUPTIBLE);
	KTEST_EXPECT_EQ(t, wq_woken, 0);
	/* A wake-up without the condition: they go back to sleep. */
	wake_up_all(&wq);
	for (i = 0; i < 10; i++)
		yield();
	KTEST_EXPECT_EQ(t, wq_woken, 0);
	wq_flag = true;
	wake_up_all(&wq);
	for (i = 0; i < 10 && wq_woken < 3; i++)
		yield();
	KTEST_EXPECT_EQ(t, wq_woken, 3);
	for (i = 0; i < 3; i++)
		kthread_stop(k[i]);
}

static struct completion comp;
static volatile int comp_passed;

static int comp_waiter(void *data)
{
	(void)data;
	wait_for_completion(&comp);
	comp_passed++;
	return 0;
}

static void completion_wakeups(struct ktest *t)
{
	struct task_struct *k[3];
	int i;

	init_completion(&comp);
	comp_passed = 0;
	/* Banked: a complete() before the wait lets the wait through at once. */
	complete(&comp);
	KTEST_EXPECT(t, try_wait_for_completion(&comp));
	KTEST_EXPECT(t, !try_wait_for_completion(&comp));

	for (i = 0; i < 3; i++)
		k[i] = kthread_run(comp_waiter, NULL, "comp");
	for (i = 0; i < 10; i++)
		yield();
	KTEST_EXPECT_EQ(t, comp_passed, 0);
	complete(&comp);                /* exactly one goes */
	for (i = 0; i < 10; i++)
		yield();
	KTEST_EXPECT_EQ(t, comp_passed, 1);
	complete_all(&comp);            /* the rest, and any later waiter */
	for (i = 0; i < 10 && comp_passed < 3; i++)
		yield();
	KTEST_EXPECT_EQ(t, comp_passed, 3);
	wait_for_completion(&comp);
	for (i = 0; i < 3; i++)
		kthread_stop(k[i]);
}

#define PINGPONG_ROUNDS 200

static wait_queue_head_t ping_wq, pong_wq;
static volatile int ball;               /* even: ping's turn; odd: pong's */
static volatile bool out_of_turn;

static int pong(void *data)
{
	int i;

	(void)data;
	for (i = 0; i < PINGPONG_ROUNDS; i++) {
		wait_event(&pong_wq, ball % 2 == 1);
		if (ball != 2 * i + 1)
			out_of_turn = true;
		ball++;
		wake_up(&ping_wq);
	}
	return 0;
}

static void wait_queue_ping_pong(struct ktest *t)
{
	struct task_struct *k;
	unsigned long switches = nr_context_switches();
	int i;

	init_waitqueue_head(&ping_wq);
	init_waitqueue_head(&pong_wq);
	ball = 0;
	out_of_turn = false;
	k = kthread_run(pong, NULL, "pong");
	KTEST_ASSERT(t, k != NULL);
	for (i = 0; i < PINGPONG_ROUNDS; i++) {
		ball++;
		wake_up(&pong_wq);
		wait_event(&ping_wq, ball % 2 == 0);
	}
	KTEST_EXPECT_EQ(t, ball, 2 * PINGPONG_ROUNDS);
	KTEST_EXPECT(t, !out_of_turn);
	KTEST_EXPECT_EQ(t, kthread_stop(k), 0);
	KTEST_EXPECT(t, nr_context_switches() - switches >= 2 * PINGPONG_ROUNDS);
}

/* ---- The policy under a mix of CPU-bound and sleeping threads ---- */

#define MIX_UNITS 40000         /* work units in the whole run, at least */
#define MIX_TURNS 2             /* turns each hog uses up, at least, under a tick */
#define MIX_UNITS_CAP (20 * MIX_UNITS)  /* a policy that never preempts ends too */

struct hog {
	struct task_struct *task;
	unsigned long units;
	unsigned long slices;   /* times preempted: round-robin turns used up */
	u64 runtime;            /* the scheduler's own account (clock units) */
};

static struct hog hogs[3];
static volatile unsigned long total_units;
static struct completion mix_done;
static wait_queue_head_t sleeper_wq;
static volatile unsigned long sleeper_kicks;
static unsigned long sleeper_runs[2];

static void work_unit(void)
{
	volatile unsigned long sink = 0;

	/* Comparable units on both arches: a fixed amount of computation. */
	for (unsigned int i = 0; i < 2000; i++)
		sink += i;
}

/*
 * A turn is ticks, not work: at HZ=100 a 10-tick round-robin slice is
 * 100 ms, longer than the units take on a fast host, so the run also lasts
 * until every hog has been preempted MIX_TURNS times (found by the config
 * fuzzer: seed 1 #27, riscv64, HZ=100).
 */
static bool mix_over(void)
{
	if (total_units >= MIX_UNITS_CAP)
		return true;
	if (total_units < MIX_UNITS)
		return false;
#ifdef HAVE_TIME
	for (int i = 0; i < 3; i++)
		if (hogs[i].task->nivcsw < MIX_TURNS)
			return false;
#endif
	return true;
}

/*
 * Works until the run is over (mix_over), then records its own accounts
 * and exits: what is compared is the run, not whatever happens while the
 * test stops the threads.
 */
static int hog_fn(void *data)
{
	struct hog *h = data;

	while (!mix_over()) {
		work_unit();
		h->units++;
		total_units++;
		/* The sleepers are kicked by the CPU-bound threads' progress. */
		if (total_units % 50 == 0) {
			sleeper_kicks++;
			wake_up_all(&sleeper_wq);
		}
#ifndef HAVE_TIME
		scheduler_tick();       /* no timer interrupt in this product */
		cond_resched();
#endif
	}
	h->slices = current->nivcsw;
	h->runtime = current->se.sum_exec_runtime;
	complete(&mix_done);    /* by each hog: the waiter needs only the first */
	return 0;
}

static int sleeper_fn(void *data)
{
	unsigned long *runs = data, seen = 0;

	while (!kthread_should_stop()) {
		wait_event(&sleeper_wq, sleeper_kicks != seen || kthread_should_stop());
		seen = sleeper_kicks;
		(*runs)++;
	}
	return 0;
}

static void policy_mix(struct ktest *t)
{
	struct task_struct *sleepers[2];
	static const int nice[3] = { 0, 0, 5 };
	bool fair = !strcmp(sched_policy(), "fair");
	int i;

	init_completion(&mix_done);
	init_waitqueue_head(&sleeper_wq);
	total_units = sleeper_kicks = 0;
	for (i = 0; i < 2; i++) {
		sleeper_runs[i] = 0;
		sleepers[i] = kthread_run(sleeper_fn, &sleeper_runs[i], "sleeper");
	}
	for (i = 0; i < 3; i++) {
		memset(&hogs[i], 0, sizeof(hogs[i]));
		hogs[i].task = kthread_create(hog_fn, &hogs[i], "hog");
		KTEST_ASSERT(t, hogs[i].task != NULL);
		set_user_nice(hogs[i].task, nice[i]);
	}
	for (i = 0; i < 3; i++)
		wake_up_process(hogs[i].task);
	wait_for_completion(&mix_done);
	for (i = 0; i < 3; i++)
		kthread_stop(hogs[i].task);
	for (i = 0; i < 2; i++)
		kthread_stop(sleepers[i]);

	printk("# policy %s: nice 0: %lu, nice 0: %lu, nice 5: %lu units; %lu %lu %lu slices; runtime %llu %llu %llu; sleepers ran %lu and %lu times for %lu kicks\n",
	       sched_policy(), hogs[0].units, hogs[1].units, hogs[2].units,
	       hogs[0].slices, hogs[1].slices, hogs[2].slices,
	       (unsigned long long)hogs[0].runtime, (unsigned long long)hogs[1].runtime,
	       (unsigned long long)hogs[2].runtime, sleeper_runs[0], sleeper_runs[1],
	       sleeper_kicks);
	for (i = 0; i < 3; i++)
		KTEST_EXPECT(t, hogs[i].units > 0 && hogs[i].runtime > 0);
	/*
	 * Round-robin: every hog gets the same number of turns, give or take
	 * the one in progress when the run ended, whatever its nice: a count
	 * the host cannot disturb (work per turn it can, under TCG). Without a
	 * tick the hogs tick themselves and the units are the turns.
	 * Fair shares CPU time, which under QEMU TCG is host time (the clock
	 * runs while the vCPU is descheduled), so on a loaded host one hiccup
	 * can outweigh a whole run: the weight ratio is held to 1% by the host
	 * test (host/sched-fair) on simulated time, and here only that every
	 * hog ran.
	 */
	if (!fair) {
#ifdef HAVE_TIME
		unsigned long lo = hogs[0].slices, hi = hogs[0].slices;

		for (i = 1; i < 3; i++) {
			lo = hogs[i].slices < lo ? hogs[i].slices : lo;
			hi = hogs[i].slices > hi ? hogs[i].slices : hi;
		}
		KTEST_EXPECT(t, lo >= MIX_TURNS);
		KTEST_EXPECT(t, hi - lo <= 1);
#else
		unsigned long a = hogs[0].units, b = hogs[1].units, c = hogs[2].units;

		KTEST_EXPECT(t, a * 4 >= b * 3 && b * 4 >= a * 3);
		KTEST_EXPECT(t, a * 3 >= c * 2 && a * 2 <= c * 3);
#endif
	}
	/* No starvation of the sleepers: each got the CPU while the hogs ran. */
	KTEST_EXPECT(t, sleeper_kicks > 0);
	KTEST_EXPECT(t, sleeper_runs[0] > 0 && sleeper_runs[1] > 0);
}

KTEST_SUITE(sched,
	    KTEST_CASE(kthread_run_and_stop),
	    KTEST_CASE(kthread_exit_before_stop),
	    KTEST_CASE(kthread_create_is_stopped),
	    KTEST_CASE(mutex_contention),
	    KTEST_CASE(waitqueue_wakeup),
	    KTEST_CASE(completion_wakeups),
	    KTEST_CASE(wait_queue_ping_pong),
	    KTEST_CASE(policy_mix));
