# SPDX-License-Identifier: Apache-2.0
"""Layering check over compiled objects: components call each other only
through the interfaces they declare.

Usage (CMake writes the object list at generate time)::

  tessera symcheck --graph build/P/gen/graph.json --nm NM --objects FILE
  tessera symcheck --graph ... --objects-of COMP=a.o,b.o [...] --generated-objects g.o,h.o

``--objects FILE`` lists one object per line as ``<object><TAB><owner>``
where the owner is a component name, ``<component>+ktest`` for the objects of
that component's in-kernel tests (which may also use the ``ktest``
interface), or ``@generated`` for the generated glue. Blank lines and lines
starting with ``#`` are ignored; a line ``<owner><TAB><object>`` is accepted
too when the first field is not a file but the second one is.

Every object is read with ``nm -P -A``. For each component, every undefined
symbol must be defined

* by one of the component's own objects (its tests included),
* by a generated object,
* by a component that provides one of the interfaces the component
  provides, requires, uses optionally or upcalls (its tests: ``ktest`` too),
* for the compiler-emitted helpers ``memcpy``, ``memset``, ``memmove``,
  ``memcmp``, ``__stack_chk_fail`` and ``__stack_chk_guard``: by any
  provider of ``lib`` or ``panic``,
* (weak references, ``nm`` type ``w``/``v``, are not checked: they are
  optional by construction, e.g. the arch's page-fault call into ``mm``)
* or, for a symbol no object defines: only architecture components (those
  providing ``arch``) may reference it (linker-script symbols such as
  ``_kernel_start``); libgcc helpers (``__udivdi3``, ``__popcountdi2``...)
  and ``_GLOBAL_OFFSET_TABLE_`` are allowed for everyone.

Every enabled component's ``init`` function must be defined by its own
objects: a misspelt name is reported at the manifest's ``init`` line
(``component.toml:N``) before the link, with the closest defined name.

Violations are reported as ``path:line: error: component 'x' calls 'f'
defined in component 'y', but does not declare an interface that 'y'
provides``, at the line of the reference (``nm -l``: the objects' debug
information), and the command exits with status 2.
"""

from __future__ import annotations

import json
import os
import re
import subprocess

from .errors import Collector, TesseraError, did_you_mean
from .tomlpos import find_line

COMPILER_HELPERS = {"memcpy", "memset", "memmove", "memcmp",
                    "__stack_chk_fail", "__stack_chk_guard"}
LIBGCC_RE = re.compile(r"^__[a-z]+[sdtx][if]\d$|^__[a-z]+[sdtx][if]\d_[a-z0-9]+$")
ALWAYS_OK = {"_GLOBAL_OFFSET_TABLE_"}
GENERATED = "@generated"


def add_arguments(p) -> None:
    """Add the symcheck options to an argparse (sub)parser."""
    p.add_argument("--graph", required=True, help="graph.json of the product")
    p.add_argument("--nm", default="nm", help="the nm of the target toolchain")
    p.add_argument("--objects", help="file of '<object>\\t<owner>' lines")
    p.add_argument("--objects-of", action="append", default=[], metavar="COMP=A.o,B.o",
                   help="objects of one component (repeatable)")
    p.add_argument("--generated-objects", default="", metavar="A.o,B.o",
                   help="objects of the generated glue")


def read_object_list(path: str) -> list[tuple[str, str]]:
    """``[(object, owner)]`` from an --objects file."""
    pairs = []
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        raise TesseraError.single(f"cannot read the object list: {e.strerror}", path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise TesseraError.single("not UTF-8", path, raw.count(b"\n", 0, e.start) + 1)
    for n, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0] or not parts[1]:
            raise TesseraError.single("expected '<object><TAB><owner>'", path, n)
        obj, owner = parts
        if not os.path.exists(obj) and os.path.exists(owner):
            obj, owner = owner, obj
        pairs.append((obj, owner))
    return pairs


