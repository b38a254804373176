# SPDX-License-Identifier: Apache-2.0
"""defconfig / olddefconfig / allnoconfig / allyesconfig write whole
configurations the tool accepts; `make help` lists every target."""

import os
import re
import subprocess

import pytest

from conftest import ROOT, run
from tessera import configure, load, resolve


def products():
    return load.list_products(ROOT)


def resolved(product, path):
    tree = load.load_tree(ROOT)
    prod = load.load_product(ROOT, product, tree)
    return resolve.resolve(configure.evaluate(tree, prod, str(path)))


@pytest.mark.parametrize("mode", ["defconfig", "allnoconfig", "allyesconfig"])
@pytest.mark.parametrize("product", products())
def test_presets_are_accepted(product, mode, tmp_path):
    out = tmp_path / ".config"
    status, _, err = run(ROOT, mode, "--product", product, "--out", str(out))
    assert status == 0, err
    assert out.read_text().startswith(f"# Tessera configuration of {product} ({mode})\n")
    graph = resolved(product, out)          # the tool accepts it as it is
    names = set(graph.names)
    tree = graph.tree
    if mode == "allyesconfig":
        # Every component the arch allows, but one provider per 'one' interface.
        for c in tree.components.values():
            if c.arch and graph.product.arch not in c.arch:
                assert c.name not in names
        for iname in configure.choice_interfaces(tree):
            assert len([p for p in tree.providers(iname) if p.name in names]) <= 1
        single = {c.name for i in configure.choice_interfaces(tree) for c in tree.providers(i)}
        assert {c.name for c in tree.components.values()
                if c.name not in single
                and (not c.arch or graph.product.arch in c.arch)} <= names
    if mode == "allnoconfig":
        assert "ktest" not in names and "kmalloc-slab" not in names
        assert "# CONFIG_CC_OPTIMIZE_FOR_SIZE is not set" in out.read_text()
    if mode == "defconfig":
        assert names == set(resolved(product, os.path.join(ROOT, "graphs", product,
                                                           "defconfig")).names)


def test_olddefconfig_updates_a_partial_config(tmp_path):
    full = tmp_path / "full"
    assert run(ROOT, "defconfig", "--product", "x86_64-small", "--out", str(full))[0] == 0
    # An old .config: a line dropped (a new option) -> its default comes back.
    old = tmp_path / ".config"
    old.write_text("".join(l for l in full.read_text().splitlines(True)
                           if "CC_OPTIMIZE_FOR_SIZE" not in l))
    status, _, err = run(ROOT, "olddefconfig", "--product", "x86_64-small",
                         "--config", str(old))
    assert status == 0, err
    body = [l for l in old.read_text().splitlines() if not l.startswith("# Tessera")]
    want = [l for l in full.read_text().splitlines() if not l.startswith("# Tessera")]
    assert body == want
    # A bad line is still an error at its line.
    old.write_text("CONFIG_NO_SUCH=y\n")
    status, _, err = run(ROOT, "olddefconfig", "--product", "x86_64-small",
                         "--config", str(old))
    assert status == 2 and ":1: error: unknown symbol CONFIG_NO_SUCH" in err


def test_make_help_lists_every_target():
    text = open(os.path.join(ROOT, "Makefile"), encoding="utf-8").read()
    phony = set()
    for m in re.finditer(r"^\.PHONY:((?:.*\\\n)*.*)$", text, re.M):
        phony |= set(m.group(1).replace("\\\n", " ").split())
    out = subprocess.run(["make", "--no-print-directory", "-s", "help"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    listed = {l.split()[0] for l in out.splitlines()[1:] if l.startswith("  ")}
    assert phony and phony == listed, (phony ^ listed)
    for line in out.splitlines()[1:]:
        assert len(line.split(None, 1)) == 2, f"no description: {line!r}"
    for target in ("defconfig", "allnoconfig", "allyesconfig", "olddefconfig", "trim", "size"):
        assert target in listed
