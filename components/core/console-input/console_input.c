/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The one console input queue. Receive interrupts push; console_getc()
 * waits for a byte: halting until the next interrupt now, on a wait queue
 * once a scheduler is linked (s-sched's wait_event/wake_up).
 */
#include <autoconf.h>
#include <interfaces/arch.h>
#include <interfaces/console_input.h>
#include <tessera/spinlock.h>
#include "input_queue.h"

static struct input_queue queue;
/* Pushed from the receive interrupt, popped by readers. */
static DEFINE_SPINLOCK(queue_lock);

void console_input_push(char c)
{
	unsigned long flags;

	spin_lock_irqsave(&queue_lock, flags);
	input_queue_push(&queue, (unsigned char)c);
	spin_unlock_irqrestore(&queue_lock, flags);
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

	while ((c = console_trygetc()) < 0)
		arch_wait_for_interrupt();
	return c;
}

unsigned long console_input_dropped(void)
{
	return queue.dropped;
}
