# SPDX-License-Identifier: Apache-2.0
"""Tessera's graph tool: manifests -> Kconfig -> resolved graph -> generated glue.

Pipeline: :mod:`tessera.load` (manifests, schema) -> :mod:`tessera.configure`
(Kconfig generation and evaluation with Kconfiglib) -> :mod:`tessera.resolve`
(checks, orders, why-chains) -> :mod:`tessera.emit` (generated C, CMake,
config) -> :mod:`tessera.render` (DOT, SVG, JSON). :mod:`tessera.symcheck`
checks compiled objects against the graph; :mod:`tessera.tomlpos` finds
the lines of TOML keys and values for diagnostics; :mod:`tessera.cli` is the
command line (``python3 -m tessera`` with ``tools/`` on ``sys.path``, or
``tools/tessera-cli``).
"""

__all__ = ["cli", "configure", "docs", "emit", "errors", "load", "model", "render",
           "resolve", "symcheck", "tomlpos"]
