// SPDX-License-Identifier: Apache-2.0
/*
 * The mm component in the kernel: the core's environment (current->mm,
 * file references through the VFS when it is in the product), the
 * operations that act on current->mm (vm_mmap, vm_munmap, vm_brk_flags,
 * handle_page_fault) and the system calls mmap, munmap, mprotect, brk,
 * mremap and madvise. None of them touches user memory, so none holds
 * mmap_lock across a uaccess fault.
 */
#include <tessera/sched.h>
#include <tessera/percpu.h>

#include "mm_env.h"

#ifdef HAVE_VFS
#include <interfaces/vfs.h>
#endif
#if __has_include(<tessera/signal.h>)
#include <tessera/signal.h>     /* the process core's rlimits, when it is there */
#define MM_HAVE_RLIMITS 1
#endif

/*
 * The mm list and the anon_vma/i_mmap lists. Statically initialised: the
 * component has no init function, so the arch may use `mm` optionally
 * (its page-fault handler) without an init-order cycle.
 */
DEFINE_SPINLOCK(mm_rmap_lock);

struct mm_struct *mm_current_mm(void)
{
	struct task_struct *tsk = current;

	return tsk ? tsk->mm : NULL;
}

unsigned long mm_rlimit(int resource)
{
#ifdef MM_HAVE_RLIMITS
	struct task_struct *tsk = current;

	if (tsk && tsk->signal)
		return (unsigned long)tsk->signal->rlim[resource].rlim_cur;
#endif
	/* No process core: no limits, but the default stack size. */
	return resource == MM_RLIMIT_STACK ? 8UL << 20 : ~0UL;
}

void mm_get_file(struct file *file)
{
	atomic_long_inc(&file->f_count);
}

void mm_fput(struct file *file)
{
#ifdef HAVE_VFS
	fput(file);
#else
	atomic_long_dec(&file->f_count);
#endif
}

/* ---- on current->mm ---- */

unsigned long vm_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags, unsigned long offset)
{
	struct mm_struct *mm = mm_current_mm();
	unsigned long ret;

	if (!mm)
		return -EINVAL;
	if (offset & ~PAGE_MASK)
		return -EINVAL;
	if (offset + PAGE_ALIGN(len) < offset)
		return -EINVAL;
	mmap_write_lock(mm);
	ret = do_mmap(mm, file, addr, len, prot, flags, offset >> PAGE_SHIFT);
	mmap_write_unlock(mm);
	return ret;
}

int vm_munmap(unsigned long start, unsigned long len)
{
	struct mm_struct *mm = mm_current_mm();
	int ret;

	if (!mm)
		return -EINVAL;
	mmap_write_lock(mm);
	ret = do_munmap(mm, start, len);
	mmap_write_unlock(mm);
	return ret;
}

int vm_brk_flags(unsigned long addr, unsigned long len, unsigned long flags)
{
	struct mm_struct *mm = mm_current_mm();
	unsigned long ret;

	if (!mm)
		return -EINVAL;
	if (flags & ~VM_EXEC)
		return -EINVAL;
	mmap_write_lock(mm);
	ret = do_brk_flags(mm, addr, len, flags);
	mmap_write_unlock(mm);
	return IS_ERR_VALUE(ret) ? (int)ret : 0;
}

int handle_page_fault(unsigned long addr, unsigned int flags)
{
	struct mm_struct *mm = mm_current_mm();

	if (!mm)
		return VM_FAULT_SIGSEGV_MAPERR;
	return handle_mm_fault(mm, addr, flags);
}

/* ---- system calls ---- */

SYSCALL_DEFINE6(mmap, unsigned long, addr, unsigned long, len, unsigned long, prot,
		unsigned long, flags, unsigned long, fd, unsigned long, off)
{
	struct file *file = NULL;
	unsigned long ret;

	if (off & ~PAGE_MASK)
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS)) {
#ifdef HAVE_VFS
		file = fget((unsigned int)fd);
		if (!file)
			return -EBADF;
#else
		(void)fd;
		return -EBADF;
#endif
	}
	ret = vm_mmap(file, addr, len, prot, flags, off);
#ifdef HAVE_VFS
	if (file)
		fput(file);
#endif
	return (long)ret;
}

SYSCALL_DEFINE2(munmap, unsigned long, addr, size_t, len)
{
	return vm_munmap(addr, len);
}

SYSCALL_DEFINE3(mprotect, unsigned long, start, size_t, len, unsigned long, prot)
{
	struct mm_struct *mm = mm_current_mm();
	int ret;

	if (!mm)
		return -EINVAL;
	mmap_write_lock(mm);
	ret = do_mprotect(mm, start, len, prot);
	mmap_write_unlock(mm);
	return ret;
}

SYSCALL_DEFINE1(brk, unsigned long, brk)
{
	struct mm_struct *mm = mm_current_mm();
	unsigned long ret;

	if (!mm)
		return -ENOMEM;
	mmap_write_lock(mm);
	ret = do_brk(mm, brk);
	mmap_write_unlock(mm);
	return (long)ret;
}

SYSCALL_DEFINE5(mremap, unsigned long, addr, unsigned long, old_len, unsigned long, new_len,
		unsigned long, flags, unsigned long, new_addr)
{
	struct mm_struct *mm = mm_current_mm();
	unsigned long ret;

	if (!mm)
		return -EINVAL;
	mmap_write_lock(mm);
	ret = do_mremap(mm, addr, old_len, new_len, flags, new_addr);
	mmap_write_unlock(mm);
	return (long)ret;
}

SYSCALL_DEFINE3(madvise, unsigned long, start, size_t, len, int, advice)
{
	struct mm_struct *mm = mm_current_mm();
	int ret;

	if (!mm)
		return -EINVAL;
	mmap_write_lock(mm);
	ret = do_madvise(mm, start, len, advice);
	mmap_write_unlock(mm);
	return ret;
}

#ifdef HAVE_UACCESS
#include <interfaces/uaccess.h>

/*
 * mincore(2): one byte per page of [start, start + len), 1 when the page
 * is in memory (mapped in the page table). Linux's order of checks:
 * EINVAL for an unaligned start, ENOMEM for a range beyond user space or
 * with a hole, EFAULT for a vector that cannot be written. The vector is
 * filled in chunks, with mmap_lock dropped around each copy: a fault on
 * the vector takes the lock itself.
 */
SYSCALL_DEFINE3(mincore, unsigned long, start, size_t, len, unsigned char __user *, vec)
{
	struct mm_struct *mm = mm_current_mm();
	unsigned char chunk[64];
	unsigned long pages, addr, end;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!mm || len > TASK_SIZE || start > TASK_SIZE - len)
		return -ENOMEM;
	pages = (len + PAGE_SIZE - 1) >> PAGE_SHIFT;
	if (!access_ok(vec, pages))
		return -EFAULT;
	addr = start;
	end = start + pages * PAGE_SIZE;
	while (addr < end) {
		unsigned long n = 0;

		mmap_read_lock(mm);
		while (addr < end && n < sizeof(chunk)) {
			struct vm_area_struct *vma = find_vma(mm, addr);

			if (!vma || addr < vma->vm_start) {
				mmap_read_unlock(mm);
				return -ENOMEM;
			}
			for (; addr < vma->vm_end && addr < end && n < sizeof(chunk); addr += PAGE_SIZE)
				chunk[n++] = pgtable_lookup(mm->pgd, addr, NULL, NULL) == 0;
		}
		mmap_read_unlock(mm);
		if (copy_to_user(vec, chunk, n))
			return -EFAULT;
		vec += n;
	}
	return 0;
}
#endif
