/* SPDX-License-Identifier: Apache-2.0 */
/*
 * User mode without a process core: each case builds an address space
 * with pgtable_create(), maps a page of code assembled below (kept in
 * .rodata here, copied into a user page) and a stack page, and enters
 * user mode through the real return path (start_thread, the trap-return
 * iretq). The program makes system calls through the `syscall` entry and
 * ends with ud2; the arch's user-trap hook (set only here) takes that
 * trap, keeps the registers and jumps back into the test.
 *
 * The excursion runs on a kernel stack of its own (sp0 points at it while
 * the program runs), so the trap's frames cannot overwrite the test's.
 *
 * Also: the uaccess routines against mapped, unmapped, read-only and
 * kernel addresses (the exception table), SMAP refusing a kernel read of
 * a user page without stac, and pgtable_destroy() returning every page.
 */
#include <asm/cpu.h>
#include <asm/memory.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <interfaces/arch.h>
#include <interfaces/arch_process.h>
#include <interfaces/ktest.h>
#include <interfaces/lib.h>
#include <interfaces/mmu.h>
#include <interfaces/page_alloc.h>
#include <interfaces/printk.h>
#include <interfaces/uaccess.h>
#include <tessera/printk.h>
#include <tessera/compiler.h>
#include <tessera/errno.h>
#include <tessera/page.h>
#include <tessera/percpu.h>
#include <tessera/sched.h>

#include "../x86_64.h"

#define UCODE      0x400000UL
#define USTACK     0x70000000UL         /* below 2 GiB: absolute disp32 operands */
#define UNMAPPED   0x10000000UL
#define FS_MAGIC   0x5eedf00dcafe1234ULL
#define R12_MAGIC  0x0123456789abcdefULL
#define TEST_SIG   10

/*
 * The user program, position independent (its page is mapped at UCODE).
 * Results are left in registers the test reads from the trap frame.
 */
__asm__(
	"	.pushsection .rodata.x86_user_prog, \"a\"\n"
	"	.globl x86_user_prog, x86_user_prog_ud2, x86_user_prog_end\n"
	"	.globl x86_user_handler, x86_user_restorer, x86_user_resume\n"
	"x86_user_prog:\n"
	"	movl $158, %eax\n"              /* arch_prctl(ARCH_SET_FS, stack page) */
	"	movl $0x1002, %edi\n"
	"	movq %rsp, %rsi\n"
	"	decq %rsi\n"
	"	andq $-4096, %rsi\n"
	"	syscall\n"
	"	movq %rax, %r12\n"              /* 0 */
	"	movl $158, %eax\n"              /* arch_prctl(ARCH_GET_FS, rsp - 8) */
	"	movl $0x1003, %edi\n"
	"	leaq -8(%rsp), %rsi\n"
	"	syscall\n"
	"	movq -8(%rsp), %r13\n"
	"	addq %rax, %r13\n"              /* the base, + 0 */
	"	movq %fs:0, %r14\n"             /* FS_MAGIC, through the new base */
	"	movl $0x7fff, %eax\n"           /* no such system call */
	"	syscall\n"
	"	movq %rax, %r15\n"              /* -ENOSYS */
	"	movl $158, %eax\n"              /* put_user to a kernel address */
	"	movl $0x1003, %edi\n"
	"	movabsq $0xffff888000001000, %rsi\n"
	"	syscall\n"
	"	movq %rax, %rbx\n"              /* -EFAULT (access_ok) */
	"	movl $158, %eax\n"              /* put_user to an unmapped address */
	"	movl $0x1003, %edi\n"
	"	movl $0x10000000, %esi\n"
	"	syscall\n"
	"	movq %rax, %rbp\n"              /* -EFAULT (the exception table) */
	"	movl $158, %eax\n"              /* a bad code */
	"	movl $0x9999, %edi\n"
	"	syscall\n"
	"	movq %rax, %r10\n"              /* -EINVAL */
	"x86_user_prog_ud2:\n"
	"	ud2\n"
	/* A signal handler: records what it was given, in the stack page. */
	"x86_user_handler:\n"
	"	movq %rdi, 0x70000010\n"
	"	movl (%rsi), %eax\n"
	"	movq %rax, 0x70000018\n"
	"	movq %rsp, 0x70000020\n"
	"	movq %rdx, 0x70000028\n"
	"	movq $-1, %r12\n"               /* clobbered: sigreturn restores it */
	"	ret\n"
	"x86_user_restorer:\n"
	"	movl $15, %eax\n"               /* rt_sigreturn */
	"	syscall\n"
	"	ud2\n"                          /* not reached */
	"x86_user_resume:\n"
	"	ud2\n"
	"x86_user_prog_end:\n"
	"	.popsection\n");

