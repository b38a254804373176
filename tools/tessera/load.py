# SPDX-License-Identifier: Apache-2.0
"""Loading and validating manifests.

:func:`load_tree` reads every ``component.toml`` under ``components/`` and
``arch/``, every ``include/interfaces/*.toml`` and notes each component's
optional ``Kconfig`` fragment (parsed, with its own checks, by
:mod:`tessera.configure`); :func:`load_product` reads ``graphs/<name>/``
(its ``requires``, the interfaces the product needs, is mandatory, not
empty, and names declared interfaces only).
The schema checks: unknown keys, wrong types (down to the item of a list),
required keys, one-line summaries, names (pattern, folder = name, file =
name, no duplicate component), C identifiers (``prefix``, ``init``,
syscalls), file lists (relative, inside the folder, ``.c``/``.S``, not
listed twice), every interface named by a component is declared, operations
are single C prototypes, ktest suite names are unique. A file that is not
UTF-8 or not TOML is an error at the offending line.

Errors are collected (all of them, sorted) and raised as one
:class:`~tessera.errors.TesseraError` whose lines read ``path:line: error: ...``.
TOML keeps no positions: lines come from :mod:`tessera.tomlpos`, which lexes
a file only when one of its errors needs a line.

File existence (sources and tests) is checked by :func:`check_files`, apart
from the schema, so that ``gen`` can check only the enabled components and
``check`` every component.
"""

from __future__ import annotations

import os
import re
import tomllib

from . import ktests, syscalltbl, tomlpos
from .tomlpos import find_line  # noqa: F401 - part of load's API
from .errors import Collector, TesseraError, did_you_mean
from .model import (Component, DeviceId, Driver, Install, UserProgram, Interface, Op, Param, Product, Syscall, Tree,
                    ktest_ident)

NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
IDENT_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
IFACE_RE = re.compile(r"^[a-z0-9][a-z0-9_]*$")
ARCH_RE = re.compile(r"^[a-z0-9][a-z0-9_]*$")

STR = "string"
LIST = "list of strings"
INT = "integer"
BOOL = "boolean"
TABLE = "table"
SYSCALLS = "list of tables"

COMPONENT_SCHEMA = {
    "name": (STR, True), "summary": (STR, True),
    "provides": (LIST, False), "requires": (LIST, False),
    "optional": (LIST, False), "upcalls": (LIST, False),
    "arch": (LIST, False), "prefix": (STR, False), "init": (STR, False),
    "sources": (LIST, False), "cflags": (LIST, False),
    "syscalls": (SYSCALLS, False), "ktests": (LIST, False), "htests": (LIST, False),
    "drivers": (SYSCALLS, False),
    "kind": (STR, False), "programs": (SYSCALLS, False), "install": (SYSCALLS, False),
}
SYSCALL_SCHEMA = {"name": (STR, True), "fn": (STR, True)}
DRIVER_KEYS = ("bus", "compatible", "driver", "pci")
#: The buses a driver may bind on, and the key holding its match table there.
BUSES = {"platform": "compatible", "pci": "pci"}
PCI_ID_KEYS = ("device", "vendor")
INTERFACE_SCHEMA = {
    "name": (STR, True), "summary": (STR, True), "cardinality": (STR, True),
    "naming": (STR, False), "header": (STR, False), "ops": (LIST, False),
    "object": (STR, False),
}
PRODUCT_SCHEMA = {
    "summary": (STR, True), "arch": (STR, True), "requires": (LIST, True),
    "qemu": (TABLE, False), "test": (TABLE, False), "roots": (TABLE, False),
}
QEMU_SCHEMA = {"binary": (STR, False), "machine": (STR, False),
               "memory": (STR, False), "args": (LIST, False)}
TEST_SCHEMA = {"timeout": (INT, False), "ktap": (BOOL, False), "init": (STR, False)}

IFACE_KEYS = ("provides", "requires", "optional", "upcalls")


def relpath(root: str, path: str) -> str:
    """``path`` relative to ``root`` with ``/`` separators (absolute if outside)."""
    if os.sep == "/" and os.path.isabs(root) and path.startswith(root.rstrip("/") + "/"):
        # Fast path (called for every file of the tree): a plain path below
        # the root needs no normalisation.
        rest = path[len(root.rstrip("/")) + 1:]
        if rest and all(part not in ("", ".", "..") for part in rest.split("/")):
            return rest
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    if rel.startswith(".."):
        return os.path.abspath(path)
    return rel.replace(os.sep, "/")


def read_toml(root: str, path: str, errs: Collector, rel: str | None = None):
    """Parse a TOML file; on a syntax error record it and return None."""
    rel = rel or relpath(root, path)
    try:
        with open(path, "rb") as f:
            raw = f.read()
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError as e:
        errs.add(rel, raw.count(b"\n", 0, e.start) + 1,
                 f"not UTF-8: byte 0x{raw[e.start]:02x} at offset {e.start} ({e.reason})")
        return None, ""
    except tomllib.TOMLDecodeError as e:
        msg = str(e)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        line = int(m.group(1)) if m else 1
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg)
        lines = text.split("\n")
        if not m and "end of document" in msg:
            line = _last_statement(lines, len(lines))
        elif m and msg.startswith("Unclosed") and \
                lines[line - 1][:int(m.group(2)) - 1].strip() == "":
            # tomllib stops at the first token after the newline that should
            # have closed the array or table: the fault is on the line before.
            line = _last_statement(lines, line - 1)
        errs.add(rel, line, f"TOML syntax error: {msg}")
        return None, text
    except OSError as e:
        errs.add(rel, 0, f"cannot read: {e.strerror}")
        return None, ""
    return data, text


