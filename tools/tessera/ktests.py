# SPDX-License-Identifier: Apache-2.0
"""The suites and cases a ktests file carries, read from its source.

Every file listed under ``ktests`` (``tests/ktest_<ident>.c``) defines
exactly one ``KTEST_SUITE(<ident>, KTEST_CASE(fn), ...)``. The graph tool
reads it here so that the generated ``ktest_plan.json`` can say which
suites, with which cases, a product's kernel must report; ``tools/qemu-run``
compares the KTAP the kernel prints with it, so a run that lost suites or
cases (``1..0`` included) fails instead of passing.

Why the source and not the linked kernel: the plan must not come from the
thing it checks. A kernel whose generated table, runner or link lost a
suite would also report the smaller count if the expectation were read
back from its own table.

Cases may be compiled conditionally on the product's configuration:
``#ifdef``/``#ifndef``/``#if``/``#elif``/``#else``/``#endif`` inside the
suite, on ``CONFIG_*`` and ``HAVE_*`` macros only (``defined(X)``, ``!``,
``&&``, ``||``, parentheses, 0 and 1), in a file that includes
``<autoconf.h>`` before the suite. Each case keeps its condition and
:func:`cases_for` evaluates it with the macros of the product's
``autoconf.h``. Anything the tool cannot count exactly (another macro, a
``KTEST_SUITE`` that is itself conditional, an item that is not
``KTEST_CASE(fn)``) is an error at its ``path:line``, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import Collector

SUITE_RE = re.compile(r"\bKTEST_SUITE\s*\(")
IDENT_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
DIRECTIVE_RE = re.compile(r"^\s*#\s*([a-z]*)\s*(.*?)\s*$")
AUTOCONF_RE = re.compile(r"^\s*#\s*include\s*<autoconf\.h>", re.MULTILINE)
SYMBOL_RE = re.compile(r"^(CONFIG|HAVE)_[A-Za-z0-9_]+$")


@dataclass
class Case:
    """One ``KTEST_CASE(name)`` and the condition it is compiled under."""

    name: str
    line: int
    cond: tuple = ("const", True)


@dataclass
class Suite:
    """The one suite of a ktests file."""

    name: str
    path: str          # relative to the root
    line: int
    cases: list[Case] = field(default_factory=list)


def strip_comments(text: str) -> str:
    """``text`` with comments and the insides of literals blanked, lines kept."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
        elif text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + re.sub(r"[^\n]", " ", text[i + 1:j - 1]) + c)
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


# --- #if expressions -------------------------------------------------------------

class _ExprError(Exception):
    pass


def parse_condition(expr: str) -> tuple:
    """The AST of an ``#if`` expression over ``defined()``, ``!``, ``&&``, ``||``."""
    tokens = re.findall(r"&&|\|\||[!()]|[A-Za-z_][A-Za-z0-9_]*|\d+|\S", expr)
    pos = 0

    def peek():
        return tokens[pos] if pos < len(tokens) else None

    def take(want=None):
        nonlocal pos
        tok = peek()
        if tok is None or (want is not None and tok != want):
            raise _ExprError(f"expected '{want or 'more'}' in '{expr}'")
        pos += 1
        return tok

    def primary():
        tok = take()
        if tok == "!":
            return ("not", primary())
        if tok == "(":
            node = disjunction()
            take(")")
            return node
        if tok == "defined":
            paren = peek() == "("
            if paren:
                take("(")
            sym = take()
            if paren:
                take(")")
            return symbol(sym)
        if tok in ("0", "1"):
            return ("const", tok == "1")
        raise _ExprError(f"'{tok}' in '{expr}': only defined(CONFIG_*/HAVE_*), !, &&, ||, "
                         "parentheses, 0 and 1 can decide which cases a suite has")

    def conjunction():
        node = primary()
        while peek() == "&&":
            take()
            node = ("and", node, primary())
        return node

    def disjunction():
        node = conjunction()
        while peek() == "||":
            take()
            node = ("or", node, conjunction())
        return node

    node = disjunction()
    if peek() is not None:
        raise _ExprError(f"unexpected '{peek()}' in '{expr}'")
    return node


