// SPDX-License-Identifier: Apache-2.0
/*
 * Address spaces: the mm_struct lifetime of ../shared/specs/mm-reclaim.md
 * section 1 (mm_alloc, mmget, mmget_not_zero, mmput, mmgrab, mmdrop,
 * __mmput -> exit_mmap, __mmdrop, the mm list), and the VMA operations:
 * do_mmap (anonymous private and shared, file mappings through
 * file->f_op->mmap), do_munmap, do_mprotect, do_brk, do_mremap, madvise,
 * merging and splitting VMAs, dup_mm() for fork and special mappings.
 * Page-level work (faults, COW, rmap, zapping) is memory.c.
 */
#include "mm_env.h"

LIST_HEAD(mm_list_head);
unsigned long mm_nr_mms;

/* ---- mmap_lock ---- */

void mmap_read_lock(struct mm_struct *mm)
{
	mm_lock(&mm->mmap_lock);
}

bool mmap_read_trylock(struct mm_struct *mm)
{
	return mm_trylock(&mm->mmap_lock);
}

void mmap_read_unlock(struct mm_struct *mm)
{
	mm_unlock(&mm->mmap_lock);
}

void mmap_write_lock(struct mm_struct *mm)
{
	mm_lock(&mm->mmap_lock);
}

void mmap_write_unlock(struct mm_struct *mm)
{
	mm_unlock(&mm->mmap_lock);
}

/* ---- the two reference counts ---- */

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm));

	if (!mm)
		return NULL;
	mm->pgd = pgtable_create();
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	atomic_set(&mm->mm_users, 1);
	atomic_set(&mm->mm_count, 1);
	mm_lock_init(&mm->mmap_lock);
	INIT_LIST_HEAD(&mm->mmap_list);
	mm->task_size = MM_TASK_SIZE;
	/* Linux's legacy-free layout: mmap top-down from below the stack's gap. */
	mm->mmap_base = MM_TASK_SIZE - (128UL << 20);
	mm_spin_lock();
	list_add_tail(&mm->mmlist, &mm_list_head);
	mm_nr_mms++;
	mm_spin_unlock();
	return mm;
}

void mmgrab(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_count);
}

static void __mmdrop(struct mm_struct *mm)
{
	pgtable_destroy(mm->pgd);
	/* Poison: a use after free trips over these rather than a live root. */
	mm->pgd = (struct pgtable *)0xdead000000000100UL;
	mm->mm_rb = (struct vm_area_struct *)0xdead000000000200UL;
	kfree(mm);
}

void mmdrop(struct mm_struct *mm)
{
	if (atomic_dec_and_test(&mm->mm_count))
		__mmdrop(mm);
}

void mmget(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_users);
}

bool mmget_not_zero(struct mm_struct *mm)
{
	return atomic_inc_not_zero(&mm->mm_users);
}

static void __mmput(struct mm_struct *mm)
{
	exit_mmap(mm);
	mm_spin_lock();
	list_del_init(&mm->mmlist);
	mm_nr_mms--;
	mm_spin_unlock();
	mmdrop(mm);
}

void mmput(struct mm_struct *mm)
{
	if (atomic_dec_and_test(&mm->mm_users))
		__mmput(mm);
}

/* ---- VMAs ---- */

pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	pgprot_t p;

	/*
	 * PROT_NONE: present pages stay mapped for the kernel only (no U
	 * bit), so a user access faults and the VMA refuses it.
	 */
	if (!(vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return PGPROT_READ;
	p = PGPROT_USER | PGPROT_READ;
	if (vm_flags & VM_WRITE)
		p |= PGPROT_WRITE;
	if (vm_flags & VM_EXEC)
		p |= PGPROT_EXEC;
	return p;
}

static unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

static struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma = kzalloc(sizeof(*vma));

	if (!vma)
		return NULL;
	vma->vm_mm = mm;
	INIT_LIST_HEAD(&vma->anon_vma_chain);
	INIT_LIST_HEAD(&vma->vm_list);
	INIT_LIST_HEAD(&vma->shared_node);
	return vma;
}

static void anon_vma_link(struct vm_area_struct *vma, struct anon_vma *av)
{
	vma->anon_vma = av;
	if (!av)
		return;
	atomic_inc(&av->refcount);
	mm_spin_lock();
	list_add_tail(&vma->anon_vma_chain, &av->head);
	mm_spin_unlock();
}

void anon_vma_unlink(struct vm_area_struct *vma)
{
	struct anon_vma *av = vma->anon_vma;

	if (!av)
		return;
	mm_spin_lock();
	list_del_init(&vma->anon_vma_chain);
	mm_spin_unlock();
	vma->anon_vma = NULL;
	/* Pages still pointing here are gone by now: every VMA unmapped its own. */
	if (atomic_dec_and_test(&av->refcount))
		kfree(av);
}

