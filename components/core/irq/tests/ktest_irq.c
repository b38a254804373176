/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The irq core's bookkeeping, driven through generic_handle_irq() as a
 * controller's entry would call it, on a line no device of the QEMU
 * machines uses (20: no I/O APIC pin of `pc`, no PLIC source of `virt`),
 * and the tick as a real interrupt being counted.
 */
#include <asm/irq.h>
#include <interfaces/arch.h>
#include <interfaces/irq.h>
#include <interfaces/ktest.h>
#include <tessera/errno.h>

#define TEST_IRQ 20

static unsigned int handler_calls;
static int handler_irq = -1;
static void *handler_dev;
static irqreturn_t handler_ret = IRQ_HANDLED;

static irqreturn_t test_handler(int irq, void *dev_id)
{
	handler_calls++;
	handler_irq = irq;
	handler_dev = dev_id;
	return handler_ret;
}

static int cookie, other_cookie;

static void request_dispatch_free(struct ktest *t)
{
	unsigned long flags = arch_irq_save();
	unsigned long before = kstat_irqs(TEST_IRQ);

	handler_calls = 0;
	handler_ret = IRQ_HANDLED;
	KTEST_ASSERT(t, request_irq(TEST_IRQ, test_handler, 0, "ktest", &cookie) == 0);
	/* One handler per line. */
	KTEST_EXPECT_EQ(t, request_irq(TEST_IRQ, test_handler, 0, "again", &other_cookie),
			-EBUSY);
	generic_handle_irq(TEST_IRQ);
	KTEST_EXPECT_EQ(t, handler_calls, 1);
	KTEST_EXPECT_EQ(t, handler_irq, TEST_IRQ);
	KTEST_EXPECT(t, handler_dev == &cookie);
	KTEST_EXPECT_EQ(t, kstat_irqs(TEST_IRQ), before + 1);
	/* The wrong dev_id frees nothing. */
	free_irq(TEST_IRQ, &other_cookie);
	generic_handle_irq(TEST_IRQ);
	KTEST_EXPECT_EQ(t, handler_calls, 2);
	free_irq(TEST_IRQ, &cookie);
	KTEST_EXPECT_EQ(t, request_irq(TEST_IRQ, test_handler, 0, "ktest", &cookie), 0);
	free_irq(TEST_IRQ, &cookie);
	arch_irq_restore(flags);
}

static void bad_requests(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, request_irq(NR_IRQS, test_handler, 0, "ktest", &cookie), -EINVAL);
	KTEST_EXPECT_EQ(t, request_irq(TEST_IRQ, NULL, 0, "ktest", &cookie), -EINVAL);
}

/* Unhandled and spurious interrupts are counted, not fatal. */
static void unhandled_and_spurious_counted(struct ktest *t)
{
	unsigned long flags = arch_irq_save();
	unsigned long unhandled = irq_unhandled_count(TEST_IRQ);
	unsigned long spurious = irq_spurious_count();

	KTEST_ASSERT(t, request_irq(TEST_IRQ, test_handler, 0, "ktest", &cookie) == 0);
	handler_ret = IRQ_NONE;
	generic_handle_irq(TEST_IRQ);
	handler_ret = IRQ_HANDLED;
	KTEST_EXPECT_EQ(t, irq_unhandled_count(TEST_IRQ), unhandled + 1);
	free_irq(TEST_IRQ, &cookie);
	/* No handler at all. */
	generic_handle_irq(TEST_IRQ);
	KTEST_EXPECT_EQ(t, irq_unhandled_count(TEST_IRQ), unhandled + 2);
	handle_spurious_irq(0xff);
	KTEST_EXPECT_EQ(t, irq_spurious_count(), spurious + 1);
	arch_irq_restore(flags);
}

/* A real interrupt: the tick, when a clock runs one, counts up. */
static void tick_interrupts_counted(struct ktest *t)
{
	unsigned long before = kstat_irqs(TIMER_IRQ);
	unsigned long i;

	if (!before) {
		/* No tick in this product: nothing to count. */
		return;
	}
	for (i = 0; i < 1000000 && kstat_irqs(TIMER_IRQ) == before; i++)
		arch_wait_for_interrupt();
	KTEST_EXPECT(t, kstat_irqs(TIMER_IRQ) > before);
	show_interrupts();
}

KTEST_SUITE(irq,
	    KTEST_CASE(request_dispatch_free),
	    KTEST_CASE(bad_requests),
	    KTEST_CASE(unhandled_and_spurious_counted),
	    KTEST_CASE(tick_interrupts_counted));
