/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Access to user memory (interface `uaccess`, tessera/uaccess.h): the
 * range is checked against TASK_SIZE, SMAP is lifted (stac) for exactly
 * the copy, and the copy itself is usercopy.S's, whose faults the trap
 * handler first offers to the page-fault handler (demand paging, COW)
 * and then fixes up through the exception table: a bad pointer costs a
 * short count, never a crash. The exception table is searched here.
 */
#include <asm/memory.h>
#include <interfaces/uaccess.h>
#include <tessera/compiler.h>
#include <tessera/errno.h>
#include <tessera/uaccess.h>

#include "x86_64.h"

unsigned long x86_64_copy_user(void *to, const void *from, unsigned long n);
unsigned long x86_64_clear_user(void *to, unsigned long n);
long x86_64_get_user_byte(const void *src);

struct exception_table_entry {
	unsigned long insn, fixup;
};

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

unsigned long x86_64_search_extable(unsigned long ip)
{
	const struct exception_table_entry *e;

	for (e = __start___ex_table; e < __stop___ex_table; e++)
		if (e->insn == ip)
			return e->fixup;
	return 0;
}

static inline void user_access_begin(void)
{
	if (x86_64_smap)
		__asm__ __volatile__("stac" : : : "memory");
}

static inline void user_access_end(void)
{
	if (x86_64_smap)
		__asm__ __volatile__("clac" : : : "memory");
}

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long left;

	if (!access_ok(from, n))
		return n;
	user_access_begin();
	left = x86_64_copy_user(to, (const void *)from, n);
	user_access_end();
	/* Like Linux: what could not be copied is zeroed, no stale kernel bytes. */
	if (left)
		__builtin_memset((char *)to + (n - left), 0, left);
	return left;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	unsigned long left;

	if (!access_ok(to, n))
		return n;
	user_access_begin();
	left = x86_64_copy_user((void *)to, from, n);
	user_access_end();
	return left;
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	unsigned long left;

	if (!access_ok(to, n))
		return n;
	user_access_begin();
	left = x86_64_clear_user((void *)to, n);
	user_access_end();
	return left;
}

/*
 * Byte by byte: a string ends anywhere, possibly right before a hole, and
 * only the bytes up to its NUL may be touched.
 */
long strncpy_from_user(char *dst, const char __user *src, long count)
{
	unsigned long a = (unsigned long)src;
	long i;

	if (count <= 0)
		return 0;
	user_access_begin();
	for (i = 0; i < count; i++) {
		long c = a + i < TASK_SIZE ? x86_64_get_user_byte((const char *)a + i) : -1;

		if (c < 0) {
			user_access_end();
			return -EFAULT;
		}
		dst[i] = (char)c;
		if (!c)
			break;
	}
	user_access_end();
	return i;
}

long strnlen_user(const char __user *src, long n)
{
	unsigned long a = (unsigned long)src;
	long i;

	if (n <= 0)
		return 0;
	user_access_begin();
	for (i = 0; i < n; i++) {
		long c = a + i < TASK_SIZE ? x86_64_get_user_byte((const char *)a + i) : -1;

		if (c < 0) {
			user_access_end();
			return 0;
		}
		if (!c) {
			user_access_end();
			return i + 1;
		}
	}
	user_access_end();
	return n + 1;
}
