/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Signal frames, in Linux's x86_64 layout (arch/x86/include/uapi/asm/
 * sigcontext.h, ucontext.h; arch/x86/kernel/signal_64.c): what a handler
 * finds on its stack and what rt_sigreturn(2) reads back.
 *
 *   sp + 0    pretcode: the SA_RESTORER (glibc's __restore_rt, which
 *             calls rt_sigreturn); the handler returns into it
 *   sp + 8    struct ucontext: flags, link, the sigaltstack, the
 *             registers (struct sigcontext, with a pointer to the FPU
 *             state), the blocked mask to restore
 *   sp + 312  siginfo_t (128 bytes)
 *   above     the FPU/SSE state (fxsave format, 64-byte aligned), then
 *             the 128-byte red zone of the interrupted code
 *
 * The handler is entered with %rdi = signal, %rsi = &info, %rdx = &uc,
 * %rax = 0, and %rsp + 8 aligned to 16, as after a call. Like Linux,
 * without SA_RESTORER there is nowhere to return to: -EFAULT, and the
 * caller forces SIGSEGV. An alternate signal stack (SA_ONSTACK) is not
 * used yet: the frame goes on the interrupted stack.
 */
#include <asm/memory.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <interfaces/arch_process.h>
#include <interfaces/uaccess.h>
#include <tessera/compiler.h>
#include <tessera/errno.h>
#include <tessera/percpu.h>
#include <tessera/sched.h>
#include <tessera/syscalls.h>

#include "x86_64.h"

#define UC_SIGCONTEXT_SS     0x2
#define UC_STRICT_RESTORE_SS 0x4
#define SS_DISABLE           2
#define SIGKILL              9
#define SIGSEGV              11
#define SIGSTOP              19
#define SI_KERNEL            0x80

/* The flags a signal handler or sigreturn may change (Linux's FIX_EFLAGS). */
#define FIX_EFLAGS 0x50dd5UL    /* AC RF OF DF TF SF ZF AF PF CF */
#define X86_EFLAGS_TF 0x100UL
#define X86_EFLAGS_DF 0x400UL
#define X86_EFLAGS_RF 0x10000UL
#define X86_EFLAGS_AC 0x40000UL

struct sigcontext_64 {
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip;
	u64 eflags;
	u16 cs, gs, fs, ss;
	u64 err, trapno, oldmask, cr2;
	u64 fpstate;            /* user address of the fxsave area, 0: none */
	u64 reserved1[8];
};

struct stack_64 {
	u64 ss_sp;
	int ss_flags;
	int pad;
	u64 ss_size;
};

struct ucontext_64 {
	u64 uc_flags;
	u64 uc_link;
	struct stack_64 uc_stack;
	struct sigcontext_64 uc_mcontext;
	u64 uc_sigmask;
};

struct rt_sigframe {
	u64 pretcode;
	struct ucontext_64 uc;
	u8 info[128];
};

_Static_assert(sizeof(struct sigcontext_64) == 256, "struct sigcontext layout");
_Static_assert(sizeof(struct ucontext_64) == 304, "struct ucontext layout");
_Static_assert(__builtin_offsetof(struct rt_sigframe, info) == 312, "rt_sigframe layout");

extern int force_sig_fault(int sig, int code, void __user *addr) __attribute__((__weak__));

struct fxstate {
	u8 bytes[FXSTATE_SIZE];
} __aligned(16);

static void fx_save(struct fxstate *fx)
{
	__asm__ __volatile__("fxsave64 %0" : "=m"(*fx));
}

static void fx_restore(const struct fxstate *fx)
{
	__asm__ __volatile__("fxrstor64 %0" : : "m"(*fx));
}

#define fx_clean x86_64_fpu_clean

int arch_setup_rt_frame(int sig, const void *ksig_info, unsigned long handler,
			unsigned long sa_flags, unsigned long restorer, u64 oldmask,
			struct pt_regs *regs)
{
	struct rt_sigframe frame;
	struct sigcontext_64 *sc = &frame.uc.uc_mcontext;
	struct fxstate fx;
	unsigned long sp, fp;

	if (!(sa_flags & SA_RESTORER) || restorer >= TASK_SIZE)
		return -EFAULT;
	sp = regs->rsp - 128;                   /* the red zone */
	fp = (sp - FXSTATE_SIZE) & ~63UL;
	sp = ((fp - sizeof(frame)) & ~15UL) - 8;

