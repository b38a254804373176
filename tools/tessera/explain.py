# SPDX-License-Identifier: Apache-2.0
"""``why``, ``why-not`` and ``diff``: explanations read from resolved
:class:`~tessera.model.Graph` models only (no Kconfiglib).

* :func:`why_lines`: every chain from a root (a ``CONFIG_X=y`` line of the
  configuration, the product's ``requires``, or Kconfig on its own) to an
  enabled component, each a path of ``requires``/``upcalls`` edges without
  repeating a component, up to :data:`MAX_CHAINS`; for a component that is
  not enabled, :func:`why_not_lines`.
* :func:`why_not_lines`: everything that keeps a component out, one line
  per cause, each starting with its kind: ``arch:`` (its architectures
  exclude the product's), ``unmet dependency:`` (a Kconfig dependency that
  does not hold, or an interface it needs that nothing can provide for the
  product's architecture), ``set to n:``, ``conflicting choice:`` (another
  provider of its ``one`` interface is the product's), ``not needed by any
  root:`` (nothing enabled needs what it provides, and the configuration
  does not ask for it).
* :func:`diff`: two graphs (two products, or two configurations of one):
  components added and removed, providers changed, Kconfig values changed,
  and the size change of each component from the two builds' ``size.json``
  (``make size``), or why there are no sizes.
"""

from __future__ import annotations

import json
import os

from .errors import TesseraError, did_you_mean
from .model import Graph

MAX_CHAINS = 100


def _known(graph: Graph, name: str) -> None:
    if name not in graph.tree.components:
        raise TesseraError.single(
            f"no component '{name}'{did_you_mean(name, graph.tree.components)}"
            f" (known: {', '.join(sorted(graph.tree.components))})")


def config_line(graph: Graph) -> str:
    """The line that says which configuration an explanation read."""
    return f"configuration: {graph.config_path}"


def chains(graph: Graph, name: str, limit: int = MAX_CHAINS) -> tuple[list[list[str]], bool]:
    """Every chain from a root to enabled ``name`` (text steps, ``name``
    first), and whether ``limit`` cut the list short."""
    out: list[list[str]] = []
    cut = [False]

    def key(r):
        return (r.kind != "root", r.kind != "product", r.by, r.iface)

    def walk(cur: str, steps: list[str], seen: frozenset) -> None:
        for r in sorted(graph.reasons.get(cur, []), key=key):
            if len(out) >= limit:
                cut[0] = True
                return
            if r.is_root:
                out.append(steps + [r.text()])
            elif r.by not in seen:
                walk(r.by, steps + [r.text()], seen | {r.by})

    walk(name, [name], frozenset([name]))
    if not out:     # only reachable through a cycle: the BFS chain
        out.append(graph.chain(name))
    return out, cut[0]


def why_lines(graph: Graph, name: str) -> list[str]:
    """``why``: every chain from a root, or what keeps the component out."""
    _known(graph, name)
    if not graph.is_enabled(name):
        return why_not_lines(graph, name)
    found, cut = chains(graph, name)
    lines = [f"{name} is enabled in {graph.product.name} ({len(found)}"
             f"{'+' if cut else ''} chain{'s' if len(found) != 1 else ''} from a root; "
             f"configuration {graph.config_path}):"]
    lines += ["  " + " <- ".join(c) for c in found]
    if cut:
        lines.append(f"  ... (the first {MAX_CHAINS} chains)")
    return lines + [config_line(graph)]


