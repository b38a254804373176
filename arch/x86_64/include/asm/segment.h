/* SPDX-License-Identifier: Apache-2.0 */
/* GDT layout shared by the boot code (boot.S) and the final GDT (setup.c). */
#ifndef _ASM_X86_64_SEGMENT_H
#define _ASM_X86_64_SEGMENT_H

#define GDT_ENTRY_KERNEL_CS 1
#define GDT_ENTRY_KERNEL_DS 2
#define GDT_ENTRY_TSS       3   /* a system descriptor: takes entries 3 and 4 */
#define GDT_ENTRIES         5

#define __KERNEL_CS (GDT_ENTRY_KERNEL_CS * 8)
#define __KERNEL_DS (GDT_ENTRY_KERNEL_DS * 8)
#define __TSS_SEL   (GDT_ENTRY_TSS * 8)

#endif