extern const char x86_user_prog[], x86_user_prog_ud2[], x86_user_prog_end[];
extern const char x86_user_handler[], x86_user_restorer[], x86_user_resume[];

#define UADDR(sym) (UCODE + (unsigned long)((sym) - x86_user_prog))

/* Enter user mode with @regs; returns when the hook calls leave_user. */
void x86_64_test_enter_user(struct pt_regs *regs, unsigned long *ctx);
_Noreturn void x86_64_test_leave_user(unsigned long ctx);
__asm__(
	"	.pushsection .text.x86_64_test_user, \"ax\"\n"
	"	.globl x86_64_test_enter_user, x86_64_test_leave_user\n"
	"x86_64_test_enter_user:\n"
	"	pushq %rbp\n"
	"	pushq %rbx\n"
	"	pushq %r12\n"
	"	pushq %r13\n"
	"	pushq %r14\n"
	"	pushq %r15\n"
	"	pushfq\n"
	"	movq %rsp, (%rsi)\n"
	"	cli\n"
	"	movq %rdi, %rsp\n"
	"	jmp x86_64_ret_from_trap\n"
	"x86_64_test_leave_user:\n"
	"	movq %rdi, %rsp\n"
	"	popfq\n"
	"	popq %r15\n"
	"	popq %r14\n"
	"	popq %r13\n"
	"	popq %r12\n"
	"	popq %rbx\n"
	"	popq %rbp\n"
	"	ret\n"
	"	.popsection\n");

struct user_space {
	struct pgtable *pt;
	unsigned long code, stack;      /* kernel addresses of the two pages */
	unsigned long kstack;           /* the excursion's kernel stack (order 2) */
};

static unsigned long user_ctx;
static struct pt_regs user_result;
static unsigned int user_traps;

static void user_trap_catch(struct pt_regs *regs)
{
	user_result = *regs;
	user_traps++;
	x86_64_test_leave_user(user_ctx);
}

static void space_free(struct user_space *us)
{
	pgtable_activate(pgtable_kernel());
	if (us->pt)
		pgtable_destroy(us->pt);
	if (us->code)
		free_pages(us->code, 0);
	if (us->stack)
		free_pages(us->stack, 0);
	if (us->kstack)
		free_pages(us->kstack, 2);
}

static bool space_make(struct ktest *t, struct user_space *us)
{
	__builtin_memset(us, 0, sizeof(*us));
	us->pt = pgtable_create();
	us->code = __get_free_pages(GFP_KERNEL, 0);
	us->stack = __get_free_pages(GFP_KERNEL, 0);
	us->kstack = __get_free_pages(GFP_KERNEL, 2);
	if (!us->pt || !us->code || !us->stack || !us->kstack) {
		KTEST_EXPECT(t, us->pt && us->code && us->stack && us->kstack);
		return false;
	}
	memset((void *)us->code, 0xcc, PAGE_SIZE);      /* int3 around the program */
	memcpy((void *)us->code, x86_user_prog, x86_user_prog_end - x86_user_prog);
	memset((void *)us->stack, 0, PAGE_SIZE);
	*(u64 *)us->stack = FS_MAGIC;
	if (pgtable_map(us->pt, UCODE, virt_to_phys((void *)us->code), PAGE_SIZE,
			PGPROT_READ | PGPROT_EXEC | PGPROT_USER) ||
	    pgtable_map(us->pt, USTACK, virt_to_phys((void *)us->stack), PAGE_SIZE,
			PGPROT_READ | PGPROT_WRITE | PGPROT_USER)) {
		KTEST_EXPECT(t, false);
		return false;
	}
	return true;
}

