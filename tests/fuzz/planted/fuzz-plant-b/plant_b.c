/* SPDX-License-Identifier: Apache-2.0 */
/* Harmless alone: the partner of fuzz-plant-a's planted fault. */
static inline int fuzz_plant_b_unused(void)
{
	return 0;
}
