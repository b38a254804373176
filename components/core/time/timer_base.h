/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The pending kernel timers: a list sorted by expiry (stable: equal expiry
 * fires in the order added), so the tick looks at the head only. O(n)
 * insertion is fine for the handful of timers a kernel of this size keeps;
 * a timer wheel can replace it behind these four functions. Pure C on
 * <tessera/timer.h>: the host test builds this file as it is.
 */
#ifndef TIME_TIMER_BASE_H
#define TIME_TIMER_BASE_H

#include <tessera/timer.h>

struct timer_base {
	struct list_head pending;
	unsigned long clk;             /* the jiffies value last run */
};

void timer_base_init(struct timer_base *base, unsigned long now);
/* Queue @timer (not pending) to fire at @expires. */
void timer_base_add(struct timer_base *base, struct timer_list *timer, unsigned long expires);
/* Take @timer off the base; returns whether it was pending. */
bool timer_base_del(struct timer_list *timer);
bool timer_base_pending(const struct timer_list *timer);
/*
 * The next due timer (expires at or before @now), taken off the base, or
 * NULL. The caller runs it: a callback may re-arm or add timers.
 */
struct timer_list *timer_base_next_due(struct timer_base *base, unsigned long now);

#endif
