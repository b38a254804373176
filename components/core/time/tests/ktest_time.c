/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Time against the real tick. Tolerances (TCG shares the host with other
 * work, so the upper bounds are generous; the lower bounds are exact):
 * - a timer never fires before its expiry and at most TIMER_LATE_TICKS
 *   ticks after it; timers fire in expiry order, ties in the order added;
 * - msleep(ms) never returns before ms milliseconds of ktime, and returns
 *   within MSLEEP_LATE_NS after;
 * - ktime never goes backwards; over a 100 ms msleep, jiffies advance by
 *   the ktime that passed divided by the tick period, within TICK_SLACK
 *   ticks (each end may sit anywhere within a tick).
 * The upper bounds hold on a host with load 15 on 2 cores; a vCPU thread
 * can be off the CPU for tens of milliseconds there.
 */
#include <asm/irq.h>
#include <interfaces/arch.h>
#include <interfaces/clocksource.h>
#include <interfaces/irq.h>
#include <interfaces/ktest.h>
#include <interfaces/printk.h>
#include <interfaces/time.h>
#include <tessera/compiler.h>
#include <tessera/printk.h>

#define TIMER_LATE_TICKS   25
#define MSLEEP_LATE_NS     (250 * NSEC_PER_MSEC)
#define TICK_SLACK         2

static void ktime_monotonic(struct ktest *t)
{
	ktime_t prev = ktime_get(), now = prev;
	unsigned int i, backwards = 0;

	for (i = 0; i < 100000; i++) {
		now = ktime_get();
		if (now < prev)
			backwards++;
		prev = now;
	}
	KTEST_EXPECT_EQ(t, backwards, 0);
	KTEST_EXPECT(t, now > 0);
}

static void jiffies_advance(struct ktest *t)
{
	unsigned long start = jiffies;
	unsigned long ticks_before = kstat_irqs(TIMER_IRQ);
	ktime_t t0 = ktime_get();
	unsigned long i;

	for (i = 0; i < 10000000 && jiffies == start; i++)
		arch_wait_for_interrupt();
	KTEST_EXPECT(t, jiffies != start);
	KTEST_EXPECT(t, kstat_irqs(TIMER_IRQ) > ticks_before);
	KTEST_EXPECT_EQ(t, (u64)jiffies, get_jiffies_64());
	KTEST_EXPECT(t, ktime_get() > t0);
}

static void tick_rate(struct ktest *t)
{
	unsigned long start = jiffies, ticks;
	ktime_t t0 = ktime_get();
	long expected;

	msleep(100);
	ticks = jiffies - start;
	expected = (long)((ktime_get() - t0) / (NSEC_PER_SEC / tick_hz()));
	KTEST_EXPECT(t, (long)ticks >= expected - TICK_SLACK);
	KTEST_EXPECT(t, (long)ticks <= expected + TICK_SLACK);
	KTEST_EXPECT(t, expected >= (long)tick_hz() / 10);
}

static void msleep_not_early(struct ktest *t)
{
	static const unsigned int ms[] = { 0, 1, 3, 10, 25 };
	unsigned int i;

	for (i = 0; i < sizeof(ms) / sizeof(ms[0]); i++) {
		ktime_t t0 = ktime_get(), dt;

		msleep(ms[i]);
		dt = ktime_get() - t0;
		KTEST_EXPECT(t, dt >= (ktime_t)ms[i] * NSEC_PER_MSEC);
		KTEST_EXPECT(t, dt < (ktime_t)ms[i] * NSEC_PER_MSEC + MSLEEP_LATE_NS);
	}
}

static void udelay_not_early(struct ktest *t)
{
	ktime_t t0 = ktime_get();

	udelay(500);
	KTEST_EXPECT(t, ktime_get() - t0 >= 500 * NSEC_PER_USEC);
}

#define NR_ORDER_TIMERS 6

struct order_timer {
	struct timer_list timer;
	unsigned int id;
	unsigned long fired_at;
};

static struct order_timer order_timers[NR_ORDER_TIMERS];
static unsigned int fired_order[NR_ORDER_TIMERS];
static unsigned int nr_fired;

static void order_fn(struct timer_list *timer)
{
	struct order_timer *ot = container_of(timer, struct order_timer, timer);

	ot->fired_at = jiffies;
	if (nr_fired < NR_ORDER_TIMERS)
		fired_order[nr_fired] = ot->id;
	nr_fired++;
}