static void file_rmap_link(struct vm_area_struct *vma)
{
	/* (A mapping whose owner never set up i_mmap has no file rmap.) */
	if (vma->vm_file && vma->vm_file->f_mapping && vma->vm_file->f_mapping->i_mmap.next) {
		mm_spin_lock();
		list_add_tail(&vma->shared_node, &vma->vm_file->f_mapping->i_mmap);
		mm_spin_unlock();
	}
}

static void file_rmap_unlink(struct vm_area_struct *vma)
{
	if (!list_empty(&vma->shared_node)) {
		mm_spin_lock();
		list_del_init(&vma->shared_node);
		mm_spin_unlock();
	}
}

/* A copy of @vma (same file, anon_vma, ops), not in any tree yet. */
static struct vm_area_struct *vma_dup(struct vm_area_struct *vma, struct mm_struct *mm)
{
	struct vm_area_struct *n = vm_area_alloc(mm);

	if (!n)
		return NULL;
	n->vm_start = vma->vm_start;
	n->vm_end = vma->vm_end;
	n->vm_flags = vma->vm_flags;
	n->vm_page_prot = vma->vm_page_prot;
	n->vm_pgoff = vma->vm_pgoff;
	n->vm_ops = vma->vm_ops;
	n->vm_private_data = vma->vm_private_data;
	n->vm_file = vma->vm_file;
	if (n->vm_file)
		mm_get_file(n->vm_file);
	anon_vma_link(n, vma->anon_vma);
	file_rmap_link(n);
	if (n->vm_ops && n->vm_ops->open)
		n->vm_ops->open(n);
	return n;
}

/* Free a VMA already out of the tree and without pages. */
static void vma_free(struct vm_area_struct *vma)
{
	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	file_rmap_unlink(vma);
	anon_vma_unlink(vma);
	if (vma->vm_file)
		mm_fput(vma->vm_file);
	kfree(vma);
}

static void vm_stat_account(struct mm_struct *mm, unsigned long flags, long npages)
{
	mm->total_vm += npages;
	if (flags & VM_GROWSDOWN)
		mm->stack_vm += npages;
}

/* Unmap a VMA's pages, take it out of the tree and free it. */
static void remove_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	zap_page_range(vma, vma->vm_start, vma->vm_end);
	vm_stat_account(mm, vma->vm_flags, -(long)vma_pages(vma));
	vma_tree_remove(mm, vma);
	vma_free(vma);
}

/*
 * Split @vma at @addr (page aligned, strictly inside): @vma keeps the lower
 * part, the new VMA (returned) is the upper one. NULL without memory.
 */
static struct vm_area_struct *split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
					unsigned long addr)
{
	struct vm_area_struct *n;

	if (mm->map_count >= MM_MAX_MAP_COUNT)
		return NULL;
	n = vma_dup(vma, mm);
	if (!n)
		return NULL;
	n->vm_start = addr;
	n->vm_pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	vma->vm_end = addr;
	vma_tree_insert(mm, n);
	return n;
}

/* Can @a and @b (a right below b, touching) become one VMA? */
static bool can_merge(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	if (a->vm_end != b->vm_start || a->vm_flags != b->vm_flags)
		return false;
	if (a->vm_flags & (VM_SPECIAL_MAPPING | VM_PFNMAP | VM_IO | VM_DONTEXPAND))
		return false;
	if (a->vm_file != b->vm_file || a->vm_ops != b->vm_ops ||
	    a->vm_private_data != b->vm_private_data)
		return false;
	if (a->anon_vma && b->anon_vma && a->anon_vma != b->anon_vma)
		return false;
	return a->vm_pgoff + vma_pages(a) == b->vm_pgoff;
}

/* Merge @vma with its neighbours where they are compatible; the VMA that remains. */
static struct vm_area_struct *vma_merge_neighbours(struct mm_struct *mm,
						   struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma_prev(mm, vma), *next = vma_next(mm, vma);

	if (next && can_merge(vma, next)) {
		if (!vma->anon_vma && next->anon_vma)
			anon_vma_link(vma, next->anon_vma);
		vma_tree_remove(mm, next);
		vma->vm_end = next->vm_end;
		vma_free(next);
	}
	if (prev && can_merge(prev, vma)) {
		if (!prev->anon_vma && vma->anon_vma)
			anon_vma_link(prev, vma->anon_vma);
		vma_tree_remove(mm, vma);
		prev->vm_end = vma->vm_end;
		vma_free(vma);
		vma = prev;
	}
	return vma;
}

/* ---- finding room ---- */

/* Where the VMA starting the gap above ends its claim: below the stack's guard. */
static unsigned long gap_end_of(const struct vm_area_struct *v)
{
	if ((v->vm_flags & VM_GROWSDOWN) && v->vm_start > MM_STACK_GUARD_GAP)
		return v->vm_start - MM_STACK_GUARD_GAP;
	return v->vm_start;
}

