#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Parse KTAP version 1, the test output format of Linux KUnit.

The kernel's `ktest` component prints one KTAP document on the serial console,
mixed with the boot log. This module finds the document, checks its structure
(version line, plans, result numbering, nesting by indentation) and counts the
results, so the QEMU runner can turn them into an exit status.

A document is *not* accepted when any test is `not ok`, a plan is missing or
does not match the number of results, a result number is out of sequence, or
the document is cut short (the kernel crashed half-way). Lines that are not
KTAP (the boot log, `#` diagnostics) are skipped, as Linux's kunit_parser does.

:func:`compare_plan` then checks the results against what the product's
graph carries (``ktest_plan.json``, written by the graph tool): the same
suites with the same cases. Without it, a kernel that ran nothing (``1..0``)
or lost a suite would pass.

As a script, ``ktap.py FILE [PLAN]`` prints a summary and exits 0 only when
the document passed (and, given ``ktest_plan.json``, matched it).
"""

import json
import re
import sys
from dataclasses import dataclass, field

VERSION_RE = re.compile(r"^(?P<indent> *)KTAP version 1\s*$")
PLAN_RE = re.compile(r"^(?P<indent> *)1\.\.(?P<count>\d+)\s*$")
SUBTEST_RE = re.compile(r"^(?P<indent> *)# Subtest: (?P<name>.*?)\s*$")
RESULT_RE = re.compile(
    r"^(?P<indent> *)(?P<not>not )?ok (?P<num>\d+)(?: (?:- )?(?P<name>[^#]*?))?"
    r"\s*(?:#\s*(?P<directive>.*))?$"
)


@dataclass
class Result:
    """One result line, with the results of its subtests if it had any."""

    name: str
    ok: bool
    skipped: bool = False
    children: list = field(default_factory=list)


@dataclass
class Report:
    """Everything learnt from a KTAP document."""

    found: bool = False
    results: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    passed: int = 0
    failed: int = 0
    skipped: int = 0

    @property
    def ok(self):
        """True when the document is complete, well formed and all passed."""
        return self.found and not self.errors and self.failed == 0


def _indent(line):
    return len(line) - len(line.lstrip(" "))


def _is_header(line):
    return bool(VERSION_RE.match(line) or PLAN_RE.match(line) or SUBTEST_RE.match(line))


class _Parser:
    def __init__(self, lines, report):
        self.lines = lines
        self.pos = 0
        self.report = report
        # The document's own indentation: its top-level list ends at its plan.
        self.top_indent = _indent(lines[0])

    def parse_list(self, indent, name):
        """Read a test list at *indent*: headers, then results and subtests."""
        plan = None
        results = []
        children = None
        while self.pos < len(self.lines):
            line = self.lines[self.pos]
            depth = _indent(line)
            if depth > indent and _is_header(line):
                sub = SUBTEST_RE.match(line)
                children = self.parse_list(depth, sub.group("name") if sub else "?")
                continue
            if depth < indent and (RESULT_RE.match(line) or _is_header(line)):
                break
            self.pos += 1
            if depth != indent:
                continue
            if VERSION_RE.match(line):
                continue
            sub = SUBTEST_RE.match(line)
            if sub:
                name = sub.group("name")
                continue
            match = PLAN_RE.match(line)
            if match:
                if plan is not None:
                    self.error(f"second plan in '{name}'")
                plan = int(match.group("count"))
                continue
            match = RESULT_RE.match(line)
            if not match:
                continue
            directive = (match.group("directive") or "").strip().upper()
            result = Result(
                name=(match.group("name") or "").strip(),
                ok=match.group("not") is None,
                skipped=directive.startswith("SKIP"),
                children=children or [],
            )
            children = None
            if int(match.group("num")) != len(results) + 1:
                self.error(
                    f"result '{result.name}' of '{name}' is numbered {match.group('num')}, "
                    f"expected {len(results) + 1}"
                )
            results.append(result)
            self.count(result)
            if indent == self.top_indent and plan is not None and len(results) == plan:
                break
        if children is not None:
            self.error(f"subtest of '{name}' has no result line: it was cut short")
        if plan is None:
            self.error(f"'{name}' has no plan (1..N)")
        elif plan != len(results):
            self.error(f"'{name}' planned {plan} tests but reported {len(results)}")
        return results

    def count(self, result):
        if result.skipped:
            self.report.skipped += 1
        elif not result.children:
            if result.ok:
                self.report.passed += 1
            else:
                self.report.failed += 1
        elif not result.ok and all(c.ok for c in result.children):
            # A suite can fail by itself (its set-up) while its cases pass.
            self.report.failed += 1

    def error(self, message):
        self.report.errors.append(message)


def parse(text):
    """Parse the first KTAP document in *text* and return a `Report`."""
    report = Report()
    lines = [line.rstrip("\r").expandtabs(8) for line in text.splitlines()]
    start = next((i for i, line in enumerate(lines) if VERSION_RE.match(line)), None)
    if start is None:
        report.errors.append("no 'KTAP version 1' line: the tests never started")
        return report
    report.found = True
    parser = _Parser(lines[start:], report)
    report.results = parser.parse_list(parser.top_indent, "top level")
    return report


def compare_plan(report, plan):
    """What differs between the suites run (*report*) and the ones expected.

    *plan* is the ``suites`` list of the graph tool's ``ktest_plan.json``:
    ``{"suite": name, "component": c, "cases": [names]}`` in table order.
    Returns messages, empty when every expected suite ran with exactly its
    cases, in order, and nothing else ran: a run of ``1..0``, a lost suite
    or case, or one the graph does not carry is a failure, not a pass.
    """
    if not report.found:
        return []           # parse() already says the tests never started
    problems = []
    want = {s["suite"]: s for s in plan}
    got = {r.name: r for r in report.results}
    if plan and not report.results:
        names = ", ".join(s["suite"] for s in plan)
        return [f"plan 1..0: no suite ran, but the graph carries {len(plan)} "
                f"suite(s): {names}"]
    for s in plan:
        if s["suite"] not in got:
            problems.append(f"suite '{s['suite']}' (component {s['component']}, "
                            f"{len(s['cases'])} case(s)) is missing from the output")
    for r in report.results:
        if r.name not in want:
            problems.append(f"suite '{r.name}' ran, but the graph carries no such suite")
    order = [r.name for r in report.results if r.name in want]
    if not problems and order != [s["suite"] for s in plan]:
        problems.append(f"suites ran in the order {order}, the graph's order is "
                        f"{[s['suite'] for s in plan]}")
    for s in plan:
        r = got.get(s["suite"])
        if r is None:
            continue
        ran = [c.name for c in r.children]
        if ran == list(s["cases"]):
            continue
        detail = []
        missing = [c for c in s["cases"] if c not in ran]
        extra = [c for c in ran if c not in s["cases"]]
        if missing:
            detail.append("missing " + ", ".join(missing))
        if extra:
            detail.append("not in the graph: " + ", ".join(extra))
        if not detail:
            detail.append(f"order {ran}, expected {list(s['cases'])}")
        problems.append(f"suite '{s['suite']}' reported {len(ran)} case(s), the graph "
                        f"carries {len(s['cases'])} ({'; '.join(detail)})")
    return problems


def main(argv):
    if len(argv) not in (2, 3):
        print("usage: ktap.py FILE [ktest_plan.json]", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8", errors="replace") as f:
        report = parse(f.read())
    problems = list(report.errors)
    if len(argv) == 3:
        with open(argv[2], encoding="utf-8") as f:
            problems += compare_plan(report, json.load(f)["suites"])
    for problem in problems:
        print(f"ktap: {problem}")
    print(f"ktap: {report.passed} passed, {report.failed} failed, {report.skipped} skipped")
    return 0 if report.ok and not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
