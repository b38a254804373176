/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The driver core's rules, on a bus of the test's own that no builtin
 * driver names: a registered device is listed and stays unbound; devices
 * on an unknown bus or without a name are refused; a bus name is taken
 * once; bus_for_each_dev visits one bus's devices and stops early when
 * told; a device unregistered is gone. And the builtin table the graph
 * produced is well formed.
 */
#include <interfaces/driver_core.h>
#include <interfaces/ktest.h>
#include <interfaces/lib.h>
#include <tessera/errno.h>

static int ktest_bus_matches;

static const struct device_id *ktest_bus_match(struct device *dev,
					       const struct device_id *ids)
{
	(void)dev;
	(void)ids;
	ktest_bus_matches++;
	return NULL;
}

static struct bus_type ktest_bus = {
	.name = "ktest-bus",
	.match = ktest_bus_match,
};

static struct bus_type ktest_bus_twin = {
	.name = "ktest-bus",
	.match = ktest_bus_match,
};

static struct bus_type unregistered_bus = {
	.name = "nowhere",
	.match = ktest_bus_match,
};

static struct device devs[3];

static int count_dev(struct device *dev, void *data)
{
	(void)dev;
	(*(int *)data)++;
	return 0;
}

static int stop_at_second(struct device *dev, void *data)
{
	int *n = data;

	(void)dev;
	return ++*n == 2 ? 42 : 0;
}

static void register_and_list(struct ktest *t)
{
	int i, n = 0;

	KTEST_ASSERT(t, bus_register(&ktest_bus) == 0);
	KTEST_EXPECT_EQ(t, bus_register(&ktest_bus), -EEXIST);
	KTEST_EXPECT_EQ(t, bus_register(&ktest_bus_twin), -EEXIST);

	for (i = 0; i < 3; i++) {
		snprintf(devs[i].name, sizeof(devs[i].name), "ktest%d", i);
		devs[i].bus = &ktest_bus;
		KTEST_EXPECT_EQ(t, device_register(&devs[i]), 0);
		/* No builtin driver is for this bus: never even matched. */
		KTEST_EXPECT(t, devs[i].driver == NULL);
	}
	KTEST_EXPECT_EQ(t, ktest_bus_matches, 0);

	bus_for_each_dev(&ktest_bus, &n, count_dev);
	KTEST_EXPECT_EQ(t, n, 3);
	n = 0;
	KTEST_EXPECT_EQ(t, bus_for_each_dev(&ktest_bus, &n, stop_at_second), 42);
	KTEST_EXPECT_EQ(t, n, 2);
	/* All buses: ours and whatever the product found. */
	n = 0;
	bus_for_each_dev(NULL, &n, count_dev);
	KTEST_EXPECT(t, n >= 3);
}

static void refused(struct ktest *t)
{
	struct device stray = { .name = "stray", .bus = &unregistered_bus };
	struct device nameless = { .bus = &ktest_bus };
	struct bus_type no_match = { .name = "no-match" };

	KTEST_EXPECT_EQ(t, device_register(&stray), -ENODEV);
	KTEST_EXPECT_EQ(t, device_register(&nameless), -EINVAL);
	KTEST_EXPECT_EQ(t, device_register(NULL), -EINVAL);
	KTEST_EXPECT_EQ(t, bus_register(&no_match), -EINVAL);
}

static void unregister(struct ktest *t)
{
	int i, n = 0;

	device_unregister(&devs[1]);
	bus_for_each_dev(&ktest_bus, &n, count_dev);
	KTEST_EXPECT_EQ(t, n, 2);
	device_unregister(&devs[0]);
	device_unregister(&devs[2]);
	n = 0;
	bus_for_each_dev(&ktest_bus, &n, count_dev);
	KTEST_EXPECT_EQ(t, n, 0);
	for (i = 0; i < 3; i++)
		KTEST_EXPECT(t, devs[i].driver == NULL);
}

static void builtin_table(struct ktest *t)
{
	unsigned int i;

	for (i = 0; i < nr_builtin_drivers; i++) {
		const struct builtin_driver *bd = &builtin_drivers[i];
		const struct device_id *id;
		unsigned int n = 0;

		KTEST_ASSERT(t, bd->bus && bd->driver && bd->ids);
		KTEST_EXPECT(t, bd->driver->name != NULL);
		KTEST_EXPECT(t, bd->driver->probe != NULL);
		/* The driver's own idea of its bus agrees with its manifest. */
		if (bd->driver->bus)
			KTEST_EXPECT_STREQ(t, bd->driver->bus, bd->bus);
		for (id = bd->ids; !device_id_is_end(id) && n < 64; id++)
			n++;
		KTEST_EXPECT(t, n >= 1 && n < 64);
	}
}

KTEST_SUITE(driver_core,
	KTEST_CASE(register_and_list),
	KTEST_CASE(refused),
	KTEST_CASE(unregister),
	KTEST_CASE(builtin_table),
);
