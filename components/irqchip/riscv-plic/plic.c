/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The platform-level interrupt controller (RISC-V PLIC specification 1.0)
 * and the supervisor interrupt entry. The devicetree gives the PLIC's
 * registers, its number of sources (riscv,ndev) and, through
 * interrupts-extended, which context is the boot hart's S-mode one. A
 * source is enabled with priority 1 over threshold 0; an external
 * interrupt (scause 9) is claimed, handled and completed until the claim
 * register reads 0. The timer interrupt (scause 5) has no PLIC source and
 * becomes RISCV_TIMER_IRQ; a software interrupt (scause 1) is cleared and
 * counted as spurious.
 */
#define pr_fmt(fmt) "riscv-plic: " fmt

#include <asm/csr.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/platform.h>
#include <asm/ptrace.h>
#include <interfaces/arch.h>
#include <interfaces/irq.h>
#include <interfaces/irqchip.h>
#include <interfaces/mmu.h>
#include <interfaces/printk.h>
#include <tessera/errno.h>
#include <tessera/printk.h>

#define PLIC_PRIORITY(src)      (4 * (src))
#define PLIC_ENABLE(ctx)        (0x2000 + 0x80 * (ctx))
#define PLIC_THRESHOLD(ctx)     (0x200000 + 0x1000 * (ctx))
#define PLIC_CLAIM(ctx)         (PLIC_THRESHOLD(ctx) + 4)

static u8 *plic_base;
static unsigned int plic_ctx;
static unsigned int plic_ndev;

static void plic_handle_irq(struct pt_regs *regs)
{
	unsigned long code = regs->cause & ~CAUSE_IRQ_FLAG;
	u32 irq;

	irq_enter();
	switch (code) {
	case IRQ_S_EXT:
		while ((irq = readl(plic_base + PLIC_CLAIM(plic_ctx)))) {
			generic_handle_irq(irq);
			writel(irq, plic_base + PLIC_CLAIM(plic_ctx));
		}
		break;
	case IRQ_S_TIMER:
		generic_handle_irq(RISCV_TIMER_IRQ);
		break;
	case IRQ_S_SOFT:
		csr_clear(sip, SIE_SSIE);
		handle_spurious_irq((unsigned int)code);
		break;
	default:
		if (code < 64)
			csr_clear(sie, 1UL << code);
		handle_spurious_irq((unsigned int)code);
		break;
	}
	irq_exit();
}

static bool plic_source_ok(unsigned int irq)
{
	return plic_base && irq >= 1 && irq <= plic_ndev && irq < RISCV_TIMER_IRQ;
}

static void plic_set_enable(unsigned int irq, bool on)
{
	u8 *reg = plic_base + PLIC_ENABLE(plic_ctx) + 4 * (irq / 32);
	u32 bits = readl(reg);

	bits = on ? bits | (1U << (irq % 32)) : bits & ~(1U << (irq % 32));
	writel(bits, reg);
}

int plic_irqchip_unmask(unsigned int irq)
{
	/* The timer's sie.STIE belongs to the clock that programs it. */
	if (irq == RISCV_TIMER_IRQ)
		return 0;
	if (!plic_source_ok(irq))
		return -EINVAL;
	writel(1, plic_base + PLIC_PRIORITY(irq));
	plic_set_enable(irq, true);
	return 0;
}

void plic_irqchip_mask(unsigned int irq)
{
	if (plic_source_ok(irq))
		plic_set_enable(irq, false);
}

const char *plic_irqchip_line_name(unsigned int irq)
{
	return irq == RISCV_TIMER_IRQ ? "riscv timer" : "PLIC";
}

int plic_init(void);

int plic_init(void)
{
	const struct riscv64_platform *p = &riscv64_platform;
	unsigned int src, w;

	if (!p->plic_base || !p->plic_size) {
		pr_err("no PLIC in the devicetree\n");
		return -ENODEV;
	}
	plic_base = ioremap(p->plic_base, p->plic_size);
	if (!plic_base)
		return -ENOMEM;
	plic_ctx = (unsigned int)p->plic_context;
	plic_ndev = p->plic_ndev;
	if (PLIC_CLAIM(plic_ctx) + 4 > p->plic_size) {
		pr_err("context %u outside the PLIC's registers\n", plic_ctx);
		return -EINVAL;
	}
	for (w = 0; w <= plic_ndev / 32; w++)
		writel(0, plic_base + PLIC_ENABLE(plic_ctx) + 4 * w);
	for (src = 1; src <= plic_ndev; src++)
		writel(0, plic_base + PLIC_PRIORITY(src));
	writel(0, plic_base + PLIC_THRESHOLD(plic_ctx));
	arch_set_handle_irq(plic_handle_irq);
	csr_set(sie, SIE_SEIE);
	/* Every source is disabled until requested: interrupts can be on from here. */
	arch_irq_enable();
	pr_info("PLIC at %#lx, %u sources, hart %lu S-mode context %u (%s)\n",
		(unsigned long)p->plic_base, plic_ndev, p->boot_hartid, plic_ctx,
		p->plic_context_from_fdt ? "from interrupts-extended"
					 : "not in the devicetree: 2 * hart + 1");
	return 0;
}
