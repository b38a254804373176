/* SPDX-License-Identifier: Apache-2.0 */
/* Private to clock-x86. */
#ifndef CLOCK_X86_H
#define CLOCK_X86_H

#include <tessera/types.h>

int x86_clock_tsc_calibrate(void);
void x86_clock_tsc_wait(u64 cycles);

#endif
