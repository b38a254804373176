/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The trap-return path (entry.S: the loads and sret) must give back every
 * general-purpose register exactly. Each case saves ra, s0 (the frame
 * pointer), gp and tp, loads x1, x3 and x5-x31 with distinct patterns (tp,
 * x4, keeps its value: it is the per-CPU pointer the kernel's C code, the
 * interrupt path included, relies on, and must equally come back), takes an
 * interrupt, stores all 32 on the stack and copies them out, all inside one
 * asm block so the compiler cannot touch them.
 *
 * - software_interrupt: sip.SSIP raised by the test, taken through an
 *   entry that checks the frame holds every pattern (the saves) and then
 *   inverts every slot: the registers must come back inverted, which only
 *   entry.S's restores from the frame can do, for callee-saved registers
 *   (which C would otherwise preserve) as much as for scratch ones.
 * - timer_interrupt: wfi with interrupts on until a real interrupt (the
 *   tick, when a clock runs one) has gone through the installed entry.
 */
#include <asm/csr.h>
#include <asm/ptrace.h>
#include <interfaces/arch.h>
#include <interfaces/ktest.h>
#include <interfaces/printk.h>
#include <tessera/printk.h>
#include <tessera/compiler.h>

#define NR_GPRS 32

u64 rv_gpr_after[NR_GPRS];
volatile unsigned long rv_gpr_entry_calls;
volatile unsigned long rv_gpr_spin_flag;
static arch_irq_entry_t rv_gpr_chained;

#define P(n) (0x0101010101010101UL * (n) ^ 0x8040201008040201UL)

/* Frame slots (asm/ptrace.h: x<n> at slot n) that held the wrong value. */
static unsigned long rv_gpr_bad_saves;

/*
 * Checks that entry.S saved every register into the frame, then inverts
 * every slot but sp's: the registers must come back inverted, which only
 * the restores from the frame can do (a missing one would leave what C
 * preserved, i.e. the pattern, or what it clobbered).
 */
static unsigned long kernel_tp(void)
{
	unsigned long tp;

	__asm__ __volatile__("mv %0, tp" : "=r"(tp));
	return tp;
}

static void rv_gpr_flip_entry(struct pt_regs *regs)
{
	unsigned long *slot = (unsigned long *)regs;
	unsigned int n;

	rv_gpr_entry_calls++;
	csr_clear(sip, SIE_SSIE);
	if (slot[4] != kernel_tp())
		rv_gpr_bad_saves++;
	for (n = 1; n < NR_GPRS; n++) {
		if (n == 2 || n == 4)
			continue;
		if (slot[n] != P(n))
			rv_gpr_bad_saves++;
		slot[n] = ~slot[n];
	}
}

static void gpr_chain_entry(struct pt_regs *regs)
{
	rv_gpr_chained(regs);
	rv_gpr_spin_flag = 1;
}

#define LI(n) "li x" #n ", %[p" #n "]\n\t"
#define SD(n) "sd x" #n ", 40+8*" #n "(sp)\n\t"
#define PI(n) [p##n] "i"(P(n))

#define GPR_TEST_ASM(TRIGGER)                                                  \
	__asm__ __volatile__(                                                  \
		"addi sp, sp, -320\n\t"                                        \
		"sd ra, 0(sp)\n\t" "sd s0, 8(sp)\n\t"                          \
		"sd gp, 16(sp)\n\t" "sd tp, 24(sp)\n\t"                        \
		LI(1) LI(3) LI(5) LI(6) LI(7) LI(8) LI(9) LI(10)         \
		LI(11) LI(12) LI(13) LI(14) LI(15) LI(16) LI(17) LI(18)        \
		LI(19) LI(20) LI(21) LI(22) LI(23) LI(24) LI(25) LI(26)        \
		LI(27) LI(28) LI(29) LI(30) LI(31)                             \
		TRIGGER                                                        \
		SD(1) SD(2) SD(3) SD(4) SD(5) SD(6) SD(7) SD(8) SD(9) SD(10)   \
		SD(11) SD(12) SD(13) SD(14) SD(15) SD(16) SD(17) SD(18)        \
		SD(19) SD(20) SD(21) SD(22) SD(23) SD(24) SD(25) SD(26)        \
		SD(27) SD(28) SD(29) SD(30) SD(31)                             \
		"la t0, rv_gpr_after\n\t"                                      \
		"addi t1, sp, 40\n\t"                                          \
		"li t2, 32\n\t"                                                \
		"1: ld t3, 0(t1)\n\t"                                          \
		"sd t3, 0(t0)\n\t"                                             \
		"addi t1, t1, 8\n\t"                                           \
		"addi t0, t0, 8\n\t"                                           \
		"addi t2, t2, -1\n\t"                                          \
		"bnez t2, 1b\n\t"                                              \
		/* x2 slot: sp as stored, minus the frame: the caller's sp. */ \
		"ld ra, 0(sp)\n\t" "ld s0, 8(sp)\n\t"                          \
		"ld gp, 16(sp)\n\t" "ld tp, 24(sp)\n\t"                        \
		"addi sp, sp, 320\n\t"                                         \
		: : PI(1), PI(3), PI(5), PI(6), PI(7), PI(8), PI(9),    \
		  PI(10), PI(11), PI(12), PI(13), PI(14), PI(15), PI(16),      \
		  PI(17), PI(18), PI(19), PI(20), PI(21), PI(22), PI(23),      \
		  PI(24), PI(25), PI(26), PI(27), PI(28), PI(29), PI(30), PI(31) \
		: "t0", "t1", "t2", "s1", "a0", "a1", "a2", "a3", "a4", "a5",  \
		  "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9",  \
		  "s10", "s11", "t3", "t4", "t5", "t6", "memory")

