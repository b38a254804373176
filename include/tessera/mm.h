/* SPDX-License-Identifier: Apache-2.0 */
/*
 * DOC: address spaces (interface `mm`, components/mm/mm)
 *
 * struct mm_struct is one user address space; struct vm_area_struct one
 * mapped range in it. The rules are Linux's and ../shared/specs/mm-reclaim.md
 * section 1's:
 *
 *   mm_users  users of the address space (the threads running in it, and
 *             anyone who needs its pages to stay for a short while):
 *             mmget()/mmget_not_zero()/mmput(). At zero, __mmput() runs
 *             exit_mmap() (unmap every VMA, free the pages and the page
 *             tables, empty the VMA tree, set MMF_OOM_SKIP), takes the mm
 *             off the mm list (mmlist: reclaim's walkers find mms there)
 *             and mmdrop()s the users' share of mm_count.
 *   mm_count  references to the struct: mmgrab()/mmdrop(); all of mm_users
 *             together hold one. At zero, __mmdrop() frees the page-table
 *             root and the struct.
 *
 * mm_alloc() returns an mm with mm_users = 1 and mm_count = 1, an empty
 * VMA tree and a fresh page-table root that maps the kernel
 * (pgtable_create()). Walking an mm after exit_mmap() finds nothing.
 *
 * VMAs are kept ordered by address (find_vma(), for_each_vma()); mmap_lock
 * (a mutex: one CPU, and page faults may sleep) guards the tree and the
 * page tables of the user half. The fault handler takes it for reading.
 *
 * Pages: an anonymous page has page->mapping = (anon_vma | PAGE_MAPPING_ANON)
 * and page->index = its virtual page number in the VMA's original layout,
 * as Linux does, so the reverse map (rmap_walk()) finds every VMA mapping
 * it; _mapcount counts its page-table mappings. Copy-on-write after fork
 * shares the page read-only with _refcount and _mapcount raised; a write
 * fault copies it unless the faulting mm holds the only mapping.
 */
#ifndef TESSERA_MM_H
#define TESSERA_MM_H

#include <tessera/atomic.h>
#include <tessera/list.h>
#include <tessera/mm_types.h>
#include <tessera/mutex.h>
#include <tessera/pgtable.h>
#include <tessera/syscalls.h>
#include <tessera/types.h>

struct file;
struct anon_vma;

/* vm_flags (Linux's values) */
#define VM_NONE        0x00000000UL
#define VM_READ        0x00000001UL
#define VM_WRITE       0x00000002UL
#define VM_EXEC        0x00000004UL
#define VM_SHARED      0x00000008UL
#define VM_MAYREAD     0x00000010UL
#define VM_MAYWRITE    0x00000020UL
#define VM_MAYEXEC     0x00000040UL
#define VM_MAYSHARE    0x00000080UL
#define VM_GROWSDOWN   0x00000100UL
#define VM_PFNMAP      0x00000400UL
#define VM_LOCKED      0x00002000UL
#define VM_IO          0x00004000UL
#define VM_DONTCOPY    0x00020000UL
#define VM_DONTEXPAND  0x00040000UL
#define VM_ACCOUNT     0x00100000UL
#define VM_NORESERVE   0x00200000UL
#define VM_SPECIAL_MAPPING 0x20000000UL /* [vdso]/[sigpage]: pages owned by the kernel */

/* mmap(2) prot and flags (Linux's uapi values, both arches) */
#define PROT_NONE      0x0
#define PROT_READ      0x1
#define PROT_WRITE     0x2
#define PROT_EXEC      0x4
#define PROT_GROWSDOWN 0x01000000
#define MAP_SHARED     0x01
#define MAP_PRIVATE    0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE       0x0f
#define MAP_FIXED      0x10
#define MAP_ANONYMOUS  0x20
#define MAP_GROWSDOWN  0x0100
#define MAP_DENYWRITE  0x0800
#define MAP_EXECUTABLE 0x1000
#define MAP_LOCKED     0x2000
#define MAP_NORESERVE  0x4000
#define MAP_POPULATE   0x8000
#define MAP_NONBLOCK   0x10000
#define MAP_STACK      0x20000
#define MAP_FIXED_NOREPLACE 0x100000
#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED   2

