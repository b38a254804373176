# SPDX-License-Identifier: Apache-2.0
"""The dependency graph for people and scripts: JSON, DOT, text, SVG, HTML.

Everything here reads one plain *view model* (nested dicts and lists of
strings and numbers, the document ``tessera graph --format json`` prints
and ``docs/graph-json.md`` describes), built once from a resolved graph by
:func:`product_view` or from every product of the tree by
:func:`tree_view`. The drawings never look at the resolver or at Kconfig.

Two views:

* the product view: the enabled components, clustered by subsystem folder,
  the interfaces they use, the product as the root; for each ``one``
  interface with several providers in the tree the chosen provider is
  marked and the other providers the product's architecture allows are
  drawn greyed (not part of the product);
* the tree view: every component and interface of the tree, and for each
  component the products that include it.

Node labels carry the component's size (text+data+bss from the build's link
map) when a map is there; the JSON says where sizes came from, or that
there was no map.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess

from .errors import TesseraError

SCHEMA = "tessera-graph/1"

# Element ids of the tree view's picture inside graph.html.
TREE_ID_PREFIX = "tree-"

# Where a component's reference row is, from the repository root.
DOC_PAGE = "docs/components.md"


def doc_anchor(name: str) -> str:
    """The anchor of a component's row in docs/components.md."""
    return "component-" + name


# --- sizes from the link map -------------------------------------------------------

def sizes_from_build(build_dir: str | None):
    """``({component: {"text","data","bss"}}, source)`` from ``kernel.map`` and
    ``symcheck.objects`` in *build_dir*; ``({}, None)`` when there is no map."""
    if not build_dir:
        return {}, None
    map_path = os.path.join(build_dir, "kernel.map")
    objects = os.path.join(build_dir, "symcheck.objects")
    if not (os.path.isfile(map_path) and os.path.isfile(objects)):
        return {}, None
    from importlib.machinery import SourceFileLoader
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    report = SourceFileLoader("tessera_size_report",
                              os.path.join(here, "size-report")).load_module()
    elf = os.path.join(build_dir, "kernel.elf")
    try:
        with open(os.path.join(build_dir, "gen", "graph.json"), encoding="utf-8") as f:
            arch = json.load(f)["product"]["arch"]
    except (OSError, ValueError, KeyError):
        return {}, None
    # One attribution of every byte: make size's (tools/size-report).
    try:
        rows = report.attribute(map_path, objects, elf, arch)["components"]
    except report.ReportError:
        return {}, None
    totals = {comp: {k: row[k] for k in ("text", "data", "bss")}
              for comp, row in rows.items() if not comp.startswith("@")}
    return totals, map_path


def _size_total(size) -> int | None:
    return None if size is None else size["text"] + size["data"] + size["bss"]


# --- the view model ----------------------------------------------------------------

def _component_entry(c, state: str, size=None, why=None, products=None) -> dict:
    entry = {
        "name": c.name,
        "state": state,
        "subsystem": c.subsystem,
        "dir": c.dir,
        "summary": c.summary,
        "provides": list(c.provides),
        "requires": list(c.requires),
        "optional": list(c.optional),
        "upcalls": list(c.upcalls),
        "arch": list(c.arch),
        "init": c.init,
        "size": size,
        "doc": f"{DOC_PAGE}#{doc_anchor(c.name)}",
    }
    if why is not None:
        entry["why"] = why
    if products is not None:
        entry["products"] = products
    return entry


def _edges(components: list[dict], interfaces: list[dict]) -> list[dict]:
    present = {i["name"] for i in interfaces}
    edges = []
    for c in components:
        if c["state"] == "alternative":
            continue
        for kind in ("requires", "optional", "upcalls"):
            for i in c[kind]:
                if i in present:
                    edges.append({"from": "c:" + c["name"], "to": "i:" + i, "kind": kind})
    for i in interfaces:
        for p in i["providers"]:
            kind = "provides"
            if i["choice"]:
                kind = "chosen" if p in i["chosen"] else "alternative"
            edges.append({"from": "i:" + i["name"], "to": "c:" + p, "kind": kind})
    return edges