def run_nm(nm: str, objects: list[str]) -> dict[str, tuple[set, dict]]:
    """``{object: (undefined symbols, {defined symbol: type})}``."""
    result = {o: (set(), {}) for o in objects}
    if not objects:
        return result
    try:
        res = subprocess.run([nm, "-P", "-A", *objects], capture_output=True, text=True)
    except OSError as e:
        raise TesseraError.single(f"cannot run {nm}: {e.strerror}")
    if res.returncode != 0:
        raise TesseraError.single(f"{nm} failed: {res.stderr.strip()}")
    for line in res.stdout.splitlines():
        # "<object>: <symbol> <type> [<value> [<size>]]"; objects may hold ':'.
        m = re.match(r"^(.*?): (\S+) ([A-Za-z?-])(?: |$)", line)
        if not m:
            continue
        obj, sym, kind = m.groups()
        if obj not in result:
            # Archive members print as "lib.a[member.o]".
            obj = next((o for o in objects if obj.startswith(o)), obj)
            if obj not in result:
                continue
        undef, defs = result[obj]
        if kind in ("w", "v"):
            # A weak reference is optional by construction: it links to
            # nothing when the defining component is absent. The arch's
            # calls into `mm`/`process` (the page-fault handler, signals)
            # are such, since declaring them `optional` would close an
            # init-order cycle (both require the arch).
            continue
        if kind == "U":
            undef.add(sym)
        elif kind.isupper() or kind in ("u",):
            defs[sym] = kind
    return result


def locations(nm: str, obj: str, root: str = "") -> dict[str, tuple[str, int]]:
    """``{undefined symbol: (path, line)}`` of the first reference to each
    symbol in ``obj`` (``nm -l``; empty without debug information). Paths
    inside ``root`` (or made relative by ``-ffile-prefix-map``) are relative."""
    try:
        res = subprocess.run([nm, "-l", "-u", obj], capture_output=True, text=True)
    except OSError:
        return {}
    out = {}
    for line in res.stdout.splitlines():
        m = re.match(r"^\s*[Uwv] (\S+)\t(.+):(\d+)$", line)
        if not m or m.group(3) == "0":
            continue
        path = m.group(2)
        if root and os.path.isabs(path) and path.startswith(root.rstrip("/") + "/"):
            path = path[len(root.rstrip("/")) + 1:]
        out.setdefault(m.group(1), (os.path.normpath(path), int(m.group(3))))
    return out


def check_inits(graph: dict, owners: list[tuple[str, str]], table: dict,
                root: str = "") -> list[tuple[str, int, str]]:
    """Every enabled component's ``init`` is defined by its own objects:
    a misspelt name otherwise fails only at the link, with no pointer to
    the manifest."""
    errs = []
    objs: dict[str, list[str]] = {}
    for obj, owner in owners:
        objs.setdefault(owner, []).append(obj)
    for c in graph["components"]:
        if not c.get("enabled") or not c.get("init"):
            continue
        defs: dict[str, str] = {}
        for obj in objs.get(c["name"], []):
            defs.update(table[obj][1])
        if c["init"] in defs:
            continue
        manifest = f"{c['dir']}/component.toml"
        line = 1
        try:
            with open(os.path.join(root, manifest), encoding="utf-8") as f:
                line = find_line(f.read(), "init") or 1
        except OSError:
            pass
        funcs = [s for s, k in defs.items() if k in "Tt"]
        errs.append((manifest, line,
                     f"init function '{c['init']}' of component '{c['name']}' is not defined "
                     f"by its sources ({', '.join(c.get('sources', [])) or 'none'})"
                     f"{did_you_mean(c['init'], funcs)}"))
    return errs


