# SPDX-License-Identifier: Apache-2.0
"""System call numbering: the tables (tools/tessera/syscalls/*.tbl) against
Linux's numbers and the host's headers, the generated syscall_table.c
compiled and run (dispatch, -ENOSYS, the bounds check, names), the manifest
checks at their lines, and docs/syscalls.md."""

import os
import re
import shutil
import subprocess

import pytest

from conftest import ROOT, run
from tessera import syscalltbl

GCC = shutil.which("gcc")
CFLAGS = ["-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror", "-fno-pie"]
LIB = "components/core/lib/component.toml"


# --- the tables --------------------------------------------------------------------

@pytest.mark.parametrize("name", syscalltbl.TABLES)
def test_table_lines_are_unique_and_ordered(name):
    rows = syscalltbl.rows(name)
    nrs = [nr for nr, _, _ in rows]
    assert nrs == sorted(nrs) and len(set(nrs)) == len(nrs)
    names = [n for _, _, n in rows]
    assert len(set(names)) == len(names)
    assert all(abi == "common" or abi in ("riscv64",) for _, abi, _ in rows)
    assert all(re.fullmatch(r"[a-z_][a-z0-9_]*", n) for n in names)


# Numbers every Linux libc relies on (arch/x86/entry/syscalls/syscall_64.tbl,
# include/uapi/asm-generic/unistd.h).
X86_64 = {"read": 0, "write": 1, "open": 2, "close": 3, "mmap": 9, "brk": 12,
          "rt_sigaction": 13, "rt_sigreturn": 15, "ioctl": 16, "pipe": 22, "getpid": 39,
          "clone": 56, "fork": 57, "vfork": 58, "execve": 59, "exit": 60, "wait4": 61,
          "kill": 62, "uname": 63, "arch_prctl": 158, "gettid": 186, "getdents64": 217,
          "set_tid_address": 218, "exit_group": 231, "openat": 257, "newfstatat": 262,
          "pipe2": 293, "prlimit64": 302, "getrandom": 318, "statx": 332, "clone3": 435,
          "futex_waitv": 449, "cachestat": 451, "mseal": 462, "open_tree_attr": 467}
GENERIC = {"io_setup": 0, "getcwd": 17, "dup3": 24, "fcntl": 25, "ioctl": 29,
           "mkdirat": 34, "openat": 56, "close": 57, "pipe2": 59, "getdents64": 61,
           "lseek": 62, "read": 63, "write": 64, "newfstatat": 79, "fstat": 80,
           "exit": 93, "exit_group": 94, "set_tid_address": 96, "kill": 129,
           "rt_sigreturn": 139, "uname": 160, "getrlimit": 163, "getpid": 172,
           "brk": 214, "munmap": 215, "clone": 220, "execve": 221, "mmap": 222,
           "wait4": 260, "prlimit64": 261, "getrandom": 278, "statx": 291,
           "clone3": 435, "cachestat": 451, "open_tree_attr": 467}


def test_well_known_numbers():
    assert {n: syscalltbl.numbers("x86_64")[n] for n in X86_64} == X86_64
    assert {n: syscalltbl.numbers("riscv64")[n] for n in GENERIC} == GENERIC
    rv = syscalltbl.numbers("riscv64")
    assert rv["riscv_hwprobe"] == 258 and rv["riscv_flush_icache"] == 259
    # Calls of one numbering only.
    for name in ("open", "fork", "pipe", "arch_prctl", "renameat", "stat"):
        assert name not in rv, name
    assert "riscv_flush_icache" not in syscalltbl.numbers("x86_64")
    # Another generic architecture has the common calls, not riscv64's own.
    assert "riscv_hwprobe" not in syscalltbl.numbers("arm64")
    assert syscalltbl.numbers("arm64")["getpid"] == 172
    assert syscalltbl.table_name("x86_64") == "x86_64"
    assert syscalltbl.table_name("riscv64") == "generic"


def _header_numbers(cc, header_dir=None):
    """``{name: number}`` of ``<asm/unistd.h>`` as the compiler ``cc`` sees it."""
    res = subprocess.run([cc, "-E", "-dM", "-x", "c", "-"], input="#include <asm/unistd.h>\n",
                         capture_output=True, text=True)
    if res.returncode:
        pytest.skip(f"{cc} has no <asm/unistd.h>: {res.stderr.strip()[:200]}")
    defs = {}
    for line in res.stdout.splitlines():
        m = re.match(r"#define (__NR\w+) (.*)$", line)
        if m:
            defs[m.group(1)] = m.group(2).strip()

    def value(expr):
        expr = expr.strip()
        if expr.startswith("(") and expr.endswith(")"):
            expr = expr[1:-1]
        return sum(int(p) if p.strip().isdigit() else value(defs[p.strip()])
                   for p in expr.split("+"))
    return {k[5:]: value(v) for k, v in defs.items()
            if k.startswith("__NR_") and k not in ("__NR_syscalls", "__NR_arch_specific_syscall")}


