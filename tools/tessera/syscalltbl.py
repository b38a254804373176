# SPDX-License-Identifier: Apache-2.0
"""Linux's system call numbering, per architecture.

``syscalls/x86_64.tbl`` is x86_64's 64-bit table; ``syscalls/generic.tbl``
the generic numbering every other architecture uses (riscv64). Each line is
``<number> <abi> <name>``, ``<abi>`` being ``common`` or the one architecture
that has the call. :func:`table` gives an architecture's ``{number: name}``;
:func:`known` whether a name is in either table (a manifest naming a call
in neither is an error at its line, a call of one architecture only is
fine: it is not numbered elsewhere).
"""

from __future__ import annotations

import functools
import os

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "syscalls")
TABLES = ("x86_64", "generic")


def table_name(arch: str) -> str:
    """The table an architecture numbers its calls with."""
    return "x86_64" if arch == "x86_64" else "generic"


@functools.lru_cache(maxsize=None)
def rows(name: str) -> tuple[tuple[int, str, str], ...]:
    """``(number, abi, name)`` of every line of ``syscalls/<name>.tbl``."""
    out = []
    path = os.path.join(HERE, f"{name}.tbl")
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split()
            if len(parts) != 3 or not parts[0].isdigit():
                raise ValueError(f"{path}:{n}: expected '<number> <abi> <name>'")
            out.append((int(parts[0]), parts[1], parts[2]))
    return tuple(out)


@functools.lru_cache(maxsize=None)
def table(arch: str) -> dict[int, str]:
    """``{number: name}`` of the calls ``arch`` has, in number order."""
    out: dict[int, str] = {}
    for nr, abi, name in rows(table_name(arch)):
        if abi in ("common", arch):
            out[nr] = name
    return dict(sorted(out.items()))


@functools.lru_cache(maxsize=None)
def numbers(arch: str) -> dict[str, int]:
    """``{name: number}`` for ``arch``."""
    return {name: nr for nr, name in table(arch).items()}


@functools.lru_cache(maxsize=None)
def all_names() -> frozenset[str]:
    """Every name of every table."""
    return frozenset(name for t in TABLES for _, _, name in rows(t))


def known(name: str) -> bool:
    return name in all_names()


def numbering(graph):
    """``(table, calls, elsewhere)`` of a resolved graph: its arch's
    ``{number: name}``, ``{name: (component, Syscall)}`` of the enabled
    components' calls numbered on that arch, and ``[(component, Syscall)]``
    of those the arch has not (not numbered: fine, the call is another
    architecture's)."""
    arch = graph.product.arch
    nrs = numbers(arch)
    calls, elsewhere = {}, []
    for c in graph.components:
        for s in c.syscalls:
            if s.name in nrs:
                calls[s.name] = (c.name, s)
            else:
                elsewhere.append((c.name, s))
    return table(arch), calls, elsewhere
