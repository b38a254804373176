/* SPDX-License-Identifier: Apache-2.0 */
/* A fault planted for the fuzzer's minimiser: only the pair fails. */
#include <autoconf.h>

#ifdef CONFIG_COMP_FUZZ_PLANT_B
#error "planted fault: fuzz-plant-a does not build together with fuzz-plant-b"
#endif

static inline int fuzz_plant_a_unused(void)
{
	return 0;
}
