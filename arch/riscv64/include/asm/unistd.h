/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Where riscv64's system-call ABI differs from x86_64's, for the
 * components that implement the calls (they ask here, never #if on the
 * compiler's architecture).
 */
#ifndef _ASM_RISCV64_UNISTD_H
#define _ASM_RISCV64_UNISTD_H

/* Linux's CONFIG_CLONE_BACKWARDS: clone(flags, newsp, parent_tid, tls, child_tid). */
#define ARCH_CLONE_BACKWARDS 1

#endif
