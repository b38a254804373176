/* SPDX-License-Identifier: Apache-2.0 */
/* What the riscv64 files share with each other and with boot.S/entry.S. */
#ifndef RISCV64_RISCV64_H
#define RISCV64_RISCV64_H

#include <tessera/types.h>
#include "ptrace.h"

/* Linker script and boot.S symbols; virtual (link) addresses. */
extern char _kernel_start[], _kernel_end[];
extern char _stext[], _etext[], __end_text_pages[];
extern char __start_rodata[], __end_rodata[], _sdata[];
/* boot.S: the boot stack, its unmapped guard page below it, the trap
 * entry's overflow stack below that, and the guard entry.S checks. */
extern char boot_stack[], boot_stack_top[], boot_stack_guard[];
extern char riscv64_overflow_stack[], riscv64_overflow_stack_top[];
extern unsigned long riscv64_stack_guard;
extern char handle_exception[];

/* Recorded by boot.S from OpenSBI's a0/a1. */
extern unsigned long riscv64_boot_hartid;
extern phys_addr_t riscv64_boot_dtb;

_Noreturn void riscv64_boot(unsigned long hartid, phys_addr_t dtb);
void do_trap(struct pt_regs *regs);

/* process.c: the system-call path, the way out to user mode. */
void riscv64_do_syscall(struct pt_regs *regs);
void riscv64_exit_to_user(struct pt_regs *regs);
struct pt_regs *riscv64_ret_from_fork_regs(void);
/* Test hook (ktests only): when set, every ecall from U-mode goes here
 * instead of the system-call table. */
extern long (*riscv64_syscall_test_hook)(struct pt_regs *regs);
/* signal.c: the [sigpage] (allocated on first use; NULL without memory). */
struct page;
struct page *riscv64_sigpage(void);

/* uaccess.c: the fixup address for a faulting uaccess instruction, or 0. */
unsigned long riscv64_search_extable(unsigned long pc);
/* entry.S: leave through the frame at sp (to the kernel or to user mode). */
extern char riscv64_ret_from_exception[];

/*
 * Walk frame records from @fp, printing each return address. @leaf_ra is
 * the trapped ra when @fp is a trap frame's s0 (the first function may be
 * a leaf that saved none), 0 otherwise.
 */
void riscv64_show_backtrace(unsigned long fp, unsigned long leaf_ra);

/* Is @sp on the current stack's guard page, or so close above it that a
 * trap frame would not fit (entry.S's check, in C)? */
bool riscv64_sp_in_guard(unsigned long sp);

/* The end of the direct map that boot.S's early page table reaches. */
phys_addr_t riscv64_early_map_limit(void);

/* Where the sifive_test power-off device is; 0 if the devicetree has none. */
extern phys_addr_t riscv64_sifive_test_phys;

/* Stop before any console is up: message through the SBI firmware. */
_Noreturn void riscv64_early_fatal(const char *what, const char *why,
				   phys_addr_t addr);

#endif