def symbol(name: str) -> tuple:
    """A ``defined(name)`` leaf; only the product's autoconf.h macros count."""
    if not SYMBOL_RE.match(name):
        raise _ExprError(f"'{name}': only CONFIG_* and HAVE_* macros (the product's "
                         "autoconf.h) can decide which cases a suite has")
    return ("def", name)


def evaluate(cond: tuple, defined: set[str]) -> bool:
    """The value of a condition given the set of defined macros."""
    kind = cond[0]
    if kind == "const":
        return cond[1]
    if kind == "def":
        return cond[1] in defined
    if kind == "not":
        return not evaluate(cond[1], defined)
    if kind == "and":
        return evaluate(cond[1], defined) and evaluate(cond[2], defined)
    return evaluate(cond[1], defined) or evaluate(cond[2], defined)


def _all(conds: list) -> tuple:
    node = ("const", True)
    for c in conds:
        node = c if node == ("const", True) else ("and", node, c)
    return node


def _uses_symbols(cond: tuple) -> bool:
    if cond[0] == "def":
        return True
    return any(_uses_symbols(c) for c in cond[1:] if isinstance(c, tuple))


# --- the suite ----------------------------------------------------------------------

def _conditional_depth(lines: list[str]) -> int:
    depth = 0
    for line in lines:
        m = DIRECTIVE_RE.match(line)
        if not m:
            continue
        if m.group(1) in ("if", "ifdef", "ifndef"):
            depth += 1
        elif m.group(1) == "endif":
            depth -= 1
    return depth


def parse_suite(text: str, path: str, ident: str, errs: Collector) -> Suite | None:
    """The suite of the ktests file ``path`` (its text), or None after errors."""
    clean = strip_comments(text)
    lines = clean.split("\n")
    starts = []
    for m in SUITE_RE.finditer(clean):
        lineno = clean.count("\n", 0, m.start()) + 1
        if DIRECTIVE_RE.match(lines[lineno - 1]) and lines[lineno - 1].lstrip().startswith("#"):
            continue    # a #define of the macro itself
        starts.append((m, lineno))
    if not starts:
        errs.add(path, 1, f"ktests file defines no KTEST_SUITE: it must define exactly one, "
                 f"KTEST_SUITE({ident or '<name>'}, KTEST_CASE(fn), ...)")
        return None
    if len(starts) > 1:
        for _, lineno in starts[1:]:
            errs.add(path, lineno, f"a second KTEST_SUITE in one ktests file (the first is "
                     f"at line {starts[0][1]}): one suite per file, named after it")
        return None
    m, line = starts[0]
    if _conditional_depth(lines[:line - 1]):
        errs.add(path, line, "KTEST_SUITE inside #if: the generated table always lists the "
                 "suite; make its cases conditional instead")
        return None
    # The macro's arguments, up to the matching parenthesis.
    depth, i = 1, m.end()
    while i < len(clean) and depth:
        if clean[i] == "(":
            depth += 1
        elif clean[i] == ")":
            depth -= 1
        i += 1
    if depth:
        errs.add(path, line, "KTEST_SUITE( is never closed")
        return None
    body = clean[m.end():i - 1]
    return _parse_body(body, path, line, ident, clean[:m.start()], errs)


CASE_RE = re.compile(r"\s*KTEST_CASE\s*\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)\s*(,|$)")


