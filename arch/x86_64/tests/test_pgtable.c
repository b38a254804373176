/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host test of the page-table walker (pgtable.c) over an array that plays
 * physical memory: fixed cases (large pages, splits, holes, errors), then
 * random map/unmap/protect sequences checked page by page against a model.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tessera/testing/check.h>

#include "pgtable.c"

#define MEM_PAGES  4096
#define PHYS_BASE  0x100000ULL
#define WIN_VA     0xffff888040000000UL      /* 2 MiB aligned */
#define WIN_PAGES  (8 * 512)                 /* 16 MiB: 8 large pages */

static unsigned char *mem;
static unsigned long next_page, budget, flushes;

static pteval_t *fake_table(phys_addr_t pa)
{
	if (pa < PHYS_BASE || pa >= PHYS_BASE + (phys_addr_t)next_page * PAGE_SIZE ||
	    pa % PAGE_SIZE) {
		fprintf(stderr, "table at bad physical address %#llx\n", (unsigned long long)pa);
		abort();
	}
	return (pteval_t *)(mem + (pa - PHYS_BASE));
}

static phys_addr_t fake_alloc(void)
{
	phys_addr_t pa;

	if (!budget || next_page == MEM_PAGES)
		return 0;
	budget--;
	pa = PHYS_BASE + (phys_addr_t)next_page++ * PAGE_SIZE;
	memset(fake_table(pa), 0, PAGE_SIZE);
	return pa;
}

static void fake_flush(unsigned long va)
{
	(void)va;
	flushes++;
}

static void reset(struct pgtable *pt, pteval_t nx)
{
	next_page = 0;
	budget = MEM_PAGES;
	pt->table = fake_table;
	pt->alloc_table = fake_alloc;
	pt->flush = fake_flush;
	pt->nx = nx;
	pt->root = fake_alloc();
}

static pteval_t pde_of(struct pgtable *pt, unsigned long va)
{
	int level;
	pteval_t *e = walk(pt, va, &level);

	return level == 2 ? *e : 0;
}

