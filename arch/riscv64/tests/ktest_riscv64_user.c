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
 * - uaccess_copies: copy_from_user/copy_to_user/clear_user/strncpy_from_user/
 *   strnlen_user on a mapped user page, an unmapped one (fails cleanly,
 *   exact partial counts, the destination zeroed), a read-only one, and
 *   kernel or out-of-range addresses (refused).
 * - signal_frame_round_trip: a user program "raises" a signal (a system
 *   call the hook answers with arch_setup_rt_frame(), SA_RESTORER pointing
 *   at the [sigpage] mapped in the space); the handler runs with Linux's
 *   arguments and frame, clobbers a register and returns through the
 *   [sigpage] into rt_sigreturn, which brings back every register and the
 *   mask: the program exits with what it had before the signal.
 * - user_faults_reach_the_mm (products with the mm): with a created mm as
 *   the task's, an anonymous mapping is filled on demand: a copy_to_user
 *   into a page not yet present (the uaccess fault goes to the mm and is
 *   retried) and a user store and load (the user page faults go to the
 *   mm); the program exits with what it read.
 * - no_user_access_without_sum: the same user page read by a plain load
 *   (listed in the exception table) faults without SUM and reads with it:
 *   the kernel cannot touch user memory outside the uaccess routines.
 */
#include <tessera/boot.h>
#include <tessera/compiler.h>
#include <tessera/errno.h>
#include <tessera/page.h>
#include <tessera/pgtable.h>
#include <tessera/uaccess.h>
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
#include <tessera/mm.h>
#include <tessera/sched.h>
#include <tessera/signal.h>
#include <tessera/syscalls.h>
#include <autoconf.h>
#include <interfaces/arch_process.h>
#include <interfaces/uaccess.h>
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

/* The signal program: raise (500), the handler reports (501), exit (93). */
__asm__(".section .rodata.rv_sig_prog, \"a\"\n"
	".balign 4\n"
	".globl rv_sig_prog, rv_sig_handler, rv_sig_resume, rv_sig_prog_end\n"
	"rv_sig_prog:\n"
	"li s2, 0x555\n li a0, 77\n"
	"li a7, 500\n"
	"ecall\n"
	"rv_sig_resume:\n"
	"mv a1, s2\n"
	"li a7, 93\n"
	"ecall\n"
	"1: j 1b\n"
	"rv_sig_handler:\n"
	"mv a3, sp\n mv a4, ra\n"
	"li a7, 501\n"
	"ecall\n"
	"li s2, 0\n li a0, 0\n"
	"ret\n"
	"rv_sig_prog_end:\n"
	".previous\n");
extern const char rv_sig_prog[], rv_sig_handler[], rv_sig_resume[], rv_sig_prog_end[];

/* The fault program: a0 = the data address; store, load, load the
 * kernel-written word at +2 pages, exit(sum). */
__asm__(".section .rodata.rv_fault_prog, \"a\"\n"
	".balign 4\n"
	".globl rv_fault_prog, rv_fault_prog_end\n"
	"rv_fault_prog:\n"
	"li t0, 0x77\n"
	"sd t0, 0(a0)\n"
	"ld t1, 0(a0)\n"
	"ld t2, 8(a0)\n"               /* demand-zero: 0 */
	"li t3, 8192\n add t3, t3, a0\n ld t3, 0(t3)\n"
	"add a0, t1, t2\n add a0, a0, t3\n"
	"li a7, 93\n"
	"ecall\n"
	"1: j 1b\n"
	"rv_fault_prog_end:\n"
	".previous\n");
extern const char rv_fault_prog[], rv_fault_prog_end[];

/* The mm's, when the product has it (weak, as the arch's own calls). */
extern struct mm_struct *mm_alloc(void) __attribute__((__weak__));
extern void mmput(struct mm_struct *mm) __attribute__((__weak__));
extern unsigned long vm_mmap(struct file *file, unsigned long addr, unsigned long len,
			     unsigned long prot, unsigned long flags, unsigned long offset)
	__attribute__((__weak__));

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

long sys_rt_sigreturn(SYSCALL_ARGS);

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

#define SIGPAGE_VA 0x40000UL

static u64 rv_sig_frame_mask;
static unsigned long rv_sig_frame_pc;
static int rv_sig_setup_ret;

