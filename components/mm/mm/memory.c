// SPDX-License-Identifier: Apache-2.0
/*
 * Pages of user address spaces: the fault handler (demand-zero anonymous
 * pages, shared anonymous pages, file pages through vm_ops->fault, copy on
 * write, stack growth), zapping ranges, the anonymous and file reverse map
 * and access_remote_vm(). Each present user PTE that maps a struct page
 * holds one reference (_refcount) and one mapping (_mapcount) on it, and
 * counts in its mm's RSS; anonymous pages carry their anon_vma in
 * page->mapping (tagged with PAGE_MAPPING_ANON) and their index in the
 * VMA's vm_pgoff space.
 */
#include "mm_env.h"

extern const struct vm_operations_struct mm_shmem_vm_ops;

/* The page mapped at @addr (NULL: none, or no struct page); *prot 0 when unmapped. */
struct page *mm_pte_page(struct mm_struct *mm, unsigned long addr, pgprot_t *prot)
{
	phys_addr_t pa;

	if (pgtable_lookup(mm->pgd, addr, &pa, prot)) {
		*prot = 0;
		return NULL;
	}
	if (!pfn_valid(PFN_DOWN(pa)))
		return NULL;
	return pfn_to_page(PFN_DOWN(pa));
}

static int rss_counter(struct vm_area_struct *vma, struct page *page)
{
	if (PageAnon(page))
		return MM_ANONPAGES;
	if (vma->vm_ops == &mm_shmem_vm_ops)
		return MM_SHMEMPAGES;
	return MM_FILEPAGES;
}

static void add_rss(struct vm_area_struct *vma, struct page *page, long n)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long rss;

	if (vma->vm_flags & VM_SPECIAL_MAPPING)
		return;
	atomic_long_add(n, &mm->rss_stat[rss_counter(vma, page)]);
	rss = get_mm_rss(mm);
	if (rss > mm->hiwater_rss)
		mm->hiwater_rss = rss;
}

/* Drop a reference; an anonymous page forgets its anon_vma before it is freed. */
static void mm_put_page(struct page *page)
{
	if (page_ref_count(page) == 1 && PageAnon(page))
		page->mapping = NULL;
	put_page(page);
}

/* @page's PTE in @vma is gone: its mapping, RSS and reference. */
void mm_page_unmapped(struct vm_area_struct *vma, struct page *page)
{
	add_rss(vma, page, -1);
	atomic_dec(&page->_mapcount);
	mm_put_page(page);
}

void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long a;
	pgprot_t prot;

	for (a = start; a < end; a += PAGE_SIZE) {
		struct page *page = mm_pte_page(mm, a, &prot);

		if (!prot)
			continue;
		pgtable_unmap(mm->pgd, a, PAGE_SIZE);
		if (page && !(vma->vm_flags & VM_PFNMAP))
			mm_page_unmapped(vma, page);
	}
}

/*
 * The protection @page gets in @vma: the VMA's, less write for a private
 * mapping unless the page is anonymous and this PTE holds its only
 * reference (else a write must fault and copy).
 */
pgprot_t pte_prot_for(struct vm_area_struct *vma, struct page *page)
{
	pgprot_t p = vma->vm_page_prot;

	if ((p & PGPROT_WRITE) && !(vma->vm_flags & VM_SHARED) &&
	    (!page || !PageAnon(page) || page_mapcount(page) != 1 || page_ref_count(page) != 1))
		p &= ~PGPROT_WRITE;
	return p;
}

/* ---- anonymous rmap ---- */

static int anon_vma_prepare(struct vm_area_struct *vma)
{
	struct anon_vma *av;

	if (vma->anon_vma)
		return 0;
	av = kzalloc(sizeof(*av));
	if (!av)
		return -ENOMEM;
	INIT_LIST_HEAD(&av->head);
	atomic_set(&av->refcount, 1);
	vma->anon_vma = av;
	mm_spin_lock();
	list_add_tail(&vma->anon_vma_chain, &av->head);
	mm_spin_unlock();
	return 0;
}

static void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma,
				   unsigned long addr)
{
	page->mapping = (struct address_space *)((unsigned long)vma->anon_vma | PAGE_MAPPING_ANON);
	page->index = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	atomic_set(&page->_mapcount, 0);
}

static bool vma_maps_page(struct vm_area_struct *vma, struct page *page, pgoff_t pgoff,
			  unsigned long *addrp)
{
	unsigned long addr;
	phys_addr_t pa;
	pgprot_t prot;

	if (pgoff < vma->vm_pgoff)
		return false;
	addr = vma_address_of(vma, pgoff);
	if (addr < vma->vm_start || addr >= vma->vm_end)
		return false;
	if (pgtable_lookup(vma->vm_mm->pgd, addr, &pa, &prot))
		return false;
	if (pa != PFN_PHYS(page_to_pfn(page)))
		return false;
	*addrp = addr;
	return true;
}

