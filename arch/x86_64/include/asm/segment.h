/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GDT layout shared by the boot code (boot.S) and the final GDT (setup.c).
 *
 * The order is what `syscall`/`sysret` dictate (MSR_STAR, setup.c):
 * syscall loads CS = STAR[47:32] and SS = that + 8 (kernel code, then
 * kernel data); sysret to 64-bit mode loads SS = STAR[63:48] + 8 and
 * CS = STAR[63:48] + 16, both with RPL 3: a (32-bit, unused) user code
 * segment, then user data, then 64-bit user code, as Linux orders them.
 */
#ifndef _ASM_X86_64_SEGMENT_H
#define _ASM_X86_64_SEGMENT_H

#define GDT_ENTRY_KERNEL_CS   1
#define GDT_ENTRY_KERNEL_DS   2
#define GDT_ENTRY_USER32_CS   3
#define GDT_ENTRY_USER_DS     4
#define GDT_ENTRY_USER_CS     5
#define GDT_ENTRY_TSS         6   /* a system descriptor: takes entries 6 and 7 */
#define GDT_ENTRIES           8

#define __KERNEL_CS (GDT_ENTRY_KERNEL_CS * 8)
#define __KERNEL_DS (GDT_ENTRY_KERNEL_DS * 8)
#define __USER32_CS (GDT_ENTRY_USER32_CS * 8 + 3)
#define __USER_DS   (GDT_ENTRY_USER_DS * 8 + 3)
#define __USER_CS   (GDT_ENTRY_USER_CS * 8 + 3)
#define __TSS_SEL   (GDT_ENTRY_TSS * 8)

#endif