static void test_basic(void)
{
	struct pgtable pt;
	phys_addr_t pa;
	pgprot_t prot;
	unsigned long used;

	reset(&pt, _PAGE_NX);
	CHECK(x86_64_pt_lookup(&pt, WIN_VA, &pa, &prot) == -ENOENT);

	/* 4 KiB mapping, offset within the page kept. */
	CHECK(x86_64_pt_map(&pt, WIN_VA, 0x5000, PAGE_SIZE, PAGE_KERNEL) == 0);
	CHECK(x86_64_pt_lookup(&pt, WIN_VA + 0x123, &pa, &prot) == 0);
	CHECK(pa == 0x5123);
	CHECK(prot == (PGPROT_READ | PGPROT_WRITE));
	CHECK(x86_64_pt_lookup(&pt, WIN_VA + PAGE_SIZE, NULL, NULL) == -ENOENT);
	CHECK(x86_64_pt_map(&pt, WIN_VA, 0x9000, PAGE_SIZE, PAGE_KERNEL) == -EEXIST);

	/* Misaligned arguments. */
	CHECK(x86_64_pt_map(&pt, WIN_VA + 1, 0, PAGE_SIZE, PAGE_KERNEL) == -EINVAL);
	CHECK(x86_64_pt_map(&pt, WIN_VA, 0x10, PAGE_SIZE, PAGE_KERNEL) == -EINVAL);
	CHECK(x86_64_pt_map(&pt, WIN_VA, 0, 100, PAGE_KERNEL) == -EINVAL);
	CHECK(x86_64_pt_unmap(&pt, WIN_VA + 8, PAGE_SIZE) == -EINVAL);
	CHECK(x86_64_pt_map(&pt, 0xfffffffffffff000UL, 0, 2 * PAGE_SIZE, PAGE_KERNEL) == -EINVAL);

	/* A 2 MiB-aligned range uses one large leaf: no new table. */
	used = next_page;
	CHECK(x86_64_pt_map(&pt, WIN_VA + PMD_SIZE, 0x40000000, PMD_SIZE, PAGE_KERNEL_EXEC) == 0);
	CHECK(next_page == used);
	CHECK(pde_of(&pt, WIN_VA + PMD_SIZE) & _PAGE_PSE);
	CHECK(x86_64_pt_lookup(&pt, WIN_VA + PMD_SIZE + 0x12345, &pa, &prot) == 0);
	CHECK(pa == 0x40012345);
	CHECK(prot == (PGPROT_READ | PGPROT_EXEC));

	/* ... unless the caller asks for base pages. */
	CHECK(x86_64_pt_map(&pt, WIN_VA + 2 * PMD_SIZE, 0x40200000, PMD_SIZE,
			    PAGE_KERNEL | PGPROT_NOLARGE) == 0);
	CHECK(!(pde_of(&pt, WIN_VA + 2 * PMD_SIZE) & _PAGE_PSE));

	/* Protecting one page of the large leaf splits it; the rest keep theirs. */
	CHECK(x86_64_pt_protect(&pt, WIN_VA + PMD_SIZE + 5 * PAGE_SIZE, PAGE_SIZE,
				PAGE_KERNEL_RO) == 0);
	CHECK(!(pde_of(&pt, WIN_VA + PMD_SIZE) & _PAGE_PSE));
	CHECK(x86_64_pt_lookup(&pt, WIN_VA + PMD_SIZE + 5 * PAGE_SIZE, &pa, &prot) == 0);
	CHECK(pa == 0x40005000 && prot == PGPROT_READ);
	CHECK(x86_64_pt_lookup(&pt, WIN_VA + PMD_SIZE + 6 * PAGE_SIZE, &pa, &prot) == 0);
	CHECK(pa == 0x40006000 && prot == (PGPROT_READ | PGPROT_EXEC));
	CHECK(x86_64_pt_lookup(&pt, WIN_VA + 2 * PMD_SIZE - 1, &pa, NULL) == 0);
	CHECK(pa == 0x401fffff);

	/* Device and user bits round-trip. */
	CHECK(x86_64_pt_map(&pt, WIN_VA + 3 * PMD_SIZE, 0xfee00000, PAGE_SIZE,
			    PAGE_KERNEL_IO | PGPROT_USER) == 0);
	CHECK(x86_64_pt_lookup(&pt, WIN_VA + 3 * PMD_SIZE, NULL, &prot) == 0);
	CHECK(prot == (PAGE_KERNEL_IO | PGPROT_USER));
	/* A user page needs the user bit on every level above it. */
	{
		int level;
		phys_addr_t table = pt.root;
		unsigned long va = WIN_VA + 3 * PMD_SIZE;

		for (level = 4; level > 1; level--) {
			pteval_t e = fake_table(table)[pt_index(va, level)];

			CHECK(e & _PAGE_USER);
			table = e & PTE_PFN_MASK;
		}
	}

	/* Protect over a hole stops there with -ENOENT. */
	CHECK(x86_64_pt_protect(&pt, WIN_VA, 2 * PAGE_SIZE, PAGE_KERNEL_RO) == -ENOENT);
	CHECK(x86_64_pt_lookup(&pt, WIN_VA, NULL, &prot) == 0 && prot == PGPROT_READ);

	/* Unmapping the middle of a large leaf splits it; holes are skipped. */
	CHECK(x86_64_pt_map(&pt, WIN_VA + 4 * PMD_SIZE, 0x80000000, 2 * PMD_SIZE, PAGE_KERNEL) == 0);
	CHECK(x86_64_pt_unmap(&pt, WIN_VA + 4 * PMD_SIZE + PMD_SIZE / 2, PMD_SIZE) == 0);
	CHECK(x86_64_pt_lookup(&pt, WIN_VA + 4 * PMD_SIZE + PMD_SIZE / 2 - 1, NULL, NULL) == 0);
	CHECK(x86_64_pt_lookup(&pt, WIN_VA + 4 * PMD_SIZE + PMD_SIZE / 2, NULL, NULL) == -ENOENT);
	CHECK(x86_64_pt_lookup(&pt, WIN_VA + 5 * PMD_SIZE + PMD_SIZE / 2 - 1, NULL, NULL) == -ENOENT);
	CHECK(x86_64_pt_lookup(&pt, WIN_VA + 5 * PMD_SIZE + PMD_SIZE / 2, &pa, NULL) == 0);
	CHECK(pa == 0x80000000 + PMD_SIZE + PMD_SIZE / 2);
	CHECK(x86_64_pt_unmap(&pt, WIN_VA, 64 * PMD_SIZE) == 0);
	CHECK(x86_64_pt_lookup(&pt, WIN_VA + PMD_SIZE, NULL, NULL) == -ENOENT);

	/* A table emptied by unmaps takes a large page again. */
	CHECK(x86_64_pt_map(&pt, WIN_VA, 0x40000000, PMD_SIZE, PAGE_KERNEL) == 0);
	CHECK(pde_of(&pt, WIN_VA) & _PAGE_PSE);
	CHECK(flushes > 0);

	/* Without NX (EFER.NXE off) nothing is non-executable. */
	reset(&pt, 0);
	CHECK(x86_64_pt_map(&pt, WIN_VA, 0, PAGE_SIZE, PAGE_KERNEL) == 0);
	CHECK(x86_64_pt_lookup(&pt, WIN_VA, NULL, &prot) == 0);
	CHECK(prot == (PAGE_KERNEL | PGPROT_EXEC));
	CHECK(!(fake_table(next_page * PAGE_SIZE + PHYS_BASE - PAGE_SIZE)[0] & _PAGE_NX));

	/* Out of table pages: -ENOMEM, for a map and for a split. */
	reset(&pt, _PAGE_NX);
	budget = 1;
	CHECK(x86_64_pt_map(&pt, WIN_VA, 0, PAGE_SIZE, PAGE_KERNEL) == -ENOMEM);
	budget = 2;
	CHECK(x86_64_pt_map(&pt, WIN_VA, 0, PMD_SIZE, PAGE_KERNEL) == 0);
	budget = 0;
	CHECK(x86_64_pt_unmap(&pt, WIN_VA, PAGE_SIZE) == -ENOMEM);
	CHECK(x86_64_pt_lookup(&pt, WIN_VA, NULL, NULL) == 0);
}