def product_view(graph, sizes=None, size_source=None) -> dict:
    """The view model of one resolved product graph."""
    tree, product = graph.tree, graph.product
    sizes = sizes or {}
    enabled = {c.name for c in graph.components}
    # With a link map, a component none of whose bytes survived --gc-sections
    # (or with no objects) is 0 bytes, not unknown.
    zero = {"text": 0, "data": 0, "bss": 0}
    comps = [_component_entry(c, "enabled", sizes.get(c.name, zero if size_source else None), why=graph.chain(c.name)[1:])
             for c in sorted(graph.components, key=lambda c: c.name)]
    interfaces = []
    alternatives = set()
    used = set(graph.interfaces)
    for c in graph.components:
        used.update(c.requires, c.upcalls)
        used.update(i for i in c.optional if i in graph.providers)
    for name in sorted(used):
        iface = tree.interfaces[name]
        chosen = sorted(graph.providers.get(name, []))
        candidates = [p.name for p in tree.providers(name)
                      if not p.arch or product.arch in p.arch]
        choice = iface.cardinality == "one" and len(candidates) > 1
        providers = sorted(candidates) if choice else chosen
        if choice:
            alternatives.update(p for p in candidates if p not in enabled)
        interfaces.append({"name": name, "cardinality": iface.cardinality,
                           "summary": iface.summary, "choice": choice,
                           "providers": providers, "chosen": chosen})
    for name in sorted(alternatives):
        comps.append(_component_entry(tree.components[name], "alternative"))
    comps.sort(key=lambda c: c["name"])
    return {
        "schema": SCHEMA,
        "view": "product",
        "product": {"name": product.name, "arch": product.arch, "summary": product.summary,
                    "requires": sorted(product.requires)},
        "config": graph.config_path,
        "sizes": {"source": size_source, "unit": "bytes (text+data+bss)"},
        "components": comps,
        "interfaces": interfaces,
        "edges": _edges(comps, interfaces)
        + [{"from": "p:" + product.name, "to": "i:" + i, "kind": "requires"}
           for i in sorted(product.requires) if i in used],
        "init_order": list(graph.init_order),
    }


def tree_view(tree, graphs: dict) -> dict:
    """The view model of the whole tree; *graphs* maps product -> resolved graph."""
    in_products: dict[str, list[str]] = {}
    for pname in sorted(graphs):
        for c in graphs[pname].components:
            in_products.setdefault(c.name, []).append(pname)
    comps = [_component_entry(c, "enabled" if in_products.get(n) else "unused",
                              products=in_products.get(n, []))
             for n, c in sorted(tree.components.items())]
    interfaces = []
    for name, iface in sorted(tree.interfaces.items()):
        providers = [p.name for p in tree.providers(name)]
        interfaces.append({"name": name, "cardinality": iface.cardinality,
                           "summary": iface.summary, "choice": False,
                           "providers": providers, "chosen": providers})
    return {
        "schema": SCHEMA,
        "view": "tree",
        "product": None,
        "config": None,
        "products": sorted(graphs),
        "sizes": {"source": None, "unit": "bytes (text+data+bss)"},
        "components": comps,
        "interfaces": interfaces,
        "edges": _edges(comps, interfaces),
        "init_order": [],
    }


# --- JSON and text -----------------------------------------------------------------

def to_json(view: dict) -> str:
    """The JSON document (sorted keys, one trailing newline): indented for a
    graph a person may read, compact beyond (Python's C encoder is used
    only without indentation: five times faster on 10,000 components)."""
    big = len(view["components"]) > DOT_MAX_NODES
    return json.dumps(view, indent=None if big else 2, sort_keys=True,
                      ensure_ascii=False) + "\n"


def _fmt_size(size) -> str:
    total = _size_total(size)
    return "size ?" if total is None else f"{total} B"


