/* SPDX-License-Identifier: Apache-2.0 */
/*
 * User address spaces and user mode on riscv64, without the process core:
 *
 * - pgtable_user_space: pgtable_create() gives a root with the kernel half
 *   and an empty user half; a user page maps with PTE_U; activate/destroy.
 * - pgtable_kernel_sync: a kernel mapping made after the create, in a root
 *   entry that did not exist, shows in the user space too.
 * - user_mode_ecall: a user page of code (below) and a user stack in a
 *   created space; the test leaves for user mode through start_thread()
 *   and arch_return_to_user(), the program makes a system call with six
 *   arguments (getpid's number) and then exit's with the result + 1: the
 *   hook sees both numbers and arguments, in user mode, and the second
 *   proves the first's return value came back in a0. The hook's exit
 *   jumps back into the test (a setjmp/longjmp of its own), which ran the
 *   user part on a stack of its own so that the entry's frame at the top
 *   of it clobbers nothing.
 */
#include <tessera/boot.h>
#include <tessera/compiler.h>
#include <tessera/errno.h>
#include <tessera/page.h>
#include <tessera/pgtable.h>
#include <asm/csr.h>
#include <asm/memory.h>
#include <interfaces/arch.h>
#include <interfaces/ktest.h>
#include <interfaces/lib.h>
#include <interfaces/mmu.h>
#include <interfaces/printk.h>
#include <tessera/printk.h>
#include <interfaces/page_alloc.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <tessera/sched.h>
#include <interfaces/arch_process.h>
#include "../pgtable.h"
#include "../riscv64.h"

/* The user program: position-independent, copied into a user page. */
__asm__(".section .rodata.rv_user_prog, \"a\"\n"
	".balign 4\n"
	".globl rv_user_prog, rv_user_prog_end\n"
	"rv_user_prog:\n"
	"li a0, 11\n li a1, 22\n li a2, 33\n li a3, 44\n li a4, 55\n li a5, 66\n"
	"li a7, 172\n"                 /* getpid */
	"ecall\n"
	"addi a0, a0, 1\n"
	"li a7, 93\n"                  /* exit */
	"ecall\n"
	"1: j 1b\n"
	"rv_user_prog_end:\n"
	".previous\n");
extern const char rv_user_prog[], rv_user_prog_end[];

/* A minimal setjmp/longjmp: ra, sp, s0-s11. */
struct rv_jmp {
	unsigned long ra, sp, s[12];
};
__asm__(".section .text.rv_user_setjmp, \"ax\"\n"
	".balign 4\n"
	".globl rv_user_setjmp, rv_user_longjmp\n"
	"rv_user_setjmp:\n"
	"sd ra, 0(a0)\n sd sp, 8(a0)\n"
	"sd s0, 16(a0)\n sd s1, 24(a0)\n sd s2, 32(a0)\n sd s3, 40(a0)\n"
	"sd s4, 48(a0)\n sd s5, 56(a0)\n sd s6, 64(a0)\n sd s7, 72(a0)\n"
	"sd s8, 80(a0)\n sd s9, 88(a0)\n sd s10, 96(a0)\n sd s11, 104(a0)\n"
	"li a0, 0\n ret\n"
	"rv_user_longjmp:\n"
	"ld ra, 0(a0)\n ld sp, 8(a0)\n"
	"ld s0, 16(a0)\n ld s1, 24(a0)\n ld s2, 32(a0)\n ld s3, 40(a0)\n"
	"ld s4, 48(a0)\n ld s5, 56(a0)\n ld s6, 64(a0)\n ld s7, 72(a0)\n"
	"ld s8, 80(a0)\n ld s9, 88(a0)\n ld s10, 96(a0)\n ld s11, 104(a0)\n"
	"mv a0, a1\n ret\n"
	".previous\n");
int rv_user_setjmp(struct rv_jmp *jb) __attribute__((__returns_twice__));
_Noreturn void rv_user_longjmp(struct rv_jmp *jb, int val);

#define USER_TEST_VA 0x10000UL

static unsigned long satp_root(void)
{
	return (csr_read(satp) & ((1UL << 44) - 1)) << PAGE_SHIFT;
}