static bool range_free(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	struct vm_area_struct *v;

	if (addr < MM_MIN_ADDR || len > mm->task_size || addr > mm->task_size - len)
		return false;
	v = find_vma(mm, addr);
	return !v || addr + len <= gap_end_of(v);
}

unsigned long get_unmapped_area(struct mm_struct *mm, struct file *file, unsigned long addr,
				unsigned long len, unsigned long pgoff, unsigned long flags)
{
	struct vm_area_struct *v;
	unsigned long end;

	(void)file;
	(void)pgoff;
	if (len > mm->task_size)
		return -ENOMEM;
	if (flags & MAP_FIXED) {
		if (addr & ~PAGE_MASK)
			return -EINVAL;
		if (addr > mm->task_size - len)
			return -ENOMEM;
		return addr;
	}
	if (addr) {
		addr = PAGE_ALIGN(addr);
		if (range_free(mm, addr, len))
			return addr;
	}
	/* Top-down from mmap_base: the highest gap that fits. */
	end = mm->mmap_base;
	mm_list_for_each_entry_reverse(v, &mm->mmap_list, vm_list) {
		if (v->vm_start >= end)
			continue;
		if (v->vm_end <= end && end - v->vm_end >= len)
			return end - len;
		if (gap_end_of(v) < end)
			end = gap_end_of(v);
	}
	if (end >= MM_MIN_ADDR + len)
		return end - len;
	/* Bottom-up above mmap_base as the fallback, as Linux does. */
	end = mm->mmap_base;
	for (;;) {
		v = find_vma(mm, end);
		if (!v || (end + len > end && end + len <= gap_end_of(v))) {
			if (end + len < end || end + len > mm->task_size)
				return -ENOMEM;
			return end;
		}
		end = v->vm_end;
	}
}

/* ---- shared anonymous memory: a page array shared by every VMA mapping it ---- */

struct mm_shmem {
	atomic_t refs;
	unsigned long nr;
	struct page *pages[];
};

static void shmem_open(struct vm_area_struct *vma)
{
	struct mm_shmem *sh = vma->vm_private_data;

	atomic_inc(&sh->refs);
}

static void shmem_close(struct vm_area_struct *vma)
{
	struct mm_shmem *sh = vma->vm_private_data;
	unsigned long i;

	if (!atomic_dec_and_test(&sh->refs))
		return;
	for (i = 0; i < sh->nr; i++)
		if (sh->pages[i])
			put_page(sh->pages[i]);
	kfree(sh);
}

static int shmem_fault(struct vm_area_struct *vma, unsigned long address, pgoff_t pgoff,
		       struct page **pagep)
{
	struct mm_shmem *sh = vma->vm_private_data;
	struct page *page;

	(void)address;
	if (pgoff >= sh->nr)
		return -EFAULT;
	if (!sh->pages[pgoff]) {
		page = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0);
		if (!page)
			return -ENOMEM;
		sh->pages[pgoff] = page;
	}
	get_page(sh->pages[pgoff]);
	*pagep = sh->pages[pgoff];
	return 0;
}

const struct vm_operations_struct mm_shmem_vm_ops = {
	.open = shmem_open,
	.close = shmem_close,
	.fault = shmem_fault,
};

/* ---- mmap ---- */

/* Linux's LEGACY_MAP_MASK plus MAP_FIXED_NOREPLACE: what MAP_SHARED_VALIDATE accepts. */
#define MM_KNOWN_MAP_FLAGS (MAP_TYPE | MAP_FIXED | MAP_ANONYMOUS | MAP_DENYWRITE |      \
			    MAP_EXECUTABLE | 0x4000000UL /* MAP_UNINITIALIZED */ |         \
			    MAP_GROWSDOWN | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE |       \
			    MAP_NONBLOCK | MAP_STACK | 0x40000UL /* MAP_HUGETLB */ |        \
			    (0x3fUL << 26) /* MAP_HUGE_* */ | MAP_FIXED_NOREPLACE)

static unsigned long calc_vm_flags(unsigned long prot, unsigned long flags)
{
	unsigned long vm = 0;

	if (prot & PROT_READ)
		vm |= VM_READ;
	if (prot & PROT_WRITE)
		vm |= VM_WRITE;
	if (prot & PROT_EXEC)
		vm |= VM_EXEC;
	vm |= VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	if (flags & MAP_GROWSDOWN)
		vm |= VM_GROWSDOWN;
	if (flags & MAP_LOCKED)
		vm |= VM_LOCKED;
	if (flags & MAP_NORESERVE)
		vm |= VM_NORESERVE;
	return vm;
}

static void populate_range(struct mm_struct *mm, unsigned long start, unsigned long end,
			   unsigned long vm_flags)
{
	unsigned long a;

	for (a = start; a < end; a += PAGE_SIZE)
		if (__handle_mm_fault(mm, a, (vm_flags & VM_WRITE) ? FAULT_FLAG_WRITE : 0))
			break;
}

