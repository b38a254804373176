/* SPDX-License-Identifier: Apache-2.0 */
/*
 * User address spaces and user mode on riscv64, without the process core:
 *
 * - pgtable_user_space: pgtable_create() gives a root with the kernel half
 *   and an empty user half; a user page maps with PTE_U; activate/destroy.
 * - pgtable_kernel_sync: a kernel mapping made after the create, in a root
 *   entry that did not exist, shows in the user space too.
 */
#include <tessera/boot.h>
#include <tessera/compiler.h>
#include <tessera/errno.h>
#include <tessera/page.h>
#include <tessera/pgtable.h>
#include <asm/csr.h>
#include <asm/memory.h>
#include <interfaces/arch.h>
#include <interfaces/ktest.h>
#include <interfaces/lib.h>
#include <interfaces/mmu.h>
#include <interfaces/printk.h>
#include <tessera/printk.h>
#include <interfaces/page_alloc.h>
#include "../pgtable.h"
#include "../riscv64.h"

#define USER_TEST_VA 0x10000UL

static unsigned long satp_root(void)
{
	return (csr_read(satp) & ((1UL << 44) - 1)) << PAGE_SHIFT;
}

static void pgtable_user_space(struct ktest *t)
{
	struct pgtable *pt = pgtable_create();
	unsigned long page = __get_free_pages(GFP_KERNEL, 0);
	unsigned long kroot = satp_root();
	unsigned long before = nr_free_pages();
	phys_addr_t pa;
	pgprot_t prot;
	int level;

	KTEST_ASSERT(t, pt != NULL && page != 0);
	for (unsigned int i = 0; i < PGD_USER_ENTRIES; i++)
		KTEST_EXPECT_EQ(t, pt->pgd[i], 0);
	for (unsigned int i = PGD_USER_ENTRIES; i < 512; i++)
		KTEST_EXPECT_EQ(t, pt->pgd[i], pgtable_kernel()->pgd[i]);
	KTEST_EXPECT_EQ(t, pgtable_map(pt, USER_TEST_VA, virt_to_phys((void *)page), PAGE_SIZE,
				       PGPROT_READ | PGPROT_USER), 0);
	KTEST_EXPECT_EQ(t, pgtable_lookup(pt, USER_TEST_VA, &pa, &prot), 0);
	KTEST_EXPECT_EQ(t, pa, virt_to_phys((void *)page));
	KTEST_EXPECT_EQ(t, prot, PGPROT_READ | PGPROT_USER);
	level = riscv64_pgtable_level(pt, USER_TEST_VA);
	KTEST_EXPECT_EQ(t, level, 0);
	/* Not in the kernel's own table. */
	KTEST_EXPECT_EQ(t, pgtable_lookup(pgtable_kernel(), USER_TEST_VA, NULL, NULL), -ENOENT);

	pgtable_activate(pt);
	KTEST_EXPECT_EQ(t, satp_root(), virt_to_phys(pt->pgd));
	/* The kernel still runs and reads its data through the shared half. */
	KTEST_EXPECT_EQ(t, *(volatile unsigned long *)&riscv64_stack_guard != 0, 1);
	pgtable_activate(pgtable_kernel());
	KTEST_EXPECT_EQ(t, satp_root(), kroot);

	pgtable_destroy(pt);
	/* The two tables the map took and the root (taken before @before)
	 * are back. */
	KTEST_EXPECT_EQ(t, nr_free_pages(), before + 1);
	free_pages(page, 0);
}

static void pgtable_kernel_sync(struct ktest *t)
{
	/* The last gigabyte of the vmalloc area: vmalloc allocates from the
	 * bottom, so no root entry exists there yet. */
	unsigned long va = VMALLOC_END - (1UL << 30);
	unsigned int idx = (va >> 30) & 511;
	struct pgtable *pt = pgtable_create();
	unsigned long page = __get_free_pages(GFP_KERNEL, 0);
	bool existed;

	KTEST_ASSERT(t, pt != NULL && page != 0);
	existed = pgtable_kernel()->pgd[idx] != 0;
	KTEST_EXPECT_EQ(t, pt->pgd[idx], pgtable_kernel()->pgd[idx]);
	KTEST_EXPECT_EQ(t, pgtable_map(pgtable_kernel(), va, virt_to_phys((void *)page), PAGE_SIZE,
				       PAGE_KERNEL), 0);
	KTEST_EXPECT(t, pgtable_kernel()->pgd[idx] != 0);
	KTEST_EXPECT_EQ(t, pt->pgd[idx], pgtable_kernel()->pgd[idx]);
	*(volatile unsigned long *)page = 0x5eed;
	pgtable_activate(pt);
	KTEST_EXPECT_EQ(t, *(volatile unsigned long *)va, 0x5eed);
	pgtable_activate(pgtable_kernel());
	pgtable_unmap(pgtable_kernel(), va, PAGE_SIZE);
	pgtable_destroy(pt);
	free_pages(page, 0);
	if (existed)
		printk(KERN_INFO "# pgtable_kernel_sync: the root entry existed already\n");
}

KTEST_SUITE(riscv64_user,
	    KTEST_CASE(pgtable_user_space),
	    KTEST_CASE(pgtable_kernel_sync));
