/* SPDX-License-Identifier: Apache-2.0 */
/*
 * start_kernel(): the generic boot sequence every architecture jumps to once
 * it has a stack. The order is the documented one (docs/architecture.md):
 * arch_setup, the banner, the initcalls, the composition, the memory map,
 * the devices and their drivers, the demo, power off.
 */
#include <autoconf.h>
#include <tessera/composition.h>
#include <interfaces/arch.h>
#include <interfaces/kernel.h>
#include <interfaces/lib.h>
#include <interfaces/panic.h>
#include <interfaces/printk.h>
#ifdef HAVE_PAGE_ALLOC
#include <interfaces/page_alloc.h>
#endif
#ifdef HAVE_KTEST
#include <interfaces/ktest.h>
#endif
#ifdef HAVE_DRIVER_CORE
#include <interfaces/driver_core.h>
#endif
#ifdef HAVE_PROCESS
#include <interfaces/process.h>
#endif

/* The build passes the release with -D; a bare compile still says something. */
#ifndef TESSERA_VERSION
#define TESSERA_VERSION "0.0.0"
#endif

static void do_initcalls(void)
{
	unsigned int i;

	for (i = 0; i < nr_initcalls; i++) {
		const struct initcall *call = &initcalls[i];
		int ret = call->fn();

		/* Later components rely on earlier ones: no point going on. */
		if (ret)
			panic("initcall %s failed: error %d", call->component, ret);
		pr_info("initcall %s: ok\n", call->component);
	}
}

static void print_banner(void)
{
	pr_notice("Tessera %s (%s, %s)\n", TESSERA_VERSION, composition.product,
		  composition.arch);
}

static void print_composition(void)
{
	unsigned int i;
	int width = 0;

	/* One column for every name, as wide as the longest. */
	for (i = 0; i < composition.nr_components; i++)
		width = MAX(width, (int)strlen(composition.components[i].name));

	pr_info("components (%u):\n", composition.nr_components);
	for (i = 0; i < composition.nr_components; i++) {
		const struct composition_component *c = &composition.components[i];

		if (c->summary)
			pr_info("  %-*s %s\n", width, c->name, c->summary);
		else
			pr_info("  %s\n", c->name);
	}

	if (!composition.nr_interfaces) {
		pr_info("interfaces: not recorded in this image (BOOT_COMPOSITION_DETAILS)\n");
		return;
	}
	pr_info("interfaces (%u):\n", composition.nr_interfaces);
	for (i = 0; i < composition.nr_interfaces; i++) {
		const struct composition_interface *iface = &composition.interfaces[i];
		/* A `one` interface names the provider the configuration chose. */
		bool one = strcmp(iface->cardinality, "one") == 0;

		pr_info("  %-*s %-4s %s%s\n", width, iface->name, iface->cardinality,
			iface->providers, one ? " (chosen)" : "");
	}
}

/* Sizes in the largest unit that keeps them whole enough to read. */
static void print_region(const struct mem_region *r)
{
	u64 size = r->size;
	const char *unit = "KiB";

	if (size >= (1ULL << 20)) {
		size >>= 20;
		unit = "MiB";
	} else {
		size >>= 10;
	}
	pr_info("  [mem 0x%016llx-0x%016llx] %6llu %s %s\n",
		(unsigned long long)r->base,
		(unsigned long long)(r->base + r->size - 1),
		(unsigned long long)size, unit, mem_region_type_name(r->type));
}

static void print_memory(void)
{
	const struct boot_info *info = arch_boot_info();
	unsigned int i;

	pr_info("memory map (from %s):\n", info->loader ? info->loader : "unknown loader");
	for (i = 0; i < info->nr_regions; i++) {
		if (info->regions[i].size)
			print_region(&info->regions[i]);
	}
	pr_info("command line: %s\n", info->cmdline);

#ifdef HAVE_PAGE_ALLOC
	{
		unsigned long free = nr_free_pages();

		pr_info("pages: %lu total, %lu free (%lu KiB free)\n", totalram_pages(),
			free, free * (PAGE_SIZE / 1024));
	}
#endif
}

/* The demo's result is the exit status: 0 when everything passed. */
static int run_demo(void)
{
#ifdef HAVE_KTEST
	return ktest_run_all() ? 1 : 0;
#else
	pr_info("demo: nothing to run\n");
	return 0;
#endif
}

_Noreturn void start_kernel(void)
{
	int status;

	arch_setup();
	/*
	 * The banner comes before the initcalls, so that a boot log always
	 * says what was booted even when an initcall fails. It waits in
	 * printk's boot log until the consoles register (their initcalls run
	 * first), which replays it to each.
	 */
	print_banner();
	do_initcalls();
	print_composition();
	print_memory();
#ifdef HAVE_DRIVER_CORE
	/* The buses found their devices in their initcalls: list them, lspci-like. */
	device_list_print();
#endif
	status = run_demo();
#ifdef HAVE_PROCESS
	/*
	 * The first user process (Linux's kernel_init): rdinit=/init=, with
	 * /dev/console as stdio. Its exit status is the power-off status,
	 * unless the demo failed already.
	 */
	{
		int init_status = kernel_init();

		if (!status)
			status = init_status;
	}
#endif

	/* The last line: tools/qemu-run reads the status from it. */
	pr_emerg("tessera: poweroff status=%d\n", status);
	arch_poweroff(status);
}