def to_text(view: dict) -> str:
    """A readable listing: components by subsystem, interfaces and their providers."""
    out = []
    if view["view"] == "product":
        p = view["product"]
        out.append(f"product {p['name']} ({p['arch']}): {p['summary']}")
        out.append(f"configuration read: {view['config']}")
        out.append(f"product requires: {', '.join(p['requires'])}")
    else:
        out.append(f"whole tree: {len(view['components'])} components, "
                   f"{len(view['interfaces'])} interfaces, products: "
                   f"{', '.join(view['products'])}")
    src = view["sizes"]["source"]
    out.append(f"sizes: from {src}" if src else
               "sizes: no link map (build the product first for sizes)")
    by_sub: dict[str, list[dict]] = {}
    for c in view["components"]:
        by_sub.setdefault(c["subsystem"], []).append(c)
    out.append("")
    out.append("components:")
    for sub in sorted(by_sub):
        out.append(f"  {sub}/")
        for c in by_sub[sub]:
            mark = {"enabled": "", "alternative": "  (not chosen)",
                    "unused": "  (in no product)"}[c["state"]]
            size = f"  [{_fmt_size(c['size'])}]" if view["view"] == "product" \
                and c["state"] == "enabled" else ""
            out.append(f"    {c['name']}{size}{mark}: {c['summary']}")
            if c["requires"]:
                out.append(f"      requires {', '.join(c['requires'])}")
            if c["optional"]:
                out.append(f"      uses if present {', '.join(c['optional'])}")
            if c["upcalls"]:
                out.append(f"      upcalls {', '.join(c['upcalls'])}")
            if c.get("why"):
                out.append(f"      why: {' <- '.join(c['why'])}")
            if c.get("products") is not None:
                out.append(f"      in products: {', '.join(c['products']) or 'none'}")
    out.append("")
    out.append("interfaces:")
    for i in view["interfaces"]:
        if i["choice"]:
            others = [p for p in i["providers"] if p not in i["chosen"]]
            prov = (f"chosen {', '.join(i['chosen']) or 'none'}"
                    + (f"; alternatives {', '.join(others)}" if others else ""))
        else:
            prov = ", ".join(i["providers"]) or "no provider"
        out.append(f"  {i['name']} ({i['cardinality']}): {prov}")
    if view["init_order"]:
        out.append("")
        out.append("init order: " + " -> ".join(view["init_order"]))
    return "\n".join(out) + "\n"


# --- DOT ----------------------------------------------------------------------------

