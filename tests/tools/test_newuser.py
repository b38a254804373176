# SPDX-License-Identifier: Apache-2.0
"""The defects a new user tripped over (issue 9), one test each."""

import os
import shutil
import subprocess
import sys
import time

import pytest

from conftest import ROOT, run


def _graph(tree):
    from tessera import configure, load, resolve
    t = load.load_tree(tree.path)
    return resolve.resolve(configure.evaluate(t, load.load_product(tree.path, "p", t)))


def test_dot_labels_have_no_literal_backslash_n(basic):
    """Defect 4: an init function's line in a node label is a line break in
    DOT (one backslash), not an escaped backslash followed by n."""
    from tessera import render
    dot = render.graph_dot(_graph(basic))
    assert '"core\\ninit: core_init"' in dot
    assert "\\\\n" not in dot


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_svg_text_has_no_escape_sequence(basic, tmp_path):
    status, _, err = run(basic, "graph", "--product", "p", "--out", str(tmp_path), "--svg")
    assert status == 0, err
    svg = (tmp_path / "graph.svg").read_text()
    assert ">init: core_init<" in svg and "\\n" not in svg


def test_init_cycle_wording(basic):
    """Defect 10: 'a and b both have', not 'a, b all have'."""
    from tessera import resolve
    assert resolve._and(["a", "b"]) == "a and b"
    assert resolve._and(["a", "b", "c"]) == "a, b and c"


@pytest.mark.parametrize("text,line", [
    ('name = "lib"\nsummary = "x"\nprovides = ["lib",\n  "x"\nsources = []\n', 4),
    ('name = "lib"\nsummary = "x"\nprovides = ["lib"\n\n# note\nsources = []\n', 3),
    ('name = "lib"\nsummary = "x"\nprovides = ["lib",\n\n', 3),
])
def test_toml_error_points_at_the_faulty_line(basic, text, line):
    """Defect 10: an unclosed array is reported where it should close."""
    basic.write("components/core/lib/component.toml", text)
    status, _, err = run(basic, "check")
    assert status == 2
    assert f"components/core/lib/component.toml:{line}: error: TOML syntax error" in err, err


def test_sources_without_manifest(basic):
    """Defect 9: a folder with sources and no component.toml is reported."""
    basic.write("components/net/e1000/e1000.c", "/* driver */\n")
    status, _, err = run(basic, "check")
    assert status == 2
    assert ("components/net/e1000/e1000.c:1: error: folder components/net/e1000 has "
            "sources (e1000.c) but no component.toml") in err, err


def test_misnamed_manifest(basic):
    basic.write("components/net/e1000/e1000.c", "/* driver */\n")
    basic.write("components/net/e1000/compnent.toml", 'name = "e1000"\n')
    status, _, err = run(basic, "check")
    assert status == 2
    assert ("components/net/e1000/compnent.toml:1: error: folder components/net/e1000 has "
            "sources (e1000.c) but no component.toml: a manifest must be named "
            "component.toml, not 'compnent.toml'") in err, err


def test_sources_inside_a_component_are_fine(basic):
    basic.write("components/core/lib/sub/more.c", "/* part of lib */\n")
    status, _, err = run(basic, "check")
    assert status == 0, err


def test_empty_components_folder(tree):
    """Defect 9: an empty tree says so, in one line."""
    tree.product("p", "")
    status, _, err = run(tree, "list", "--product", "p")
    assert status == 2
    assert err.startswith("error: no components found: no component.toml under"), err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("argv,hint", [
    (("why", "--product", "p", "cor"), "no component 'cor' (did you mean 'core'?)"),
    (("list", "--product", "demoo"),
     "no product 'demoo' (no graphs/demoo/product.toml) (did you mean 'demo'?)"),
])
def test_did_you_mean_names(basic, argv, hint):
    basic.product("demo", "CONFIG_COMP_APP=y\n")
    status, _, err = run(basic, *argv)
    assert status == 2 and hint in err, err


def test_did_you_mean_symbol_and_key(basic):
    """Defect 9: a misspelt Kconfig symbol or manifest key gets a suggestion."""
    basic.write("graphs/p/defconfig", "CONFIG_COMP_APPP=y\n")
    status, _, err = run(basic, "list", "--product", "p")
    assert status == 2
    assert ("graphs/p/defconfig:1: error: unknown symbol CONFIG_COMP_APPP "
            "(did you mean 'CONFIG_COMP_APP'?)") in err, err
    basic.write("graphs/p/defconfig", "CONFIG_COMP_APP=y\n")
    basic.write("components/core/lib/component.toml",
                'name = "lib"\nsummary = "x"\nprovide = ["lib"]\nsources = ["main.c"]\n')
    status, _, err = run(basic, "check")
    assert status == 2
    assert ("components/core/lib/component.toml:3: error: unknown key 'provide' in component "
            "manifest (did you mean 'provides'?)") in err, err


def test_interface_did_you_mean(basic):
    basic.write("components/apps/app/component.toml",
                'name = "app"\nsummary = "x"\nrequires = ["cor", "lib"]\nsources = ["main.c"]\n')
    status, _, err = run(basic, "check")
    assert status == 2 and "(did you mean 'core'?)" in err, err
