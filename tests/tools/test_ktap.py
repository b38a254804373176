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
