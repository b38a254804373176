/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Time on top of the `clocksource` provider: ktime_get() turns its counter
 * into nanoseconds, its tick device interrupts HZ times a second, and each
 * tick brings jiffies up to ktime / TICK_NSEC and runs the kernel timers
 * that are due (in the interrupt, with interrupts off; Linux runs them in
 * a softirq). With a
 * scheduler linked, the tick also calls scheduler_tick() and msleep()
 * sleeps on it; without, msleep() halts between interrupts. Both wait on
 * ktime, so neither can return early.
 */
#define pr_fmt(fmt) "time: " fmt

#include <autoconf.h>
#include <asm/irq.h>
#include <interfaces/arch.h>
#include <interfaces/clocksource.h>
#include <interfaces/irq.h>
#include <interfaces/printk.h>
#include <interfaces/time.h>
#include <tessera/errno.h>
#include <tessera/printk.h>
#ifdef HAVE_SCHED
#include <interfaces/percpu.h>
#include <interfaces/sched.h>
#include <tessera/wait.h>
#endif
#include "timer_base.h"

#define TICK_NSEC ((u64)NSEC_PER_SEC / CONFIG_HZ)

volatile unsigned long jiffies;
static volatile u64 jiffies_64;
static struct timer_base timer_base;
/* ns = cycles * mult >> 32, exact to 1 part in 2^32 of the counter's rate. */
static u64 ns_mult;
static u64 cycles_start;

unsigned int tick_hz(void)
{
	return CONFIG_HZ;
}

ktime_t ktime_get(void)
{
	u64 cycles = clocksource_read() - cycles_start;

	return (ktime_t)(((unsigned __int128)cycles * ns_mult) >> 32);
}

u64 get_jiffies_64(void)
{
	unsigned long flags = arch_irq_save();
	u64 j = jiffies_64;

	arch_irq_restore(flags);
	return j;
}

void timer_setup(struct timer_list *timer, void (*function)(struct timer_list *),
		 unsigned int flags)
{
	timer->entry.next = NULL;
	timer->entry.prev = NULL;
	timer->function = function;
	timer->flags = flags;
	timer->expires = 0;
}

/* Returns whether the timer was pending, as Linux's does. */
int mod_timer(struct timer_list *timer, unsigned long expires)
{
	unsigned long flags = arch_irq_save();
	bool was = timer_base_del(timer);

	timer_base_add(&timer_base, timer, expires);
	arch_irq_restore(flags);
	return was;
}

int del_timer(struct timer_list *timer)
{
	unsigned long flags = arch_irq_save();
	bool was = timer_base_del(timer);

	arch_irq_restore(flags);
	return was;
}

static void run_timers(unsigned long now)
{
	struct timer_list *t;

	while ((t = timer_base_next_due(&timer_base, now)))
		t->function(t);
}

static irqreturn_t tick_interrupt(int irq, void *dev_id)
{
	(void)irq;
	(void)dev_id;
	u64 due;

	clockevent_handle();
	/*
	 * jiffies follows the clocksource, not the count of interrupts: under
	 * an emulator (or with interrupts off too long) tick interrupts get
	 * lost, and counting them would let jiffies fall behind ktime. One
	 * that comes a little early against ktime advances nothing.
	 */
	due = (u64)ktime_get() / TICK_NSEC;
	if (due > jiffies_64) {
		jiffies_64 = due;
		jiffies = (unsigned long)jiffies_64;
	}
	run_timers(jiffies);
#ifdef HAVE_SCHED
	scheduler_tick();
#endif
	return IRQ_HANDLED;
}

void udelay(unsigned long usecs)
{
	ktime_t end = ktime_get() + (ktime_t)usecs * NSEC_PER_USEC;

	while (ktime_get() < end)
		__asm__ __volatile__("" ::: "memory");
}

#ifdef HAVE_SCHED
/* Coded against s-sched's contract: current, set_current_state, schedule, wake_up_process. */
struct msleep_waiter {
	struct timer_list timer;
	struct task_struct *task;
};

static void msleep_wakeup(struct timer_list *timer)
{
	struct msleep_waiter *w = container_of(timer, struct msleep_waiter, timer);

	wake_up_process(w->task);
}
#endif

/*
 * Never returns before @msecs have passed on the monotonic clock: the wait
 * is on ktime, and a tick is at most 1/HZ late, so each pass through the
 * loop waits at least once more when the deadline has not been reached.
 */
void msleep(unsigned int msecs)
{
	ktime_t end = ktime_get() + (ktime_t)msecs * NSEC_PER_MSEC;

#ifdef HAVE_SCHED
	struct msleep_waiter w = { .task = current };

	timer_setup(&w.timer, msleep_wakeup, 0);
	while (ktime_get() < end) {
		unsigned long ticks = (unsigned long)((end - ktime_get()) * CONFIG_HZ /
						       NSEC_PER_SEC) + 1;

		set_current_state(TASK_UNINTERRUPTIBLE);
		mod_timer(&w.timer, jiffies + ticks);
		schedule();
	}
	del_timer(&w.timer);
#else
	while (ktime_get() < end)
		arch_wait_for_interrupt();
#endif
}

int time_init(void);

int time_init(void)
{
	u64 hz = clocksource_hz();
	int ret;

	if (!hz)
		return -ENODEV;
	ns_mult = (u64)(((unsigned __int128)NSEC_PER_SEC << 32) / hz);
	cycles_start = clocksource_read();
	timer_base_init(&timer_base, 0);

	ret = clockevent_init(CONFIG_HZ);
	if (ret < 0)
		return ret;
	ret = request_irq(TIMER_IRQ, tick_interrupt, IRQF_TIMER, "timer", &timer_base);
	if (ret < 0)
		return ret;
	clockevent_start();
	pr_info("clocksource %s at %lu.%06lu MHz, tick %s at %u Hz (device %lu.%06lu MHz)\n",
		clocksource_name(), (unsigned long)(hz / 1000000),
		(unsigned long)(hz % 1000000), clockevent_name(), CONFIG_HZ,
		(unsigned long)(clockevent_hz() / 1000000),
		(unsigned long)(clockevent_hz() % 1000000));
	/* From here on the kernel runs with interrupts on. */
	arch_irq_enable();
	return 0;
}
