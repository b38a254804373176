/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The virtual address space allocator under vmalloc: first fit over a
 * sorted array of reservations. Each reservation is the area plus one
 * guard page on each side, so no two areas ever touch, whatever the order
 * of allocation and free. Pure computation on the struct: the host test
 * (tests/test_vm_area.c) runs it natively.
 */
#ifndef VMALLOC_VM_AREA_H
#define VMALLOC_VM_AREA_H

#include <tessera/types.h>

#define VM_MAX_AREAS 512

struct vm_reservation {
	unsigned long start;    /* the guard page below the area */
	unsigned long end;      /* past the guard page above it */
};

struct vm_space {
	unsigned long start, end;       /* [start, end), page aligned */
	unsigned int nr;
	struct vm_reservation res[VM_MAX_AREAS];        /* sorted by start */
};

void vm_space_init(struct vm_space *vs, unsigned long start, unsigned long end);
/* An area of @size bytes (a multiple of PAGE_SIZE, not 0); 0 when none is left. */
unsigned long vm_area_alloc(struct vm_space *vs, unsigned long size);
/* The size of the area at @addr, 0 if no area starts there. */
unsigned long vm_area_size(const struct vm_space *vs, unsigned long addr);
/* Release the area at @addr: its size, or 0 if no area starts there. */
unsigned long vm_area_free(struct vm_space *vs, unsigned long addr);

#endif
