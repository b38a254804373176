/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The x86-64 page-table walker: map, unmap, change protection and look up
 * over the four levels (PML4, PDPT, PD, PT), with 2 MiB leaves in the PD
 * where the caller's range allows them and splitting of a large leaf when
 * an operation covers only part of it.
 *
 * Tables are reached only through struct pgtable's callbacks, and nothing
 * else here touches the CPU but pt->flush, so tests/test_pgtable.c runs
 * this file on the host over an array that plays physical memory.
 *
 * Levels are numbered as the SDM's: 4 = PML4 ... 1 = PT. A level-L entry
 * covers level_size(L) bytes (512 GiB, 1 GiB, 2 MiB, 4 KiB).
 */
#include <tessera/compiler.h>
#include <tessera/errno.h>
#include <tessera/page.h>

#include "pgtable.h"

/* The bits of a leaf this code sets from a pgprot_t. */
#define LEAF_PROT_BITS (_PAGE_RW | _PAGE_USER | _PAGE_PWT | _PAGE_PCD | _PAGE_NX)

static inline unsigned long level_size(int level)
{
	return 1UL << (PAGE_SHIFT + 9 * (level - 1));
}

static inline unsigned int pt_index(unsigned long va, int level)
{
	return (va >> (PAGE_SHIFT + 9 * (level - 1))) & (PT_ENTRIES - 1);
}

/* A large leaf's address bits start at its size (bit 12 is PAT there). */
static inline phys_addr_t leaf_addr(pteval_t e, int level)
{
	return e & PTE_PFN_MASK & ~(phys_addr_t)(level_size(level) - 1);
}

static inline bool is_leaf(pteval_t e, int level)
{
	return level == 1 || (e & _PAGE_PSE);
}

static pteval_t prot_to_pte(const struct pgtable *pt, pgprot_t prot)
{
	pteval_t e = _PAGE_PRESENT | _PAGE_ACCESSED;

	/* Set D on writable pages so the CPU never writes the entry itself. */
	if (prot & PGPROT_WRITE)
		e |= _PAGE_RW | _PAGE_DIRTY;
	if (prot & PGPROT_USER)
		e |= _PAGE_USER;
	if (prot & PGPROT_DEVICE)
		e |= _PAGE_PCD | _PAGE_PWT;
	if (!(prot & PGPROT_EXEC))
		e |= pt->nx;
	return e;
}

static pgprot_t pte_to_prot(const struct pgtable *pt, pteval_t e)
{
	pgprot_t prot = PGPROT_READ;

	if (e & _PAGE_RW)
		prot |= PGPROT_WRITE;
	if (e & _PAGE_USER)
		prot |= PGPROT_USER;
	if (e & _PAGE_PCD)
		prot |= PGPROT_DEVICE;
	if (!pt->nx || !(e & _PAGE_NX))
		prot |= PGPROT_EXEC;
	return prot;
}

/*
 * The entry that maps @va: the leaf, or the first non-present entry, with
 * its level in *level. Never NULL: the PML4 entry is always there to read.
 */
static pteval_t *walk(struct pgtable *pt, unsigned long va, int *level)
{
	phys_addr_t table = pt->root;
	int l;

	for (l = PT_LEVELS; ; l--) {
		pteval_t *e = pt->table(table) + pt_index(va, l);

		if (!(*e & _PAGE_PRESENT) || is_leaf(*e, l)) {
			*level = l;
			return e;
		}
		table = *e & PTE_PFN_MASK;
	}
}

/*
 * Replace the large leaf *@e (level @level, covering @va) by a table of
 * 512 entries one level down that map the same memory the same way.
 */
static int split_leaf(struct pgtable *pt, pteval_t *e, int level, unsigned long va)
{
	phys_addr_t table = pt->alloc_table(), base = leaf_addr(*e, level);
	unsigned long child_size = level_size(level - 1);
	pteval_t flags = *e & (0xfffULL | _PAGE_NX), *child;
	unsigned int i;

	if (!table)
		return -ENOMEM;
	if (level - 1 == 1)
		flags &= ~_PAGE_PSE;    /* bit 7 of a PTE is PAT */
	child = pt->table(table);
	for (i = 0; i < PT_ENTRIES; i++)
		child[i] = (base + i * child_size) | flags;
	*e = table | TABLE_FLAGS | (flags & _PAGE_USER);
	/* One invlpg drops a large translation whichever address it names. */
	if (pt->flush)
		pt->flush(va);
	return 0;
}

/*
 * The level-@level entry for @va, creating the tables above it. A large
 * leaf on the way means the address is mapped already: -EEXIST.
 */
static pteval_t *walk_alloc(struct pgtable *pt, unsigned long va, int level,
			    pteval_t table_extra, int *err)
{
	phys_addr_t table = pt->root;
	int l;

	for (l = PT_LEVELS; l > level; l--) {
		pteval_t *e = pt->table(table) + pt_index(va, l);

		if (!(*e & _PAGE_PRESENT)) {
			phys_addr_t new = pt->alloc_table();

			if (!new) {
				*err = -ENOMEM;
				return NULL;
			}
			*e = new | TABLE_FLAGS;
		} else if (*e & _PAGE_PSE) {
			*err = -EEXIST;
			return NULL;
		}
		*e |= table_extra;
		table = *e & PTE_PFN_MASK;
	}
	return pt->table(table) + pt_index(va, level);
}

/* Whether every entry of the table *@e points to is empty. */
static bool table_empty(struct pgtable *pt, pteval_t e)
{
	const pteval_t *t = pt->table(e & PTE_PFN_MASK);
	unsigned int i;

	for (i = 0; i < PT_ENTRIES; i++)
		if (t[i] & _PAGE_PRESENT)
			return false;
	return true;
}

