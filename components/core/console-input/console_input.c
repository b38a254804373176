/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The one console input queue. Receive interrupts push; console_getc()
 * waits for a byte: halting until the next interrupt now, on a wait queue
 * once a scheduler is linked (s-sched's wait_event/wake_up).
 */
#include <autoconf.h>
#include <interfaces/arch.h>
#include <interfaces/console_input.h>
#include "input_queue.h"

static struct input_queue queue;

void console_input_push(char c)
{
	unsigned long flags = arch_irq_save();

	input_queue_push(&queue, (unsigned char)c);
	arch_irq_restore(flags);
}

int console_trygetc(void)
{
	unsigned long flags = arch_irq_save();
	int c = input_queue_pop(&queue);

	arch_irq_restore(flags);
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
