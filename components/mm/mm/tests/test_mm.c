// SPDX-License-Identifier: Apache-2.0
/*
 * Host test of the mm core (vma_tree.c, mmap.c, memory.c) over a fake page
 * allocator (a mem_map of NPAGES struct pages over a malloc'd arena; freed
 * pages are poisoned, a free with a mapping or a map count is a failure)
 * and a fake page table (a sorted array of va -> pa, prot). Checks every
 * mm_users/mm_count transition of spec section 1, the VMA tree against a
 * page-by-page model under random mmap/munmap/mprotect/mremap/brk,
 * demand-zero, COW after dup_mm (refcounts, map counts, both sides
 * read-only), stack growth, file and shared anonymous mappings, the rmap,
 * access_remote_vm, special mappings, RSS counters, and that every page
 * comes back when the last mm goes.
 *
 * Built natively with ASan/UBSan: cc -I include -I <component> test_mm.c
 */
#define TESSERA_HOST_TEST 1
#define MM_HOST_TEST 1
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tessera/testing/check.h>
/* fs.h's kernel types, renamed away from libc's */
#define loff_t tessera_loff_t
#define dev_t tessera_dev_t
#include <tessera/fs.h>

#include "../vma_tree.c"
#include "../pte_index.c"
#include "../mmap.c"
#include "../memory.c"

/* ---- fake page allocator ---- */

#define NPAGES    2048UL
#define BASE_PFN  0x1000UL
static struct page mem_map[NPAGES];
static unsigned char *arena;
static unsigned long nr_free, nr_alloc_fail_after = ~0UL;
struct pglist_data contig_page_data;

static void pages_init(void)
{
	unsigned long i;

	arena = aligned_alloc(PAGE_SIZE, NPAGES * PAGE_SIZE);
	memset(arena, 0x5a, NPAGES * PAGE_SIZE);
	contig_page_data.node_mem_map = mem_map;
	contig_page_data.node_start_pfn = BASE_PFN;
	contig_page_data.node_spanned_pages = NPAGES;
	for (i = 0; i < NPAGES; i++) {
		set_page_count(&mem_map[i], 0);
		page_mapcount_reset(&mem_map[i]);
	}
	nr_free = NPAGES;
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	static unsigned long next;
	unsigned long i;

	CHECK(order == 0);
	if (nr_alloc_fail_after == 0)
		return NULL;
	nr_alloc_fail_after--;
	for (i = 0; i < NPAGES; i++) {
		struct page *p = &mem_map[(next + i) % NPAGES];

		if (page_ref_count(p) == 0) {
			next = (next + i + 1) % NPAGES;
			set_page_count(p, 1);
			nr_free--;
			memset(mm_page_va(p), (gfp & __GFP_ZERO) ? 0 : 0xa5, PAGE_SIZE);
			return p;
		}
	}
	return NULL;
}

void put_page(struct page *page)
{
	CHECKF(page_ref_count(page) > 0, "put_page of a free page %p", (void *)page);
	if (put_page_testzero(page)) {
		CHECKF(page->mapping == NULL, "freed page %ld with a mapping", (long)(page - mem_map));
		CHECKF(page_mapcount(page) == 0, "freed page %ld with mapcount %d",
		       (long)(page - mem_map), page_mapcount(page));
		memset(mm_page_va(page), 0x6b, PAGE_SIZE);
		nr_free++;
	}
}

static unsigned long rlim[16] = { [0 ... 15] = ~0UL };

unsigned long mm_rlimit(int resource)
{
	return resource == MM_RLIMIT_STACK && rlim[resource] == ~0UL ? 8UL << 20 : rlim[resource];
}

unsigned long totalram_pages(void)
{
	return NPAGES;
}

void *mm_page_va(struct page *page)
{
	return arena + (page - mem_map) * PAGE_SIZE;
}

void *kzalloc(size_t size)
{
	return calloc(1, size);
}

void kfree(const void *p)
{
	free((void *)p);
}

/* ---- fake page table ---- */

struct pte {
	unsigned long va;
	phys_addr_t pa;
	pgprot_t prot;
};

struct pgtable {
	struct pte *e;
	unsigned long n, cap;
};

static long live_pgtables;

struct pgtable *pgtable_create(void)
{
	live_pgtables++;
	return calloc(1, sizeof(struct pgtable));
}

void pgtable_destroy(struct pgtable *pt)
{
	CHECKF(pt->n == 0, "pgtable destroyed with %lu user PTEs", pt->n);
	live_pgtables--;
	free(pt->e);
	free(pt);
}

static long pte_find(struct pgtable *pt, unsigned long va, unsigned long *pos)
{
	unsigned long lo = 0, hi = pt->n;

	while (lo < hi) {
		unsigned long mid = (lo + hi) / 2;

		if (pt->e[mid].va < va)
			lo = mid + 1;
		else
			hi = mid;
	}
	*pos = lo;
	return lo < pt->n && pt->e[lo].va == va ? (long)lo : -1;
}

int pgtable_map(struct pgtable *pt, unsigned long va, phys_addr_t pa, unsigned long size,
		pgprot_t prot)
{
	unsigned long pos, i;

	CHECK(!(va & ~PAGE_MASK) && !(pa & ~PAGE_MASK) && size && !(size & ~PAGE_MASK));
	CHECK(va < MM_TASK_SIZE);
	for (i = 0; i < size; i += PAGE_SIZE)
		if (pte_find(pt, va + i, &pos) >= 0)
			return -EEXIST;
	for (i = 0; i < size; i += PAGE_SIZE) {
		pte_find(pt, va + i, &pos);
		if (pt->n == pt->cap) {
			pt->cap = pt->cap ? pt->cap * 2 : 64;
			pt->e = realloc(pt->e, pt->cap * sizeof(*pt->e));
		}
		memmove(&pt->e[pos + 1], &pt->e[pos], (pt->n - pos) * sizeof(*pt->e));
		pt->e[pos] = (struct pte){ va + i, pa + i, prot & ~PGPROT_NOLARGE };
		pt->n++;
	}
	return 0;
}

int pgtable_unmap(struct pgtable *pt, unsigned long va, unsigned long size)
{
	unsigned long i, pos;
	long at;

	for (i = 0; i < size; i += PAGE_SIZE) {
		at = pte_find(pt, va + i, &pos);
		if (at < 0)
			continue;
		memmove(&pt->e[at], &pt->e[at + 1], (pt->n - at - 1) * sizeof(*pt->e));
		pt->n--;
	}
	return 0;
}

