// SPDX-License-Identifier: Apache-2.0
/*
 * execve/execveat: a static ELF64 executable (or static-PIE) or a #!
 * script, as Linux's fs/exec.c + binfmt_elf.c + binfmt_script.c do it:
 *
 *  1. the arguments and environment are copied into kernel pages (they
 *     live in the old address space, which is about to go);
 *  2. the file is opened and its first page read: "#!" restarts with the
 *     interpreter (up to 4 levels), an ELF header goes to elf_check_plan()
 *     (elf-loader), which refuses anything malformed (-ENOEXEC);
 *  3. the point of no return: a fresh mm (mm_alloc) replaces the old one
 *     (exec_mmap; a vfork parent is released), each PT_LOAD becomes an
 *     anonymous private mapping filled from the file with kernel_read +
 *     copy_to_user and then given its protection, the stack is mapped
 *     below STACK_TOP and filled by elf_build_stack() (argc, argv, envp,
 *     auxv with AT_RANDOM, AT_PAGESZ, AT_PHDR, AT_ENTRY, AT_HWCAP,
 *     AT_SECURE=0, AT_EXECFN, AT_PLATFORM ...), and start_thread() sets
 *     the user registers. A failure after that kills the process with
 *     SIGSEGV, as Linux does.
 *
 * Segments are copied, not mapped from the page cache: simpler, and every
 * exec'd page is private anyway once written; file-backed text mappings
 * (shared page cache pages) are the later optimisation.
 */
#define pr_fmt(fmt) "exec: " fmt

#include <tessera/elf.h>
#include <tessera/page.h>
#include <interfaces/arch.h>
#include <interfaces/arch_process.h>
#include <interfaces/elf_loader.h>
#include <interfaces/kmalloc.h>
#include <interfaces/lib.h>
#include <interfaces/mm.h>
#include <interfaces/mmu.h>
#include <interfaces/page_alloc.h>
#include <interfaces/printk.h>
#include <interfaces/process.h>
#include <interfaces/sched.h>
#include <interfaces/spinlock.h>
#include <interfaces/uaccess.h>
#include "vfs_glue.h"

#include "process.h"

#define STRINGS_ORDER     5             /* 128 KiB of argument and environment strings */
#define STRINGS_SIZE      (PAGE_SIZE << STRINGS_ORDER)
#define PTRS_ORDER        3
#define MAX_ARG_PTRS      ((PAGE_SIZE << PTRS_ORDER) / sizeof(char *) - 8)
#define MAX_INTERP_DEPTH  4
#define BINPRM_BUF_SIZE   256           /* the #! line Linux reads */
#define EXEC_STACK_SIZE   (256UL << 10) /* mapped at exec; grows down from there */
#define MMAP_MIN_ADDR     65536UL

struct linux_binprm {
	char *strbuf;                   /* strings, packed */
	size_t strused;
	const char **ptrs;              /* argv[0..argc) then envp[0..envc) */
	unsigned int argc, envc;
	char *hdr;                      /* the file's first page */
	size_t hdrlen;
	const char *filename;           /* what is opened now (the interpreter after #!) */
	const char *execfn;             /* AT_EXECFN and comm: the path execve was given */
	struct file *file;
	const u8 *image;                /* kernel_execve_image(): the program in memory, no file */
	size_t image_len;
};

/* Read the executable: the file, or the in-memory image. */
static ssize_t bprm_read(struct linux_binprm *b, void *buf, size_t n, loff_t pos)
{
	if (b->image) {
		if (pos < 0 || (size_t)pos >= b->image_len)
			return 0;
		if (n > b->image_len - (size_t)pos)
			n = b->image_len - (size_t)pos;
		memcpy(buf, b->image + pos, n);
		return (ssize_t)n;
	}
	return kernel_read(b->file, buf, n, &pos);
}

static const char *bprm_add_string(struct linux_binprm *b, const char *s, size_t len)
{
	char *dst;

	if (len + 1 > STRINGS_SIZE - b->strused)
		return NULL;
	dst = b->strbuf + b->strused;
	memcpy(dst, s, len);
	dst[len] = 0;
	b->strused += len + 1;
	return dst;
}