def feasible(graph: Graph) -> dict[str, str | None]:
    """For every component: None when it could be part of a graph of the
    product's architecture, else why not (the interface it needs that
    nothing can provide, down to the cause)."""
    tree, arch = graph.tree, graph.product.arch
    why: dict[str, str | None] = {}
    for c in tree.components.values():
        if c.arch and arch not in c.arch:
            why[c.name] = f"'{c.name}' is only for {', '.join(c.arch)}"
    # A fixpoint from the leaves: a component is possible when every
    # interface it needs has a possible provider.
    possible = {n for n in tree.components if n not in why}
    changed = True
    while changed:
        changed = False
        for n in sorted(possible):
            c = tree.components[n]
            for i in sorted(set(c.requires) | set(c.upcalls)):
                provs = [p.name for p in tree.providers(i)]
                if not any(p in possible for p in provs):
                    cause = ("no component provides it" if not provs else
                             "; ".join(why.get(p) or f"'{p}' cannot be built" for p in provs))
                    why[n] = f"requires '{i}', which nothing can provide for {arch} ({cause})"
                    possible.discard(n)
                    changed = True
                    break
    return {n: why.get(n) for n in tree.components}


def why_not_lines(graph: Graph, name: str) -> list[str]:
    """``why-not``: every cause that keeps the component out (see the module
    docstring); for an enabled component, says so and prints ``why``."""
    _known(graph, name)
    tree, prod = graph.tree, graph.product
    comp = tree.components[name]
    if graph.is_enabled(name):
        return [f"{name} is enabled in {prod.name}; why:"] + why_lines(graph, name)[1:]
    ab = graph.absent[name]
    lines = [f"{name} is not enabled in {prod.name}:"]
    arch_off = bool(comp.arch) and prod.arch not in comp.arch
    if arch_off:
        lines.append(f"  arch: '{name}' supports {', '.join(comp.arch)}; the product's arch "
                     f"is {prod.arch} (CONFIG_{comp.symbol}: {ab.dep_unmet})")
    elif not ab.can_enable:
        lines.append(f"  unmet dependency: CONFIG_{comp.symbol}: {ab.dep_unmet}")
    if not arch_off:
        cause = feasible(graph)[name]
        if cause:
            lines.append(f"  unmet dependency: {cause}")
    if ab.set_n is not None:
        lines.append(f"  set to n: CONFIG_{comp.symbol} is set to n "
                     f"({graph.config_path}:{ab.set_n.line})")
    if ab.choice is not None:
        if ab.chosen is not None:
            other = next((c.name for c in tree.components.values()
                          if c.symbol == ab.chosen), ab.chosen)
            a = graph.assignment(ab.chosen)
            how = (f"CONFIG_{ab.chosen}=y ({graph.config_path}:{a.line})"
                   if a is not None and a.value == "y" else "the default provider")
            lines.append(f"  conflicting choice: '{ab.choice}' is a 'one' interface and "
                         f"its provider in the product is '{other}' ({how})")
        elif ab.choice_required:
            lines.append(f"  set to n: '{ab.choice}' is required, but the configuration sets "
                         "every provider that could be enabled to n (the tool does not "
                         "override an explicit n; gen refuses this configuration)")
    if len(lines) == 1:
        users = {}
        for c in graph.components:
            for i in set(c.requires) | set(c.upcalls) | set(c.optional):
                if i in comp.provides:
                    users.setdefault(i, []).append(c.name)
        for i in prod.requires:
            if i in comp.provides:
                users.setdefault(i, []).insert(0, f"product {prod.name}")
        many = sorted(i for i in users if tree.interfaces[i].cardinality == "many")
        if many:
            who = sorted({u for i in many for u in users[i]})
            lines.append(f"  not needed by any root: {', '.join(who)} use(s) "
                         f"{', '.join(repr(i) for i in many)}, a 'many' interface whose "
                         f"providers are enabled only when the configuration asks: "
                         f"{graph.config_path} does not set CONFIG_{comp.symbol}=y")
        else:
            what = ", ".join(repr(i) for i in comp.provides) or "anything it provides"
            lines.append(f"  not needed by any root: no enabled component or product "
                         f"requirement needs {what}, and {graph.config_path} does not set "
                         f"CONFIG_{comp.symbol}=y")
    return lines + [config_line(graph)]


# --- diff --------------------------------------------------------------------------