int pgtable_protect(struct pgtable *pt, unsigned long va, unsigned long size, pgprot_t prot)
{
	unsigned long i, pos;
	long at;

	for (i = 0; i < size; i += PAGE_SIZE) {
		at = pte_find(pt, va + i, &pos);
		if (at < 0)
			return -ENOENT;
		pt->e[at].prot = prot;
	}
	return 0;
}

static unsigned long nr_lookups;

int pgtable_lookup(struct pgtable *pt, unsigned long va, phys_addr_t *pa, pgprot_t *prot)
{
	unsigned long pos;

	nr_lookups++;
	long at = pte_find(pt, va & PAGE_MASK, &pos);

	if (at < 0)
		return -ENOENT;
	*pa = pt->e[at].pa + (va & ~PAGE_MASK);
	*prot = pt->e[at].prot;
	return 0;
}

/* ---- current, files ---- */

static struct mm_struct *cur_mm;

struct mm_struct *mm_current_mm(void)
{
	return cur_mm;
}

void mm_get_file(struct file *file)
{
	atomic_long_inc(&file->f_count);
}

void mm_fput(struct file *file)
{
	atomic_long_dec(&file->f_count);
}

/* ---- helpers ---- */

/* Simulate a user access: fault until the PTE allows it, then touch the byte. */
static int touch(struct mm_struct *mm, unsigned long addr, bool write, unsigned char val,
		 unsigned char *out)
{
	phys_addr_t pa;
	pgprot_t prot;
	int tries, ret;

	for (tries = 0; tries < 3; tries++) {
		if (!pgtable_lookup(mm->pgd, addr, &pa, &prot) && (prot & PGPROT_USER) &&
		    (!write || (prot & PGPROT_WRITE))) {
			unsigned char *kva = arena + (pa - PFN_PHYS(BASE_PFN));

			CHECK(pa >= PFN_PHYS(BASE_PFN) && pa < PFN_PHYS(BASE_PFN + NPAGES));
			if (write)
				*kva = val;
			else if (out)
				*out = *kva;
			return 0;
		}
		ret = handle_mm_fault(mm, addr, (write ? FAULT_FLAG_WRITE : 0) | FAULT_FLAG_USER);
		if (ret)
			return ret;
	}
	CHECKF(0, "fault at %#lx handled but the access still faults", addr);
	return -1;
}

static unsigned char peek(struct mm_struct *mm, unsigned long addr)
{
	unsigned char v = 0;

	CHECK(touch(mm, addr, false, 0, &v) == 0);
	return v;
}

#include "mm_probe.h"

static unsigned long mmap_anon(struct mm_struct *mm, unsigned long addr, unsigned long len,
			       unsigned long prot, unsigned long flags)
{
	return do_mmap(mm, NULL, addr, len, prot, flags | MAP_ANONYMOUS, 0);
}

#define RW (PROT_READ | PROT_WRITE)

/* ---- spec section 1: every transition ---- */

static void test_refcounts(void)
{
	unsigned long free0 = nr_free, a;
	struct mm_struct *mm = mm_alloc();
	long pts = live_pgtables;

	check_context("refcounts");
	if (!CHECK(mm))
		return;
	CHECK(atomic_read(&mm->mm_users) == 1 && atomic_read(&mm->mm_count) == 1);
	CHECK(on_mmlist(mm) && mm->map_count == 0 && !find_vma(mm, 0));
	a = mmap_anon(mm, 0, 8 * PAGE_SIZE, RW, MAP_PRIVATE);
	CHECK(!IS_ERR_VALUE(a));
	for (unsigned long i = 0; i < 8; i++)
		CHECK(touch(mm, a + i * PAGE_SIZE, true, (unsigned char)i, NULL) == 0);
	CHECK(nr_free == free0 - 8);
	CHECK(get_mm_counter(mm, MM_ANONPAGES) == 8);

	mmget(mm);                                              /* users 1 -> 2 */
	CHECK(atomic_read(&mm->mm_users) == 2);
	CHECK(mmget_not_zero(mm));                              /* 2 -> 3 */
	CHECK(atomic_read(&mm->mm_users) == 3 && atomic_read(&mm->mm_count) == 1);
	mmgrab(mm);                                             /* count 1 -> 2 */
	CHECK(atomic_read(&mm->mm_count) == 2);
	mmput(mm);
	mmput(mm);                                              /* users 3 -> 1 */
	CHECK(atomic_read(&mm->mm_users) == 1 && mm->map_count == 1 && nr_free == free0 - 8);
	CHECK(!(mm->flags & (1UL << MMF_OOM_SKIP)));
	mmput(mm);                                              /* users 1 -> 0: __mmput */
	CHECK(atomic_read(&mm->mm_users) == 0);
	CHECK(nr_free == free0);                                /* exit_mmap freed the pages */
	CHECK(mm->flags & (1UL << MMF_OOM_SKIP));
	CHECK(!on_mmlist(mm) && mm->map_count == 0 && mm->mm_rb == NULL);
	CHECK(list_empty(&mm->mmap_list) && !find_vma(mm, 0));
	CHECK(get_mm_rss(mm) == 0);
	CHECK(atomic_read(&mm->mm_count) == 1);                 /* the grab holds the struct */
	CHECK(live_pgtables == pts);                            /* root still there */
	CHECK(!mmget_not_zero(mm));                             /* 0 stays 0 */
	CHECK(atomic_read(&mm->mm_users) == 0);
	mmap_read_lock(mm);                                     /* a walker finds nothing */
	CHECK(find_vma(mm, 0) == NULL);
	mmap_read_unlock(mm);
	mmdrop(mm);                                             /* count 1 -> 0: __mmdrop */
	CHECK(live_pgtables == pts - 1);

	/* mmdrop before mmput: the struct outlives neither count. */
	mm = mm_alloc();
	mmgrab(mm);
	mmdrop(mm);
	CHECK(atomic_read(&mm->mm_count) == 1 && atomic_read(&mm->mm_users) == 1);
	mmput(mm);                                              /* users' share dropped: freed */
	CHECK(live_pgtables == pts - 1);
	CHECK(nr_free == free0);
}

/* ---- the VMA tree against a model, random operations ---- */

#define WIN_PAGES 256UL
#define WIN_BASE  0x40000000UL
static signed char model[WIN_PAGES];    /* -1 unmapped, else prot */

