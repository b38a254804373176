# SPDX-License-Identifier: Apache-2.0
"""Components of kind "user" (programs built static for the product's
arch, install entries), the generated initramfs.json and CMake lists, and
the initramfs builder: cpio newc + gzip, byte for byte deterministic."""

import gzip
import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, run
from tessera import initramfs

UDIR = "components/user/hello"
UMAN = f"{UDIR}/component.toml"


def _user_tree(tree, manifest=None, extra_defconfig=""):
    tree.iface("lib", ops=["int add(int a, int b)"], naming="direct")
    tree.comp("lib", provides=["lib"])
    tree.write(UMAN, manifest or (
        'name = "hello"\nsummary = "x"\nkind = "user"\nrequires = ["lib"]\n'
        'programs = [\n  { name = "hello", sources = ["hello.c"] },\n'
        '  { name = "init", sources = ["init.c", "util.c"], cflags = ["-DX=1"] },\n]\n'
        'install = [\n  { path = "/sbin/init", program = "init" },\n'
        '  { path = "/usr/bin/hello", program = "hello", mode = "0750" },\n'
        '  { path = "/etc/motd", file = "motd" },\n'
        '  { path = "/bin/busybox", package = "busybox" },\n'
        '  { path = "/bin/sh", symlink = "busybox" },\n'
        '  { path = "/dev/console", node = "c 5 1" },\n'
        '  { path = "/tmp", dir = true, mode = "1777" },\n]\n'))
    for f in ("hello.c", "init.c", "util.c"):
        tree.write(f"{UDIR}/{f}", "int main(void) { return 0; }\n" if f != "util.c" else
                   "int util(void);\nint util(void) { return 1; }\n")
    tree.write(f"{UDIR}/motd", "hello\n")
    tree.product("p", "CONFIG_COMP_LIB=y\nCONFIG_COMP_HELLO=y\n" + extra_defconfig)


def test_user_component_generates_programs_and_initramfs(tree, tmp_path):
    _user_tree(tree)
    gen = tmp_path / "gen"
    status, _, err = run(tree, "gen", "--product", "p", "--out", str(gen))
    assert status == 0, err
    cmake = (gen / "components.cmake").read_text()
    # Not linked into the kernel: not among the kernel's components.
    assert 'set(TESSERA_COMPONENTS "lib")' in cmake
    assert 'set(TESSERA_USER_PROGRAMS "hello/hello;hello/init")' in cmake
    assert 'set(TESSERA_USER_hello/init_SOURCES "init.c;util.c")' in cmake
    assert 'set(TESSERA_USER_hello/init_CFLAGS "-DX=1")' in cmake
    assert f'set(TESSERA_USER_hello/init_DIR "{UDIR}")' in cmake
    assert 'set(TESSERA_PACKAGES "busybox")' in cmake
    assert 'set(TESSERA_INITRAMFS "ON")' in cmake
    spec = json.loads((gen / "initramfs.json").read_text())
    paths = [e["path"] for e in spec["entries"]]
    assert paths == sorted(paths)
    assert paths == ["/bin", "/bin/busybox", "/bin/sh", "/dev", "/dev/console", "/etc",
                     "/etc/motd", "/sbin", "/sbin/init", "/tmp", "/usr", "/usr/bin",
                     "/usr/bin/hello"]
    by = {e["path"]: e for e in spec["entries"]}
    assert by["/sbin/init"]["source"] == "build:user/hello/init" and by["/sbin/init"]["mode"] == 0o755
    assert by["/usr/bin/hello"]["mode"] == 0o750
    assert by["/etc/motd"]["source"] == f"tree:{UDIR}/motd" and by["/etc/motd"]["mode"] == 0o644
    assert by["/bin/busybox"]["source"] == "build:packages/busybox/busybox"
    assert by["/bin/sh"] == {"path": "/bin/sh", "type": "symlink", "target": "busybox",
                             "mode": 0o777, "component": "hello"}
    assert by["/dev/console"]["type"] == "chardev" and (by["/dev/console"]["major"],
                                                         by["/dev/console"]["minor"]) == (5, 1)
    assert by["/tmp"]["mode"] == 0o1777 and by["/usr"]["mode"] == 0o755
    # No user component: no initramfs.json, and the flag off.
    tree.product("p", "CONFIG_COMP_LIB=y\n")
    assert run(tree, "gen", "--product", "p", "--out", str(gen))[0] == 0
    assert not (gen / "initramfs.json").exists()
    assert 'set(TESSERA_INITRAMFS "OFF")' in (gen / "components.cmake").read_text()


