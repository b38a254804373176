/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The scheduler driven by the real tick, with the product's policy.
 *
 * cpu_bound_threads_preempted: three kernel threads and the test itself
 * spin on a counter until each of them has been preempted at least once
 * (or a limit on ktime passes: a broken kernel) and never call schedule(),
 * cond_resched() or yield(): only the timer interrupt's return path
 * (irq_exit -> preempt_schedule_irq) can switch between them. Each thread
 * must make progress and be preempted at least once, which it can only be
 * with interrupts on (a thread first entered from the interrupt path must
 * start with interrupts enabled), and the count of context switches must
 * grow while they run. Each thread also keeps a few values in registers
 * (an asm barrier forces them there) and compares them with a copy in
 * memory on every round, and checks preempt_count() is 0: a switch from
 * interrupt context must give back the interrupted registers and leave
 * no preemption count behind.
 *
 * sleepers_and_hogs: CPU-bound threads and several threads in msleep()
 * loops at once, for at least 400 ms and until every sleeper has done 3
 * rounds and every hog was preempted. msleep(ms) never returns before ms
 * of ktime, and at most
 * a stated bound after (see msleep_late_bound()); the CPU-bound threads
 * keep making progress and are preempted; every sleeper completes rounds.
 */
#include <interfaces/arch.h>
#include <interfaces/ktest.h>
#include <interfaces/kthread.h>
#include <interfaces/lib.h>
#include <interfaces/printk.h>
#include <interfaces/sched.h>
#include <interfaces/time.h>
#include <tessera/kthread.h>
#include <tessera/percpu.h>
#include <tessera/printk.h>

#define NR_SPINNERS     3
/*
 * The spinners stop once every one of them (and the test) has been
 * preempted at least once: a round or two of slices. The limit is only
 * there for a broken kernel; on a busy host the tick interrupts a slice
 * counts come late, so rounds take longer than their nominal time.
 */
#define SPIN_LIMIT_NS   (5000 * NSEC_PER_MSEC)

struct spinner {
	struct task_struct *task;
	unsigned long nivcsw_start;
	volatile unsigned long count;
	unsigned long nivcsw;           /* preemptions while spinning */
	unsigned long bad_regs, bad_preempt_count;
};

static struct spinner spinners[NR_SPINNERS + 1];   /* the last one is the test */
static ktime_t spin_deadline;

/* Every participant switched away involuntarily at least once. */
static bool all_preempted(void)
{
	for (int i = 0; i <= NR_SPINNERS; i++)
		if (!spinners[i].task || spinners[i].task->nivcsw == spinners[i].nivcsw_start)
			return false;
	return true;
}

#define LCG(x, k) ((x) * 6364136223846793005ULL + (k))

/*
 * Spin until the deadline. a..f live in registers across the asm barrier;
 * the volatile shadow is advanced the same way in memory. A register the
 * interrupt-return path (or a switch made from it) lost shows up as a
 * mismatch.
 */
static void spin_until_deadline(struct spinner *s)
{
	u64 a = 1, b = 2, c = 3, d = 4, e = 5, f = 6;
	volatile u64 shadow[6] = { 1, 2, 3, 4, 5, 6 };

	while (ktime_get() < spin_deadline && !all_preempted()) {
		a = LCG(a, 1); b = LCG(b, 3); c = LCG(c, 5);
		d = LCG(d, 7); e = LCG(e, 9); f = LCG(f, 11);
		__asm__ __volatile__("" : "+r"(a), "+r"(b), "+r"(c), "+r"(d), "+r"(e), "+r"(f));
		shadow[0] = LCG(shadow[0], 1); shadow[1] = LCG(shadow[1], 3);
		shadow[2] = LCG(shadow[2], 5); shadow[3] = LCG(shadow[3], 7);
		shadow[4] = LCG(shadow[4], 9); shadow[5] = LCG(shadow[5], 11);
		if (a != shadow[0] || b != shadow[1] || c != shadow[2] ||
		    d != shadow[3] || e != shadow[4] || f != shadow[5]) {
			s->bad_regs++;
			a = shadow[0]; b = shadow[1]; c = shadow[2];
			d = shadow[3]; e = shadow[4]; f = shadow[5];
		}
		if (preempt_count() != 0)
			s->bad_preempt_count++;
		s->count++;
	}
}

static int spinner_fn(void *data)
{
	struct spinner *s = data;

	spin_until_deadline(s);
	s->nivcsw = current->nivcsw - s->nivcsw_start;
	return 0;
}

