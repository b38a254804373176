/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The composition record (generated composition.c, printed by the boot
 * banner) and the initcall table against the running kernel: the product
 * and architecture are the ones autoconf.h and the arch say; the component
 * list holds init and the arch, once each; each `one` interface names
 * exactly one provider and each `many` interface at least one, every
 * provider a listed component, in name order; of the interfaces of
 * include/interfaces/ (autoconf.h's TESSERA_TREE_INTERFACES, from the
 * graph), the record lists exactly those autoconf.h has a HAVE_ for;
 * every initcall belongs to a listed component, once, and nr_initcalls is
 * where the table's NULL terminator is. The same for the counts of the
 * component, interface and ktest tables.
 *
 * What the record cannot show is the init order itself: it carries no
 * `requires` edges, so that each initcall comes after the providers its
 * component requires is the graph tool's to check (tests/tools).
 */
#include <autoconf.h>
#include <tessera/composition.h>
#include <tessera/kconfig.h>
#include <tessera/init.h>
#include <interfaces/arch.h>
#include <interfaces/ktest.h>
#include <interfaces/lib.h>

/* Index of the component called @name (@len bytes) in the record, or -1. */
static int component_index(const char *name, size_t len)
{
	unsigned int i;

	for (i = 0; i < composition.nr_components; i++) {
		const char *c = composition.components[i].name;

		if (strlen(c) == len && !strncmp(c, name, len))
			return (int)i;
	}
	return -1;
}

static const struct composition_interface *find_interface(const char *name)
{
	unsigned int i;

	for (i = 0; i < composition.nr_interfaces; i++)
		if (!strcmp(composition.interfaces[i].name, name))
			return &composition.interfaces[i];
	return NULL;
}

static void product_and_arch(struct ktest *t)
{
	KTEST_ASSERT(t, composition.product != NULL && composition.arch != NULL);
	KTEST_EXPECT_STREQ(t, composition.product, TESSERA_PRODUCT);
	KTEST_EXPECT_STREQ(t, composition.arch, arch_name());
	KTEST_EXPECT_STREQ(t, composition.arch, TESSERA_ARCH);
	KTEST_EXPECT_STREQ(t, CONFIG_ARCH, arch_name());
}

static void components_listed_once(struct ktest *t)
{
	const struct composition_component *comps = composition.components;
	unsigned int i, j;

	/* The count is where the terminator is. */
	KTEST_ASSERT(t, composition.nr_components > 0);
	for (i = 0; i < composition.nr_components; i++) {
		KTEST_ASSERT(t, comps[i].name != NULL);
		KTEST_EXPECT(t, comps[i].name[0] != '\0');
		/* Products built for size record names only (BOOT_COMPOSITION_DETAILS). */
		if (IS_ENABLED(CONFIG_BOOT_COMPOSITION_DETAILS))
			KTEST_EXPECT(t, comps[i].summary != NULL && comps[i].summary[0] != '\0');
		else
			KTEST_EXPECT(t, comps[i].summary == NULL);
		for (j = 0; j < i; j++)
			KTEST_EXPECT(t, strcmp(comps[i].name, comps[j].name) != 0);
	}
	KTEST_EXPECT(t, comps[composition.nr_components].name == NULL);
	KTEST_EXPECT(t, comps[composition.nr_components].summary == NULL);

	KTEST_EXPECT(t, component_index("init", 4) >= 0);
	KTEST_EXPECT(t, component_index(arch_name(), strlen(arch_name())) >= 0);
}

/*
 * Every interface's providers: components of the record, comma-separated,
 * in name order (so none twice); `one` exactly one of them.
 */
static void interface_providers(struct ktest *t)
{
	const struct composition_interface *ifaces = composition.interfaces;
	unsigned int i, j;
	if (!IS_ENABLED(CONFIG_BOOT_COMPOSITION_DETAILS)) {
		/* Not recorded in this image: nothing to check but that. */
		KTEST_EXPECT_EQ(t, composition.nr_interfaces, 0);
		return;
	}

	KTEST_ASSERT(t, composition.nr_interfaces > 0);
	for (i = 0; i < composition.nr_interfaces; i++) {
		const struct composition_interface *iface = &ifaces[i];
		const char *p, *prev = NULL;
		size_t prev_len = 0;
		unsigned int nr = 0;
		bool one;

		KTEST_ASSERT(t, iface->name && iface->cardinality && iface->providers);
		for (j = 0; j < i; j++)
			KTEST_EXPECT(t, strcmp(iface->name, ifaces[j].name) != 0);
		one = !strcmp(iface->cardinality, "one");
		KTEST_EXPECT(t, one || !strcmp(iface->cardinality, "many"));

		for (p = iface->providers; ; p++) {
			const char *comma = strchr(p, ',');
			size_t len = comma ? (size_t)(comma - p) : strlen(p);

			nr++;
			if (component_index(p, len) < 0)
				ktest_fail(t, __FILE__, __LINE__,
					   "interface %s: provider '%.*s' is not a component",
					   iface->name, (int)len, p);
			if (prev) {
				int cmp = strncmp(prev, p, MIN(prev_len, len));

				if (cmp > 0 || (cmp == 0 && prev_len >= len))
					ktest_fail(t, __FILE__, __LINE__,
						   "interface %s: providers not in name order: %s",
						   iface->name, iface->providers);
			}
			prev = p;
			prev_len = len;
			if (!comma)
				break;
			p = comma;
		}
		if (one && nr != 1)
			ktest_fail(t, __FILE__, __LINE__,
				   "interface %s is `one` but lists %u providers: %s",
				   iface->name, nr, iface->providers);
	}
	KTEST_EXPECT(t, ifaces[composition.nr_interfaces].name == NULL);
}