static void check_model(struct mm_struct *mm)
{
	unsigned long i;
	int err = vma_tree_check(mm);

	CHECKF(err == 0, "vma tree broken: %d", err);
	CHECKF(mm_index_count(mm) == mm->pgd->n, "pte index counts %lu, page table holds %lu",
	       mm_index_count(mm), mm->pgd->n);
	CHECKF(get_mm_rss(mm) == mm->pgd->n + mm_parked_count(mm),
	       "rss %lu, page table %lu + parked %lu", get_mm_rss(mm), mm->pgd->n,
	       mm_parked_count(mm));
	/* PROT_NONE ranges hold no PTE at all; accessible ones no parked page. */
	{
		struct vm_area_struct *v;
		unsigned long a;

		for_each_vma(mm, v)
			for (a = v->vm_start; a < v->vm_end; a += PAGE_SIZE) {
				pgprot_t pr;
				bool none = !(v->vm_flags & 7);

				mm_pte_page(mm, a, &pr);
				if (none)
					CHECKF(!pr, "PTE in a PROT_NONE VMA at %#lx", a);
				else
					CHECKF(!mm_parked_page(mm, a), "parked page in an accessible VMA at %#lx", a);
			}
	}
	for (i = 0; i < WIN_PAGES; i++) {
		unsigned long a = WIN_BASE + i * PAGE_SIZE;
		struct vm_area_struct *v = find_vma(mm, a);
		bool mapped = v && v->vm_start <= a;

		if (!CHECKF(mapped == (model[i] >= 0), "page %lu mapped %d model %d", i, mapped,
			    model[i]))
			return;
		if (mapped)
			CHECKF((v->vm_flags & 7) == (unsigned long)model[i],
			       "page %lu flags %lx model %d", i, v->vm_flags, model[i]);
	}
	/* No two neighbours that could have merged; total_vm adds up. */
	{
		struct vm_area_struct *v, *p = NULL;
		unsigned long total = 0;

		for_each_vma(mm, v) {
			if (p)
				CHECKF(!can_merge(p, v), "unmerged neighbours at %#lx", v->vm_start);
			p = v;
			total += vma_pages(v);
		}
		CHECKF(total == mm->total_vm, "total_vm %lu, VMAs %lu", mm->total_vm, total);
	}
}

static unsigned char model_val[WIN_PAGES];   /* what a read of the page gives */

static void test_random_vmas(unsigned long seed)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long free0 = nr_free, step, fails0 = check_failures;

	check_context("random vmas seed %lu", seed);
	rng_seed(seed);
	memset(model, -1, sizeof(model));
	memset(model_val, 0, sizeof(model_val));
	for (step = 0; step < 3000; step++) {
		unsigned long s = rng_below(WIN_PAGES), n = 1 + rng_below(16), i, r;
		unsigned long prot = rng_below(8) & 7, op = rng_below(12);
		unsigned long a = WIN_BASE + s * PAGE_SIZE;

		if (s + n > WIN_PAGES)
			n = WIN_PAGES - s;
		if (op < 4) {
			r = mmap_anon(mm, a, n * PAGE_SIZE, prot, MAP_PRIVATE | MAP_FIXED);
			CHECK(r == a);
			for (i = 0; i < n; i++) {
				model[s + i] = (signed char)prot;
				model_val[s + i] = 0;
			}
		} else if (op < 6) {
			CHECK(do_munmap(mm, a, n * PAGE_SIZE) == 0);
			for (i = 0; i < n; i++)
				model[s + i] = -1;
		} else if (op < 8) {
			bool whole = true;

			for (i = 0; i < n; i++)
				whole &= model[s + i] >= 0;
			r = do_mprotect(mm, a, n * PAGE_SIZE, prot);
			CHECKF(r == (whole ? 0 : (unsigned long)-ENOMEM), "mprotect %ld", (long)r);
			if (whole)
				for (i = 0; i < n; i++)
					model[s + i] = (signed char)prot;
		} else if (op < 9) {
			/* mremap(MAYMOVE|FIXED) of [s, s+n) to [d, d+n) */
			unsigned long d = rng_below(WIN_PAGES - n + 1), expect;
			struct vm_area_struct *v = find_vma(mm, a);
			signed char mp[16];
			unsigned char mv[16];

			if (!v || v->vm_start > a)
				expect = -EFAULT;
			else if (d < s + n && s < d + n)
				expect = -EINVAL;
			else if (a + n * PAGE_SIZE > v->vm_end)
				expect = -EFAULT;
			else
				expect = WIN_BASE + d * PAGE_SIZE;
			r = do_mremap(mm, a, n * PAGE_SIZE, n * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED,
				      WIN_BASE + d * PAGE_SIZE);
			CHECKF(r == expect, "mremap %lu+%lu -> %lu: %ld, expected %ld", s, n, d,
			       (long)r, (long)expect);
			if (r == expect && !IS_ERR_VALUE(expect)) {
				for (i = 0; i < n; i++) {
					mp[i] = model[s + i];
					mv[i] = model_val[s + i];
					model[s + i] = -1;
				}
				for (i = 0; i < n; i++) {
					model[d + i] = mp[i];
					model_val[d + i] = mv[i];
				}
			}
		} else {
			/* touch a page: a fault agrees with the model, data survives */
			unsigned char val = (unsigned char)(step | 1), got = 0;
			bool write = prot & 1;
			int ret = touch(mm, a, write, val, &got);

			if (model[s] < 0)
				CHECK(ret == VM_FAULT_SIGSEGV_MAPERR);
			else if (write ? !(model[s] & PROT_WRITE) : !(model[s] & 7))
				CHECK(ret == VM_FAULT_SIGSEGV_ACCERR);
			else if (CHECK(ret == 0) && write)
				model_val[s] = val;
			else if (ret == 0)
				CHECKF(got == model_val[s], "page %lu reads %#x, wrote %#x", s, got,
				       model_val[s]);
		}
		check_model(mm);
		if (check_failures > fails0)
			break;
	}
	mmput(mm);
	CHECK(nr_free == free0);
}

/* ---- faults and COW ---- */

