/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CPU exceptions, interrupts and backtraces. A page fault from user mode
 * or from a uaccess routine goes to mm's handle_page_fault() (then, on
 * failure, a signal or the uaccess fixup); another trap from user mode
 * becomes a signal. Every other exception is fatal: the
 * report says what trapped and where, with the registers and the
 * interrupted call chain, then panic() stops the kernel with a failure
 * status. Interrupts (vectors 32-255) are not: they go to the entry an
 * interrupt controller installed (arch_set_handle_irq), or, with none
 * installed, are counted and reported as spurious, rate-limited.
 */
#include <asm/cpu.h>
#include <asm/memory.h>
#include <asm/ptrace.h>
#include <asm/sections.h>
#include <asm/traps.h>
#include <interfaces/arch.h>
#include <interfaces/lib.h>
#include <interfaces/panic.h>
#include <interfaces/printk.h>
#include <tessera/compiler.h>
#include <tessera/page.h>
#include <tessera/printk.h>
#include <tessera/sched.h>
#include "x86_64.h"

#include "mmu.h"

#define X86_TRAP_DF        8
#define X86_TRAP_PF        14
#define BACKTRACE_MAX_DEPTH 32

/* Page-fault error code bits (SDM Vol. 3A, 4.7). */
#define X86_PF_PROT  (1UL << 0)
#define X86_PF_WRITE (1UL << 1)
#define X86_PF_USER  (1UL << 2)
#define X86_PF_RSVD  (1UL << 3)
#define X86_PF_INSTR (1UL << 4)

/* Signals and codes the arch raises (Linux's values). */
#define SIGILL      4
#define SIGTRAP     5
#define SIGBUS      7
#define SIGFPE      8
#define SIGKILL     9
#define SIGSEGV     11
#define SI_KERNEL   0x80
#define ILL_ILLOPN  2
#define FPE_INTDIV  1
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRERR  2
#define TRAP_BRKPT  1

/* handle_page_fault()'s results (tessera/mm.h). */
#define VM_FAULT_SIGSEGV_ACCERR 2
#define VM_FAULT_SIGBUS         3
#define VM_FAULT_OOM            4
#define FAULT_FLAG_WRITE        0x01
#define FAULT_FLAG_USER         0x02
#define FAULT_FLAG_INSTRUCTION  0x04
#define FAULT_FLAG_PRESENT      0x08

/*
 * mm's fault handler and the process core's signal, when the product has
 * them: weak, since neither interface can be required by the arch (both
 * require it). Without mm every user fault fails; without the process
 * core a failed user fault is reported and fatal, as a kernel one.
 */
extern int handle_page_fault(unsigned long address, unsigned int flags) __attribute__((__weak__));
extern int force_sig_fault(int sig, int code, void __user *addr) __attribute__((__weak__));
void x86_64_exit_to_user(struct pt_regs *regs);

/* A ktest's catcher of user-mode traps nothing else takes (see x86_64.h). */
void (*x86_64_user_trap_hook)(struct pt_regs *regs);

static arch_irq_entry_t handle_arch_irq;
static unsigned long nr_unclaimed_irqs;

arch_irq_entry_t x86_64_arch_set_handle_irq(arch_irq_entry_t entry)
{
	arch_irq_entry_t old = handle_arch_irq;

	handle_arch_irq = entry;
	return old;
}

/* No controller installed an entry: say so for the first few, then count. */
static void unclaimed_irq(unsigned long vector)
{
	/* X86_VECTOR_SHARED: the product has no per-vector stubs (entry.S). */
	if (++nr_unclaimed_irqs <= 4 || !(nr_unclaimed_irqs & 1023))
		printk(KERN_WARNING "x86_64: spurious interrupt on vector %lu%s "
		       "(%lu so far), no interrupt controller\n", vector,
		       vector == X86_VECTOR_SHARED ? " (one of 32-255)" : "",
		       nr_unclaimed_irqs);
}

/*
 * The exceptions' names, in vector order, packed one after the other: no
 * table of 32 pointers (256 bytes of rodata and as many relocations).
 */