/* The model: what each page of the window should map. */
struct model_page {
	bool mapped;
	phys_addr_t pa;
	pgprot_t prot;
};

static struct model_page model[WIN_PAGES];

static pgprot_t random_prot(void)
{
	static const pgprot_t bits[] = { PGPROT_WRITE, PGPROT_EXEC, PGPROT_USER, PGPROT_DEVICE };
	pgprot_t prot = PGPROT_READ;
	unsigned int i;

	for (i = 0; i < 4; i++)
		if (rng_below(2))
			prot |= bits[i];
	return prot;
}

static void random_range(unsigned int *first, unsigned int *n)
{
	switch (rng_below(3)) {
	case 0:         /* whole large pages */
		*first = rng_below(WIN_PAGES / 512) * 512;
		*n = 512 * (1 + rng_below(2));
		break;
	case 1:         /* a few pages anywhere */
		*first = rng_below(WIN_PAGES);
		*n = 1 + rng_below(8);
		break;
	default:        /* straddling large-page boundaries */
		*first = rng_below(WIN_PAGES);
		*n = 1 + rng_below(1200);
		break;
	}
	if (*first + *n > WIN_PAGES)
		*n = WIN_PAGES - *first;
}

static void check_window(struct pgtable *pt)
{
	unsigned int i;

	for (i = 0; i < WIN_PAGES; i++) {
		unsigned long off = rng_below(PAGE_SIZE);
		phys_addr_t pa = 0;
		pgprot_t prot = 0;
		int ret = x86_64_pt_lookup(pt, WIN_VA + i * PAGE_SIZE + off, &pa, &prot);

		if (!model[i].mapped) {
			if (!CHECKF(ret == -ENOENT, "page %u mapped, expected a hole", i))
				return;
			continue;
		}
		if (!CHECKF(ret == 0 && pa == model[i].pa + off && prot == model[i].prot,
			    "page %u: ret %d pa %#llx prot %#lx, expected pa %#llx prot %#lx",
			    i, ret, (unsigned long long)pa, prot,
			    (unsigned long long)(model[i].pa + off), model[i].prot))
			return;
	}
}