static void test_faults_cow(void)
{
	unsigned long free0 = nr_free, a, ro;
	struct mm_struct *mm = mm_alloc(), *child;
	struct page *p, *pc;
	unsigned char v = 1;

	check_context("faults/cow");
	a = mmap_anon(mm, 0, 4 * PAGE_SIZE, RW, MAP_PRIVATE);
	ro = mmap_anon(mm, 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE);
	CHECK(a >= MM_MIN_ADDR && a + 4 * PAGE_SIZE <= mm->mmap_base);
	/* demand zero */
	CHECK(touch(mm, a, false, 0, &v) == 0 && v == 0);
	CHECK(get_mm_counter(mm, MM_ANONPAGES) == 1);
	CHECK(touch(mm, a, true, 0x42, NULL) == 0 && peek(mm, a) == 0x42);
	CHECK(touch(mm, ro, true, 1, NULL) == VM_FAULT_SIGSEGV_ACCERR);
	CHECK(touch(mm, ro, false, 0, &v) == 0 && v == 0);
	CHECK(handle_mm_fault(mm, ro, FAULT_FLAG_INSTRUCTION) == VM_FAULT_SIGSEGV_ACCERR);
	CHECK(touch(mm, a + 4 * PAGE_SIZE + 123 * PAGE_SIZE, false, 0, NULL) == VM_FAULT_SIGSEGV_MAPERR);
	CHECK(handle_mm_fault(mm, 0, 0) == VM_FAULT_SIGSEGV_MAPERR);
	p = page_at(mm, a);
	CHECK(PageAnon(p) && page_anon_vma(p) == find_vma(mm, a)->anon_vma);
	CHECK(p->index == a >> PAGE_SHIFT);
	CHECK(page_ref_count(p) == 1 && page_mapcount(p) == 1);

	/* fork: both sides read-only, counts raised */
	child = dup_mm(mm);
	if (!CHECK(child))
		return;
	CHECK(vma_tree_check(child) == 0 && child->map_count == mm->map_count);
	CHECK(page_at(child, a) == p);
	CHECK(page_ref_count(p) == 2 && page_mapcount(p) == 2);
	CHECK(!(prot_at(mm, a) & PGPROT_WRITE) && !(prot_at(child, a) & PGPROT_WRITE));
	CHECK(get_mm_counter(child, MM_ANONPAGES) == 2);
	CHECK(peek(child, a) == 0x42);
	/* child writes: gets its own copy */
	CHECK(touch(child, a, true, 0x99, NULL) == 0);
	pc = page_at(child, a);
	CHECK(pc != p && peek(child, a) == 0x99 && peek(mm, a) == 0x42);
	CHECK(page_ref_count(p) == 1 && page_mapcount(p) == 1);
	CHECK(page_ref_count(pc) == 1 && page_mapcount(pc) == 1);
	CHECK(pc->index == p->index && page_anon_vma(pc) == page_anon_vma(p));
	/* parent writes: sole owner again, reuses its page */
	CHECK(touch(mm, a, true, 0x43, NULL) == 0);
	CHECK(page_at(mm, a) == p && (prot_at(mm, a) & PGPROT_WRITE));
	/* an untouched page stays unmapped in both */
	CHECK(page_at(child, a + PAGE_SIZE) == NULL);
	mmput(child);
	CHECK(page_ref_count(p) == 1);
	mmput(mm);
	CHECK(nr_free == free0);
}

/* Parent exits first: the child's pages stay until it does. */
static void test_cow_parent_exit(void)
{
	unsigned long free0 = nr_free, a, i;
	struct mm_struct *mm = mm_alloc(), *child;

	check_context("cow parent exit");
	a = mmap_anon(mm, 0, 16 * PAGE_SIZE, RW, MAP_PRIVATE);
	for (i = 0; i < 16; i++)
		touch(mm, a + i * PAGE_SIZE, true, (unsigned char)(i + 1), NULL);
	child = dup_mm(mm);
	mmput(mm);
	CHECK(nr_free == free0 - 16);
	for (i = 0; i < 16; i++) {
		struct page *p = page_at(child, a + i * PAGE_SIZE);

		CHECK(peek(child, a + i * PAGE_SIZE) == i + 1);
		CHECK(page_ref_count(p) == 1 && page_mapcount(p) == 1);
		/* the only mapping: the write reuses it */
		CHECK(touch(child, a + i * PAGE_SIZE, true, 7, NULL) == 0);
		CHECK(page_at(child, a + i * PAGE_SIZE) == p);
	}
	CHECK(nr_free == free0 - 16);
	mmput(child);
	CHECK(nr_free == free0);
}

/* ---- rmap ---- */

struct rmap_seen {
	int n;
	struct mm_struct *mm[4];
	unsigned long addr[4];
};

static bool rmap_one(struct page *page, struct vm_area_struct *vma, unsigned long addr, void *arg)
{
	struct rmap_seen *s = arg;

	(void)page;
	if (s->n < 4) {
		s->mm[s->n] = vma->vm_mm;
		s->addr[s->n] = addr;
	}
	s->n++;
	return true;
}

static struct rmap_seen walk(struct page *p)
{
	struct rmap_seen s = { 0 };
	struct rmap_walk_control rwc = { .arg = &s, .rmap_one = rmap_one };

	rmap_walk(p, &rwc);
	return s;
}

static void test_rmap(void)
{
	unsigned long free0 = nr_free, a, b;
	struct mm_struct *mm = mm_alloc(), *child;
	struct rmap_seen s;
	struct page *p;

	check_context("rmap");
	a = mmap_anon(mm, 0, 8 * PAGE_SIZE, RW, MAP_PRIVATE);
	touch(mm, a + 3 * PAGE_SIZE, true, 1, NULL);
	p = page_at(mm, a + 3 * PAGE_SIZE);
	s = walk(p);
	CHECK(s.n == 1 && s.mm[0] == mm && s.addr[0] == a + 3 * PAGE_SIZE);
	child = dup_mm(mm);
	s = walk(p);
	CHECK(s.n == 2 && s.addr[0] == a + 3 * PAGE_SIZE && s.addr[1] == a + 3 * PAGE_SIZE);
	CHECK((s.mm[0] == mm && s.mm[1] == child) || (s.mm[0] == child && s.mm[1] == mm));
	/* split the VMA: the page is still found, in the right piece */
	CHECK(do_mprotect(mm, a + 2 * PAGE_SIZE, PAGE_SIZE, PROT_READ) == 0);
	CHECK(mm->map_count == 3);
	s = walk(p);
	CHECK(s.n == 2);
	/* child writes: the parent's page is only the parent's */
	touch(child, a + 3 * PAGE_SIZE, true, 2, NULL);
	s = walk(p);
	CHECK(s.n == 1 && s.mm[0] == mm);
	s = walk(page_at(child, a + 3 * PAGE_SIZE));
	CHECK(s.n == 1 && s.mm[0] == child);
	/* mremap moves it: the rmap follows */
	CHECK(do_mremap(mm, a, 8 * PAGE_SIZE, 8 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED,
			0x50000000UL) == (unsigned long)-EFAULT);   /* spans three VMAs */
	b = do_mremap(mm, a + 3 * PAGE_SIZE, 5 * PAGE_SIZE, 5 * PAGE_SIZE,
		      MREMAP_MAYMOVE | MREMAP_FIXED, 0x50000000UL);
	CHECK(b == 0x50000000UL);
	CHECK(vma_tree_check(mm) == 0);
	CHECK(page_at(mm, b) == p && page_at(mm, a + 3 * PAGE_SIZE) == NULL);
	CHECK(peek(mm, b) == 1);
	s = walk(p);
	CHECK(s.n == 1 && s.mm[0] == mm && s.addr[0] == b);
	mmput(child);
	mmput(mm);
	CHECK(nr_free == free0);
}