static long rv_sig_hook(struct pt_regs *regs)
{
	kernel_siginfo_t info;

	rv_user_hook(regs);
	if (regs->a7 == 500) {
		memset(&info, 0, sizeof(info));
		info.si_signo = SIGUSR1;
		info.si_code = -6;              /* SI_TKILL */
		rv_sig_setup_ret = arch_setup_rt_frame(SIGUSR1, &info,
						       USER_CODE_VA + (unsigned long)(rv_sig_handler - rv_sig_prog),
						       SA_SIGINFO | SA_RESTORER, SIGPAGE_VA, 0x1234, regs);
		return (long)regs->a0;
	}
	if (regs->a7 == 501) {
		/* The frame as the handler sees it: uc at a2, mask, pc. */
		u64 __user *uc = (u64 __user *)regs->a2;

		if (get_user(rv_sig_frame_mask, uc + 5))
			rv_sig_frame_mask = ~0ULL;
		if (get_user(rv_sig_frame_pc, uc + 176 / 8))
			rv_sig_frame_pc = ~0UL;
		return 0;
	}
	if (regs->a7 == 139)
		return sys_rt_sigreturn(0, 0, 0, 0, 0, 0);
	return -ENOSYS;
}

static void signal_frame_round_trip(struct ktest *t)
{
	struct pgtable *pt = pgtable_create();
	unsigned long code = __get_free_pages(GFP_KERNEL, 0);
	unsigned long stack = __get_free_pages(GFP_KERNEL, 0);
	struct page *sigpage = riscv64_sigpage();
	size_t len = (size_t)(rv_sig_prog_end - rv_sig_prog);
	u64 blocked = 0;

	KTEST_ASSERT(t, pt && code && stack && sigpage);
	/* The trampoline: li a7, 139 (rt_sigreturn); ecall. */
	KTEST_EXPECT_EQ(t, ((u32 *)page_address(sigpage))[0], 0x08b00893);
	KTEST_EXPECT_EQ(t, ((u32 *)page_address(sigpage))[1], 0x00000073);
	memcpy((void *)code, rv_sig_prog, len);
	__asm__ __volatile__("fence.i" ::: "memory");
	KTEST_ASSERT(t, !pgtable_map(pt, USER_CODE_VA, virt_to_phys((void *)code), PAGE_SIZE,
				     PGPROT_READ | PGPROT_EXEC | PGPROT_USER));
	KTEST_ASSERT(t, !pgtable_map(pt, USER_STACK_VA, virt_to_phys((void *)stack), PAGE_SIZE,
				     PGPROT_READ | PGPROT_WRITE | PGPROT_USER));
	KTEST_ASSERT(t, !pgtable_map(pt, SIGPAGE_VA, page_to_pfn(sigpage) << PAGE_SHIFT, PAGE_SIZE,
				     PGPROT_READ | PGPROT_EXEC | PGPROT_USER));
	rv_nr_calls = 0;
	rv_sig_setup_ret = -1;
	if (current)
		blocked = current->blocked;
	if (!run_user(pt, USER_CODE_VA, USER_STACK_VA + PAGE_SIZE, rv_sig_hook)) {
		printk(KERN_INFO "# signal_frame_round_trip: no task to run it (no scheduler)\n");
	} else {
		unsigned long frame = (USER_STACK_VA + PAGE_SIZE - 1088) & ~15UL;

		KTEST_EXPECT_EQ(t, rv_sig_setup_ret, 0);
		KTEST_EXPECT_EQ(t, rv_nr_calls, 4);
		KTEST_EXPECT_EQ(t, rv_calls[0].nr, 500);
		/* The handler: a0 = signal, a1 = &info, a2 = &uc, sp = frame, ra = trampoline. */
		KTEST_EXPECT_EQ(t, rv_calls[1].nr, 501);
		KTEST_EXPECT_EQ(t, rv_calls[1].args[0], SIGUSR1);
		KTEST_EXPECT_EQ(t, rv_calls[1].args[1], frame);
		KTEST_EXPECT_EQ(t, rv_calls[1].args[2], frame + 128);
		KTEST_EXPECT_EQ(t, rv_calls[1].args[3], frame);
		KTEST_EXPECT_EQ(t, rv_calls[1].args[4], SIGPAGE_VA);
		KTEST_EXPECT_EQ(t, rv_sig_frame_mask, 0x1234);
		KTEST_EXPECT_EQ(t, rv_sig_frame_pc,
				USER_CODE_VA + (unsigned long)(rv_sig_resume - rv_sig_prog));
		/* rt_sigreturn from the [sigpage], then exit(77, 0x555): a0 and s2 restored. */
		KTEST_EXPECT_EQ(t, rv_calls[2].nr, 139);
		KTEST_EXPECT_EQ(t, rv_calls[2].epc, SIGPAGE_VA + 8);
		KTEST_EXPECT_EQ(t, rv_calls[3].nr, 93);
		KTEST_EXPECT_EQ(t, rv_calls[3].args[0], 77);
		KTEST_EXPECT_EQ(t, rv_calls[3].args[1], 0x555);
		/* The mask came back from the frame (SIGKILL/SIGSTOP never). */
		KTEST_EXPECT_EQ(t, current->blocked, 0x1234);
		current->blocked = blocked;
	}
	pgtable_destroy(pt);
	free_pages(code, 0);
	free_pages(stack, 0);
}

