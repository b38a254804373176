# SPDX-License-Identifier: Apache-2.0
"""One case per user-error class, each on a small fixture tree.

Every case checks the exact ``path:line: error:`` prefix, the key words of
the message, exit status 2 and that no traceback escaped. The tree is the
``basic`` fixture of conftest.py (lib <- core <- app, product ``p``), whose
manifests read, line by line:

    lib:  name, summary, provides, sources
    core: name, summary, provides, requires, init, sources
    app:  name, summary, requires, init, sources
    graphs/p/product.toml: summary, arch, requires, [qemu], binary, machine
"""

import os
import re
import subprocess

import pytest

from conftest import ROOT, run

CLI = os.path.join(ROOT, "tools", "tessera-cli")


def fails(tree, where, *words, argv=None):
    """Run the CLI; assert a status-2 failure with a line starting ``where``
    and holding every word; return stderr."""
    argv = argv or ("gen", "--product", "p", "--out", os.path.join(tree.path, "..", "out"))
    status, _, err = run(tree, *argv)
    assert status == 2, err
    assert "Traceback" not in err
    lines = [l for l in err.splitlines() if l.startswith(where)]
    assert lines, f"no line starting {where!r} in:\n{err}"
    for word in words:
        assert any(word in l for l in lines), f"{word!r} not in {lines}"
    return err