static const char trap_names[] =
	"divide error (#DE)\0"
	"debug (#DB)\0"
	"non-maskable interrupt (NMI)\0"
	"breakpoint (#BP)\0"
	"overflow (#OF)\0"
	"bound range exceeded (#BR)\0"
	"invalid opcode (#UD)\0"
	"device not available (#NM)\0"
	"double fault (#DF)\0"
	"coprocessor segment overrun\0"
	"invalid TSS (#TS)\0"
	"segment not present (#NP)\0"
	"stack-segment fault (#SS)\0"
	"general protection fault (#GP)\0"
	"page fault (#PF)\0"
	"reserved\0"
	"x87 floating-point error (#MF)\0"
	"alignment check (#AC)\0"
	"machine check (#MC)\0"
	"SIMD floating-point exception (#XM)\0"
	"virtualization exception (#VE)\0"
	"control protection exception (#CP)\0"
	"reserved\0"
	"reserved\0"
	"reserved\0"
	"reserved\0"
	"reserved\0"
	"reserved\0"
	"hypervisor injection exception (#HV)\0"
	"VMM communication exception (#VC)\0"
	"security exception (#SX)\0"
	"reserved\0";

static const char *trap_name(unsigned long vector)
{
	const char *name = trap_names;

	while (vector--)
		name += strlen(name) + 1;
	return name;
}

/*
 * A frame that is not mapped (NULL, user space, a guard page, garbage)
 * would fault if followed, so the page tables are asked first. Frames
 * must also be aligned and move up the stack, which bounds the walk even
 * when the chain has been overwritten into a loop.
 */
static bool frame_ok(unsigned long frame, unsigned long prev)
{
	if (frame > UINT64_MAX - 16 || (frame & 7))
		return false;
	/* Two words, aligned: both in one page. */
	if (!x86_64_kernel_mapped(frame))
		return false;
	return prev == 0 || frame > prev;
}

static bool kernel_text(unsigned long addr)
{
	return addr >= (unsigned long)_text && addr < (unsigned long)_etext;
}

/*
 * From a trap: @rip and @rsp of the interrupted code, else 0. GCC gives a
 * leaf function that needs no stack no frame at all, even with
 * -fno-omit-frame-pointer, so when one traps %rbp is still its caller's
 * and the walk would skip that caller. Its return address is then the word
 * at the top of the stack: shown, marked '?' as Linux marks a guess, when
 * it points into kernel text.
 */
static void show_trace(unsigned long rip, unsigned long rsp, unsigned long rbp)
{
	unsigned long frame = rbp, prev = 0;
	unsigned int depth;

	printk(KERN_EMERG "Call Trace:\n");
	if (rip)
		printk(KERN_EMERG " [<%016lx>]\n", rip);
	if (rsp && frame_ok(rsp, 0) && rsp < rbp) {
		unsigned long top = *(const unsigned long *)rsp;

		if (kernel_text(top))
			printk(KERN_EMERG " [<%016lx>] ?\n", top);
	}
	for (depth = 0; depth < BACKTRACE_MAX_DEPTH && frame_ok(frame, prev); depth++) {
		const unsigned long *fp = (const unsigned long *)frame;
		unsigned long ret = fp[1];

		if (!ret)
			break;
		/* A smashed frame: show the value once, do not follow it. */
		if (!kernel_text(ret)) {
			printk(KERN_EMERG " [<%016lx>] (not kernel text, stopping)\n", ret);
			break;
		}
		printk(KERN_EMERG " [<%016lx>]\n", ret);
		prev = frame;
		frame = fp[0];
	}
	if (depth == BACKTRACE_MAX_DEPTH)
		printk(KERN_EMERG " ...\n");
}

/* noinline: the walk must start at this function's own frame. */
__attribute__((__noinline__)) void x86_64_arch_dump_stack(void)
{
	show_trace(0, 0, (unsigned long)__builtin_frame_address(0));
}

/* Report order; pt_regs holds them in reverse, r15 first (asm/ptrace.h). */
static const char gpr_names[] = "RAXRBXRCXRDXRSIRDIRBPR08R09R10R11R12R13R14R15";

static void show_regs(const struct pt_regs *regs)
{
	const u64 *gpr = &regs->r15;    /* r15 ... rax: 15 u64 in a row */
	unsigned int i;

	printk(KERN_EMERG "RIP: %04lx:%016lx RFLAGS: %016lx\n",
	       (unsigned long)regs->cs, (unsigned long)regs->rip,
	       (unsigned long)regs->rflags);
	printk(KERN_EMERG "RSP: %04lx:%016lx\n",
	       (unsigned long)regs->ss, (unsigned long)regs->rsp);
	/* Three a line, RAX first: one format instead of five. */
	for (i = 0; i < 15; i += 3)
		printk(KERN_EMERG "%.3s: %016lx %.3s: %016lx %.3s: %016lx\n",
		       gpr_names + 3 * i, (unsigned long)gpr[14 - i],
		       gpr_names + 3 * i + 3, (unsigned long)gpr[13 - i],
		       gpr_names + 3 * i + 6, (unsigned long)gpr[12 - i]);
}

