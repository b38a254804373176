/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the mm core (vma_tree.c, mmap.c, memory.c) calls outside itself.
 * In the kernel these are the page_alloc, kmalloc, mmu, mutex, spinlock,
 * lib and percpu interfaces (mm_glue.c adds the few helpers below); the host
 * test (tests/test_mm.c, MM_HOST_TEST) defines the same names over a fake
 * page allocator and a fake page table, so the logic runs natively under
 * ASan and UBSan.
 */
#ifndef MM_ENV_H
#define MM_ENV_H

#include <tessera/errno.h>
#include <tessera/fs.h>
#include <tessera/mm.h>
#include <tessera/page.h>

#ifdef MM_HOST_TEST
#include <string.h>

struct page *alloc_pages(gfp_t gfp, unsigned int order);
void put_page(struct page *page);
void *kzalloc(size_t size);
void kfree(const void *ptr);
int pgtable_map(struct pgtable *pt, unsigned long va, phys_addr_t pa, unsigned long size, pgprot_t prot);
int pgtable_unmap(struct pgtable *pt, unsigned long va, unsigned long size);
int pgtable_protect(struct pgtable *pt, unsigned long va, unsigned long size, pgprot_t prot);
int pgtable_lookup(struct pgtable *pt, unsigned long va, phys_addr_t *pa, pgprot_t *prot);
struct pgtable *pgtable_create(void);
void pgtable_destroy(struct pgtable *pt);
void *mm_page_va(struct page *page);
struct mm_struct *mm_current_mm(void);
void mm_get_file(struct file *file);
void mm_fput(struct file *file);
#define mm_lock_init(m)   ((void)(m))
#define mm_lock(m)        ((void)(m))
#define mm_trylock(m)     ((void)(m), true)
#define mm_unlock(m)      ((void)(m))
#define mm_spin_lock()    ((void)0)
#define mm_spin_unlock()  ((void)0)
#define MM_TASK_SIZE      0x00007ffffffff000UL
#define mm_warn(...)      ((void)0)
#else
#include <tessera/kconfig.h>
#include <interfaces/kmalloc.h>
#include <interfaces/lib.h>
#include <interfaces/mmu.h>
#include <interfaces/mutex.h>
#include <interfaces/page_alloc.h>
#include <interfaces/printk.h>
#include <tessera/spinlock.h>
#include <asm/memory.h>

static inline void *mm_page_va(struct page *page)
{
	return page_address(page);
}
struct mm_struct *mm_current_mm(void);
void mm_get_file(struct file *file);
void mm_fput(struct file *file);
extern spinlock_t mm_rmap_lock;
#define mm_lock_init(m)   mutex_init(m)
#define mm_lock(m)        mutex_lock(m)
#define mm_trylock(m)     mutex_trylock(m)
#define mm_unlock(m)      mutex_unlock(m)
#define mm_spin_lock()    spin_lock(&mm_rmap_lock)
#define mm_spin_unlock()  spin_unlock(&mm_rmap_lock)
#ifdef TASK_SIZE
#define MM_TASK_SIZE      TASK_SIZE
#elif defined(CONFIG_ARCH_X86_64)
#define MM_TASK_SIZE      0x00007ffffffff000UL     /* 47 bits less the guard page */
#else
#define MM_TASK_SIZE      0x0000004000000000UL     /* Sv39: 256 GiB user half */
#endif
#define mm_warn(...)      pr_warn(__VA_ARGS__)
#endif

/* The operations of the mm interface (the generated header declares them too). */
struct mm_struct *mm_alloc(void);
void mmget(struct mm_struct *mm);
bool mmget_not_zero(struct mm_struct *mm);
void mmput(struct mm_struct *mm);
void mmgrab(struct mm_struct *mm);
void mmdrop(struct mm_struct *mm);
void exit_mmap(struct mm_struct *mm);
struct mm_struct *dup_mm(struct mm_struct *oldmm);
void mmap_read_lock(struct mm_struct *mm);
bool mmap_read_trylock(struct mm_struct *mm);
void mmap_read_unlock(struct mm_struct *mm);
void mmap_write_lock(struct mm_struct *mm);
void mmap_write_unlock(struct mm_struct *mm);
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, unsigned long start,
					     unsigned long end);