/* Copy a NULL-terminated user array of user strings; appended to ptrs. */
static int copy_user_strings(struct linux_binprm *b, const char __user *const __user *uv,
			     unsigned int *count)
{
	unsigned int n = 0;

	if (!uv)
		return 0;
	for (;;) {
		const char __user *up;
		long len;

		if (copy_from_user(&up, uv + n, sizeof(up)))
			return -EFAULT;
		if (!up)
			break;
		if (b->argc + b->envc + n >= MAX_ARG_PTRS)
			return -E2BIG;
		len = strnlen_user(up, (long)(STRINGS_SIZE - b->strused));
		if (len <= 0)
			return -EFAULT;
		if ((size_t)len > STRINGS_SIZE - b->strused)
			return -E2BIG;
		if (copy_from_user(b->strbuf + b->strused, up, (unsigned long)len))
			return -EFAULT;
		b->strbuf[b->strused + len - 1] = 0;     /* changed under us: still terminated */
		b->ptrs[b->argc + b->envc + n] = b->strbuf + b->strused;
		b->strused += (size_t)len;
		n++;
		cond_resched();
	}
	*count = n;
	return 0;
}

static int copy_kernel_strings(struct linux_binprm *b, const char *const *kv, unsigned int *count)
{
	unsigned int n = 0;

	if (!kv)
		return 0;
	for (; kv[n]; n++) {
		const char *s;

		if (b->argc + b->envc + n >= MAX_ARG_PTRS)
			return -E2BIG;
		s = bprm_add_string(b, kv[n], strlen(kv[n]));
		if (!s)
			return -E2BIG;
		b->ptrs[b->argc + b->envc + n] = s;
	}
	*count = n;
	return 0;
}

static void bprm_free(struct linux_binprm *b)
{
	if (b->file)
		fput(b->file);
	if (b->strbuf)
		free_pages((unsigned long)b->strbuf, STRINGS_ORDER);
	if (b->ptrs)
		free_pages((unsigned long)b->ptrs, PTRS_ORDER);
	if (b->hdr)
		free_pages((unsigned long)b->hdr, 0);
}

static int bprm_alloc(struct linux_binprm *b)
{
	memset(b, 0, sizeof(*b));
	b->strbuf = (char *)__get_free_pages(GFP_KERNEL, STRINGS_ORDER);
	b->ptrs = (const char **)__get_free_pages(GFP_KERNEL, PTRS_ORDER);
	b->hdr = (char *)__get_free_pages(GFP_KERNEL, 0);
	if (!b->strbuf || !b->ptrs || !b->hdr) {
		bprm_free(b);
		return -ENOMEM;
	}
	return 0;
}

static struct file *open_exec(const char *name)
{
	struct file *f = filp_open(name, O_RDONLY, 0);
	struct inode *inode;

	if (IS_ERR(f))
		return f;
	inode = file_inode(f);
	if (!S_ISREG(inode->i_mode) || !(inode->i_mode & 0111)) {
		fput(f);
		return ERR_PTR(-EACCES);
	}
	return f;
}

/* "#!interp [arg]": argv becomes interp [arg] filename argv[1..]. */
static int load_script(struct linux_binprm *b)
{
	char line[BINPRM_BUF_SIZE];
	size_t n = b->hdrlen < BINPRM_BUF_SIZE ? b->hdrlen : BINPRM_BUF_SIZE;
	char *p, *end, *interp, *arg = NULL;
	const char *s_interp, *s_arg = NULL, *s_file;
	unsigned int skip, total, head, i;

	memcpy(line, b->hdr, n);
	for (end = line; end < line + n && *end != '\n'; end++)
		;
	if (end == line + n) {
		if (n == BINPRM_BUF_SIZE)
			return -ENOEXEC;        /* the line does not fit: Linux refuses too */
		end = line + n;
	}
	*end = 0;
	for (p = line + 2; *p == ' ' || *p == '\t'; p++)
		;
	if (!*p)
		return -ENOEXEC;
	interp = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	if (*p) {
		*p++ = 0;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p) {
			char *q = p + strlen(p);

			while (q > p && (q[-1] == ' ' || q[-1] == '\t'))
				*--q = 0;
			arg = p;
		}
	}
	s_interp = bprm_add_string(b, interp, strlen(interp));
	if (arg)
		s_arg = bprm_add_string(b, arg, strlen(arg));
	s_file = bprm_add_string(b, b->filename, strlen(b->filename));
	if (!s_interp || (arg && !s_arg) || !s_file)
		return -E2BIG;
	/* Replace argv[0] with interp [arg] filename. */
	skip = b->argc ? 1 : 0;
	total = b->argc + b->envc;
	head = arg ? 3 : 2;
	if (total - skip + head >= MAX_ARG_PTRS)
		return -E2BIG;
	memmove(&b->ptrs[head], &b->ptrs[skip], (total - skip) * sizeof(b->ptrs[0]));
	i = 0;
	b->ptrs[i++] = s_interp;
	if (arg)
		b->ptrs[i++] = s_arg;
	b->ptrs[i++] = s_file;
	b->argc = b->argc - skip + head;
	b->filename = s_interp;
	return 0;
}

