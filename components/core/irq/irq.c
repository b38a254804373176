/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The generic interrupt core (Linux's kernel/irq, in small): one irq_desc
 * per line with its handler and counts. The interrupt controller's entry
 * (installed with arch_set_handle_irq) decodes the hardware's vector or
 * claim into an irq number and calls generic_handle_irq(); what it cannot
 * decode goes to handle_spurious_irq(). Neither is fatal: an interrupt
 * nobody handles is counted and reported, rate-limited, and the kernel goes
 * on. Exceptions stay the arch's business and stay fatal.
 */
#include <autoconf.h>
#include <asm/irq.h>
#include <interfaces/arch.h>
#include <interfaces/irq.h>
#include <interfaces/irqchip.h>
#include <interfaces/lib.h>
#include <interfaces/printk.h>
#include <tessera/compiler.h>
#include <tessera/errno.h>
#include <tessera/printk.h>
#ifdef HAVE_SCHED
#include <interfaces/percpu.h>
#include <interfaces/sched.h>
#include <tessera/wait.h>
#endif

struct irq_desc {
	irq_handler_t handler;
	void *dev_id;
	const char *name;
	unsigned long flags;
	unsigned long count;       /* every interrupt on the line */
	unsigned long unhandled;   /* no handler, or it returned IRQ_NONE */
	unsigned long window_count, window_unhandled;   /* note_interrupt()'s window */
};

static struct irq_desc irq_desc[NR_IRQS];
static unsigned long nr_spurious;
static unsigned int irq_nesting;

/*
 * Linux's note_interrupt(): a handler that returns IRQ_NONE now and then is
 * normal (a UART whose FIFO its previous run drained, a shared line), so a
 * line is reported only when it screams: more than 99,900 of a window of
 * 100,000 interrupts unhandled. A line with no handler at all is reported
 * at once, and masked.
 */
#define IRQ_WINDOW    100000UL
#define IRQ_SCREAMING 99900UL

static bool irq_report_due(struct irq_desc *desc, bool unhandled)
{
	bool scream;

	desc->window_count++;
	desc->window_unhandled += unhandled;
	if (desc->window_count < IRQ_WINDOW)
		return false;
	scream = desc->window_unhandled > IRQ_SCREAMING;
	desc->window_count = desc->window_unhandled = 0;
	return scream;
}

int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev_id)
{
	struct irq_desc *desc;
	unsigned long irqflags;
	int ret;

	if (irq >= NR_IRQS || !handler)
		return -EINVAL;
	desc = &irq_desc[irq];
	irqflags = arch_irq_save();
	if (desc->handler) {
		arch_irq_restore(irqflags);
		return -EBUSY;
	}
	desc->handler = handler;
	desc->dev_id = dev_id;
	desc->name = name ? name : "?";
	desc->flags = flags;
	ret = irqchip_unmask(irq);
	if (ret < 0)
		desc->handler = NULL;
	arch_irq_restore(irqflags);
	return ret < 0 ? ret : 0;
}

void free_irq(unsigned int irq, void *dev_id)
{
	struct irq_desc *desc;
	unsigned long irqflags;

	if (irq >= NR_IRQS)
		return;
	desc = &irq_desc[irq];
	irqflags = arch_irq_save();
	if (desc->handler && desc->dev_id == dev_id) {
		irqchip_mask(irq);
		desc->handler = NULL;
		desc->dev_id = NULL;
	} else {
		pr_warn("irq: free_irq(%u): not requested with this dev_id\n", irq);
	}
	arch_irq_restore(irqflags);
}

unsigned long kstat_irqs(unsigned int irq)
{
	return irq < NR_IRQS ? irq_desc[irq].count : 0;
}

unsigned long irq_unhandled_count(unsigned int irq)
{
	return irq < NR_IRQS ? irq_desc[irq].unhandled : 0;
}

unsigned long irq_spurious_count(void)
{
	return nr_spurious;
}

void irq_enter(void)
{
	irq_nesting++;
}

/*
 * The end of the interrupt, after the controller's EOI: the one place an
 * interrupted kernel may be preempted (s-sched's preempt_schedule_irq()).
 */
void irq_exit(void)
{
	irq_nesting--;
#ifdef HAVE_SCHED
	if (!irq_nesting && need_resched())
		preempt_schedule_irq();
#endif
}

void generic_handle_irq(unsigned int irq)
{
	struct irq_desc *desc;
	irqreturn_t ret = IRQ_NONE;

	if (irq >= NR_IRQS) {
		handle_spurious_irq(irq);
		return;
	}
	desc = &irq_desc[irq];
	desc->count++;
	if (desc->handler)
		ret = desc->handler((int)irq, desc->dev_id);
	if (desc->flags & IRQF_TIMER)
		return;
	if (ret == IRQ_NONE)
		desc->unhandled++;
	if (irq_report_due(desc, ret == IRQ_NONE) || (ret == IRQ_NONE && !desc->handler))
		pr_warn("irq %u: nobody cared (%s, %lu unhandled of %lu)\n", irq,
			desc->handler ? "handler returned IRQ_NONE" : "no handler",
			desc->unhandled, desc->count);
	/* Nobody will ever handle it: keep a screaming line quiet. */
	if (ret == IRQ_NONE && !desc->handler)
		irqchip_mask(irq);
}

void handle_spurious_irq(unsigned int vector)
{
	nr_spurious++;
	/* No line to blame: the first three, then every thousandth. */
	if (nr_spurious <= 3 || nr_spurious % 1000 == 0)
		pr_warn("irq: spurious interrupt (vector/cause %u), %lu so far\n",
			vector, nr_spurious);
}

/* Like /proc/interrupts: every line that fired or has a handler. */
void show_interrupts(void)
{
	unsigned int irq;

	pr_info("irq:  line      count  chip                    handler\n");
	for (irq = 0; irq < NR_IRQS; irq++) {
		const struct irq_desc *desc = &irq_desc[irq];

		if (!desc->count && !desc->handler)
			continue;
		pr_info("irq: %5u %10lu  %-22s  %s%s\n", irq, desc->count,
			irqchip_line_name(irq), desc->handler ? desc->name : "-",
			desc->unhandled ? " (unhandled seen)" : "");
	}
	pr_info("irq:   ERR %10lu  spurious\n", nr_spurious);
}
