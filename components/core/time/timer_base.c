/* SPDX-License-Identifier: Apache-2.0 */
/* The pending-timer list; see timer_base.h. */
#include "timer_base.h"

void timer_base_init(struct timer_base *base, unsigned long now)
{
	INIT_LIST_HEAD(&base->pending);
	base->clk = now;
}

bool timer_base_pending(const struct timer_list *timer)
{
	/* A timer off the base has entry.next == NULL (timer_setup, del). */
	return timer->entry.next != NULL;
}

void timer_base_add(struct timer_base *base, struct timer_list *timer, unsigned long expires)
{
	struct list_head *pos;

	timer->expires = expires;
	/* After every timer due no later: equal expiry keeps insertion order. */
	for (pos = base->pending.prev; pos != &base->pending; pos = pos->prev) {
		struct timer_list *t = list_entry(pos, struct timer_list, entry);

		if (time_before_eq(t->expires, expires))
			break;
	}
	__list_add(&timer->entry, pos, pos->next);
}

bool timer_base_del(struct timer_list *timer)
{
	if (!timer_base_pending(timer))
		return false;
	list_del(&timer->entry);
	timer->entry.next = NULL;
	timer->entry.prev = NULL;
	return true;
}

struct timer_list *timer_base_next_due(struct timer_base *base, unsigned long now)
{
	struct timer_list *t;

	base->clk = now;
	if (list_empty(&base->pending))
		return NULL;
	t = list_first_entry(&base->pending, struct timer_list, entry);
	if (time_after(t->expires, now))
		return NULL;
	timer_base_del(t);
	return t;
}
