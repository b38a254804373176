# SPDX-License-Identifier: Apache-2.0
"""`tessera trim`: the minimal closure of a product's [roots], its defconfig,
minimality checked against the tool's own solver, --prefer small, the
[roots] schema errors at path:line."""

import json
import os
import shutil

import pytest

from conftest import ROOT, run
from tessera import configure, load, resolve, trim
from tessera.errors import TesseraError


def roots_tree(tree, roots_toml, requires=("kernel",)):
    """kernel <- {arch x86 | arch rv}, two page allocators, two consoles,
    an optional user of page_alloc, a component needing a kmalloc."""
    tree.iface("kernel", ops=["void start(void)"])
    tree.iface("arch", ops=["void halt(void)"])
    tree.iface("page_alloc", ops=["int pa(void)"])
    tree.iface("console", cardinality="many", ops=["void write(const char *s)"])
    tree.iface("kmalloc", ops=["int km(void)"])
    tree.iface("lib", ops=["int add(int a, int b)"], naming="direct")
    tree.comp("lib", provides=["lib"])
    tree.comp("init", provides=["kernel"], requires=["arch", "lib"], upcalls=["console"],
              optional=["page_alloc"], init="init_main")
    tree.comp("ax", sub="arch", provides=["arch"], requires=["lib"], arch=["x86_64"])
    tree.comp("arv", sub="arch", provides=["arch"], requires=["lib"], arch=["riscv64"])
    tree.comp("pa-big", sub="mm", provides=["page_alloc"], requires=["lib"])
    tree.comp("pa-small", sub="mm", provides=["page_alloc"], requires=["lib"])
    tree.comp("slab", sub="mm", provides=["kmalloc"], requires=["page_alloc"])
    tree.comp("con-a", sub="drivers", provides=["console"], requires=["lib"])
    tree.comp("con-b", sub="drivers", provides=["console"], requires=["lib"])
    tree.comp("user", sub="apps", requires=["kmalloc"])
    tree.comp("x86only", sub="apps", requires=["lib"], arch=["x86_64"])
    tree.product("p", "", requires=requires)
    path = os.path.join(tree.path, "graphs/p/product.toml")
    with open(path, "a", encoding="utf-8") as f:
        f.write(roots_toml)
    return tree


def closure_of(tree, **kw):
    t = load.load_tree(tree.path)
    prod = load.load_product(tree.path, "p", t)
    roots = trim.product_roots(prod, t)
    return t, prod, roots, trim.closure(t, prod, roots, **kw)


def test_closure_defaults_and_choices(tree):
    roots_tree(tree, '[roots]\ncomponents = ["user"]\n')
    _, _, _, res = closure_of(tree)
    # pa-big: the default provider (first by name); con-a likewise for the
    # many interface the init upcalls; the riscv64 arch is never a candidate.
    assert res.names == ["ax", "con-a", "init", "lib", "pa-big", "slab", "user"]
    assert res.picked["page_alloc"] == ("pa-big", "default: first by name")
    assert res.needs["kmalloc"] == "user"

    tree2 = roots_tree(type(tree)(os.path.join(os.path.dirname(tree.path), "t2")),
                       '[roots]\ncomponents = ["user"]\n'
                       'choose = { page_alloc = "pa-small", console = "con-b" }\n')
    _, _, _, res = closure_of(tree2)
    assert res.names == ["ax", "con-b", "init", "lib", "pa-small", "slab", "user"]


def test_optional_interfaces_are_not_needs(tree):
    roots_tree(tree, "")
    _, _, _, res = closure_of(tree)
    assert res.names == ["ax", "con-a", "init", "lib"]      # no page allocator
    roots_tree(tree, '[roots]\ninterfaces = ["page_alloc"]\n')
    assert "pa-big" in closure_of(tree)[3].names


def _solver_accepts(t, prod, names, tmp_path):
    """Evaluate + resolve a configuration that enables exactly ``names`` and
    sets every other component to n: the tool's own verdict."""
    lines = [f"CONFIG_{c.symbol}=y" if c.name in names else f"# CONFIG_{c.symbol} is not set"
             for c in sorted(t.components.values(), key=lambda c: c.name)]
    path = tmp_path / "exact.config"
    path.write_text("".join(l + "\n" for l in lines))
    try:
        graph = resolve.resolve(configure.evaluate(t, prod, str(path)))
    except TesseraError:
        return False
    return sorted(graph.names) == sorted(names)


def _assert_minimal(t, prod, roots, names, tmp_path):
    assert trim.unmet(t, prod, roots, names) == []
    assert _solver_accepts(t, prod, names, tmp_path)
    for gone in names:
        rest = [n for n in names if n != gone]
        assert trim.unmet(t, prod, roots, rest), f"{gone} is not needed"
        # The tool refuses the graph without it, or (for a component only
        # the product's [roots] asks for) the root is simply missing.
        if gone not in roots.components and not any(
                i in roots.interfaces for i in t.components[gone].provides):
            assert not _solver_accepts(t, prod, rest, tmp_path), f"{gone} is not needed"


def test_minimality_fixture(tree, tmp_path):
    roots_tree(tree, '[roots]\ncomponents = ["user"]\n')
    t, prod, roots, res = closure_of(tree)
    _assert_minimal(t, prod, roots, res.names, tmp_path)


