/* SPDX-License-Identifier: Apache-2.0 */
/* Moved to <asm/ptrace.h> so the interrupt controller and the clock can use it. */
#include <asm/ptrace.h>
