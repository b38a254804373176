/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Traps. There is no user mode, so every exception is a kernel bug: say
 * what it was, where, with which registers and from which callers, then
 * panic. Interrupts are not fatal: they go to the entry an interrupt
 * controller installed (arch_set_handle_irq), or, with none, are counted
 * and reported as spurious (rate-limited) and their source switched off.
 */
#define pr_fmt(fmt) fmt

#include <tessera/compiler.h>
#include <tessera/printk.h>
#include <interfaces/arch.h>
#include <interfaces/panic.h>
#include <interfaces/printk.h>
#include "csr.h"
#include "riscv64.h"
#include "sbi.h"

/* scause exception codes, RISC-V privileged spec, table 4.2. */
static const char *const exception_names[] = {
	[0]  = "instruction address misaligned",
	[1]  = "instruction access fault",
	[2]  = "illegal instruction",
	[3]  = "breakpoint",
	[4]  = "load address misaligned",
	[5]  = "load access fault",
	[6]  = "store/AMO address misaligned",
	[7]  = "store/AMO access fault",
	[8]  = "environment call from U-mode",
	[9]  = "environment call from S-mode",
	[12] = "instruction page fault",
	[13] = "load page fault",
	[15] = "store/AMO page fault",
};

static const char *const interrupt_names[] = {
	[1] = "supervisor software interrupt",
	[5] = "supervisor timer interrupt",
	[9] = "supervisor external interrupt",
};

static const char *trap_name(unsigned long cause)
{
	unsigned long code = cause & ~CAUSE_IRQ_FLAG;
	const char *name = NULL;

	if (cause & CAUSE_IRQ_FLAG) {
		if (code < ARRAY_SIZE(interrupt_names))
			name = interrupt_names[code];
	} else if (code < ARRAY_SIZE(exception_names)) {
		name = exception_names[code];
	}
	return name ? name : (cause & CAUSE_IRQ_FLAG) ? "unknown interrupt"
						      : "unknown exception";
}

static void show_regs(const struct pt_regs *regs)
{
	pr_emerg("epc : %016lx ra : %016lx sp : %016lx\n",
		 regs->epc, regs->ra, regs->sp);
	pr_emerg(" gp : %016lx tp : %016lx t0 : %016lx\n",
		 regs->gp, regs->tp, regs->t0);
	pr_emerg(" t1 : %016lx t2 : %016lx s0 : %016lx\n",
		 regs->t1, regs->t2, regs->s0);
	pr_emerg(" s1 : %016lx a0 : %016lx a1 : %016lx\n",
		 regs->s1, regs->a0, regs->a1);
	pr_emerg(" a2 : %016lx a3 : %016lx a4 : %016lx\n",
		 regs->a2, regs->a3, regs->a4);
	pr_emerg(" a5 : %016lx a6 : %016lx a7 : %016lx\n",
		 regs->a5, regs->a6, regs->a7);
	pr_emerg(" s2 : %016lx s3 : %016lx s4 : %016lx\n",
		 regs->s2, regs->s3, regs->s4);
	pr_emerg(" s5 : %016lx s6 : %016lx s7 : %016lx\n",
		 regs->s5, regs->s6, regs->s7);
	pr_emerg(" s8 : %016lx s9 : %016lx s10: %016lx\n",
		 regs->s8, regs->s9, regs->s10);
	pr_emerg(" s11: %016lx t3 : %016lx t4 : %016lx\n",
		 regs->s11, regs->t3, regs->t4);
	pr_emerg(" t5 : %016lx t6 : %016lx\n", regs->t5, regs->t6);
	pr_emerg("status: %016lx badaddr: %016lx cause: %016lx\n",
		 regs->status, regs->badaddr, regs->cause);
}

static arch_irq_entry_t handle_arch_irq;
static unsigned long nr_unclaimed_irqs;

arch_irq_entry_t riscv64_arch_set_handle_irq(arch_irq_entry_t entry)
{
	arch_irq_entry_t old = handle_arch_irq;

	handle_arch_irq = entry;
	return old;
}

static void unclaimed_irq(unsigned long cause)
{
	unsigned long code = cause & ~CAUSE_IRQ_FLAG;

	/* Nobody will handle it: stop it from firing again. */
	if (code < 64)
		csr_clear(sie, 1UL << code);
	if (++nr_unclaimed_irqs <= 4 || !(nr_unclaimed_irqs & 1023))
		pr_warn("riscv64: spurious %s (%lu so far), no interrupt controller\n",
			trap_name(cause), nr_unclaimed_irqs);
}

/* Matches GUARD_CHECK_UNITS in entry.S. */
bool riscv64_sp_in_guard(unsigned long sp)
{
	unsigned long units = (4096 + PT_SIZE + 16 + 63) / 64;

	return (sp - riscv64_stack_guard) >> 6 < units;
}

static bool kernel_text(unsigned long addr)
{
	return addr >= (unsigned long)_stext && addr < (unsigned long)_etext;
}

void do_trap(struct pt_regs *regs)
{
	static int trap_depth;
	const char *name;
	bool overflow;

	if (regs->cause & CAUSE_IRQ_FLAG) {
		if (handle_arch_irq)
			handle_arch_irq(regs);
		else
			unclaimed_irq(regs->cause);
		return;
	}
	name = trap_name(regs->cause);
	overflow = riscv64_sp_in_guard(regs->sp);

	/* A fault while reporting a fault: the console path itself may be
	 * what is broken, so fall back to the firmware and stop. */
	if (trap_depth++) {
		sbi_console_puts("tessera: riscv64: trap inside the trap handler\r\n");
		riscv64_arch_poweroff(1);
	}
	/* entry.S moved us to the overflow stack: say so first, it is
	 * the cause of whatever fault follows. */
	if (overflow)
		pr_emerg("kernel stack overflow: sp %016lx in the guard page %016lx-%016lx below the stack\n",
			 regs->sp, riscv64_stack_guard, riscv64_stack_guard + 4095);
	pr_emerg("Unhandled %s in kernel mode at %016lx (scause %lx, stval %016lx)\n",
		 name, regs->epc, regs->cause, regs->badaddr);
	show_regs(regs);
	pr_emerg("Call Trace:\n");
	pr_emerg(" [<%016lx>] (epc)\n", regs->epc);
	/* A jump to data (no code at epc, no frame made there): the caller
	 * is in ra, which the frame walk would not show. */
	if (!kernel_text(regs->epc) && kernel_text(regs->ra))
		pr_emerg(" [<%016lx>] (ra)\n", regs->ra);
	riscv64_show_backtrace(regs->s0, regs->ra);
	if (overflow)
		panic("kernel stack overflow at %016lx", regs->epc);
	panic("%s at %016lx", name, regs->epc);
}
