/* SPDX-License-Identifier: Apache-2.0 */
/*
 * DOC: the arch side of a process (interface `arch_process`, each arch)
 *
 * What the process core (fork, exec, signals) needs from the architecture,
 * with Linux's names: the user registers of a task (struct pt_regs, saved
 * at the top of its kernel stack on every entry from user mode), a new
 * task's first return to user mode (copy_thread -> ret_from_fork), exec's
 * fresh registers (start_thread), the return to user mode of a kernel
 * thread that has just exec'd (arch_return_to_user), and signal frames
 * (arch_setup_rt_frame; rt_sigreturn is a system call of the arch).
 *
 * <asm/ptrace.h> adds accessors, as macros: instruction_pointer(regs),
 * user_stack_pointer(regs), regs_return_value(regs),
 * regs_set_return_value(regs, v), user_mode(regs), syscall_get_nr(regs)
 * (-1 when the frame is not a system call's) and syscall_restart(regs)
 * (re-execute the system call: argument register and pc rolled back, for
 * -ERESTARTSYS & co.). <asm/memory.h> gives TASK_SIZE, STACK_TOP,
 * ELF_ET_DYN_BASE; <asm/elf.h> ELF_MACHINE, ELF_HWCAP, ELF_PLATFORM.
 */
#ifndef TESSERA_ARCH_PROCESS_H
#define TESSERA_ARCH_PROCESS_H

#include <tessera/types.h>
#include <asm/elf.h>
#include <asm/memory.h>
#include <asm/ptrace.h>

struct task_struct;
struct mm_struct;

/* clone flags the arch reads (Linux's values) */
#ifndef CLONE_SETTLS
#define CLONE_SETTLS 0x00080000
#endif

/* sa_flags the arch reads */
#ifndef SA_RESTORER
#define SA_RESTORER 0x04000000
#endif
#ifndef SA_ONSTACK
#define SA_ONSTACK  0x08000000
#endif
#ifndef SA_SIGINFO
#define SA_SIGINFO  0x00000004
#endif

#endif
