// SPDX-License-Identifier: Apache-2.0
/*
 * The mm component in a booted kernel, on the architecture's real page
 * tables (pgtable_create()): every mm_users/mm_count transition of
 * ../shared/specs/mm-reclaim.md section 1 with free-page counts, the fault
 * paths (demand-zero, access errors, stack growth), copy-on-write after
 * dup_mm() (refcounts, map counts, both PTEs read-only), the VMA tree
 * under many operations, the anonymous rmap, and, with the arch's uaccess,
 * a real user access through an activated mm that faults its page in.
 */
#include <autoconf.h>
#include <interfaces/ktest.h>
#include <interfaces/mm.h>
#include <interfaces/mmu.h>
#include <interfaces/page_alloc.h>
#include <tessera/errno.h>
#include <tessera/page.h>
#include <tessera/percpu.h>
#include <tessera/sched.h>
#ifdef HAVE_UACCESS
#include <interfaces/uaccess.h>
#endif

#include "../mm_env.h"

#define RW (PROT_READ | PROT_WRITE)
#define AREA 0x40000000UL

static unsigned long anon(struct mm_struct *mm, unsigned long addr, unsigned long len,
			  unsigned long prot, unsigned long flags)
{
	unsigned long r;

	mmap_write_lock(mm);
	r = do_mmap(mm, NULL, addr, len, prot, flags | MAP_ANONYMOUS | MAP_PRIVATE, 0);
	mmap_write_unlock(mm);
	return r;
}

#include "mm_probe.h"

/* Slab caches and the allocator's per-order state settle: count after one full cycle. */
static void warm_up(void)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long a;
	u8 b = 1;

	if (!mm)
		return;
	a = anon(mm, AREA, 4 * PAGE_SIZE, RW, MAP_FIXED);
	access_remote_vm(mm, a, &b, 1, FOLL_WRITE);
	mmput(mm);
}

static void mm_refcount_transitions(struct ktest *t)
{
	unsigned long before, touched, mid, a, i;
	struct mm_struct *mm;
	u8 v = 0x5a;

	warm_up();
	before = nr_free_pages();
	mm = mm_alloc();
	KTEST_ASSERT(t, mm != NULL);
	KTEST_EXPECT_EQ(t, atomic_read(&mm->mm_users), 1);
	KTEST_EXPECT_EQ(t, atomic_read(&mm->mm_count), 1);
	KTEST_EXPECT(t, on_mmlist(mm));
	a = anon(mm, AREA, 16 * PAGE_SIZE, RW, MAP_FIXED);
	KTEST_EXPECT_EQ(t, a, AREA);
	for (i = 0; i < 16; i++)
		KTEST_EXPECT_EQ(t, access_remote_vm(mm, a + i * PAGE_SIZE, &v, 1, FOLL_WRITE), 1);
	KTEST_EXPECT_EQ(t, get_mm_counter(mm, MM_ANONPAGES), 16);
	touched = nr_free_pages();
	KTEST_EXPECT(t, touched <= before - 16);

	mmget(mm);                                     /* users 1 -> 2 */
	KTEST_EXPECT_EQ(t, atomic_read(&mm->mm_users), 2);
	KTEST_EXPECT(t, mmget_not_zero(mm));           /* 2 -> 3 */
	KTEST_EXPECT_EQ(t, atomic_read(&mm->mm_users), 3);
	mmgrab(mm);                                    /* count 1 -> 2 */
	KTEST_EXPECT_EQ(t, atomic_read(&mm->mm_count), 2);
	mmput(mm);
	mmput(mm);                                     /* 3 -> 1: nothing torn down */
	KTEST_EXPECT_EQ(t, atomic_read(&mm->mm_users), 1);
	KTEST_EXPECT_EQ(t, mm->map_count, 1);
	KTEST_EXPECT_EQ(t, nr_free_pages(), touched);
	KTEST_EXPECT(t, !(mm->flags & (1UL << MMF_OOM_SKIP)));

	mmput(mm);                                     /* 1 -> 0: __mmput, exit_mmap */
	mid = nr_free_pages();
	KTEST_EXPECT_EQ(t, atomic_read(&mm->mm_users), 0);
	KTEST_EXPECT(t, mid >= touched + 16);          /* every data page is back */
	KTEST_EXPECT(t, mm->flags & (1UL << MMF_OOM_SKIP));
	KTEST_EXPECT(t, !on_mmlist(mm));
	KTEST_EXPECT_EQ(t, mm->map_count, 0);
	KTEST_EXPECT(t, list_empty(&mm->mmap_list));
	KTEST_EXPECT_EQ(t, get_mm_rss(mm), 0);
	KTEST_EXPECT_EQ(t, atomic_read(&mm->mm_count), 1);   /* our grab keeps the struct */
	KTEST_EXPECT(t, !mmget_not_zero(mm));          /* 0 stays 0 */
	KTEST_EXPECT_EQ(t, atomic_read(&mm->mm_users), 0);
	mmap_read_lock(mm);                            /* a walker sees an empty tree */
	KTEST_EXPECT(t, find_vma(mm, 0) == NULL);
	mmap_read_unlock(mm);
	mmdrop(mm);                                    /* count 1 -> 0: __mmdrop */
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);   /* root and tables too */
}