/* Run @regs (copied to the top of the excursion stack) until its first trap. */
static void run_user(struct user_space *us, const struct pt_regs *regs)
{
	struct task_struct *cur = current;
	unsigned long top = us->kstack + 4 * PAGE_SIZE;
	unsigned long old_sp0 = x86_64_get_sp0(), old_thread_sp0 = cur ? cur->thread.sp0 : 0;
	struct pt_regs *frame = (struct pt_regs *)top - 1;

	fxstate_init(thread_fxstate(top));
	*frame = *regs;
	pgtable_activate(us->pt);
	x86_64_user_trap_hook = user_trap_catch;
	/* Switches while in user mode keep this stack as the task's. */
	if (cur)
		cur->thread.sp0 = top;
	x86_64_set_sp0(top);
	x86_64_test_enter_user(frame, &user_ctx);
	x86_64_set_sp0(old_sp0);
	if (cur)
		cur->thread.sp0 = old_thread_sp0;
	x86_64_user_trap_hook = NULL;
	pgtable_activate(pgtable_kernel());
}

static void syscalls_from_user_mode(struct ktest *t)
{
	struct user_space us;
	struct pt_regs regs;
	unsigned int traps = user_traps;

	if (!space_make(t, &us)) {
		space_free(&us);
		return;
	}
	start_thread(&regs, UCODE, USTACK + PAGE_SIZE);
	KTEST_EXPECT(t, user_mode(&regs));
	KTEST_EXPECT_EQ(t, syscall_get_nr(&regs), -1L);
	run_user(&us, &regs);
	KTEST_ASSERT(t, user_traps == traps + 1);
	/* The ud2 at the end, from user mode, nothing else first. */
	KTEST_EXPECT_EQ(t, user_result.vector, 6UL);
	KTEST_EXPECT(t, user_mode(&user_result));
	KTEST_EXPECT_EQ(t, user_result.rip, UADDR(x86_user_prog_ud2));
	KTEST_EXPECT_EQ(t, user_result.rsp, USTACK + PAGE_SIZE);
	KTEST_EXPECT_EQ(t, (long)user_result.r12, 0L);
	KTEST_EXPECT_EQ(t, user_result.r13, USTACK);
	KTEST_EXPECT_EQ(t, user_result.r14, FS_MAGIC);
	KTEST_EXPECT_EQ(t, (long)user_result.r15, (long)-ENOSYS);
	KTEST_EXPECT_EQ(t, (long)user_result.rbx, (long)-EFAULT);
	KTEST_EXPECT_EQ(t, (long)user_result.rbp, (long)-EFAULT);
	KTEST_EXPECT_EQ(t, (long)user_result.r10, (long)-EINVAL);
	/* put_user wrote the base into the user stack. */
	KTEST_EXPECT_EQ(t, *(u64 *)(us.stack + PAGE_SIZE - 8), (u64)USTACK);
	/* The kernel's %gs base is back: current still reads right. */
	KTEST_EXPECT(t, this_cpu()->self == this_cpu());
	space_free(&us);
}