/* mm->flags bits */
#define MMF_OOM_SKIP   21

/* rss counters */
enum { MM_FILEPAGES, MM_ANONPAGES, MM_SWAPENTS, MM_SHMEMPAGES, NR_MM_COUNTERS };

struct vm_area_struct;

struct vm_operations_struct {
	void (*open)(struct vm_area_struct *vma);
	void (*close)(struct vm_area_struct *vma);
	/* Fill one page of a file mapping: 0 and a referenced page in *page, or -errno. */
	int (*fault)(struct vm_area_struct *vma, unsigned long address, pgoff_t pgoff,
		     struct page **page);
	const char *(*name)(struct vm_area_struct *vma);   /* "[vdso]" in maps */
};

struct vm_area_struct {
	unsigned long vm_start, vm_end;         /* [vm_start, vm_end) */
	struct mm_struct *vm_mm;
	unsigned long vm_flags;
	pgprot_t vm_page_prot;                  /* PGPROT_* of its present pages */
	unsigned long vm_pgoff;                 /* in pages: file offset, or vm_start >> PAGE_SHIFT for anon */
	struct file *vm_file;                   /* referenced (get_file) while mapped */
	struct anon_vma *anon_vma;
	struct list_head anon_vma_chain;        /* on anon_vma's list (rmap) */
	const struct vm_operations_struct *vm_ops;
	void *vm_private_data;
	/* Tree linkage: private to components/mm/mm. */
	struct vm_area_struct *vm_left, *vm_right, *vm_parent;
	int vm_rb_height;
	struct list_head vm_list;               /* address order */
	/* Appended (owner C): on vm_file->f_mapping->i_mmap, the file rmap. */
	struct list_head shared_node;
};

struct mm_struct {
	struct pgtable *pgd;                    /* arch root, kernel half shared */
	atomic_t mm_users;
	atomic_t mm_count;
	struct mutex mmap_lock;
	struct vm_area_struct *mm_rb;           /* tree root (private) */
	struct list_head mmap_list;             /* VMAs in address order */
	int map_count;
	unsigned long flags;                    /* MMF_* */
	unsigned long task_size;
	unsigned long mmap_base;                /* top-down mmap starts below here */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long total_vm, stack_vm, hiwater_rss;
	atomic_long_t rss_stat[NR_MM_COUNTERS];
	unsigned long saved_auxv[46];           /* AT_* pairs exec wrote, for /proc/<pid>/auxv */
	struct list_head mmlist;                /* on the list of every live mm */
	void *context;                          /* arch: e.g. the [sigpage] address */
};

/* Fault flags, passed by the arch's page-fault handler. */
#define FAULT_FLAG_WRITE       0x01
#define FAULT_FLAG_USER        0x02     /* the access came from user mode */
#define FAULT_FLAG_INSTRUCTION 0x04
#define FAULT_FLAG_PRESENT     0x08     /* a protection fault on a present page */

/*
 * handle_page_fault()'s results for the arch: 0 handled (retry the access);
 * otherwise what to do for a user access (kernel uaccess: fix up instead).
 */
#define VM_FAULT_SIGSEGV_MAPERR 1       /* no mapping: SIGSEGV, SEGV_MAPERR */
#define VM_FAULT_SIGSEGV_ACCERR 2       /* mapping forbids it: SIGSEGV, SEGV_ACCERR */
#define VM_FAULT_SIGBUS         3       /* beyond a file's end: SIGBUS, BUS_ADRERR */
#define VM_FAULT_OOM            4       /* no memory: the OOM path (SIGKILL today) */

static inline long get_mm_counter(struct mm_struct *mm, int member)
{
	return atomic_long_read(&mm->rss_stat[member]);
}

