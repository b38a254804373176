/* SPDX-License-Identifier: Apache-2.0 */
/* What the x86_64 files share with each other (not with other components). */
#ifndef X86_64_X86_64_H
#define X86_64_X86_64_H

#include <tessera/types.h>

struct pt_regs;

/* Remap the legacy 8259 PICs to ISA_IRQ_VECTOR_PIC and mask every line. */
void x86_64_i8259_init(void);
void x86_64_do_trap(struct pt_regs *regs);

#endif
