# SPDX-License-Identifier: Apache-2.0
"""Object-type interfaces and driver match tables.

An object type is a ``many`` interface with ``object = "<struct>"``: each
operation takes the instance (``struct <struct> *``) first; the generated
header declares ``struct <name>_ops`` and each provider's ops, the table
lists the built-in types. A component's ``drivers`` key declares drivers
and their match tables, collected into ``driver_table.c``.
"""

import json
import os
import shutil
import subprocess

import pytest

from conftest import ROOT, run
from test_errors import fails

GCC = shutil.which("gcc")
CFLAGS = ["-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror", "-fno-pie"]
needs_gcc = pytest.mark.skipif(GCC is None, reason="gcc is not installed")

CON = "include/interfaces/con.toml"
SINK_A = "components/drivers/sa/component.toml"

# Minimal stand-ins for the driver core's header (include/tessera/device.h,
# owned by the driver core): only the names driver_table.c uses.
DEVICE_H = """
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef FIXTURE_DEVICE_H
#define FIXTURE_DEVICE_H
#include <tessera/types.h>
struct device_driver { const char *name; };
struct device_id { const char *compatible; u16 vendor, device; };
struct builtin_driver { const char *bus; struct device_driver *driver; const struct device_id *ids; };
extern const struct builtin_driver builtin_drivers[];
extern const unsigned int nr_builtin_drivers;
#endif
"""


def object_iface(tree, ops=("void write(struct con *c, const char *buf, size_t len)",
                            "int flags(const struct con *c)"), obj="con", card="many"):
    tree.write(CON, f'name = "con"\nsummary = "Consoles"\ncardinality = "{card}"\n'
               f'object = "{obj}"\nops = [\n' + "".join(f'  "{o}",\n' for o in ops) + "]\n")


@pytest.fixture
def objects(basic):
    object_iface(basic)
    basic.comp("sa", sub="drivers", provides=["con"])
    basic.comp("sb", sub="drivers", provides=["con"], prefix="second")
    basic.comp("owner", requires=["con"])
    basic.write("graphs/p/defconfig", "CONFIG_COMP_APP=y\nCONFIG_COMP_OWNER=y\n"
                "CONFIG_COMP_SA=y\nCONFIG_COMP_SB=y\n")
    return basic


def gen(tree, tmp_path, product="p"):
    out = tmp_path / "gen"
    status, _, err = run(tree, "gen", "--product", product, "--out", str(out))
    assert status == 0, err
    return out


