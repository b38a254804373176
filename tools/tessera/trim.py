# SPDX-License-Identifier: Apache-2.0
"""Trimmed products: the minimal graph that gives a product its roots.

A product may say what it must have in a ``[roots]`` table of its
``product.toml``::

    [roots]
    components = ["uart-16550"]                  # taken as they are
    interfaces = ["page_alloc"]                  # each gets a provider
    choose     = { page_alloc = "page-alloc-firstfit", console = "uart-16550" }
    options    = { CC_OPTIMIZE_FOR_SIZE = true, DEBUG_PAGEALLOC = false }

Every key is optional. The interfaces of the product's ``requires`` are
roots too, so a product without ``[roots]`` trims to the smallest kernel
that provides them. ``choose`` names the provider of an interface
whenever the closure needs one (it does not make the interface needed);
``options`` sets Kconfig options that are not components (a boolean is
``y``/``n``, an integer or a string is written as such).

:func:`closure` computes the minimal closure: the root components, then, for
every interface that a member or the product needs (``requires`` and
``upcalls``; ``optional`` interfaces are not needs) and that no member
provides yet, one provider -- the product's ``choose``, else the default:
the first provider by name that supports the product's architecture (the
provider the tool's completion picks for a ``one`` interface), or with
``prefer="small"`` the provider whose own closure adds the fewest bytes,
by the sizes measured by ``make size`` (:func:`load_sizes`). Nothing else
is taken, so every member is a root component or the only provider of a
needed interface: :func:`unmet` is the independent check (removing any
member of the result leaves a requirement unmet), used by the tests.

:func:`trim` turns the closure into a configuration, has the tool evaluate
it (the same solver as ``gen``: it must enable exactly the closure) and
returns its minimal form, the text ``savedefconfig`` writes for it.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field

from .errors import Collector, TesseraError
from .model import Product, Tree
from .roots import Roots, _line, check_roots, product_roots, supports  # noqa: F401

# --- sizes --------------------------------------------------------------------------

def load_sizes(root: str, arch: str, files: list[str] | None = None):
    """``({component: bytes}, [files read])`` from ``make size`` reports.

    ``files`` default to every ``build/*/size.json`` of the architecture
    (written by ``make size GRAPH=<product>``). A component's size is its
    text + data + bss without its ktests, the smallest over the reports
    (the same code in two products differs only by what the linker could
    drop). Without any report the map is empty.
    """
    if files is None:
        files = sorted(glob.glob(os.path.join(root, "build", "*", "size.json")))
    sizes: dict[str, int] = {}
    used = []
    for path in files:
        try:
            with open(path, encoding="utf-8") as f:
                report = json.load(f)
        except (OSError, ValueError) as e:
            raise TesseraError.single(f"cannot read sizes from {path}: {e}") from None
        if report.get("arch") != arch:
            continue
        used.append(path)
        for name, row in report.get("components", {}).items():
            n = row.get("total", 0) - row.get("ktests", 0)
            sizes[name] = min(n, sizes.get(name, n))
    return sizes, used


# --- the closure --------------------------------------------------------------------

@dataclass
class Closure:
    """The result of :func:`closure`."""

    names: list[str]                         # members, by name
    picked: dict[str, tuple[str, str]]       # interface -> (provider, how: chosen/default/small)
    needs: dict[str, str]                    # needed interface -> who needs it first
    notes: list[str] = field(default_factory=list)


def _needs_of(comp) -> list[str]:
    return sorted(set(comp.requires) | set(comp.upcalls))


def closure(tree: Tree, product: Product, roots: Roots, prefer: str = "default",
            sizes: dict[str, int] | None = None) -> Closure:
    """The minimal set of components giving the product its roots."""
    arch = product.arch
    members: set[str] = set()
    picked: dict[str, tuple[str, str]] = {}
    needs: dict[str, str] = {}
    notes: list[str] = []
    errs = Collector()
    pending: list[tuple[str, str]] = []     # (interface, needed by)

    def take(name: str) -> None:
        if name in members:
            return
        members.add(name)
        for i in _needs_of(tree.components[name]):
            pending.append((i, name))

    for name in roots.components:
        take(name)
    for i in product.requires:
        pending.append((i, f"product {product.name}"))
    for i in roots.interfaces:
        pending.append((i, f"product {product.name} ([roots])"))

    def candidates(iface: str) -> list[str]:
        return [c.name for c in tree.providers(iface) if supports(c, arch)]

    def default_pick(iface: str) -> str | None:
        if iface in roots.choose:
            return roots.choose[iface]
        cands = candidates(iface)
        return cands[0] if cands else None

    def cost(first: str, have: set[str]) -> tuple[int, int]:
        """(unknown sizes, bytes) the closure of ``first`` adds to ``have``."""
        added, work = set(), [first]
        while work:
            n = work.pop()
            if n in have or n in added:
                continue
            added.add(n)
            for i in _needs_of(tree.components[n]):
                if any(i in tree.components[m].provides for m in have | added):
                    continue
                p = default_pick(i)
                if p is not None:
                    work.append(p)
        unknown = sorted(n for n in added if n not in (sizes or {}))
        return len(unknown), sum((sizes or {}).get(n, 0) for n in added)

    while pending:
        pending.sort(reverse=True)
        iface, by = pending.pop()
        needs.setdefault(iface, by)
        if any(iface in tree.components[m].provides for m in members):
            continue
        if iface in roots.choose:
            picked[iface] = (roots.choose[iface], "chosen by the product")
            take(roots.choose[iface])
            continue
        cands = candidates(iface)
        if not cands:
            others = [c.name for c in tree.providers(iface)]
            errs.add(product.path, _line(product.text, "roots") if product.text else 1,
                     f"'{iface}' (needed by {by}) has no provider for {arch}"
                     + (f": {', '.join(others)} support(s) other architectures only"
                        if others else ": no component provides it"))
            continue
        pick, how = cands[0], ("the only provider" if len(cands) == 1
                               else "default: first by name")
        if prefer == "small" and len(cands) > 1:
            ranked = sorted(cands, key=lambda c: (cost(c, members), c))
            pick = ranked[0]
            unknown, size = cost(pick, members)
            how = (f"smallest: adds {size} bytes" if not unknown else
                   "default: no measured size") + " (of " + ", ".join(
                       f"{c} {cost(c, members)[1]}" + ("+?" if cost(c, members)[0] else "")
                       for c in cands) + ")"
            for c in cands:
                if cost(c, members)[0]:
                    notes.append(f"no measured size for some of what '{c}' needs: build a "
                                 f"product with it and run make size (ranked last)")
        picked[iface] = (pick, how)
        take(pick)
    errs.raise_if_any()
    return Closure(names=sorted(members), picked=picked, needs=needs, notes=notes)


def unmet(tree: Tree, product: Product, roots: Roots, names) -> list[str]:
    """Every requirement the component set ``names`` leaves unmet.

    Independent of :func:`closure`: a root component missing, an interface
    that the product or a member needs without a provider in the set, a
    ``one`` interface with two providers, a member for another
    architecture.
    """
    names = set(names)
    out = []
    for n in roots.components:
        if n not in names:
            out.append(f"root component '{n}' is missing")
    have = {}
    for n in sorted(names):
        comp = tree.components[n]
        if not supports(comp, product.arch):
            out.append(f"'{n}' is not for {product.arch}")
        for i in comp.provides:
            have.setdefault(i, []).append(n)
    need = {i: f"product {product.name}" for i in list(product.requires) + roots.interfaces}
    for n in sorted(names):
        for i in _needs_of(tree.components[n]):
            need.setdefault(i, n)
    for i, by in sorted(need.items()):
        if i not in have:
            out.append(f"'{i}' needed by {by} has no provider")
    for i, provs in sorted(have.items()):
        if tree.interfaces[i].cardinality == "one" and len(provs) > 1:
            out.append(f"'{i}' is a 'one' interface with providers {', '.join(provs)}")
    return out


# --- the configuration --------------------------------------------------------------

def _option_line(sym: str, value) -> str:
    if value is True:
        return f"CONFIG_{sym}=y"
    if value is False:
        return f"# CONFIG_{sym} is not set"
    if isinstance(value, int):
        return f"CONFIG_{sym}={value}"
    return 'CONFIG_%s="%s"' % (sym, str(value).replace("\\", "\\\\").replace('"', '\\"'))


def config_text(tree: Tree, roots: Roots, names) -> str:
    """A configuration that enables exactly ``names`` (and the options)."""
    lines = [f"CONFIG_{tree.components[n].symbol}=y" for n in sorted(names)]
    lines += [_option_line(s, v) for s, v in sorted(roots.options.items())]
    return "".join(l + "\n" for l in lines)


def trim(tree: Tree, product: Product, prefer: str = "default",
         sizes: dict[str, int] | None = None):
    """``(minimal defconfig text, Closure)`` of the product's roots."""
    from . import configure
    roots = product_roots(product, tree)
    res = closure(tree, product, roots, prefer, sizes)
    tmp = tempfile.mkdtemp(prefix="tessera-trim-")
    try:
        path = os.path.join(tmp, "trim.config")
        with open(path, "w", encoding="utf-8") as f:
            f.write(config_text(tree, roots, res.names))
        try:
            cfg = configure.evaluate(tree, product, path)
        except TesseraError as e:
            # An option that did not take: point at the product's [roots].
            raise TesseraError.single(
                "the trimmed configuration does not evaluate: "
                + "; ".join(d.message for d in e.diagnostics),
                product.path, _line(product.text, "roots", "options")) from None
        got = sorted(c.name for c in cfg.enabled_components())
        if got != res.names:
            extra = sorted(set(got) - set(res.names))
            missing = sorted(set(res.names) - set(got))
            raise TesseraError.single(
                "the tool's configuration of the trimmed set differs from it"
                + (f": also enables {', '.join(extra)}" if extra else "")
                + (f": leaves out {', '.join(missing)}" if missing else "")
                + " (a Kconfig select or default in a fragment?)",
                product.path, _line(product.text, "roots") if product.text else 1)
        return cfg.min_config_text(), res
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