def check(graph: dict, owners: list[tuple[str, str]], nm: str, root: str = "") -> list:
    """Every violation, as ``(path, line, message)`` (path '' when the
    objects carry no line information; empty when the layering holds)."""
    comps = {c["name"]: c for c in graph["components"] if c.get("enabled")}
    providers = {i["name"]: i.get("providers", []) for i in graph["interfaces"]}
    errs: list[str] = []
    for _, owner in owners:
        base = owner.split("+")[0]
        if owner != GENERATED and base not in comps:
            errs.append(f"objects listed for '{owner}', which is not an enabled component")
    if errs:
        return sorted(set(("", 0, e) for e in errs))
    table = run_nm(nm, sorted({o for o, _ in owners}))
    out = check_inits(graph, owners, table, root)
    where_of: dict[str, dict] = {}

    def at(obj, sym, msg):
        if obj not in where_of:
            where_of[obj] = locations(nm, obj, root)
        path, line = where_of[obj].get(sym, ("", 0))
        out.append((path, line, msg))

    defined_by: dict[str, set[str]] = {}
    kinds: dict[str, str] = {}
    for obj, owner in owners:
        for sym, kind in table[obj][1].items():
            defined_by.setdefault(sym, set()).add(owner.split("+")[0])
            kinds[sym] = kind
    helpers_ok = set(providers.get("lib", [])) | set(providers.get("panic", []))
    arch_comps = set(providers.get("arch", [])) | {
        n for n, c in comps.items() if "arch" in c.get("provides", [])}
    for obj, owner in sorted(owners, key=lambda p: (p[1], p[0])):
        if owner == GENERATED:
            continue
        name = owner.split("+")[0]
        comp = comps[name]
        ifaces = set(comp["provides"]) | set(comp["requires"]) | set(comp["optional"]) \
            | set(comp["upcalls"])
        if owner.endswith("+ktest"):
            ifaces.add("ktest")
        allowed = {p for i in ifaces for p in providers.get(i, [])}
        for sym in sorted(table[obj][0]):
            where = defined_by.get(sym, set())
            if not where:
                if name in arch_comps or sym in ALWAYS_OK or LIBGCC_RE.match(sym):
                    continue
                if sym in COMPILER_HELPERS:
                    at(obj, sym, f"component '{name}' ({os.path.basename(obj)}) uses "
                       f"'{sym}', which no object defines (lib or panic should provide it)")
                    continue
                at(obj, sym, f"component '{name}' ({os.path.basename(obj)}) references "
                   f"'{sym}', which no object defines (only architecture "
                   "components may use linker-script symbols)")
                continue
            if name in where or GENERATED in where:
                continue
            if where & allowed:
                continue
            if sym in COMPILER_HELPERS and where & helpers_ok:
                continue
            verb = "calls" if kinds.get(sym, "T") in "TtWi" else "uses"
            for other in sorted(where):
                at(obj, sym, f"component '{name}' {verb} '{sym}' defined in component "
                   f"'{other}', but does not declare an interface that "
                   f"'{other}' provides"
                   + (f" ({', '.join(comps[other]['provides'])})"
                      if other in comps and comps[other]["provides"] else ""))
    return sorted(set(out))


def main(args) -> int:
    """Run the check for the CLI; raise a user error on violations."""
    try:
        with open(args.graph, encoding="utf-8") as f:
            graph = json.load(f)
    except (OSError, ValueError) as e:
        raise TesseraError.single(f"cannot read the graph: {e}", args.graph)
    if not isinstance(graph, dict) or not isinstance(graph.get("components"), list):
        raise TesseraError.single("not a graph.json written by tessera gen", args.graph)
    owners: list[tuple[str, str]] = []
    if args.objects:
        owners += read_object_list(args.objects)
    for spec in args.objects_of:
        comp, _, objs = spec.partition("=")
        owners += [(o, comp) for o in objs.split(",") if o]
    owners += [(o, GENERATED) for o in args.generated_objects.split(",") if o]
    missing = sorted({o for o, _ in owners if not os.path.exists(o)})
    if missing:
        raise TesseraError.single("objects do not exist: " + ", ".join(missing))
    errs = check(graph, owners, args.nm, getattr(args, "root", ""))
    if errs:
        c = Collector()
        for path, line, msg in errs:
            c.add(path, line, msg)
        c.raise_if_any()
    return 0