static void signal_frame_and_sigreturn(struct ktest *t)
{
	struct user_space us;
	struct pt_regs regs;
	u8 info[128];
	struct task_struct *cur = current;
	u64 old_blocked = cur ? cur->blocked : 0;
	unsigned long sp = USTACK + PAGE_SIZE - 64;

	if (!space_make(t, &us)) {
		space_free(&us);
		return;
	}
	memset(info, 0, sizeof(info));
	*(int *)info = TEST_SIG;
	start_thread(&regs, UADDR(x86_user_resume), sp);
	regs.r12 = R12_MAGIC;
	regs.rax = 99;
	/* No SA_RESTORER: nowhere to return to. */
	KTEST_EXPECT_EQ(t, arch_setup_rt_frame(TEST_SIG, info, UADDR(x86_user_handler), 0,
					       UADDR(x86_user_restorer), 5, &regs), -EFAULT);
	pgtable_activate(us.pt);
	KTEST_ASSERT(t, arch_setup_rt_frame(TEST_SIG, info, UADDR(x86_user_handler),
					    SA_RESTORER | SA_SIGINFO, UADDR(x86_user_restorer), 5,
					    &regs) == 0);
	pgtable_activate(pgtable_kernel());
	KTEST_EXPECT_EQ(t, regs.rip, UADDR(x86_user_handler));
	KTEST_EXPECT_EQ(t, regs.rdi, (u64)TEST_SIG);
	/* A call's alignment at the handler's first instruction. */
	KTEST_EXPECT_EQ(t, (regs.rsp + 8) & 15, 0UL);
	KTEST_EXPECT(t, regs.rsp < sp - 128 - 512);
	KTEST_EXPECT_EQ(t, regs.rsi, regs.rsp + 312);
	KTEST_EXPECT_EQ(t, regs.rdx, regs.rsp + 8);
	if (cur)
		cur->blocked = 0;
	run_user(&us, &regs);
	/* The handler ran with the frame... */
	KTEST_EXPECT_EQ(t, *(u64 *)(us.stack + 0x10), (u64)TEST_SIG);
	KTEST_EXPECT_EQ(t, *(u64 *)(us.stack + 0x18), (u64)TEST_SIG);
	KTEST_EXPECT_EQ(t, *(u64 *)(us.stack + 0x20), regs.rsp);
	/* ...its return went to the restorer, whose rt_sigreturn put the
	 * interrupted registers back, %rax included. */
	KTEST_EXPECT_EQ(t, user_result.vector, 6UL);
	KTEST_EXPECT_EQ(t, user_result.rip, UADDR(x86_user_resume));
	KTEST_EXPECT_EQ(t, user_result.rsp, sp);
	KTEST_EXPECT_EQ(t, user_result.r12, R12_MAGIC);
	KTEST_EXPECT_EQ(t, user_result.rax, 99UL);
	KTEST_EXPECT_EQ(t, user_result.cs, (u64)__USER_CS);
	if (cur) {
		KTEST_EXPECT_EQ(t, cur->blocked, 5ULL);
		cur->blocked = old_blocked;
	}
	space_free(&us);
}

extern long x86_64_get_user_byte(const void *src);

static void uaccess_faults_are_efault(struct ktest *t)
{
	struct user_space us;
	char buf[16];
	char *ustack = (char *)USTACK;

	if (!space_make(t, &us)) {
		space_free(&us);
		return;
	}
	memcpy((void *)(us.stack + PAGE_SIZE - 4), "abc", 4);
	memcpy((void *)(us.stack + PAGE_SIZE - 3), "xyz", 3);   /* no NUL before the hole */
	pgtable_activate(us.pt);
	/* Mapped: copied. */
	memset(buf, 0x55, sizeof(buf));
	KTEST_EXPECT_EQ(t, copy_from_user(buf, (const void __user *)USTACK, 8), 0UL);
	KTEST_EXPECT_EQ(t, *(u64 *)buf, FS_MAGIC);
	/* Unmapped: nothing copied, the buffer zeroed, no crash. */
	memset(buf, 0x55, sizeof(buf));
	KTEST_EXPECT_EQ(t, copy_from_user(buf, (const void __user *)UNMAPPED, 16), 16UL);
	KTEST_EXPECT_EQ(t, buf[0], 0);
	/* Straddling into the hole after the stack page: the mapped part only. */
	KTEST_EXPECT_EQ(t, copy_from_user(buf, (const void __user *)(USTACK + PAGE_SIZE - 4), 16),
			12UL);
	/* Read-only code page: a write is refused. */
	KTEST_EXPECT_EQ(t, copy_to_user((void __user *)UCODE, buf, 8), 8UL);
	/* A kernel address is never a user one. */
	KTEST_EXPECT_EQ(t, copy_from_user(buf, (const void __user *)PAGE_OFFSET, 8), 8UL);
	KTEST_EXPECT_EQ(t, copy_to_user((void __user *)(TASK_SIZE - 4), buf, 8), 8UL);
	KTEST_EXPECT_EQ(t, clear_user((void __user *)(ustack + 0x100), 64), 0UL);
	KTEST_EXPECT_EQ(t, clear_user((void __user *)UNMAPPED, 64), 64UL);
	/* Strings: the NUL found, a string running into the hole faults. */
	KTEST_EXPECT_EQ(t, strnlen_user((const char __user *)(ustack + 0x100), 64), 1L);
	KTEST_EXPECT_EQ(t, strncpy_from_user(buf, (const char __user *)(ustack + PAGE_SIZE - 3),
					     sizeof(buf)), (long)-EFAULT);
	KTEST_EXPECT_EQ(t, strnlen_user((const char __user *)(ustack + PAGE_SIZE - 3), 64), 0L);
	KTEST_EXPECT_EQ(t, strncpy_from_user(buf, (const char __user *)UNMAPPED, 4), (long)-EFAULT);
	memcpy((void *)(us.stack + 0x200), "hello", 6);
	KTEST_EXPECT_EQ(t, strncpy_from_user(buf, (const char __user *)(ustack + 0x200),
					     sizeof(buf)), 5L);
	KTEST_EXPECT_STREQ(t, buf, "hello");
	KTEST_EXPECT_EQ(t, strncpy_from_user(buf, (const char __user *)(ustack + 0x200), 3), 3L);
	KTEST_EXPECT_EQ(t, strnlen_user((const char __user *)(ustack + 0x200), 3), 4L);
	/*
	 * SMAP: without stac, a kernel read of a mapped user page faults;
	 * through the exception-table entry of this accessor the read fails
	 * instead of crashing. With SMAP off the read would succeed.
	 */
	if (x86_64_smap)
		KTEST_EXPECT_EQ(t, x86_64_get_user_byte((const void *)USTACK), -1L);
	else
		printk(KERN_INFO "    # no SMAP on this CPU (QEMU without -cpu max?)\n");
	pgtable_activate(pgtable_kernel());
	space_free(&us);
}