unsigned long do_mmap(struct mm_struct *mm, struct file *file, unsigned long addr,
		      unsigned long len, unsigned long prot, unsigned long flags, unsigned long pgoff)
{
	struct vm_area_struct *vma;
	unsigned long vm_flags, type = flags & MAP_TYPE;
	int err;

	if (!len)
		return -EINVAL;
	if (PAGE_ALIGN(len) < len || !PAGE_ALIGN(len))
		return -ENOMEM;
	len = PAGE_ALIGN(len);
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	/* MAP_SHARED_VALIDATE refuses flags it does not know (Linux: LEGACY_MAP_MASK). */
	if (type == MAP_SHARED_VALIDATE && (flags & ~MM_KNOWN_MAP_FLAGS))
		return -EOPNOTSUPP;
	/* Unknown prot bits are ignored, as Linux's mmap ignores them. */
	if (mm->map_count >= MM_MAX_MAP_COUNT)
		return -ENOMEM;
	vm_flags = calc_vm_flags(prot, flags);
	if (type != MAP_PRIVATE)
		vm_flags |= VM_SHARED | VM_MAYSHARE;
	if (file) {
		if (!file->f_op || !file->f_op->mmap)
			return -ENODEV;
		if (!(file->f_mode & FMODE_READ))
			return -EACCES;
		if ((vm_flags & VM_SHARED) && !(file->f_mode & FMODE_WRITE)) {
			if (prot & PROT_WRITE)
				return -EACCES;
			vm_flags &= ~(VM_MAYWRITE | VM_SHARED);
		}
	} else {
		/* Anonymous: the offset is the address, so merging and rmap work. */
		pgoff = 0;
	}

	if ((flags & MAP_FIXED_NOREPLACE) && !(flags & MAP_FIXED)) {
		if (addr & ~PAGE_MASK)
			return -EINVAL;
		if (len > mm->task_size || addr > mm->task_size - len)
			return -ENOMEM;
		if (find_vma_intersection(mm, addr, addr + len))
			return -EEXIST;
		flags |= MAP_FIXED;
	}
	addr = get_unmapped_area(mm, file, addr, len, pgoff, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	if (flags & MAP_FIXED) {
		err = do_munmap(mm, addr, len);
		if (err)
			return err;
	}
	if (!file && !(vm_flags & VM_SHARED))
		pgoff = addr >> PAGE_SHIFT;

	vma = vm_area_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags;
	vma->vm_page_prot = vm_get_page_prot(vm_flags);
	vma->vm_pgoff = pgoff;
	if (file) {
		mm_get_file(file);
		vma->vm_file = file;
		err = file->f_op->mmap(file, vma);
		if (err) {
			mm_fput(file);
			kfree(vma);
			return err;
		}
		file_rmap_link(vma);
	} else if (vm_flags & VM_SHARED) {
		unsigned long n = len >> PAGE_SHIFT;
		struct mm_shmem *sh = kzalloc(sizeof(*sh) + n * sizeof(struct page *));

		if (!sh) {
			kfree(vma);
			return -ENOMEM;
		}
		atomic_set(&sh->refs, 1);
		sh->nr = n;
		vma->vm_ops = &mm_shmem_vm_ops;
		vma->vm_private_data = sh;
	}
	vma_tree_insert(mm, vma);
	vm_stat_account(mm, vm_flags, len >> PAGE_SHIFT);
	vma = vma_merge_neighbours(mm, vma);
	if (flags & (MAP_POPULATE | MAP_LOCKED))
		populate_range(mm, addr, addr + len, vm_flags);
	return addr;
}

/* ---- munmap ---- */

int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	struct vm_area_struct *vma, *next;
	unsigned long end;

	if ((start & ~PAGE_MASK) || !len || start > mm->task_size ||
	    len > mm->task_size - start)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	end = start + len;
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start >= end)
		return 0;
	/* Split the ends first, so a failure leaves everything mapped. */
	if (vma->vm_start < start) {
		if (vma->vm_end > end && mm->map_count + 1 >= MM_MAX_MAP_COUNT)
			return -ENOMEM;
		if (!split_vma(mm, vma, start))
			return -ENOMEM;
		vma = vma_next(mm, vma);
	}
	{
		struct vm_area_struct *last = find_vma(mm, end - 1);

		if (last && last->vm_start < end && last->vm_end > end &&
		    !split_vma(mm, last, end))
			return -ENOMEM;
	}
	while (vma && vma->vm_start < end) {
		next = vma_next(mm, vma);
		remove_vma(mm, vma);
		vma = next;
	}
	return 0;
}

/* ---- exit ---- */

