/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Signal frames (Linux's riscv layout, arch/riscv/kernel/signal.c) and
 * rt_sigreturn, plus the [sigpage] their handlers return through.
 *
 * The frame on the user stack, 16-byte aligned:
 *
 *   struct rt_sigframe {
 *           siginfo_t       info;           128 bytes
 *           struct ucontext uc;             uc_flags, uc_link, uc_stack,
 *                                           uc_sigmask (8 bytes) and padding
 *                                           to 128 bytes of mask, then at
 *                                           offset 176 uc_mcontext: the
 *                                           sigcontext (pc, x1-x31, then the
 *                                           F/D state f0-f31 + fcsr in a
 *                                           528-byte union)
 *   };
 *
 * The handler runs with a0 = signal, a1 = &info, a2 = &uc, sp = the frame,
 * ra = the return trampoline: glibc on riscv sets no SA_RESTORER (Linux
 * returns through its vDSO's __vdso_rt_sigreturn), so exec maps a
 * [sigpage] holding `li a7, 139; ecall` (arch_setup_additional_pages) and
 * ra points there; a restorer given with SA_RESTORER wins.
 */
#include <autoconf.h>
#include <tessera/arch_process.h>
#include <tessera/compiler.h>
#include <tessera/errno.h>
#include <tessera/mm.h>
#include <tessera/page.h>
#include <tessera/sched.h>
#include <tessera/signal.h>
#include <tessera/syscalls.h>
#include <tessera/uaccess.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <interfaces/arch_process.h>
#include <interfaces/lib.h>
#include <interfaces/page_alloc.h>
#include <interfaces/uaccess.h>

/* The process core's and the mm's, when the product has them (weak: see traps.c). */
extern unsigned long sigsp(unsigned long sp, unsigned long sa_flags) __attribute__((__weak__));
extern int __save_altstack(void __user *uss, unsigned long sp) __attribute__((__weak__));
extern int restore_altstack(const void __user *uss) __attribute__((__weak__));
extern void set_current_blocked(u64 set) __attribute__((__weak__));
extern int force_sig(int sig) __attribute__((__weak__));
extern void mmap_write_lock(struct mm_struct *mm) __attribute__((__weak__));
extern void mmap_write_unlock(struct mm_struct *mm) __attribute__((__weak__));
extern unsigned long get_unmapped_area(struct mm_struct *mm, struct file *file, unsigned long addr,
				       unsigned long len, unsigned long pgoff, unsigned long flags)
	__attribute__((__weak__));
extern struct vm_area_struct *_install_special_mapping(struct mm_struct *mm, unsigned long addr,
						       unsigned long len, unsigned long vm_flags,
						       const struct vm_special_mapping *spec)
	__attribute__((__weak__));
#include "riscv64.h"

#define NR_rt_sigreturn 139     /* the generic table's */

struct rv_sigcontext {
	unsigned long sc_regs[32];              /* pc, x1..x31 (user_regs_struct) */
	union {
		struct {
			u64 f[32];
			u32 fcsr;
		} d;
		u8 q[528];                      /* __riscv_q_ext_state's size */
	} sc_fpregs __attribute__((__aligned__(16)));
};

struct rv_ucontext {
	unsigned long uc_flags;
	unsigned long uc_link;
	stack_t uc_stack;
	u64 uc_sigmask;
	u8 uc_unused[1024 / 8 - sizeof(u64)];
	struct rv_sigcontext uc_mcontext __attribute__((__aligned__(16)));
};

struct rv_rt_sigframe {
	kernel_siginfo_t info;
	struct rv_ucontext uc;
};

_Static_assert(sizeof(stack_t) == 24, "stack_t");
_Static_assert(offsetof(struct rv_ucontext, uc_sigmask) == 40, "ucontext layout");
_Static_assert(offsetof(struct rv_ucontext, uc_mcontext) == 176, "ucontext layout");
_Static_assert(sizeof(struct rv_sigcontext) == 256 + 528, "sigcontext layout");
_Static_assert(offsetof(struct rv_rt_sigframe, uc) == 128, "rt_sigframe layout");
_Static_assert(sizeof(struct rv_rt_sigframe) == 1088, "rt_sigframe layout");

/* The registers into the sigcontext: pt_regs keeps them in the same order. */
static void save_sigcontext(struct rv_sigcontext *sc, const struct pt_regs *regs)
{
	struct task_struct *t = current;

	memcpy(sc->sc_regs, regs, sizeof(sc->sc_regs));
	if (t && t->thread.fp_used) {
		riscv64_fp_save(&t->thread);
		memcpy(sc->sc_fpregs.d.f, t->thread.fstate, sizeof(sc->sc_fpregs.d.f));
		sc->sc_fpregs.d.fcsr = (u32)t->thread.fcsr;
	}
}

int arch_setup_rt_frame(int sig, const void *ksig_info, unsigned long handler,
			unsigned long sa_flags, unsigned long restorer, u64 oldmask,
			struct pt_regs *regs)
{
	struct rv_rt_sigframe frame;
	unsigned long sp = regs->sp, ret_addr = 0;
	struct rv_rt_sigframe __user *uf;
	struct task_struct *t = current;

	if (sa_flags & SA_RESTORER)
		ret_addr = restorer;
	else if (t && t->mm && t->mm->context)
		ret_addr = (unsigned long)t->mm->context;
	if (!ret_addr)
		return -EFAULT;         /* nowhere to return to */
	if (sigsp)
		sp = sigsp(sp, sa_flags);
	sp = (sp - sizeof(frame)) & ~15UL;
	uf = (struct rv_rt_sigframe __user *)sp;

	memset(&frame, 0, sizeof(frame));
	memcpy(&frame.info, ksig_info, sizeof(frame.info));
	frame.uc.uc_stack.ss_flags = SS_DISABLE;
	frame.uc.uc_sigmask = oldmask;
	save_sigcontext(&frame.uc.uc_mcontext, regs);
	if (copy_to_user(uf, &frame, sizeof(frame)))
		return -EFAULT;
	/* The alternate stack as it was (sigaltstack's owner fills it). */
	if (__save_altstack && __save_altstack(&uf->uc.uc_stack, regs->sp))
		return -EFAULT;
	regs->epc = handler;
	regs->sp = sp;
	regs->ra = ret_addr;
	regs->a0 = (unsigned long)sig;
	regs->a1 = (unsigned long)&uf->info;
	regs->a2 = (unsigned long)&uf->uc;
	return 0;
}

/*
 * Back from a handler (through the [sigpage]): the registers, FP state and
 * mask the frame holds; the privileged bits of sstatus stay the kernel's.
 * A frame that cannot be read kills with SIGSEGV, as Linux does.
 */
SYSCALL_DEFINE0(rt_sigreturn)
{
	struct pt_regs *regs = current_pt_regs();
	struct task_struct *t = current;
	const struct rv_rt_sigframe __user *uf = (const void __user *)regs->sp;
	struct rv_ucontext uc;

	if (copy_from_user(&uc, &uf->uc, sizeof(uc))) {
		if (force_sig)
			force_sig(SIGSEGV);
		return -EFAULT;
	}
	/* Slot 0 is the pc, slots 1-31 the registers: pt_regs's order. */
	memcpy(regs, uc.uc_mcontext.sc_regs, sizeof(uc.uc_mcontext.sc_regs));
	if (t && t->thread.fp_used) {
		memcpy(t->thread.fstate, uc.uc_mcontext.sc_fpregs.d.f, sizeof(t->thread.fstate));
		t->thread.fcsr = uc.uc_mcontext.sc_fpregs.d.fcsr;
		riscv64_fp_load(&t->thread);
	}
	if (set_current_blocked)
		set_current_blocked(uc.uc_sigmask);
	else if (t)
		t->blocked = uc.uc_sigmask & ~((1ULL << (SIGKILL - 1)) | (1ULL << (SIGSTOP - 1)));
	if (restore_altstack)
		restore_altstack(&uf->uc.uc_stack);
	syscall_forget(regs);           /* no restart of what the handler interrupted */
	return (long)regs->a0;          /* the syscall path stores it back into a0 */
}

/* --- [sigpage] ---------------------------------------------------------------- */

static struct page *sigpage_pages[2];

/* The one page every process maps: `li a7, 139; ecall` at its start. */
static struct page *sigpage(void)
{
	static const u32 code[] = {
		0x00000893 | (NR_rt_sigreturn << 20),   /* addi a7, zero, 139 */
		0x00000073,                             /* ecall */
	};
	unsigned long page;

	if (sigpage_pages[0])
		return sigpage_pages[0];
	page = __get_free_pages(GFP_KERNEL | __GFP_ZERO, 0);
	if (!page)
		return NULL;
	memcpy((void *)page, code, sizeof(code));
	__asm__ __volatile__("fence.i" ::: "memory");
	sigpage_pages[0] = virt_to_page((void *)page);
	return sigpage_pages[0];
}

struct page *riscv64_sigpage(void)
{
	return sigpage();
}

int arch_setup_additional_pages(struct mm_struct *mm)
{
	static const struct vm_special_mapping spec = {
		.name = "[sigpage]",
		.pages = sigpage_pages,
	};
	struct vm_area_struct *vma;
	unsigned long addr;
	int ret = 0;

	if (!_install_special_mapping || !get_unmapped_area || !mmap_write_lock)
		return 0;               /* no mm in the product: nothing to map */
	if (!sigpage())
		return -ENOMEM;
	mmap_write_lock(mm);
	addr = get_unmapped_area(mm, NULL, 0, PAGE_SIZE, 0, 0);
	if (IS_ERR_VALUE(addr)) {
		ret = (int)addr;
	} else {
		vma = _install_special_mapping(mm, addr, PAGE_SIZE,
					       VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYEXEC, &spec);
		if (IS_ERR(vma))
			ret = (int)PTR_ERR(vma);
		else
			mm->context = (void *)addr;
	}
	mmap_write_unlock(mm);
	return ret;
}