@pytest.mark.parametrize("arch,cc", [("x86_64", "gcc"), ("riscv64", "riscv64-linux-gnu-gcc")])
def test_tables_match_the_host_headers(arch, cc):
    """Every call of the host's Linux headers has the same number here, and
    every number here below the headers' last is in them."""
    if not shutil.which(cc):
        pytest.skip(f"{cc} is not installed")
    host = _header_numbers(cc)
    if not host:
        pytest.skip("no __NR_ definitions")
    ours = syscalltbl.numbers(arch)
    wrong = {n: (nr, ours.get(n)) for n, nr in host.items() if ours.get(n) != nr}
    assert wrong == {}
    last = max(host.values())
    extra = {n: nr for n, nr in ours.items() if nr <= last and n not in host}
    # riscv_hwprobe (258) came with Linux 6.4, after some hosts' headers.
    extra.pop("riscv_hwprobe", None)
    assert extra == {}


# --- the generated table -------------------------------------------------------------

def _calls_tree(tree, arch="x86_64", lib_calls=(("getpid", "sys_getpid"),)):
    tree.iface("lib", ops=["int add(int a, int b)"], naming="direct")
    entries = "".join(f'  {{ name = "{n}", fn = "{f}" }},\n' for n, f in lib_calls)
    tree.write(LIB, 'name = "lib"\nsummary = "x"\nprovides = ["lib"]\nsources = ["main.c"]\n'
               f"syscalls = [\n{entries}]\n")
    tree.write("components/core/lib/main.c", "/* test */\n")
    tree.product("p", "CONFIG_COMP_LIB=y\n", arch=arch)


MAIN = r"""
#include <tessera/errno.h>
#include <tessera/syscalls.h>
#include <stdio.h>
#include <string.h>

SYSCALL_DEFINE0(getpid)
{
	return 4242;
}

SYSCALL_DEFINE3(write, unsigned int, fd, const char __user *, buf, size_t, count)
{
	(void)buf;
	return (long)fd * 1000 + (long)count;
}

#define CHECK(c) do { if (!(c)) { printf("FAIL %s:%d %s\n", __FILE__, __LINE__, #c); return 1; } } while (0)

int main(void)
{
	CHECK(syscall_invoke(NR_GETPID, 0, 0, 0, 0, 0, 0) == 4242);
	CHECK(syscall_invoke(NR_WRITE, 1, 0, 7, 0, 0, 0) == 1007);
	/* A 32-bit argument is truncated as Linux truncates it. */
	CHECK(syscall_invoke(NR_WRITE, 0x100000002ul, 0, 7, 0, 0, 0) == 2007);
	CHECK(syscall_invoke(NR_OTHER, 0, 0, 0, 0, 0, 0) == -ENOSYS);
	CHECK(syscall_invoke(467, 0, 0, 0, 0, 0, 0) == -ENOSYS);
	CHECK(syscall_invoke(468, 0, 0, 0, 0, 0, 0) == -ENOSYS);
	CHECK(syscall_invoke(~0ul, 0, 0, 0, 0, 0, 0) == -ENOSYS);
	CHECK(syscall_invoke(1ul << 40, 0, 0, 0, 0, 0, 0) == -ENOSYS);
	CHECK(syscall_implemented(NR_GETPID) && syscall_implemented(NR_WRITE));
	CHECK(!syscall_implemented(NR_OTHER) && !syscall_implemented(468) && !syscall_implemented(~0ul));
	CHECK(strcmp(syscall_name(NR_GETPID), "getpid") == 0);
	CHECK(strcmp(syscall_name(NR_OTHER), "clone") == 0);
	CHECK(strcmp(syscall_name(467), "open_tree_attr") == 0);
	CHECK(syscall_name(468) == NULL && syscall_name(~0ul) == NULL);
	CHECK(syscall_name(NR_HOLE) == NULL && !syscall_implemented(NR_HOLE));
	CHECK(sys_ni_syscall(1, 2, 3, 4, 5, 6) == -ENOSYS);
	puts("ok");
	return 0;
}
"""