void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	mmap_write_lock(mm);
	while (!list_empty(&mm->mmap_list)) {
		vma = list_entry(mm->mmap_list.next, struct vm_area_struct, vm_list);
		remove_vma(mm, vma);
	}
	mm->flags |= 1UL << MMF_OOM_SKIP;
	mmap_write_unlock(mm);
}

/* ---- mprotect ---- */

/* Set the PTE protection of every present page of [start, end) in @vma. */
static void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;
	pgprot_t have, p;
	unsigned long a;

	for (a = start; a < end; a += PAGE_SIZE) {
		struct page *page = mm_pte_page(mm, a, &have);

		if (!have)
			continue;
		p = pte_prot_for(vma, page);
		if (p != have)
			pgtable_protect(mm->pgd, a, PAGE_SIZE, p);
	}
}

/*
 * Set the @mask bits of vm_flags to @bits over [start, end), every page of
 * which is mapped, @vma the first VMA there: split at the ends, the PTEs
 * brought to the new protection, merged with the neighbours where they
 * became compatible.
 */
static int change_vma_flags(struct mm_struct *mm, struct vm_area_struct *vma,
			    unsigned long start, unsigned long end, unsigned long bits,
			    unsigned long mask)
{
	unsigned long newflags;

	if (vma->vm_start < start) {
		if (!split_vma(mm, vma, start))
			return -ENOMEM;
		vma = vma_next(mm, vma);
	}
	while (vma && vma->vm_start < end) {
		if (vma->vm_end > end && !split_vma(mm, vma, end))
			return -ENOMEM;
		newflags = (vma->vm_flags & ~mask) | bits;
		vma->vm_flags = newflags;
		vma->vm_page_prot = vm_get_page_prot(newflags);
		change_protection(vma, vma->vm_start, vma->vm_end);
		vma = vma_merge_neighbours(mm, vma);
		vma = vma_next(mm, vma);
	}
	return 0;
}

int do_mprotect(struct mm_struct *mm, unsigned long start, unsigned long len, unsigned long prot)
{
	struct vm_area_struct *vma, *next;
	unsigned long end, a, vm_prot = 0;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end <= start)
		return -ENOMEM;
	if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN))
		return -EINVAL;
	if (prot & PROT_READ)
		vm_prot |= VM_READ;
	if (prot & PROT_WRITE)
		vm_prot |= VM_WRITE;
	if (prot & PROT_EXEC)
		vm_prot |= VM_EXEC;
	/* The whole range must be mapped, and each VMA must allow it. */
	a = start;
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start > start)
		return -ENOMEM;
	for (next = vma; next && next->vm_start < end; next = vma_next(mm, next)) {
		if (next->vm_start > a)
			return -ENOMEM;
		if ((vm_prot & VM_WRITE) && !(next->vm_flags & VM_MAYWRITE))
			return -EACCES;
		if ((vm_prot & VM_EXEC) && !(next->vm_flags & VM_MAYEXEC))
			return -EACCES;
		if ((vm_prot & VM_READ) && !(next->vm_flags & VM_MAYREAD))
			return -EACCES;
		a = next->vm_end;
	}
	if (a < end)
		return -ENOMEM;

	return change_vma_flags(mm, vma, start, end, vm_prot, VM_READ | VM_WRITE | VM_EXEC);
}

/* ---- brk ---- */

unsigned long do_brk_flags(struct mm_struct *mm, unsigned long addr, unsigned long len,
			   unsigned long flags)
{
	struct vm_area_struct *vma;

	len = PAGE_ALIGN(len);
	if (!len)
		return addr;
	if ((addr & ~PAGE_MASK) || addr + len < addr || addr + len > mm->task_size)
		return -EINVAL;
	if (find_vma_intersection(mm, addr, addr + len))
		return -ENOMEM;
	vma = vm_area_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC |
			(flags & VM_EXEC);
	vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
	vma->vm_pgoff = addr >> PAGE_SHIFT;
	vma_tree_insert(mm, vma);
	vm_stat_account(mm, vma->vm_flags, len >> PAGE_SHIFT);
	vma_merge_neighbours(mm, vma);
	return addr;
}

unsigned long do_brk(struct mm_struct *mm, unsigned long brk)
{
	unsigned long newbrk, oldbrk;
	struct vm_area_struct *next;

	if (brk < mm->start_brk || brk > mm->task_size)
		return mm->brk;
	newbrk = PAGE_ALIGN(brk);
	oldbrk = PAGE_ALIGN(mm->brk);
	if (newbrk == oldbrk) {
		mm->brk = brk;
		return brk;
	}
	if (newbrk < oldbrk) {
		if (do_munmap(mm, newbrk, oldbrk - newbrk))
			return mm->brk;
		mm->brk = brk;
		return brk;
	}
	/* Growing: never into the next mapping or the stack's guard gap. */
	next = find_vma(mm, oldbrk);
	if (next && newbrk > gap_end_of(next))
		return mm->brk;
	if (IS_ERR_VALUE(do_brk_flags(mm, oldbrk, newbrk - oldbrk, 0)))
		return mm->brk;
	mm->brk = brk;
	return brk;
}

