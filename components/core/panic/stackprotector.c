/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The symbols GCC's -fstack-protector uses: the canary it copies into each
 * protected frame, and the function it calls when the copy was overwritten.
 * The canary is a fixed constant: Tessera has no early entropy source yet.
 * It has no zero byte, so a string overrun that ends in a NUL cannot
 * rewrite it unchanged.
 */
#include <interfaces/panic.h>

unsigned long __stack_chk_guard = (unsigned long)0x595e9fbd94fda766ULL;

_Noreturn void __stack_chk_fail(void);

_Noreturn void __stack_chk_fail(void)
{
	panic("stack-protector: kernel stack is corrupted");
}