def _last_statement(lines: list[str], before: int) -> int:
    """The last line before line ``before`` (1-based) holding TOML, not only
    blanks or a comment (1 when there is none)."""
    for n in range(min(before, len(lines)), 0, -1):
        if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#"):
            return n
    return 1


def _type_ok(kind: str, value) -> bool:
    if kind == STR:
        return isinstance(value, str)
    if kind == LIST:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == INT:
        return type(value) is int
    if kind == BOOL:
        return isinstance(value, bool)
    if kind == TABLE:
        return isinstance(value, dict)
    if kind == SYSCALLS:
        return isinstance(value, list) and all(isinstance(v, dict) for v in value)
    raise AssertionError(kind)


def _type_name(value) -> str:
    """How a TOML value's type reads in a message."""
    for kind, name in ((bool, "a boolean"), (int, "an integer"), (float, "a float"),
                       (str, "a string"), (list, "a list"), (dict, "a table")):
        if isinstance(value, kind):
            return name
    return f"a {type(value).__name__}"     # dates and times


def check_schema(data: dict, schema: dict, rel: str, text: str, errs: Collector,
                 what: str, table: str | None = None) -> bool:
    """Check keys and types of one TOML table; False if anything is wrong."""
    ok = True
    where = f"[{table}] " if table else ""
    for key in sorted(data):
        if key not in schema:
            errs.add(rel, find_line(text, key, table=table),
                     f"unknown key {where}'{key}' in {what}{did_you_mean(key, schema)} "
                     f"(known: {', '.join(sorted(schema))})")
            ok = False
            continue
        kind, _ = schema[key]
        value = data[key]
        if not _type_ok(kind, value):
            line = find_line(text, key, table=table)
            article = "an" if kind[0] in "aeiou" else "a"
            if kind in (LIST, SYSCALLS) and isinstance(value, list):
                want = str if kind == LIST else dict
                n = next(i for i, v in enumerate(value) if not isinstance(v, want))
                path = ((table,) if table else ()) + (key, n)
                line = tomlpos.index(text).item(*path) or line
                got = f"item {n + 1} is {_type_name(value[n])}"
            else:
                got = f"not {_type_name(value)}"
            errs.add(rel, line, f"key {where}'{key}' must be {article} {kind}, {got}")
            ok = False
    for key, (kind, required) in sorted(schema.items()):
        if required and key not in data:
            errs.add(rel, 1,
                     f"missing required key {where}'{key}' in {what}")
            ok = False
    return ok


# --- operations -------------------------------------------------------------

_TYPE_WORDS = {
    "void", "char", "short", "int", "long", "float", "double", "signed",
    "unsigned", "_Bool", "bool", "const", "volatile", "restrict", "struct",
    "union", "enum", "size_t", "u8", "u16", "u32", "u64", "s8", "s16", "s32",
    "s64", "va_list", "phys_addr_t", "uintptr_t",
}


