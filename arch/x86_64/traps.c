/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CPU exceptions, interrupts and backtraces. Every exception is fatal: the
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
#include <interfaces/panic.h>
#include <interfaces/printk.h>
#include <tessera/compiler.h>
#include <tessera/page.h>
#include <tessera/printk.h>
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
	if (++nr_unclaimed_irqs <= 4 || !(nr_unclaimed_irqs & 1023))
		printk(KERN_WARNING "x86_64: spurious interrupt on vector %lu "
		       "(%lu so far), no interrupt controller\n", vector,
		       nr_unclaimed_irqs);
}

static const char *const trap_names[32] = {
	[0]  = "divide error (#DE)",
	[1]  = "debug (#DB)",
	[2]  = "non-maskable interrupt (NMI)",
	[3]  = "breakpoint (#BP)",
	[4]  = "overflow (#OF)",
	[5]  = "bound range exceeded (#BR)",
	[6]  = "invalid opcode (#UD)",
	[7]  = "device not available (#NM)",
	[8]  = "double fault (#DF)",
	[9]  = "coprocessor segment overrun",
	[10] = "invalid TSS (#TS)",
	[11] = "segment not present (#NP)",
	[12] = "stack-segment fault (#SS)",
	[13] = "general protection fault (#GP)",
	[14] = "page fault (#PF)",
	[15] = "reserved vector 15",
	[16] = "x87 floating-point error (#MF)",
	[17] = "alignment check (#AC)",
	[18] = "machine check (#MC)",
	[19] = "SIMD floating-point exception (#XM)",
	[20] = "virtualization exception (#VE)",
	[21] = "control protection exception (#CP)",
	[22] = "reserved vector 22",
	[23] = "reserved vector 23",
	[24] = "reserved vector 24",
	[25] = "reserved vector 25",
	[26] = "reserved vector 26",
	[27] = "reserved vector 27",
	[28] = "hypervisor injection exception (#HV)",
	[29] = "VMM communication exception (#VC)",
	[30] = "security exception (#SX)",
	[31] = "reserved vector 31",
};

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

static void show_regs(const struct pt_regs *regs)
{
	printk(KERN_EMERG "RIP: %04lx:%016lx RFLAGS: %016lx\n",
	       (unsigned long)regs->cs, (unsigned long)regs->rip,
	       (unsigned long)regs->rflags);
	printk(KERN_EMERG "RSP: %04lx:%016lx\n",
	       (unsigned long)regs->ss, (unsigned long)regs->rsp);
	printk(KERN_EMERG "RAX: %016lx RBX: %016lx RCX: %016lx\n",
	       (unsigned long)regs->rax, (unsigned long)regs->rbx, (unsigned long)regs->rcx);
	printk(KERN_EMERG "RDX: %016lx RSI: %016lx RDI: %016lx\n",
	       (unsigned long)regs->rdx, (unsigned long)regs->rsi, (unsigned long)regs->rdi);
	printk(KERN_EMERG "RBP: %016lx R08: %016lx R09: %016lx\n",
	       (unsigned long)regs->rbp, (unsigned long)regs->r8, (unsigned long)regs->r9);
	printk(KERN_EMERG "R10: %016lx R11: %016lx R12: %016lx\n",
	       (unsigned long)regs->r10, (unsigned long)regs->r11, (unsigned long)regs->r12);
	printk(KERN_EMERG "R13: %016lx R14: %016lx R15: %016lx\n",
	       (unsigned long)regs->r13, (unsigned long)regs->r14, (unsigned long)regs->r15);
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
	/* What W^X refused, in words. */
	if ((err & X86_PF_PROT) && (err & X86_PF_INSTR))
		printk(KERN_EMERG "x86_64: instruction fetch from a non-executable page (NX)\n");
	else if ((err & X86_PF_PROT) && (err & X86_PF_WRITE))
		printk(KERN_EMERG "x86_64: write to a read-only page\n");
}

/*
 * Which kernel stack a fault at @address overflowed, if any: one of the
 * early stacks' guard pages (stacks.c), else an unmapped page right below
 * the stack pointer (a vmalloc'd stack's guard). NULL if neither.
 */
static const char *overflowed_stack(unsigned long address, unsigned long rsp)
{
	unsigned int i;

	for (i = 0; i < x86_64_nr_stacks; i++)
		if (address - x86_64_stacks[i].guard < PAGE_SIZE)
			return x86_64_stacks[i].name;
	if (rsp - address <= PAGE_SIZE && !x86_64_kernel_mapped(address))
		return "current";
	return NULL;
}

void x86_64_do_trap(struct pt_regs *regs)
{
	static unsigned int depth;
	unsigned long vector = regs->vector;
	const char *name;
	const char *stack = NULL;
	unsigned long cr2;

	if (vector >= NR_EXCEPTION_VECTORS) {
		if (handle_arch_irq)
			handle_arch_irq(regs);
		else
			unclaimed_irq(vector);
		return;
	}
	name = trap_names[vector];
	/* Read first: a fault while reporting would overwrite it. */
	cr2 = vector == X86_TRAP_PF || vector == X86_TRAP_DF ? read_cr2() : 0;

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
		stack = overflowed_stack(cr2, regs->rsp);
	if (stack)
		printk(KERN_EMERG "x86_64: kernel stack overflow on the %s stack "
		       "(guard page hit at %016lx, rsp %016lx)\n", stack, cr2,
		       (unsigned long)regs->rsp);

	printk(KERN_EMERG "x86_64: trap %lu: %s, error code 0x%lx\n", vector, name,
	       (unsigned long)regs->error_code);
	show_regs(regs);
	if (vector == X86_TRAP_PF)
		show_page_fault(regs, cr2);
	show_trace(regs->rip, regs->rsp, regs->rbp);
	if (stack)
		panic("x86_64: kernel stack overflow on the %s stack", stack);
	panic("x86_64: fatal %s at %016lx", name, (unsigned long)regs->rip);
}
