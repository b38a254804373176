/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the mm tests look at, shared by the host test (test_mm.c) and the
 * ktest (ktest_mm.c): the page and protection mapped at an address, and
 * whether an mm is on the list reclaim's walkers see. Include after the
 * mm's internal headers (mm_pte_page, mm_list_head).
 */
#ifndef MM_TESTS_MM_PROBE_H
#define MM_TESTS_MM_PROBE_H

static inline struct page *page_at(struct mm_struct *mm, unsigned long addr)
{
	pgprot_t prot;

	return mm_pte_page(mm, addr & PAGE_MASK, &prot);
}

static inline pgprot_t prot_at(struct mm_struct *mm, unsigned long addr)
{
	pgprot_t prot;

	mm_pte_page(mm, addr & PAGE_MASK, &prot);
	return prot;
}

static inline bool on_mmlist(struct mm_struct *mm)
{
	struct mm_struct *m;

	list_for_each_entry(m, &mm_list_head, mmlist)
		if (m == mm)
			return true;
	return false;
}

#endif