def _fails(tree, *lines):
    status, _, err = run(tree, "check")
    assert status == 2, err
    assert "Traceback" not in err
    for line in lines:
        assert line in err, err
    return err


HEAD = 'name = "hello"\nsummary = "x"\n'


def test_unknown_kind(tree):
    _user_tree(tree, HEAD + 'kind = "usr"\n')
    _fails(tree, f"{UMAN}:3: error: unknown kind 'usr' (known: kernel, user) (did you mean 'user'?)")


def test_kernel_keys_in_a_user_component(tree):
    _user_tree(tree, HEAD + 'kind = "user"\ninit = "hello_init"\nsources = ["hello.c"]\n')
    _fails(tree, f"{UMAN}:4: error: a user component (kind = \"user\") has no 'init'",
           f"{UMAN}:5: error: a user component (kind = \"user\") has no 'sources'")


def test_programs_in_a_kernel_component(tree):
    _user_tree(tree, HEAD + 'programs = [{ name = "a", sources = ["hello.c"] }]\n')
    _fails(tree, f"{UMAN}:3: error: 'programs' is for user programs: only a component of "
           'kind = "user" has it')


def test_bad_programs_and_install_entries(tree):
    _user_tree(tree, HEAD + 'kind = "user"\nprograms = [\n'
               '  { name = "a", sources = ["hello.c"] },\n'        # 5
               '  { name = "a", sources = ["hello.c"] },\n'        # 6
               '  { name = "b" },\n'                               # 7
               '  { name = "c", sources = ["../x.c"] },\n'         # 8
               '  { name = "d", sources = ["gone.c"] },\n'         # 9
               ']\ninstall = [\n'
               '  { path = "/bin/a", program = "aa" },\n'          # 12
               '  { path = "bin/a", program = "a" },\n'            # 13
               '  { path = "/bin/x", package = "busybx" },\n'      # 14
               '  { path = "/bin/y", file = "nofile" },\n'         # 15
               '  { path = "/dev/n", node = "x 1 2" },\n'          # 16
               '  { path = "/bin/z" },\n'                          # 17
               '  { path = "/bin/w", program = "a", mode = "999" },\n'  # 18
               '  { path = "/bin/v", program = "a", symlink = "a" },\n'  # 19
               '  { path = "/bin/a/", program = "a" },\n'           # 20
               '  { path = "/ok", program = "a", colour = "red" },\n'  # 21
               ']\n')
    _fails(tree,
           f"{UMAN}:6: error: program 'a' listed twice",
           f"{UMAN}:7: error: a programs entry needs 'name'",
           f"{UMAN}:8: error: program 'c': source '../x.c' must be a .c or .S file inside",
           f"{UMAN}:12: error: install '/bin/a': no program 'aa' in 'programs'",
           f"{UMAN}:13: error: install path 'bin/a' must be absolute and normal",
           f"{UMAN}:14: error: install '/bin/x': unknown package 'busybx' (known: busybox) "
           "(did you mean 'busybox'?)",
           f"{UMAN}:16: error: install '/dev/n': node must read \"c MAJOR MINOR\"",
           f"{UMAN}:17: error: an install entry needs 'path' (a string) and exactly one of",
           f"{UMAN}:18: error: install '/bin/w': mode must be an octal string",
           f"{UMAN}:19: error: an install entry needs 'path' (a string) and exactly one of",
           f"{UMAN}:20: error: install path '/bin/a/' must be absolute and normal",
           f"{UMAN}:21: error: unknown key 'colour' in an install entry")


def test_missing_files_of_a_user_component(tree):
    _user_tree(tree, HEAD + 'kind = "user"\nprograms = [\n'
               '  { name = "init", sources = ["init.c"] },\n'     # 5
               '  { name = "d", sources = ["gone.c"] },\n'        # 6
               ']\ninstall = [\n'
               '  { path = "/sbin/init", program = "inti" },\n'  # 9
               '  { path = "/bin/y", file = "nofile" },\n'       # 10
               ']\n')
    _fails(tree, f"{UMAN}:9: error: install '/sbin/init': no program 'inti' in 'programs' "
           "(did you mean 'init'?)")
    _user_tree(tree, HEAD + 'kind = "user"\nprograms = [\n'
               '  { name = "init", sources = ["init.c"] },\n'
               '  { name = "d", sources = ["gone.c"] },\n'
               ']\ninstall = [\n'
               '  { path = "/sbin/init", program = "init" },\n'
               '  { path = "/bin/y", file = "nofile" },\n'
               ']\n')
    _fails(tree, f"{UMAN}:6: error: program 'd': source 'gone.c' does not exist "
           f"({UDIR}/gone.c)",
           f"{UMAN}:10: error: install '/bin/y': file 'nofile' does not exist")


