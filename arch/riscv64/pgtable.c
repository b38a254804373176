/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Sv39 page tables: the `mmu` interface's map, unmap, protect and lookup
 * on any struct pgtable. Three levels of 512 entries; a leaf may sit at
 * level 2 (1 GiB gigapage), level 1 (2 MiB megapage) or level 0 (4 KiB).
 * Tables are reached through the direct map (phys_to_virt), so this code
 * works on any address space, not only the one satp points at: the
 * processes issue builds user spaces with the same functions.
 *
 * Page-table pages come from memblock while it owns memory and from the
 * page allocator once that has taken over (pt_alloc_page).
 */
#include <tessera/compiler.h>
#include <tessera/errno.h>
#include <tessera/page.h>
#include <tessera/pgtable.h>
#include <asm/memory.h>
#include <interfaces/lib.h>
#include <interfaces/memblock.h>
#include <interfaces/mmu.h>
#include <interfaces/page_alloc.h>
#include "csr.h"
#include "pgtable.h"

#define PTRS_PER_PT 512
#define PT_LEVELS   3

/* The page size a leaf at @level maps: 4 KiB, 2 MiB, 1 GiB. */
static unsigned long level_size(int level)
{
	return 1UL << (PAGE_SHIFT + 9 * level);
}

static unsigned int pt_index(unsigned long va, int level)
{
	return (va >> (PAGE_SHIFT + 9 * level)) & (PTRS_PER_PT - 1);
}

static phys_addr_t pte_pa(pte_t pte)
{
	return (pte >> PTE_PPN_SHIFT) << PAGE_SHIFT;
}

static pte_t *pte_table(pte_t pte)
{
	return phys_to_virt(pte_pa(pte));
}

static bool pte_leaf(pte_t pte)
{
	return pte & (PTE_R | PTE_W | PTE_X);
}

pte_t riscv64_pgprot_to_pte(pgprot_t prot)
{
	pte_t pte = PTE_V | PTE_A | PTE_D;

	/* W without R is reserved in Sv39: writable implies readable. */
	if (prot & (PGPROT_READ | PGPROT_WRITE))
		pte |= PTE_R;
	if (prot & PGPROT_WRITE)
		pte |= PTE_W;
	if (prot & PGPROT_EXEC)
		pte |= PTE_X;
	if (prot & PGPROT_USER)
		pte |= PTE_U;
	else
		pte |= PTE_G;
	/* Cacheability comes from the PMAs on QEMU virt (no Svpbmt); the
	 * software bit keeps the caller's word for pgtable_lookup(). */
	if (prot & PGPROT_DEVICE)
		pte |= PTE_SOFT_DEVICE;
	return pte;
}

static pgprot_t pte_to_pgprot(pte_t pte)
{
	pgprot_t prot = 0;

	if (pte & PTE_R)
		prot |= PGPROT_READ;
	if (pte & PTE_W)
		prot |= PGPROT_WRITE;
	if (pte & PTE_X)
		prot |= PGPROT_EXEC;
	if (pte & PTE_U)
		prot |= PGPROT_USER;
	if (pte & PTE_SOFT_DEVICE)
		prot |= PGPROT_DEVICE;
	return prot;
}

/*
 * A zeroed page for a table, as a physical address (0: out of memory).
 * Before the page allocator runs (it reports no RAM yet) memblock owns the
 * memory; its pages must be reachable, which memblock's current limit
 * guarantees (setup.c, mmu.c).
 */
static phys_addr_t pt_alloc_page(void)
{
	phys_addr_t pa;

	if (totalram_pages()) {
		unsigned long va = __get_free_pages(GFP_KERNEL, 0);

		if (!va)
			return 0;
		pa = virt_to_phys((void *)va);
	} else {
		pa = memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE);
		if (!pa)
			return 0;
	}
	memset(phys_to_virt(pa), 0, PAGE_SIZE);
	return pa;
}

static void flush_tlb_kernel(void)
{
	__asm__ __volatile__("sfence.vma" ::: "memory");
}

/*
 * Replace the large leaf *@ptep (at @level > 0) by a table of 512 leaves
 * one level down with the same protection, covering the same memory.
 */
static int pt_split(pte_t *ptep, int level)
{
	pte_t old = *ptep, *table;
	phys_addr_t tpa = pt_alloc_page();
	unsigned long step = level_size(level - 1) >> PAGE_SHIFT << PTE_PPN_SHIFT;

	if (!tpa)
		return -ENOMEM;
	table = phys_to_virt(tpa);
	for (unsigned int i = 0; i < PTRS_PER_PT; i++)
		table[i] = old + i * step;
	/* The CPU may walk the new table as soon as the entry points at it. */
	__asm__ __volatile__("fence w,w" ::: "memory");
	*ptep = (tpa >> PAGE_SHIFT) << PTE_PPN_SHIFT | PTE_V;
	return 0;
}

/*
 * The entry for @va at @level, creating missing tables on the way down
 * (@alloc) and splitting large leaves above @level (@split). NULL with
 * *@err set when that is impossible: -ENOMEM, -EEXIST (a large leaf in the
 * way and no @split), -ENOENT (nothing mapped and no @alloc).
 */
