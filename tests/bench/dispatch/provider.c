/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Two identical functions in their own translation unit, so that neither
 * can be inlined into the loops that call them (no LTO here): one is the
 * provider of the generated `counter` interface, the other the baseline a
 * plain C call reaches.
 */
#include <stdint.h>

__attribute__((noinline)) uint64_t benchprov_counter_step(uint64_t x)
{
	return x * 6364136223846793005ULL + 1442695040888963407ULL;
}

__attribute__((noinline)) uint64_t plain_counter_step(uint64_t x)
{
	return x * 6364136223846793005ULL + 1442695040888963407ULL;
}