void rmap_walk(struct page *page, struct rmap_walk_control *rwc)
{
	struct vm_area_struct *vma;
	struct list_head *head;
	unsigned long addr;
	bool anon = PageAnon(page);

	if (anon)
		head = &page_anon_vma(page)->head;
	else if (page->mapping)
		head = &page->mapping->i_mmap;
	else
		return;
	mm_spin_lock();
	if (anon) {
		list_for_each_entry(vma, head, anon_vma_chain)
			if (vma_maps_page(vma, page, page->index, &addr) &&
			    !rwc->rmap_one(page, vma, addr, rwc->arg))
				break;
	} else {
		list_for_each_entry(vma, head, shared_node)
			if (vma_maps_page(vma, page, page->index, &addr) &&
			    !rwc->rmap_one(page, vma, addr, rwc->arg))
				break;
	}
	mm_spin_unlock();
}

/* ---- faults ---- */

static int errno_to_fault(int err)
{
	return err == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
}

/* Map @page at @addr with @prot; the PTE takes the caller's reference. */
static int set_pte_page(struct vm_area_struct *vma, unsigned long addr, struct page *page,
			pgprot_t prot)
{
	int err = pgtable_map(vma->vm_mm->pgd, addr, PFN_PHYS(page_to_pfn(page)), PAGE_SIZE,
			      prot | PGPROT_NOLARGE);

	if (err)
		return err;
	add_rss(vma, page, 1);
	return 0;
}

static int do_anonymous_page(struct vm_area_struct *vma, unsigned long addr)
{
	struct page *page;

	if (anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	page = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0);
	if (!page)
		return VM_FAULT_OOM;
	page_add_new_anon_rmap(page, vma, addr);
	if (set_pte_page(vma, addr, page, vma->vm_page_prot)) {
		atomic_set(&page->_mapcount, -1);
		mm_put_page(page);
		return VM_FAULT_OOM;
	}
	return 0;
}

