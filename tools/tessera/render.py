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


def graph_json(graph) -> str:
    """The text of ``graph.json``."""
    from .emit import dumps_json, graph_json_data
    return dumps_json(graph_json_data(graph))


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def graph_dot(graph) -> str:
    """The text of ``graph.dot``."""
    from .emit import banner
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
            label = c.name + (f"\\ninit: {c.init}" if c.init else "")
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
