/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Access to user memory (interface `uaccess`, include/tessera/uaccess.h):
 * the range checks against TASK_SIZE here, the accesses in uaccess.S under
 * SUM with exception-table fixups, and the table's lookup for do_trap().
 */
#include <tessera/compiler.h>
#include <tessera/errno.h>
#include <tessera/uaccess.h>
#include <interfaces/lib.h>
#include <interfaces/uaccess.h>
#include "riscv64.h"

unsigned long riscv64_copy_user(void *dst, const void *src, unsigned long n);
unsigned long riscv64_clear_user(void *dst, unsigned long n);
long riscv64_strncpy_user(char *dst, const char *src, long count);
long riscv64_strnlen_user(const char *src, long n);

struct exception_table_entry {
	unsigned long insn, fixup;
};

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

unsigned long riscv64_search_extable(unsigned long pc)
{
	for (const struct exception_table_entry *e = __start___ex_table; e < __stop___ex_table; e++)
		if (e->insn == pc)
			return e->fixup;
	return 0;
}

/* Like Linux: what could not be read is zeroed, so no stale kernel data
 * leaks out through a partly filled buffer. */
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long left = n;

	if (access_ok(from, n))
		left = riscv64_copy_user(to, (const void *)from, n);
	if (left)
		memset((char *)to + (n - left), 0, left);
	return left;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return riscv64_copy_user((void *)to, from, n);
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return riscv64_clear_user((void *)to, n);
}

/* The part of [src, src + n) below TASK_SIZE (the string may end earlier). */
static long user_room(const char __user *src, long n)
{
	unsigned long a = (unsigned long)src;

	if (n <= 0 || a >= TASK_SIZE)
		return 0;
	return (long)MIN((unsigned long)n, TASK_SIZE - a);
}

long strncpy_from_user(char *dst, const char __user *src, long count)
{
	long room = user_room(src, count), ret;

	if (count <= 0)
		return 0;
	if (!room)
		return -EFAULT;
	ret = riscv64_strncpy_user(dst, (const char *)src, room);
	if (ret < 0)
		return -EFAULT;
	/* No NUL below TASK_SIZE although count reaches above it. */
	if (ret == room && room < count)
		return -EFAULT;
	return ret;
}

long strnlen_user(const char __user *src, long n)
{
	long room = user_room(src, n), ret;

	if (n <= 0 || !room)
		return 0;
	ret = riscv64_strnlen_user((const char *)src, room);
	if (ret < 0)
		return 0;
	if (ret > room && room < n)
		return 0;
	return ret > room ? n + 1 : ret;
}