static void pgtable_create_destroy_returns_pages(struct ktest *t)
{
	struct pgtable *pt = pgtable_create();     /* the kernel half is shared from the first */
	unsigned long before, va;
	phys_addr_t pa, kpa;
	pgprot_t prot;
	unsigned int i;

	KTEST_ASSERT(t, pt != NULL);
	pgtable_destroy(pt);
	before = nr_free_pages();
	for (i = 0; i < 3; i++) {
		pt = pgtable_create();
		KTEST_ASSERT(t, pt != NULL);
		/* The kernel is mapped as in the kernel's own tables. */
		va = (unsigned long)pgtable_create_destroy_returns_pages;
		KTEST_EXPECT_EQ(t, pgtable_lookup(pt, va, &pa, &prot), 0);
		KTEST_EXPECT_EQ(t, pgtable_lookup(pgtable_kernel(), va, &kpa, NULL), 0);
		KTEST_EXPECT_EQ(t, pa, kpa);
		KTEST_EXPECT(t, !(prot & PGPROT_USER));
		/* User pages in several tables, mapping memory it does not own. */
		KTEST_EXPECT_EQ(t, pgtable_map(pt, UCODE, 0x1000, PAGE_SIZE,
					       PGPROT_READ | PGPROT_USER), 0);
		KTEST_EXPECT_EQ(t, pgtable_map(pt, TASK_SIZE - PAGE_SIZE, 0x2000, PAGE_SIZE,
					       PGPROT_READ | PGPROT_WRITE | PGPROT_USER), 0);
		KTEST_EXPECT_EQ(t, pgtable_lookup(pt, UCODE, &pa, &prot), 0);
		KTEST_EXPECT_EQ(t, pa, (phys_addr_t)0x1000);
		KTEST_EXPECT_EQ(t, prot, PGPROT_READ | PGPROT_USER);
		/* Not in the kernel's tables: the user half is per space. */
		KTEST_EXPECT_EQ(t, pgtable_lookup(pgtable_kernel(), UCODE, NULL, NULL), -ENOENT);
		pgtable_activate(pt);
		KTEST_EXPECT(t, read_cr3() != 0);      /* still running: the kernel half is there */
		pgtable_activate(pgtable_kernel());
		pgtable_destroy(pt);
	}
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

KTEST_SUITE(x86_64_user,
	    KTEST_CASE(pgtable_create_destroy_returns_pages),
	    KTEST_CASE(uaccess_faults_are_efault),
	    KTEST_CASE(syscalls_from_user_mode),
	    KTEST_CASE(signal_frame_and_sigreturn));
