/* SPDX-License-Identifier: Apache-2.0 */
/*
 * DOC: access to user memory (interface `uaccess`, provided by each arch)
 *
 * The only way the kernel touches a user address. Each function checks
 * the range lies below TASK_SIZE (asm/memory.h) and then copies with
 * instructions listed in the arch's exception table: a fault on the user
 * address first goes to the page-fault handler like any user fault
 * (demand-zero, copy-on-write, stack growth: handle_page_fault() in
 * <tessera/mm.h>), and only when that fails does the copy stop, so a bad
 * pointer costs an -EFAULT, never a crash, and no check races with a
 * concurrent munmap. On x86_64 SMAP is lifted (stac/clac) only inside
 * these; on riscv64 SUM is set only inside these.
 *
 * Return values are Linux's: the copies return the number of bytes NOT
 * copied (0 on success); strncpy_from_user returns the length of the
 * string copied (without the NUL; == @count when it did not fit) or
 * -EFAULT; strnlen_user returns the length including the NUL, 0 on a
 * fault, > @n when no NUL was found within @n bytes.
 */
#ifndef TESSERA_UACCESS_H
#define TESSERA_UACCESS_H

#include <tessera/syscalls.h>
#include <tessera/types.h>
#include <asm/memory.h>         /* TASK_SIZE */

static inline bool access_ok(const void __user *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;

	return size <= TASK_SIZE && a <= TASK_SIZE - size;
}

/* get_user/put_user of one object of the pointer's type: 0 or -EFAULT. */
#define get_user(x, ptr)                                                        \
	({                                                                      \
		__typeof__(*(ptr)) __gu_val = 0;                                \
		int __gu_err = copy_from_user(&__gu_val, (ptr), sizeof(*(ptr))) ? -EFAULT : 0; \
		(x) = __gu_val;                                                 \
		__gu_err;                                                       \
	})
#define put_user(x, ptr)                                                        \
	({                                                                      \
		__typeof__(*(ptr)) __pu_val = (x);                              \
		copy_to_user((ptr), &__pu_val, sizeof(*(ptr))) ? -EFAULT : 0;   \
	})

#endif