#define FAULT_DATA_VA 0x100000UL

static void user_faults_reach_the_mm(struct ktest *t)
{
	struct task_struct *self = current;
	struct mm_struct *mm, *old_mm, *old_active;
	unsigned long code, addr;
	size_t len = (size_t)(rv_fault_prog_end - rv_fault_prog);
	unsigned long word = 0x1000;
	phys_addr_t pa;

	if (!mm_alloc || !vm_mmap || !mmput || !self) {
		printk(KERN_INFO "# user_faults_reach_the_mm: no mm (or no task) in this product\n");
		return;
	}
	mm = mm_alloc();
	code = __get_free_pages(GFP_KERNEL, 0);
	KTEST_ASSERT(t, mm && code);
	memcpy((void *)code, rv_fault_prog, len);
	__asm__ __volatile__("fence.i" ::: "memory");
	KTEST_ASSERT(t, !pgtable_map(mm->pgd, USER_CODE_VA, virt_to_phys((void *)code), PAGE_SIZE,
				     PGPROT_READ | PGPROT_EXEC | PGPROT_USER));
	old_mm = self->mm;
	old_active = self->active_mm;
	self->mm = mm;
	self->active_mm = mm;
	pgtable_activate(mm->pgd);
	addr = vm_mmap(NULL, FAULT_DATA_VA, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
	KTEST_EXPECT_EQ(t, addr, FAULT_DATA_VA);
	/* Nothing present yet: the copy faults, the mm fills the page, the copy is retried. */
	KTEST_EXPECT_EQ(t, pgtable_lookup(mm->pgd, FAULT_DATA_VA + 2 * PAGE_SIZE, NULL, NULL), -ENOENT);
	KTEST_EXPECT_EQ(t, copy_to_user((void __user *)(FAULT_DATA_VA + 2 * PAGE_SIZE), &word,
					sizeof(word)), 0);
	KTEST_EXPECT_EQ(t, pgtable_lookup(mm->pgd, FAULT_DATA_VA + 2 * PAGE_SIZE, &pa, NULL), 0);
	/* Outside every VMA: still a clean failure. */
	KTEST_EXPECT_EQ(t, copy_to_user((void __user *)(FAULT_DATA_VA + 8 * PAGE_SIZE), &word,
					sizeof(word)), sizeof(word));
	rv_nr_calls = 0;
	{
		/* a0 = the data address: start_thread zeroes it, so set it after. */
		struct task_struct *tk = self;
		unsigned long stack = __get_free_pages(GFP_KERNEL, 2), old_top = tk->thread.stack_top;

		KTEST_ASSERT(t, stack != 0);
		riscv64_syscall_test_hook = rv_user_hook;
		if (!rv_user_setjmp(&rv_user_jb)) {
			tk->thread.stack_top = stack + 4 * PAGE_SIZE;
			start_thread(current_pt_regs(), USER_CODE_VA, FAULT_DATA_VA + 4 * PAGE_SIZE);
			current_pt_regs()->a0 = FAULT_DATA_VA;
			arch_return_to_user();
		}
		riscv64_syscall_test_hook = NULL;
		tk = current;
		tk->thread.stack_top = old_top;
		tk->thread.fp_used = 0;
		free_pages(stack, 2);
	}
	KTEST_EXPECT_EQ(t, rv_nr_calls, 1);
	KTEST_EXPECT_EQ(t, rv_calls[0].nr, 93);
	KTEST_EXPECT_EQ(t, rv_calls[0].args[0], 0x77 + 0 + 0x1000);
	KTEST_EXPECT_EQ(t, pgtable_lookup(mm->pgd, FAULT_DATA_VA, NULL, NULL), 0);

	self = current;
	self->mm = old_mm;
	self->active_mm = old_active;
	pgtable_activate(pgtable_kernel());
	pgtable_unmap(mm->pgd, USER_CODE_VA, PAGE_SIZE);
	mmput(mm);
	free_pages(code, 0);
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

/*
 * long rv_probe_load(const unsigned long *addr, int sum, unsigned long *val):
 * one load from @addr, with SUM set when @sum; 0 and *@val, or -EFAULT
 * through the exception table.
 */
__asm__(".section .text.rv_probe_load, \"ax\"\n"
	".balign 4\n"
	".globl rv_probe_load\n"
	"rv_probe_load:\n"
	"li t6, 0x40000\n"
	"beqz a1, 1f\n"
	"csrs sstatus, t6\n"
	"1: ld t0, 0(a0)\n"
	"csrc sstatus, t6\n"
	"sd t0, 0(a2)\n"
	"li a0, 0\n"
	"ret\n"
	"2: csrc sstatus, t6\n"
	"li a0, -14\n"
	"ret\n"
	".pushsection __ex_table, \"a\"\n"
	".balign 8\n"
	".dword 1b, 2b\n"
	".popsection\n"
	".previous\n");
long rv_probe_load(const unsigned long *addr, int sum, unsigned long *val);

#define UA_VA   0x30000UL               /* read-write user page */
#define UA_RO   0x32000UL               /* read-only user page */
#define UA_HOLE 0x31000UL               /* nothing mapped */

static struct pgtable *uaccess_space(unsigned long *rw, unsigned long *ro)
{
	struct pgtable *pt = pgtable_create();

	*rw = __get_free_pages(GFP_KERNEL, 0);
	*ro = __get_free_pages(GFP_KERNEL, 0);
	if (!pt || !*rw || !*ro)
		return NULL;
	for (unsigned int i = 0; i < PAGE_SIZE / 8; i++)
		((unsigned long *)*rw)[i] = 0xa5a5000000000000UL + i;
	memset((void *)*ro, 0x77, PAGE_SIZE);
	if (pgtable_map(pt, UA_VA, virt_to_phys((void *)*rw), PAGE_SIZE,
			PGPROT_READ | PGPROT_WRITE | PGPROT_USER) ||
	    pgtable_map(pt, UA_RO, virt_to_phys((void *)*ro), PAGE_SIZE,
			PGPROT_READ | PGPROT_USER))
		return NULL;
	return pt;
}

static void uaccess_copies(struct ktest *t)
{
	unsigned long rw, ro, buf[8];
	struct pgtable *pt = uaccess_space(&rw, &ro);
	char str[16];
	unsigned long kernel_word = 42;

	KTEST_ASSERT(t, pt != NULL);
	pgtable_activate(pt);

	KTEST_EXPECT_EQ(t, copy_from_user(buf, (const void __user *)UA_VA, sizeof(buf)), 0);
	KTEST_EXPECT_EQ(t, buf[0], 0xa5a5000000000000UL);
	KTEST_EXPECT_EQ(t, buf[7], 0xa5a5000000000007UL);
	/* Unmapped: nothing copied, the buffer zeroed, no crash. */
	memset(buf, 0xff, sizeof(buf));
	KTEST_EXPECT_EQ(t, copy_from_user(buf, (const void __user *)UA_HOLE, 16), 16);
	KTEST_EXPECT_EQ(t, buf[0], 0);
	KTEST_EXPECT_EQ(t, buf[1], 0);
	KTEST_EXPECT_EQ(t, buf[2], ~0UL);
	/* Across the end of the mapped page: exactly the mapped part. */
	KTEST_EXPECT_EQ(t, copy_from_user(buf, (const void __user *)(UA_HOLE - 8), 16), 8);
	KTEST_EXPECT_EQ(t, buf[0], 0xa5a5000000000000UL + PAGE_SIZE / 8 - 1);
	KTEST_EXPECT_EQ(t, buf[1], 0);
	KTEST_EXPECT_EQ(t, copy_from_user(buf, (const void __user *)(UA_HOLE - 3), 5), 2);
	/* Kernel addresses and ranges past TASK_SIZE are refused. */
	KTEST_EXPECT_EQ(t, copy_from_user(buf, (const void __user *)&kernel_word, 8), 8);
	KTEST_EXPECT_EQ(t, copy_from_user(buf, (const void __user *)(TASK_SIZE - 8), 16), 16);
	KTEST_EXPECT_EQ(t, copy_to_user((void __user *)&kernel_word, buf, 8), 8);
	KTEST_EXPECT_EQ(t, kernel_word, 42);

	KTEST_EXPECT_EQ(t, copy_to_user((void __user *)(UA_VA + 101), "hello", 6), 0);
	KTEST_EXPECT_EQ(t, memcmp((char *)rw + 101, "hello", 6), 0);
	KTEST_EXPECT_EQ(t, copy_to_user((void __user *)UA_HOLE, "x", 1), 1);
	/* A read-only user page: the store faults, nothing is written. */
	KTEST_EXPECT_EQ(t, copy_to_user((void __user *)UA_RO, "xy", 2), 2);
	KTEST_EXPECT_EQ(t, *(unsigned char *)ro, 0x77);
	KTEST_EXPECT_EQ(t, clear_user((void __user *)(UA_VA + 8), 24), 0);
	KTEST_EXPECT_EQ(t, ((unsigned long *)rw)[1] | ((unsigned long *)rw)[3], 0);
	KTEST_EXPECT_EQ(t, ((unsigned long *)rw)[4], 0xa5a5000000000004UL);
	KTEST_EXPECT_EQ(t, clear_user((void __user *)(UA_HOLE - 4), 8), 4);

	memcpy((char *)rw + 200, "abc", 4);
	KTEST_EXPECT_EQ(t, strncpy_from_user(str, (const char __user *)(UA_VA + 200), sizeof(str)), 3);
	KTEST_EXPECT_STREQ(t, str, "abc");
	KTEST_EXPECT_EQ(t, strncpy_from_user(str, (const char __user *)(UA_VA + 200), 2), 2);
	KTEST_EXPECT_EQ(t, strnlen_user((const char __user *)(UA_VA + 200), 100), 4);
	KTEST_EXPECT_EQ(t, strnlen_user((const char __user *)(UA_VA + 200), 2), 3);
	/* No NUL before the hole: a fault, not a read beyond. */
	memset((char *)rw + PAGE_SIZE - 4, 'x', 4);
	KTEST_EXPECT_EQ(t, strncpy_from_user(str, (const char __user *)(UA_HOLE - 4), sizeof(str)),
			-EFAULT);
	KTEST_EXPECT_EQ(t, strnlen_user((const char __user *)(UA_HOLE - 4), 100), 0);
	KTEST_EXPECT_EQ(t, strncpy_from_user(str, (const char __user *)UA_HOLE, 4), -EFAULT);
	KTEST_EXPECT_EQ(t, strncpy_from_user(str, (const char __user *)&kernel_word, 4), -EFAULT);
	/* get_user/put_user go through the same copies. */
	{
		unsigned long v = 1;

		KTEST_EXPECT_EQ(t, get_user(v, (unsigned long __user *)(UA_VA + 64)), 0);
		KTEST_EXPECT_EQ(t, v, 0xa5a5000000000008UL);
		KTEST_EXPECT_EQ(t, get_user(v, (unsigned long __user *)UA_HOLE), -EFAULT);
		KTEST_EXPECT_EQ(t, v, 0);
		KTEST_EXPECT_EQ(t, put_user(7UL, (unsigned long __user *)(UA_VA + 64)), 0);
		KTEST_EXPECT_EQ(t, ((unsigned long *)rw)[8], 7);
	}
	/* SUM is off again after all of that. */
	KTEST_EXPECT_EQ(t, csr_read(sstatus) & SR_SUM, 0);

	pgtable_activate(pgtable_kernel());
	pgtable_destroy(pt);
	free_pages(rw, 0);
	free_pages(ro, 0);
}

static void no_user_access_without_sum(struct ktest *t)
{
	unsigned long rw, ro, v = 0;
	struct pgtable *pt = uaccess_space(&rw, &ro);

	KTEST_ASSERT(t, pt != NULL);
	pgtable_activate(pt);
	KTEST_EXPECT_EQ(t, csr_read(sstatus) & SR_SUM, 0);
	KTEST_EXPECT_EQ(t, rv_probe_load((const unsigned long *)UA_VA, 0, &v), -EFAULT);
	KTEST_EXPECT_EQ(t, v, 0);
	KTEST_EXPECT_EQ(t, rv_probe_load((const unsigned long *)UA_VA, 1, &v), 0);
	KTEST_EXPECT_EQ(t, v, 0xa5a5000000000000UL);
	KTEST_EXPECT_EQ(t, csr_read(sstatus) & SR_SUM, 0);
	pgtable_activate(pgtable_kernel());
	pgtable_destroy(pt);
	free_pages(rw, 0);
	free_pages(ro, 0);
}

KTEST_SUITE(riscv64_user,
	    KTEST_CASE(pgtable_user_space),
	    KTEST_CASE(pgtable_kernel_sync),
	    KTEST_CASE(user_mode_ecall),
	    KTEST_CASE(signal_frame_round_trip),
	    KTEST_CASE(user_faults_reach_the_mm),
	    KTEST_CASE(uaccess_copies),
	    KTEST_CASE(no_user_access_without_sum));
