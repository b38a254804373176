/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The trap-return path (entry.S: the pops and iretq) must give back every
 * general-purpose register exactly. Each case loads all of them with a
 * distinct pattern in one asm block, takes an interrupt, and stores them
 * right after, still inside the block, so the compiler cannot touch them.
 *
 * - software_interrupt: `int $GPR_TEST_VECTOR` through an entry that
 *   checks the frame holds every pattern (the saves) and then inverts
 *   every slot: the registers must come back inverted, which only
 *   entry.S's restores from the frame can do, for callee-saved registers
 *   (which C would otherwise preserve) as much as for scratch ones.
 * - timer_interrupt: interrupts on, spinning until a real interrupt (the
 *   tick, when an interrupt controller runs one) has gone through the
 *   installed entry; skipped when no controller is installed.
 */
#include <asm/irqflags.h>
#include <asm/ptrace.h>
#include <interfaces/arch.h>
#include <interfaces/ktest.h>
#include <interfaces/printk.h>
#include <tessera/printk.h>
#include <tessera/compiler.h>

#define GPR_TEST_VECTOR 0xf0
#define NR_TEST_GPRS    16   /* 15 GPRs and %rsp */

u64 x86_gpr_after[NR_TEST_GPRS];
volatile u64 x86_gpr_spin_flag;
/* The spin's bound, counted down in memory: no register is free for it. */
volatile u64 x86_gpr_spin_budget;
volatile unsigned long x86_gpr_entry_calls;
static arch_irq_entry_t x86_gpr_chained;

/* The expected pattern of register slot @i. */
static u64 gpr_pattern(unsigned int i)
{
	return 0x1111111111111111ULL * (i + 1) ^ 0x8040201008040201ULL;
}

#define P(i) (0x1111111111111111ULL * ((i) + 1) ^ 0x8040201008040201ULL)

/* Frame slots that did not hold the pattern: the saves of entry.S. */
static unsigned long x86_gpr_bad_saves;

static void flip(u64 *slot, unsigned int i)
{
	if (*slot != P(i))
		x86_gpr_bad_saves++;
	*slot = ~*slot;
}

/*
 * Checks that entry.S saved every register into the frame, then inverts
 * every one: the registers must come back inverted, which only the
 * restores from the frame can do (a missing one would leave what C
 * preserved, i.e. the pattern, or what it clobbered).
 */
static void x86_gpr_flip_entry(struct pt_regs *regs)
{
	x86_gpr_entry_calls++;
	flip(&regs->rax, 0);
	flip(&regs->rbx, 1);
	flip(&regs->rcx, 2);
	flip(&regs->rdx, 3);
	flip(&regs->rsi, 4);
	flip(&regs->rdi, 5);
	flip(&regs->rbp, 6);
	flip(&regs->r8, 7);
	flip(&regs->r9, 8);
	flip(&regs->r10, 9);
	flip(&regs->r11, 10);
	flip(&regs->r12, 11);
	flip(&regs->r13, 12);
	flip(&regs->r14, 13);
	flip(&regs->r15, 14);
}

/* The real entry, then a flag the spinning asm waits for. */
static void gpr_chain_entry(struct pt_regs *regs)
{
	x86_gpr_chained(regs);
	x86_gpr_spin_flag = 1;
}

/*
 * Load the patterns, run @TRIGGER, store every register. %rbp is the frame
 * pointer, so it is saved on the stack around the block; %rsp is stored
 * before and after to show the stack came back where it was.
 */