def test_two_components_installing_one_path(tree, tmp_path):
    _user_tree(tree)
    tree.write("components/user/other/component.toml",
               'name = "other"\nsummary = "x"\nkind = "user"\n'
               'install = [\n  { path = "/tmp", dir = true },\n  { path = "/sbin/init", symlink = "x" },\n]\n')
    tree.product("p", "CONFIG_COMP_LIB=y\nCONFIG_COMP_HELLO=y\nCONFIG_COMP_OTHER=y\n")
    status, _, err = run(tree, "gen", "--product", "p", "--out", str(tmp_path / "gen"))
    assert status == 2
    assert ("components/user/other/component.toml:6: error: initramfs path '/sbin/init' of "
            "'other' is also the one of 'hello'") in err


# --- the archive ------------------------------------------------------------------------

def _items():
    return [("/etc/motd", "file", 0o644, b"hi\n", (0, 0)),
            ("/bin", "dir", 0o755, b"", (0, 0)),
            ("/bin/sh", "symlink", 0o777, b"busybox", (0, 0)),
            ("/etc", "dir", 0o755, b"", (0, 0)),
            ("/dev", "dir", 0o755, b"", (0, 0)),
            ("/dev/console", "chardev", 0o600, b"", (5, 1)),
            ("/bin/busybox", "file", 0o755, bytes(range(256)) * 5 + b"x", (0, 0))]


def test_archive_is_sorted_numbered_and_fixed():
    data = initramfs.archive(_items())
    got = initramfs.read(data)
    assert [e["name"] for e in got] == ["bin", "bin/busybox", "bin/sh", "dev", "dev/console",
                                        "etc", "etc/motd"]
    assert [e["ino"] for e in got] == list(range(1, 8))
    assert all(e["mtime"] == 0 and e["uid"] == 0 and e["gid"] == 0 for e in got)
    by = {e["name"]: e for e in got}
    assert by["bin"]["mode"] == 0o40755 and by["bin"]["nlink"] == 2
    assert by["bin/sh"]["mode"] == 0o120777 and by["bin/sh"]["data"] == b"busybox"
    assert by["dev/console"]["mode"] == 0o20600 and by["dev/console"]["rdev"] == (5, 1)
    assert by["bin/busybox"]["data"] == bytes(range(256)) * 5 + b"x"
    # Every record and the whole archive are 4-byte aligned; the trailer ends it.
    assert len(data) % 4 == 0
    assert b"TRAILER!!!\0" in data[-16:]
    # Order of the input does not matter; gzip is deterministic too.
    assert initramfs.archive(list(reversed(_items()))) == data
    z = initramfs.compress(data)
    assert z == initramfs.compress(data) and gzip.decompress(z) == data
    assert z[4:8] == b"\0\0\0\0"            # gzip MTIME
    assert initramfs.read(z) == got


