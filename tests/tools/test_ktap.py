# SPDX-License-Identifier: Apache-2.0
"""tools/ktap.py (the KTAP parser) and tools/qemu_machine.py (QEMU's exit codes)."""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))

import ktap  # noqa: E402
import qemu_machine  # noqa: E402


GOOD = """\
Tessera 0.1.0 (x86_64-default, x86_64)
KTAP version 1
1..2
    KTAP version 1
    # Subtest: lib
    1..2
    ok 1 strings
a console line printed by a test
    ok 2 bitmaps
ok 1 lib
    KTAP version 1
    # Subtest: printk
    1..1
    ok 1 returns_length
ok 2 printk
# ktest: 3 passed, 0 failed
tessera: poweroff status=0
"""


def test_passing_document_with_boot_log_around_it():
    report = ktap.parse(GOOD)
    assert report.ok
    assert (report.passed, report.failed, report.skipped) == (3, 0, 0)
    assert [r.name for r in report.results] == ["lib", "printk"]
    assert [c.name for c in report.results[0].children] == ["strings", "bitmaps"]


def test_failed_case_fails_the_document():
    report = ktap.parse(GOOD.replace("    ok 2 bitmaps", "    # x.c:3: expected 1 == 2\n    not ok 2 bitmaps")
                        .replace("ok 1 lib", "not ok 1 lib"))
    assert not report.ok
    assert report.failed == 1 and report.passed == 2


def test_suite_failing_with_passing_cases_counts_as_failure():
    report = ktap.parse(GOOD.replace("ok 1 lib", "not ok 1 lib"))
    assert not report.ok and report.failed == 1


def test_document_cut_short_by_a_crash():
    crashed = GOOD.split("    ok 2 bitmaps")[0] + "Kernel panic - not syncing: oops\n"
    report = ktap.parse(crashed)
    assert not report.ok
    assert any("cut short" in e for e in report.errors)
    assert any("planned 2" in e for e in report.errors)


def test_missing_plan():
    report = ktap.parse(GOOD.replace("    1..1\n", ""))
    assert not report.ok
    assert any("'printk' has no plan" in e for e in report.errors)


def test_result_out_of_sequence():
    report = ktap.parse(GOOD.replace("    ok 2 bitmaps", "    ok 3 bitmaps"))
    assert not report.ok
    assert any("numbered 3, expected 2" in e for e in report.errors)


def test_no_document_at_all():
    report = ktap.parse("Tessera 0.1.0\ntessera: poweroff status=0\n")
    assert not report.found and not report.ok
    assert "never started" in report.errors[0]


def test_skipped_case_is_neither_pass_nor_fail():
    report = ktap.parse(GOOD.replace("    ok 1 returns_length", "    ok 1 returns_length # SKIP no console"))
    assert report.ok and report.skipped == 1 and report.passed == 2


def test_exit_status_mapping():
    # isa-debug-exit: QEMU exits with (status << 1) | 1; 0 is "never written".
    assert qemu_machine.exit_status_of("x86_64", 1) == 0
    assert qemu_machine.exit_status_of("x86_64", 3) == 1
    assert qemu_machine.exit_status_of("x86_64", 0) is None
    # sifive_test: QEMU exits with the status itself.
    assert qemu_machine.exit_status_of("riscv64", 0) == 0
    assert qemu_machine.exit_status_of("riscv64", 1) == 1


# --- the run against the graph's ktest_plan.json ---------------------------------

PLAN = [
    {"suite": "lib", "component": "lib", "cases": ["strings", "bitmaps"]},
    {"suite": "printk", "component": "printk", "cases": ["returns_length"]},
]

ZERO = """\
Tessera 0.1.0 (x86_64-default, x86_64)
KTAP version 1
1..0
# ktest: 0 passed, 0 failed
tessera: poweroff status=0
"""


def test_plan_matches_a_complete_run():
    assert ktap.compare_plan(ktap.parse(GOOD), PLAN) == []


def test_plan_1_0_fails_when_the_graph_carries_suites():
    report = ktap.parse(ZERO)
    assert report.ok            # well formed on its own: that was the defect
    problems = ktap.compare_plan(report, PLAN)
    assert len(problems) == 1
    assert "1..0" in problems[0] and "lib, printk" in problems[0]
    assert ktap.compare_plan(report, []) == []      # a product without ktests


def test_plan_missing_and_extra_suites():
    problems = ktap.compare_plan(ktap.parse(GOOD), PLAN[:1] + [
        {"suite": "slab", "component": "kmalloc-slab", "cases": ["a"]}])
    assert any("'slab'" in p and "missing" in p and "kmalloc-slab" in p for p in problems)
    assert any("'printk' ran" in p and "no such suite" in p for p in problems)


def test_plan_fewer_and_more_cases():
    fewer = [dict(PLAN[0], cases=["strings", "bitmaps", "memory"]), PLAN[1]]
    problems = ktap.compare_plan(ktap.parse(GOOD), fewer)
    assert problems == ["suite 'lib' reported 2 case(s), the graph carries 3 (missing memory)"]
    more = [dict(PLAN[0], cases=["strings"]), PLAN[1]]
    problems = ktap.compare_plan(ktap.parse(GOOD), more)
    assert problems == ["suite 'lib' reported 2 case(s), the graph carries 1 "
                        "(not in the graph: bitmaps)"]


def test_plan_suite_order():
    problems = ktap.compare_plan(ktap.parse(GOOD), PLAN[::-1])
    assert len(problems) == 1 and "order" in problems[0]


def test_plan_empty_suite_is_skipped_not_missing():
    text = ("KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: empty\n    1..0\n"
            "ok 1 empty # SKIP no test cases\n")
    report = ktap.parse(text)
    assert report.ok
    assert ktap.compare_plan(report, [{"suite": "empty", "component": "c", "cases": []}]) == []
    problems = ktap.compare_plan(report, [{"suite": "empty", "component": "c", "cases": ["a"]}])
    assert problems and "reported 0 case(s), the graph carries 1" in problems[0]


def test_ktap_script_with_a_plan(tmp_path):
    import json
    import subprocess
    log = tmp_path / "boot.log"
    log.write_text(ZERO)
    plan = tmp_path / "ktest_plan.json"
    plan.write_text(json.dumps({"suites": PLAN}))
    script = os.path.join(ROOT, "tools", "ktap.py")
    assert subprocess.run([sys.executable, script, str(log)]).returncode == 0
    out = subprocess.run([sys.executable, script, str(log), str(plan)],
                         capture_output=True, text=True)
    assert out.returncode == 1 and "1..0" in out.stdout