/* ---- mremap ---- */

/* Move the pages of @vma (all of it) to a new VMA at @new_addr; the new VMA. */
static struct vm_area_struct *move_vma(struct mm_struct *mm, struct vm_area_struct *vma,
				       unsigned long new_addr)
{
	struct vm_area_struct *n = vma_dup(vma, mm);
	unsigned long a, len = vma->vm_end - vma->vm_start;
	phys_addr_t pa;
	pgprot_t prot;

	if (!n)
		return NULL;
	n->vm_start = new_addr;
	n->vm_end = new_addr + len;
	for (a = 0; a < len; a += PAGE_SIZE) {
		if (pgtable_lookup(mm->pgd, vma->vm_start + a, &pa, &prot))
			continue;
		if (pgtable_map(mm->pgd, new_addr + a, pa, PAGE_SIZE, prot | PGPROT_NOLARGE)) {
			/* No table page: put back what moved, give up. */
			while (a) {
				a -= PAGE_SIZE;
				if (!pgtable_lookup(mm->pgd, new_addr + a, &pa, &prot)) {
					pgtable_unmap(mm->pgd, new_addr + a, PAGE_SIZE);
					pgtable_map(mm->pgd, vma->vm_start + a, pa, PAGE_SIZE,
						    prot | PGPROT_NOLARGE);
				}
			}
			vma_free(n);
			return NULL;
		}
		pgtable_unmap(mm->pgd, vma->vm_start + a, PAGE_SIZE);
	}
	vma_tree_insert(mm, n);
	/* The pages moved with their references: the old VMA has none left. */
	vm_stat_account(mm, vma->vm_flags, -(long)vma_pages(vma));
	vm_stat_account(mm, n->vm_flags, vma_pages(n));
	vma_tree_remove(mm, vma);
	vma_free(vma);
	return n;
}

unsigned long do_mremap(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
			unsigned long new_len, unsigned long flags, unsigned long new_addr)
{
	struct vm_area_struct *vma, *next;
	unsigned long grow;

	if (flags & ~(unsigned long)(MREMAP_MAYMOVE | MREMAP_FIXED))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len || !old_len)
		return -EINVAL;
	if (addr + old_len < addr || addr + old_len > mm->task_size)
		return -EFAULT;
	/* Linux's order: no VMA at addr, then the target's checks, then the range. */
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr)
		return -EFAULT;
	if (flags & MREMAP_FIXED) {
		if (new_addr & ~PAGE_MASK)
			return -EINVAL;
		if (new_len > mm->task_size || new_addr > mm->task_size - new_len)
			return -EINVAL;
		if (new_addr < addr + old_len && addr < new_addr + new_len)
			return -EINVAL;
	}
	if (addr + old_len > vma->vm_end)
		return -EFAULT;
	if ((vma->vm_flags & (VM_DONTEXPAND | VM_PFNMAP | VM_SPECIAL_MAPPING)) && new_len > old_len)
		return -EFAULT;

	if (flags & MREMAP_FIXED) {
		if (do_munmap(mm, new_addr, new_len))
			return -ENOMEM;
		if (new_len < old_len) {
			if (do_munmap(mm, addr + new_len, old_len - new_len))
				return -ENOMEM;
			old_len = new_len;
		}
		/* Unmapping the target may have split (and freed) the VMA struct. */
		vma = find_vma(mm, addr);
		goto move;
	}
	if (new_len <= old_len) {
		if (new_len < old_len && do_munmap(mm, addr + new_len, old_len - new_len))
			return -ENOMEM;
		return addr;
	}
	/* Grow in place when the range ends the VMA and the gap above is free. */
	grow = new_len - old_len;
	if (addr + old_len == vma->vm_end && vma->vm_end + grow > vma->vm_end &&
	    vma->vm_end + grow <= mm->task_size) {
		next = vma_next(mm, vma);
		if ((!next || vma->vm_end + grow <= gap_end_of(next)) &&
		    !(vma->vm_ops == &mm_shmem_vm_ops)) {
			vma->vm_end += grow;
			vm_stat_account(mm, vma->vm_flags, grow >> PAGE_SHIFT);
			vma_merge_neighbours(mm, vma);
			return addr;
		}
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	new_addr = get_unmapped_area(mm, vma->vm_file, 0, new_len,
				     vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT), 0);
	if (IS_ERR_VALUE(new_addr))
		return new_addr;