#define GPR_TEST_ASM(TRIGGER)                                                  \
	__asm__ __volatile__(                                                  \
		"pushq %%rbp\n\t"                                              \
		"movq %%rsp, x86_gpr_after+15*8(%%rip)\n\t"                    \
		"movabsq %[p0], %%rax\n\t"  "movabsq %[p1], %%rbx\n\t"         \
		"movabsq %[p2], %%rcx\n\t"  "movabsq %[p3], %%rdx\n\t"         \
		"movabsq %[p4], %%rsi\n\t"  "movabsq %[p5], %%rdi\n\t"         \
		"movabsq %[p6], %%rbp\n\t"  "movabsq %[p7], %%r8\n\t"          \
		"movabsq %[p8], %%r9\n\t"   "movabsq %[p9], %%r10\n\t"         \
		"movabsq %[p10], %%r11\n\t" "movabsq %[p11], %%r12\n\t"        \
		"movabsq %[p12], %%r13\n\t" "movabsq %[p13], %%r14\n\t"        \
		"movabsq %[p14], %%r15\n\t"                                    \
		TRIGGER                                                        \
		"movq %%rax, x86_gpr_after+0*8(%%rip)\n\t"                     \
		"movq %%rbx, x86_gpr_after+1*8(%%rip)\n\t"                     \
		"movq %%rcx, x86_gpr_after+2*8(%%rip)\n\t"                     \
		"movq %%rdx, x86_gpr_after+3*8(%%rip)\n\t"                     \
		"movq %%rsi, x86_gpr_after+4*8(%%rip)\n\t"                     \
		"movq %%rdi, x86_gpr_after+5*8(%%rip)\n\t"                     \
		"movq %%rbp, x86_gpr_after+6*8(%%rip)\n\t"                     \
		"movq %%r8, x86_gpr_after+7*8(%%rip)\n\t"                      \
		"movq %%r9, x86_gpr_after+8*8(%%rip)\n\t"                      \
		"movq %%r10, x86_gpr_after+9*8(%%rip)\n\t"                     \
		"movq %%r11, x86_gpr_after+10*8(%%rip)\n\t"                    \
		"movq %%r12, x86_gpr_after+11*8(%%rip)\n\t"                    \
		"movq %%r13, x86_gpr_after+12*8(%%rip)\n\t"                    \
		"movq %%r14, x86_gpr_after+13*8(%%rip)\n\t"                    \
		"movq %%r15, x86_gpr_after+14*8(%%rip)\n\t"                    \
		"movq x86_gpr_after+15*8(%%rip), %%rax\n\t"                    \
		"subq %%rsp, %%rax\n\t"                                        \
		"movq %%rax, x86_gpr_after+15*8(%%rip)\n\t"                    \
		"popq %%rbp\n\t"                                               \
		: : [p0] "i"(P(0)), [p1] "i"(P(1)), [p2] "i"(P(2)),            \
		  [p3] "i"(P(3)), [p4] "i"(P(4)), [p5] "i"(P(5)),              \
		  [p6] "i"(P(6)), [p7] "i"(P(7)), [p8] "i"(P(8)),              \
		  [p9] "i"(P(9)), [p10] "i"(P(10)), [p11] "i"(P(11)),          \
		  [p12] "i"(P(12)), [p13] "i"(P(13)), [p14] "i"(P(14))         \
		: "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", \
		  "r11", "r12", "r13", "r14", "r15", "memory", "cc")

static void check_gprs(struct ktest *t, bool flipped)
{
	static const char *const names[NR_TEST_GPRS - 1] = {
		"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "r8",
		"r9", "r10", "r11", "r12", "r13", "r14", "r15",
	};
	unsigned int i;

	for (i = 0; i < NR_TEST_GPRS - 1; i++) {
		u64 want = flipped ? ~gpr_pattern(i) : gpr_pattern(i);

		if (x86_gpr_after[i] != want)
			ktest_fail(t, __FILE__, __LINE__, "%%%s is %016lx, expected %016lx",
				   names[i], (unsigned long)x86_gpr_after[i],
				   (unsigned long)want);
	}
	/* %rsp: the difference between before and after. */
	KTEST_EXPECT_EQ(t, x86_gpr_after[NR_TEST_GPRS - 1], 0);
}

static void software_interrupt(struct ktest *t)
{
	unsigned long flags = arch_irq_save();
	arch_irq_entry_t old = arch_set_handle_irq(x86_gpr_flip_entry);
	unsigned long calls = x86_gpr_entry_calls;

	x86_gpr_bad_saves = 0;
	GPR_TEST_ASM("int $" STRINGIFY(GPR_TEST_VECTOR) "\n\t");
	arch_set_handle_irq(old);
	arch_irq_restore(flags);
	KTEST_EXPECT_EQ(t, x86_gpr_entry_calls, calls + 1);
	KTEST_EXPECT_EQ(t, x86_gpr_bad_saves, 0);
	check_gprs(t, true);
}

static void timer_interrupt(struct ktest *t)
{
	unsigned long flags = arch_irq_save();

	x86_gpr_chained = arch_set_handle_irq(gpr_chain_entry);
	if (!x86_gpr_chained) {
		arch_irq_restore(flags);
		printk(KERN_INFO "# timer_interrupt: no interrupt controller, nothing to wait for\n");
		return;
	}
	x86_gpr_spin_flag = 0;
	/* Seconds of TCG time; the tick comes every few milliseconds. */
	x86_gpr_spin_budget = 1000000000;
	GPR_TEST_ASM("sti\n\t"
		     "1: decq x86_gpr_spin_budget(%%rip)\n\t"
		     "jz 2f\n\t"
		     "cmpq $0, x86_gpr_spin_flag(%%rip)\n\t"
		     "je 1b\n\t"
		     "2: cli\n\t");
	arch_set_handle_irq(x86_gpr_chained);
	arch_irq_restore(flags);
	/*
	 * An interrupt controller but no tick (a product without `time`):
	 * nothing interrupted the spin, and software_interrupt has covered the
	 * return path. With a tick, time's jiffies_advance fails if none comes.
	 */
	if (!x86_gpr_spin_flag) {
		printk(KERN_INFO "# timer_interrupt: no interrupt came (no tick in this product)\n");
		return;
	}
	check_gprs(t, false);
}

KTEST_SUITE(x86_64_trap_return,
	    KTEST_CASE(software_interrupt),
	    KTEST_CASE(timer_interrupt));
