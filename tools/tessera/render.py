# SPDX-License-Identifier: Apache-2.0
"""Pictures and machine-readable forms of a resolved graph.

:func:`graph_json` gives ``graph.json``; :func:`graph_dot` gives
``graph.dot`` for Graphviz: enabled components are boxes clustered by
subsystem folder, enabled interfaces are ellipses, the product is the root
(a double octagon); a solid edge goes from the product or a component to an
interface it requires, a dotted one to an interface it upcalls, a grey one
to an interface it uses optionally, and a dashed edge from an interface to
each enabled provider. :func:`render_svg` runs
``dot -Tsvg``.
"""

from __future__ import annotations

import shutil
import subprocess

from .errors import TesseraError
from .formats import banner, dumps_json


def graph_json(graph) -> str:
    """The text of ``graph.json``."""
    return dumps_json(graph_json_data(graph))


def drivers_enabled(graph) -> bool:
    """True when the product needs ``driver_table.c``: the driver core
    (interface ``driver_core``) is in. Without it nothing binds a driver, and
    a driver's code may leave its driver object out (uart-16550 does)."""
    return "driver_core" in graph.providers


def builtin_drivers(graph) -> list:
    """``(component, driver)`` of every enabled driver, in component name order
    and then in manifest order."""
    return [(c, d) for c in sorted(graph.components, key=lambda c: c.name) for d in c.drivers]


def graph_json_data(graph) -> dict:
    """The resolved graph as plain data (the contents of ``graph.json``)."""
    tree = graph.tree
    enabled = graph.names
    on = set(enabled)
    comps = []
    others = sorted(n for n in tree.components if n not in on)
    for name in enabled + others:
        c = tree.components[name]
        comps.append({
            "name": c.name, "summary": c.summary, "dir": c.dir, "subsystem": c.subsystem,
            "enabled": name in on, "provides": c.provides, "requires": c.requires,
            "optional": c.optional, "upcalls": c.upcalls, "arch": c.arch,
            "prefix": c.prefix, "init": c.init, "sources": c.sources, "cflags": c.cflags,
            "syscalls": [{"name": s.name, "fn": s.fn} for s in c.syscalls],
            "ktests": c.ktests, "htests": c.htests,
            "drivers": [driver_json(d) for d in c.drivers],
            "why": graph.chain_text(name) if name in on else None,
        })
    ifaces = []
    for name, i in sorted(tree.interfaces.items()):
        ifaces.append({
            "name": name, "summary": i.summary, "cardinality": i.cardinality,
            "naming": i.naming if i.cardinality == "one" else None,
            "object": i.object,
            "header": i.header, "ops": [op.text for op in i.ops],
            "enabled": name in graph.providers,
            "providers": graph.providers.get(name, []),
            "candidates": [c.name for c in tree.providers(name)],
        })
    return {
        "generated": banner(graph),
        "product": {"name": graph.product.name, "summary": graph.product.summary,
                    "arch": graph.product.arch, "requires": graph.product.requires,
                    "qemu": graph.product.qemu,
                    "test": graph.product.test, "config": graph.config_path},
        "order": enabled,
        "init_order": graph.init_order,
        "chosen": {n: graph.providers[n][0] for n in graph.interfaces
                   if tree.interfaces[n].cardinality == "one"},
        "components": comps,
        "interfaces": ifaces,
        "drivers": ([dict(driver_json(d), component=c.name) for c, d in builtin_drivers(graph)]
                    if drivers_enabled(graph) else None),
    }


def driver_json(d) -> dict:
    """One driver and its match table, as ``graph.json`` writes it."""
    out = {"bus": d.bus, "driver": d.driver}
    if d.bus == "pci":
        out["pci"] = [{"vendor": i.vendor, "device": i.device} for i in d.ids]
    else:
        out["compatible"] = [i.compatible for i in d.ids]
    return out


def _q(text: str) -> str:
    """A DOT string; a newline becomes DOT's ``\\n`` line break (written
    once: escaping an already escaped ``\\n`` showed a literal ``\\n``)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def graph_dot(graph) -> str:
    """The text of ``graph.dot``."""
    tree = graph.tree
    out = [f"// {banner(graph)}\n",
           f"digraph {_q(graph.product.name)} {{\n",
           "\trankdir=LR;\n\tnode [fontname=\"Helvetica\", fontsize=10];\n"
           "\tedge [fontname=\"Helvetica\", fontsize=8];\n",
           f"\tlabel={_q(graph.product.name + ' (' + graph.product.arch + ')')};\n"
           "\tlabelloc=t;\n"]
    by_sub: dict[str, list] = {}
    for c in sorted(graph.components, key=lambda c: c.name):
        by_sub.setdefault(c.subsystem, []).append(c)
    for sub in sorted(by_sub):
        out.append(f"\tsubgraph {_q('cluster_' + sub)} {{\n\t\tlabel={_q(sub)};\n"
                   "\t\tstyle=rounded;\n\t\tcolor=gray;\n")
        for c in by_sub[sub]:
            label = c.name + (f"\ninit: {c.init}" if c.init else "")
            out.append(f"\t\t{_q('c:' + c.name)} [shape=box, label={_q(label)}];\n")
        out.append("\t}\n")
    product = graph.product
    out.append(f"\t{_q('p:' + product.name)} [shape=doubleoctagon, "
               f"label={_q('product ' + product.name)}];\n")
    for name in graph.interfaces:
        card = tree.interfaces[name].cardinality
        out.append(f"\t{_q('i:' + name)} [shape=ellipse, label={_q(name + ' (' + card + ')')}];\n")
    for i in sorted(product.requires):
        if i in graph.providers:
            out.append(f"\t{_q('p:' + product.name)} -> {_q('i:' + i)};\n")
    for c in sorted(graph.components, key=lambda c: c.name):
        for i in sorted(c.requires):
            out.append(f"\t{_q('c:' + c.name)} -> {_q('i:' + i)};\n")
        for i in sorted(c.upcalls):
            out.append(f"\t{_q('c:' + c.name)} -> {_q('i:' + i)} [style=dotted];\n")
        for i in sorted(c.optional):
            if i in graph.providers:
                out.append(f"\t{_q('c:' + c.name)} -> {_q('i:' + i)} [color=gray, "
                           "label=\"optional\"];\n")
    for name in graph.interfaces:
        for p in graph.providers[name]:
            out.append(f"\t{_q('i:' + name)} -> {_q('c:' + p)} [style=dashed];\n")
    out.append("}\n")
    return "".join(out)


def render_svg(dot_path: str, svg_path: str) -> None:
    """Run Graphviz's ``dot -Tsvg``; a user error if Graphviz is missing."""
    exe = shutil.which("dot")
    if exe is None:
        raise TesseraError.single(
            "Graphviz 'dot' is not installed (apt-get install graphviz); "
            f"{dot_path} was written, the SVG was not")
    res = subprocess.run([exe, "-Tsvg", dot_path, "-o", svg_path],
                         capture_output=True, text=True)
    if res.returncode != 0:
        raise TesseraError.single(f"dot -Tsvg failed: {res.stderr.strip()}", dot_path)