static void test_random(uint64_t seed, unsigned int ops)
{
	struct pgtable pt;
	unsigned int op, i;

	check_context("seed %llu", (unsigned long long)seed);
	rng_seed(seed);
	reset(&pt, _PAGE_NX);
	memset(model, 0, sizeof(model));

	for (op = 0; op < ops; op++) {
		unsigned int first, n, hole;
		unsigned long va;
		pgprot_t prot = random_prot();
		int ret;

		random_range(&first, &n);
		va = WIN_VA + first * PAGE_SIZE;
		for (hole = first; hole < first + n && !model[hole].mapped; hole++)
			;
		switch (rng_below(3)) {
		case 0: {
			/* Physical addresses congruent to va modulo 2 MiB half the time. */
			phys_addr_t pa = (phys_addr_t)rng_below(1 << 20) << PAGE_SHIFT;

			if (rng_below(2))
				pa = (pa & ~(phys_addr_t)(PMD_SIZE - 1)) | (va & (PMD_SIZE - 1));
			if (rng_below(4) == 0)
				prot |= PGPROT_NOLARGE;
			if (hole != first + n) {
				if (hole == first)      /* refused before changing anything */
					CHECK(x86_64_pt_map(&pt, va, pa, n * PAGE_SIZE, prot) == -EEXIST);
				break;
			}
			ret = x86_64_pt_map(&pt, va, pa, n * PAGE_SIZE, prot);
			CHECKF(ret == 0, "map %u+%u: %d", first, n, ret);
			for (i = 0; i < n; i++) {
				model[first + i].mapped = true;
				model[first + i].pa = pa + i * PAGE_SIZE;
				model[first + i].prot = prot & ~PGPROT_NOLARGE;
			}
			break;
		}
		case 1:
			ret = x86_64_pt_unmap(&pt, va, n * PAGE_SIZE);
			CHECKF(ret == 0, "unmap %u+%u: %d", first, n, ret);
			for (i = 0; i < n; i++)
				model[first + i].mapped = false;
			break;
		default: {
			unsigned int end;

			for (end = first; end < first + n && model[end].mapped; end++)
				model[end].prot = prot;
			ret = x86_64_pt_protect(&pt, va, n * PAGE_SIZE, prot);
			CHECKF(ret == (end == first + n ? 0 : -ENOENT),
			       "protect %u+%u: %d (first hole at %u)", first, n, ret, end);
			break;
		}
		}
		check_window(&pt);
		if (check_failures)
			return;
	}
}

static unsigned long freed_tables;

static void count_free(phys_addr_t pa)
{
	(void)fake_table(pa);   /* aborts on a bad address */
	freed_tables++;
}

/*
 * x86_64_pt_free_user(): every table page of the user half goes back,
 * the kernel half's stay and keep their mappings, large user leaves are
 * not taken for tables.
 */
static void test_free_user(void)
{
	struct pgtable pt;
	unsigned long before, allocated;

	reset(&pt, _PAGE_NX);
	/* A kernel-half mapping: PML4, PDPT, PD, PT pages minus the root. */
	CHECK(x86_64_pt_map(&pt, WIN_VA, 0x5000, PAGE_SIZE, PAGE_KERNEL) == 0);
	before = next_page;
	/* User pages in two PML4 slots, one large user leaf. */
	CHECK(x86_64_pt_map(&pt, 0x400000, 0x7000, PAGE_SIZE, PGPROT_READ | PGPROT_USER) == 0);
	CHECK(x86_64_pt_map(&pt, 0x401000, 0x8000, PAGE_SIZE, PGPROT_READ | PGPROT_USER) == 0);
	CHECK(x86_64_pt_map(&pt, 0x7ffffffff000UL - 0x1000, 0x9000, PAGE_SIZE,
			    PGPROT_READ | PGPROT_WRITE | PGPROT_USER) == 0);
	CHECK(x86_64_pt_map(&pt, 0x40000000, 0x200000, PMD_SIZE, PGPROT_READ | PGPROT_USER) == 0);
	allocated = next_page - before;
	/* slot 0: PDPT, PD+PT for 4 MiB, a PD for the 1 GiB leaf; slot 255: PDPT+PD+PT */
	CHECK(allocated == 4 + 3);
	freed_tables = 0;
	CHECK(x86_64_pt_free_user(&pt, 256, count_free) == allocated);
	CHECK(freed_tables == allocated);
	CHECK(x86_64_pt_lookup(&pt, 0x400000, NULL, NULL) == -ENOENT);
	CHECK(x86_64_pt_lookup(&pt, 0x40000000, NULL, NULL) == -ENOENT);
	CHECK(x86_64_pt_lookup(&pt, WIN_VA, NULL, NULL) == 0);
	/* Nothing left to free. */
	CHECK(x86_64_pt_free_user(&pt, 256, count_free) == 0);
}

int main(void)
{
	uint64_t seed;

	mem = aligned_alloc(PAGE_SIZE, (size_t)MEM_PAGES * PAGE_SIZE);
	if (!mem)
		return 1;
	test_basic();
	test_free_user();
	for (seed = 1; seed <= 20 && !check_failures; seed++)
		test_random(seed, 150);
	free(mem);
	return check_summary("pgtable");
}
