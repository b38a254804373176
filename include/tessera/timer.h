/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Time: jiffies, ktime, kernel timers (Linux's <linux/jiffies.h>,
 * <linux/ktime.h>, <linux/timer.h>, in small). HZ is CONFIG_HZ of the
 * `time` component; the tick increments jiffies and runs due timers.
 */
#ifndef TESSERA_TIMER_H
#define TESSERA_TIMER_H

#include <tessera/list.h>
#include <tessera/types.h>

typedef s64 ktime_t;             /* nanoseconds since the clocksource started */

#define NSEC_PER_USEC 1000LL
#define NSEC_PER_MSEC 1000000LL
#define NSEC_PER_SEC  1000000000LL

/* Wrap-safe jiffies comparisons. */
#define time_after(a, b)     ((long)((b) - (a)) < 0)
#define time_before(a, b)    time_after(b, a)
#define time_after_eq(a, b)  ((long)((a) - (b)) >= 0)
#define time_before_eq(a, b) time_after_eq(b, a)

struct timer_list {
	struct list_head entry;        /* on the timer base, sorted by expires */
	unsigned long expires;         /* in jiffies */
	void (*function)(struct timer_list *timer);
	unsigned int flags;
};

/* Ticks since boot; written only by the tick. */
extern volatile unsigned long jiffies;

#endif