def write_bytes(tree, rel, data):
    path = os.path.join(tree.path, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


LIB = "components/core/lib/component.toml"
CORE = "components/core/core/component.toml"
APP = "components/apps/app/component.toml"
PRODUCT = "graphs/p/product.toml"
DEFCONFIG = "graphs/p/defconfig"
FRAGMENT = "components/core/core/Kconfig"


# --- manifests ------------------------------------------------------------------

def test_empty_manifest(basic):
    basic.write(LIB, "")
    fails(basic, f"{LIB}:1: error: missing required key 'name'", "component manifest")


def test_toml_syntax_error_exact_line(basic):
    basic.write(LIB, 'name = "lib"\nsummary = "x"\nprovides = ["lib"\nsources = []\n')
    # The missing "]" is on line 3: tomllib stops on line 4, the tool says 3.
    fails(basic, f"{LIB}:3: error: TOML syntax error", "Unclosed array")


def test_toml_duplicate_key(basic):
    basic.write(LIB, 'name = "lib"\nsummary = "x"\nname = "lib"\n')
    fails(basic, f"{LIB}:3: error: TOML syntax error", "overwrite")


def test_list_where_a_table_is_expected(basic):
    basic.write(PRODUCT, 'summary = "x"\narch = "x86_64"\n[[qemu]]\nbinary = "q"\n')
    fails(basic, f"{PRODUCT}:3: error: key 'qemu' must be a table, not a list")
    basic.write(PRODUCT, 'summary = "x"\narch = "x86_64"\n\nqemu = ["pc"]\n')
    fails(basic, f"{PRODUCT}:4: error: key 'qemu' must be a table, not a list")


def test_table_where_a_string_is_expected(basic):
    basic.write(LIB, 'summary = "x"\n\n[name]\nfirst = "lib"\n')
    fails(basic, f"{LIB}:3: error: key 'name' must be a string, not a table")


def test_string_where_a_list_is_expected(basic):
    basic.write(LIB, 'name = "lib"\nsummary = "x"\nprovides = "lib"\n')
    fails(basic, f"{LIB}:3: error: key 'provides' must be a list of strings, not a string")


def test_wrong_item_type_points_at_the_item(basic):
    basic.write(LIB, 'name = "lib"\nsummary = "x"\nprovides = [\n  "lib",\n  3,\n]\n')
    fails(basic, f"{LIB}:5: error: key 'provides' must be a list of strings, "
          "item 2 is an integer")
    basic.write(LIB, 'name = "lib"\nsummary = "x"\nprovides = ["lib"]\nsyscalls = ["read"]\n')
    fails(basic, f"{LIB}:4: error: key 'syscalls' must be a list of tables, "
          "item 1 is a string")


def test_unknown_key_in_a_dotted_table(basic):
    basic.write(PRODUCT, 'summary = "x"\narch = "x86_64"\n\nqemu.machin = "pc"\n')
    fails(basic, f"{PRODUCT}:4: error: unknown key [qemu] 'machin' in product")


def test_syscall_entry_errors_point_at_the_entry(basic):
    basic.write(LIB, 'name = "lib"\nsummary = "x"\nprovides = ["lib"]\nsources = ["main.c"]\n'
                'syscalls = [\n  { name = "read", fn = "sys_read" },\n'
                '  { name = "write", fn = "sys_write", nr = 4 },\n  { name = "x" },\n]\n')
    fails(basic, f"{LIB}:7: error: unknown key 'nr' in a syscalls entry")
    fails(basic, f"{LIB}:8: error: a syscalls entry needs string keys 'name' and 'fn'")


def test_not_utf8_manifest(basic):
    write_bytes(basic, LIB, b'name = "lib"\nsummary = "caf\xe9"\nprovides = ["lib"]\n')
    fails(basic, f"{LIB}:2: error: not UTF-8", "0xe9")


def test_not_utf8_interface(basic):
    write_bytes(basic, "include/interfaces/core.toml",
                b'name = "core"\n\nsummary = "\xff"\ncardinality = "one"\n')
    err = fails(basic, "include/interfaces/core.toml:3: error: not UTF-8")
    assert f"{CORE}:3: error: component 'core' provides interface 'core' " \
           "(include/interfaces/core.toml is invalid)" in err


def test_not_utf8_product(basic):
    write_bytes(basic, PRODUCT, b'summary = "x"\narch = "x86_64\xfe"\n')
    fails(basic, f"{PRODUCT}:2: error: not UTF-8")


def test_summary_must_be_one_line(basic):
    basic.write(LIB, 'name = "lib"\nsummary = "two\\nlines"\nprovides = ["lib"]\n'
                'sources = ["main.c"]\n')
    fails(basic, f"{LIB}:2: error: summary must be one non-empty line")


def test_summary_is_never_expanded_by_kconfig(basic, tmp_path):
    marker = tmp_path / "expanded"
    basic.write(LIB, f'name = "lib"\nsummary = "lib $(shell,touch {marker})"\n'
                'provides = ["lib"]\nsources = ["main.c"]\n')
    status, _, err = run(basic, "kconfig", "--product", "p", "--out", str(tmp_path / "K"))
    assert status == 0, err
    status, _, err = run(basic, "gen", "--product", "p", "--out", str(tmp_path / "o"))
    assert status == 0, err
    assert not marker.exists()
    assert f"lib $(shell,touch {marker})" in (tmp_path / "o" / "composition.c").read_text()


def test_interface_listed_twice(basic):
    basic.write(CORE, 'name = "core"\nsummary = "x"\nprovides = ["core"]\n'
                'requires = [\n  "lib",\n  "lib",\n]\nsources = ["main.c"]\n')
    fails(basic, f"{CORE}:6: error: interface 'lib' listed twice in 'requires'")
    basic.write(CORE, 'name = "core"\nsummary = "x"\nprovides = ["core"]\n'
                'requires = ["lib"]\noptional = ["lib"]\nsources = ["main.c"]\n')
    fails(basic, f"{CORE}:5: error: interface 'lib' listed in both 'requires' and 'optional'")


def test_source_listed_twice(basic):
    basic.comp("lib", provides=["lib"], sources=["main.c", "main.c"])
    fails(basic, f"{LIB}:4: error: 'main.c' listed twice in 'sources'")


def test_source_escaping_the_folder(basic):
    basic.comp("lib", provides=["lib"], sources=["../core/main.c"], touch=False)
    fails(basic, f"{LIB}:4: error: source '../core/main.c' must be a relative .c or .S path")


def test_prefix_and_init_must_be_identifiers(basic):
    basic.comp("lib", provides=["lib"], prefix="1lib", init="lib-init")
    err = fails(basic, f"{LIB}:4: error: prefix '1lib' is not a C identifier")
    assert f"{LIB}:5: error: init 'lib-init' is not a C identifier" in err


def test_interface_cardinality_naming_and_ops(basic):
    basic.write("include/interfaces/core.toml",
                'name = "core"\nsummary = "x"\ncardinality = "some"\nnaming = "odd"\n'
                'ops = [\n  "int core_get(void)",\n  "int core_get(void)",\n'
                '  "garbage",\n  "int f(int a); int g(void)",\n]\n')
    path = "include/interfaces/core.toml"
    err = fails(basic, f"{path}:3: error: cardinality must be \"one\" or \"many\", not \"some\"")
    assert f"{path}:4: error: naming must be \"prefixed\" or \"direct\", not \"odd\"" in err
    assert f"{path}:7: error: operation 'core_get' declared twice" in err
    assert f"{path}:8: error: cannot parse operation 'garbage'" in err
    assert f"{path}:9: error: operation 'int f(int a); int g(void)' is not a single C " \
           "prototype (unexpected ';')" in err


def test_interface_nobody_declares_optional_and_upcall(basic):
    basic.comp("core", provides=["core"], requires=["lib"], optional=["ghost"],
               upcalls=["phantom"])
    err = fails(basic, f"{CORE}:5: error: component 'core' optionally uses interface 'ghost' "
                "that nobody declares")
    assert f"{CORE}:6: error: component 'core' upcalls interface 'phantom' that nobody " \
           "declares" in err


# --- Kconfig fragments ---------------------------------------------------------------

def test_fragment_not_utf8(basic):
    write_bytes(basic, FRAGMENT, b'config CORE_X\n\tbool "x"\n\thelp\n\t  caf\xe9\n')
    fails(basic, f"{FRAGMENT}:4: error: not UTF-8")


def test_fragment_unclosed_block_points_at_its_opening(basic):
    basic.write(FRAGMENT, 'config CORE_A\n\tbool "a"\n\thelp\n\t  if this menu\n\n'
                'if CORE_A\nconfig CORE_B\n\tbool "b"\n')
    fails(basic, f"{FRAGMENT}:6: error: 'if' without a matching 'endif'")
    basic.write(FRAGMENT, 'menu "Core"\nconfig CORE_A\n\tbool "a"\n')
    fails(basic, f"{FRAGMENT}:1: error: 'menu' without a matching 'endmenu'")


def test_fragment_missing_source(basic):
    basic.write(FRAGMENT, 'source "components/core/core/Kconfig.nope"\n')
    fails(basic, f"{FRAGMENT}:1: error:", "Kconfig.nope", "not found")


def test_fragment_may_not_redefine_a_generated_symbol(basic):
    basic.write(FRAGMENT, 'config COMP_LIB\n\tbool "lib"\n\tdepends on CORE_X\n'
                'config CORE_X\n\tbool "x"\n')
    fails(basic, f"{FRAGMENT}:1: error: COMP_LIB is defined more than once",
          "generated component Kconfig", "only its own symbols")


def test_fragments_may_not_share_a_symbol(basic):
    basic.write(FRAGMENT, 'config SHARED\n\tbool "a"\n')
    write_bytes(basic, "components/core/lib/Kconfig", b'\nconfig SHARED\n\tbool "b"\n')
    err = fails(basic, f"{FRAGMENT}:1: error: SHARED is defined more than once",
                "components/core/lib/Kconfig:2 (lib)")
    assert "components/core/lib/Kconfig:2: error: SHARED is defined more than once" in err


def test_fragment_warning_is_an_error(basic):
    basic.write(FRAGMENT, 'config CORE_X\n\tprompt "x"\n')
    fails(basic, f"{FRAGMENT}:1: error:", "CORE_X", "defined without a type")


def test_select_of_a_symbol_with_unmet_dependencies(basic):
    basic.write(FRAGMENT, 'config CORE_A\n\tbool "a"\n\tdepends on CORE_B\n'
                'config CORE_B\n\tbool "b"\nconfig CORE_C\n\tbool "c"\n\tselect CORE_A\n')
    basic.product("p", "CONFIG_COMP_APP=y\nCONFIG_CORE_C=y\n")
    fails(basic, f"{FRAGMENT}:1: error: CORE_A", "direct dependencies CORE_B && COMP_CORE",
          "selected by")


# --- configuration files -------------------------------------------------------------

def test_defconfig_line_without_equals(basic):
    basic.product("p", "CONFIG_COMP_APP=y\nCONFIG_FOO\n")
    fails(basic, f"{DEFCONFIG}:2: error: malformed line 'CONFIG_FOO'",
          "expected CONFIG_NAME=value")


def test_defconfig_not_utf8(basic):
    write_bytes(basic, DEFCONFIG, b"CONFIG_COMP_APP=y\n# caf\xe9\n")
    fails(basic, f"{DEFCONFIG}:2: error: not UTF-8")


def test_defconfig_unknown_symbol(basic):
    basic.product("p", "CONFIG_COMP_APP=y\n\nCONFIG_COMP_NOPE=y\n")
    fails(basic, f"{DEFCONFIG}:3: error: unknown symbol CONFIG_COMP_NOPE")


def test_defconfig_assigned_twice(basic):
    basic.product("p", "CONFIG_COMP_APP=y\nCONFIG_COMP_LIB=y\nCONFIG_COMP_APP=n\n")
    fails(basic, f"{DEFCONFIG}:3: error: CONFIG_COMP_APP set more than once (first at line 1)")


@pytest.mark.parametrize("line, words", [
    ("CONFIG_COMP_LIB=m", ["'m' is not a value of the bool symbol COMP_LIB (use y or n)"]),
    ("CONFIG_COMP_LIB=yes", ["'yes' is not a value of the bool symbol COMP_LIB"]),
    ("CONFIG_CORE_LEVEL=abc", ["'abc' is not a value of the int symbol CORE_LEVEL"]),
    ("CONFIG_CORE_NAME=abc", ["the string symbol CORE_NAME needs a double-quoted value"]),
    ("CONFIG_CORE_MASK=0xzz", ["'0xzz' is not a value of the hex symbol CORE_MASK"]),
])
def test_defconfig_value_of_the_wrong_type(basic, line, words):
    basic.write(FRAGMENT, 'config CORE_LEVEL\n\tint "level"\n\trange 0 7\n\tdefault 3\n'
                'config CORE_NAME\n\tstring "name"\nconfig CORE_MASK\n\thex "mask"\n'
                '\tdefault 0x1\n')
    basic.product("p", f"CONFIG_COMP_APP=y\n{line}\n")
    err = fails(basic, f"{DEFCONFIG}:2: error:", *words)
    assert "did not take" not in err     # one error per line, not two


def test_defconfig_value_out_of_range(basic):
    write_bytes(basic, FRAGMENT, b'\nconfig CORE_LEVEL\n\tint "level"\n\trange 0 7\n\tdefault 3\n')
    basic.product("p", "CONFIG_COMP_APP=y\nCONFIG_CORE_LEVEL=9\n")
    fails(basic, f"{DEFCONFIG}:2: error: CONFIG_CORE_LEVEL=9 did not take (value is 3)",
          f"outside the range [0, 7] of CORE_LEVEL ({FRAGMENT}:2)")


def test_defconfig_symbol_inside_an_unsatisfied_depends_on(basic):
    basic.write(FRAGMENT, 'config CORE_A\n\tbool "a"\nconfig CORE_B\n\tbool "b"\n'
                '\tdepends on CORE_A\n')
    basic.product("p", "CONFIG_COMP_APP=y\nCONFIG_CORE_B=y\n")
    fails(basic, f"{DEFCONFIG}:2: error: CONFIG_CORE_B=y did not take (value is n): "
          "it depends on CORE_A && COMP_CORE (CORE_A is n)")


def test_defconfig_symbol_of_a_disabled_component(basic):
    basic.write("components/core/lib/Kconfig", 'config LIB_FAST\n\tbool "fast"\n')
    basic.comp("extra", sub="apps")
    basic.write("components/apps/extra/Kconfig", 'config EXTRA_X\n\tbool "x"\n')
    basic.product("p", "CONFIG_COMP_APP=y\nCONFIG_LIB_FAST=y\nCONFIG_EXTRA_X=y\n")
    err = fails(basic, f"{DEFCONFIG}:3: error: CONFIG_EXTRA_X=y did not take (value is n): "
                "it depends on COMP_EXTRA (COMP_EXTRA is n)")
    assert "LIB_FAST" not in err            # lib is enabled (required by app)


def test_defconfig_symbol_without_prompt(basic):
    basic.product("p", 'CONFIG_COMP_APP=y\nCONFIG_ARCH="riscv64"\n')
    fails(basic, f'{DEFCONFIG}:2: error: CONFIG_ARCH="riscv64" did not take (value is x86_64)',
          "no prompt")


def test_two_providers_of_a_one_interface(basic):
    basic.iface("mem", ops=["void *get(unsigned long n)"])
    basic.comp("mem-a", sub="mm", provides=["mem"])
    basic.comp("mem-b", sub="mm", provides=["mem"])
    basic.product("p", "CONFIG_COMP_APP=y\nCONFIG_COMP_MEM_A=y\nCONFIG_COMP_MEM_B=y\n")
    fails(basic, f"{DEFCONFIG}:2: error: CONFIG_COMP_MEM_A=y did not take (value is n): "
          "'mem' is a 'one' interface and COMP_MEM_B is its provider "
          "(CONFIG_COMP_MEM_B=y at line 3 chose it)")


def test_two_enabled_providers_caught_by_resolve(basic):
    """Kconfig's choice already prevents it; resolve checks again, with the chains."""
    from tessera import configure, load, resolve
    basic.iface("mem", ops=["void *get(unsigned long n)"])
    basic.comp("mem-a", sub="mm", provides=["mem"])
    basic.comp("mem-b", sub="mm", provides=["mem"])
    tree = load.load_tree(basic.path)
    cfg = configure.evaluate(tree, load.load_product(basic.path, "p", tree))
    cfg.enabled = lambda name: name != "mem-none"      # every component on
    with pytest.raises(load.TesseraError) as e:
        resolve.resolve(cfg)
    text = str(e.value)
    assert ("include/interfaces/mem.toml:3: error: interface 'mem' has cardinality one but "
            "several enabled providers: mem-a, mem-b") in text


def test_missing_configuration_files(basic, tmp_path):
    os.remove(os.path.join(basic.path, DEFCONFIG))
    fails(basic, f"{PRODUCT}:1: error: product 'p' has no defconfig")
    basic.product("p", "CONFIG_COMP_APP=y\n")
    fails(basic, "error: configuration file", "does not exist",
          argv=("gen", "--product", "p", "--out", str(tmp_path / "o"),
                "--config", str(tmp_path / "nope")))


# --- resolution ----------------------------------------------------------------------

def test_init_cycle_names_every_edge(basic):
    basic.iface("a", ops=["void a_op(void)"])
    basic.iface("b", ops=["void b_op(void)"])
    basic.comp("ca", provides=["a"], requires=["b"], init="ca_init")
    basic.comp("cb", provides=["b"], optional=["a"], init="cb_init")
    basic.comp("app", sub="apps", requires=["a"])
    fails(basic, "components/core/ca/component.toml:5: error: init order cycle: ca -> cb -> ca",
          "ca requires 'b' from cb; cb optionally uses 'a' from ca",
          "ca and cb both have an init function")


def test_init_cycle_through_a_component_without_init(basic):
    basic.iface("a", ops=["void a_op(void)"])
    basic.iface("b", ops=["void b_op(void)"])
    basic.iface("c", ops=["void c_op(void)"])
    basic.comp("ca", provides=["a"], requires=["b"], init="ca_init")
    basic.comp("cb", provides=["b"], requires=["c"])
    basic.comp("cc", provides=["c"], requires=["a"], init="cc_init")
    basic.comp("app", sub="apps", requires=["a"])
    fails(basic, "components/core/ca/component.toml:5: error: init order cycle: "
          "ca -> cb -> cc -> ca")


def test_arch_optional_use_orders_nothing(basic, tmp_path):
    """The arch (no init function) optionally calls the mm's fault handler,
    whose provider needs allocators that need the arch: used only from
    traps, so no cycle. Another init-less component's optional use still
    orders (it may run inside a caller's initcall): a cycle."""
    basic.iface("arch", ops=["void arch_op(void)"])
    basic.iface("mm", ops=["void mm_op(void)"])
    basic.iface("pages", ops=["void pages_op(void)"])
    basic.iface("slab", ops=["void slab_op(void)"])
    basic.comp("archy", provides=["arch"], optional=["mm"])
    basic.comp("pages", provides=["pages"], requires=["arch"], init="pages_init")
    basic.comp("slab", provides=["slab"], requires=["pages"], init="slab_init")
    basic.comp("mm", provides=["mm"], requires=["slab", "arch"])
    basic.comp("app", sub="apps", requires=["mm", "core", "lib"], init="app_init")
    status, _, err = run(basic, "gen", "--product", "p", "--out", str(tmp_path / "o"))
    assert status == 0, err
    basic.iface("arch2", ops=["void arch2_op(void)"])
    basic.comp("archy", provides=["arch2"], optional=["mm"])
    basic.comp("pages", provides=["pages"], requires=["arch2"], init="pages_init")
    basic.comp("mm", provides=["mm"], requires=["slab", "arch2"])
    fails(basic, "components/core/", "init order cycle")


def test_missing_provider_names_the_chain_and_the_candidates(basic):
    basic.iface("mem", ops=["void *get(unsigned long n)"])
    basic.comp("mem-x", sub="mm", provides=["mem"], arch=["riscv64"])
    basic.comp("mem-y", sub="mm", provides=["mem"], arch=["riscv64"])
    basic.comp("core", provides=["core"], requires=["lib", "mem"])
    fails(basic, f"{CORE}:4: error: component 'core' requires interface 'mem'; no enabled "
          "component provides it; 'mem-x' would, but it depends on ARCH_RISCV64 "
          "(ARCH_RISCV64 is n: product arch is x86_64); 'mem-y' would, but",
          "core is in the graph because: core <- required by app (interface core) "
          "<- CONFIG_COMP_APP=y (graphs/p/defconfig:1)")


def test_upcall_without_provider(basic):
    basic.iface("kernel", ops=["void start_kernel(void)"], naming="direct")
    basic.comp("lib", provides=["lib"], upcalls=["kernel"])
    fails(basic, f"{LIB}:4: error: component 'lib' upcalls interface 'kernel'; no enabled "
          "component provides it; no component provides 'kernel' at all")


def test_duplicate_c_names_among_enabled_components(basic):
    basic.comp("lib", provides=["lib"], init="core_init")
    fails(basic, f"{LIB}:4: error: init function 'core_init' of 'lib' is also the one of "
          f"'core' ({CORE}), and both are enabled")


# --- command line ----------------------------------------------------------------------

def test_bad_product_names(basic, tmp_path):
    out = str(tmp_path / "o")
    fails(basic, "error: no product 'nope' (no graphs/nope/product.toml); known products: p",
          argv=("gen", "--product", "nope", "--out", out))
    fails(basic, "error: bad product name '../p'",
          argv=("gen", "--product", "../p", "--out", out))
    for cmd in (("why", "--product", "nope", "lib"), ("list", "--product", "nope"),
                ("graph", "--product", "nope", "--out", out)):
        fails(basic, "error: no product 'nope'", argv=cmd)


def test_bad_root_and_unwritable_out(basic, tmp_path):
    status, _, err = run(str(tmp_path / "missing"), "check")
    assert status == 2 and "is not a directory" in err and "Traceback" not in err
    (tmp_path / "file").write_text("")
    fails(basic, f"error: {tmp_path / 'file'}:", argv=("gen", "--product", "p", "--out",
                                                      str(tmp_path / "file")))


def test_missing_top_level_kconfig(basic):
    os.remove(os.path.join(basic.path, "Kconfig"))
    fails(basic, "Kconfig:1: error: no top-level Kconfig in the tree")


def test_why_for_components_not_in_the_product(basic):
    basic.iface("mem", ops=["void *get(unsigned long n)"])
    basic.comp("mem-a", sub="mm", provides=["mem"])
    basic.comp("mem-b", sub="mm", provides=["mem"])
    basic.comp("core", provides=["core"], requires=["lib", "mem"])
    basic.comp("extra", sub="apps")
    basic.iface("sink", cardinality="many", ops=["void put(int c)"])
    basic.comp("s1", sub="drivers", provides=["sink"])
    basic.product("p", "CONFIG_COMP_APP=y\n# CONFIG_COMP_S1 is not set\n")
    status, out, err = run(basic, "why", "--product", "p", "mem-b")
    assert status == 0, err
    assert "mem-b is not enabled in p:\n  conflicting choice: 'mem' is a 'one' interface and its " \
           "provider in the product is 'mem-a' (the default provider)" in out
    status, out, _ = run(basic, "why", "--product", "p", "extra")
    assert status == 0 and "not needed by any root: no enabled component or product " \
        "requirement needs anything it provides, and graphs/p/defconfig does not set " \
        "CONFIG_COMP_EXTRA=y" in out
    status, out, _ = run(basic, "why", "--product", "p", "s1")
    assert status == 0 and "CONFIG_COMP_S1 is set to n (graphs/p/defconfig:2)" in out
    fails(basic, "error: no component 'nosuch' (known: app, core, extra, lib, mem-a, mem-b, s1)",
          argv=("why", "--product", "p", "nosuch"))


ADVERSARIAL = [
    (LIB, b""),
    (LIB, b"name = "),
    (LIB, b'name = "lib"\nsummary = "x"\nprovides = "lib"\n'),
    (LIB, b'name = "lib"\nsummary = "\xff"\n'),
    (LIB, b'["not", "a", "table"]\n'),
    (PRODUCT, b'summary = "x"\narch = "x86_64"\nqemu = [1]\ntest = []\n'),
    (PRODUCT, b"\xfe\xff"),
    (DEFCONFIG, b"CONFIG_FOO\n"),
    (DEFCONFIG, b"CONFIG_COMP_APP=\xff\n"),
    (FRAGMENT, b"config CORE_X\n\tbool \"x\"\n\tdefault y if (\n"),
    (FRAGMENT, b"if CORE_X\n"),
    (FRAGMENT, b"\xff\n"),
    ("include/interfaces/core.toml", b'name = "core"\nsummary = "x"\ncardinality = 1\n'),
]


@pytest.mark.parametrize("rel, data", ADVERSARIAL, ids=[f"{r}:{d[:12]!r}" for r, d in ADVERSARIAL])
def test_adversarial_inputs_never_print_a_traceback(basic, tmp_path, rel, data):
    """The real command line (a separate process), not just main()."""
    write_bytes(basic, rel, data)
    for argv in (["gen", "--product", "p", "--out", str(tmp_path / "o")], ["check"],
                 ["why", "--product", "p", "lib"], ["list", "--product", "p"]):
        res = subprocess.run([CLI, "--root", basic.path, *argv], capture_output=True,
                             text=True)
        assert res.returncode == 2, (argv, res.stderr)
        assert "Traceback" not in res.stderr and res.stderr.strip()
        for line in res.stderr.strip().splitlines():
            assert line.startswith(("error: ", "components/", "graphs/", "include/", " ")), line


def test_fragment_reading_the_environment(basic):
    basic.write(FRAGMENT, 'config CORE_X\n\tstring "x"\n\tdefault "$(HOME)"\n')
    fails(basic, f"{FRAGMENT}:3: error: the Kconfig reads the environment variable HOME")


def test_stale_snapshot_points_at_the_first_changed_line(basic):
    assert run(basic, "snapshot")[0] == 0
    assert run(basic, "check", "--generated")[0] == 0
    basic.comp("lib", provides=["lib"], prefix="libx")
    fails(basic, "generated/p/graph.json:18: error: stale: differs from a fresh run from here",
          argv=("check", "--generated"))


def test_duplicate_system_calls_among_enabled_components(basic):
    basic.write(LIB, 'name = "lib"\nsummary = "x"\nprovides = ["lib"]\nsources = ["main.c"]\n'
                'syscalls = [\n  { name = "getpid", fn = "sys_getpid" },\n]\n')
    basic.write(CORE, 'name = "core"\nsummary = "x"\nprovides = ["core"]\nrequires = ["lib"]\n'
                'sources = ["main.c"]\nsyscalls = [\n  { name = "uname", fn = "sys_uname" },\n'
                '  { name = "getpid", fn = "core_getpid" },\n]\n')
    fails(basic, f"{LIB}:6: error: system call 'getpid' of 'lib' is also the one of 'core'",
          "both are enabled")


# --- the product's requirements -------------------------------------------------

PRODUCT_HEAD = 'summary = "x"\narch = "x86_64"\n'


def test_product_requires_is_mandatory(basic):
    basic.write(PRODUCT, PRODUCT_HEAD + '[qemu]\nbinary = "q"\n')
    fails(basic, f"{PRODUCT}:1: error: missing required key 'requires' in product")


def test_product_requires_something(basic):
    basic.write(PRODUCT, PRODUCT_HEAD + "requires = []\n")
    fails(basic, f"{PRODUCT}:3: error: product 'p' requires nothing", "requires = [\"kernel\"]")


def test_product_requires_a_list_of_strings(basic):
    basic.write(PRODUCT, PRODUCT_HEAD + 'requires = "lib"\n')
    fails(basic, f"{PRODUCT}:3: error: key 'requires' must be a list of strings, not a string")
    basic.write(PRODUCT, PRODUCT_HEAD + 'requires = [\n  "lib",\n  3,\n]\n')
    fails(basic, f"{PRODUCT}:5: error: key 'requires' must be a list of strings, "
          "item 2 is an integer")


def test_product_requires_declared_interfaces(basic):
    basic.write(PRODUCT, PRODUCT_HEAD + 'requires = [\n  "lib",\n  "nope",\n  "lib",\n]\n')
    for argv in (None, ("check",), ("why", "--product", "p", "lib"),
                 ("kconfig", "--product", "p", "--out", os.path.join(basic.path, "K"))):
        fails(basic, f"{PRODUCT}:5: error: product 'p' requires interface 'nope' that "
              "nobody declares (no include/interfaces/nope.toml)", argv=argv)
    fails(basic, f"{PRODUCT}:6: error: interface 'lib' listed twice in 'requires'")


def test_product_requirement_without_provider(basic):
    """The product is the root consumer: its unmet requirement is an error at
    its line in product.toml, with each candidate and why it is off."""
    basic.iface("sink", cardinality="many", ops=["void put(int c)"])
    basic.comp("s1", sub="drivers", provides=["sink"])
    basic.comp("s2", sub="drivers", provides=["sink"], arch=["riscv64"])
    basic.product("p", "CONFIG_COMP_APP=y\n", requires=["lib", "sink"])
    fails(basic, f"{PRODUCT}:3: error: product 'p' requires interface 'sink'; no enabled "
          "component provides it; 's1' would, but it is not enabled (nothing selects it; "
          "set CONFIG_COMP_S1=y); 's2' would, but it depends on ARCH_RISCV64 "
          "(ARCH_RISCV64 is n: product arch is x86_64) (a 'many' interface: enable at "
          "least one provider)")
    basic.iface("nobody")
    basic.product("p", "CONFIG_COMP_APP=y\n", requires=["lib", "nobody"])
    fails(basic, f"{PRODUCT}:3: error: product 'p' requires interface 'nobody'; no enabled "
          "component provides it; no component provides 'nobody' at all")


def test_empty_configuration_is_refused(basic):
    """A configuration that enables nothing still gets what the product needs,
    and is refused when that is not enough to make a graph."""
    basic.iface("sink", cardinality="many", ops=["void put(int c)"])
    basic.comp("core", provides=["core"], requires=["lib", "sink"])
    basic.comp("s1", sub="drivers", provides=["sink"])
    basic.comp("s2", sub="drivers", provides=["sink"])
    basic.product("p", "", requires=["core"])
    fails(basic, f"{CORE}:4: error: component 'core' requires interface 'sink'",
          "core is in the graph because: core <- required by product p (interface core, "
          f"{PRODUCT}:3)")


def test_product_requirement_disabled_explicitly(basic):
    basic.product("p", "CONFIG_COMP_APP=n\n# CONFIG_COMP_CORE is not set\n",
                  requires=["core"])
    err = fails(basic, f"{PRODUCT}:3: error: product 'p' requires interface 'core'; no "
                "enabled component provides it; 'core' would, but the configuration sets "
                "it to n (graphs/p/defconfig:2); every provider is disabled explicitly: "
                "CONFIG_COMP_CORE (graphs/p/defconfig:2)")
    assert "CONFIG_COMP_CORE=n did not take" not in err


def test_every_provider_disabled_explicitly(basic):
    """Completion never overrides an explicit n: with every candidate off the
    requirement is an error with the chain and the lines that turned them off."""
    basic.iface("mem", ops=["void *get(unsigned long n)"])
    basic.comp("mem-a", sub="mm", provides=["mem"])
    basic.comp("mem-b", sub="mm", provides=["mem"])
    basic.comp("mem-c", sub="mm", provides=["mem"], arch=["riscv64"])
    basic.comp("core", provides=["core"], requires=["lib", "mem"], init="core_init")
    basic.product("p", "CONFIG_COMP_APP=y\n# CONFIG_COMP_MEM_A is not set\n"
                  "CONFIG_COMP_MEM_B=n\n")
    fails(basic, f"{CORE}:4: error: component 'core' requires interface 'mem'; no enabled "
          "component provides it; 'mem-a' would, but the configuration sets it to n "
          "(graphs/p/defconfig:2); 'mem-b' would, but the configuration sets it to n "
          "(graphs/p/defconfig:3); 'mem-c' would, but it depends on ARCH_RISCV64 "
          "(ARCH_RISCV64 is n: product arch is x86_64); every provider that could be "
          "enabled is disabled explicitly: CONFIG_COMP_MEM_A (graphs/p/defconfig:2), "
          "CONFIG_COMP_MEM_B (graphs/p/defconfig:3) (the tool does not override an explicit "
          "n); core is in the graph because: core <- required by app (interface core) <- "
          "CONFIG_COMP_APP=y (graphs/p/defconfig:1)")
    status, out, err = run(basic, "why", "--product", "p", "mem-a")
    assert status == 0, err
    assert out.splitlines()[1:] == [
        "  set to n: CONFIG_COMP_MEM_A is set to n (graphs/p/defconfig:2)",
        "  set to n: 'mem' is required, but the configuration sets every provider that could be "
        "enabled to n (the tool does not override an explicit n; gen refuses this "
        "configuration)",
        "configuration: graphs/p/defconfig"]


def test_sole_provider_disabled_explicitly(basic):
    basic.product("p", "CONFIG_COMP_APP=y\n# CONFIG_COMP_LIB is not set\n")
    err = fails(basic, f"{APP}:3: error: component 'app' requires interface 'lib'; no enabled "
                "component provides it; 'lib' would, but the configuration sets it to n "
                "(graphs/p/defconfig:2); every provider is disabled explicitly: "
                "CONFIG_COMP_LIB (graphs/p/defconfig:2)")
    assert f"{PRODUCT}:3: error: product 'p' requires interface 'lib'" in err
    assert f"{CORE}:4: error: component 'core' requires interface 'lib'" in err


def test_explicit_n_selected_by_a_fragment(basic):
    """Kconfig's own 'select' cannot override an explicit n on a component
    either: it is an error at the line, naming the select."""
    basic.comp("extra", sub="apps")
    basic.write(FRAGMENT, 'config CORE_X\n\tbool "x"\n\tselect COMP_EXTRA\n')
    basic.product("p", "CONFIG_COMP_APP=y\nCONFIG_CORE_X=y\n# CONFIG_COMP_EXTRA is not set\n")
    fails(basic, f"{DEFCONFIG}:3: error: CONFIG_COMP_EXTRA=n did not take (value is y)",
          "it is selected by CORE_X")


def test_real_tree_refuses_a_graph_without_a_console(tmp_path):
    """An empty configuration of a real product: the product's kernel pulls in
    init and its requirements, and the missing console is named, through
    the real command line (exit 2, no traceback)."""
    empty = tmp_path / "EMPTY"
    empty.write_text("")
    only_lib = tmp_path / "LIB"
    only_lib.write_text("CONFIG_COMP_LIB=y\n")
    product = os.path.join(ROOT, "graphs", "x86_64-tiny", "product.toml")
    with open(product, encoding="utf-8") as f:
        line = next(n for n, l in enumerate(f, 1) if l.startswith("requires"))
    for config in (empty, only_lib):
        res = subprocess.run([CLI, "gen", "--product", "x86_64-tiny", "--config", str(config),
                              "--out", str(tmp_path / "o")], capture_output=True, text=True)
        assert res.returncode == 2, res.stderr
        assert "Traceback" not in res.stderr
        assert re.search(r"^components/core/printk/component\.toml:\d+: error: component "
                         r"'printk' upcalls interface 'console'; no enabled component "
                         r"provides it", res.stderr, re.MULTILINE), res.stderr
        assert ("printk is in the graph because: printk <- required by init (interface "
                "printk) <- required by product x86_64-tiny (interface kernel, "
                f"graphs/x86_64-tiny/product.toml:{line})") in res.stderr
        assert not os.path.exists(tmp_path / "o")