/* The new address space replaces the old; a vfork parent goes on. */
static void exec_mmap(struct mm_struct *mm)
{
	struct task_struct *tsk = current;
	struct mm_struct *old_mm = tsk->mm, *active = tsk->active_mm;
	unsigned long flags;

	if (old_mm)
		mm_release(tsk);
	flags = arch_irq_save();
	tsk->mm = mm;
	tsk->active_mm = mm;
	pgtable_activate(mm->pgd);
	arch_irq_restore(flags);
	if (old_mm)
		mmput(old_mm);
	else if (active)
		mmdrop(active);         /* a kernel thread's borrowed one */
}

static int map_segment(struct linux_binprm *b, const struct elf_segment *seg, void *kbuf)
{
	unsigned long len = seg->end - seg->start, done = 0;
	unsigned long addr;

	addr = vm_mmap(NULL, seg->start, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
	if (IS_ERR_VALUE(addr))
		return (int)addr;
	while (done < seg->file_size) {
		size_t n = seg->file_size - done > PAGE_SIZE ? PAGE_SIZE : seg->file_size - done;
		ssize_t got = bprm_read(b, kbuf, n, (loff_t)(seg->file_offset + done));

		if (got <= 0)
			return got < 0 ? (int)got : -EIO;
		if (copy_to_user((void __user *)(seg->start + done), kbuf, (unsigned long)got))
			return -EFAULT;
		done += (unsigned long)got;
		cond_resched();
	}
	if (seg->prot != (PROT_READ | PROT_WRITE)) {
		struct mm_struct *mm = current->mm;
		int err;

		mmap_write_lock(mm);
		err = do_mprotect(mm, seg->start, len, seg->prot);
		mmap_write_unlock(mm);
		if (err)
			return err;
	}
	return 0;
}

static unsigned int order_for(size_t bytes)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < bytes)
		order++;
	return order;
}

static int setup_stack(struct linux_binprm *b, const struct elf_load_plan *plan,
		       struct elf_stack_layout *layout)
{
	struct mm_struct *mm = current->mm;
	struct elf_stack_params sp;
	u8 random[16];
	size_t need, size, used;
	unsigned int order;
	unsigned long addr;
	char *buf;
	int err;

	addr = vm_mmap(NULL, STACK_TOP - EXEC_STACK_SIZE, EXEC_STACK_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN, 0);
	if (IS_ERR_VALUE(addr))
		return (int)addr;
	need = b->strused + strlen(b->execfn) + 1 + 64 + 16 +
	       (b->argc + b->envc + 3) * sizeof(long) + 48 * sizeof(long) + 64;
	order = order_for(need);
	size = PAGE_SIZE << order;
	if (size > EXEC_STACK_SIZE)
		return -E2BIG;
	buf = (char *)__get_free_pages(GFP_KERNEL, order);
	if (!buf)
		return -ENOMEM;
	get_random_bytes(random, sizeof(random));
	memset(&sp, 0, sizeof(sp));
	sp.stack_top = STACK_TOP;
	sp.argc = b->argc;
	sp.envc = b->envc;
	sp.argv = b->ptrs;
	sp.envp = b->ptrs + b->argc;
	sp.execfn = b->execfn;
#ifdef ELF_PLATFORM
	sp.platform = ELF_PLATFORM;
#endif
	sp.random = random;
	sp.hwcap = ELF_HWCAP;
	sp.hwcap2 = ELF_HWCAP2;
	sp.has_hwcap2 = ELF_HWCAP2 != 0;
	sp.pagesz = PAGE_SIZE;
	sp.clktck = 100;
	sp.phdr = plan->phdr_addr;
	sp.phent = plan->phent;
	sp.phnum = plan->phnum;
	sp.entry = plan->entry;
	/* uid/gid 0 (root), AT_SECURE 0, AT_BASE 0 (no interpreter) */
	err = elf_build_stack(buf, size, &sp, layout);
	if (err) {
		free_pages((unsigned long)buf, order);
		return -E2BIG;
	}
	used = STACK_TOP - layout->sp;
	if (copy_to_user((void __user *)layout->sp, buf + size - used, used))
		err = -EFAULT;
	free_pages((unsigned long)buf, order);
	mm->start_stack = layout->sp;
	mm->arg_start = layout->arg_start;
	mm->arg_end = layout->arg_end;
	mm->env_start = layout->env_start;
	mm->env_end = layout->env_end;
	return err;
}

