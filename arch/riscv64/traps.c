/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Traps. From user mode: an ecall is a system call (process.c), a page
 * fault goes to the mm's handle_page_fault(), anything else (or a fault
 * the mm refuses) is a signal for the process (force_sig_fault(), when the
 * product has the process core; without it, the report and a panic). From
 * the kernel: a page fault on a user address inside a uaccess routine goes
 * to the mm and then to the routine's exception-table fixup (uaccess.S);
 * every other exception is a kernel bug: say what it was, where, with
 * which registers and from which callers, then panic. Interrupts are not
 * fatal: they go to the entry an interrupt controller installed
 * (arch_set_handle_irq), or, with none, are counted and reported as
 * spurious (rate-limited) and their source switched off.
 */
#define pr_fmt(fmt) fmt

#include <autoconf.h>
#include <tessera/compiler.h>
#include <tessera/mm.h>
#include <tessera/percpu.h>
#include <tessera/printk.h>
#include <tessera/sched.h>
#include <tessera/signal.h>
#include <interfaces/arch.h>

/*
 * The mm's fault handler and the process core's signals, when the product
 * has them: weak references (NULL without them), since the arch can
 * neither require nor optionally use interfaces that depend on it.
 */
extern int handle_page_fault(unsigned long addr, unsigned int flags) __attribute__((__weak__));
extern int force_sig_fault(int sig, int code, void __user *addr) __attribute__((__weak__));
extern int force_sig(int sig) __attribute__((__weak__));
#include <interfaces/mmu.h>
#include <interfaces/panic.h>
#include <interfaces/printk.h>
#include "csr.h"
#include "pgtable.h"
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

_Static_assert(offsetof(struct percpu_data, top_of_stack) == 48, "entry.S PCPU_TOP_OF_STACK");
_Static_assert(offsetof(struct percpu_data, user_sp_scratch) == 56, "entry.S PCPU_USER_SP_SCRATCH");

#define EXC_INST_MISALIGNED  0
#define EXC_INST_ACCESS      1
#define EXC_ILLEGAL          2
#define EXC_BREAKPOINT       3
#define EXC_LOAD_MISALIGNED  4
#define EXC_LOAD_ACCESS      5
#define EXC_STORE_MISALIGNED 6
#define EXC_STORE_ACCESS     7
#define EXC_INST_PAGE_FAULT  12
#define EXC_LOAD_PAGE_FAULT  13
#define EXC_STORE_PAGE_FAULT 15

static bool is_page_fault(unsigned long cause)
{
	return cause == EXC_INST_PAGE_FAULT || cause == EXC_LOAD_PAGE_FAULT ||
	       cause == EXC_STORE_PAGE_FAULT;
}

static unsigned int fault_flags(unsigned long cause)
{
	if (cause == EXC_STORE_PAGE_FAULT)
		return FAULT_FLAG_WRITE;
	if (cause == EXC_INST_PAGE_FAULT)
		return FAULT_FLAG_INSTRUCTION;
	return 0;
}

/* The mm's verdict on a fault at @addr: 0 handled, else VM_FAULT_*. */
static int mm_fault(unsigned long addr, unsigned int flags)
{
	if (handle_page_fault && current && current->mm)
		return handle_page_fault(addr, flags);
	return VM_FAULT_SIGSEGV_MAPERR;
}

static void report_and_panic(struct pt_regs *regs, bool user);

/* What a user-mode exception means for the process: a signal. */
static void user_exception(struct pt_regs *regs)
{
	unsigned long cause = regs->cause;
	int sig = SIGSEGV, code = SEGV_ACCERR;

	if (is_page_fault(cause)) {
		int r = mm_fault(regs->badaddr, fault_flags(cause) | FAULT_FLAG_USER);

		if (!r)
			return;
		if (r == VM_FAULT_SIGSEGV_MAPERR)
			code = SEGV_MAPERR;
		else if (r == VM_FAULT_SIGBUS)
			sig = SIGBUS, code = BUS_ADRERR;
		else if (r == VM_FAULT_OOM)
			sig = SIGKILL, code = 0;
	} else if (cause == EXC_ILLEGAL) {
		sig = SIGILL, code = ILL_ILLOPC;
	} else if (cause == EXC_BREAKPOINT) {
		sig = SIGTRAP, code = TRAP_BRKPT;
	} else if (cause == EXC_INST_MISALIGNED || cause == EXC_LOAD_MISALIGNED ||
		   cause == EXC_STORE_MISALIGNED) {
		sig = SIGBUS, code = BUS_ADRALN;
	}
	if (sig == SIGKILL && force_sig)
		force_sig(SIGKILL);
	else if (force_sig_fault)
		force_sig_fault(sig, code, (void __user *)regs->badaddr);
	else
		report_and_panic(regs, true);       /* no process core: no signals */
}