/* ---- stack growth ---- */

static void test_stack(void)
{
	unsigned long free0 = nr_free, top = 0x7ff000000000UL, s;
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *v;

	check_context("stack");
	s = mmap_anon(mm, top - 4 * PAGE_SIZE, 4 * PAGE_SIZE, RW, MAP_PRIVATE | MAP_FIXED | MAP_GROWSDOWN);
	CHECK(s == top - 4 * PAGE_SIZE);
	CHECK(touch(mm, top - 8, true, 1, NULL) == 0);
	CHECK(touch(mm, s - 100, true, 2, NULL) == 0);           /* one page below */
	v = find_vma(mm, s - 100);
	CHECK(v && v->vm_start == s - PAGE_SIZE && v->vm_end == top);
	CHECK(touch(mm, s - 64 * PAGE_SIZE, true, 3, NULL) == 0); /* further down */
	CHECK(v->vm_start == s - 64 * PAGE_SIZE && vma_tree_check(mm) == 0);
	CHECK(peek(mm, s - 100) == 2 && peek(mm, top - 8) == 1);
	/* beyond the 8 MiB limit: refused */
	CHECK(touch(mm, top - (9UL << 20), true, 1, NULL) == VM_FAULT_SIGSEGV_MAPERR);
	/* a mapping right below keeps its guard gap */
	CHECK(mmap_anon(mm, v->vm_start - MM_STACK_GUARD_GAP - PAGE_SIZE, PAGE_SIZE, RW,
			MAP_PRIVATE | MAP_FIXED) == v->vm_start - MM_STACK_GUARD_GAP - PAGE_SIZE);
	CHECK(touch(mm, v->vm_start - PAGE_SIZE, true, 1, NULL) == VM_FAULT_SIGSEGV_MAPERR);
	CHECK(mm->stack_vm == 64 + 4);
	mmput(mm);
	CHECK(nr_free == free0);
}

/* ---- brk, mremap, madvise ---- */

