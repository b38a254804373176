/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Symbols kernel.ld defines. They are link-time (virtual) addresses;
 * virt_to_phys() gives where the loader put them.
 */
#ifndef _ASM_X86_64_SECTIONS_H
#define _ASM_X86_64_SECTIONS_H

extern char _kernel_start[], _kernel_end[];
extern char _text[], _etext[];
/* Page aligned: the image is mapped section by section (mmu.c). */
extern char __start_rodata[], _sdata[];
extern char __bss_start[], __bss_end[];

#endif
