/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fixed-width integer names shared by every component. Only the headers a
 * freestanding C11 compiler must supply are used, so the same file serves the
 * kernel and the host tests.
 */
#ifndef TESSERA_TYPES_H
#define TESSERA_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

/* A physical address; kept distinct from pointers so the two are not mixed. */
typedef uint64_t phys_addr_t;

#endif
