/* SPDX-License-Identifier: Apache-2.0 */
/* Moved to <asm/sbi.h> so the interrupt controller and the clock can use it. */
#include <asm/sbi.h>
