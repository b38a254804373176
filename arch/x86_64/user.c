/* SPDX-License-Identifier: Apache-2.0 */
/*
 * User mode on x86_64 (interface `arch_process`): the `syscall` entry's
 * MSRs, SMEP and SMAP, the system-call dispatch, a process's registers
 * (start_thread, copy_thread, the return to user mode) and arch_prctl.
 *
 * Entries from user mode (entry.S: `syscall`, traps, interrupts) build a
 * struct pt_regs at the top of the task's kernel stack, thread.sp0, which
 * __switch_to_asm keeps in the TSS; the user's FPU/SSE state sits right
 * below (asm/processor.h). Every return to user mode goes out through the
 * trap-return path (iretq), after exit_to_user_mode_prepare() of the
 * process core when there is one (signals, rescheduling).
 *
 * The process core, mm and the generated system-call table are not
 * interfaces the arch can require (they require the arch): the calls to
 * exit_to_user_mode_prepare() and syscall_invoke() are weak here, absent
 * without them. Until the generated table has syscall_invoke(), the weak
 * one below serves the arch's own calls.
 */
#define pr_fmt(fmt) "x86_64: " fmt

#include <autoconf.h>
#include <asm/cpu.h>
#include <asm/memory.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <interfaces/arch.h>
#include <interfaces/arch_process.h>
#include <interfaces/lib.h>
#include <interfaces/printk.h>
#include <interfaces/uaccess.h>
#include <tessera/compiler.h>
#include <tessera/errno.h>
#include <tessera/percpu.h>
#include <tessera/sched.h>
#include <tessera/syscalls.h>

#include "x86_64.h"

#define MSR_STAR           0xc0000081U
#define MSR_LSTAR          0xc0000082U
#define MSR_SYSCALL_MASK   0xc0000084U
#define MSR_FS_BASE        0xc0000100U
#define MSR_KERNEL_GS_BASE 0xc0000102U
#define EFER_SCE           (1UL << 0)

#define X86_CR0_MP         (1UL << 1)
#define X86_CR0_EM         (1UL << 2)
#define X86_CR4_OSFXSR     (1UL << 9)
#define X86_CR4_OSXMMEXCPT (1UL << 10)
#define X86_CR4_SMEP       (1UL << 20)
#define X86_CR4_SMAP       (1UL << 21)

#define X86_EFLAGS_IF      0x200UL
/* What `syscall` clears in %rflags: Linux's mask (all arithmetic flags, TF, IF, DF, IOPL, NT, RF, AC, ID). */
#define SYSCALL_FLAGS_MASK 0x257fd5UL

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

_Static_assert(sizeof(struct pt_regs) == PT_REGS_SIZE, "PT_REGS_SIZE");
_Static_assert(__builtin_offsetof(struct thread_struct, sp0) == THREAD_SP0_OFFSET, "sp0");
_Static_assert(__builtin_offsetof(struct thread_struct, fsbase) == THREAD_FSBASE_OFFSET, "fs");
_Static_assert(__builtin_offsetof(struct thread_struct, gsbase) == THREAD_GSBASE_OFFSET, "gs");

bool x86_64_smap;
long sys_rt_sigreturn(SYSCALL_ARGS);
long sys_arch_prctl(SYSCALL_ARGS);
extern const char x86_64_entry_syscall[], x86_64_ret_from_trap[];

static inline unsigned long read_cr0(void)
{
	unsigned long v;

	__asm__ __volatile__("mov %%cr0, %0" : "=r"(v));
	return v;
}

static inline void write_cr0(unsigned long v)
{
	__asm__ __volatile__("mov %0, %%cr0" : : "r"(v) : "memory");
}

static inline unsigned long read_cr4(void)
{
	unsigned long v;

	__asm__ __volatile__("mov %%cr4, %0" : "=r"(v));
	return v;
}

static inline void write_cr4(unsigned long v)
{
	__asm__ __volatile__("mov %0, %%cr4" : : "r"(v) : "memory");
}