def _q(text: str) -> str:
    """A DOT string: quotes and backslashes escaped, real newlines as ``\\n``."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _id(node: str) -> str:
    """The SVG element id of a model node (``c:name`` -> ``c-name``)."""
    return node.replace(":", "-", 1)


EDGE_STYLES = {
    # kind: (DOT attributes, legend text)
    "requires": ('color="black"', "requires (component or product -> interface)"),
    "optional": ('color="steelblue", style="dashed"', "uses if present (optional)"),
    "upcalls": ('color="darkorange", style="dotted", penwidth=1.5', "upcalls (calls back into)"),
    "provides": ('color="gray40", arrowhead="empty"', "provided by (interface -> provider)"),
    "chosen": ('color="forestgreen", penwidth=2.5, arrowhead="empty", label="chosen", '
               'fontcolor="forestgreen"', "chosen provider of a 'one' choice"),
    "alternative": ('color="gray75", style="dashed", arrowhead="empty"',
                    "alternative provider, not chosen"),
}

NODE_STYLES = {
    "product": ('shape=doubleoctagon, style=filled, fillcolor="lightyellow"', "product (root)"),
    "enabled": ('shape=box, style="rounded,filled", fillcolor="white"', "component in the graph"),
    "chosen": ('shape=box, style="rounded,filled,bold", fillcolor="honeydew", '
               'color="forestgreen", penwidth=2', "component chosen for a 'one' choice"),
    "alternative": ('shape=box, style="rounded,dashed,filled", fillcolor="gray95", '
                    'color="gray70", fontcolor="gray55"', "alternative not chosen (not built)"),
    "unused": ('shape=box, style="rounded,dashed,filled", fillcolor="gray95", '
               'color="gray70", fontcolor="gray55"', "component in no product"),
    "one": ('shape=ellipse, style=filled, fillcolor="aliceblue"', "interface, cardinality one"),
    "many": ('shape=ellipse, peripheries=2, style=filled, fillcolor="lavender"',
             "interface, cardinality many"),
}


def _legend(view: dict) -> list[str]:
    kinds = ["requires", "optional", "upcalls", "provides"]
    nodes = ["product", "enabled", "one", "many"]
    if view["view"] == "product":
        kinds += ["chosen", "alternative"]
        nodes += ["chosen", "alternative"]
    else:
        nodes = ["enabled", "unused", "one", "many"]
    out = ['\tsubgraph "cluster_legend" {\n\t\tlabel="legend"; style="rounded"; '
           'color="gray50"; fontsize=11;\n']
    for k in nodes:
        attrs, text = NODE_STYLES[k]
        label = "product" if k == "product" else "name" if k not in ("one", "many") else "iface"
        out.append(f"\t\t{_q('legend-n-' + k)} [{attrs}, label={_q(label)}, "
                   f"id={_q('legend-n-' + k)}];\n")
        out.append(f"\t\t{_q('legend-nt-' + k)} [shape=plaintext, label={_q(text)}];\n")
        out.append(f"\t\t{_q('legend-n-' + k)} -> {_q('legend-nt-' + k)} [style=invis];\n")
    for k in kinds:
        attrs, text = EDGE_STYLES[k]
        a, b = _q("legend-a-" + k), _q("legend-b-" + k)
        out.append(f"\t\t{a} [shape=point, width=0.05];\n")
        out.append(f"\t\t{b} [shape=plaintext, label={_q(text)}];\n")
        out.append(f"\t\t{a} -> {b} [{attrs}, id={_q('legend-e-' + k)}];\n")
    out.append("\t}\n")
    return out


def _component_label(c: dict, view: dict) -> str:
    lines = [c["name"]]
    if c["init"]:
        lines.append(f"init: {c['init']}")
    if view["view"] == "product" and c["state"] != "alternative":
        lines.append(_fmt_size(c["size"]))
    if view["view"] == "tree":
        lines.append(f"in {len(c['products'])}/{len(view['products'])} products")
    return "\n".join(lines)


def to_dot(view: dict, doc_prefix: str = "") -> str:
    """The DOT text of a view; component links point at
    ``<doc_prefix>docs/components.md#component-<name>``."""
    if view["view"] == "product":
        p = view["product"]
        title = f"{p['name']} ({p['arch']}) from {view['config']}"
    else:
        title = f"every component of the tree ({', '.join(view['products'])})"
    src = view["sizes"]["source"]
    if view["view"] == "product":
        title += "\nsizes: " + (f"from {src}" if src else "no link map (build the product first)")
    chosen = {p for i in view["interfaces"] if i["choice"] for p in i["chosen"]}
    out = [f"// tessera graph, {view['view']} view (schema {SCHEMA})\n",
           f"digraph {_q(view['product']['name'] if view['product'] else 'tree')} {{\n",
           '\trankdir=LR; newrank=true; ranksep=0.6;\n'
           '\tnode [fontname="Helvetica", fontsize=10];\n'
           '\tedge [fontname="Helvetica", fontsize=8];\n',
           f"\tlabel={_q(title)}; labelloc=t; fontname=\"Helvetica\"; fontsize=14;\n"]
    by_sub: dict[str, list[dict]] = {}
    for c in view["components"]:
        by_sub.setdefault(c["subsystem"], []).append(c)
    for sub in sorted(by_sub):
        out.append(f"\tsubgraph {_q('cluster_' + sub)} {{\n\t\tlabel={_q(sub + '/')}; "
                   'style="rounded,filled"; fillcolor="gray98"; color="gray60";\n')
        for c in by_sub[sub]:
            state = "chosen" if c["name"] in chosen else c["state"]
            tip = c["summary"]
            if c.get("why"):
                tip += "\nwhy: " + " <- ".join(c["why"])
            if c["size"] is not None:
                tip += f"\nsize: text {c['size']['text']}, data {c['size']['data']}, " \
                       f"bss {c['size']['bss']}"
            if state == "alternative":
                tip += "\nnot chosen: not in this product"
            out.append(f"\t\t{_q('c:' + c['name'])} [{NODE_STYLES[state][0]}, "
                       f"label={_q(_component_label(c, view))}, id={_q(_id('c:' + c['name']))}, "
                       f"tooltip={_q(tip)}, URL={_q(doc_prefix + c['doc'])}, target=\"_top\"];\n")
        out.append("\t}\n")
    if view["product"]:
        p = view["product"]
        out.append(f"\t{_q('p:' + p['name'])} [{NODE_STYLES['product'][0]}, "
                   f"label={_q('product ' + p['name'])}, id={_q(_id('p:' + p['name']))}, "
                   f"tooltip={_q(p['summary'])}];\n")
    for i in view["interfaces"]:
        out.append(f"\t{_q('i:' + i['name'])} [{NODE_STYLES[i['cardinality']][0]}, "
                   f"label={_q(i['name'])}, id={_q(_id('i:' + i['name']))}, "
                   f"tooltip={_q(i['summary'] + ' (' + i['cardinality'] + ')')}];\n")
    for e in view["edges"]:
        eid = _id(e["from"]) + "--" + _id(e["to"])
        out.append(f"\t{_q(e['from'])} -> {_q(e['to'])} [{EDGE_STYLES[e['kind']][0]}, "
                   f"id={_q(eid)}, class={_q('edge-' + e['kind'])}];\n")
    out += _legend(view)
    out.append("}\n")
    return "".join(out)