/* After the point of no return: the process's own state for the new program. */
static int flush_old_exec(struct linux_binprm *b)
{
	struct task_struct *tsk = current;
	const char *base = b->execfn, *p;
	unsigned long flags;

	/* Other threads die (Linux waits for them; they are gone at their next return to user). */
	spin_lock_irqsave(&tasklist_lock, flags);
	zap_other_threads(tsk);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	/* Handlers are not inherited; a shared table is unshared first. */
	if (tsk->sighand->count > 1) {
		struct sighand_struct *sh = alloc_sighand_struct();

		if (!sh)
			return -ENOMEM;
		memcpy(sh->action, tsk->sighand->action, sizeof(sh->action));
		put_sighand_struct(tsk->sighand);
		tsk->sighand = sh;
	}
	spin_lock_irqsave(&tasklist_lock, flags);
	flush_signal_handlers(tsk);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (tsk->files) {
		if (atomic_read(&tsk->files->count) > 1) {
			int err = 0;
			struct files_struct *nf = dup_fd(tsk->files, &err);

			if (!nf)
				return err ? err : -ENOMEM;
			put_files_struct(tsk->files);
			tsk->files = nf;
		}
		do_close_on_exec(tsk->files);
	}
	tsk->sas_ss_sp = 0;
	tsk->sas_ss_size = 0;
	tsk->sas_ss_flags = 0;
	tsk->flags &= ~PF_KTHREAD;
	for (p = base; *p; p++) {
		if (*p == '/' && p[1])
			base = p + 1;
	}
	strlcpy(tsk->comm, base, TASK_COMM_LEN);
	return 0;
}

static long exec_binprm(struct linux_binprm *b)
{
	struct elf_load_params params = {
		.machine = ELF_MACHINE, .page_size = PAGE_SIZE, .min_addr = MMAP_MIN_ADDR,
		.task_size = TASK_SIZE, .dyn_base = ELF_ET_DYN_BASE,
	};
	struct elf_load_plan *plan;
	struct elf_stack_layout layout;
	struct mm_struct *mm;
	const Elf64_Ehdr *eh;
	unsigned int depth, i;
	long err;

	for (depth = 0;; depth++) {
		loff_t pos = 0;
		ssize_t n;

		if (b->image) {
			b->hdrlen = b->image_len < PAGE_SIZE ? b->image_len : PAGE_SIZE;
			memcpy(b->hdr, b->image, b->hdrlen);
			break;
		}
		b->file = open_exec(b->filename);
		if (IS_ERR(b->file)) {
			err = PTR_ERR(b->file);
			b->file = NULL;
			return err;
		}
		n = kernel_read(b->file, b->hdr, PAGE_SIZE, &pos);
		if (n < 0)
			return n;
		b->hdrlen = (size_t)n;
		if (b->hdrlen >= 2 && b->hdr[0] == '#' && b->hdr[1] == '!') {
			if (depth >= MAX_INTERP_DEPTH)
				return -ELOOP;
			fput(b->file);
			b->file = NULL;
			err = load_script(b);
			if (err)
				return err;
			continue;
		}
		break;
	}
	/* The program headers must be in the page read (static binaries: right after the header). */
	eh = (const Elf64_Ehdr *)b->hdr;
	if (b->hdrlen < sizeof(*eh) || memcmp(eh->e_ident, "\177ELF", 4))
		return -ENOEXEC;
	if (eh->e_phoff > b->hdrlen ||
	    (size_t)eh->e_phnum * sizeof(Elf64_Phdr) > b->hdrlen - eh->e_phoff)
		return -ENOEXEC;
	plan = kmalloc(sizeof(*plan));
	if (!plan)
		return -ENOMEM;
	if (elf_check_plan(b->hdr, b->image ? b->image_len : (size_t)file_inode(b->file)->i_size,
			   &params, plan) != ELF_OK) {
		kfree(plan);
		return -ENOEXEC;
	}
	mm = mm_alloc();
	if (!mm) {
		kfree(plan);
		return -ENOMEM;
	}

	/* ---- the point of no return ---- */
	exec_mmap(mm);
	err = flush_old_exec(b);
	if (!err)
		err = arch_setup_additional_pages(mm);
	for (i = 0; !err && i < plan->nr_segments; i++)
		err = map_segment(b, &plan->seg[i], b->hdr);
	if (!err) {
		mm->start_code = plan->start_code;
		mm->end_code = plan->end_code;
		mm->start_data = plan->start_data;
		mm->end_data = plan->end_data;
		mm->start_brk = mm->brk = plan->brk_start;
		err = setup_stack(b, plan, &layout);
	}
	if (err) {
		pr_warn("'%s' (pid %d): exec of %s failed after the point of no return: %ld\n",
			current->comm, current->pid, b->filename, err);
		kfree(plan);
		force_sig(SIGSEGV);
		return err;
	}
	start_thread(current_pt_regs(), plan->entry, layout.sp);
	kfree(plan);
	return 0;
}