void x86_64_user_setup(void)
{
	unsigned int eax, ebx, ecx, edx;
	unsigned long cr4 = read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT;

	/* SSE for user programs: no emulation, fxsave/fxrstor on switches. */
	write_cr0((read_cr0() & ~X86_CR0_EM) | X86_CR0_MP);

	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	/* syscall: CS = __KERNEL_CS; sysret: CS = __USER32_CS + 16, SS + 8. */
	wrmsr(MSR_STAR, ((u64)(__USER32_CS & ~3) << 48) | ((u64)__KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (unsigned long)x86_64_entry_syscall);
	wrmsr(MSR_SYSCALL_MASK, SYSCALL_FLAGS_MASK);
	wrmsr(MSR_KERNEL_GS_BASE, 0);

	/* User memory is never executed (SMEP) nor touched outside uaccess (SMAP). */
	cpuid(0, &eax, &ebx, &ecx, &edx);
	if (eax >= 7) {
		cpuid(7, &eax, &ebx, &ecx, &edx);
		if (ebx & (1U << 7))
			cr4 |= X86_CR4_SMEP;
		if (ebx & (1U << 20)) {
			cr4 |= X86_CR4_SMAP;
			x86_64_smap = true;
		}
	}
	write_cr4(cr4);
}

/* The process core's return-to-user work, when it is in the product. */
extern void exit_to_user_mode_prepare(struct pt_regs *regs) __attribute__((__weak__));

void x86_64_exit_to_user(struct pt_regs *regs)
{
	arch_irq_disable();
	if (exit_to_user_mode_prepare)
		exit_to_user_mode_prepare(regs);
}

/*
 * Without a generated dispatcher (no syscall_invoke() in the table yet):
 * the arch's own calls, by their x86_64 numbers, and -ENOSYS.
 */
__attribute__((__weak__)) long syscall_invoke(unsigned long nr, unsigned long a0,
					      unsigned long a1, unsigned long a2,
					      unsigned long a3, unsigned long a4,
					      unsigned long a5)
{
	switch (nr) {
	case 15:
		return sys_rt_sigreturn(a0, a1, a2, a3, a4, a5);
	case 158:
		return sys_arch_prctl(a0, a1, a2, a3, a4, a5);
	}
	return -ENOSYS;
}

/* From entry.S, interrupts off, on the task's kernel stack. */
void x86_64_do_syscall(struct pt_regs *regs)
{
	arch_irq_enable();
	regs->rax = syscall_invoke(regs->orig_ax, regs->rdi, regs->rsi, regs->rdx,
				   regs->r10, regs->r8, regs->r9);
	x86_64_exit_to_user(regs);
}

/* The top of the running task's kernel stack (the TSS has it). */
struct pt_regs *current_pt_regs(void)
{
	return (struct pt_regs *)x86_64_get_sp0() - 1;
}

void start_thread(struct pt_regs *regs, unsigned long pc, unsigned long sp)
{
	struct task_struct *cur = current;

	__builtin_memset(regs, 0, sizeof(*regs));
	regs->rip = pc;
	regs->rsp = sp;
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	regs->rflags = X86_EFLAGS_IF | 0x2;
	regs->orig_ax = (u64)-1;
	/* A fresh program: no TLS, clean FPU state. */
	if (cur) {
		cur->thread.fsbase = 0;
		cur->thread.gsbase = 0;
	}
	wrmsr(MSR_FS_BASE, 0);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	x86_64_fpu_clean();
}

/* The running task's user FPU/SSE registers to their initial state. */
void x86_64_fpu_clean(void)
{
	struct {
		u8 bytes[FXSTATE_SIZE];
	} __aligned(16) fx;

	fxstate_init(&fx);
	__asm__ __volatile__("fxrstor64 %0" : : "m"(fx));
}

_Noreturn void arch_return_to_user(void)
{
	struct pt_regs *regs = current_pt_regs();

	x86_64_exit_to_user(regs);
	__asm__ __volatile__("movq %0, %%rsp\n\t"
			     "jmp x86_64_ret_from_trap"
			     : : "r"(regs) : "memory");
	__builtin_unreachable();
}

/*
 * A forked child's first run: the task was made like a kernel thread
 * (its first switch runs the scheduler's kthread entry, which finishes
 * the switch and calls threadfn); copy_thread() makes this its threadfn.
 */
static int ret_from_fork(void *unused)
{
	(void)unused;
	arch_return_to_user();
}

int copy_thread(struct task_struct *p, unsigned long clone_flags, unsigned long newsp,
		unsigned long tls)
{
	struct task_struct *cur = current;
	struct pt_regs *child = (struct pt_regs *)p->thread.sp0 - 1;

	if (!p->thread.sp0 || !cur)
		return -EINVAL;
	*child = *current_pt_regs();
	child->rax = 0;
	if (newsp)
		child->rsp = newsp;
	/* The parent's user FPU state, as it is now (the kernel leaves it alone). */
	__asm__ __volatile__("fxsave64 %0" : "=m"(*(char (*)[FXSTATE_SIZE])
						thread_fxstate(p->thread.sp0)));
	p->thread.fsbase = cur->thread.fsbase;
	p->thread.gsbase = cur->thread.gsbase;
	if (clone_flags & CLONE_SETTLS) {
		if (tls >= TASK_SIZE)
			return -EPERM;
		p->thread.fsbase = tls;
	}
	p->threadfn = ret_from_fork;
	p->data = NULL;
	return 0;
}

int arch_setup_additional_pages(struct mm_struct *mm)
{
	(void)mm;
	return 0;
}

static long do_arch_prctl(int code, unsigned long addr)
{
	struct task_struct *cur = current;
	unsigned long base;

	switch (code) {
	case ARCH_SET_FS:
	case ARCH_SET_GS:
		if (addr >= TASK_SIZE)
			return -EPERM;
		if (code == ARCH_SET_FS) {
			if (cur)
				cur->thread.fsbase = addr;
			wrmsr(MSR_FS_BASE, addr);
		} else {
			if (cur)
				cur->thread.gsbase = addr;
			wrmsr(MSR_KERNEL_GS_BASE, addr);
		}
		return 0;
	case ARCH_GET_FS:
		base = rdmsr(MSR_FS_BASE);
		return put_user(base, (unsigned long __user *)addr);
	case ARCH_GET_GS:
		base = rdmsr(MSR_KERNEL_GS_BASE);
		return put_user(base, (unsigned long __user *)addr);
	}
	return -EINVAL;
}

SYSCALL_DEFINE2(arch_prctl, int, code, unsigned long, addr)
{
	return do_arch_prctl(code, addr);
}