static bool args_ok(unsigned long va, unsigned long size)
{
	/* The range may end at the very top of the address space, not wrap. */
	return IS_ALIGNED(va, PAGE_SIZE) && IS_ALIGNED(size, PAGE_SIZE) &&
	       (!size || va + size - 1 >= va);
}

int x86_64_pt_map(struct pgtable *pt, unsigned long va, phys_addr_t pa,
		  unsigned long size, pgprot_t prot)
{
	pteval_t leaf = prot_to_pte(pt, prot);
	pteval_t table_extra = leaf & _PAGE_USER;
	int err = 0;

	if (!args_ok(va, size) || !IS_ALIGNED(pa, PAGE_SIZE) ||
	    (size && pa + size - 1 > PTE_PFN_MASK))
		return -EINVAL;
	while (size) {
		unsigned long step = PAGE_SIZE;
		pteval_t *e = NULL;

		if (!(prot & PGPROT_NOLARGE) && IS_ALIGNED(va | pa, PMD_SIZE) &&
		    size >= PMD_SIZE) {
			e = walk_alloc(pt, va, 2, table_extra, &err);
			if (!e)
				return err;
			/* A table left empty by unmaps does not stop a large page. */
			if (!(*e & _PAGE_PRESENT) ||
			    (!(*e & _PAGE_PSE) && table_empty(pt, *e))) {
				/* The emptied table is leaked: it may still be cached. */
				if (*e & _PAGE_PRESENT && pt->flush)
					pt->flush(va);
				*e = pa | leaf | _PAGE_PSE;
				step = PMD_SIZE;
			} else {
				e = NULL;
			}
		}
		if (step == PAGE_SIZE) {
			e = walk_alloc(pt, va, 1, table_extra, &err);
			if (!e)
				return err;
			if (*e & _PAGE_PRESENT)
				return -EEXIST;
			*e = pa | leaf;
		}
		va += step;
		pa += step;
		size -= step;
	}
	return 0;
}

/*
 * Apply @fn's change to every leaf in the range, splitting the large ones
 * the range covers in part. @hole_err: what a hole gives (0 to skip it).
 */
static int for_each_leaf(struct pgtable *pt, unsigned long va, unsigned long size,
			 int hole_err, void (*fn)(struct pgtable *pt, pteval_t *e, int level,
						  pgprot_t prot),
			 pgprot_t prot)
{
	if (!args_ok(va, size))
		return -EINVAL;
	while (size) {
		int level, err;
		pteval_t *e = walk(pt, va, &level);
		unsigned long lsize = level_size(level);
		unsigned long step = lsize - (va & (lsize - 1));

		if (!(*e & _PAGE_PRESENT)) {
			if (hole_err)
				return hole_err;
		} else if (step != lsize || size < lsize) {
			/* A large leaf only partly in the range. */
			err = split_leaf(pt, e, level, va);
			if (err)
				return err;
			continue;
		} else {
			fn(pt, e, level, prot);
			if (pt->flush)
				pt->flush(va);
		}
		if (step >= size)
			break;
		va += step;
		size -= step;
	}
	return 0;
}

static void clear_leaf(struct pgtable *pt, pteval_t *e, int level, pgprot_t prot)
{
	(void)pt;
	(void)level;
	(void)prot;
	*e = 0;
}

static void protect_leaf(struct pgtable *pt, pteval_t *e, int level, pgprot_t prot)
{
	const pteval_t bits = LEAF_PROT_BITS | _PAGE_DIRTY;

	(void)level;
	*e = (*e & ~bits) | (prot_to_pte(pt, prot) & bits);
}

int x86_64_pt_unmap(struct pgtable *pt, unsigned long va, unsigned long size)
{
	return for_each_leaf(pt, va, size, 0, clear_leaf, 0);
}

int x86_64_pt_protect(struct pgtable *pt, unsigned long va, unsigned long size,
		      pgprot_t prot)
{
	return for_each_leaf(pt, va, size, -ENOENT, protect_leaf, prot);
}

int x86_64_pt_lookup(struct pgtable *pt, unsigned long va, phys_addr_t *pa,
		     pgprot_t *prot)
{
	int level;
	pteval_t *e = walk(pt, va, &level);

	if (!(*e & _PAGE_PRESENT))
		return -ENOENT;
	if (pa)
		*pa = leaf_addr(*e, level) | (va & (level_size(level) - 1));
	if (prot)
		*prot = pte_to_prot(pt, *e);
	return 0;
}

/* The tables under the level-@level entry @e, then the page @e points to. */
static unsigned long free_tables(struct pgtable *pt, pteval_t e, int level,
				 void (*free_table)(phys_addr_t pa))
{
	unsigned long n = 0;

	if (!(e & _PAGE_PRESENT) || is_leaf(e, level))
		return 0;
	if (level > 2) {
		const pteval_t *t = pt->table(e & PTE_PFN_MASK);
		unsigned int i;

		for (i = 0; i < PT_ENTRIES; i++)
			n += free_tables(pt, t[i], level - 1, free_table);
	}
	free_table(e & PTE_PFN_MASK);
	return n + 1;
}

unsigned long x86_64_pt_free_user(struct pgtable *pt, unsigned int first_kernel,
				  void (*free_table)(phys_addr_t pa))
{
	pteval_t *root = pt->table(pt->root);
	unsigned long n = 0;
	unsigned int i;

	for (i = 0; i < first_kernel && i < PT_ENTRIES; i++) {
		n += free_tables(pt, root[i], PT_LEVELS, free_table);
		root[i] = 0;
	}
	return n;
}