def _parse_body(body: str, path: str, line: int, ident: str, before: str,
                errs: Collector) -> Suite | None:
    suite = None
    stack: list[dict] = []       # per open #if: conditions taken so far, current branch
    ok = True
    lineno = line
    for raw in body.split("\n"):
        here = lineno
        lineno += 1
        d = DIRECTIVE_RE.match(raw)
        if d and raw.lstrip().startswith("#"):
            word, arg = d.group(1), d.group(2)
            try:
                if word in ("ifdef", "ifndef"):
                    leaf = symbol(arg)
                    cond = leaf if word == "ifdef" else ("not", leaf)
                    stack.append({"prior": [], "cur": cond})
                elif word == "if":
                    stack.append({"prior": [], "cur": parse_condition(arg)})
                elif word in ("elif", "else") and stack:
                    top = stack[-1]
                    top["prior"].append(top["cur"])
                    top["cur"] = parse_condition(arg) if word == "elif" else ("const", True)
                elif word == "endif" and stack:
                    stack.pop()
                else:
                    raise _ExprError(f"#{word} inside KTEST_SUITE" if word not in
                                     ("elif", "else", "endif") else f"#{word} without #if")
            except _ExprError as e:
                errs.add(path, here, f"cannot count the cases of this suite: {e}")
                ok = False
            continue
        rest = raw
        if suite is None:
            m = re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*(,|$)", rest)
            if not rest.strip():
                continue
            if not m:
                errs.add(path, here, "KTEST_SUITE must start with the suite's name")
                return None
            name = m.group(1)
            if ident and name != ident:
                errs.add(path, here, f"suite '{name}' in a file named for '{ident}': the "
                         f"ktests file of suite '{name}' must be tests/ktest_{name}.c")
                return None
            suite = Suite(name=name, path=path, line=line)
            rest = rest[m.end():]
        while rest.strip():
            m = CASE_RE.match(rest)
            if not m:
                errs.add(path, here, f"cannot count the cases of suite '{suite.name}': "
                         f"expected KTEST_CASE(<function>), found '{rest.strip()}'")
                return None
            conds = [c for s in stack for c in
                     [("not", p) for p in s["prior"]] + [s["cur"]]]
            suite.cases.append(Case(name=m.group(1), line=here, cond=_all(conds)))
            rest = rest[m.end():]
    if stack:
        errs.add(path, line, "an #if inside KTEST_SUITE is not closed inside it")
        ok = False
    if suite is None:
        errs.add(path, line, "KTEST_SUITE must start with the suite's name")
        return None
    seen: dict[str, int] = {}
    for case in suite.cases:
        if case.name in seen:
            errs.add(path, case.line, f"case '{case.name}' listed twice in suite "
                     f"'{suite.name}' (first at line {seen[case.name]})")
            ok = False
        seen.setdefault(case.name, case.line)
    if any(_uses_symbols(c.cond) for c in suite.cases) and not AUTOCONF_RE.search(before):
        errs.add(path, line, f"suite '{suite.name}' has cases under #if on CONFIG_*/HAVE_* "
                 "but the file does not #include <autoconf.h> before it: the compiler "
                 "would see none of those macros")
        ok = False
    return suite if ok else None


def cases_for(suite: Suite, defined: set[str]) -> list[str]:
    """The names of the cases compiled for a product whose macros are ``defined``."""
    return [c.name for c in suite.cases if evaluate(c.cond, defined)]


# --- loading, with a cache: check_files and emit both ask ------------------------

_cache: dict[tuple[str, str], Suite] = {}


def load_suite(root: str, comp, path: str, errs: Collector) -> Suite | None:
    """The suite of ``comp``'s ktests file ``path`` (relative to the component)."""
    import os
    from .model import ktest_ident
    rel = f"{comp.dir}/{path}"
    full = os.path.join(root, comp.dir, path)
    try:
        with open(full, "rb") as f:
            data = f.read()
    except OSError:
        return None     # check_files reports the missing file
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        errs.add(rel, data[:e.start].count(b"\n") + 1, "not UTF-8")
        return None
    key = (rel, text)
    if key not in _cache:
        local = Collector()
        suite = parse_suite(text, rel, ktest_ident(path), local)
        errs.diagnostics.extend(local.diagnostics)
        if local.diagnostics:
            return None
        _cache[key] = suite
    return _cache[key]