@pytest.mark.skipif(GCC is None, reason="gcc is not installed")
@pytest.mark.parametrize("arch,nrs", [
    ("x86_64", dict(NR_GETPID=39, NR_WRITE=1, NR_OTHER=56, NR_HOLE=400)),
    ("riscv64", dict(NR_GETPID=172, NR_WRITE=64, NR_OTHER=220, NR_HOLE=38)),
])
def test_generated_table_dispatches(tree, tmp_path, arch, nrs):
    # `fork` has no number on riscv64: fine, and not in its table.
    _calls_tree(tree, arch, (("getpid", "sys_getpid"), ("write", "sys_write"),
                             ("fork", "sys_fork_unused")))
    gen = tmp_path / "gen"
    status, _, err = run(tree, "gen", "--product", "p", "--out", str(gen))
    assert status == 0, err
    text = (gen / "syscall_table.c").read_text()
    assert f"[{nrs['NR_GETPID']}] = sys_getpid," in text
    assert f"[{nrs['NR_OTHER']}] = sys_ni_syscall,\t/* clone */" in text
    if arch == "riscv64":
        assert "/* fork (lib): no number on riscv64 */" in text
        assert "sys_fork_unused(" not in text
        fork = ""
    else:
        assert "[57] = sys_fork_unused," in text
        fork = "long sys_fork_unused(SYSCALL_ARGS);\nlong sys_fork_unused(unsigned long a, " \
               "unsigned long b, unsigned long c, unsigned long d, unsigned long e, " \
               "unsigned long f)\n{ (void)a; (void)b; (void)c; (void)d; (void)e; (void)f; " \
               "return 0; }\n"
    defs = "".join(f"#define {k} {v}\n" for k, v in nrs.items())
    (tmp_path / "main.c").write_text(defs + MAIN + fork)
    exe = tmp_path / "calls"
    res = subprocess.run([GCC, *CFLAGS, "-I", os.path.join(ROOT, "include"), "-I", str(gen),
                          str(tmp_path / "main.c"), str(gen / "syscall_table.c"), "-no-pie", "-o", str(exe)],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    res = subprocess.run([str(exe)], capture_output=True, text=True)
    assert res.returncode == 0 and res.stdout == "ok\n", res.stdout


def test_generated_table_is_const_and_designated(tree, tmp_path):
    _calls_tree(tree)
    gen = tmp_path / "gen"
    assert run(tree, "gen", "--product", "p", "--out", str(gen))[0] == 0
    text = (gen / "syscall_table.c").read_text()
    assert "const syscall_fn_t sys_call_table[NR_SYSCALL_TABLE] = {" in text
    assert "#define NR_SYSCALL_TABLE 468" in text
    assert len(re.findall(r"^\t\[\d+\] = sys", text, re.M)) == 468
    # The table is an input of the build: an edit to it re-runs gen.
    assert "tools/tessera/syscalls/x86_64.tbl" in (gen / "components.cmake").read_text()


# --- manifest checks -------------------------------------------------------------------

def test_unknown_system_call_is_an_error_at_its_line(tree):
    _calls_tree(tree, lib_calls=(("getpid", "sys_getpid"), ("getpidd", "sys_getpidd"),
                                 ("s2_call", "sys_s2")))
    status, _, err = run(tree, "check")
    assert status == 2
    assert (f"{LIB}:7: error: syscall 'getpidd' is not a Linux system call: no number in "
            "tools/tessera/syscalls/x86_64.tbl or generic.tbl (did you mean 'getpid'?)") in err
    assert f"{LIB}:8: error: syscall 's2_call' is not a Linux system call" in err
    assert "Traceback" not in err


def test_call_of_another_architecture_only_is_fine(tree, tmp_path):
    _calls_tree(tree, "riscv64", (("arch_prctl", "sys_arch_prctl"),))
    assert run(tree, "check")[0] == 0
    _calls_tree(tree, "x86_64", (("riscv_flush_icache", "sys_riscv_flush_icache"),))
    gen = tmp_path / "gen"
    assert run(tree, "gen", "--product", "p", "--out", str(gen))[0] == 0
    assert "/* riscv_flush_icache (lib): no number on x86_64 */" in \
        (gen / "syscall_table.c").read_text()


def test_two_components_implementing_one_call(tree):
    _calls_tree(tree)
    tree.iface("core", ops=["int core_get(void)"])
    tree.write("components/core/core/component.toml",
               'name = "core"\nsummary = "x"\nprovides = ["core"]\nrequires = ["lib"]\n'
               'sources = ["main.c"]\nsyscalls = [\n  { name = "getpid", fn = "core_getpid" },\n]\n')
    tree.write("components/core/core/main.c", "/* test */\n")
    tree.product("p", "CONFIG_COMP_CORE=y\n")
    status, _, err = run(tree, "check")
    assert status == 2
    assert ("components/core/lib/component.toml:6: error: system call 'getpid' of 'lib' is "
            "also the one of 'core'") in err


# --- docs --------------------------------------------------------------------------------

def test_docs_list_each_products_calls(tree):
    _calls_tree(tree, lib_calls=(("getpid", "sys_getpid"), ("arch_prctl", "sys_arch_prctl")))
    tree.product("rv", "CONFIG_COMP_LIB=y\n", arch="riscv64")
    assert run(tree, "snapshot")[0] == 0
    md = open(os.path.join(tree.path, "docs", "syscalls.md")).read()
    assert "| `getpid` | 39 | 172 | [`lib`](components.md#component-lib) | `sys_getpid` |" in md
    assert "| `arch_prctl` | 158 |  | [`lib`]" in md
    assert "## p\n\nx86_64, `x86_64.tbl` (numbers 0..467): 2 of" in md
    assert "| 39 | `getpid` | `lib` |" in md and "| 158 | `arch_prctl` | `lib` |" in md
    assert "## rv\n\nriscv64, `generic.tbl` (numbers 0..467): 1 of 324" in md
    assert "`arch_prctl` (`lib`) has no number on riscv64." in md
    assert run(tree, "check", "--generated")[0] == 0
