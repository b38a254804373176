/* SPDX-License-Identifier: Apache-2.0 */
#ifndef TESSERA_COMPILER_H
#define TESSERA_COMPILER_H

#include <tessera/types.h>

#define __noreturn      __attribute__((__noreturn__))
#define __used          __attribute__((__used__))
#define __unused        __attribute__((__unused__))
#define __packed        __attribute__((__packed__))
#define __aligned(x)    __attribute__((__aligned__(x)))
#define __section(s)    __attribute__((__section__(s)))
#define __printf(a, b)  __attribute__((__format__(__printf__, a, b)))
#define __weak          __attribute__((__weak__))

#define likely(x)       __builtin_expect(!!(x), 1)
#define unlikely(x)     __builtin_expect(!!(x), 0)

#define ARRAY_SIZE(a)   (sizeof(a) / sizeof((a)[0]))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

/* Power-of-two alignment helpers. */
#define ALIGN_DOWN(x, a)  ((x) & ~((__typeof__(x))(a) - 1))
#define ALIGN_UP(x, a)    ALIGN_DOWN((x) + ((__typeof__(x))(a) - 1), (a))
#define IS_ALIGNED(x, a)  (((x) & ((__typeof__(x))(a) - 1)) == 0)

#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#define STRINGIFY_(x) #x
#define STRINGIFY(x)  STRINGIFY_(x)

/* Compiler barrier: stops the compiler, not the CPU, from reordering. */
#define barrier() __asm__ __volatile__("" ::: "memory")

#endif
