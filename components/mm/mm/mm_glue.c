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
