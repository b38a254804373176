# SPDX-License-Identifier: Apache-2.0
"""`graph --format`, randconfig and the fuzz pipeline's pure parts, on the real tree.

The pictures are checked rendered (tests/viz/svg-render-test) and in a
browser (tests/viz/graph-page-test); builds and boots by tests/fuzz/.
"""

import json
import os
import re
import subprocess

from conftest import ROOT

from tessera import fuzz, randconfig, viz

TOOL = ["/usr/bin/python3", os.path.join(ROOT, "tools", "tessera-cli")]


def tool(*args, check=True):
    p = subprocess.run(TOOL + list(args), cwd=ROOT, capture_output=True, text=True)
    if check:
        assert p.returncode == 0, p.stderr
    return p


def test_graph_json_schema_and_choice():
    g = json.loads(tool("graph", "--product", "x86_64-default", "--format", "json").stdout)
    assert g["schema"] == viz.SCHEMA and g["view"] == "product"
    assert g["config"] == "graphs/x86_64-default/defconfig"
    assert g["sizes"]["source"] is None or g["sizes"]["source"].endswith("kernel.map")
    names = [c["name"] for c in g["components"]]
    assert names == sorted(names)
    state = {c["name"]: c["state"] for c in g["components"]}
    assert state["page-alloc-buddy"] == "enabled"
    assert state["page-alloc-firstfit"] == "alternative"
    pa = next(i for i in g["interfaces"] if i["name"] == "page_alloc")
    assert pa["choice"] and pa["chosen"] == ["page-alloc-buddy"]
    kinds = {(e["from"], e["to"]): e["kind"] for e in g["edges"]}
    assert kinds[("i:page_alloc", "c:page-alloc-buddy")] == "chosen"
    assert kinds[("i:page_alloc", "c:page-alloc-firstfit")] == "alternative"
    assert kinds[("p:x86_64-default", "i:kernel")] == "requires"
    # An alternative is not built: it has no outgoing edges.
    assert not [e for e in g["edges"] if e["from"] == "c:page-alloc-firstfit"]
    for c in g["components"]:
        assert c["doc"] == f"docs/components.md#component-{c['name']}"
        if c["state"] == "enabled":
            assert c["why"] and re.search(r"\(graphs/x86_64-default/(defconfig|product\.toml):\d+\)",
                                          c["why"][-1]), c


def test_graph_reads_the_given_config(tmp_path):
    cfg = tmp_path / "my.config"
    cfg.write_text("CONFIG_COMP_INIT=y\nCONFIG_COMP_PAGE_ALLOC_FIRSTFIT=y\n"
                   "CONFIG_COMP_UART_16550=y\n")
    text = tool("graph", "--product", "x86_64-default", "--config", str(cfg),
                "--format", "text").stdout
    assert f"configuration read: {cfg}" in text
    assert "page_alloc (one): chosen page-alloc-firstfit; alternatives page-alloc-buddy" in text


def test_graph_tree_view_has_every_component():
    g = json.loads(tool("graph", "--tree", "--format", "json").stdout)
    listed = tool("list", "--all").stdout.split("\n")
    assert len(g["components"]) == len([l for l in listed if l.strip()])
    buddy = next(c for c in g["components"] if c["name"] == "page-alloc-buddy")
    assert "x86_64-default" in buddy["products"] and "x86_64-tiny" not in buddy["products"]


def test_dot_labels_have_no_double_escapes():
    dot = tool("graph", "--product", "x86_64-default", "--format", "dot").stdout
    assert "\\\\n" not in dot
    assert 'label="init\\ninit: ' not in dot       # init has no init function
    assert re.search(r'label="pci\\ninit: pci_init\\n(size \?|\d+ B)"', dot)
    for kind in viz.EDGE_STYLES:
        assert f'id="legend-e-{kind}"' in dot


def test_graph_needs_a_format_or_out():
    p = tool("graph", "--product", "x86_64-tiny", check=False)
    assert p.returncode == 2 and "error:" in p.stderr


def test_randconfig_repeats_and_prints_its_seed():
    a = tool("randconfig", "--seed", "42", "--index", "3")
    b = tool("randconfig", "--seed", "42", "--index", "3")
    assert a.stdout == b.stdout
    assert a.stdout.startswith("# tessera randconfig --seed 42 --index 3:")
    assert "seed 42" in a.stderr
    c = tool("randconfig", "--seed", "43", "--index", "3")
    assert c.stdout != a.stdout


def test_randconfig_draws_are_valid_and_cover():
    spaces = randconfig.spaces_of(ROOT)
    cov = randconfig.Coverage(spaces)
    for i in range(30):
        d = randconfig.make_draw(spaces, "cov", i)
        assert d.graph is not None
        assert all(not c.arch or d.arch in c.arch for c in d.graph.components)
        cov.add(d.graph)
    r = cov.report()
    assert r["components"]["seen"] == r["components"]["of"], r["components"]["missing"]
    assert r["providers"]["seen"] == r["providers"]["of"]


def test_randconfig_coverage_report():
    out = tool("randconfig", "--seed", "1", "--count", "20", "--coverage").stdout
    assert re.search(r"^coverage: \d+/\d+ components", out, re.M)
    assert re.search(r"^coverage: \d+/\d+ option values", out, re.M)


def test_shards_partition():
    for m in (1, 2, 3, 7):
        got = sorted(i for k in range(1, m + 1) for i in fuzz.shard_indices(50, (k, m)))
        assert got == list(range(50))


def test_ddmin_finds_a_one_minimal_set():
    calls = []

    def fails(s):
        calls.append(list(s))
        return {3, 11, 12} <= set(s)
    assert fuzz.ddmin(list(range(16)), fails) == [3, 11, 12]
    assert fuzz.ddmin([1, 2, 3], lambda s: True) == []


def test_fuzz_rejects_bad_arguments():
    for args in (["--count", "-2"], ["--count", "0"], ["--jobs", "0"], ["--shard", "3/2"],
                 ["--shard", "x"]):
        p = tool("fuzz", *args, check=False)
        assert p.returncode == 2 and p.stderr.startswith("error:"), (args, p.stderr)


def test_fuzz_merge(tmp_path):
    rec = {"seed": "1", "index": 0, "outcome": "passed", "times": {}}
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(json.dumps(rec) + "\n")
    b.write_text(json.dumps(dict(rec, index=1)) + "\n")
    assert [r["index"] for r in fuzz.merge([str(b), str(a)])] == [0, 1]
    out = tmp_path / "m.jsonl"
    p = tool("fuzz", "merge", str(b), str(a), "--out", str(out))
    assert [json.loads(l)["index"] for l in out.read_text().splitlines()] == [0, 1]
    assert "2 configurations: 2 passed" in p.stdout
    b.write_text(json.dumps(dict(rec, outcome="hung")) + "\n")
    p = tool("fuzz", "--merge", str(a), str(b), check=False)
    assert p.returncode == 2 and "different outcomes" in p.stderr