static void check_gprs(struct ktest *t, bool flipped)
{
	unsigned int n;

	for (n = 1; n < NR_GPRS; n++) {
		u64 want = flipped ? ~P(n) : P(n);

		/* sp (x2) is stored inside the block's own frame; not a pattern. */
		if (n == 2)
			continue;
		/* tp (x4) is never flipped: it must simply be the same. */
		if (n == 4)
			want = kernel_tp();
		if (rv_gpr_after[n] != want)
			ktest_fail(t, __FILE__, __LINE__, "x%u is %016lx, expected %016lx", n,
				   (unsigned long)rv_gpr_after[n], (unsigned long)want);
	}
}

static void software_interrupt(struct ktest *t)
{
	unsigned long flags = arch_irq_save();
	arch_irq_entry_t old = arch_set_handle_irq(rv_gpr_flip_entry);
	unsigned long calls = rv_gpr_entry_calls;

	rv_gpr_bad_saves = 0;
	unsigned long sie = csr_read(sie);

	csr_write(sie, SIE_SSIE);
	/* SSIP, then SIE: the interrupt is taken at once, on the csrsi. */
	GPR_TEST_ASM("csrsi sip, 2\n\t"
		     "csrsi sstatus, 2\n\t"
		     "nop\n\t"
		     "csrci sstatus, 2\n\t");
	csr_write(sie, sie);
	arch_set_handle_irq(old);
	arch_irq_restore(flags);
	KTEST_EXPECT_EQ(t, rv_gpr_entry_calls, calls + 1);
	KTEST_EXPECT_EQ(t, rv_gpr_bad_saves, 0);
	check_gprs(t, true);
}

static void timer_interrupt(struct ktest *t)
{
	unsigned long flags = arch_irq_save();
	unsigned int tries;

	rv_gpr_chained = arch_set_handle_irq(gpr_chain_entry);
	if (!rv_gpr_chained) {
		arch_irq_restore(flags);
		printk(KERN_INFO "# timer_interrupt: no interrupt controller, nothing to wait for\n");
		return;
	}
	/* No tick armed (a product without `time`): wfi would wait forever. */
	if (!(csr_read(sie) & SIE_STIE)) {
		arch_set_handle_irq(rv_gpr_chained);
		arch_irq_restore(flags);
		printk(KERN_INFO "# timer_interrupt: no tick in this product\n");
		return;
	}
	rv_gpr_spin_flag = 0;
	/* wfi may return without an interrupt: try again, checking each time. */
	for (tries = 0; tries < 1000 && !rv_gpr_spin_flag; tries++) {
		GPR_TEST_ASM("csrsi sstatus, 2\n\t"
			     "wfi\n\t"
			     "nop\n\t"
			     "csrci sstatus, 2\n\t");
		check_gprs(t, false);
	}
	arch_set_handle_irq(rv_gpr_chained);
	arch_irq_restore(flags);
	/* No tick in this product: software_interrupt covered the return path. */
	if (!rv_gpr_spin_flag)
		printk(KERN_INFO "# timer_interrupt: no interrupt came (no tick in this product)\n");
}

KTEST_SUITE(riscv64_trap_return,
	    KTEST_CASE(software_interrupt),
	    KTEST_CASE(timer_interrupt));