static void check_spinner(struct ktest *t, const struct spinner *s, int i)
{
	if (!s->count || !s->nivcsw || s->bad_regs || s->bad_preempt_count)
		ktest_fail(t, __FILE__, __LINE__,
			   "spinner %d: %lu rounds, preempted %lu times, %lu register mismatches, %lu rounds with preempt_count != 0",
			   i, s->count, s->nivcsw, s->bad_regs, s->bad_preempt_count);
}

static void cpu_bound_threads_preempted(struct ktest *t)
{
	struct spinner *self = &spinners[NR_SPINNERS];
	unsigned long switches;
	bool all_preempted_at_stop;
	ktime_t start;
	int i;

	memset(spinners, 0, sizeof(spinners));
	switches = nr_context_switches();
	start = ktime_get();
	spin_deadline = start + SPIN_LIMIT_NS;
	/* Created first, woken together: all_preempted() reads every task. */
	for (i = 0; i < NR_SPINNERS; i++) {
		spinners[i].task = kthread_create(spinner_fn, &spinners[i], "spinner");
		KTEST_ASSERT(t, spinners[i].task != NULL);
	}
	self->nivcsw_start = current->nivcsw;
	self->task = current;
	for (i = 0; i < NR_SPINNERS; i++)
		wake_up_process(spinners[i].task);
	/*
	 * The test spins too: the threads it woke are first entered from the
	 * interrupt path, not from a schedule() here.
	 */
	spin_until_deadline(self);
	self->nivcsw = current->nivcsw - self->nivcsw_start;
	switches = nr_context_switches() - switches;
	all_preempted_at_stop = all_preempted();
	for (i = 0; i < NR_SPINNERS; i++)
		KTEST_EXPECT_EQ(t, kthread_stop(spinners[i].task), 0);

	printk(KERN_INFO "# %s: %lld ms; rounds %lu %lu %lu (test %lu), preempted %lu %lu %lu (test %lu), %lu switches\n",
	       sched_policy(), (long long)((ktime_get() - start) / NSEC_PER_MSEC), spinners[0].count, spinners[1].count, spinners[2].count, self->count,
	       spinners[0].nivcsw, spinners[1].nivcsw, spinners[2].nivcsw, self->nivcsw, switches);
	for (i = 0; i <= NR_SPINNERS; i++)
		check_spinner(t, &spinners[i], i);
	/* Away from each participant at least once: the switches it took. */
	KTEST_EXPECT(t, all_preempted_at_stop);
	KTEST_EXPECT(t, switches >= NR_SPINNERS + 1);
}

/* ---- msleep from several threads while CPU-bound threads run ---- */

#define NR_HOGS         2
#define NR_SLEEPERS     3
/* At least this long, and until every sleeper has done MIN_ROUNDS. */
#define MIX_MIN_NS      (400 * NSEC_PER_MSEC)
#define MIX_LIMIT_NS    (5000 * NSEC_PER_MSEC)
#define MIN_ROUNDS      3
/*
 * Host slack, as ktest_time's MSLEEP_LATE_NS: under TCG on a loaded host
 * a vCPU thread can be off the host CPU for tens of milliseconds.
 */
#define HOST_SLACK_NS   (250 * NSEC_PER_MSEC)
/* sched-rr's slice (RR_DEFAULT_SLICE_TICKS); a woken sleeper queues behind the hogs. */
#define RR_SLICE_TICKS  10

static const unsigned int sleep_ms[NR_SLEEPERS] = { 3, 7, 16 };

struct sleeper {
	struct task_struct *task;
	unsigned int ms;
	unsigned long rounds, early;
	s64 min_late, max_late;
};

/*
 * How late msleep may return: the timer fires on the tick after the
 * deadline (up to 2 ticks, as each end may sit anywhere within a tick);
 * with fair, the woken sleeper is far behind the hogs in virtual runtime
 * and preempts at that interrupt's return; with round-robin it queues
 * behind every hog, each running out a whole slice, and one slice more:
 * a slice counts tick interrupts, and under TCG on a busy host the clock
 * skips the ticks it missed, so 10 ticks of slice can take 15 of ktime.
 * Plus host slack.
 */
static s64 msleep_late_bound(void)
{
	s64 tick = (s64)NSEC_PER_SEC / tick_hz();
	s64 bound = 2 * tick + HOST_SLACK_NS;

	if (strcmp(sched_policy(), "fair"))
		bound += (NR_HOGS + 1) * RR_SLICE_TICKS * tick;
	return bound;
}