def _size_report(path: str | None, graph: Graph):
    """``(report or None, why not)`` for a build's size.json matching ``graph``."""
    if path is None:
        return None, "a configuration file has no build: give its size.json (--size-a/-b)"
    from .load import relpath
    path = relpath(graph.tree.root, os.path.abspath(path))
    if not os.path.exists(path):
        return None, f"not built ({path} missing: make size GRAPH={graph.product.name})"
    try:
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
    except (OSError, ValueError) as e:
        return None, f"unreadable {path}: {e}"
    have = {c for c in report.get("components", {}) if not c.startswith("@")}
    want = set(graph.names)
    if not have <= want or report.get("arch") != graph.product.arch:
        return None, (f"{path} is of another configuration (components "
                      f"{', '.join(sorted(have ^ want))} differ): re-run make size")
    return report, ""


def diff_lines(a: Graph, b: Graph, label_a: str, label_b: str,
               size_a: str | None = None, size_b: str | None = None) -> list[str]:
    """The differences between two resolved graphs, as lines."""
    lines = [f"--- {label_a} ({a.config_path})", f"+++ {label_b} ({b.config_path})"]
    na, nb = set(a.names), set(b.names)
    added, removed = sorted(nb - na), sorted(na - nb)
    lines.append("components added: " + (", ".join(added) or "none"))
    lines.append("components removed: " + (", ".join(removed) or "none"))
    ca, cb = a.chosen(), b.chosen()
    prov = []
    # Interfaces of both graphs (one only in A or B comes and goes with
    # its components, listed above).
    for i in sorted(set(ca) & set(cb)):
        if ca.get(i) != cb.get(i):
            prov.append(f"  {i}: {ca.get(i, '(none)')} -> {cb.get(i, '(none)')}")
    ma = {i: a.providers[i] for i in a.interfaces if a.tree.interfaces[i].cardinality == "many"}
    mb = {i: b.providers[i] for i in b.interfaces if b.tree.interfaces[i].cardinality == "many"}
    for i in sorted(set(ma) & set(mb)):
        if ma.get(i) != mb.get(i):
            prov.append(f"  {i}: {', '.join(ma.get(i, [])) or '(none)'} -> "
                        f"{', '.join(mb.get(i, [])) or '(none)'}")
    lines.append("providers changed:" + ("" if prov else " none"))
    lines += prov
    comp_syms = {c.symbol for c in a.tree.components.values()} | \
        {c.symbol for c in b.tree.components.values()}
    va = {s.name: s.value for s in a.symbols if s.written}
    vb = {s.name: s.value for s in b.symbols if s.written}
    vals = []
    for s in sorted(set(va) | set(vb)):
        if s in comp_syms or s.startswith("IFACE_"):
            continue    # components and their interfaces: above
        if va.get(s) != vb.get(s):
            vals.append(f"  CONFIG_{s}: {va.get(s, '(undefined)') or '(empty)'} -> "
                        f"{vb.get(s, '(undefined)') or '(empty)'}")
    lines.append("Kconfig values changed:" + ("" if vals else " none"))
    lines += vals
    ra, why_a = _size_report(size_a, a)
    rb, why_b = _size_report(size_b, b)
    if ra is None or rb is None:
        lines.append("size: unknown: " + "; ".join(
            f"{lab}: {w}" for lab, r, w in ((label_a, ra, why_a), (label_b, rb, why_b))
            if r is None))
        return lines
    sa, sb = ra["components"], rb["components"]
    ta, tb = sum(ra["total"].values()), sum(rb["total"].values())
    lines.append(f"size (text+data+bss, from {size_a} and {size_b}): {ta} -> {tb} "
                 f"({tb - ta:+d})")
    rows = []
    for c in set(sa) | set(sb):
        x, y = sa.get(c, {}).get("total", 0), sb.get(c, {}).get("total", 0)
        if x != y:
            rows.append((-(abs(y - x)), c, x, y))
    for _, c, x, y in sorted(rows):
        lines.append(f"  {c:<24} {x:>8} -> {y:>8} ({y - x:+d})")
    return lines
