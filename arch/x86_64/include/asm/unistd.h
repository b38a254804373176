/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Where x86_64's system-call ABI differs from the generic one, for the
 * components that implement the calls (they ask here, never #if on the
 * compiler's architecture).
 */
#ifndef _ASM_X86_64_UNISTD_H
#define _ASM_X86_64_UNISTD_H

/* struct sigaction carries sa_restorer (SA_RESTORER): glibc's return path. */
#define ARCH_HAS_SA_RESTORER 1

#endif
