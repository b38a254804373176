# SPDX-License-Identifier: Apache-2.0
"""Why a component is, or is not, in a product: read from the resolved
:class:`~tessera.model.Graph` only (its reasons, BFS parents and the
:class:`~tessera.model.Absence` of every component left out)."""

from __future__ import annotations

from .errors import TesseraError, did_you_mean
from .model import Graph, chain_from


def why_lines(graph: Graph, name: str) -> list[str]:
    """The explanation ``why`` prints, as lines."""
    tree, prod = graph.tree, graph.product
    product = prod.name
    if name not in tree.components:
        raise TesseraError.single(f"no component '{name}'{did_you_mean(name, tree.components)} (known: "
                                  f"{', '.join(sorted(tree.components))})")
    comp = tree.components[name]
    if graph.is_enabled(name):
        lines = [f"{name} is enabled in {product}:"]
        parent = graph.parent
        for r in sorted(graph.reasons[name], key=lambda r: (r.kind != "root",
                                                            r.kind != "product",
                                                            r.by, r.iface)):
            rest = [] if r.is_root else chain_from(r.by, parent)[1:]
            if rest:
                lines.append(f"  {name} <- {r.text()} <- " + " <- ".join(rest))
            else:
                lines.append(f"  {name} <- {r.text()}")
        return lines
    ab = graph.absent[name]
    lines = [f"{name} is not enabled in {product}:"]
    if not ab.can_enable:
        lines.append(f"  CONFIG_{comp.symbol}: {ab.dep_unmet}")
    if ab.set_n is not None:
        lines.append(f"  CONFIG_{comp.symbol} is set to n ({graph.config_path}:{ab.set_n.line})")
    if ab.choice is not None:
        if ab.chosen is not None:
            lines.append(f"  '{ab.choice}' is provided by the chosen "
                         f"CONFIG_{ab.chosen}=y instead")
        elif ab.choice_required:
            lines.append(f"  '{ab.choice}' is required, but the configuration sets every "
                         "provider that could be enabled to n (the tool does not override "
                         "an explicit n; gen refuses this configuration)")
        else:
            lines.append(f"  nothing requires '{ab.choice}' and the configuration picks "
                         "no provider")
    if len(lines) == 1:
        comps = graph.components
        needed = sorted(i for i in comp.provides
                        if i in prod.requires
                        or any(i in c.requires or i in c.upcalls or i in c.optional
                               for c in comps))
        many = [i for i in needed if tree.interfaces[i].cardinality == "many"]
        if many:
            users = sorted(c.name for c in comps
                           if any(i in c.requires or i in c.upcalls or i in c.optional
                                  for i in many))
            if any(i in prod.requires for i in many):
                users.insert(0, f"product {product}")
            lines.append(f"  not selected: {', '.join(users)} use(s) "
                         f"{', '.join(repr(i) for i in many)}, a 'many' interface whose "
                         f"providers are enabled only when the configuration asks: "
                         f"{graph.config_path} does not set CONFIG_{comp.symbol}=y")
        else:
            lines.append(f"  not selected: no enabled component requires "
                         f"{', '.join(repr(i) for i in comp.provides) or 'anything it provides'}, "
                         f"and {graph.config_path} does not set CONFIG_{comp.symbol}=y")
    return lines
