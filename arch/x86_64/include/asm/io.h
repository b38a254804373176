/* SPDX-License-Identifier: Apache-2.0 */
/* Port I/O and memory-mapped I/O accessors (Linux argument order: value first). */
#ifndef _ASM_X86_64_IO_H
#define _ASM_X86_64_IO_H

#include <tessera/types.h>

static inline void outb(u8 value, u16 port)
{
	__asm__ __volatile__("outb %0, %1" : : "a"(value), "Nd"(port) : "memory");
}

static inline void outw(u16 value, u16 port)
{
	__asm__ __volatile__("outw %0, %1" : : "a"(value), "Nd"(port) : "memory");
}

static inline void outl(u32 value, u16 port)
{
	__asm__ __volatile__("outl %0, %1" : : "a"(value), "Nd"(port) : "memory");
}

static inline u8 inb(u16 port)
{
	u8 value;

	__asm__ __volatile__("inb %1, %0" : "=a"(value) : "Nd"(port) : "memory");
	return value;
}

static inline u16 inw(u16 port)
{
	u16 value;

	__asm__ __volatile__("inw %1, %0" : "=a"(value) : "Nd"(port) : "memory");
	return value;
}

static inline u32 inl(u16 port)
{
	u32 value;

	__asm__ __volatile__("inl %1, %0" : "=a"(value) : "Nd"(port) : "memory");
	return value;
}

/*
 * MMIO on a kernel virtual address. x86 keeps uncached accesses in program
 * order, so a volatile access plus a compiler barrier is enough.
 */
static inline u8 readb(const volatile void *addr)
{
	u8 value = *(const volatile u8 *)addr;

	__asm__ __volatile__("" : : : "memory");
	return value;
}

static inline void writeb(u8 value, volatile void *addr)
{
	__asm__ __volatile__("" : : : "memory");
	*(volatile u8 *)addr = value;
}

static inline u16 readw(const volatile void *addr)
{
	u16 value = *(const volatile u16 *)addr;

	__asm__ __volatile__("" : : : "memory");
	return value;
}

static inline void writew(u16 value, volatile void *addr)
{
	__asm__ __volatile__("" : : : "memory");
	*(volatile u16 *)addr = value;
}

static inline u32 readl(const volatile void *addr)
{
	u32 value = *(const volatile u32 *)addr;

	__asm__ __volatile__("" : : : "memory");
	return value;
}

static inline void writel(u32 value, volatile void *addr)
{
	__asm__ __volatile__("" : : : "memory");
	*(volatile u32 *)addr = value;
}

#endif
