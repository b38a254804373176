# SPDX-License-Identifier: Apache-2.0
"""Whole configurations, as Linux's ``make *config`` targets write them.

Each returns the full ``.config`` text of a product, evaluated and completed
by the same solver as ``gen`` (so the file is one the tool accepts, and the
build resolves it to the graph it describes):

* ``defconfig``: the product's ``graphs/<product>/defconfig``;
* ``olddefconfig``: an existing (possibly partial or outdated) ``.config``,
  new symbols at their defaults, the requirements completed;
* ``allnoconfig``: every option that is not a component ``n``, and only the
  components that the product's ``requires`` need, with the default
  providers (:func:`tessera.trim.closure` of no roots: the provider the
  product's ``[roots] choose`` names, else the first by name, also of a
  ``many`` interface such as ``console``);
* ``allyesconfig``: every option ``y``, every component that the product's
  architecture allows ``y``, except that a ``one`` interface keeps a single
  provider (the default: the first by name the architecture allows).

Components are never written as explicit ``n`` by these presets (an
explicit ``n`` on a component is a user's decision the tool never
overrides); the full text written afterwards lists every component that is
off as ``is not set``, as Linux's ``.config`` does.
"""

from __future__ import annotations

import os
import shutil
import tempfile

from . import configure
from .model import Product, Tree

MODES = ("defconfig", "olddefconfig", "allnoconfig", "allyesconfig")


def _options(tree: Tree, product: Product) -> list[str]:
    """The user-settable bool options that are not generated component symbols."""
    return configure.settable_options(tree, product)


def seed_text(tree: Tree, product: Product, mode: str) -> str:
    """The configuration ``allnoconfig``/``allyesconfig`` start from."""
    lines = []
    if mode == "allnoconfig":
        # The tool's completion does not pick among the providers of a
        # 'many' interface (console): the closure of the product's requires
        # does, with the same defaults as `trim`.
        # The product's [roots] 'choose' (its hardware: which console) is
        # kept; its root components, interfaces and options are not.
        from .trim import Roots, closure, product_roots
        choose = product_roots(product, tree).choose
        lines += [f"CONFIG_{tree.components[n].symbol}=y"
                  for n in closure(tree, product, Roots(choose=choose)).names]
        lines += [f"# CONFIG_{s} is not set" for s in _options(tree, product)]
    elif mode == "allyesconfig":
        lines += [f"CONFIG_{s}=y" for s in _options(tree, product)]
        in_choice, chosen = set(), []
        for iname in configure.choice_interfaces(tree):
            cands = [c for c in tree.providers(iname)
                     if not c.arch or product.arch in c.arch]
            in_choice.update(c.name for c in tree.providers(iname))
            # One component can provide several 'one' interfaces (an arch
            # provides 'arch' and 'mmu'): the interface already has its
            # provider then, and a symbol is written once.
            if cands and not any(c in chosen for c in cands):
                chosen.append(cands[0])
                lines.append(f"CONFIG_{cands[0].symbol}=y")
        for c in sorted(tree.components.values(), key=lambda c: c.name):
            if c.name not in in_choice and (not c.arch or product.arch in c.arch):
                lines.append(f"CONFIG_{c.symbol}=y")
    else:
        raise ValueError(mode)
    return "".join(l + "\n" for l in lines)


def full_config(tree: Tree, product: Product, mode: str, config: str | None = None) -> str:
    """The full ``.config`` text of ``mode`` (``config``: the file
    ``olddefconfig`` updates)."""
    header = f"# Tessera configuration of {product.name} ({mode})\n"
    if mode == "defconfig":
        return configure.evaluate(tree, product, None).config_text(header)
    if mode == "olddefconfig":
        return configure.evaluate(tree, product, config).config_text(header)
    tmp = tempfile.mkdtemp(prefix="tessera-preset-")
    try:
        path = os.path.join(tmp, mode)
        with open(path, "w", encoding="utf-8") as f:
            f.write(seed_text(tree, product, mode))
        return configure.evaluate(tree, product, path).config_text(header)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
