/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The per-CPU areas, statically sized by NR_CPUS, each cache-line aligned
 * so that CPUs will not share lines when SMP comes. The boot CPU's register
 * (asm/percpu.h) is set by the initcall; a secondary CPU would set its own
 * in its bring-up path with the same helper.
 */
#include <tessera/compiler.h>
#include <tessera/percpu.h>
#include <interfaces/percpu.h>

int percpu_init(void);

static struct percpu_data percpu_areas[NR_CPUS] __aligned(64);

struct percpu_data *per_cpu_data(unsigned int cpu)
{
	return cpu < NR_CPUS ? &percpu_areas[cpu] : NULL;
}

unsigned int nr_cpu_ids(void)
{
	return NR_CPUS;
}

int percpu_init(void)
{
	struct percpu_data *pcpu = &percpu_areas[0];

	pcpu->self = pcpu;
	pcpu->cpu = 0;
	arch_set_percpu_base(pcpu);
	return 0;
}