/* The providers of the interfaces the running kernel itself stands on. */
static void chosen_providers(struct ktest *t)
{
	const struct composition_interface *arch = find_interface("arch");
	const struct composition_interface *kernel = find_interface("kernel");
	const struct composition_interface *ktest = find_interface("ktest");
	if (!IS_ENABLED(CONFIG_BOOT_COMPOSITION_DETAILS)) {
		/* Not recorded in this image: nothing to check but that. */
		KTEST_EXPECT_EQ(t, composition.nr_interfaces, 0);
		return;
	}

	KTEST_ASSERT(t, arch && kernel && ktest);
	KTEST_EXPECT_STREQ(t, arch->cardinality, "one");
	KTEST_EXPECT_STREQ(t, arch->providers, arch_name());
	KTEST_EXPECT_STREQ(t, kernel->providers, "init");
	KTEST_EXPECT_STREQ(t, ktest->providers, "ktest");
}

/* autoconf.h and the record agree on which of the tree's interfaces are enabled. */
static void interfaces_match_autoconf(struct ktest *t)
{
#define INTERFACE_HAVE(name, NAME) { #name, IS_ENABLED(HAVE_##NAME) },
	static const struct {
		const char *name;
		bool have;
	} known[] = { TESSERA_TREE_INTERFACES(INTERFACE_HAVE) };
#undef INTERFACE_HAVE
	unsigned int i;

	if (!IS_ENABLED(CONFIG_BOOT_COMPOSITION_DETAILS)) {
		/* Not recorded in this image: nothing to check but that. */
		KTEST_EXPECT_EQ(t, composition.nr_interfaces, 0);
		return;
	}

	KTEST_ASSERT(t, ARRAY_SIZE(known) >= composition.nr_interfaces);
	for (i = 0; i < ARRAY_SIZE(known); i++) {
		bool listed = find_interface(known[i].name) != NULL;

		if (listed != known[i].have)
			ktest_fail(t, __FILE__, __LINE__, "interface %s: HAVE_ says %d, record %d",
				   known[i].name, known[i].have, listed);
	}
	/* A kernel that runs this has these, whatever the product. */
	KTEST_EXPECT(t, IS_ENABLED(HAVE_ARCH) && IS_ENABLED(HAVE_KERNEL) &&
			IS_ENABLED(HAVE_KTEST) && IS_ENABLED(HAVE_PRINTK) &&
			IS_ENABLED(HAVE_PANIC) && IS_ENABLED(HAVE_LIB) && IS_ENABLED(HAVE_CONSOLE));
}

static void initcall_table(struct ktest *t)
{
	unsigned int i, j;

	for (i = 0; i < nr_initcalls; i++) {
		const struct initcall *call = &initcalls[i];

		KTEST_ASSERT(t, call->component != NULL);
		KTEST_EXPECT(t, call->fn != NULL);
		if (component_index(call->component, strlen(call->component)) < 0)
			ktest_fail(t, __FILE__, __LINE__, "initcall of '%s', not a component",
				   call->component);
		for (j = 0; j < i; j++) {
			KTEST_EXPECT(t, strcmp(call->component, initcalls[j].component) != 0);
			KTEST_EXPECT(t, call->fn != initcalls[j].fn);
		}
	}
	/* nr_initcalls is the terminator's index, not more nor less. */
	KTEST_EXPECT(t, initcalls[nr_initcalls].component == NULL);
	KTEST_EXPECT(t, initcalls[nr_initcalls].fn == NULL);
	/* init itself has none: start_kernel runs the table. */
	KTEST_EXPECT(t, component_index("init", 4) >= 0);
	for (i = 0; i < nr_initcalls; i++)
		KTEST_EXPECT(t, strcmp(initcalls[i].component, "init") != 0);
	/* Never more initcalls than components. */
	KTEST_EXPECT(t, nr_initcalls <= composition.nr_components);
}

/* The generated ktest table holds this suite, once, and ends where it says. */
static void ktest_table(struct ktest *t)
{
	unsigned int i, j, found = 0;

	for (i = 0; i < nr_ktest_suites; i++) {
		KTEST_ASSERT(t, ktest_suites[i] != NULL);
		if (!strcmp(ktest_suites[i]->name, "init"))
			found++;
		for (j = 0; j < i; j++)
			KTEST_EXPECT(t, strcmp(ktest_suites[i]->name, ktest_suites[j]->name) != 0);
	}
	KTEST_EXPECT(t, ktest_suites[nr_ktest_suites] == NULL);
	KTEST_EXPECT_EQ(t, found, 1);
}

KTEST_SUITE(init,
	KTEST_CASE(product_and_arch),
	KTEST_CASE(components_listed_once),
	KTEST_CASE(interface_providers),
	KTEST_CASE(chosen_providers),
	KTEST_CASE(interfaces_match_autoconf),
	KTEST_CASE(initcall_table),
	KTEST_CASE(ktest_table),
);