# Graphviz's dot lays out a few hundred nodes in seconds but takes minutes
# on thousands (crossing minimisation); beyond this many nodes the view is
# drawn by :func:`layered_svg` instead.
DOT_MAX_NODES = 600


def draw_svg(view: dict, doc_prefix: str = "") -> str:
    """The SVG of a view: Graphviz for a graph a person can read, the
    linear-time layered layout for a larger one."""
    if len(view["components"]) + len(view["interfaces"]) > DOT_MAX_NODES:
        return layered_svg(view, doc_prefix)
    return render_svg(to_dot(view, doc_prefix))


_FILL = {"product": "lightyellow", "enabled": "white", "chosen": "honeydew",
         "alternative": "#f2f2f2", "unused": "#f2f2f2", "one": "aliceblue", "many": "lavender"}
_STROKE = {"requires": ("black", ""), "optional": ("steelblue", "6,3"),
           "upcalls": ("darkorange", "2,3"), "provides": ("#666666", ""),
           "chosen": ("forestgreen", ""), "alternative": ("#bfbfbf", "6,3")}


def layered_svg(view: dict, doc_prefix: str = "") -> str:
    """A layered drawing in time linear in the graph: columns by distance
    from the roots (left to right, as dot's), each column grouped by
    subsystem folder (a labelled band per group), straight edges. Same
    element ids, titles, tooltips and links as the Graphviz drawing."""
    esc = html.escape
    nodes: dict[str, dict] = {}
    chosen = {p for i in view["interfaces"] if i["choice"] for p in i["chosen"]}
    for c in view["components"]:
        state = "chosen" if c["name"] in chosen else c["state"]
        tip = c["summary"] + (("\nwhy: " + " <- ".join(c["why"])) if c.get("why") else "")
        nodes["c:" + c["name"]] = {"label": _component_label(c, view).split("\n")[0]
                                   + ("" if c["size"] is None else f"  {_fmt_size(c['size'])}"),
                                   "kind": state, "group": c["subsystem"], "tip": tip,
                                   "href": doc_prefix + c["doc"]}
    for i in view["interfaces"]:
        nodes["i:" + i["name"]] = {"label": i["name"], "kind": i["cardinality"],
                                   "group": "interfaces", "tip": i["summary"], "href": None}
    if view["product"]:
        p = view["product"]
        nodes["p:" + p["name"]] = {"label": "product " + p["name"], "kind": "product",
                                   "group": "product", "tip": p["summary"], "href": None}
    succ: dict[str, list[str]] = {n: [] for n in nodes}
    indeg = {n: 0 for n in nodes}
    for e in view["edges"]:
        succ[e["from"]].append(e["to"])
        indeg[e["to"]] += 1
    rank: dict[str, int] = {}
    frontier = sorted(n for n in nodes if indeg[n] == 0) or sorted(nodes)[:1]
    for n in frontier:
        rank[n] = 0
    while frontier:
        nxt = []
        for n in frontier:
            for m in succ[n]:
                if m not in rank:
                    rank[m] = rank[n] + 1
                    nxt.append(m)
        frontier = nxt
    for n in sorted(nodes):        # unreachable (cycles only): last column
        rank.setdefault(n, max(rank.values(), default=0) + 1)
    columns: dict[int, list[str]] = {}
    for n in sorted(nodes, key=lambda n: (nodes[n]["group"], n)):
        columns.setdefault(rank[n], []).append(n)
    colw, rowh, top, left = 260, 26, 260, 20
    pos, bands = {}, []
    for r, col in sorted(columns.items()):
        x, y, group, start = left + r * colw, top, None, top
        for n in col:
            if nodes[n]["group"] != group:
                if group is not None:
                    bands.append((x - 8, start - 18, y - start + 18, group))
                    y += 24
                group, start = nodes[n]["group"], y + 18
                y += 18
            pos[n] = (x, y)
            y += rowh
        bands.append((x - 8, start - 18, y - start + 18, group))
    width = left + (max(columns) + 1) * colw + 40
    height = max(y for _, y in pos.values()) + 60
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
           f'width="{width}pt" height="{height}pt" viewBox="0 0 {width} {height}">\n'
           f'<g id="graph0" class="graph" font-family="Helvetica,sans-serif" font-size="10">\n'
           f'<rect x="0" y="0" width="{width}" height="{height}" fill="white"/>\n'
           f'<text x="{left}" y="20" font-size="14">{esc(_title(view))}</text>\n']
    for bx, by, bh, group in bands:
        out.append(f'<g class="cluster"><title>cluster_{esc(group)}</title>'
                   f'<rect x="{bx}" y="{by}" width="{colw - 24}" height="{bh}" rx="6" '
                   f'fill="#fafafa" stroke="#999999"/>'
                   f'<text x="{bx + 4}" y="{by + 12}" fill="#666666">{esc(group)}/</text></g>\n')
    for e in view["edges"]:
        (x1, y1), (x2, y2) = pos[e["from"]], pos[e["to"]]
        colour, dash = _STROKE[e["kind"]]
        out.append(f'<g id="{esc(_id(e["from"]) + "--" + _id(e["to"]))}" class="edge edge-{e["kind"]}">'
                   f'<title>{esc(e["from"])}&#45;&gt;{esc(e["to"])}</title>'
                   f'<path fill="none" stroke="{colour}"'
                   + (f' stroke-dasharray="{dash}"' if dash else "")
                   + f' d="M{x1 + colw - 40},{y1} L{x2},{y2}"/></g>\n')
    for n, (x, y) in pos.items():
        d = nodes[n]
        shape = (f'<ellipse cx="{x + 80}" cy="{y}" rx="80" ry="10" fill="{_FILL[d["kind"]]}" stroke="black"/>'
                 if n.startswith("i:") else
                 f'<rect x="{x}" y="{y - 10}" width="{colw - 40}" height="20" rx="4" '
                 f'fill="{_FILL[d["kind"]]}" stroke="'
                 + ("#b3b3b3" if d["kind"] in ("alternative", "unused") else
                    "forestgreen" if d["kind"] == "chosen" else "black") + '"/>')
        body = (shape + f'<text x="{x + 6}" y="{y + 4}"'
                + (' fill="#8c8c8c"' if d["kind"] in ("alternative", "unused") else "")
                + f'>{esc(d["label"])}</text>')
        if d["href"]:
            body = (f'<g id="a_{esc(_id(n))}"><a xlink:href="{esc(d["href"])}" '
                    f'xlink:title="{esc(d["tip"])}" target="_top">{body}</a></g>')
        else:
            body = f'<g id="a_{esc(_id(n))}"><a xlink:title="{esc(d["tip"])}">{body}</a></g>'
        out.append(f'<g id="{esc(_id(n))}" class="node"><title>{esc(n)}</title>{body}</g>\n')
    # The legend: every line style, top left.
    out.append('<g class="cluster"><title>cluster_legend</title>'
               f'<text x="{left}" y="44" font-size="11">legend</text>')
    for k, kind in enumerate(_STROKE):
        colour, dash = _STROKE[kind]
        y = 60 + k * 16
        out.append(f'<g id="legend-e-{kind}" class="edge"><path fill="none" stroke="{colour}"'
                   + (f' stroke-dasharray="{dash}"' if dash else "")
                   + f' d="M{left},{y} L{left + 60},{y}"/>'
                   f'<text x="{left + 70}" y="{y + 4}">{esc(EDGE_STYLES[kind][1])}</text></g>')
    out.append("</g>\n</g>\n</svg>\n")
    return "".join(out)