def _split_top(text: str) -> list[str]:
    """Split at commas outside parentheses and brackets."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return [p.strip() for p in parts]


def parse_op(text: str) -> Op:
    """Parse a C prototype string into an :class:`Op`; ValueError if bad."""
    src = " ".join(text.strip().rstrip(";").split())
    bad = sorted(set(re.findall(r"[^\w\s,*()\[\].]", src)))
    if bad or src.count("(") != src.count(")") or src.count("[") != src.count("]"):
        raise ValueError(f"operation '{text}' is not a single C prototype"
                         + (f" (unexpected {' '.join(repr(c) for c in bad)})" if bad else
                            " (unbalanced brackets)"))
    m = re.match(r"^(?P<ret>.*?[\s*])\s*(?P<name>[A-Za-z_]\w*)\s*\((?P<params>.*)\)$", src)
    if not m or not m.group("ret").strip():
        raise ValueError(f"cannot parse operation '{text}' "
                         "(expected a C prototype: 'type name(params)')")
    # Normalise the spacing: "const char  * *" -> "const char **".
    ret = " ".join(m.group("ret").replace("*", " * ").split())
    ret = re.sub(r"\*(?: \*)+", lambda s: s.group(0).replace(" ", ""), ret)
    name = m.group("name")
    raw = m.group("params").strip()
    params: list[Param] = []
    variadic = False
    if raw and raw != "void":
        items = _split_top(raw)
        for i, item in enumerate(items):
            if item == "...":
                if i != len(items) - 1 or i == 0:
                    raise ValueError(f"'...' must come last, after a named "
                                     f"parameter, in '{text}'")
                variadic = True
                continue
            fp = re.search(r"\(\s*\*\s*([A-Za-z_]\w*)\s*\)", item)
            if fp:
                pname = fp.group(1)
            else:
                pm = re.search(r"([A-Za-z_]\w*)\s*(\[[^\]]*\]\s*)*$", item)
                pname = pm.group(1) if pm else ""
                before = item[:pm.start(1)].strip() if pm else ""
                if not pname or not before or pname in _TYPE_WORDS:
                    raise ValueError(f"parameter '{item}' of '{name}' needs a "
                                     "type and a name")
            params.append(Param(item, pname))
    if ret.split()[-1:] == ["_Noreturn"] or not ret.replace("_Noreturn", "").strip():
        raise ValueError(f"operation '{text}' has no return type")
    return Op(text=text, ret=ret.strip(), name=name, params=params, variadic=variadic)


# --- components -------------------------------------------------------------

def _manifests(root: str, errs: Collector | None = None) -> list[tuple[str, str, bool]]:
    """``(relative path, path, has a Kconfig fragment)`` of every manifest, sorted.

    With ``errs``, a folder holding C or assembly sources that neither has a
    ``component.toml`` nor is inside a component is an error (a misnamed or
    forgotten manifest would otherwise leave the code silently out).
    """
    found = []
    for top in ("components", "arch"):
        base = os.path.join(root, top)
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames.sort()
            if "component.toml" in filenames:
                path = os.path.join(dirpath, "component.toml")
                found.append((relpath(root, path), path, "Kconfig" in filenames))
                dirnames[:] = [d for d in dirnames if _has_manifest_below(dirpath, d)]
                continue
            sources = sorted(f for f in filenames if f.endswith((".c", ".S")))
            if errs is None or not sources:
                continue
            near = [f for f in sorted(filenames) if f.endswith(".toml")
                    and did_you_mean(f, ["component.toml"])] or \
                [f for f in sorted(filenames) if f.endswith(".toml")]
            rel = relpath(root, dirpath)
            if near:
                errs.add(f"{rel}/{near[0]}", 1,
                         f"folder {rel} has sources ({', '.join(sources[:3])}) but no "
                         f"component.toml: a manifest must be named component.toml, "
                         f"not '{near[0]}'")
            else:
                errs.add(f"{rel}/{sources[0]}", 1,
                         f"folder {rel} has sources ({', '.join(sources[:3])}) but no "
                         "component.toml, so no product can build them: add a manifest "
                         "(see README.md, 'Add a component') or move the files into a "
                         "component's folder")
    return sorted(found)


def _has_manifest_below(top: str, sub: str) -> bool:
    """True when a folder below a component holds a component of its own."""
    for _, _, filenames in os.walk(os.path.join(top, sub)):
        if "component.toml" in filenames:
            return True
    return False


def _load_component(root: str, rel: str, path: str, errs: Collector,
                    has_kconfig: bool = False) -> Component | None:
    data, text = read_toml(root, path, errs, rel)
    if data is None:
        return None
    if not check_schema(data, COMPONENT_SCHEMA, rel, text, errs, "component manifest"):
        if any(k not in data for k in ("name", "summary")) or not isinstance(data.get("name"), str):
            return None
    check_summary(data, rel, text, errs)
    folder_rel = rel.rsplit("/", 1)[0]
    folder_name = folder_rel.rsplit("/", 1)[-1]
    name = data.get("name", "")
    if not isinstance(name, str):
        return None
    if not NAME_RE.match(name):
        errs.add(rel, find_line(text, "name"),
                 f"component name '{name}' must match [a-z0-9][a-z0-9_-]*")
    if name != folder_name:
        errs.add(rel, find_line(text, "name"), f"component name '{name}' does not match "
                 f"its folder '{folder_name}'")

    def get(key, default):
        value = data.get(key, default)
        return value if _type_ok(COMPONENT_SCHEMA[key][0], value) else default

    comp = Component(
        name=name, summary=get("summary", ""), dir=folder_rel, path=rel,
        provides=list(get("provides", [])), requires=list(get("requires", [])),
        optional=list(get("optional", [])), upcalls=list(get("upcalls", [])),
        arch=list(get("arch", [])), prefix=get("prefix", name.replace("-", "_")),
        init=get("init", None), sources=list(get("sources", [])),
        cflags=list(get("cflags", [])), ktests=list(get("ktests", [])),
        htests=list(get("htests", [])), text=text,
    )
    for key in ("prefix", "init"):
        value = getattr(comp, key)
        if key in data and isinstance(value, str) and not IDENT_RE.match(value):
            errs.add(rel, find_line(text, key), f"{key} '{value}' is not a C identifier")
    for a in comp.arch:
        if not ARCH_RE.match(a):
            errs.add(rel, find_line(text, "arch", a), f"bad architecture name '{a}'")
    seen = {}
    for key in IFACE_KEYS:
        for iface in getattr(comp, key):
            if iface in seen:
                errs.add(rel, _nth_line(text, key, iface, 2) if seen[iface] == key
                         else find_line(text, key, iface),
                         f"interface '{iface}' listed in both '{seen[iface]}' and '{key}'"
                         if seen[iface] != key else f"interface '{iface}' listed twice in '{key}'")
            seen[iface] = key
    names_seen = set()
    for n, s in enumerate(get("syscalls", [])):
        pos = tomlpos.index(text)
        sline = pos.item("syscalls", n) or pos.key("syscalls")
        for k in sorted(s):
            if k not in SYSCALL_SCHEMA:
                errs.add(rel, pos.key("syscalls", n, k) or sline,
                         f"unknown key '{k}' in a syscalls entry (known: fn, name)")
        if not all(isinstance(s.get(k), str) for k in ("name", "fn")):
            errs.add(rel, sline, "a syscalls entry needs string keys 'name' and 'fn'")
            continue
        if not IDENT_RE.match(s["name"]) or not IDENT_RE.match(s["fn"]):
            errs.add(rel, sline, f"syscall '{s['name']}': name and fn must be C identifiers")
            continue
        if not syscalltbl.known(s["name"]):
            errs.add(rel, pos.key("syscalls", n, "name") or sline,
                     f"syscall '{s['name']}' is not a Linux system call: no number in "
                     f"tools/tessera/syscalls/x86_64.tbl or generic.tbl"
                     f"{did_you_mean(s['name'], syscalltbl.all_names())}")
            continue
        if s["name"] in names_seen:
            errs.add(rel, sline, f"syscall '{s['name']}' listed twice")
        names_seen.add(s["name"])
        comp.syscalls.append(Syscall(s["name"], s["fn"]))
    _load_user(rel, text, data, comp, errs)
    for n, d in enumerate(get("drivers", [])):
        drv = _load_driver(rel, text, n, d, errs)
        if drv is not None:
            if any(o.driver == drv.driver for o in comp.drivers):
                errs.add(rel, tomlpos.index(text).item("drivers", n),
                         f"driver '{drv.driver}' listed twice")
                continue
            comp.drivers.append(drv)
    for flag in comp.cflags:
        if ";" in flag or not _printable(flag) or not flag.strip():
            errs.add(rel, find_line(text, "cflags", flag),
                     f"cflag '{flag}' must be one non-empty word list without ';' or "
                     "control characters")
    for key in ("sources", "ktests", "htests", "arch"):
        seen_files = set()
        for f in getattr(comp, key):
            if f in seen_files:
                errs.add(rel, _nth_line(text, key, f, 2), f"'{f}' listed twice in '{key}'")
            seen_files.add(f)
    for src in comp.sources:
        if not _safe_rel(src) or not (src.endswith(".c") or src.endswith(".S")):
            errs.add(rel, find_line(text, "sources", src),
                     f"source '{src}' must be a relative .c or .S path inside the folder")
    for key in ("ktests", "htests"):
        for t in getattr(comp, key):
            if not _safe_rel(t) or not t.endswith(".c"):
                errs.add(rel, find_line(text, key, t),
                         f"test '{t}' must be a relative .c path inside the folder")
    for t in comp.ktests:
        if not ktest_ident(t):
            errs.add(rel, find_line(text, "ktests", t),
                     f"ktest '{t}' must be named tests/ktest_<ident>.c")
    if has_kconfig:
        comp.kconfig = folder_rel + "/Kconfig"
    return comp


KINDS = ("kernel", "user")
PROGRAM_KEYS = ("cflags", "name", "sources")
INSTALL_WHAT = ("program", "file", "package", "symlink", "dir", "node")
#: Packages a user component may install (tools/packages/<name>): the file
#: each provides.
PACKAGES = {"busybox": "busybox"}
PROGRAM_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.+-]*$")
NODE_RE = re.compile(r"^([cb]) (\d+) (\d+)$")
#: Keys a user component has no use for: it is not linked into the kernel.
KERNEL_ONLY = ("sources", "init", "syscalls", "drivers", "ktests", "provides", "prefix", "upcalls")


def _load_user(rel: str, text: str, data: dict, comp: Component, errs: Collector) -> None:
    """``kind``, and for ``kind = "user"`` its ``programs`` and ``install``."""
    pos = tomlpos.index(text)
    kind = data.get("kind", "kernel")
    if not isinstance(kind, str):
        return
    if kind not in KINDS:
        errs.add(rel, find_line(text, "kind"), f"unknown kind '{kind}' (known: "
                 f"{', '.join(KINDS)}){did_you_mean(kind, KINDS)}")
        return
    comp.kind = kind
    if kind == "kernel":
        for key in ("programs", "install"):
            if key in data:
                errs.add(rel, find_line(text, key), f"'{key}' is for user programs: "
                         'only a component of kind = "user" has it')
        return
    for key in KERNEL_ONLY:
        if key in data:
            errs.add(rel, find_line(text, key), f"a user component (kind = \"user\") "
                     f"has no '{key}': its code is not linked into the kernel (its "
                     "programs' sources go in 'programs')")
    progs = data.get("programs", [])
    if not isinstance(progs, list):
        progs = []
    for n, p in enumerate(progs):
        line = pos.item("programs", n) or pos.key("programs")
        if not isinstance(p, dict):
            continue
        for k in sorted(p):
            if k not in PROGRAM_KEYS:
                errs.add(rel, pos.key("programs", n, k) or line, f"unknown key '{k}' in a "
                         f"programs entry (known: {', '.join(PROGRAM_KEYS)})")
        name, srcs, cflags = p.get("name"), p.get("sources"), p.get("cflags", [])
        if not isinstance(name, str) or not isinstance(srcs, list) or not srcs or \
                not all(isinstance(x, str) for x in srcs) or not isinstance(cflags, list) or \
                not all(isinstance(x, str) for x in cflags):
            errs.add(rel, line, "a programs entry needs 'name' (a string) and 'sources' (a "
                     "non-empty list of strings), and 'cflags' is a list of strings")
            continue
        if not PROGRAM_RE.match(name):
            errs.add(rel, line, f"program name '{name}' must match [A-Za-z0-9_][A-Za-z0-9_.+-]*")
            continue
        if any(q.name == name for q in comp.programs):
            errs.add(rel, line, f"program '{name}' listed twice")
            continue
        for src in srcs:
            if not _safe_rel(src) or not src.endswith((".c", ".S")):
                errs.add(rel, line, f"program '{name}': source '{src}' must be a .c or .S "
                         "file inside the component's folder")
        comp.programs.append(UserProgram(name, list(srcs), list(cflags), n))
    inst = data.get("install", [])
    if not isinstance(inst, list):
        inst = []
    seen = set()
    for n, e in enumerate(inst):
        line = pos.item("install", n) or pos.key("install")
        if not isinstance(e, dict):
            continue
        for k in sorted(e):
            if k not in ("path", "mode") + INSTALL_WHAT:
                errs.add(rel, pos.key("install", n, k) or line, f"unknown key '{k}' in an "
                         f"install entry (known: path, mode, {', '.join(INSTALL_WHAT)})")
        path = e.get("path")
        whats = [w for w in INSTALL_WHAT if w in e]
        if not isinstance(path, str) or len(whats) != 1:
            errs.add(rel, line, "an install entry needs 'path' (a string) and exactly one of "
                     + ", ".join(INSTALL_WHAT))
            continue
        parts = path.split("/")
        if not path.startswith("/") or path == "/" or any(x in ("", ".", "..") for x in parts[1:]):
            errs.add(rel, line, f"install path '{path}' must be absolute and normal "
                     "(no '.', '..', '//' or trailing '/')")
            continue
        if path in seen:
            errs.add(rel, line, f"install path '{path}' listed twice")
            continue
        seen.add(path)
        what = whats[0]
        value = e[what]
        mode_default = {"program": 0o755, "file": 0o644, "package": 0o755, "symlink": 0o777,
                        "dir": 0o755, "node": 0o600}[what]
        mode = e.get("mode", mode_default)
        if isinstance(mode, str) and re.fullmatch(r"0?[0-7]{3,4}", mode):
            mode = int(mode, 8)
        if not isinstance(mode, int) or isinstance(mode, bool) or not 0 <= mode <= 0o7777:
            errs.add(rel, pos.key("install", n, "mode") or line,
                     f"install '{path}': mode must be an octal string such as \"0755\"")
            continue
        if what == "dir":
            if value is not True:
                errs.add(rel, line, f"install '{path}': dir = true")
                continue
            value = ""
        elif not isinstance(value, str) or not value:
            errs.add(rel, line, f"install '{path}': '{what}' must be a non-empty string")
            continue
        if what == "program" and not any(q.name == value for q in comp.programs):
            errs.add(rel, pos.key("install", n, what) or line, f"install '{path}': no program "
                     f"'{value}' in 'programs'{did_you_mean(value, [q.name for q in comp.programs])}")
            continue
        if what == "file" and not _safe_rel(value):
            errs.add(rel, line, f"install '{path}': file '{value}' must be inside the "
                     "component's folder")
            continue
        if what == "package" and value not in PACKAGES:
            errs.add(rel, pos.key("install", n, what) or line, f"install '{path}': unknown "
                     f"package '{value}' (known: {', '.join(sorted(PACKAGES))})"
                     f"{did_you_mean(value, PACKAGES)}")
            continue
        if what == "node" and not NODE_RE.match(value):
            errs.add(rel, line, f"install '{path}': node must read \"c MAJOR MINOR\" or "
                     "\"b MAJOR MINOR\"")
            continue
        comp.install.append(Install(path, what, value, mode, n))


def _load_driver(rel: str, text: str, n: int, d: dict, errs: Collector) -> Driver | None:
    """Entry ``n`` of a manifest's ``drivers``: ``bus``, ``driver`` (the C name
    of its ``struct device_driver``) and the match table of that bus
    (``compatible`` strings for ``platform``, ``pci`` vendor/device pairs)."""
    pos = tomlpos.index(text)
    dline = pos.item("drivers", n) or pos.key("drivers")

    def at(*path) -> int:
        return pos.key("drivers", n, *path) or dline

    ok = True
    for k in sorted(d):
        if k not in DRIVER_KEYS:
            errs.add(rel, at(k), f"unknown key '{k}' in a drivers entry "
                     f"(known: {', '.join(DRIVER_KEYS)})")
            ok = False
    bus, name = d.get("bus"), d.get("driver")
    if not isinstance(bus, str) or not isinstance(name, str):
        errs.add(rel, dline, "a drivers entry needs string keys 'bus' and 'driver'")
        return None
    if bus not in BUSES:
        errs.add(rel, at("bus"), f"driver '{name}': unknown bus '{bus}' "
                 f"(known: {', '.join(sorted(BUSES))})")
        return None
    if not IDENT_RE.match(name):
        errs.add(rel, at("driver"), f"driver '{name}' is not a C identifier (it names "
                 "the component's struct device_driver)")
        ok = False
    table = BUSES[bus]
    for other in sorted(set(BUSES.values()) - {table}):
        if other in d:
            errs.add(rel, at(other), f"driver '{name}' on bus '{bus}' matches by "
                     f"'{table}', not '{other}'")
            ok = False
    ids: list[DeviceId] = []
    raw = d.get(table)
    if table == "compatible":
        if not isinstance(raw, list) or not raw or not all(isinstance(v, str) for v in raw):
            errs.add(rel, at(table), f"driver '{name}': 'compatible' must be a non-empty "
                     "list of strings")
            return None
        for j, v in enumerate(raw):
            line = pos.item("drivers", n, "compatible", j) or at(table)
            if not v or not _printable(v) or v != v.strip():
                errs.add(rel, line, f"driver '{name}': compatible string {v!r} must be "
                         "non-empty, without spaces around it or control characters")
                ok = False
            elif v in raw[:j]:
                errs.add(rel, line, f"driver '{name}': compatible '{v}' listed twice")
                ok = False
            else:
                ids.append(DeviceId(compatible=v))
    else:
        if not isinstance(raw, list) or not raw or not all(isinstance(v, dict) for v in raw):
            errs.add(rel, at(table), f"driver '{name}': 'pci' must be a non-empty list "
                     "of tables { vendor = 0x..., device = 0x... }")
            return None
        seen = set()
        for j, v in enumerate(raw):
            line = pos.item("drivers", n, "pci", j) or at(table)
            bad = sorted(set(v) - set(PCI_ID_KEYS))
            if bad:
                errs.add(rel, pos.key("drivers", n, "pci", j, bad[0]) or line,
                         f"driver '{name}': unknown key '{bad[0]}' in a pci id "
                         "(known: device, vendor)")
                ok = False
                continue
            good = True
            for k in PCI_ID_KEYS:
                x = v.get(k)
                kline = pos.key("drivers", n, "pci", j, k) or line
                if x is None:
                    errs.add(rel, line, f"driver '{name}': a pci id needs '{k}'")
                    good = False
                elif type(x) is not int or not 0 <= x <= 0xffff:
                    errs.add(rel, kline, f"driver '{name}': pci {k} {x!r} must be an "
                             "integer in 0..0xffff")
                    good = False
            if not good:
                ok = False
                continue
            if (v["vendor"], v["device"]) in seen:
                errs.add(rel, line, f"driver '{name}': pci id {v['vendor']:04x}:"
                         f"{v['device']:04x} listed twice")
                ok = False
                continue
            seen.add((v["vendor"], v["device"]))
            ids.append(DeviceId(vendor=v["vendor"], device=v["device"]))
    return Driver(bus=bus, driver=name, ids=ids, index=n) if ok else None


def _nth_line(text: str, key: str, value: str, nth: int) -> int:
    """Line of the ``nth`` (1-based) occurrence of ``value`` in the list ``key``."""
    pos = tomlpos.index(text)
    data = tomllib.loads(text).get(key, [])
    hits = [i for i, v in enumerate(data) if v == value]
    if len(hits) >= nth:
        return pos.item(key, hits[nth - 1]) or pos.key(key)
    return pos.key(key)


def _safe_rel(path: str) -> bool:
    """A relative path inside the folder, usable as a CMake list element."""
    return (bool(path) and not path.startswith("/") and ".." not in path.split("/")
            and ";" not in path and _printable(path))


def _printable(text: str) -> bool:
    return not any(ord(ch) < 32 or ord(ch) == 127 for ch in text)


def check_summary(data: dict, rel: str, text: str, errs: Collector) -> None:
    """A summary is one non-empty line (it becomes a Kconfig prompt, a C string)."""
    summary = data.get("summary")
    if isinstance(summary, str) and (not summary.strip() or not _printable(summary)):
        errs.add(rel, find_line(text, "summary"),
                 "summary must be one non-empty line of text (no newline or control "
                 "character)")


# --- interfaces -------------------------------------------------------------

def _load_interface(root: str, path: str, errs: Collector) -> Interface | None:
    rel = relpath(root, path)
    data, text = read_toml(root, path, errs, rel)
    if data is None:
        return None
    check_schema(data, INTERFACE_SCHEMA, rel, text, errs, "interface declaration")
    check_summary(data, rel, text, errs)
    name = data.get("name")
    if not isinstance(name, str):
        return None
    stem = os.path.splitext(os.path.basename(path))[0]
    if name != stem:
        errs.add(rel, find_line(text, "name"),
                 f"interface name '{name}' does not match the file name '{stem}.toml'")
    if not IFACE_RE.match(name):
        errs.add(rel, find_line(text, "name"),
                 f"interface name '{name}' must match [a-z0-9][a-z0-9_]*")
    card = data.get("cardinality", "one")
    if not isinstance(card, str) or card not in ("one", "many"):
        if isinstance(card, str):
            errs.add(rel, find_line(text, "cardinality"),
                     f"cardinality must be \"one\" or \"many\", not \"{card}\"")
        card = "one"
    naming = data.get("naming")
    if naming is not None and isinstance(naming, str):
        if card == "many":
            errs.add(rel, find_line(text, "naming"),
                     "naming applies only to cardinality = \"one\" interfaces")
        elif naming not in ("prefixed", "direct"):
            errs.add(rel, find_line(text, "naming"),
                     f"naming must be \"prefixed\" or \"direct\", not \"{naming}\"")
    if not isinstance(naming, str) or naming not in ("prefixed", "direct"):
        naming = "prefixed"
    header = data.get("header")
    if header is not None and isinstance(header, str):
        if not _safe_rel(header) or not os.path.isfile(os.path.join(root, "include", header)):
            errs.add(rel, find_line(text, "header"),
                     f"header 'include/{header}' does not exist")
    elif not isinstance(header, str):
        header = None
    obj = data.get("object")
    if isinstance(obj, str):
        if not IDENT_RE.match(obj):
            errs.add(rel, find_line(text, "object"),
                     f"object '{obj}' is not a C identifier (it names the instance "
                     "type, struct <object>)")
            obj = None
        elif card != "many":
            errs.add(rel, find_line(text, "object"),
                     "object applies only to cardinality = \"many\" interfaces "
                     "(an object type lists every linked implementation)")
            obj = None
    else:
        obj = None
    ops = []
    names = set()
    raw_ops = data.get("ops", [])
    if not _type_ok(LIST, raw_ops):
        raw_ops = []
    for n, text_op in enumerate(raw_ops):
        def line() -> int:
            return tomlpos.index(text).item("ops", n) or find_line(text, "ops")
        try:
            op = parse_op(text_op)
        except ValueError as e:
            errs.add(rel, line(), str(e))
            continue
        if op.name in names:
            errs.add(rel, line(), f"operation '{op.name}' declared twice")
        names.add(op.name)
        if op.variadic and card == "one" and naming == "prefixed":
            errs.add(rel, line(), f"operation '{op.name}' is variadic: "
                     "variadic op needs naming = \"direct\"")
        if obj and not _takes_instance(op, obj):
            first = f"'{op.params[0].text}'" if op.params else "no parameter"
            errs.add(rel, line(), f"operation '{op.name}' of object type '{name}' must "
                     f"take the instance first ('struct {obj} *<name>'), not {first}")
        ops.append(op)
    summary = data.get("summary", "")
    return Interface(name=name, summary=summary if isinstance(summary, str) else "",
                     cardinality=card, naming=naming if card == "one" else "prefixed",
                     header=header, ops=ops, path=rel, text=text, object=obj)


def _takes_instance(op: Op, obj: str) -> bool:
    """True when the first parameter of ``op`` is a pointer to ``struct obj``
    (``const`` allowed on the struct, not a pointer to pointer)."""
    if not op.params:
        return False
    words = op.params[0].text.replace("*", " * ").split()
    if words[:1] == ["const"]:
        words = words[1:]
    return (len(words) == 4 and words[:3] == ["struct", obj, "*"]
            and words[3] == op.params[0].name)


# --- the tree ---------------------------------------------------------------

def load_tree(root: str) -> Tree:
    """Load and validate every component and interface under ``root``."""
    errs = Collector()
    comps: dict[str, Component] = {}
    manifests = _manifests(root, errs)
    if not manifests:
        errs.raise_if_any()
        raise TesseraError.single(
            f"no components found: no component.toml under {root}/components or "
            f"{root}/arch (is --root the source tree?)")
    for rel, path, has_kconfig in manifests:
        comp = _load_component(root, rel, path, errs, has_kconfig)
        if comp is None:
            continue
        if comp.name in comps:
            other = comps[comp.name]
            errs.add(comp.path, comp.line_of("name"),
                     f"duplicate component name '{comp.name}' (also {other.path})")
            errs.add(other.path, other.line_of("name"),
                     f"duplicate component name '{comp.name}' (also {comp.path})")
            continue
        comps[comp.name] = comp
    ifaces: dict[str, Interface] = {}
    idir = os.path.join(root, "include", "interfaces")
    if os.path.isdir(idir):
        for fname in sorted(os.listdir(idir)):
            if fname.endswith(".toml"):
                iface = _load_interface(root, os.path.join(idir, fname), errs)
                if iface is not None and iface.name not in ifaces:
                    ifaces[iface.name] = iface
    stems = {os.path.splitext(f)[0] for f in os.listdir(idir)} if os.path.isdir(idir) else set()
    for comp in comps.values():
        for key in IFACE_KEYS:
            for name in getattr(comp, key):
                if name not in ifaces:
                    why = ("" if name not in stems else
                           f" (include/interfaces/{name}.toml is invalid)")
                    errs.add(comp.path, comp.line_of(key, name),
                             f"component '{comp.name}' {_verb(key)} interface '{name}' "
                             f"that nobody declares (no include/interfaces/{name}.toml)"
                             f"{did_you_mean(name, ifaces)}"
                             if not why else
                             f"component '{comp.name}' {_verb(key)} interface '{name}'{why}")
    idents: dict[str, Component] = {}
    for comp in sorted(comps.values(), key=lambda c: c.path):
        for t in comp.ktests:
            ident = ktest_ident(t)
            if not ident:
                continue
            if ident in idents and idents[ident] is not comp:
                other = idents[ident]
                errs.add(comp.path, comp.line_of("ktests", t),
                         f"ktest suite '{ident}' of '{comp.name}' clashes with "
                         f"the one of '{other.name}' ({other.path})")
            elif ident in idents:
                errs.add(comp.path, comp.line_of("ktests", t),
                         f"ktest suite '{ident}' listed twice")
            idents[ident] = comp
    drivers: dict[str, Component] = {}
    for comp in sorted(comps.values(), key=lambda c: c.path):
        for d in comp.drivers:
            other = drivers.get(d.driver)
            if other is not None and other is not comp:
                errs.add(comp.path, comp.driver_line(d.driver),
                         f"driver '{d.driver}' of '{comp.name}' clashes with the one of "
                         f"'{other.name}' ({other.path})")
            drivers.setdefault(d.driver, comp)
    errs.raise_if_any()
    arches = set()
    for comp in comps.values():
        arches.update(comp.arch)
    arches.update(_product_arches(root))
    return Tree(root=root, components=comps, interfaces=ifaces, arches=sorted(arches))


def _verb(key: str) -> str:
    return {"provides": "provides", "requires": "requires",
            "optional": "optionally uses", "upcalls": "upcalls"}[key]


def _product_arches(root: str) -> set[str]:
    found = set()
    gdir = os.path.join(root, "graphs")
    if not os.path.isdir(gdir):
        return found
    for name in os.listdir(gdir):
        path = os.path.join(gdir, name, "product.toml")
        try:
            with open(path, "rb") as f:
                arch = tomllib.load(f).get("arch")
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue   # reported by load_product
        if isinstance(arch, str) and ARCH_RE.match(arch):
            found.add(arch)
    return found


def check_files(tree: Tree, comps, keys=("sources", "ktests", "htests")) -> None:
    """Check that the files of ``comps`` listed under ``keys`` exist.

    A ktests file is also read for its suite (:mod:`tessera.ktests`): exactly
    one ``KTEST_SUITE`` named after the file, whose cases can be counted.
    """
    errs = Collector()
    for comp in comps:
        for key in keys:
            for f in getattr(comp, key):
                if _safe_rel(f) and not os.path.isfile(os.path.join(tree.root, comp.dir, f)):
                    errs.add(comp.path, comp.line_of(key, f),
                             f"{key[:-1] if key != 'sources' else 'source'} '{f}' "
                             f"does not exist ({comp.dir}/{f})")
                elif key == "ktests" and _safe_rel(f) and ktest_ident(f):
                    # Its one KTEST_SUITE and cases, for the ktest plan.
                    ktests.load_suite(tree.root, comp, f, errs)
        for p in comp.programs:
            for f in p.sources:
                if _safe_rel(f) and not os.path.isfile(os.path.join(tree.root, comp.dir, f)):
                    errs.add(comp.path, tomlpos.index(comp.text).item("programs", p.index)
                             or comp.line_of("programs"),
                             f"program '{p.name}': source '{f}' does not exist ({comp.dir}/{f})")
        for i in comp.install:
            if i.what == "file" and _safe_rel(i.value) and \
                    not os.path.isfile(os.path.join(tree.root, comp.dir, i.value)):
                errs.add(comp.path, tomlpos.index(comp.text).item("install", i.index)
                         or comp.line_of("install"),
                         f"install '{i.path}': file '{i.value}' does not exist "
                         f"({comp.dir}/{i.value})")
    errs.raise_if_any()


def list_products(root: str) -> list[str]:
    """Names of every product under ``graphs/``, but the fuzzer's
    reproducers (``fuzz-<seed>-<index>``, written by ``tessera fuzz`` and
    ignored by git): they are local, built by name with ``make run GRAPH=``,
    never part of the tree's checks or snapshots."""
    gdir = os.path.join(root, "graphs")
    if not os.path.isdir(gdir):
        return []
    return sorted(n for n in os.listdir(gdir)
                  if os.path.isfile(os.path.join(gdir, n, "product.toml"))
                  and not re.match(r"fuzz-\d+-\d+$", n))