static void show_page_fault(const struct pt_regs *regs, unsigned long address)
{
	unsigned long err = regs->error_code;

	printk(KERN_EMERG "CR2: %016lx (%s %s, %s%s%s)\n", address,
	       err & X86_PF_USER ? "user" : "kernel",
	       err & X86_PF_INSTR ? "instruction fetch" :
	       err & X86_PF_WRITE ? "write" : "read",
	       err & X86_PF_PROT ? "protection violation" : "page not present",
	       err & X86_PF_RSVD ? ", reserved bit set" : "",
	       address < 4096 ? ", NULL pointer dereference" : "");
	/* What SMEP/SMAP and W^X refused, in words. */
	if (!(err & X86_PF_USER) && (err & X86_PF_PROT) && address < TASK_SIZE)
		printk(KERN_EMERG "x86_64: kernel %s a user page (%s)\n",
		       err & X86_PF_INSTR ? "executing" : "accessing",
		       err & X86_PF_INSTR ? "SMEP" : "SMAP");
	else if ((err & X86_PF_PROT) && (err & X86_PF_INSTR))
		printk(KERN_EMERG "x86_64: instruction fetch from a non-executable page (NX)\n");
	else if ((err & X86_PF_PROT) && (err & X86_PF_WRITE))
		printk(KERN_EMERG "x86_64: write to a read-only page\n");
}

static int do_handle_page_fault(struct pt_regs *regs, unsigned long address,
				unsigned int flags)
{
	int ret = 1;    /* VM_FAULT_SIGSEGV_MAPERR */

	if (!handle_page_fault)
		return ret;
	/* It may sleep (allocate, read a file): as the interrupted code could. */
	if (regs->rflags & 0x200)
		x86_64_arch_irq_enable();
	ret = handle_page_fault(address, flags);
	x86_64_arch_irq_disable();
	return ret;
}

static unsigned int page_fault_flags(unsigned long err)
{
	unsigned int flags = 0;

	if (err & X86_PF_WRITE)
		flags |= FAULT_FLAG_WRITE;
	if (err & X86_PF_USER)
		flags |= FAULT_FLAG_USER;
	if (err & X86_PF_INSTR)
		flags |= FAULT_FLAG_INSTRUCTION;
	if (err & X86_PF_PROT)
		flags |= FAULT_FLAG_PRESENT;
	return flags;
}

/*
 * A trap from user mode: a page fault mm resolves, else a signal from the
 * process core (delivered on the way out), else a test's hook. false:
 * nobody took it, report it as fatal.
 */
static bool user_trap(struct pt_regs *regs, unsigned long vector, unsigned long cr2)
{
	int sig = SIGSEGV, code = SI_KERNEL;
	unsigned long addr = regs->rip;

	if (vector == X86_TRAP_PF) {
		int ret = do_handle_page_fault(regs, cr2, page_fault_flags(regs->error_code));

		if (!ret) {
			x86_64_exit_to_user(regs);
			return true;
		}
		addr = cr2;
		code = SEGV_MAPERR;
		if (ret == VM_FAULT_SIGSEGV_ACCERR)
			code = SEGV_ACCERR;
		else if (ret == VM_FAULT_SIGBUS)
			sig = SIGBUS, code = BUS_ADRERR;
		else if (ret == VM_FAULT_OOM)
			sig = SIGKILL, code = SI_KERNEL;
	} else if (vector == 0) {
		sig = SIGFPE, code = FPE_INTDIV;
	} else if (vector == 6) {
		sig = SIGILL, code = ILL_ILLOPN;
	} else if (vector == 1 || vector == 3) {
		sig = SIGTRAP, code = TRAP_BRKPT;
	} else if (vector == 16 || vector == 19) {
		sig = SIGFPE, code = 0;
	} else if (vector == 17) {
		sig = SIGBUS, code = BUS_ADRERR;
	}
	if (x86_64_user_trap_hook) {
		x86_64_user_trap_hook(regs);
		return true;
	}
	if (force_sig_fault) {
		force_sig_fault(sig, code, (void __user *)addr);
		x86_64_exit_to_user(regs);
		return true;
	}
	return false;
}