	__builtin_memset(&frame, 0, sizeof(frame));
	frame.pretcode = restorer;
	frame.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	frame.uc.uc_stack.ss_flags = SS_DISABLE;
	sc->r8 = regs->r8;   sc->r9 = regs->r9;   sc->r10 = regs->r10; sc->r11 = regs->r11;
	sc->r12 = regs->r12; sc->r13 = regs->r13; sc->r14 = regs->r14; sc->r15 = regs->r15;
	sc->rdi = regs->rdi; sc->rsi = regs->rsi; sc->rbp = regs->rbp; sc->rbx = regs->rbx;
	sc->rdx = regs->rdx; sc->rax = regs->rax; sc->rcx = regs->rcx; sc->rsp = regs->rsp;
	sc->rip = regs->rip;
	sc->eflags = regs->rflags;
	sc->cs = __USER_CS;
	sc->ss = __USER_DS;
	if (regs->vector < 32) {
		sc->trapno = regs->vector;
		sc->err = regs->error_code;
	}
	sc->oldmask = oldmask;
	sc->fpstate = fp;
	frame.uc.uc_sigmask = oldmask;
	__builtin_memcpy(frame.info, ksig_info, sizeof(frame.info));

	fx_save(&fx);
	if (copy_to_user((void __user *)fp, &fx, sizeof(fx)) ||
	    copy_to_user((void __user *)sp, &frame, sizeof(frame)))
		return -EFAULT;

	regs->rdi = (unsigned long)sig;
	regs->rsi = sp + __builtin_offsetof(struct rt_sigframe, info);
	regs->rdx = sp + __builtin_offsetof(struct rt_sigframe, uc);
	regs->rax = 0;
	regs->rip = handler;
	regs->rsp = sp;
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	regs->rflags &= ~(X86_EFLAGS_TF | X86_EFLAGS_DF | X86_EFLAGS_RF | X86_EFLAGS_AC);
	/* The handler starts with a clean FPU, as on Linux. */
	fx_clean();
	return 0;
}

/* Put back what the frame at @frame_addr says; -EFAULT for a bad one. */
static int restore_sigframe(struct pt_regs *regs, unsigned long frame_addr)
{
	struct rt_sigframe frame;
	const struct sigcontext_64 *sc = &frame.uc.uc_mcontext;
	struct task_struct *cur = current;

	if (copy_from_user(&frame, (const void __user *)frame_addr, sizeof(frame)))
		return -EFAULT;
	/* iretq to a non-canonical %rip would fault in the kernel. */
	if (sc->rip >= TASK_SIZE)
		return -EFAULT;
	if (sc->fpstate) {
		struct fxstate fx, now;
		u32 mask;

		if (copy_from_user(&fx, (const void __user *)sc->fpstate, sizeof(fx)))
			return -EFAULT;
		/* Reserved MXCSR bits would make fxrstor fault: keep the CPU's. */
		fx_save(&now);
		__builtin_memcpy(&mask, now.bytes + 28, 4);
		if (!mask)
			mask = 0xffbf;
		{
			u32 mxcsr;

			__builtin_memcpy(&mxcsr, fx.bytes + 24, 4);
			mxcsr &= mask;
			__builtin_memcpy(fx.bytes + 24, &mxcsr, 4);
		}
		fx_restore(&fx);
	} else {
		fx_clean();
	}
	regs->r8 = sc->r8;   regs->r9 = sc->r9;   regs->r10 = sc->r10; regs->r11 = sc->r11;
	regs->r12 = sc->r12; regs->r13 = sc->r13; regs->r14 = sc->r14; regs->r15 = sc->r15;
	regs->rdi = sc->rdi; regs->rsi = sc->rsi; regs->rbp = sc->rbp; regs->rbx = sc->rbx;
	regs->rdx = sc->rdx; regs->rax = sc->rax; regs->rcx = sc->rcx; regs->rsp = sc->rsp;
	regs->rip = sc->rip;
	regs->rflags = (regs->rflags & ~FIX_EFLAGS) | (sc->eflags & FIX_EFLAGS);
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	/* Not a system call any more: nothing to restart. */
	syscall_forget(regs);
	if (cur) {
		cur->blocked = frame.uc.uc_sigmask &
			       ~((1ULL << (SIGKILL - 1)) | (1ULL << (SIGSTOP - 1)));
		if (cur->pending & ~cur->blocked)
			cur->ti_flags |= 1UL << TIF_SIGPENDING;
	}
	return 0;
}

/*
 * The handler's `ret` popped pretcode, and the restorer made this call:
 * the frame starts 8 bytes below the user %rsp. The return value is the
 * restored %rax, which the dispatcher stores back.
 */
SYSCALL_DEFINE0(rt_sigreturn)
{
	struct pt_regs *regs = current_pt_regs();

	if (restore_sigframe(regs, regs->rsp - 8)) {
		if (force_sig_fault)
			force_sig_fault(SIGSEGV, SI_KERNEL, NULL);
		return -EFAULT;
	}
	return (long)regs->rax;
}