static ktime_t mix_min, mix_limit;
static struct spinner hogs[NR_HOGS];
static struct sleeper sleepers[NR_SLEEPERS];

static bool mix_over(void)
{
	ktime_t now = ktime_get();
	int i;

	if (now >= mix_limit)
		return true;
	if (now < mix_min)
		return false;
	for (i = 0; i < NR_SLEEPERS; i++)
		if (sleepers[i].rounds < MIN_ROUNDS)
			return false;
	for (i = 0; i < NR_HOGS; i++)
		if (!hogs[i].task->nivcsw)
			return false;
	return true;
}

static int sleeper_fn(void *data)
{
	struct sleeper *s = data;

	s->min_late = (s64)(~0ULL >> 1);
	s->max_late = -s->min_late - 1;
	while (!mix_over()) {
		ktime_t start = ktime_get(), took;
		s64 late;

		msleep(s->ms);
		took = ktime_get() - start;
		late = (s64)took - (s64)s->ms * (s64)NSEC_PER_MSEC;
		if (late < 0)
			s->early++;
		if (late < s->min_late)
			s->min_late = late;
		if (late > s->max_late)
			s->max_late = late;
		s->rounds++;
	}
	return 0;
}

static int hog_fn(void *data)
{
	struct spinner *s = data;
	u64 a = 7;

	while (!mix_over()) {
		a = LCG(a, 13);
		__asm__ __volatile__("" : "+r"(a));
		s->count++;
	}
	s->nivcsw = current->nivcsw;
	return 0;
}

static void sleepers_and_hogs(struct ktest *t)
{
	s64 bound = msleep_late_bound();
	ktime_t start;
	int i;

	memset(hogs, 0, sizeof(hogs));
	memset(sleepers, 0, sizeof(sleepers));
	start = ktime_get();
	mix_min = start + MIX_MIN_NS;
	mix_limit = start + MIX_LIMIT_NS;
	/* Created first, woken together: mix_over() reads every task. */
	for (i = 0; i < NR_HOGS; i++) {
		hogs[i].task = kthread_create(hog_fn, &hogs[i], "hog");
		KTEST_ASSERT(t, hogs[i].task != NULL);
	}
	for (i = 0; i < NR_SLEEPERS; i++) {
		sleepers[i].ms = sleep_ms[i];
		sleepers[i].task = kthread_create(sleeper_fn, &sleepers[i], "sleeper");
		KTEST_ASSERT(t, sleepers[i].task != NULL);
	}
	for (i = 0; i < NR_HOGS; i++)
		wake_up_process(hogs[i].task);
	for (i = 0; i < NR_SLEEPERS; i++)
		wake_up_process(sleepers[i].task);
	for (i = 0; i < NR_HOGS; i++)
		KTEST_EXPECT_EQ(t, kthread_stop(hogs[i].task), 0);
	for (i = 0; i < NR_SLEEPERS; i++)
		KTEST_EXPECT_EQ(t, kthread_stop(sleepers[i].task), 0);

	printk(KERN_INFO "# %s: %lld ms; hogs %lu %lu rounds (preempted %lu %lu); late bound %lld us\n",
	       sched_policy(), (long long)((ktime_get() - start) / NSEC_PER_MSEC), hogs[0].count, hogs[1].count, hogs[0].nivcsw, hogs[1].nivcsw,
	       (long long)(bound / 1000));
	for (i = 0; i < NR_SLEEPERS; i++) {
		const struct sleeper *s = &sleepers[i];

		printk(KERN_INFO "# msleep(%u) x %lu: late %lld..%lld us, %lu early\n", s->ms,
		       s->rounds, (long long)(s->min_late / 1000),
		       (long long)(s->max_late / 1000), s->early);
		KTEST_EXPECT_EQ(t, s->early, 0);
		KTEST_EXPECT(t, s->rounds >= MIN_ROUNDS);
		if (s->rounds && s->max_late > bound)
			ktest_fail(t, __FILE__, __LINE__, "msleep(%u) returned %lld us late, bound %lld us",
				   s->ms, (long long)(s->max_late / 1000), (long long)(bound / 1000));
	}
	for (i = 0; i < NR_HOGS; i++) {
		KTEST_EXPECT(t, hogs[i].count > 0);
		KTEST_EXPECT(t, hogs[i].nivcsw > 0);
	}
}

KTEST_SUITE(sched_tick,
	    KTEST_CASE(cpu_bound_threads_preempted),
	    KTEST_CASE(sleepers_and_hogs));