@pytest.mark.parametrize("product", ["x86_64-tiny", "riscv64-tiny"])
def test_real_tree_trim_is_minimal_and_is_the_tiny_product(product, tmp_path):
    t = load.load_tree(ROOT)
    prod = load.load_product(ROOT, product, t)
    roots = trim.product_roots(prod, t)
    text, res = trim.trim(t, prod)
    _assert_minimal(t, prod, roots, res.names, tmp_path)
    # The hand-written tiny product is exactly the closure of its roots.
    have = sorted(c.name for c in configure.evaluate(t, prod).enabled_components())
    assert res.names == have


@pytest.mark.parametrize("product", ["x86_64-tiny", "riscv64-tiny", "x86_64-default"])
def test_trim_writes_what_savedefconfig_writes(product, tmp_path):
    out = tmp_path / "trim.defconfig"
    status, stdout, err = run(ROOT, "trim", "--product", product, "--out", str(out))
    assert status == 0, err
    again = tmp_path / "saved"
    status, _, err = run(ROOT, "savedefconfig", "--product", product,
                         "--config", str(out), "--out", str(again))
    assert status == 0, err
    assert again.read_text() == out.read_text()
    # stdout without --out; the report names the choices on stderr.
    status, stdout, err = run(ROOT, "trim", "--product", product)
    assert status == 0 and stdout == out.read_text()
    assert "trim: " in err and "console: " in err


def test_trim_options_reach_the_defconfig():
    status, out, err = run(ROOT, "trim", "--product", "x86_64-tiny")
    assert status == 0, err
    assert "CONFIG_CC_OPTIMIZE_FOR_SIZE=y\n" in out
    assert "# CONFIG_DEBUG_PAGEALLOC is not set\n" in out


def test_prefer_small_uses_measured_sizes(tree, tmp_path):
    roots_tree(tree, '[roots]\ninterfaces = ["page_alloc"]\n')
    sizes = tmp_path / "size.json"
    sizes.write_text(json.dumps({"schema": 1, "arch": "x86_64", "components": {
        "pa-big": {"total": 9000, "ktests": 0}, "pa-small": {"total": 900, "ktests": 0},
        "lib": {"total": 10, "ktests": 0}}}))
    status, out, err = run(tree, "trim", "--product", "p", "--prefer", "small",
                           "--sizes", str(sizes))
    assert status == 0, err
    assert "CONFIG_COMP_PA_SMALL=y" in out
    assert "page_alloc: pa-small (smallest: adds 900 bytes" in err
    assert "sizes from" in err
    # A report of another architecture is not used: the default stays, and
    # the tool says why.
    other = tmp_path / "rv.json"
    other.write_text(json.dumps({"arch": "riscv64", "components": {}}))
    status, out, err = run(tree, "trim", "--product", "p", "--prefer", "small",
                           "--sizes", str(other))
    assert status == 0, err
    assert "CONFIG_COMP_PA_SMALL" not in out
    assert "no size report for x86_64" in err and "falls back" in err
    # Without --prefer small the default (first by name) is taken.
    status, out, err = run(tree, "trim", "--product", "p", "--sizes", str(sizes))
    assert "CONFIG_COMP_PA_SMALL" not in out


@pytest.mark.parametrize("roots_toml, line, words", [
    ('[roots]\ncomponents = ["usr"]\n', 8, "unknown component 'usr' (did you mean 'user'?)"),
    ('[roots]\ninterfaces = ["pagealloc"]\n', 8, "unknown interface 'pagealloc'"),
    ('[roots]\ncomponents = ["arv"]\n', 8, "only for riscv64 (product arch is x86_64)"),
    ('[roots]\ncomponents = ["user", "user"]\n', 8, "'user' listed twice"),
    ('[roots]\nchoose = { page_alloc = "slab" }\n', 8, "'slab' does not provide 'page_alloc'"),
    ('[roots]\nchoose = { arch = "arv" }\n', 8, "'arv' is only for riscv64"),
    ('[roots]\nwant = ["user"]\n', 8, "unknown key [roots] 'want'"),
    ('[roots]\noptions = { FOO = 1.5 }\n', 8, "must be true, false, an integer or a string"),
    ('[roots]\ncomponents = "user"\n', 8, "must be a list"),
])
def test_roots_errors_at_their_line(tree, roots_toml, line, words):
    roots_tree(tree, roots_toml)
    for argv in (("trim", "--product", "p"), ("check",)):
        status, _, err = run(tree, *argv)
        assert status == 2
        assert f"graphs/p/product.toml:{line}: error: " in err, err
        assert words in err, err
        assert "Traceback" not in err


def test_root_without_provider_for_the_arch(tree):
    roots_tree(tree, "")
    # The whole folder: sources left without a manifest are an error of their own.
    shutil.rmtree(os.path.join(tree.path, "components/arch/ax"))
    status, _, err = run(tree, "trim", "--product", "p")
    assert status == 2
    assert "'arch' (needed by init) has no provider for x86_64: arv support(s) " \
           "other architectures only" in err


def test_unknown_option_is_an_error_at_the_roots(tree):
    roots_tree(tree, "[roots]\noptions = { NO_SUCH = true }\n")
    status, _, err = run(tree, "trim", "--product", "p")
    assert status == 2
    assert "graphs/p/product.toml:8: error: the trimmed configuration does not evaluate" in err
    assert "CONFIG_NO_SUCH" in err