/* Copy @old (mapped at @addr, or NULL: a file page) into a new anonymous page. */
static int do_cow_page(struct vm_area_struct *vma, unsigned long addr, struct page *old,
		       bool old_mapped)
{
	struct mm_struct *mm = vma->vm_mm;
	struct page *page;

	if (anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	page = alloc_pages(GFP_KERNEL, 0);
	if (!page)
		return VM_FAULT_OOM;
	memcpy(mm_page_va(page), mm_page_va(old), PAGE_SIZE);
	page_add_new_anon_rmap(page, vma, addr);
	if (old_mapped) {
		pgtable_unmap(mm->pgd, addr, PAGE_SIZE);
		mm_page_unmapped(vma, old);
	}
	if (set_pte_page(vma, addr, page, vma->vm_page_prot)) {
		atomic_set(&page->_mapcount, -1);
		mm_put_page(page);
		return VM_FAULT_OOM;
	}
	return 0;
}

/* A page of a file or shared anonymous mapping that is not present. */
static int do_file_page(struct vm_area_struct *vma, unsigned long addr, unsigned int flags)
{
	pgoff_t pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	pgprot_t prot = vma->vm_page_prot;
	struct page *page;
	int err, ret;

	if (!vma->vm_ops || !vma->vm_ops->fault)
		return VM_FAULT_SIGBUS;
	err = vma->vm_ops->fault(vma, addr, pgoff, &page);
	if (err)
		return errno_to_fault(err);
	if (!(vma->vm_flags & VM_SHARED)) {
		if (flags & FAULT_FLAG_WRITE) {
			/* Private write: this mm's own copy; the page cache keeps the original. */
			ret = do_cow_page(vma, addr, page, false);
			put_page(page);
			return ret;
		}
		prot &= ~PGPROT_WRITE;
	}
	atomic_inc(&page->_mapcount);
	if (set_pte_page(vma, addr, page, prot)) {
		atomic_dec(&page->_mapcount);
		put_page(page);
		return VM_FAULT_OOM;
	}
	return 0;
}

/* Stack growth: extend a VM_GROWSDOWN VMA down to cover @addr. */
static int expand_stack(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *prev = vma_prev(mm, vma);
	unsigned long start = addr & PAGE_MASK, grow;

	if (start < MM_MIN_ADDR)
		return -ENOMEM;
	/* Keep the guard gap above whatever lies below the stack. */
	if (prev && prev->vm_end + MM_STACK_GUARD_GAP > start)
		return -ENOMEM;
	/* RLIMIT_STACK's default: 8 MiB. */
	if (vma->vm_end - start > (8UL << 20))
		return -ENOMEM;
	grow = (vma->vm_start - start) >> PAGE_SHIFT;
	/* Anonymous: the page offsets move down with the start (never below 0). */
	if (!vma->vm_file && vma->vm_pgoff < grow)
		return -ENOMEM;
	if (!vma->vm_file)
		vma->vm_pgoff -= grow;
	vma->vm_start = start;       /* still ordered: the gap below is free */
	mm->total_vm += grow;
	mm->stack_vm += grow;
	return 0;
}

int __handle_mm_fault(struct mm_struct *mm, unsigned long addr, unsigned int flags)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	unsigned long page_addr = addr & PAGE_MASK;
	struct page *page;
	pgprot_t prot;

	if (!vma || addr >= mm->task_size)
		return VM_FAULT_SIGSEGV_MAPERR;
	if (addr < vma->vm_start) {
		if (!(vma->vm_flags & VM_GROWSDOWN) || expand_stack(mm, vma, addr))
			return VM_FAULT_SIGSEGV_MAPERR;
	}
	if (flags & FAULT_FLAG_WRITE) {
		if (!(vma->vm_flags & VM_WRITE))
			return VM_FAULT_SIGSEGV_ACCERR;
	} else if (flags & FAULT_FLAG_INSTRUCTION) {
		if (!(vma->vm_flags & VM_EXEC))
			return VM_FAULT_SIGSEGV_ACCERR;
	} else if (!(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC))) {
		return VM_FAULT_SIGSEGV_ACCERR;
	}

	page = mm_pte_page(mm, page_addr, &prot);
	if (!prot) {
		if (vma->vm_flags & (VM_PFNMAP | VM_SPECIAL_MAPPING))
			return VM_FAULT_SIGBUS;
		if (vma->vm_file || vma->vm_ops == &mm_shmem_vm_ops)
			return do_file_page(vma, page_addr, flags);
		return do_anonymous_page(vma, page_addr);
	}
	if ((flags & FAULT_FLAG_WRITE) && !(prot & PGPROT_WRITE) && page) {
		if (vma->vm_flags & VM_SHARED) {
			pgtable_protect(mm->pgd, page_addr, PAGE_SIZE, vma->vm_page_prot);
			return 0;
		}
		/* Copy on write, unless this PTE holds the only reference. */
		if (PageAnon(page) && page_mapcount(page) == 1 && page_ref_count(page) == 1) {
			pgtable_protect(mm->pgd, page_addr, PAGE_SIZE, vma->vm_page_prot);
			return 0;
		}
		return do_cow_page(vma, page_addr, page, true);
	}
	/* Present and allowed: bring a stale protection up to the VMA's. */
	if (page && pte_prot_for(vma, page) != prot)
		pgtable_protect(mm->pgd, page_addr, PAGE_SIZE, pte_prot_for(vma, page));
	return 0;
}

int handle_mm_fault(struct mm_struct *mm, unsigned long addr, unsigned int flags)
{
	int ret;

	mmap_read_lock(mm);
	ret = __handle_mm_fault(mm, addr, flags);
	mmap_read_unlock(mm);
	return ret;
}

/* ---- access to another mm's memory ---- */

int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len,
		     unsigned int gup_flags)
{
	bool write = gup_flags & FOLL_WRITE;
	int done = 0;

	if (len <= 0)
		return 0;
	mmap_read_lock(mm);
	while (done < len) {
		unsigned long a = addr + done, off = a & ~PAGE_MASK;
		unsigned long n = PAGE_SIZE - off;
		struct vm_area_struct *vma;
		struct page *page;
		pgprot_t prot;
		char *kva;

		if (n > (unsigned long)(len - done))
			n = len - done;
		vma = find_vma(mm, a);
		if (!vma || vma->vm_start > a)
			break;
		if (!(vma->vm_flags & (write ? VM_WRITE : VM_READ)) && !(gup_flags & FOLL_FORCE))
			break;
		page = mm_pte_page(mm, a & PAGE_MASK, &prot);
		if (!prot || (write && !(prot & PGPROT_WRITE))) {
			if (__handle_mm_fault(mm, a, write ? FAULT_FLAG_WRITE : 0))
				break;
			page = mm_pte_page(mm, a & PAGE_MASK, &prot);
		}
		if (!page || (write && !(prot & PGPROT_WRITE)))
			break;
		kva = (char *)mm_page_va(page) + off;
		if (write)
			memcpy(kva, (char *)buf + done, n);
		else
			memcpy((char *)buf + done, kva, n);
		done += n;
	}
	mmap_read_unlock(mm);
	return done;
}
