/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The one console input queue. Receive interrupts push; console_getc()
 * waits for a byte: with a scheduler linked it sleeps on a wait queue the
 * push wakes (other tasks run meanwhile); without one, or before the boot
 * context is a task, it halts until the next interrupt and looks again.
 */
#include <autoconf.h>
#include <interfaces/arch.h>
#include <interfaces/console_input.h>
#ifdef HAVE_WAIT
#include <interfaces/percpu.h>
#include <interfaces/sched.h>
#include <interfaces/wait.h>
#include <tessera/wait.h>
#endif
#include <tessera/spinlock.h>
#include "input_queue.h"

static struct input_queue queue;
/* Pushed from the receive interrupt, popped by readers. */
static DEFINE_SPINLOCK(queue_lock);

#ifdef HAVE_WAIT
/* Static, so a push from the first interrupt finds it ready (no initcall). */
static wait_queue_head_t input_wait = {
	.lock = __SPIN_LOCK_UNLOCKED(input_wait.lock),
	.head = LIST_HEAD_INIT(input_wait.head),
};
#endif

void console_input_push(char c)
{
	unsigned long flags;

	spin_lock_irqsave(&queue_lock, flags);
	input_queue_push(&queue, (unsigned char)c);
	spin_unlock_irqrestore(&queue_lock, flags);
#ifdef HAVE_WAIT
	wake_up(&input_wait);
#endif
}

int console_trygetc(void)
{
	unsigned long flags;
	int c;

	spin_lock_irqsave(&queue_lock, flags);
	c = input_queue_pop(&queue);
	spin_unlock_irqrestore(&queue_lock, flags);
	return c;
}

int console_getc(void)
{
	int c;

#ifdef HAVE_WAIT
	if (current) {
		wait_event(&input_wait, (c = console_trygetc()) >= 0);
		return c;
	}
#endif
	while ((c = console_trygetc()) < 0)
		arch_wait_for_interrupt();
	return c;
}

unsigned long console_input_dropped(void)
{
	return queue.dropped;
}
