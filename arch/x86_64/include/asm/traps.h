/* SPDX-License-Identifier: Apache-2.0 */
/* The IDT's shape, shared by entry.S, setup.c and the interrupt controllers. */
#ifndef _ASM_X86_64_TRAPS_H
#define _ASM_X86_64_TRAPS_H

#define NR_VECTORS           256
#define NR_EXCEPTION_VECTORS 32
/* Bytes per exception stub in entry.S (pushq $0 or nop, pushq imm8, jmp rel32). */
#define X86_TRAP_STUB_SIZE   9
/* Interrupt stubs (pushq imm8, jmp rel8) and their groups (+ jmp rel32). */
#define X86_IRQ_STUB_SIZE        4
#define X86_IRQ_STUBS_PER_GROUP  32
#define X86_IRQ_STUB_GROUP_SIZE  (X86_IRQ_STUB_SIZE * X86_IRQ_STUBS_PER_GROUP + 5)

/* Where setup.c puts the legacy 8259s before masking every line. */
#define ISA_IRQ_VECTOR_PIC   0x20   /* master: 0x20-0x27, slave: 0x28-0x2f */

#endif
