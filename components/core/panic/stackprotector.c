/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The symbols GCC's -fstack-protector uses: the canary it copies into each
 * protected frame, and the function it calls when the copy was overwritten.
 * This initial value stays where the architecture has no early entropy
 * (riscv64 today). x86_64's boot code replaces it, before any protected frame
 * exists, with a value drawn from the TSC whose low byte is zero, so that a
 * string copy stops at the canary instead of reproducing it.
 */
#ifndef TESSERA_HOST_TEST
#include <interfaces/panic.h>
#endif

unsigned long __stack_chk_guard = (unsigned long)0x595e9fbd94fda766ULL;

_Noreturn void __stack_chk_fail(void);

_Noreturn void __stack_chk_fail(void)
{
	panic("stack-protector: kernel stack is corrupted");
}
