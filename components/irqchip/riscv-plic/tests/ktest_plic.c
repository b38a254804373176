/* SPDX-License-Identifier: Apache-2.0 */
/* The PLIC as the devicetree of QEMU's virt describes it. */
#include <asm/irq.h>
#include <asm/platform.h>
#include <interfaces/irq.h>
#include <interfaces/ktest.h>
#include <tessera/errno.h>

static irqreturn_t never(int irq, void *dev_id)
{
	(void)irq;
	(void)dev_id;
	return IRQ_HANDLED;
}

static void plic_from_devicetree(struct ktest *t)
{
	const struct riscv64_platform *p = &riscv64_platform;

	KTEST_EXPECT_EQ(t, p->plic_base, 0x0c000000);
	KTEST_EXPECT(t, p->plic_ndev >= 10 && p->plic_ndev < RISCV_TIMER_IRQ);
	/* QEMU virt: hart 0's contexts are 0 (M) and 1 (S). */
	KTEST_EXPECT(t, p->plic_context_from_fdt);
	KTEST_EXPECT_EQ(t, p->plic_context, 2 * (int)p->boot_hartid + 1);
	KTEST_EXPECT_EQ(t, p->uart_irq, 10);
	KTEST_EXPECT_EQ(t, p->timebase_hz, 10000000);
}

static void sources_outside_the_plic_refused(struct ktest *t)
{
	static int cookie;

	KTEST_EXPECT_EQ(t, request_irq(0, never, 0, "ktest", &cookie), -EINVAL);
	KTEST_EXPECT_EQ(t, request_irq(riscv64_platform.plic_ndev + 1, never, 0, "ktest",
				       &cookie), -EINVAL);
}

KTEST_SUITE(plic,
	    KTEST_CASE(plic_from_devicetree),
	    KTEST_CASE(sources_outside_the_plic_refused));