static void test_brk_mremap(void)
{
	unsigned long free0 = nr_free, b0 = 0x600000UL, r, a, i;
	struct mm_struct *mm = mm_alloc();

	check_context("brk/mremap");
	mm->start_brk = mm->brk = b0;
	CHECK(do_brk(mm, 0) == b0);                           /* query */
	CHECK(do_brk(mm, b0 + 100) == b0 + 100);
	CHECK(touch(mm, b0 + 99, true, 9, NULL) == 0);
	CHECK(touch(mm, b0 + PAGE_SIZE, true, 9, NULL) == VM_FAULT_SIGSEGV_MAPERR);
	CHECK(do_brk(mm, b0 + 5 * PAGE_SIZE) == b0 + 5 * PAGE_SIZE);
	CHECK(mm->map_count == 1);                            /* grown in one VMA */
	CHECK(touch(mm, b0 + 4 * PAGE_SIZE, true, 8, NULL) == 0 && peek(mm, b0 + 99) == 9);
	CHECK(do_brk(mm, b0 + PAGE_SIZE) == b0 + PAGE_SIZE);
	CHECK(find_vma(mm, b0)->vm_end == b0 + PAGE_SIZE);
	CHECK(get_mm_counter(mm, MM_ANONPAGES) == 1);
	CHECK(do_brk(mm, b0 - PAGE_SIZE) == b0 + PAGE_SIZE);  /* below start: unchanged */
	/* into another mapping: refused */
	CHECK(mmap_anon(mm, b0 + 8 * PAGE_SIZE, PAGE_SIZE, RW, MAP_PRIVATE | MAP_FIXED) ==
	      b0 + 8 * PAGE_SIZE);
	CHECK(do_brk(mm, b0 + 10 * PAGE_SIZE) == b0 + PAGE_SIZE);

	/* mremap: grow in place, shrink, move */
	a = mmap_anon(mm, 0x70000000UL, 4 * PAGE_SIZE, RW, MAP_PRIVATE | MAP_FIXED);
	for (i = 0; i < 4; i++)
		touch(mm, a + i * PAGE_SIZE, true, (unsigned char)(0x30 + i), NULL);
	r = do_mremap(mm, a, 4 * PAGE_SIZE, 8 * PAGE_SIZE, 0, 0);
	CHECK(r == a && find_vma(mm, a)->vm_end == a + 8 * PAGE_SIZE);
	CHECK(touch(mm, a + 7 * PAGE_SIZE, true, 1, NULL) == 0);
	r = do_mremap(mm, a, 8 * PAGE_SIZE, 2 * PAGE_SIZE, 0, 0);
	CHECK(r == a && find_vma(mm, a)->vm_end == a + 2 * PAGE_SIZE);
	CHECK(get_mm_counter(mm, MM_ANONPAGES) == 3);
	/* blocked above: without MAYMOVE -ENOMEM, with it a move that keeps the data */
	CHECK(mmap_anon(mm, a + 2 * PAGE_SIZE, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_FIXED) ==
	      a + 2 * PAGE_SIZE);
	CHECK(do_mremap(mm, a, 2 * PAGE_SIZE, 4 * PAGE_SIZE, 0, 0) == (unsigned long)-ENOMEM);
	r = do_mremap(mm, a, 2 * PAGE_SIZE, 4 * PAGE_SIZE, MREMAP_MAYMOVE, 0);
	CHECK(!IS_ERR_VALUE(r) && r != a);
	CHECK(peek(mm, r) == 0x30 && peek(mm, r + PAGE_SIZE) == 0x31 && peek(mm, r + 3 * PAGE_SIZE) == 0);
	CHECK(touch(mm, a, false, 0, NULL) == VM_FAULT_SIGSEGV_MAPERR);
	CHECK(do_mremap(mm, r + 1, PAGE_SIZE, PAGE_SIZE, 0, 0) == (unsigned long)-EINVAL);
	CHECK(do_mremap(mm, 0x10000000UL, PAGE_SIZE, PAGE_SIZE, 0, 0) == (unsigned long)-EFAULT);
	CHECK(do_mremap(mm, r, PAGE_SIZE, PAGE_SIZE, MREMAP_FIXED, 0x1000000) == (unsigned long)-EINVAL);
	CHECK(vma_tree_check(mm) == 0);

	/* madvise(DONTNEED): private pages read back as zero */
	CHECK(do_madvise(mm, r, PAGE_SIZE, MADV_DONTNEED) == 0);
	CHECK(peek(mm, r) == 0 && peek(mm, r + PAGE_SIZE) == 0x31);
	CHECK(do_madvise(mm, r, PAGE_SIZE, 1234) == -EINVAL);
	CHECK(do_madvise(mm, r + 1, PAGE_SIZE, MADV_NORMAL) == -EINVAL);
	CHECK(do_madvise(mm, 0x20000000UL, PAGE_SIZE, MADV_NORMAL) == -ENOMEM);
	/* MADV_DONTFORK: the child does not get that part; DOFORK merges it back */
	{
		struct mm_struct *child;
		int before = mm->map_count;

		CHECK(do_madvise(mm, r + PAGE_SIZE, PAGE_SIZE, MADV_DONTFORK) == 0);
		CHECK(mm->map_count == before + 2);
		child = dup_mm(mm);
		CHECK(child && child->map_count == mm->map_count - 1);
		CHECK(peek(child, r) == 0);
		CHECK(touch(child, r + PAGE_SIZE, false, 0, NULL) == VM_FAULT_SIGSEGV_MAPERR);
		CHECK(page_ref_count(page_at(mm, r + PAGE_SIZE)) == 1);
		mmput(child);
		CHECK(do_madvise(mm, r, 4 * PAGE_SIZE, MADV_DOFORK) == 0);
		CHECK(mm->map_count == before);
		CHECK(do_madvise(mm, r, 64 * PAGE_SIZE, MADV_DOFORK) == -ENOMEM);
	}

	/* argument checks */
	CHECK(mmap_anon(mm, 0, 0, RW, MAP_PRIVATE) == (unsigned long)-EINVAL);
	CHECK(mmap_anon(mm, 0, PAGE_SIZE, RW, 0) == (unsigned long)-EINVAL);
	CHECK(mmap_anon(mm, 0x1001, PAGE_SIZE, RW, MAP_PRIVATE | MAP_FIXED) == (unsigned long)-EINVAL);
	CHECK(mmap_anon(mm, 0, -PAGE_SIZE, RW, MAP_PRIVATE) == (unsigned long)-ENOMEM);
	/* overcommit: one private writable mapping larger than RAM is refused */
	CHECK(mmap_anon(mm, 0, (NPAGES + 1) * PAGE_SIZE, RW, MAP_PRIVATE) == (unsigned long)-ENOMEM);
	CHECK(!IS_ERR_VALUE(mmap_anon(mm, 0, (NPAGES + 1) * PAGE_SIZE, PROT_READ, MAP_PRIVATE)));
	CHECK(!IS_ERR_VALUE(mmap_anon(mm, 0, (NPAGES + 1) * PAGE_SIZE, RW,
				      MAP_PRIVATE | MAP_NORESERVE)));
	CHECK(do_brk(mm, mm->brk + (NPAGES + 1) * PAGE_SIZE) == mm->brk);
	/* RLIMIT_AS: the address space as a whole; RLIMIT_DATA: the heap */
	{
		unsigned long tv = mm->total_vm, b = mm->brk;

		rlim[MM_RLIMIT_AS] = (tv + 4) << PAGE_SHIFT;
		CHECK(!IS_ERR_VALUE(mmap_anon(mm, 0, 4 * PAGE_SIZE, RW, MAP_PRIVATE)));
		CHECK(mmap_anon(mm, 0, PAGE_SIZE, RW, MAP_PRIVATE) == (unsigned long)-ENOMEM);
		CHECK(do_munmap(mm, find_vma(mm, r)->vm_start, PAGE_SIZE) == 0);
		CHECK(!IS_ERR_VALUE(mmap_anon(mm, 0, PAGE_SIZE, RW, MAP_PRIVATE)));
		rlim[MM_RLIMIT_AS] = ~0UL;
		rlim[MM_RLIMIT_DATA] = b - mm->start_brk;
		CHECK(do_brk(mm, b + 1) == b);
		rlim[MM_RLIMIT_DATA] = ~0UL;
	}
	CHECK(mmap_anon(mm, r, PAGE_SIZE, RW, MAP_PRIVATE | MAP_FIXED_NOREPLACE) == (unsigned long)-EEXIST);
	CHECK(mmap_anon(mm, 0, PAGE_SIZE, RW, MAP_SHARED_VALIDATE | 0x80000) == (unsigned long)-EOPNOTSUPP);
	CHECK(!IS_ERR_VALUE(mmap_anon(mm, 0, PAGE_SIZE, RW | 0x8, MAP_PRIVATE)));  /* PROT_SEM: ignored */
	CHECK(do_madvise(mm, r, -1UL, MADV_NORMAL) == -EINVAL);
	CHECK(do_munmap(mm, r + 1, PAGE_SIZE) == -EINVAL);
	CHECK(do_munmap(mm, r, 0) == -EINVAL);
	CHECK(do_mprotect(mm, r + 1, PAGE_SIZE, PROT_READ) == -EINVAL);
	CHECK(do_mprotect(mm, r, PAGE_SIZE, 0x80) == -EINVAL);
	mmput(mm);
	CHECK(nr_free == free0);
}

/* ---- file and shared mappings ---- */

static struct page *file_pages[4];
static int file_faults;

static int ffault(struct vm_area_struct *vma, unsigned long address, pgoff_t pgoff,
		  struct page **page)
{
	(void)vma;
	(void)address;
	file_faults++;
	if (pgoff >= 4)
		return -EFAULT;           /* beyond EOF */
	get_page(file_pages[pgoff]);
	*page = file_pages[pgoff];
	return 0;
}

static const struct vm_operations_struct fops_vm = { .fault = ffault };
static struct address_space fmapping;

static int fmmap(struct file *file, struct vm_area_struct *vma)
{
	(void)file;
	vma->vm_ops = &fops_vm;
	return 0;
}

static const struct file_operations test_fops = { .mmap = fmmap };