/*
 * A kernel fault on a user address inside a uaccess routine: mm may map
 * the page (retry), else resume at the routine's fixup.
 */
static bool uaccess_fault(struct pt_regs *regs, unsigned long cr2)
{
	unsigned long fixup = x86_64_search_extable(regs->rip);

	if (!fixup)
		return false;
	/*
	 * mm only for a user address the routine meant to touch: with SMAP
	 * on, an access without stac (AC clear) is refused even on a mapped
	 * page, and retrying it would loop.
	 */
	if (cr2 < TASK_SIZE && (!x86_64_smap || (regs->rflags & (1UL << 18))) &&
	    !do_handle_page_fault(regs, cr2, page_fault_flags(regs->error_code)))
		return true;
	regs->rip = fixup;
	return true;
}

/*
 * Which kernel stack a fault at @address overflowed, if any: one of the
 * early stacks' guard pages (stacks.c), else the guard page of the current
 * task's stack (thread_struct.stack_guard, set when the scheduler gave it
 * a vmalloc'd stack), then *@task is set. NULL if neither.
 */
static const char *overflowed_stack(unsigned long address, struct task_struct **task)
{
	unsigned int i;

	for (i = 0; i < x86_64_nr_stacks; i++)
		if (address - x86_64_stacks[i].guard < PAGE_SIZE)
			return x86_64_stacks[i].name;
#ifdef HAVE_SCHED
	/* Only with the scheduler are there tasks (a product without pays nothing). */
	{
		struct task_struct *cur = arch_get_current();

		if (cur && cur->thread.stack_guard &&
		    address - cur->thread.stack_guard < PAGE_SIZE) {
			*task = cur;
			return cur->comm;
		}
	}
#else
	(void)task;
#endif
	return NULL;
}

void x86_64_do_trap(struct pt_regs *regs)
{
	static unsigned int depth;
	unsigned long vector = regs->vector;
	const char *name;
	const char *stack = NULL;
	struct task_struct *task = NULL;
	unsigned long cr2;

	if (vector >= NR_EXCEPTION_VECTORS) {
		if (handle_arch_irq)
			handle_arch_irq(regs);
		else
			unclaimed_irq(vector);
		if (user_mode(regs))
			x86_64_exit_to_user(regs);
		return;
	}
	name = trap_name(vector);
	/* Read first: a fault while reporting would overwrite it. */
	cr2 = vector == X86_TRAP_PF || vector == X86_TRAP_DF ? read_cr2() : 0;

	if (user_mode(regs)) {
		if (user_trap(regs, vector, cr2))
			return;
	} else if (vector == X86_TRAP_PF && uaccess_fault(regs, cr2)) {
		return;
	}

	/* A trap while reporting one: the console may be what faults. */
	if (++depth > 1) {
		if (depth == 2)
			printk(KERN_EMERG "x86_64: trap %lu (%s) while reporting a trap\n",
			       vector, name);
		x86_64_arch_poweroff(1);
	}

	/*
	 * A stack overflow: the push into the guard page faults, the CPU
	 * cannot push the #PF frame on the same stack and raises #DF, which
	 * runs on its own IST stack; CR2 holds the guard address.
	 */
	if (vector == X86_TRAP_PF || vector == X86_TRAP_DF)
		stack = overflowed_stack(cr2, &task);
	if (task)
		printk(KERN_EMERG "x86_64: kernel stack overflow on the stack of task '%s' "
		       "(pid %d, guard page hit at %016lx, rsp %016lx)\n", stack, task->pid,
		       cr2, (unsigned long)regs->rsp);
	else if (stack)
		printk(KERN_EMERG "x86_64: kernel stack overflow on the %s stack "
		       "(guard page hit at %016lx, rsp %016lx)\n", stack, cr2,
		       (unsigned long)regs->rsp);

	printk(KERN_EMERG "x86_64: trap %lu: %s, error code 0x%lx\n", vector, name,
	       (unsigned long)regs->error_code);
	show_regs(regs);
	if (vector == X86_TRAP_PF)
		show_page_fault(regs, cr2);
	show_trace(regs->rip, regs->rsp, regs->rbp);
	if (task)
		panic("x86_64: kernel stack overflow on the stack of task '%s'", stack);
	if (stack)
		panic("x86_64: kernel stack overflow on the %s stack", stack);
	panic("x86_64: fatal %s at %016lx", name, (unsigned long)regs->rip);
}