static void timers_fire_in_order(struct ktest *t)
{
	/* Delays in ticks; ids 2 and 3 tie and must fire in the order added. */
	static const unsigned int delay[NR_ORDER_TIMERS] = { 8, 1, 4, 4, 2, 6 };
	static const unsigned int expect[NR_ORDER_TIMERS] = { 1, 4, 2, 3, 5, 0 };
	unsigned long start, i;
	unsigned int k;

	nr_fired = 0;
	start = jiffies;
	for (k = 0; k < NR_ORDER_TIMERS; k++) {
		order_timers[k].id = k;
		order_timers[k].fired_at = 0;
		timer_setup(&order_timers[k].timer, order_fn, 0);
		KTEST_EXPECT_EQ(t, mod_timer(&order_timers[k].timer, start + delay[k]), 0);
	}
	for (i = 0; i < 10000000 && nr_fired < NR_ORDER_TIMERS; i++)
		arch_wait_for_interrupt();
	KTEST_ASSERT(t, nr_fired == NR_ORDER_TIMERS);
	for (k = 0; k < NR_ORDER_TIMERS; k++) {
		unsigned long due = start + delay[k], at = order_timers[k].fired_at;

		KTEST_EXPECT_EQ(t, fired_order[k], expect[k]);
		KTEST_EXPECT(t, time_after_eq(at, due));
		KTEST_EXPECT(t, time_before_eq(at, due + TIMER_LATE_TICKS));
	}
}

static unsigned int del_fired;

static void del_fn(struct timer_list *timer)
{
	(void)timer;
	del_fired++;
}

static void del_and_mod_timer(struct ktest *t)
{
	struct timer_list a, b;

	del_fired = 0;
	timer_setup(&a, del_fn, 0);
	timer_setup(&b, del_fn, 0);
	KTEST_EXPECT_EQ(t, del_timer(&a), 0);
	mod_timer(&a, jiffies + 2);
	mod_timer(&b, jiffies + 100);
	/* Re-arming a pending timer says it was pending, and moves it. */
	KTEST_EXPECT_EQ(t, mod_timer(&b, jiffies + 3), 1);
	KTEST_EXPECT_EQ(t, del_timer(&a), 1);
	KTEST_EXPECT_EQ(t, del_timer(&a), 0);
	msleep(2 * 1000 / tick_hz() + 3 * 1000 / tick_hz() + 10);
	/* a never fired; b fired once, at its new expiry. */
	KTEST_EXPECT_EQ(t, del_fired, 1);
	KTEST_EXPECT_EQ(t, del_timer(&b), 0);
}

/*
 * Not a check but a measurement (tests/bench/tick_cost.sh collects it):
 * spin reading the cycle counter and the tick's interrupt count; when the
 * count moves between two reads, the gap between them is one tick's whole
 * cost: entry, irq core, handler, EOI, return. A gap can also hold host
 * noise (TCG shares the CPU), so the minimum and the median are reported.
 */
#define OVERHEAD_SAMPLES 32

static void sort_u64(u64 *a, unsigned int n)
{
	unsigned int i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && a[j - 1] > a[j]; j--) {
			u64 x = a[j];

			a[j] = a[j - 1];
			a[j - 1] = x;
		}
}

static void tick_overhead(struct ktest *t)
{
	u64 gaps[OVERHEAD_SAMPLES], base_gap = ~0ULL, prev, prev2, now, hz = clocksource_hz();
	unsigned long count = kstat_irqs(TIMER_IRQ), c, spins;
	unsigned int n = 0, i;

	/* The loop's own cost per iteration, interrupts off. */
	{
		unsigned long flags = arch_irq_save();

		prev = arch_read_cycles();
		for (i = 0; i < 1000; i++) {
			(void)kstat_irqs(TIMER_IRQ);
			now = arch_read_cycles();
			if (now - prev < base_gap)
				base_gap = now - prev;
			prev = now;
		}
		arch_irq_restore(flags);
	}
	/*
	 * The interrupt came between the previous two count reads, so it lies
	 * inside the last two iterations: the gap spans both (minus one
	 * iteration's cost, the loop alone).
	 */
	prev = prev2 = arch_read_cycles();
	for (spins = 0; n < OVERHEAD_SAMPLES && spins < 500000000UL; spins++) {
		c = kstat_irqs(TIMER_IRQ);
		now = arch_read_cycles();
		if (c == count + 1)
			gaps[n++] = now - prev2 - MIN(now - prev2, base_gap);
		count = c;
		prev2 = prev;
		prev = now;
	}
	KTEST_ASSERT(t, n == OVERHEAD_SAMPLES && hz);
	sort_u64(gaps, n);
	printk(KERN_INFO "# time: tick cost: median %lu, min %lu arch cycles "
	       "(%lu, %lu ns) per tick over %u ticks; loop alone %lu cycles; HZ=%u\n",
	       (unsigned long)gaps[n / 2], (unsigned long)gaps[0],
	       (unsigned long)(gaps[n / 2] * 1000000000ULL / hz),
	       (unsigned long)(gaps[0] * 1000000000ULL / hz), n,
	       (unsigned long)base_gap, tick_hz());
}

KTEST_SUITE(time,
	    KTEST_CASE(ktime_monotonic),
	    KTEST_CASE(jiffies_advance),
	    KTEST_CASE(tick_rate),
	    KTEST_CASE(msleep_not_early),
	    KTEST_CASE(udelay_not_early),
	    KTEST_CASE(timers_fire_in_order),
	    KTEST_CASE(del_and_mod_timer),
	    KTEST_CASE(tick_overhead));