static void test_file_shared(void)
{
	unsigned long free0 = nr_free, f, s, i;
	struct mm_struct *mm = mm_alloc(), *child;
	struct file file = { 0 };
	struct rmap_seen seen;

	check_context("file/shared");
	INIT_LIST_HEAD(&fmapping.i_mmap);
	for (i = 0; i < 4; i++) {
		file_pages[i] = alloc_pages(0, 0);
		memset(mm_page_va(file_pages[i]), (int)(0xf0 + i), PAGE_SIZE);
		file_pages[i]->mapping = &fmapping;
		file_pages[i]->index = i;
	}
	atomic_long_set(&file.f_count, 1);
	file.f_op = &test_fops;
	file.f_mode = FMODE_READ;
	file.f_mapping = &fmapping;
	CHECK(do_mmap(mm, &file, 0, PAGE_SIZE, RW, MAP_SHARED, 0) == (unsigned long)-EACCES);
	f = do_mmap(mm, &file, 0, 5 * PAGE_SIZE, RW, MAP_PRIVATE, 1);
	CHECK(!IS_ERR_VALUE(f) && atomic_long_read(&file.f_count) == 2);
	CHECK(peek(mm, f) == 0xf1 && peek(mm, f + 2 * PAGE_SIZE) == 0xf3);
	CHECK(page_at(mm, f) == file_pages[1] && page_mapcount(file_pages[1]) == 1);
	CHECK(!(prot_at(mm, f) & PGPROT_WRITE));
	CHECK(get_mm_counter(mm, MM_FILEPAGES) == 2);
	seen = walk(file_pages[1]);
	CHECK(seen.n == 1 && seen.addr[0] == f);
	/* private write: a copy, the file page untouched */
	CHECK(touch(mm, f, true, 0x01, NULL) == 0);
	CHECK(page_at(mm, f) != file_pages[1] && PageAnon(page_at(mm, f)));
	CHECK(peek(mm, f) == 0x01 && peek(mm, f + 1) == 0xf1);
	CHECK(*(unsigned char *)mm_page_va(file_pages[1]) == 0xf1);
	CHECK(page_mapcount(file_pages[1]) == 0 && page_ref_count(file_pages[1]) == 1);
	CHECK(get_mm_counter(mm, MM_FILEPAGES) == 1 && get_mm_counter(mm, MM_ANONPAGES) == 1);
	/* beyond the file's end: SIGBUS */
	CHECK(touch(mm, f + 4 * PAGE_SIZE, false, 0, NULL) == VM_FAULT_SIGBUS);

	/* shared anonymous: a child's write is the parent's */
	s = mmap_anon(mm, 0, 2 * PAGE_SIZE, RW, MAP_SHARED);
	CHECK(touch(mm, s, true, 0x77, NULL) == 0);
	child = dup_mm(mm);
	CHECK(atomic_long_read(&file.f_count) == 3);
	CHECK(peek(child, s) == 0x77);
	CHECK(touch(child, s + PAGE_SIZE, true, 0x55, NULL) == 0);
	CHECK(touch(child, s, true, 0x66, NULL) == 0);
	CHECK(peek(mm, s) == 0x66 && peek(mm, s + PAGE_SIZE) == 0x55);
	CHECK(get_mm_counter(mm, MM_SHMEMPAGES) == 2);
	/* access_remote_vm: read and write another mm's memory */
	{
		char buf[32];

		CHECK(access_remote_vm(child, s, buf, 1, 0) == 1 && buf[0] == 0x66);
		memset(buf, 'x', sizeof(buf));
		CHECK(access_remote_vm(child, f + PAGE_SIZE - 8, buf, 16, FOLL_WRITE) == 16);
		CHECK(peek(child, f + PAGE_SIZE) == 'x' && peek(mm, f + PAGE_SIZE) == 0xf2);
		CHECK(access_remote_vm(child, 0x1000, buf, 8, 0) == 0);
	}
	mmput(child);
	CHECK(atomic_long_read(&file.f_count) == 2);
	mmput(mm);
	CHECK(atomic_long_read(&file.f_count) == 1);
	CHECK(list_empty(&fmapping.i_mmap));
	for (i = 0; i < 4; i++) {
		CHECK(page_ref_count(file_pages[i]) == 1 && page_mapcount(file_pages[i]) == 0);
		file_pages[i]->mapping = NULL;
		put_page(file_pages[i]);
	}
	CHECK(nr_free == free0);
	(void)file_faults;
}

/* ---- special mappings, out of memory ---- */

static void test_special_oom(void)
{
	unsigned long free0 = nr_free, a;
	struct mm_struct *mm = mm_alloc(), *child;
	struct page *sp = alloc_pages(__GFP_ZERO, 0);
	struct page *pages[2] = { sp, NULL };
	static const char name[] = "[sigpage]";
	struct vm_special_mapping spec = { .name = name, .pages = pages };
	struct vm_area_struct *v;
	int ret;

	check_context("special/oom");
	v = _install_special_mapping(mm, 0x7f0000000000UL, PAGE_SIZE, VM_READ | VM_EXEC, &spec);
	CHECK(!IS_ERR(v) && vma_special_name(v) == name);
	CHECK(page_ref_count(sp) == 2 && page_mapcount(sp) == 1);
	CHECK(get_mm_rss(mm) == 0);
	CHECK(install_special_mapping(mm, 0x7f0000001000UL, PAGE_SIZE, VM_READ, pages) == 0);
	CHECK(install_special_mapping(mm, 0x7f0000001000UL, PAGE_SIZE, VM_READ, pages) == -EEXIST);
	CHECK(touch(mm, 0x7f0000000000UL, true, 1, NULL) == VM_FAULT_SIGSEGV_ACCERR);
	CHECK(do_mremap(mm, 0x7f0000000000UL, PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE, 0) ==
	      (unsigned long)-EFAULT);
	child = dup_mm(mm);
	CHECK(page_ref_count(sp) == 5 && page_mapcount(sp) == 4);
	mmput(child);
	CHECK(page_ref_count(sp) == 3);

	/* out of memory: the fault says so, nothing leaks */
	a = mmap_anon(mm, 0, 4 * PAGE_SIZE, RW, MAP_PRIVATE);
	nr_alloc_fail_after = 0;
	ret = touch(mm, a, true, 1, NULL);
	CHECK(ret == VM_FAULT_OOM);
	nr_alloc_fail_after = ~0UL;
	CHECK(touch(mm, a, true, 1, NULL) == 0);
	mmput(mm);
	CHECK(page_ref_count(sp) == 1 && page_mapcount(sp) == 0);
	put_page(sp);
	CHECK(nr_free == free0);
}

/* ---- many mms, many forks: every page comes back ---- */

