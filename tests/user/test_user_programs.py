# SPDX-License-Identifier: Apache-2.0
"""Tessera's user programs (user/) on the host's Linux, the reference.

Builds user/CMakeLists.txt with the host gcc (static) and runs every KTAP
suite: each must pass on Linux itself, so a difference seen on Tessera is
Tessera's. tessera-init's tests mode (and, in a PID namespace, its PID-1
path: mounts, power-off), the busybox script with Debian's busybox, the
benchmarks' output lines. riscv64: cross-built and, when
qemu-riscv64-static is there, run under it; QEMU's user mode emulates
signals and some calls itself, so there only a well-formed KTAP document
is required (its failures are printed).
"""

import os
import re
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import ktap  # noqa: E402

SUITES = ["proc", "pipe", "signal", "mm", "fault", "alloc", "errno", "fuzz"]
BENCHES = ["syscall", "read-zero", "write-null", "fork", "exec", "pipe", "pagefault",
           "sigaction", "signal"]


def cmake_build(out, *extra):
    subprocess.run(["cmake", "-S", os.path.join(ROOT, "user"), "-B", out, "-G", "Ninja", *extra],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", out], check=True, stdout=subprocess.DEVNULL)
    return out


@pytest.fixture(scope="session")
def x86():
    return cmake_build(os.path.join(ROOT, "build", "tests-user", "x86_64"))


@pytest.fixture(scope="session")
def rv():
    if not shutil.which("riscv64-linux-gnu-gcc"):
        pytest.skip("no riscv64-linux-gnu-gcc (apt-get install gcc-riscv64-linux-gnu)")
    return cmake_build(os.path.join(ROOT, "build", "tests-user", "riscv64"),
                       "-DCMAKE_C_COMPILER=riscv64-linux-gnu-gcc", "-DCMAKE_SYSTEM_NAME=Linux",
                       "-DCMAKE_SYSTEM_PROCESSOR=riscv64")


def run(cmd, env=None, timeout=600):
    e = dict(os.environ)
    e.pop("TESSERA_KTAP_NESTED", None)
    e.update(env or {})
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          env=e, timeout=timeout, text=True, errors="replace")


def suite_cmd(build, suite):
    return [os.path.join(build, f"ut-{suite}")]


@pytest.mark.parametrize("suite", SUITES)
def test_suite_passes_on_linux(x86, suite):
    p = run(suite_cmd(x86, suite))
    report = ktap.parse(p.stdout)
    assert report.ok, p.stdout + "\n".join(report.errors)
    assert [r.name for r in report.results] == [suite]
    assert report.results[0].children, "a suite with no cases"
    assert p.returncode == 0, p.stdout


def test_cases_fail_red(x86):
    """A failed expectation turns the case, the suite and the exit status red."""
    lib = os.path.join(ROOT, "components", "user", "user-tests")
    src = os.path.join(x86, "red.c")
    with open(src, "w") as f:
        f.write('#include "ktap.h"\n#include <fcntl.h>\n'
                'static int bad(void) { KT_EXPECT_ERRNO(open("/", O_WRONLY), ENOENT);'
                ' return KT_PASS; }\n'
                'static int good(void) { return KT_PASS; }\n'
                'static const struct kt_case c[] = { KT_CASE(good), KT_CASE(bad) };\n'
                'int main(void) { return KT_RUN("red", c); }\n')
    subprocess.run(["gcc", "-static", "-I", lib, "-o", src[:-2], src], check=True)
    p = run([src[:-2]])
    report = ktap.parse(p.stdout)
    assert p.returncode == 1
    assert report.failed == 1 and report.passed == 1
    assert "Linux gives -1 errno 2 (ENOENT)" in p.stdout and "EISDIR" in p.stdout


def write_list(tmp_path, lines):
    path = tmp_path / "tests"
    path.write_text("# a comment\n\n" + "\n".join(lines) + "\n")
    return str(path)


def test_init_tests_mode(x86, tmp_path):
    tests = write_list(tmp_path, [f"pipe {x86}/ut-pipe", f"fault {x86}/ut-fault"])
    p = run([f"{x86}/tessera-init"], env={"tessera_init": "tests", "tessera_tests": tests})
    report = ktap.parse(p.stdout)
    assert report.ok, p.stdout
    assert [r.name for r in report.results] == ["pipe", "fault"]
    assert "tessera-init: status=0" in p.stdout
    assert p.returncode == 0