static inline unsigned long get_mm_rss(struct mm_struct *mm)
{
	return get_mm_counter(mm, MM_FILEPAGES) + get_mm_counter(mm, MM_ANONPAGES) +
	       get_mm_counter(mm, MM_SHMEMPAGES);
}

#define for_each_vma(mm, vma) list_for_each_entry(vma, &(mm)->mmap_list, vm_list)

/* ---- appended by components/mm/mm (owner C) ---- */

/* access_remote_vm() gup_flags (Linux's values) */
#define FOLL_WRITE     0x01
#define FOLL_FORCE     0x10     /* accepted: writes a read-only private mapping as ptrace does */

/* madvise(2) advice values that are accepted (Linux's) */
#define MADV_NORMAL     0
#define MADV_RANDOM     1
#define MADV_SEQUENTIAL 2
#define MADV_WILLNEED   3
#define MADV_DONTNEED   4
#define MADV_FREE       8
#define MADV_REMOVE     9
#define MADV_DONTFORK   10
#define MADV_DOFORK     11
#define MADV_MERGEABLE  12
#define MADV_UNMERGEABLE 13
#define MADV_HUGEPAGE   14
#define MADV_NOHUGEPAGE 15
#define MADV_DONTDUMP   16
#define MADV_DODUMP     17
#define MADV_WIPEONFORK 18
#define MADV_KEEPONFORK 19
#define MADV_COLD       20
#define MADV_PAGEOUT    21

/*
 * Anonymous pages: page->mapping = (struct address_space *)((unsigned long)
 * anon_vma | PAGE_MAPPING_ANON). One anon_vma per family of VMAs that may
 * share pages (a VMA, the pieces split from it, and its copies in forked
 * children): its list holds every such VMA (vma->anon_vma_chain), and
 * rmap_walk() visits those whose range covers the page's index and whose
 * page table maps the page.
 */
#define PAGE_MAPPING_ANON 0x1UL

struct anon_vma {
	atomic_t refcount;              /* VMAs on the list + pages pointing here are not counted */
	struct list_head head;          /* vma->anon_vma_chain */
};

static inline bool PageAnon(const struct page *page)
{
	return ((unsigned long)page->mapping & PAGE_MAPPING_ANON) != 0;
}

static inline struct anon_vma *page_anon_vma(const struct page *page)
{
	if (!PageAnon(page))
		return NULL;
	return (struct anon_vma *)((unsigned long)page->mapping & ~PAGE_MAPPING_ANON);
}

/*
 * rmap_walk(): rmap_one() is called for each VMA that maps @page, with the
 * user address; returning false stops the walk. The caller holds no mmap
 * lock; the walk takes each mm's (trylock: a contended mm is skipped).
 */
struct rmap_walk_control {
	void *arg;
	bool (*rmap_one)(struct page *page, struct vm_area_struct *vma, unsigned long addr, void *arg);
};

/* _install_special_mapping(): a [vdso]/[sigpage]-style mapping of kernel pages. */
struct vm_special_mapping {
	const char *name;               /* "[sigpage]": what maps shows */
	struct page **pages;            /* NULL-terminated or len / PAGE_SIZE long */
};

/* The address a page of @vma at @pgoff (in the VMA's vm_pgoff units) lives at. */
static inline unsigned long vma_address_of(const struct vm_area_struct *vma, pgoff_t pgoff)
{
	return vma->vm_start + ((pgoff - vma->vm_pgoff) << 12 /* PAGE_SHIFT */);
}

/* A name for /proc/<pid>/maps: "[heap]", "[stack]", a special mapping's, or NULL. */
static inline const char *vma_special_name(struct vm_area_struct *vma)
{
	if (vma->vm_ops && vma->vm_ops->name)
		return vma->vm_ops->name(vma);
	if (vma->vm_mm && vma->vm_start <= vma->vm_mm->brk && vma->vm_end >= vma->vm_mm->start_brk &&
	    !vma->vm_file && vma->vm_mm->brk > vma->vm_mm->start_brk)
		return "[heap]";
	if (vma->vm_flags & VM_GROWSDOWN)
		return "[stack]";
	return NULL;
}

#endif