static void test_fork_storm(unsigned long seed)
{
	unsigned long free0 = nr_free, a, i, j, fails0 = check_failures;
	struct mm_struct *mms[8];
	int n = 1;

	check_context("fork storm seed %lu", seed);
	rng_seed(seed);
	mms[0] = mm_alloc();
	a = mmap_anon(mms[0], 0x40000000UL, 32 * PAGE_SIZE, RW, MAP_PRIVATE | MAP_FIXED);
	for (i = 0; i < 400; i++) {
		unsigned long k = rng_below(n), op = rng_below(4);

		if (op == 0 && n < 8) {
			mms[n++] = dup_mm(mms[k]);
		} else if (op == 1 && n > 1) {
			mmput(mms[k]);
			mms[k] = mms[--n];
		} else {
			unsigned long pg = rng_below(32);
			unsigned char v = (unsigned char)rng_below(256), got = 0;

			CHECK(touch(mms[k], a + pg * PAGE_SIZE, true, v, NULL) == 0);
			CHECK(touch(mms[k], a + pg * PAGE_SIZE, false, 0, &got) == 0 && got == v);
		}
		for (j = 0; j < (unsigned long)n; j++)
			CHECK(mm_index_count(mms[j]) == mms[j]->pgd->n);
		/* map count of each page = how many mms map it */
		for (j = 0; j < 32; j++) {
			struct page *seen[8];
			int ns = 0, m, x;

			for (m = 0; m < n; m++) {
				struct page *p = page_at(mms[m], a + j * PAGE_SIZE);

				if (p)
					seen[ns++] = p;
			}
			for (x = 0; x < ns; x++) {
				int cnt = 0;

				for (m = 0; m < ns; m++)
					cnt += seen[m] == seen[x];
				CHECKF(page_mapcount(seen[x]) == cnt && page_ref_count(seen[x]) == cnt,
				       "page map %d ref %d, mapped %d times", page_mapcount(seen[x]),
				       page_ref_count(seen[x]), cnt);
				CHECK(walk(seen[x]).n == cnt);
			}
		}
		if (check_failures > fails0)
			break;
	}
	while (n)
		mmput(mms[--n]);
	CHECK(nr_free == free0);
	CHECK(mm_nr_mms == 0 && list_empty(&mm_list_head));
}

/* PROT_NONE parks the pages: no PTE, no access, data and counts kept. */
static void test_prot_none_parks(void)
{
	unsigned long free0 = nr_free, a, b = 0x50000000UL, i;
	struct mm_struct *mm = mm_alloc(), *child;
	struct page *p0;
	char buf[4];

	check_context("prot none");
	a = mmap_anon(mm, 0, 4 * PAGE_SIZE, RW, MAP_PRIVATE);
	for (i = 0; i < 4; i++)
		CHECK(touch(mm, a + i * PAGE_SIZE, true, (unsigned char)(i + 1), NULL) == 0);
	p0 = page_at(mm, a);
	CHECK(do_mprotect(mm, a, 4 * PAGE_SIZE, PROT_NONE) == 0);
	CHECK(mm->pgd->n == 0 && mm_parked_count(mm) == 4 && get_mm_rss(mm) == 4);
	CHECK(page_mapcount(p0) == 1 && page_ref_count(p0) == 1);
	CHECK(touch(mm, a, false, 0, NULL) == VM_FAULT_SIGSEGV_ACCERR);
	CHECK(access_remote_vm(mm, a, buf, 1, 0) == 0);
	child = dup_mm(mm);
	CHECK(child && mm_parked_count(child) == 4 && child->pgd->n == 0);
	CHECK(page_mapcount(p0) == 2 && page_ref_count(p0) == 2);
	CHECK(do_mremap(mm, a, 4 * PAGE_SIZE, 4 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, b) == b);
	CHECK(mm_parked_page(mm, b) == p0 && !mm_parked_page(mm, a));
	CHECK(do_mprotect(mm, b, 4 * PAGE_SIZE, PROT_READ) == 0);
	CHECK(mm_parked_count(mm) == 0 && page_at(mm, b) == p0);
	CHECK(peek(mm, b) == 1 && peek(mm, b + 3 * PAGE_SIZE) == 4);
	CHECK(do_mprotect(child, a, 2 * PAGE_SIZE, RW) == 0);
	CHECK(!(prot_at(child, a) & PGPROT_WRITE));            /* shared: COW on write */
	CHECK(touch(child, a, true, 9, NULL) == 0 && peek(child, a) == 9 && peek(mm, b) == 1);
	CHECK(mm_parked_count(child) == 2);
	mmput(child);
	CHECK(do_munmap(mm, b, PAGE_SIZE) == 0 && get_mm_rss(mm) == 3);
	mmput(mm);
	CHECK(nr_free == free0);
}

/* A huge sparse mapping costs its present pages, not its size. */
static void test_huge_sparse(void)
{
	unsigned long free0 = nr_free, a, len = 1UL << 40, look;
	struct mm_struct *mm = mm_alloc(), *child;

	check_context("huge sparse");
	a = mmap_anon(mm, 0, len, RW, MAP_PRIVATE | MAP_NORESERVE);
	CHECK(!IS_ERR_VALUE(a));
	CHECK(touch(mm, a, true, 1, NULL) == 0);
	CHECK(touch(mm, a + len / 2 + 12345, true, 2, NULL) == 0);
	CHECK(touch(mm, a + len - 1, true, 3, NULL) == 0);
	look = nr_lookups;
	CHECK(do_mprotect(mm, a, len, PROT_READ) == 0);
	child = dup_mm(mm);
	CHECK(child && peek(child, a + len - 1) == 3);
	CHECK(do_madvise(mm, a, len, MADV_DONTNEED) == 0);
	CHECK(peek(mm, a + len / 2 + 12345) == 0 && peek(child, a + len / 2 + 12345) == 2);
	CHECK(do_mprotect(child, a, len, RW) == 0);
	CHECK(!IS_ERR_VALUE(do_mremap(child, a, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, a - len)));
	CHECK(peek(child, a - 1) == 3 && touch(child, a, false, 0, NULL) == VM_FAULT_SIGSEGV_MAPERR);
	mmput(child);
	CHECK(do_munmap(mm, a, len) == 0);
	CHECKF(nr_lookups - look < 200000, "%lu page-table lookups for 3 pages", nr_lookups - look);
	mmput(mm);
	CHECK(nr_free == free0);
}

int main(void)
{
	unsigned long seed;

	pages_init();
	test_refcounts();
	test_faults_cow();
	test_cow_parent_exit();
	test_rmap();
	test_stack();
	test_brk_mremap();
	test_file_shared();
	test_special_oom();
	test_huge_sparse();
	test_prot_none_parks();
	for (seed = 1; seed <= 6; seed++)
		test_random_vmas(seed);
	for (seed = 1; seed <= 6; seed++)
		test_fork_storm(seed);
	CHECK(live_pgtables == 0);
	free(arena);
	return check_summary("mm");
}