@pytest.mark.skipif(shutil.which("cpio") is None, reason="GNU cpio is not installed")
def test_gnu_cpio_reads_it(tmp_path):
    path = tmp_path / "a.cpio"
    path.write_bytes(initramfs.archive(_items()))
    res = subprocess.run(["cpio", "-itv", "--quiet"], stdin=open(path, "rb"),
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert [l.split()[-1] if "->" not in l else l.split()[-3] for l in lines] == \
        ["bin", "bin/busybox", "bin/sh", "dev", "dev/console", "etc", "etc/motd"]
    assert lines[2].startswith("lrwxrwxrwx") and lines[2].endswith("bin/sh -> busybox")
    assert lines[4].startswith("crw-------")
    out = tmp_path / "x"
    out.mkdir()
    res = subprocess.run(["cpio", "-id", "--quiet", "--no-absolute-filenames"],
                         stdin=open(path, "rb"), cwd=out, capture_output=True, text=True)
    assert (out / "etc" / "motd").read_bytes() == b"hi\n"


def test_spec_and_dir_forms_through_the_cli(tree, tmp_path):
    _user_tree(tree)
    gen = tmp_path / "gen"
    assert run(tree, "gen", "--product", "p", "--out", str(gen))[0] == 0
    build = tmp_path / "build"
    for rel, body in (("user/hello/init", b"INIT"), ("user/hello/hello", b"HELLO"),
                      ("packages/busybox/busybox", b"BB")):
        os.makedirs(build / os.path.dirname(rel), exist_ok=True)
        (build / rel).write_bytes(body)
    outs = []
    for n in range(2):
        out = tmp_path / f"i{n}.cpio.gz"
        status, _, err = run(tree, "initramfs", "--spec", str(gen / "initramfs.json"),
                             "--build", str(build), "--out", str(out))
        assert status == 0, err
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    got = {e["name"]: e for e in initramfs.read(outs[0])}
    assert got["sbin/init"]["data"] == b"INIT" and got["sbin/init"]["mode"] == 0o100755
    assert got["etc/motd"]["data"] == b"hello\n"
    status, out, _ = run(tree, "initramfs", "--list", str(tmp_path / "i0.cpio.gz"))
    assert status == 0 and "120777        7 bin/sh -> busybox" in out
    # A missing program is an error naming it, not a traceback.
    (build / "user/hello/init").unlink()
    status, _, err = run(tree, "initramfs", "--spec", str(gen / "initramfs.json"),
                         "--build", str(build), "--out", str(tmp_path / "x.cpio.gz"))
    assert status == 2 and "initramfs: /sbin/init: cannot read" in err
    # A folder, packed twice from two copies: the same bytes.
    a = tmp_path / "dirA"
    (a / "bin").mkdir(parents=True)
    (a / "bin" / "tool").write_bytes(b"T")
    os.chmod(a / "bin" / "tool", 0o755)
    os.symlink("tool", a / "bin" / "alias")
    b = tmp_path / "dirB"
    shutil.copytree(a, b, symlinks=True)
    os.utime(b / "bin" / "tool", (1, 1))
    for d in (a, b):
        assert run(tree, "initramfs", "--dir", str(d), "--out", str(d) + ".cpio")[0] == 0
    assert (tmp_path / "dirA.cpio").read_bytes() == (tmp_path / "dirB.cpio").read_bytes()


# --- the programs and the runner ---------------------------------------------------------------

@pytest.mark.parametrize("arch", ["x86_64", "riscv64"])
def test_arch_names_its_user_compiler(arch):
    text = open(os.path.join(ROOT, "arch", arch, "toolchain.cmake")).read()
    cc = {"x86_64": "gcc", "riscv64": "riscv64-linux-gnu-gcc"}[arch]
    assert f"set(TESSERA_USER_CC {cc})" in text and "-static" in text
    if not shutil.which(cc) or (arch == "riscv64" and not os.path.exists(
            "/usr/riscv64-linux-gnu/lib/libc.a")):
        pytest.skip(f"{cc} or its C library is not installed")
    # The compiler links a static program of the arch.
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "p.c")
        open(src, "w").write("#include <stdio.h>\nint main(void) { puts(\"hi\"); return 3; }\n")
        exe = os.path.join(d, "p")
        subprocess.run([cc, "-O2", "-static", "-o", exe, src], check=True)
        head = open(exe, "rb").read(64)
        assert head[:4] == b"\x7fELF" and head[16] == 2                 # ET_EXEC
        assert int.from_bytes(head[18:20], "little") == {"x86_64": 62, "riscv64": 243}[arch]
        res = subprocess.run(["readelf", "-l", exe], capture_output=True, text=True)
        assert "INTERP" not in res.stdout
        if arch == "x86_64":
            assert subprocess.run([exe], capture_output=True).returncode == 3


def test_qemu_command_passes_the_initrd():
    sys.path.insert(0, os.path.join(ROOT, "tools"))
    from qemu_machine import qemu_command
    product = {"arch": "x86_64", "qemu": {}}
    cmd = qemu_command(product, "k.elf", initrd="i.cpio.gz", cmdline="rdinit=/sbin/init")
    assert cmd[cmd.index("-initrd") + 1] == "i.cpio.gz"
    assert "-initrd" not in qemu_command(product, "k.elf")


def test_riscv64_arch_installs_its_c_library():
    text = open(os.path.join(ROOT, "arch", "riscv64", "arch.toml")).read()
    assert '"libc6-dev-riscv64-cross /usr/riscv64-linux-gnu/lib/libc.a"' in text