def _title(view: dict) -> str:
    if view["view"] == "product":
        p = view["product"]
        return f"{p['name']} ({p['arch']}) from {view['config']}"
    return f"every component of the tree ({', '.join(view['products'])})"


def render_svg(dot_text: str) -> str:
    """Graphviz's SVG of *dot_text*; a user error if Graphviz is missing."""
    exe = shutil.which("dot")
    if exe is None:
        raise TesseraError.single("Graphviz 'dot' is not installed (apt-get install graphviz)")
    res = subprocess.run([exe, "-Tsvg"], input=dot_text, capture_output=True, text=True)
    if res.returncode != 0:
        raise TesseraError.single(f"dot -Tsvg failed: {res.stderr.strip()}")
    svg = res.stdout
    # The XML prolog and DOCTYPE cannot appear inside an HTML page.
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg


def prefix_ids(svg: str, prefix: str) -> str:
    """Every element id of *svg* prefixed: two pictures in one page must not
    share ids (Graphviz numbers its own: ``graph0``, ``node1``...)."""
    return svg.replace(' id="', ' id="' + prefix)


# --- HTML ---------------------------------------------------------------------------

def _asset(name: str) -> str:
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "viz_assets", name),
              encoding="utf-8") as f:
        return f.read()


def to_html(product: dict, product_svg: str, tree: dict | None, tree_svg: str | None,
            doc_prefix: str = "") -> str:
    """One self-contained page: both SVGs, the models, inline CSS and JS."""
    models = {"product": product, "tree": tree, "docPrefix": doc_prefix,
              "idPrefix": {"product": "", "tree": TREE_ID_PREFIX}}
    tree_svg = prefix_ids(tree_svg, TREE_ID_PREFIX) if tree_svg else tree_svg
    data = json.dumps(models, sort_keys=True, ensure_ascii=True).replace("</", "<\\/")
    p = product["product"]
    title = f"Tessera graph: {p['name']}"
    src = product["sizes"]["source"]
    sizes = f"sizes from {src}" if src else "no link map: sizes unknown (build the product)"
    return f"""<!DOCTYPE html>
<!-- Generated by tools/tessera (graph --html). Offline: no server, no network. -->
<html lang="en">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<style>
{_asset("graph.css")}
</style>
</head>
<body>
<header>
  <h1>{html.escape(p['name'])} <small>({html.escape(p['arch'])}, from {html.escape(product['config'])}; {html.escape(sizes)})</small></h1>
  <div id="controls">
    <input id="search" type="search" placeholder="search a component or interface" autocomplete="off">
    <span id="matches"></span>
    <label><input type="radio" name="view" value="product" checked> this product</label>
    <label><input type="radio" name="view" value="tree"{'' if tree else ' disabled'}> whole tree</label>
  </div>
</header>
<main>
  <section id="view-product" class="view">{product_svg}</section>
  <section id="view-tree" class="view" hidden>{tree_svg or ''}</section>
  <aside id="panel"><p>Click a component or interface: its requirements and dependents are
  highlighted, and this panel shows why it is there and its size.</p></aside>
</main>
<script type="application/json" id="models">{data}</script>
<script>
{_asset("graph.js")}
</script>
</body>
</html>
"""
