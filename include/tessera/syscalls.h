/* SPDX-License-Identifier: Apache-2.0 */
/*
 * DOC: system calls
 *
 * A system call is written with Linux's SYSCALL_DEFINEn macro:
 *
 *	SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, size_t, count)
 *	{
 *		...
 *		return -EBADF;
 *	}
 *
 * which defines `long sys_read(unsigned long, ... x6)`, the one prototype
 * every entry of the generated table has (syscall_fn_t), converting each
 * register to the declared type before the typed body runs: no call through
 * a mismatched function-pointer type, and a 32-bit argument is truncated
 * as Linux truncates it.
 *
 * The component that implements it lists it in its manifest,
 *
 *	syscalls = [{ name = "read", fn = "sys_read" }]
 *
 * and the graph tool numbers it with the architecture's Linux number (the
 * x86_64 table, or the generic table riscv64 uses) in the generated
 * syscall_table.c. A number no component of the product implements, or
 * one beyond the table, returns -ENOSYS (sys_ni_syscall). The arch's entry
 * code calls syscall_invoke() with the number and the six argument
 * registers and puts the result in the return register.
 */
#ifndef TESSERA_SYSCALLS_H
#define TESSERA_SYSCALLS_H

#include <tessera/types.h>

#ifndef __user
#define __user          /* a user-space address: only through uaccess.h */
#endif

#define SYSCALL_ARGS unsigned long, unsigned long, unsigned long, \
		     unsigned long, unsigned long, unsigned long
typedef long (*syscall_fn_t)(SYSCALL_ARGS);

/* Generated (syscall_table.c): the product's table for its architecture. */
long syscall_invoke(unsigned long nr, unsigned long a0, unsigned long a1, unsigned long a2,
		    unsigned long a3, unsigned long a4, unsigned long a5);
/* The name of system call @nr in this architecture's numbering, or NULL. */
const char *syscall_name(unsigned long nr);
/* 1 when @nr is implemented by a component of this product. */
int syscall_implemented(unsigned long nr);

long sys_ni_syscall(SYSCALL_ARGS);

/* SYSCALL_DEFINEn: pairs (type, name); the body follows the macro. */
#define __SC_MAP0(m, ...)
#define __SC_MAP1(m, t, a)      m(t, a, 1)
#define __SC_MAP2(m, t, a, ...) m(t, a, 2), __SC_MAP1(m, __VA_ARGS__)
#define __SC_MAP3(m, t, a, ...) m(t, a, 3), __SC_MAP2(m, __VA_ARGS__)
#define __SC_MAP4(m, t, a, ...) m(t, a, 4), __SC_MAP3(m, __VA_ARGS__)
#define __SC_MAP5(m, t, a, ...) m(t, a, 5), __SC_MAP4(m, __VA_ARGS__)
#define __SC_MAP6(m, t, a, ...) m(t, a, 6), __SC_MAP5(m, __VA_ARGS__)
#define __SC_MAP(n, m, ...)     __SC_MAP##n(m, __VA_ARGS__)

#define __SC_DECL(t, a, i)      t a
/* Arguments count down (__SC_MAPn emits the first pair with index n). */
#define __SC_CAST(t, a, i)      (t)__sc_reg[__sc_n - (i)]

#define __SYSCALL_DEFINEx(n, name, ...)                                         \
	static long __do_sys_##name(__SC_MAP(n, __SC_DECL, __VA_ARGS__));       \
	long sys_##name(SYSCALL_ARGS);                                          \
	long sys_##name(unsigned long __r0, unsigned long __r1, unsigned long __r2, \
			unsigned long __r3, unsigned long __r4, unsigned long __r5) \
	{                                                                       \
		const unsigned long __sc_reg[6] = { __r0, __r1, __r2, __r3, __r4, __r5 }; \
		const int __sc_n = (n);                                         \
		(void)__sc_reg; (void)__sc_n;                                   \
		return __do_sys_##name(__SC_MAP(n, __SC_CAST, __VA_ARGS__));    \
	}                                                                       \
	static long __do_sys_##name(__SC_MAP(n, __SC_DECL, __VA_ARGS__))

#define SYSCALL_DEFINE0(name)                                                   \
	static long __do_sys_##name(void);                                      \
	long sys_##name(SYSCALL_ARGS);                                          \
	long sys_##name(unsigned long __r0, unsigned long __r1, unsigned long __r2, \
			unsigned long __r3, unsigned long __r4, unsigned long __r5) \
	{                                                                       \
		(void)__r0; (void)__r1; (void)__r2; (void)__r3; (void)__r4; (void)__r5; \
		return __do_sys_##name();                                       \
	}                                                                       \
	static long __do_sys_##name(void)
#define SYSCALL_DEFINE1(name, ...) __SYSCALL_DEFINEx(1, name, __VA_ARGS__)
#define SYSCALL_DEFINE2(name, ...) __SYSCALL_DEFINEx(2, name, __VA_ARGS__)
#define SYSCALL_DEFINE3(name, ...) __SYSCALL_DEFINEx(3, name, __VA_ARGS__)
#define SYSCALL_DEFINE4(name, ...) __SYSCALL_DEFINEx(4, name, __VA_ARGS__)
#define SYSCALL_DEFINE5(name, ...) __SYSCALL_DEFINEx(5, name, __VA_ARGS__)
#define SYSCALL_DEFINE6(name, ...) __SYSCALL_DEFINEx(6, name, __VA_ARGS__)

#endif