static void do_trap_user(struct pt_regs *regs)
{
	if (regs->cause & CAUSE_IRQ_FLAG) {
		if (handle_arch_irq)
			handle_arch_irq(regs);
		else
			unclaimed_irq(regs->cause);
	} else if (regs->cause == RISCV_EXC_SYSCALL) {
		riscv64_do_syscall(regs);
	} else {
		riscv64_arch_irq_enable();
		user_exception(regs);
	}
	riscv64_exit_to_user(regs);
}

/*
 * A fault inside a uaccess routine (its instruction is in the exception
 * table): on a user address the mm may make the access possible (then it
 * is retried); otherwise the routine resumes at its fixup and returns
 * what it could not do. true when handled.
 */
static bool kernel_fixup(struct pt_regs *regs)
{
	unsigned long fixup = riscv64_search_extable(regs->epc);
	unsigned long cause = regs->cause;

	if (!fixup)
		return false;
	if (is_page_fault(cause) && regs->badaddr < TASK_SIZE && (regs->status & SR_SUM)) {
		/* The mm may sleep: interrupts as the routine had them. */
		if (regs->status & SR_SPIE)
			riscv64_arch_irq_enable();
		if (!mm_fault(regs->badaddr, fault_flags(cause)))
			return true;
	}
	regs->epc = fixup;
	return true;
}

void do_trap(struct pt_regs *regs)
{
	if (user_mode(regs)) {
		do_trap_user(regs);
		return;
	}
	if (regs->cause & CAUSE_IRQ_FLAG) {
		if (handle_arch_irq)
			handle_arch_irq(regs);
		else
			unclaimed_irq(regs->cause);
		return;
	}
	if (kernel_fixup(regs))
		return;
	report_and_panic(regs, false);
}

/* Is @addr a user page in the loaded address space? (The report of a
 * kernel access that SUM refused, as x86_64 names SMAP's.) */
static bool kernel_touched_user_page(unsigned long addr)
{
	struct pgtable loaded = {
		.pgd = phys_to_virt((csr_read(satp) & ((1UL << 44) - 1)) << 12),
	};
	pgprot_t prot;

	return addr < TASK_SIZE && !riscv64_pgtable_lookup(&loaded, addr, NULL, &prot) &&
	       (prot & PGPROT_USER);
}

static void report_and_panic(struct pt_regs *regs, bool user)
{
	static int trap_depth;
	const char *name;
	bool overflow;

	name = trap_name(regs->cause);
	overflow = !user && riscv64_sp_in_guard(regs->sp);

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
#ifdef HAVE_SCHED
	/* The switch loaded the running task's guard (switch_to.S): name it. */
	if (overflow && current && current->thread.stack_guard == riscv64_stack_guard)
		pr_emerg("kernel stack overflow in task '%s' (pid %d)\n", current->comm,
			 current->pid);
#endif
	pr_emerg("Unhandled %s in %s mode at %016lx (scause %lx, stval %016lx)\n",
		 name, user ? "user" : "kernel", regs->epc, regs->cause, regs->badaddr);
	if (!user && is_page_fault(regs->cause) && kernel_touched_user_page(regs->badaddr))
		pr_emerg("riscv64: kernel access to a user page outside uaccess (SUM clear)\n");
	show_regs(regs);
	pr_emerg("Call Trace:\n");
	pr_emerg(" [<%016lx>] (epc)\n", regs->epc);
	/* A jump to data (no code at epc, no frame made there): the caller
	 * is in ra, which the frame walk would not show. */
	if (!user && !kernel_text(regs->epc) && kernel_text(regs->ra))
		pr_emerg(" [<%016lx>] (ra)\n", regs->ra);
	/* A user frame's s0 is the user's: walk the kernel's instead. */
	if (user)
		riscv64_show_backtrace((unsigned long)__builtin_frame_address(0), 0);
	else
		riscv64_show_backtrace(regs->s0, regs->ra);
	if (overflow)
		panic("kernel stack overflow at %016lx", regs->epc);
	panic("%s at %016lx", name, regs->epc);
}