static void mm_drop_paths(struct ktest *t)
{
	unsigned long before;
	struct mm_struct *mm;

	warm_up();
	before = nr_free_pages();
	/* A grab taken and dropped while users hold it changes nothing. */
	mm = mm_alloc();
	KTEST_ASSERT(t, mm != NULL);
	mmgrab(mm);
	mmdrop(mm);
	KTEST_EXPECT_EQ(t, atomic_read(&mm->mm_count), 1);
	KTEST_EXPECT_EQ(t, atomic_read(&mm->mm_users), 1);
	/* The last mmput drops the users' share of mm_count: freed at once. */
	mmput(mm);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

static void mm_fault_paths(struct ktest *t)
{
	unsigned long before, a, ro, none, stack, top = 0x3f00000000UL;
	struct mm_struct *mm;
	struct vm_area_struct *v;
	u8 buf[8] = { 1, 1, 1, 1, 1, 1, 1, 1 };

	warm_up();
	before = nr_free_pages();
	mm = mm_alloc();
	KTEST_ASSERT(t, mm != NULL);
	a = anon(mm, AREA, 4 * PAGE_SIZE, RW, MAP_FIXED);
	ro = anon(mm, AREA + 8 * PAGE_SIZE, PAGE_SIZE, PROT_READ, MAP_FIXED);
	none = anon(mm, AREA + 16 * PAGE_SIZE, PAGE_SIZE, PROT_NONE, MAP_FIXED);
	/* demand zero: an untouched page reads as zeroes */
	KTEST_EXPECT(t, page_at(mm, a) == NULL);
	KTEST_EXPECT_EQ(t, access_remote_vm(mm, a + 100, buf, 8, 0), 8);
	KTEST_EXPECT(t, buf[0] == 0 && buf[7] == 0);
	KTEST_EXPECT(t, page_at(mm, a) != NULL);
	KTEST_EXPECT(t, prot_at(mm, a) & PGPROT_USER);
	KTEST_EXPECT(t, prot_at(mm, a) & PGPROT_WRITE);
	KTEST_EXPECT(t, !(prot_at(mm, a) & PGPROT_EXEC));
	/* the fault handler's answers */
	KTEST_EXPECT_EQ(t, handle_mm_fault(mm, a + PAGE_SIZE, FAULT_FLAG_WRITE | FAULT_FLAG_USER), 0);
	KTEST_EXPECT_EQ(t, handle_mm_fault(mm, ro, FAULT_FLAG_WRITE | FAULT_FLAG_USER),
			VM_FAULT_SIGSEGV_ACCERR);
	KTEST_EXPECT_EQ(t, handle_mm_fault(mm, ro, FAULT_FLAG_USER), 0);
	KTEST_EXPECT(t, !(prot_at(mm, ro) & PGPROT_WRITE));
	KTEST_EXPECT_EQ(t, handle_mm_fault(mm, a, FAULT_FLAG_INSTRUCTION | FAULT_FLAG_USER),
			VM_FAULT_SIGSEGV_ACCERR);
	KTEST_EXPECT_EQ(t, handle_mm_fault(mm, none, FAULT_FLAG_USER), VM_FAULT_SIGSEGV_ACCERR);
	KTEST_EXPECT_EQ(t, handle_mm_fault(mm, AREA + 32 * PAGE_SIZE, FAULT_FLAG_USER),
			VM_FAULT_SIGSEGV_MAPERR);
	KTEST_EXPECT_EQ(t, handle_mm_fault(mm, 0, FAULT_FLAG_USER), VM_FAULT_SIGSEGV_MAPERR);
	/* mprotect takes write away from a present page, and gives it back */
	mmap_write_lock(mm);
	KTEST_EXPECT_EQ(t, do_mprotect(mm, a, PAGE_SIZE, PROT_READ), 0);
	mmap_write_unlock(mm);
	KTEST_EXPECT(t, !(prot_at(mm, a) & PGPROT_WRITE));
	KTEST_EXPECT_EQ(t, mm->map_count, 4);
	mmap_write_lock(mm);
	KTEST_EXPECT_EQ(t, do_mprotect(mm, a, PAGE_SIZE, RW), 0);
	mmap_write_unlock(mm);
	KTEST_EXPECT(t, prot_at(mm, a) & PGPROT_WRITE);
	KTEST_EXPECT_EQ(t, mm->map_count, 3);           /* merged back */
	/* stack growth */
	stack = anon(mm, top - 2 * PAGE_SIZE, 2 * PAGE_SIZE, RW, MAP_FIXED | MAP_GROWSDOWN);
	KTEST_EXPECT_EQ(t, stack, top - 2 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, handle_mm_fault(mm, stack - 5 * PAGE_SIZE + 8,
					   FAULT_FLAG_WRITE | FAULT_FLAG_USER), 0);
	v = find_vma(mm, stack - 5 * PAGE_SIZE);
	KTEST_EXPECT(t, v && v->vm_start == stack - 5 * PAGE_SIZE && v->vm_end == top);
	KTEST_EXPECT_EQ(t, handle_mm_fault(mm, top - (16UL << 20), FAULT_FLAG_USER),
			VM_FAULT_SIGSEGV_MAPERR);
	KTEST_EXPECT_EQ(t, vma_tree_check(mm), 0);
	mmput(mm);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

static void mm_cow(struct ktest *t)
{
	unsigned long before, a;
	struct mm_struct *mm, *child;
	struct page *p, *pc;
	u8 v = 0x42, r = 0;

	warm_up();
	before = nr_free_pages();
	mm = mm_alloc();
	KTEST_ASSERT(t, mm != NULL);
	a = anon(mm, AREA, 2 * PAGE_SIZE, RW, MAP_FIXED);
	access_remote_vm(mm, a, &v, 1, FOLL_WRITE);
	p = page_at(mm, a);
	KTEST_ASSERT(t, p != NULL);
	KTEST_EXPECT(t, PageAnon(p));
	KTEST_EXPECT_EQ(t, page_ref_count(p), 1);
	KTEST_EXPECT_EQ(t, page_mapcount(p), 1);
	child = dup_mm(mm);
	KTEST_ASSERT(t, child != NULL);
	KTEST_EXPECT_EQ(t, atomic_read(&child->mm_users), 1);
	KTEST_EXPECT(t, page_at(child, a) == p);
	KTEST_EXPECT_EQ(t, page_ref_count(p), 2);
	KTEST_EXPECT_EQ(t, page_mapcount(p), 2);
	KTEST_EXPECT(t, !(prot_at(mm, a) & PGPROT_WRITE));
	KTEST_EXPECT(t, !(prot_at(child, a) & PGPROT_WRITE));
	/* the child writes: its own copy; the parent still reads the old value */
	v = 0x99;
	KTEST_EXPECT_EQ(t, access_remote_vm(child, a, &v, 1, FOLL_WRITE), 1);
	pc = page_at(child, a);
	KTEST_EXPECT(t, pc != p);
	KTEST_EXPECT(t, prot_at(child, a) & PGPROT_WRITE);
	access_remote_vm(mm, a, &r, 1, 0);
	KTEST_EXPECT_EQ(t, r, 0x42);
	access_remote_vm(child, a, &r, 1, 0);
	KTEST_EXPECT_EQ(t, r, 0x99);
	KTEST_EXPECT_EQ(t, page_ref_count(p), 1);
	KTEST_EXPECT_EQ(t, page_mapcount(p), 1);
	/* the parent is the sole owner again: a write reuses the page */
	KTEST_EXPECT_EQ(t, handle_mm_fault(mm, a, FAULT_FLAG_WRITE | FAULT_FLAG_USER), 0);
	KTEST_EXPECT(t, page_at(mm, a) == p);
	KTEST_EXPECT(t, prot_at(mm, a) & PGPROT_WRITE);
	KTEST_EXPECT_EQ(t, get_mm_counter(child, MM_ANONPAGES), 1);
	mmput(mm);                                      /* parent first */
	access_remote_vm(child, a, &r, 1, 0);
	KTEST_EXPECT_EQ(t, r, 0x99);
	mmput(child);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

struct seen {
	int n;
	struct mm_struct *mm[2];
};

static bool count_one(struct page *page, struct vm_area_struct *vma, unsigned long addr, void *arg)
{
	struct seen *s = arg;

	(void)page;
	(void)addr;
	if (s->n < 2)
		s->mm[s->n] = vma->vm_mm;
	s->n++;
	return true;
}

static void mm_rmap(struct ktest *t)
{
	struct mm_struct *mm, *child;
	struct seen s = { 0 };
	struct rmap_walk_control rwc = { .arg = &s, .rmap_one = count_one };
	struct page *p;
	unsigned long a;
	u8 v = 1;

	mm = mm_alloc();
	KTEST_ASSERT(t, mm != NULL);
	a = anon(mm, AREA, 4 * PAGE_SIZE, RW, MAP_FIXED);
	access_remote_vm(mm, a + PAGE_SIZE, &v, 1, FOLL_WRITE);
	p = page_at(mm, a + PAGE_SIZE);
	KTEST_ASSERT(t, p != NULL);
	rmap_walk(p, &rwc);
	KTEST_EXPECT_EQ(t, s.n, 1);
	KTEST_EXPECT(t, s.mm[0] == mm);
	child = dup_mm(mm);
	KTEST_ASSERT(t, child != NULL);
	s.n = 0;
	rmap_walk(p, &rwc);
	KTEST_EXPECT_EQ(t, s.n, 2);
	access_remote_vm(child, a + PAGE_SIZE, &v, 1, FOLL_WRITE);
	s.n = 0;
	rmap_walk(p, &rwc);
	KTEST_EXPECT_EQ(t, s.n, 1);
	KTEST_EXPECT(t, s.mm[0] == mm);
	mmput(child);
	mmput(mm);
}

static void mm_vma_tree(struct ktest *t)
{
	unsigned long before, i, seed = 12345;
	struct mm_struct *mm;

	warm_up();
	before = nr_free_pages();
	mm = mm_alloc();
	KTEST_ASSERT(t, mm != NULL);
	mmap_write_lock(mm);
	for (i = 0; i < 600; i++) {
		unsigned long s, n, prot;

		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		s = (seed >> 33) % 128;
		n = 1 + (seed >> 20) % 8;
		prot = (seed >> 8) % 4;
		switch ((seed >> 40) % 3) {
		case 0:
			do_mmap(mm, NULL, AREA + s * PAGE_SIZE, n * PAGE_SIZE, prot,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
			break;
		case 1:
			do_munmap(mm, AREA + s * PAGE_SIZE, n * PAGE_SIZE);
			break;
		default:
			do_mprotect(mm, AREA + s * PAGE_SIZE, n * PAGE_SIZE, prot);
			break;
		}
		if (vma_tree_check(mm)) {
			KTEST_EXPECT_EQ(t, vma_tree_check(mm), 0);
			break;
		}
	}
	/* find_vma agrees with a walk of the list */
	{
		struct vm_area_struct *v, *prev = NULL;

		for_each_vma(mm, v) {
			KTEST_EXPECT(t, find_vma(mm, v->vm_start) == v);
			KTEST_EXPECT(t, find_vma(mm, v->vm_end - 1) == v);
			if (prev && prev->vm_end < v->vm_start)
				KTEST_EXPECT(t, find_vma(mm, prev->vm_end) == v);
			prev = v;
		}
	}
	mmap_write_unlock(mm);
	mmput(mm);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

/* A 64 GiB mapping with three pages: unmap, mprotect and fork cost the pages only. */
static void mm_huge_sparse(struct ktest *t)
{
	unsigned long before, a, len = 1UL << 36;
	struct mm_struct *mm, *child;
	u8 v = 5, r = 0;

	warm_up();
	before = nr_free_pages();
	mm = mm_alloc();
	KTEST_ASSERT(t, mm != NULL);
	a = anon(mm, 0, len, RW, MAP_NORESERVE);
	KTEST_ASSERT(t, !IS_ERR_VALUE(a));
	KTEST_EXPECT_EQ(t, access_remote_vm(mm, a, &v, 1, FOLL_WRITE), 1);
	KTEST_EXPECT_EQ(t, access_remote_vm(mm, a + len / 2, &v, 1, FOLL_WRITE), 1);
	KTEST_EXPECT_EQ(t, access_remote_vm(mm, a + len - 1, &v, 1, FOLL_WRITE), 1);
	mmap_write_lock(mm);
	KTEST_EXPECT_EQ(t, do_mprotect(mm, a, len, PROT_READ), 0);
	mmap_write_unlock(mm);
	KTEST_EXPECT(t, !(prot_at(mm, a + len / 2) & PGPROT_WRITE));
	child = dup_mm(mm);
	KTEST_ASSERT(t, child != NULL);
	KTEST_EXPECT_EQ(t, access_remote_vm(child, a + len - 1, &r, 1, 0), 1);
	KTEST_EXPECT_EQ(t, r, 5);
	mmput(child);
	mmap_write_lock(mm);
	KTEST_EXPECT_EQ(t, do_munmap(mm, a, len), 0);
	mmap_write_unlock(mm);
	KTEST_EXPECT_EQ(t, get_mm_rss(mm), 0);
	mmput(mm);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

long sys_mmap(SYSCALL_ARGS);
long sys_munmap(SYSCALL_ARGS);
long sys_mprotect(SYSCALL_ARGS);
long sys_brk(SYSCALL_ARGS);
long sys_mremap(SYSCALL_ARGS);
long sys_madvise(SYSCALL_ARGS);

/* The system calls on current->mm (a fresh mm swapped in; nothing touched). */
static void mm_syscalls(struct ktest *t)
{
	struct task_struct *tsk = current;
	struct mm_struct *mm = mm_alloc(), *saved;
	unsigned long before, a, b;

	KTEST_ASSERT(t, mm != NULL);
	KTEST_ASSERT(t, tsk != NULL);
	mm->start_brk = mm->brk = 0x1000000UL;
	saved = tsk->mm;
	tsk->mm = mm;
	a = (unsigned long)sys_mmap(0, 3 * PAGE_SIZE, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1UL, 0);
	KTEST_EXPECT(t, !IS_ERR_VALUE(a) && !(a & ~PAGE_MASK));
	KTEST_EXPECT(t, a + 3 * PAGE_SIZE <= mm->mmap_base);
	KTEST_EXPECT_EQ(t, sys_mmap(0, 0, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1UL, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mmap(0, PAGE_SIZE, RW, MAP_ANONYMOUS, -1UL, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mmap(0, PAGE_SIZE, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1UL, 1), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mprotect(a, PAGE_SIZE, PROT_READ, 0, 0, 0), 0);
	KTEST_EXPECT_EQ(t, mm->map_count, 2);
	KTEST_EXPECT_EQ(t, sys_mprotect(a + 1, PAGE_SIZE, PROT_READ, 0, 0, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_madvise(a, PAGE_SIZE, MADV_DONTNEED, 0, 0, 0), 0);
	KTEST_EXPECT_EQ(t, sys_madvise(a, PAGE_SIZE, 999, 0, 0, 0), -EINVAL);
	b = (unsigned long)sys_mremap(a + PAGE_SIZE, 2 * PAGE_SIZE, 4 * PAGE_SIZE, MREMAP_MAYMOVE, 0, 0);
	KTEST_EXPECT(t, !IS_ERR_VALUE(b));
	KTEST_EXPECT_EQ(t, sys_munmap(b, 4 * PAGE_SIZE, 0, 0, 0, 0), 0);
	KTEST_EXPECT_EQ(t, sys_munmap(a, 0, 0, 0, 0, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_munmap(a, PAGE_SIZE, 0, 0, 0, 0), 0);
	KTEST_EXPECT_EQ(t, mm->map_count, 0);
	before = (unsigned long)sys_brk(0, 0, 0, 0, 0, 0);
	KTEST_EXPECT_EQ(t, before, 0x1000000UL);
	KTEST_EXPECT_EQ(t, sys_brk(before + 5000, 0, 0, 0, 0, 0), (long)(before + 5000));
	KTEST_EXPECT_EQ(t, mm->map_count, 1);
	KTEST_EXPECT_EQ(t, sys_brk(before - PAGE_SIZE, 0, 0, 0, 0, 0), (long)(before + 5000));
	KTEST_EXPECT_EQ(t, sys_brk(before, 0, 0, 0, 0, 0), (long)before);
	KTEST_EXPECT_EQ(t, mm->map_count, 0);
	tsk->mm = saved;
	mmput(mm);
}

#ifdef HAVE_UACCESS
/*
 * A real access: this thread runs on the new mm (activated), and
 * copy_to_user() to a page never touched faults into handle_page_fault(),
 * which maps it; a copy to an unmapped address fails cleanly.
 */
static void mm_user_access(struct ktest *t)
{
	struct task_struct *tsk = current;
	struct mm_struct *mm = mm_alloc(), *saved;
	unsigned long a;
	u8 out[4] = { 7, 8, 9, 10 }, in[4] = { 0 };

	KTEST_ASSERT(t, mm != NULL);
	a = anon(mm, AREA, PAGE_SIZE, RW, MAP_FIXED);
	saved = tsk->mm;
	tsk->mm = mm;
	pgtable_activate(mm->pgd);
	KTEST_EXPECT_EQ(t, copy_to_user((void __user *)(a + 12), out, 4), 0);
	KTEST_EXPECT_EQ(t, copy_from_user(in, (const void __user *)(a + 12), 4), 0);
	KTEST_EXPECT_NE(t, copy_to_user((void __user *)(a + 2 * PAGE_SIZE), out, 4), 0);
	pgtable_activate(pgtable_kernel());
	tsk->mm = saved;
	KTEST_EXPECT(t, in[0] == 7 && in[3] == 10);
	KTEST_EXPECT(t, page_at(mm, a) != NULL);
	mmput(mm);
}
#endif

KTEST_SUITE(mm,
	    KTEST_CASE(mm_refcount_transitions),
	    KTEST_CASE(mm_drop_paths),
	    KTEST_CASE(mm_fault_paths),
	    KTEST_CASE(mm_cow),
	    KTEST_CASE(mm_rmap),
	    KTEST_CASE(mm_vma_tree),
	    KTEST_CASE(mm_huge_sparse),
	    KTEST_CASE(mm_syscalls),
#ifdef HAVE_UACCESS
	    KTEST_CASE(mm_user_access),
#endif
);