static pte_t *pt_walk(struct pgtable *pt, unsigned long va, int level,
		      bool alloc, bool split, int *err)
{
	pte_t *table = pt->pgd;

	for (int l = PT_LEVELS - 1; l > level; l--) {
		pte_t *ptep = &table[pt_index(va, l)];

		if (!(*ptep & PTE_V)) {
			phys_addr_t tpa;

			if (!alloc) {
				*err = -ENOENT;
				return NULL;
			}
			tpa = pt_alloc_page();
			if (!tpa) {
				*err = -ENOMEM;
				return NULL;
			}
			*ptep = (tpa >> PAGE_SHIFT) << PTE_PPN_SHIFT | PTE_V;
		} else if (pte_leaf(*ptep)) {
			if (!split) {
				*err = -EEXIST;
				return NULL;
			}
			*err = pt_split(ptep, l);
			if (*err)
				return NULL;
		}
		table = pte_table(*ptep);
	}
	return &table[pt_index(va, level)];
}

/* The leaf mapping @va and its level, or NULL. */
static pte_t *pt_find_leaf(struct pgtable *pt, unsigned long va, int *level)
{
	pte_t *table = pt->pgd;

	for (int l = PT_LEVELS - 1; l >= 0; l--) {
		pte_t *ptep = &table[pt_index(va, l)];

		if (!(*ptep & PTE_V))
			return NULL;
		if (pte_leaf(*ptep)) {
			*level = l;
			return ptep;
		}
		if (l == 0)
			return NULL;
		table = pte_table(*ptep);
	}
	return NULL;
}

static bool range_ok(unsigned long va, phys_addr_t pa, unsigned long size)
{
	return size && IS_ALIGNED(va | pa | size, PAGE_SIZE) && va + size - 1 >= va;
}

int riscv64_pgtable_map(struct pgtable *pt, unsigned long va, phys_addr_t pa,
			unsigned long size, pgprot_t prot)
{
	unsigned long start = va, start_size = size;
	pte_t bits;
	int err = 0;

	if (!range_ok(va, pa, size) || !(prot & (PGPROT_READ | PGPROT_WRITE | PGPROT_EXEC)))
		return -EINVAL;
	bits = riscv64_pgprot_to_pte(prot);
	while (size) {
		int level = PT_LEVELS - 1;
		pte_t *ptep;

		/* The largest page that va, pa and the rest of size allow. */
		while (level > 0 && (!IS_ALIGNED(va | pa, level_size(level)) ||
				     size < level_size(level)))
			level--;
		ptep = pt_walk(pt, va, level, true, false, &err);
		if (!ptep)
			break;
		if (*ptep & PTE_V) {
			err = -EEXIST;
			break;
		}
		*ptep = (pa >> PAGE_SHIFT) << PTE_PPN_SHIFT | bits;
		va += level_size(level);
		pa += level_size(level);
		size -= level_size(level);
	}
	flush_tlb_kernel();
	if (pt == pgtable_kernel())
		riscv64_sync_kernel_pgd(start, start_size);
	return err;
}

/*
 * Visit the leaves of [va, va + size), splitting those that stick out of
 * the range, and call @fn on each; holes are skipped (@holes_ok) or end
 * the walk with -ENOENT.
 */
static int pt_for_each_leaf(struct pgtable *pt, unsigned long va, unsigned long size,
			    bool holes_ok, void (*fn)(pte_t *ptep, pgprot_t arg),
			    pgprot_t arg)
{
	unsigned long start = va, start_size = size;
	int err = 0;

	if (!range_ok(va, 0, size))
		return -EINVAL;
	while (size) {
		int level;
		pte_t *ptep = pt_find_leaf(pt, va, &level);

		if (!ptep) {
			if (!holes_ok) {
				err = -ENOENT;
				break;
			}
			va += PAGE_SIZE;
			size -= PAGE_SIZE;
			continue;
		}
		/* A large page only partly in the range: split down to the
		 * level whose page fits, then look again. */
		if (level > 0 && (!IS_ALIGNED(va, level_size(level)) ||
				  size < level_size(level))) {
			ptep = pt_walk(pt, va, level - 1, false, true, &err);
			if (!ptep)
				break;
			continue;
		}
		fn(ptep, arg);
		va += level_size(level);
		size -= level_size(level);
	}
	flush_tlb_kernel();
	if (pt == pgtable_kernel())
		riscv64_sync_kernel_pgd(start, start_size);
	return err;
}

static void leaf_clear(pte_t *ptep, pgprot_t unused)
{
	(void)unused;
	*ptep = 0;
}

static void leaf_protect(pte_t *ptep, pgprot_t prot)
{
	pte_t bits = riscv64_pgprot_to_pte(prot);

	*ptep = (*ptep & ~PTE_FLAGS_MASK) | bits;
}

int riscv64_pgtable_unmap(struct pgtable *pt, unsigned long va, unsigned long size)
{
	return pt_for_each_leaf(pt, va, size, true, leaf_clear, 0);
}

int riscv64_pgtable_protect(struct pgtable *pt, unsigned long va, unsigned long size,
			    pgprot_t prot)
{
	if (!(prot & (PGPROT_READ | PGPROT_WRITE | PGPROT_EXEC)))
		return -EINVAL;
	return pt_for_each_leaf(pt, va, size, false, leaf_protect, prot);
}

int riscv64_pgtable_lookup(struct pgtable *pt, unsigned long va, phys_addr_t *pa,
			   pgprot_t *prot)
{
	int level;
	pte_t *ptep = pt_find_leaf(pt, va, &level);

	if (!ptep)
		return -ENOENT;
	if (pa)
		*pa = pte_pa(*ptep) + (va & (level_size(level) - 1));
	if (prot)
		*prot = pte_to_pgprot(*ptep);
	return 0;
}

int riscv64_pgtable_level(struct pgtable *pt, unsigned long va)
{
	int level;

	return pt_find_leaf(pt, va, &level) ? level : -ENOENT;
}