static void pgtable_user_space(struct ktest *t)
{
	struct pgtable *pt = pgtable_create();
	unsigned long page = __get_free_pages(GFP_KERNEL, 0);
	unsigned long kroot = satp_root();
	unsigned long before = nr_free_pages();
	phys_addr_t pa;
	pgprot_t prot;
	int level;

	KTEST_ASSERT(t, pt != NULL && page != 0);
	for (unsigned int i = 0; i < PGD_USER_ENTRIES; i++)
		KTEST_EXPECT_EQ(t, pt->pgd[i], 0);
	for (unsigned int i = PGD_USER_ENTRIES; i < 512; i++)
		KTEST_EXPECT_EQ(t, pt->pgd[i], pgtable_kernel()->pgd[i]);
	KTEST_EXPECT_EQ(t, pgtable_map(pt, USER_TEST_VA, virt_to_phys((void *)page), PAGE_SIZE,
				       PGPROT_READ | PGPROT_USER), 0);
	KTEST_EXPECT_EQ(t, pgtable_lookup(pt, USER_TEST_VA, &pa, &prot), 0);
	KTEST_EXPECT_EQ(t, pa, virt_to_phys((void *)page));
	KTEST_EXPECT_EQ(t, prot, PGPROT_READ | PGPROT_USER);
	level = riscv64_pgtable_level(pt, USER_TEST_VA);
	KTEST_EXPECT_EQ(t, level, 0);
	/* Not in the kernel's own table. */
	KTEST_EXPECT_EQ(t, pgtable_lookup(pgtable_kernel(), USER_TEST_VA, NULL, NULL), -ENOENT);

	pgtable_activate(pt);
	KTEST_EXPECT_EQ(t, satp_root(), virt_to_phys(pt->pgd));
	/* The kernel still runs and reads its data through the shared half. */
	KTEST_EXPECT_EQ(t, *(volatile unsigned long *)&riscv64_stack_guard != 0, 1);
	pgtable_activate(pgtable_kernel());
	KTEST_EXPECT_EQ(t, satp_root(), kroot);

	pgtable_destroy(pt);
	/* The two tables the map took and the root (taken before @before)
	 * are back. */
	KTEST_EXPECT_EQ(t, nr_free_pages(), before + 1);
	free_pages(page, 0);
}

static void pgtable_kernel_sync(struct ktest *t)
{
	/* The last gigabyte of the vmalloc area: vmalloc allocates from the
	 * bottom, so no root entry exists there yet. */
	unsigned long va = VMALLOC_END - (1UL << 30);
	unsigned int idx = (va >> 30) & 511;
	struct pgtable *pt = pgtable_create();
	unsigned long page = __get_free_pages(GFP_KERNEL, 0);
	bool existed;

	KTEST_ASSERT(t, pt != NULL && page != 0);
	existed = pgtable_kernel()->pgd[idx] != 0;
	KTEST_EXPECT_EQ(t, pt->pgd[idx], pgtable_kernel()->pgd[idx]);
	KTEST_EXPECT_EQ(t, pgtable_map(pgtable_kernel(), va, virt_to_phys((void *)page), PAGE_SIZE,
				       PAGE_KERNEL), 0);
	KTEST_EXPECT(t, pgtable_kernel()->pgd[idx] != 0);
	KTEST_EXPECT_EQ(t, pt->pgd[idx], pgtable_kernel()->pgd[idx]);
	*(volatile unsigned long *)page = 0x5eed;
	pgtable_activate(pt);
	KTEST_EXPECT_EQ(t, *(volatile unsigned long *)va, 0x5eed);
	pgtable_activate(pgtable_kernel());
	pgtable_unmap(pgtable_kernel(), va, PAGE_SIZE);
	pgtable_destroy(pt);
	free_pages(page, 0);
	if (existed)
		printk(KERN_INFO "# pgtable_kernel_sync: the root entry existed already\n");
}

#define USER_CODE_VA  0x10000UL
#define USER_STACK_VA 0x20000UL

struct rv_call {
	unsigned long nr, args[6], status, epc;
};

static struct rv_jmp rv_user_jb;
static struct rv_call rv_calls[4];
static unsigned int rv_nr_calls;