unsigned long get_unmapped_area(struct mm_struct *mm, struct file *file, unsigned long addr,
				unsigned long len, unsigned long pgoff, unsigned long flags);
unsigned long do_mmap(struct mm_struct *mm, struct file *file, unsigned long addr,
		      unsigned long len, unsigned long prot, unsigned long flags, unsigned long pgoff);
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len);
int do_mprotect(struct mm_struct *mm, unsigned long start, unsigned long len, unsigned long prot);
unsigned long do_brk(struct mm_struct *mm, unsigned long brk);
int handle_mm_fault(struct mm_struct *mm, unsigned long addr, unsigned int flags);
int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len,
		     unsigned int gup_flags);
int install_special_mapping(struct mm_struct *mm, unsigned long addr, unsigned long len,
			    unsigned long vm_flags, struct page **pages);
struct vm_area_struct *_install_special_mapping(struct mm_struct *mm, unsigned long addr,
						unsigned long len, unsigned long vm_flags,
						const struct vm_special_mapping *spec);
void rmap_walk(struct page *page, struct rmap_walk_control *rwc);

static inline void mm_list_del_init(struct list_head *e)
{
	e->prev->next = e->next;
	e->next->prev = e->prev;
	INIT_LIST_HEAD(e);
}
#define list_del_init(e) mm_list_del_init(e)
#define mm_list_for_each_entry_reverse(pos, head, member)                      \
	for (pos = list_entry((head)->prev, __typeof__(*pos), member);          \
	     &pos->member != (head);                                            \
	     pos = list_entry(pos->member.prev, __typeof__(*pos), member))

#ifndef PAGE_ALIGN
#define PAGE_ALIGN(x) (((x) + PAGE_SIZE - 1) & PAGE_MASK)
#endif

/* ---- internal to the component: vma_tree.c ---- */
void vma_tree_insert(struct mm_struct *mm, struct vm_area_struct *vma);
void vma_tree_remove(struct mm_struct *mm, struct vm_area_struct *vma);
/* The VMA before @vma in address order, or NULL. */
struct vm_area_struct *vma_prev(struct mm_struct *mm, struct vm_area_struct *vma);
struct vm_area_struct *vma_next(struct mm_struct *mm, struct vm_area_struct *vma);
/* 0, or a negative number naming the first broken invariant (tests). */
int vma_tree_check(struct mm_struct *mm);

/* mmap.c/memory.c shared internals */
extern struct list_head mm_list_head;      /* every live mm (mmlist) */
extern unsigned long mm_nr_mms;
pgprot_t vm_get_page_prot(unsigned long vm_flags);
void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
int __handle_mm_fault(struct mm_struct *mm, unsigned long addr, unsigned int flags);
unsigned long do_mremap(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
			unsigned long new_len, unsigned long flags, unsigned long new_addr);
int do_madvise(struct mm_struct *mm, unsigned long start, unsigned long len, int advice);
unsigned long do_brk_flags(struct mm_struct *mm, unsigned long addr, unsigned long len,
			   unsigned long flags);
void anon_vma_unlink(struct vm_area_struct *vma);
void mm_page_unmapped(struct vm_area_struct *vma, struct page *page);
pgprot_t pte_prot_for(struct vm_area_struct *vma, struct page *page);
struct page *mm_pte_page(struct mm_struct *mm, unsigned long addr, pgprot_t *prot);

#define MM_MAX_MAP_COUNT 65530
#define MM_STACK_GUARD_GAP (256UL << PAGE_SHIFT)
#define MM_MIN_ADDR 0x10000UL            /* vm.mmap_min_addr */

#endif
