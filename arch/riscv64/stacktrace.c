/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Backtraces by frame-pointer walk. With -fno-omit-frame-pointer GCC for
 * RISC-V keeps s0 (fp) pointing just above a two-word record: the return
 * address at fp - 8 and the caller's fp at fp - 16. Each record is checked
 * before it is read so a corrupt stack ends the walk instead of faulting.
 *
 * A leaf function saves no ra: its record is the caller's fp alone, at
 * fp - 8. A trap can interrupt one (the faulting instruction is often in a
 * leaf), so the walk from a trap frame recognises that record and takes the
 * return address from the trapped ra register instead.
 */
#define pr_fmt(fmt) fmt

#include <tessera/boot.h>
#include <tessera/printk.h>
#include <asm/memory.h>
#include <interfaces/arch.h>
#include <interfaces/printk.h>
#include "riscv64.h"

#define BACKTRACE_MAX_DEPTH 32

/* Is [lo, hi) memory a stack can live in: the kernel image (the boot stack)
 * or RAM through the direct map? */
static bool stack_range_ok(unsigned long lo, unsigned long hi)
{
	const struct boot_info *bi;

	if (lo >= (unsigned long)_kernel_start && hi <= (unsigned long)_kernel_end)
		return true;
	if (lo < PAGE_OFFSET || hi > PAGE_OFFSET + DIRECT_MAP_SIZE || lo >= hi)
		return false;
	bi = riscv64_arch_boot_info();
	for (unsigned int i = 0; i < bi->nr_regions; i++) {
		const struct mem_region *r = &bi->regions[i];
		unsigned long base = (unsigned long)phys_to_virt(r->base);

		if (lo >= base && hi <= base + r->size)
			return true;
	}
	return false;
}

static bool kernel_text(unsigned long addr)
{
	return addr >= (unsigned long)_stext && addr < (unsigned long)_etext;
}

void riscv64_show_backtrace(unsigned long fp, unsigned long leaf_ra)
{
	for (int depth = 0; depth < BACKTRACE_MAX_DEPTH; depth++) {
		unsigned long ra, next;

		if (fp % 8 || !stack_range_ok(fp - 16, fp))
			break;
		ra = ((const unsigned long *)fp)[-1];
		next = ((const unsigned long *)fp)[-2];
		/*
		 * The trapped function is a leaf: fp - 8 holds the caller's
		 * fp (a valid record higher up the stack), not code.
		 */
		if (depth == 0 && leaf_ra && !kernel_text(ra) && kernel_text(leaf_ra) &&
		    ra > fp && ra % 8 == 0 && stack_range_ok(ra - 16, ra)) {
			next = ra;
			ra = leaf_ra;
		}
		if (!kernel_text(ra))
			break;
		pr_emerg(" [<%016lx>]\n", ra);
		/* Callers' frames lie above: anything else is a loop. */
		if (next <= fp)
			break;
		fp = next;
	}
}

void riscv64_arch_dump_stack(void)
{
	pr_emerg("Call Trace:\n");
	riscv64_show_backtrace((unsigned long)__builtin_frame_address(0), 0);
}
