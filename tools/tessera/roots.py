# SPDX-License-Identifier: Apache-2.0
"""The ``[roots]`` table of a ``product.toml``: what a product must have,
which ``tessera trim`` starts from (see :mod:`tessera.trim`). Validated by
:mod:`tessera.load` with the rest of the product (errors at their line)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field

from .errors import Collector
from .model import Product, Tree

ROOT_KEYS = ("components", "interfaces", "choose", "options")


@dataclass
class Roots:
    """The ``[roots]`` of a product (empty lists when absent)."""

    components: list[str] = field(default_factory=list)
    interfaces: list[str] = field(default_factory=list)
    choose: dict[str, str] = field(default_factory=dict)
    options: dict[str, object] = field(default_factory=dict)


def _line(text: str, *path) -> int:
    from . import tomlpos
    pos = tomlpos.index(text)
    if path and isinstance(path[-1], int):
        return pos.item(*path) or pos.key(*path[:-1]) or pos.key("roots") or 1
    return pos.key(*path) or pos.key("roots") or 1


def supports(comp, arch: str) -> bool:
    """True when the component may be built for ``arch``."""
    return not comp.arch or arch in comp.arch


def check_roots(data, rel: str, text: str, tree: Tree, arch: str, errs: Collector) -> Roots:
    """Validate the ``[roots]`` table (``data``: its parsed value) and return it.

    Every error is at the line of the offending key or list item of
    ``rel``: an unknown key, a wrong type, an unknown component or interface
    (with the known ones), a root component for another architecture, a
    name listed twice, a ``choose`` of a component that does not provide
    the interface or cannot be built for the product's architecture, an
    option that is not ``true``/``false``, an integer or a string.
    """
    roots = Roots()
    if data is None:
        return roots
    if not isinstance(data, dict):
        errs.add(rel, _line(text, "roots"), "'roots' must be a table ([roots])")
        return roots
    for key in sorted(data):
        if key not in ROOT_KEYS:
            errs.add(rel, _line(text, "roots", key),
                     f"unknown key [roots] '{key}' in product (known: {', '.join(ROOT_KEYS)})")
    for key in ("components", "interfaces"):
        value = data.get(key, [])
        if not isinstance(value, list):
            errs.add(rel, _line(text, "roots", key), f"key [roots] '{key}' must be a list")
            continue
        known = tree.components if key == "components" else tree.interfaces
        seen = set()
        for n, name in enumerate(value):
            line = _line(text, "roots", key, n)
            if not isinstance(name, str):
                errs.add(rel, line, f"key [roots] '{key}': item {n + 1} is not a string")
                continue
            if name in seen:
                errs.add(rel, line, f"'{name}' listed twice in [roots] '{key}'")
                continue
            seen.add(name)
            if name not in known:
                errs.add(rel, line, f"[roots] '{key}' names unknown {key[:-1]} '{name}'"
                         f"{_did_you_mean(name, known)}")
                continue
            if key == "components" and not supports(known[name], arch):
                errs.add(rel, line, f"root component '{name}' is only for "
                         f"{', '.join(known[name].arch)} (product arch is {arch})")
                continue
            getattr(roots, key).append(name)
    choose = data.get("choose", {})
    if not isinstance(choose, dict):
        errs.add(rel, _line(text, "roots", "choose"),
                 "key [roots] 'choose' must be a table: { interface = \"provider\" }")
        choose = {}
    for iface, comp in sorted(choose.items()):
        line = _line(text, "roots", "choose", iface)
        if iface not in tree.interfaces:
            errs.add(rel, line, f"[roots] 'choose' names unknown interface '{iface}'"
                     f"{_did_you_mean(iface, tree.interfaces)}")
        elif not isinstance(comp, str):
            errs.add(rel, line, f"[roots] 'choose' of '{iface}' must be a component name")
        elif comp not in {c.name for c in tree.providers(iface)}:
            provs = [c.name for c in tree.providers(iface)]
            errs.add(rel, line, f"[roots] 'choose': '{comp}' does not provide '{iface}' "
                     f"(its providers: {', '.join(provs) or 'none'})")
        elif not supports(tree.components[comp], arch):
            errs.add(rel, line, f"[roots] 'choose': '{comp}' is only for "
                     f"{', '.join(tree.components[comp].arch)} (product arch is {arch})")
        else:
            roots.choose[iface] = comp
    options = data.get("options", {})
    if not isinstance(options, dict):
        errs.add(rel, _line(text, "roots", "options"),
                 "key [roots] 'options' must be a table: { SYMBOL = value }")
        options = {}
    for sym, value in sorted(options.items()):
        if not isinstance(value, (bool, int, str)):
            errs.add(rel, _line(text, "roots", "options", sym),
                     f"[roots] option {sym} must be true, false, an integer or a string")
        else:
            roots.options[sym] = value
    return roots


def _did_you_mean(name: str, known) -> str:
    import difflib
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def product_roots(product: Product, tree: Tree) -> Roots:
    """The product's ``[roots]``, validated (errors at ``product.toml:N``)."""
    data = tomllib.loads(product.text) if product.text else {}
    errs = Collector()
    roots = check_roots(data.get("roots"), product.path, product.text, tree, product.arch, errs)
    errs.raise_if_any()
    return roots