static long rv_user_hook(struct pt_regs *regs)
{
	if (rv_nr_calls < ARRAY_SIZE(rv_calls)) {
		struct rv_call *c = &rv_calls[rv_nr_calls];

		c->nr = regs->a7;
		for (unsigned int i = 0; i < 6; i++)
			c->args[i] = syscall_get_arg(regs, i);
		c->status = regs->status;
		c->epc = regs->epc;
	}
	rv_nr_calls++;
	if (regs->a7 == 93)
		rv_user_longjmp(&rv_user_jb, 1);
	return 0x1234;
}

/*
 * Leave for user mode at @pc with @sp in @pt, on a stack of the test's
 * own; back here when the hook longjmps. false when there is no task.
 */
static bool run_user(struct pgtable *pt, unsigned long pc, unsigned long sp,
		     long (*hook)(struct pt_regs *))
{
	struct task_struct *t = current;
	unsigned long stack = __get_free_pages(GFP_KERNEL, 2), old_top;
	static struct pgtable *volatile run_pt;

	if (!t || !stack) {
		if (stack)
			free_pages(stack, 2);
		return false;
	}
	old_top = t->thread.stack_top;
	run_pt = pt;
	riscv64_syscall_test_hook = hook;
	if (!rv_user_setjmp(&rv_user_jb)) {
		t->thread.stack_top = stack + 4 * PAGE_SIZE;
		pgtable_activate(run_pt);
		start_thread(current_pt_regs(), pc, sp);
		arch_return_to_user();
	}
	riscv64_syscall_test_hook = NULL;
	t = current;
	t->thread.stack_top = old_top;
	t->thread.fp_used = 0;
	pgtable_activate(pgtable_kernel());
	free_pages(stack, 2);
	return true;
}

static void user_mode_ecall(struct ktest *t)
{
	struct pgtable *pt = pgtable_create();
	unsigned long code = __get_free_pages(GFP_KERNEL, 0);
	unsigned long stack = __get_free_pages(GFP_KERNEL, 0);
	size_t len = (size_t)(rv_user_prog_end - rv_user_prog);

	KTEST_ASSERT(t, pt && code && stack);
	memcpy((void *)code, rv_user_prog, len);
	__asm__ __volatile__("fence.i" ::: "memory");
	KTEST_ASSERT(t, !pgtable_map(pt, USER_CODE_VA, virt_to_phys((void *)code), PAGE_SIZE,
				     PGPROT_READ | PGPROT_EXEC | PGPROT_USER));
	KTEST_ASSERT(t, !pgtable_map(pt, USER_STACK_VA, virt_to_phys((void *)stack), PAGE_SIZE,
				     PGPROT_READ | PGPROT_WRITE | PGPROT_USER));
	rv_nr_calls = 0;
	if (!run_user(pt, USER_CODE_VA, USER_STACK_VA + PAGE_SIZE, rv_user_hook)) {
		printk(KERN_INFO "# user_mode_ecall: no task to run it (no scheduler)\n");
	} else {
		KTEST_EXPECT_EQ(t, rv_nr_calls, 2);
		KTEST_EXPECT_EQ(t, rv_calls[0].nr, 172);
		for (unsigned int i = 0; i < 6; i++)
			KTEST_EXPECT_EQ(t, rv_calls[0].args[i], 11 * (i + 1));
		/* From user mode (SPP clear), interrupts on there (SPIE), no SUM. */
		KTEST_EXPECT_EQ(t, rv_calls[0].status & (SR_SPP | SR_SPIE | SR_SUM), SR_SPIE);
		/* sepc stepped over the ecall: the next instruction. */
		KTEST_EXPECT(t, rv_calls[0].epc > USER_CODE_VA && rv_calls[0].epc < USER_CODE_VA + len);
		KTEST_EXPECT_EQ(t, rv_calls[1].nr, 93);
		KTEST_EXPECT_EQ(t, rv_calls[1].args[0], 0x1235);
	}
	pgtable_destroy(pt);
	free_pages(code, 0);
	free_pages(stack, 0);
}

KTEST_SUITE(riscv64_user,
	    KTEST_CASE(pgtable_user_space),
	    KTEST_CASE(pgtable_kernel_sync),
	    KTEST_CASE(user_mode_ecall));