def load_product(root: str, name: str, tree: Tree | None = None) -> Product:
    """Load and validate ``graphs/<name>/product.toml`` and its defconfig.

    ``requires`` (mandatory, at least one interface) is checked like a
    component's: every name is a declared interface of ``tree`` (loaded
    from ``root`` when not given), none listed twice.
    """
    errs = Collector()
    if not NAME_RE.match(name or ""):
        known = ", ".join(list_products(root)) or "none"
        raise TesseraError.single(f"bad product name '{name}': a product is a folder "
                                  f"graphs/<name>/; known products: {known}")
    pdir = os.path.join(root, "graphs", name)
    path = os.path.join(pdir, "product.toml")
    rel = relpath(root, path)
    if not os.path.isfile(path):
        known = ", ".join(list_products(root)) or "none"
        raise TesseraError.single(f"no product '{name}' (no {rel})"
                                  f"{did_you_mean(name, list_products(root))}; "
                                  f"known products: {known}")
    data, text = read_toml(root, path, errs)
    if data is None:
        errs.raise_if_any()
    check_schema(data, PRODUCT_SCHEMA, rel, text, errs, "product")
    check_summary(data, rel, text, errs)
    for key, schema in (("qemu", QEMU_SCHEMA), ("test", TEST_SCHEMA)):
        if isinstance(data.get(key), dict):
            check_schema(data[key], schema, rel, text, errs, "product", table=key)
    arch = data.get("arch")
    if isinstance(arch, str) and not ARCH_RE.match(arch):
        errs.add(rel, find_line(text, "arch"), f"bad architecture name '{arch}'")
    requires = data.get("requires")
    if _type_ok(LIST, requires):
        _check_product_requires(root, name, rel, text, requires, tree, errs)
    if isinstance(data.get("roots"), dict) and isinstance(arch, str):
        from .roots import check_roots    # [roots]: what `tessera trim` starts from
        check_roots(data["roots"], rel, text, tree or load_tree(root), arch, errs)
    defconfig = os.path.join(pdir, "defconfig")
    if not os.path.isfile(defconfig):
        errs.add(rel, 0, f"product '{name}' has no defconfig ({relpath(root, defconfig)})")
    errs.raise_if_any()
    return Product(name=name, summary=data["summary"], arch=arch, dir=relpath(root, pdir),
                   path=rel, defconfig=relpath(root, defconfig), requires=list(requires),
                   qemu=dict(data.get("qemu", {})), test=dict(data.get("test", {})),
                   text=text)


def _check_product_requires(root: str, name: str, rel: str, text: str, requires: list,
                            tree: Tree | None, errs: Collector) -> None:
    """The product's ``requires``: not empty, declared interfaces, none twice."""
    if not requires:
        errs.add(rel, find_line(text, "requires"),
                 f"product '{name}' requires nothing: list the interfaces it needs "
                 "(e.g. requires = [\"kernel\"]); a graph that nothing needs would "
                 "not be a kernel")
        return
    if tree is None:
        tree = load_tree(root)
    idir = os.path.join(root, "include", "interfaces")
    stems = {os.path.splitext(f)[0] for f in os.listdir(idir)} if os.path.isdir(idir) else set()
    seen = set()
    for iface in requires:
        if iface in seen:
            errs.add(rel, _nth_line(text, "requires", iface, 2),
                     f"interface '{iface}' listed twice in 'requires'")
            continue
        seen.add(iface)
        if iface not in tree.interfaces:
            errs.add(rel, find_line(text, "requires", iface),
                     f"product '{name}' requires interface '{iface}' "
                     + (f"(include/interfaces/{iface}.toml is invalid)" if iface in stems
                        else f"that nobody declares (no include/interfaces/{iface}.toml)"))
