/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Nice to weight: round(1024 / 1.25^nice) for nice -20..19, so one nice
 * step is a ~25% weight ratio, i.e. ~10% of the CPU between two CPU-bound
 * tasks, as in Linux's sched_prio_to_weight (computed here, not copied).
 */
#include <tessera/sched_policy.h>

const unsigned long sched_prio_to_weight[NICE_WIDTH] = {
	/* -20 */ 88818, 71054, 56843, 45475, 36380,
	/* -15 */ 29104, 23283, 18626, 14901, 11921,
	/* -10 */  9537,  7629,  6104,  4883,  3906,
	/*  -5 */  3125,  2500,  2000,  1600,  1280,
	/*   0 */  1024,   819,   655,   524,   419,
	/*   5 */   336,   268,   215,   172,   137,
	/*  10 */   110,    88,    70,    56,    45,
	/*  15 */    36,    29,    23,    18,    15,
};
