/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Time against the real tick. Tolerances (TCG shares the host with other
 * work, so the upper bounds are generous; the lower bounds are exact):
 * - a timer never fires before its expiry and at most TIMER_LATE_TICKS
 *   ticks after it; timers fire in expiry order, ties in the order added;
 * - msleep(ms) never returns before ms milliseconds of ktime, and returns
 *   within MSLEEP_LATE_NS after;
 * - ktime never goes backwards; over 100 ms of ktime, jiffies advance by
 *   HZ/10, within TICK_RATE_PERCENT.
 */
#include <asm/irq.h>
#include <interfaces/arch.h>
#include <interfaces/irq.h>
#include <interfaces/ktest.h>
#include <interfaces/time.h>

#define TIMER_LATE_TICKS   5
#define MSLEEP_LATE_NS     (50 * NSEC_PER_MSEC)
#define TICK_RATE_PERCENT  30

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
	long expected = tick_hz() / 10;

	msleep(100);
	ticks = jiffies - start;
	KTEST_EXPECT(t, (long)ticks >= expected * (100 - TICK_RATE_PERCENT) / 100);
	KTEST_EXPECT(t, (long)ticks <= expected * (100 + TICK_RATE_PERCENT) / 100 + 1);
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

KTEST_SUITE(time,
	    KTEST_CASE(ktime_monotonic),
	    KTEST_CASE(jiffies_advance),
	    KTEST_CASE(tick_rate),
	    KTEST_CASE(msleep_not_early),
	    KTEST_CASE(udelay_not_early),
	    KTEST_CASE(timers_fire_in_order),
	    KTEST_CASE(del_and_mod_timer));