move:
	if (vma->vm_ops == &mm_shmem_vm_ops && new_len > old_len)
		return -EFAULT;        /* shared anonymous memory keeps its size */
	/* Make [addr, addr + old_len) a VMA of its own, then move it whole. */
	if (vma->vm_start < addr) {
		if (!split_vma(mm, vma, addr))
			return -ENOMEM;
		vma = vma_next(mm, vma);
	}
	if (vma->vm_end > addr + old_len && !split_vma(mm, vma, addr + old_len))
		return -ENOMEM;
	vma = move_vma(mm, vma, new_addr);
	if (!vma)
		return -ENOMEM;
	if (new_len > old_len) {
		vma->vm_end = new_addr + new_len;
		vm_stat_account(mm, vma->vm_flags, (new_len - old_len) >> PAGE_SHIFT);
	}
	vma_merge_neighbours(mm, vma);
	return new_addr;
}

/* ---- madvise ---- */

int do_madvise(struct mm_struct *mm, unsigned long start, unsigned long len, int advice)
{
	struct vm_area_struct *vma;
	unsigned long end, a;
	bool hole = false;

	switch (advice) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
	case MADV_DONTNEED: case MADV_FREE: case MADV_REMOVE: case MADV_DONTFORK:
	case MADV_DOFORK: case MADV_MERGEABLE: case MADV_UNMERGEABLE: case MADV_HUGEPAGE:
	case MADV_NOHUGEPAGE: case MADV_DONTDUMP: case MADV_DODUMP: case MADV_WIPEONFORK:
	case MADV_KEEPONFORK: case MADV_COLD: case MADV_PAGEOUT:
		break;
	default:
		return -EINVAL;
	}
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (len && !PAGE_ALIGN(len))
		return -EINVAL;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	/*
	 * Act on each mapped piece of the range; a hole makes the answer
	 * -ENOMEM, after acting on the rest (Linux's).
	 */
	a = start;
	while (a < end) {
		unsigned long s, e;
		int err;

		vma = find_vma(mm, a);
		if (!vma || vma->vm_start >= end) {
			hole = true;
			break;
		}
		if (vma->vm_start > a)
			hole = true;
		s = vma->vm_start > a ? vma->vm_start : a;
		e = vma->vm_end < end ? vma->vm_end : end;
		switch (advice) {
		case MADV_DONTNEED:
		case MADV_FREE:
			if (vma->vm_flags & (VM_LOCKED | VM_PFNMAP | VM_SPECIAL_MAPPING))
				return -EINVAL;
			/* Private pages go: the next touch reads zeroes (or the file). */
			zap_page_range(vma, s, e);
			break;
		case MADV_DONTFORK:
		case MADV_DOFORK:
			if (advice == MADV_DONTFORK && (vma->vm_flags & VM_SPECIAL_MAPPING))
				return -EINVAL;
			err = change_vma_flags(mm, vma, s, e,
					       advice == MADV_DONTFORK ? VM_DONTCOPY : 0, VM_DONTCOPY);
			if (err)
				return err;
			break;
		default:
			break;
		}
		a = e;
	}
	return hole ? -ENOMEM : 0;
}

/* ---- fork ---- */

/* Copy the PTEs of @src into @dst's page table: COW for private mappings. */
static int copy_page_range(struct mm_struct *dst, struct vm_area_struct *dvma,
			   struct mm_struct *src, struct vm_area_struct *svma)
{
	unsigned long a;
	phys_addr_t pa;
	pgprot_t prot;
	int err;

	for (a = svma->vm_start; a < svma->vm_end; a += PAGE_SIZE) {
		struct page *page = mm_pte_page(src, a, &prot);

		if (!page && pgtable_lookup(src->pgd, a, &pa, &prot))
			continue;
		if (page && !(svma->vm_flags & VM_SHARED) && (prot & PGPROT_WRITE)) {
			/* Both sides read-only: the first write copies. */
			prot &= ~PGPROT_WRITE;
			pgtable_protect(src->pgd, a, PAGE_SIZE, prot);
		}
		pgtable_lookup(src->pgd, a, &pa, &prot);
		err = pgtable_map(dst->pgd, a, pa, PAGE_SIZE, prot | PGPROT_NOLARGE);
		if (err)
			return err;
		if (page) {
			get_page(page);
			atomic_inc(&page->_mapcount);
			if (!(dvma->vm_flags & VM_SPECIAL_MAPPING)) {
				int counter = PageAnon(page) ? MM_ANONPAGES :
					      dvma->vm_ops == &mm_shmem_vm_ops ? MM_SHMEMPAGES :
					      MM_FILEPAGES;

				atomic_long_inc(&dst->rss_stat[counter]);
			}
		}
	}
	return 0;
}

struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *vma, *n;
	int err = 0;

	if (!mm)
		return NULL;
	mmap_write_lock(oldmm);
	mm->flags = oldmm->flags & ~(1UL << MMF_OOM_SKIP);
	mm->task_size = oldmm->task_size;
	mm->mmap_base = oldmm->mmap_base;
	mm->start_code = oldmm->start_code;
	mm->end_code = oldmm->end_code;
	mm->start_data = oldmm->start_data;
	mm->end_data = oldmm->end_data;
	mm->start_brk = oldmm->start_brk;
	mm->brk = oldmm->brk;
	mm->start_stack = oldmm->start_stack;
	mm->arg_start = oldmm->arg_start;
	mm->arg_end = oldmm->arg_end;
	mm->env_start = oldmm->env_start;
	mm->env_end = oldmm->env_end;
	mm->context = oldmm->context;
	memcpy(mm->saved_auxv, oldmm->saved_auxv, sizeof(mm->saved_auxv));
	for_each_vma(oldmm, vma) {
		if (vma->vm_flags & VM_DONTCOPY)
			continue;
		n = vma_dup(vma, mm);
		if (!n) {
			err = -ENOMEM;
			break;
		}
		vma_tree_insert(mm, n);
		vm_stat_account(mm, n->vm_flags, vma_pages(n));
		err = copy_page_range(mm, n, oldmm, vma);
		if (err)
			break;
	}
	mm->hiwater_rss = get_mm_rss(mm);
	mmap_write_unlock(oldmm);
	if (err) {
		mmput(mm);
		return NULL;
	}
	return mm;
}

/* ---- special mappings ([vdso], [sigpage]) ---- */

static const char *special_name(struct vm_area_struct *vma)
{
	const struct vm_special_mapping *sm = vma->vm_private_data;

	return sm->name;
}

static const struct vm_operations_struct special_vm_ops = {
	.name = special_name,
};

static void legacy_special_close(struct vm_area_struct *vma)
{
	struct vm_special_mapping *sm = vma->vm_private_data;

	/* The copies made by fork and split share it: the VMA that holds the count frees. */
	if (sm && sm->name == NULL && --*(unsigned long *)(sm + 1) == 0)
		kfree(sm);
}

static void legacy_special_open(struct vm_area_struct *vma)
{
	struct vm_special_mapping *sm = vma->vm_private_data;

	++*(unsigned long *)(sm + 1);
}

static const struct vm_operations_struct legacy_special_vm_ops = {
	.open = legacy_special_open,
	.close = legacy_special_close,
};

static struct vm_area_struct *special_mapping(struct mm_struct *mm, unsigned long addr,
					      unsigned long len, unsigned long vm_flags,
					      struct page **pages, void *priv,
					      const struct vm_operations_struct *ops)
{
	struct vm_area_struct *vma;
	unsigned long i;
	int err;

	len = PAGE_ALIGN(len);
	if (!len || (addr & ~PAGE_MASK) || addr < MM_MIN_ADDR || addr + len < addr ||
	    addr + len > mm->task_size)
		return ERR_PTR(-EINVAL);
	if (find_vma_intersection(mm, addr, addr + len))
		return ERR_PTR(-EEXIST);
	vma = vm_area_alloc(mm);
	if (!vma)
		return ERR_PTR(-ENOMEM);
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags | VM_DONTEXPAND | VM_SPECIAL_MAPPING;
	vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
	vma->vm_ops = ops;
	vma->vm_private_data = priv;
	vma_tree_insert(mm, vma);
	vm_stat_account(mm, vma->vm_flags, len >> PAGE_SHIFT);
	for (i = 0; i < (len >> PAGE_SHIFT) && pages[i]; i++) {
		err = pgtable_map(mm->pgd, addr + (i << PAGE_SHIFT),
				  PFN_PHYS(page_to_pfn(pages[i])), PAGE_SIZE,
				  (vma->vm_page_prot & ~PGPROT_WRITE) | PGPROT_NOLARGE);
		if (err) {
			remove_vma(mm, vma);
			return ERR_PTR(err);
		}
		get_page(pages[i]);
		atomic_inc(&pages[i]->_mapcount);
	}
	return vma;
}

struct vm_area_struct *_install_special_mapping(struct mm_struct *mm, unsigned long addr,
						unsigned long len, unsigned long vm_flags,
						const struct vm_special_mapping *spec)
{
	return special_mapping(mm, addr, len, vm_flags, spec->pages, (void *)spec,
			       &special_vm_ops);
}

int install_special_mapping(struct mm_struct *mm, unsigned long addr, unsigned long len,
			    unsigned long vm_flags, struct page **pages)
{
	/* A nameless spec with a share count after it, freed by the last VMA. */
	struct vm_special_mapping *sm = kzalloc(sizeof(*sm) + sizeof(unsigned long));
	struct vm_area_struct *vma;

	if (!sm)
		return -ENOMEM;
	sm->pages = pages;
	/* 2 while installing: a failed install's close (if any) never frees it. */
	*(unsigned long *)(sm + 1) = 2;
	vma = special_mapping(mm, addr, len, vm_flags, pages, sm, &legacy_special_vm_ops);
	if (IS_ERR(vma)) {
		kfree(sm);
		return PTR_ERR(vma);
	}
	*(unsigned long *)(sm + 1) = 1;
	return 0;
}
