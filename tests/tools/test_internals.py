# SPDX-License-Identifier: Apache-2.0
"""Unit tests of the pieces that replaced slower ones: TOML positions, the
JSON writer, the linear init order."""

import heapq
import json
import os
import random

import pytest

from tessera import emit, graphalg, resolve, tomlpos


TOML = '''# comment with key = "x"
name = "demo"   # trailing
summary = """
not_a_key = "inside a multi-line string"
"""
"quoted key" = 1
provides = [
  "a", 'b',
  "c\\"d",  # a comment
]
syscalls = [
  { name = "read", fn = "sys_read" },
  { name = "w", fn = "sys_w", nr = 3 },
]
nested = [["x"], ["y"]]
[qemu]
args = ["-m", "1"]
site.x = 1
[[test]]
timeout = 1
[[test]]
timeout = 2
'''


def test_tomlpos_finds_keys_values_and_items():
    pos = tomlpos.index(TOML)
    assert pos.key("name") == 2
    assert pos.key("summary") == 3
    assert pos.key("not_a_key") == 0
    assert pos.key("quoted key") == 6
    assert pos.key("provides") == 7
    assert pos.value("provides", "a") == 8 and pos.value("provides", "b") == 8
    assert pos.value("provides", 'c"d') == 9
    assert pos.item("provides", 2) == 9
    assert pos.item("syscalls", 0) == 12 and pos.item("syscalls", 1) == 13
    assert pos.key("syscalls", 1, "nr") == 13
    assert pos.item("nested", 1) == 15
    assert pos.key("qemu") == 16 and pos.key("qemu", "args") == 17
    assert pos.value("qemu", "args", "1") == 17
    assert pos.key("qemu", "site", "x") == 18
    assert pos.key("test") == 19 and pos.item("test", 1) == 21
    assert pos.key("test", 1, "timeout") == 22


def test_tomlpos_stops_quietly_on_what_it_does_not_follow():
    pos = tomlpos.index('a = 1\nb = @@@\nc = 2\n')
    assert pos.key("a") == 1 and pos.key("b") == 2


@pytest.mark.parametrize("data", [
    {}, [], "x", 3, None, True, {"a": [], "b": {}, "c": [[], {}]},
    {"z": "é\"\n\t\u2028", "a": [1, 2.5, {"b": None, "c": False}], "k": ["s", "t"]},
])
def test_dumps_json_is_json_dumps(data):
    assert emit.dumps_json(data) == json.dumps(data, indent=2, sort_keys=True,
                                               ensure_ascii=False) + "\n"


def reference_init_order(nodes, succ, inits):
    """The definition: topological order of reachability among inits, by name."""
    def reach(a):
        seen, stack = set(), [a]
        while stack:
            for n in succ[stack.pop()]:
                if n not in seen:
                    seen.add(n)
                    stack.append(n)
        return seen
    deps = {n: {m for m in reach(n) if m in inits and m != n} for n in inits}
    order, ready = [], [n for n in inits if not deps[n]]
    heapq.heapify(ready)
    while ready:
        n = heapq.heappop(ready)
        order.append(n)
        for m in inits:
            if n in deps[m]:
                deps[m].discard(n)
                if not deps[m]:
                    heapq.heappush(ready, m)
    return order


@pytest.mark.parametrize("seed", range(40))
def test_order_inits_matches_the_definition(seed):
    rng = random.Random(seed)
    n = rng.randrange(2, 40)
    nodes = [f"n{i:02d}" for i in range(n)]
    rng.shuffle(nodes)
    # Mostly a DAG (edges to lower indexes), sometimes a back edge.
    succ = {}
    for i, name in enumerate(nodes):
        targets = {nodes[rng.randrange(i)] for _ in range(rng.randrange(3))} if i else set()
        if rng.random() < 0.05:
            targets.add(nodes[rng.randrange(n)])
        targets.discard(name)
        succ[name] = sorted(targets)
    inits = {x for x in nodes if rng.random() < 0.5}
    order, cycles = graphalg.order_inits(sorted(nodes), succ, inits)
    sccs = graphalg.sccs(sorted(nodes), succ)
    want_cycles = sorted(sorted(x for x in s if x in inits) for s in sccs
                         if len([x for x in s if x in inits]) > 1)
    assert cycles == want_cycles
    if not cycles:
        assert order == reference_init_order(sorted(nodes), succ, sorted(inits))


def _imports_of(path):
    """Every ``tessera`` module a module imports, at any depth of its code."""
    import ast
    tree = ast.parse(open(path, encoding="utf-8").read())
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                out.add(node.module.split(".")[0])
            else:
                out.update(a.name for a in node.names)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
            out.update("<kconfiglib>" for n in names if n and n.split(".")[0] in ("kconfiglib", "menuconfig"))
    return out


def test_module_structure():
    """No import cycle between the tool's modules (load<->model and
    emit<->render were); only configure touches Kconfiglib; the resolved
    graph owns no Kconfiglib object."""
    import dataclasses
    from tessera import graphalg, model
    here = os.path.join(os.path.dirname(emit.__file__))
    mods = {f[:-3]: _imports_of(os.path.join(here, f))
            for f in os.listdir(here) if f.endswith(".py")}
    users = sorted(m for m, deps in mods.items() if "<kconfiglib>" in deps)
    assert users == ["configure"], users
    graph = {m: sorted(d for d in deps if d in mods) for m, deps in mods.items()}
    for m in graph:
        graph[m] = [d for d in graph[m] if d != m]
    cycles = [c for c in graphalg.sccs(sorted(graph), graph) if len(c) > 1]
    assert cycles == [], cycles
    for f in dataclasses.fields(model.Graph):
        assert "Configuration" not in str(f.type) and f.name not in ("cfg", "kconf"), f