static long do_execve_common(const char *filename, int flags,
			     const char __user *const __user *uargv,
			     const char __user *const __user *uenvp,
			     const char *const *kargv, const char *const *kenvp,
			     const void *image, size_t image_len)
{
	struct linux_binprm b;
	long err;

	(void)flags;
	err = bprm_alloc(&b);
	if (err)
		return err;
	b.image = image;
	b.image_len = image_len;
	b.filename = b.execfn = bprm_add_string(&b, filename, strlen(filename));
	if (kargv || kenvp) {
		err = copy_kernel_strings(&b, kargv, &b.argc);
		if (!err)
			err = copy_kernel_strings(&b, kenvp, &b.envc);
	} else {
		err = copy_user_strings(&b, uargv, &b.argc);
		if (!err)
			err = copy_user_strings(&b, uenvp, &b.envc);
	}
	if (!err)
		err = exec_binprm(&b);
	bprm_free(&b);
	return err;
}

long kernel_execve(const char *filename, const char *const *argv, const char *const *envp)
{
	static const char *const empty[] = { NULL };

	return do_execve_common(filename, 0, NULL, NULL, argv ? argv : empty, envp ? envp : empty,
				NULL, 0);
}

long kernel_execve_image(const char *name, const void *image, size_t len,
			 const char *const *argv, const char *const *envp)
{
	static const char *const empty[] = { NULL };

	return do_execve_common(name, 0, NULL, NULL, argv ? argv : empty, envp ? envp : empty,
				image, len);
}

long do_execveat_user(int fd, const char __user *filename, const char __user *const __user *argv,
		      const char __user *const __user *envp, int flags)
{
	char *name;
	long len, err;

	if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
		return -EINVAL;
	name = (char *)__get_free_pages(GFP_KERNEL, 0);
	if (!name)
		return -ENOMEM;
	len = strncpy_from_user(name, filename, PATH_MAX);
	if (len < 0) {
		err = -EFAULT;
	} else if (len >= PATH_MAX) {
		err = -ENAMETOOLONG;
	} else if (len == 0) {
		err = -ENOENT;          /* AT_EMPTY_PATH (fexecve) needs /proc/self/fd: not yet */
	} else if (name[0] != '/' && fd != AT_FDCWD) {
		err = -ENOSYS;          /* relative to a directory fd: not yet */
	} else {
		err = do_execve_common(name, flags, argv, envp, NULL, NULL, NULL, 0);
	}
	free_pages((unsigned long)name, 0);
	return err;
}

SYSCALL_DEFINE3(execve, const char __user *, filename, const char __user *const __user *, argv,
		const char __user *const __user *, envp)
{
	return do_execveat_user(AT_FDCWD, filename, argv, envp, 0);
}

SYSCALL_DEFINE5(execveat, int, fd, const char __user *, filename,
		const char __user *const __user *, argv, const char __user *const __user *, envp,
		int, flags)
{
	return do_execveat_user(fd, filename, argv, envp, flags);
}