def cc(tmp_path, gen_dir, name, text, includes=()):
    src = tmp_path / f"{name}.c"
    src.write_text(text)
    obj = tmp_path / f"{name}.o"
    inc = [a for d in (*includes, gen_dir, os.path.join(ROOT, "include")) for a in ("-I", str(d))]
    res = subprocess.run([GCC, *CFLAGS, *inc, "-c", str(src), "-o", str(obj)],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    return obj


# --- object types ------------------------------------------------------------------

def test_object_header_and_table(objects, tmp_path):
    out = gen(objects, tmp_path)
    header = (out / "interfaces" / "con.h").read_text()
    assert "(object type struct con, many)" in header
    assert "struct con;\n" in header
    assert ("struct con_ops {\n\tvoid (*write)(struct con *c, const char *buf, size_t len);\n"
            "\tint (*flags)(const struct con *c);\n};") in header
    assert "extern const struct con_ops sa_con_ops;" in header
    assert "extern const struct con_ops second_con_ops;" in header
    assert "#define CON_NR_TYPES 2" in header and "for_each_con_type(ops)" in header
    # The owner's instance list keeps the plain name free.
    assert "for_each_con(" not in header
    table = (out / "interfaces" / "con.c").read_text()
    assert table.index("&sa_con_ops") < table.index("&second_con_ops")
    assert "con_types[]" in table and '"sa",\n\t"sb",' in table
    assert "interfaces/con.c" in (out / "components.cmake").read_text()
    data = json.loads((out / "graph.json").read_text())
    (con,) = [i for i in data["interfaces"] if i["name"] == "con"]
    assert con["object"] == "con" and con["cardinality"] == "many"
    (lib,) = [i for i in data["interfaces"] if i["name"] == "lib"]
    assert lib["object"] is None


INSTANCES = """
#include <interfaces/con.h>
struct con { const char *name; const struct con_ops *ops; int written; int flag; };
static void write_a(struct con *c, const char *buf, size_t len) { (void)buf; c->written += (int)len; }
static int flags_a(const struct con *c) { return c->flag; }
static void write_b(struct con *c, const char *buf, size_t len) { (void)buf; c->written += 10 * (int)len; }
const struct con_ops sa_con_ops = { .write = write_a, .flags = flags_a };
const struct con_ops second_con_ops = { .write = write_b, .flags = flags_a };
/* Three instances of two types: the state is per instance. */
static struct con cons[] = {
	{ "a0", &sa_con_ops, 0, 1 }, { "a1", &sa_con_ops, 0, 2 }, { "b0", &second_con_ops, 0, 4 },
};
int main(void)
{
	const struct con_ops *ops;
	int types = 0, flags = 0;
	unsigned int i;
	for_each_con_type(ops)
		types++;
	for (i = 0; i < 3; i++) {
		cons[i].ops->write(&cons[i], "abc", 3);
		flags |= cons[i].ops->flags(&cons[i]);
	}
	return (types == CON_NR_TYPES && cons[0].written == 3 && cons[1].written == 3 &&
		cons[2].written == 30 && flags == 7) ? 0 : 1;
}
"""


@needs_gcc
def test_object_dispatch_compiles_and_runs(objects, tmp_path):
    out = gen(objects, tmp_path)
    objs = [cc(tmp_path, out, "main", INSTANCES),
            cc(tmp_path, out, "table", (out / "interfaces" / "con.c").read_text())]
    exe = tmp_path / "cons"
    subprocess.run([GCC, "-no-pie", *map(str, objs), "-o", str(exe)], check=True)
    assert subprocess.run([str(exe)]).returncode == 0
    assert ".rodata" in subprocess.run(["objdump", "-h", str(objs[1])],
                                       capture_output=True, text=True).stdout


@needs_gcc
def test_struct_in_a_one_interface_prototype_is_declared(basic, tmp_path):
    """A `one` op naming a struct nobody declared compiles without warnings."""
    basic.iface("core", ops=["int core_get(struct thing *t)"])
    out = gen(basic, tmp_path)
    assert "struct thing;\n" in (out / "interfaces" / "core.h").read_text()
    cc(tmp_path, out, "user", "#include <interfaces/core.h>\nint f(struct thing *t);\n"
       "int f(struct thing *t) { return core_get(t); }\n")


def test_one_stays_direct(objects, tmp_path):
    out = gen(objects, tmp_path)
    header = (out / "interfaces" / "core.h").read_text()
    assert "static inline" in header and "_ops" not in header


@pytest.mark.parametrize("op,got", [
    ("void write(const char *buf, size_t len)", "'const char *buf'"),
    ("void write(void)", "no parameter"),
    ("void write(struct con c)", "'struct con c'"),
    ("void write(struct con **c)", "'struct con **c'"),
    ("void write(struct other *c)", "'struct other *c'"),
    ("void write(int n, struct con *c)", "'int n'"),
])
def test_object_op_without_instance(basic, op, got):
    object_iface(basic, ops=["int flags(const struct con *c)", op])
    fails(basic, f"{CON}:7: error:", "operation 'write' of object type 'con'",
          "must take the instance first ('struct con *<name>')", got)


def test_object_only_for_many(basic):
    object_iface(basic, card="one")
    fails(basic, f"{CON}:4: error:", "object applies only to cardinality = \"many\"")


def test_object_not_an_identifier(basic):
    object_iface(basic, obj="con sole")
    fails(basic, f"{CON}:4: error:", "object 'con sole' is not a C identifier")


def test_object_errors_through_the_cli(basic, tmp_path):
    object_iface(basic, ops=["void write(char *buf)"])
    res = subprocess.run([os.path.join(ROOT, "tools", "tessera-cli"), "--root", basic.path,
                          "check"], capture_output=True, text=True)
    assert res.returncode == 2
    assert res.stderr.startswith(f"{CON}:6: error: operation 'write'"), res.stderr
    assert "Traceback" not in res.stderr


# --- driver match tables -------------------------------------------------------------

DRIVERS = """
drivers = [
  { bus = "platform", driver = "sa_platform_driver", compatible = ["ns16550a", "ns16550"] },
  { bus = "pci", driver = "sa_pci_driver", pci = [ { vendor = 0x1af4, device = 0x1042 },
                                                   { vendor = 0x8086, device = 0x100e } ] },
]
"""


def with_driver_core(tree, config="CONFIG_COMP_SA=y\nCONFIG_COMP_SB=y\n"):
    """A driver core (interface driver_core) in the product: what binds drivers."""
    tree.iface("driver_core", ops=["int driver_register(struct device_driver *drv)"],
               naming="direct")
    tree.comp("dcore", provides=["driver_core"])
    tree.write("graphs/p/defconfig", "CONFIG_COMP_APP=y\nCONFIG_COMP_OWNER=y\n"
               "CONFIG_COMP_DCORE=y\n" + config)


def with_drivers(tree, text=DRIVERS, comp="sa"):
    path = f"components/drivers/{comp}/component.toml"
    with open(os.path.join(tree.path, path), encoding="utf-8") as f:
        head = f.read()
    tree.write(path, head + text)
    return path


def test_driver_table(objects, tmp_path):
    with_driver_core(objects)
    with_drivers(objects)
    with_drivers(objects, 'drivers = [ { bus = "platform", driver = "b_drv", '
                 'compatible = ["acme,b"] } ]\n', comp="sb")
    out = gen(objects, tmp_path)
    table = (out / "driver_table.c").read_text()
    assert table.startswith("/* SPDX-License-Identifier: Apache-2.0 */")
    assert "#include <tessera/device.h>\n" in table
    assert "extern struct device_driver sa_platform_driver;\n" in table
    assert ("static const struct device_id sa_platform_driver_ids[] = {\n"
            '\t{ .compatible = "ns16550a" },\n\t{ .compatible = "ns16550" },\n\t{ 0 },\n};') in table
    assert ("static const struct device_id sa_pci_driver_ids[] = {\n"
            "\t{ .vendor = 0x1af4, .device = 0x1042 },\n"
            "\t{ .vendor = 0x8086, .device = 0x100e },\n\t{ 0 },\n};") in table
    # Component name order (sa before sb), manifest order inside one.
    a = table.index('{ .bus = "platform", .driver = &sa_platform_driver, .ids = sa_platform_driver_ids }')
    b = table.index('{ .bus = "pci", .driver = &sa_pci_driver, .ids = sa_pci_driver_ids }')
    c = table.index('{ .bus = "platform", .driver = &b_drv, .ids = b_drv_ids }')
    assert a < b < c
    assert "const unsigned int nr_builtin_drivers = 3;\n" in table
    assert "driver_table.c" in (out / "components.cmake").read_text()
    data = json.loads((out / "graph.json").read_text())
    assert data["drivers"][1] == {"bus": "pci", "driver": "sa_pci_driver", "component": "sa",
                                  "pci": [{"vendor": 0x1af4, "device": 0x1042},
                                          {"vendor": 0x8086, "device": 0x100e}]}
    (sa,) = [c for c in data["components"] if c["name"] == "sa"]
    assert sa["drivers"][0] == {"bus": "platform", "driver": "sa_platform_driver",
                                "compatible": ["ns16550a", "ns16550"]}
    # Deterministic.
    again = gen(objects, tmp_path / "again")
    assert (again / "driver_table.c").read_text() == table


@needs_gcc
def test_driver_table_compiles(objects, tmp_path):
    with_driver_core(objects)
    with_drivers(objects)
    objects.write("include/tessera/device.h", DEVICE_H)
    out = gen(objects, tmp_path)
    defs = cc(tmp_path, out, "defs", "#include <tessera/device.h>\n"
              "struct device_driver sa_platform_driver = { \"p\" };\n"
              "struct device_driver sa_pci_driver = { \"q\" };\n"
              "#include <string.h>\nint main(void) { return !(nr_builtin_drivers == 2 &&"
              " builtin_drivers[0].driver == &sa_platform_driver &&"
              " !strcmp(builtin_drivers[0].ids[1].compatible, \"ns16550\") &&"
              " !builtin_drivers[0].ids[2].compatible &&"
              " builtin_drivers[1].ids[0].vendor == 0x1af4 && !builtin_drivers[2].driver); }\n",
              includes=[os.path.join(objects.path, "include")])
    table = cc(tmp_path, out, "driver_table", (out / "driver_table.c").read_text(),
               includes=[os.path.join(objects.path, "include")])
    exe = tmp_path / "drivers"
    subprocess.run([GCC, "-no-pie", str(defs), str(table), "-o", str(exe)], check=True)
    assert subprocess.run([str(exe)]).returncode == 0


def test_no_driver_table_without_the_driver_core(objects, tmp_path):
    """Drivers but nothing to bind them: no table (the driver objects may not exist)."""
    with_drivers(objects)
    out = gen(objects, tmp_path)
    assert not (out / "driver_table.c").exists()


def test_no_driver_table_without_drivers(objects, tmp_path):
    out = gen(objects, tmp_path)
    assert not (out / "driver_table.c").exists()
    assert "driver_table.c" not in (out / "components.cmake").read_text()
    assert json.loads((out / "graph.json").read_text())["drivers"] is None


def test_empty_driver_table_with_the_driver_core(objects, tmp_path):
    """The driver core (interface driver_core) gets a table even with no driver."""
    objects.iface("driver_core", ops=["int driver_register(struct device_driver *drv)"],
                  naming="direct")
    objects.comp("dcore", provides=["driver_core"])
    objects.write("graphs/p/defconfig", "CONFIG_COMP_APP=y\nCONFIG_COMP_DCORE=y\n")
    out = gen(objects, tmp_path)
    table = (out / "driver_table.c").read_text()
    assert "const unsigned int nr_builtin_drivers = 0;\n" in table
    assert "{ .bus = NULL, .driver = NULL, .ids = NULL }" in table
    assert json.loads((out / "graph.json").read_text())["drivers"] == []


def test_disabled_driver_not_in_table(objects, tmp_path):
    with_drivers(objects, 'drivers = [ { bus = "platform", driver = "b_drv", '
                 'compatible = ["acme,b"] } ]\n', comp="sb")
    with_driver_core(objects, "CONFIG_COMP_SA=y\n")
    out = gen(objects, tmp_path)
    assert "b_drv" not in (out / "driver_table.c").read_text()


@pytest.mark.parametrize("entry,line,words", [
    ('{ bus = "usb", driver = "d", compatible = ["x"] }', 6, ["unknown bus 'usb'", "pci, platform"]),
    ('{ bus = "pci", driver = "d", pci = [ { vendor = 0x10000, device = 1 } ] }', 6,
     ["pci vendor 65536 must be an integer in 0..0xffff"]),
    ('{ bus = "pci", driver = "d", pci = [ { vendor = 1, device = -1 } ] }', 6,
     ["pci device -1 must be an integer in 0..0xffff"]),
    ('{ bus = "pci", driver = "d", pci = [ { vendor = "1", device = 1 } ] }', 6,
     ["pci vendor '1' must be an integer"]),
    ('{ bus = "pci", driver = "d", pci = [ { vendor = 1 } ] }', 6, ["a pci id needs 'device'"]),
    ('{ bus = "pci", driver = "d", pci = [ { vendor = 1, device = 2, class = 3 } ] }', 6,
     ["unknown key 'class' in a pci id"]),
    ('{ bus = "pci", driver = "d", pci = [] }', 6, ["'pci' must be a non-empty list"]),
    ('{ bus = "pci", driver = "d", compatible = ["x"] }', 6, ["matches by 'pci', not 'compatible'"]),
    ('{ bus = "platform", driver = "d", compatible = [] }', 6,
     ["'compatible' must be a non-empty list of strings"]),
    ('{ bus = "platform", driver = "d", compatible = ["ok",\n    ""] }', 7,
     ["compatible string '' must be non-empty"]),
    ('{ bus = "platform", driver = "d", compatible = ["x", "x"] }', 6, ["compatible 'x' listed twice"]),
    ('{ bus = "platform", driver = "not c", compatible = ["x"] }', 6,
     ["driver 'not c' is not a C identifier"]),
    ('{ bus = "platform", compatible = ["x"] }', 6, ["needs string keys 'bus' and 'driver'"]),
    ('{ bus = "platform", driver = "d", compatible = ["x"], irq = 4 }', 6,
     ["unknown key 'irq' in a drivers entry"]),
])
def test_driver_errors(objects, entry, line, words):
    path = with_drivers(objects, f"drivers = [\n  {entry},\n]\n")
    fails(objects, f"{path}:{line}: error:", *words)


def test_driver_listed_twice(objects):
    path = with_drivers(objects, 'drivers = [\n  { bus = "platform", driver = "d", compatible = ["x"] },\n'
                        '  { bus = "platform", driver = "d", compatible = ["y"] },\n]\n')
    fails(objects, f"{path}:7: error:", "driver 'd' listed twice")


def test_driver_clash_between_components(objects):
    with_drivers(objects, 'drivers = [ { bus = "platform", driver = "d", compatible = ["x"] } ]\n')
    path = with_drivers(objects, 'drivers = [ { bus = "platform", driver = "d", compatible = ["y"] } ]\n',
                        comp="sb")
    fails(objects, f"{path}:6: error:", "driver 'd' of 'sb' clashes with the one of 'sa'")


def test_drivers_not_a_list_of_tables(objects):
    path = with_drivers(objects, 'drivers = ["d"]\n')
    fails(objects, f"{path}:5: error:", "'drivers'")


def test_upcalled_providers_init_first(basic, tmp_path):
    """printk upcalls `console`: the console types' initcalls (which register
    the instances) run before any other ready one, whatever the names."""
    object_iface(basic)
    basic.comp("zcon", sub="drivers", provides=["con"], requires=["lib"], init="zcon_init")
    basic.comp("owner", requires=["lib"], upcalls=["con"])
    basic.comp("aaa", requires=["lib"], init="aaa_init")
    basic.write("graphs/p/defconfig", "CONFIG_COMP_APP=y\nCONFIG_COMP_OWNER=y\n"
                "CONFIG_COMP_ZCON=y\nCONFIG_COMP_AAA=y\n")
    out = gen(basic, tmp_path)
    order = json.loads((out / "graph.json").read_text())["init_order"]
    assert order.index("zcon") < order.index("aaa") < order.index("core")
    # Still after what it depends on.
    basic.comp("zcon", sub="drivers", provides=["con"], requires=["core"], init="zcon_init")
    order = json.loads((gen(basic, tmp_path / "2") / "graph.json").read_text())["init_order"]
    assert order.index("core") < order.index("zcon")
