/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The empty kernel: the baseline for boot-to-exit time. It is entered by
 * QEMU's PVH loader and at once asks isa-debug-exit for status 0, so what it
 * measures is QEMU's own start and stop.
 */
	.section .note.pvh, "a"
	.balign 4
	.long 4			/* name size: "Xen\0" */
	.long 4			/* descriptor size */
	.long 18		/* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.balign 4
	.long _start

	.text
	.code32
	.globl _start
_start:
	movw $0xf4, %dx
	xorb %al, %al
	outb %al, %dx
1:	hlt
	jmp 1b