def test_init_reports_failure(x86, tmp_path):
    tests = write_list(tmp_path, [f"pipe {x86}/ut-pipe", "false /bin/false",
                                  "missing /nonexistent/prog"])
    p = run([f"{x86}/tessera-init", "tests"], env={"tessera_tests": tests})
    report = ktap.parse(p.stdout)
    assert report.found and not report.errors, p.stdout
    assert [r.ok for r in report.results] == [True, False, False]
    assert "tessera-init: status=1" in p.stdout
    assert p.returncode == 1


def test_init_run_mode_and_timeout(x86, tmp_path):
    run_list = tmp_path / "run"
    run_list.write_text("/bin/echo one two\n/bin/sleep 30\n")
    p = run([f"{x86}/tessera-init", "run"], env={"tessera_run": str(run_list),
                                                 "tessera_timeout": "1"}, timeout=60)
    assert "one two" in p.stdout
    assert "still running after 1 s: killed" in p.stdout
    assert "status=1" in p.stdout


def test_init_as_pid1(x86, tmp_path):
    """PID 1 in its own PID and mount namespaces: mounts, runs, powers off."""
    if os.geteuid() != 0 or not shutil.which("unshare"):
        pytest.skip("needs root and unshare(1)")
    # Init mounts a tmpfs on /tmp (and devtmpfs on /dev) in its namespace,
    # which would hide a build folder under /tmp (a clone there): its
    # programs and list go to /var/tmp for the run.
    import tempfile
    here = tempfile.mkdtemp(prefix="tessera-pid1-", dir="/var/tmp")
    try:
        for prog in ("tessera-init", "ut-pipe", "ut-mm"):
            shutil.copy2(os.path.join(x86, prog), here)
        tests = os.path.join(here, "pid1-tests")
        with open(tests, "w") as f:
            f.write(f"pipe {here}/ut-pipe\nmm {here}/ut-mm\n")
        p = run(["unshare", "--pid", "--fork", "--mount", "--propagation", "private",
                 f"{here}/tessera-init"], env={"tessera_init": "tests", "tessera_tests": tests})
    finally:
        shutil.rmtree(here, ignore_errors=True)
    if "Operation not permitted" in p.stdout and "unshare" in p.stdout:
        pytest.skip("namespaces not allowed here: " + p.stdout.strip())
    assert "tessera-init: mode tests" in p.stdout, p.stdout
    assert ktap.parse(p.stdout).ok, p.stdout
    assert "tessera-init: status=0" in p.stdout
    assert "reboot(RB_POWER_OFF)" not in p.stdout     # it worked: the namespace ended


def test_busybox_script(tmp_path):
    busybox = shutil.which("busybox")
    if not busybox:
        pytest.skip("no busybox (apt-get install busybox-static)")
    bindir = tmp_path / "bin"
    bindir.mkdir()
    subprocess.run([busybox, "--install", "-s", str(bindir)], check=True)
    p = run([busybox, "sh", os.path.join(ROOT, "components", "user", "user-tests", "ut-busybox.sh")],
            env={"PATH": str(bindir)}, timeout=120)
    report = ktap.parse(p.stdout)
    assert report.ok, p.stdout
    assert report.passed == 12


@pytest.mark.parametrize("bench", BENCHES)
def test_bench_line(x86, bench):
    n = {"fork": "5", "exec": "5", "pagefault": "1"}.get(bench, "200")
    p = run([f"{x86}/bench-{bench}", "-n", n])
    assert p.returncode == 0, p.stdout
    assert re.fullmatch(r"bench [a-z_]+ [0-9.]+ (ns|us) iters=\d+\n", p.stdout), p.stdout


@pytest.mark.parametrize("suite", SUITES)
def test_riscv64_under_qemu_user(rv, suite):
    qemu = shutil.which("qemu-riscv64-static") or shutil.which("qemu-riscv64")
    if not qemu:
        pytest.skip("no qemu-riscv64-static (apt-get install qemu-user-static)")
    cmd = [qemu] + suite_cmd(rv, suite)
    if suite == "fuzz":
        cmd += ["-n", "3000"]      # QEMU's user mode is slow to restart children
    p = run(cmd, timeout=900)
    report = ktap.parse(p.stdout)
    assert report.found and not report.errors, p.stdout
    assert [r.name for r in report.results] == [suite]
    failed = [c.name for c in report.results[0].children if not c.ok]
    if failed:
        print(f"riscv64 {suite} under QEMU user mode, not Linux: {failed}")
