# SPDX-License-Identifier: Apache-2.0
"""The defects a new user tripped over (issue 9), one test each."""

import os
import re
import shutil
import subprocess
import sys
import time

import pytest

from conftest import ROOT, run


def _graph(tree):
    from tessera import configure, load, resolve
    t = load.load_tree(tree.path)
    return resolve.resolve(configure.evaluate(t, load.load_product(tree.path, "p", t)))


def test_dot_labels_have_no_literal_backslash_n(basic):
    """Defect 4: an init function's line in a node label is a line break in
    DOT (one backslash), not an escaped backslash followed by n."""
    from tessera import render
    dot = render.graph_dot(_graph(basic))
    assert '"core\\ninit: core_init"' in dot
    assert "\\\\n" not in dot


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_svg_text_has_no_escape_sequence(basic, tmp_path):
    status, _, err = run(basic, "graph", "--product", "p", "--out", str(tmp_path), "--svg")
    assert status == 0, err
    svg = (tmp_path / "graph.svg").read_text()
    assert ">init: core_init<" in svg and "\\n" not in svg


def test_init_cycle_wording(basic):
    """Defect 10: 'a and b both have', not 'a, b all have'."""
    from tessera import resolve
    assert resolve._and(["a", "b"]) == "a and b"
    assert resolve._and(["a", "b", "c"]) == "a, b and c"


@pytest.mark.parametrize("text,line", [
    ('name = "lib"\nsummary = "x"\nprovides = ["lib",\n  "x"\nsources = []\n', 4),
    ('name = "lib"\nsummary = "x"\nprovides = ["lib"\n\n# note\nsources = []\n', 3),
    ('name = "lib"\nsummary = "x"\nprovides = ["lib",\n\n', 3),
])
def test_toml_error_points_at_the_faulty_line(basic, text, line):
    """Defect 10: an unclosed array is reported where it should close."""
    basic.write("components/core/lib/component.toml", text)
    status, _, err = run(basic, "check")
    assert status == 2
    assert f"components/core/lib/component.toml:{line}: error: TOML syntax error" in err, err


def test_sources_without_manifest(basic):
    """Defect 9: a folder with sources and no component.toml is reported."""
    basic.write("components/net/e1000/e1000.c", "/* driver */\n")
    status, _, err = run(basic, "check")
    assert status == 2
    assert ("components/net/e1000/e1000.c:1: error: folder components/net/e1000 has "
            "sources (e1000.c) but no component.toml") in err, err


def test_misnamed_manifest(basic):
    basic.write("components/net/e1000/e1000.c", "/* driver */\n")
    basic.write("components/net/e1000/compnent.toml", 'name = "e1000"\n')
    status, _, err = run(basic, "check")
    assert status == 2
    assert ("components/net/e1000/compnent.toml:1: error: folder components/net/e1000 has "
            "sources (e1000.c) but no component.toml: a manifest must be named "
            "component.toml, not 'compnent.toml'") in err, err


def test_sources_inside_a_component_are_fine(basic):
    basic.write("components/core/lib/sub/more.c", "/* part of lib */\n")
    status, _, err = run(basic, "check")
    assert status == 0, err


def test_empty_components_folder(tree):
    """Defect 9: an empty tree says so, in one line."""
    tree.product("p", "")
    status, _, err = run(tree, "list", "--product", "p")
    assert status == 2
    assert err.startswith("error: no components found: no component.toml under"), err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("argv,hint", [
    (("why", "--product", "p", "cor"), "no component 'cor' (did you mean 'core'?)"),
    (("list", "--product", "demoo"),
     "no product 'demoo' (no graphs/demoo/product.toml) (did you mean 'demo'?)"),
])
def test_did_you_mean_names(basic, argv, hint):
    basic.product("demo", "CONFIG_COMP_APP=y\n")
    status, _, err = run(basic, *argv)
    assert status == 2 and hint in err, err


def test_did_you_mean_symbol_and_key(basic):
    """Defect 9: a misspelt Kconfig symbol or manifest key gets a suggestion."""
    basic.write("graphs/p/defconfig", "CONFIG_COMP_APPP=y\n")
    status, _, err = run(basic, "list", "--product", "p")
    assert status == 2
    assert ("graphs/p/defconfig:1: error: unknown symbol CONFIG_COMP_APPP "
            "(did you mean 'CONFIG_COMP_APP'?)") in err, err
    basic.write("graphs/p/defconfig", "CONFIG_COMP_APP=y\n")
    basic.write("components/core/lib/component.toml",
                'name = "lib"\nsummary = "x"\nprovide = ["lib"]\nsources = ["main.c"]\n')
    status, _, err = run(basic, "check")
    assert status == 2
    assert ("components/core/lib/component.toml:3: error: unknown key 'provide' in component "
            "manifest (did you mean 'provides'?)") in err, err


def test_interface_did_you_mean(basic):
    basic.write("components/apps/app/component.toml",
                'name = "app"\nsummary = "x"\nrequires = ["cor", "lib"]\nsources = ["main.c"]\n')
    status, _, err = run(basic, "check")
    assert status == 2 and "(did you mean 'core'?)" in err, err


def _script(path):
    import importlib.machinery
    import importlib.util
    loader = importlib.machinery.SourceFileLoader(os.path.basename(path).replace("-", "_"), path)
    spec = importlib.util.spec_from_loader(loader.name, loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def test_tutorial_test_on_a_tree_where_the_tutorial_was_done(tmp_path):
    """Defect 1: tutorial-test prepares its copy from any tree, including one
    where a user followed the tutorial to its end (component there, defconfig
    line there): the copy still checks (no 'set more than once')."""
    tut = _script(os.path.join(ROOT, "tests", "docs", "tutorial-test"))
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        files = tut.tutorial_files(f.read())
    tree = tmp_path / "tree"
    shutil.copytree(ROOT, tree, ignore=shutil.ignore_patterns("build", ".git", "generated"))
    tut.do_tutorial(str(tree), files)          # the user did the tutorial
    (tree / "components/demo/hello/extra.c").write_text("/* left over */\n")
    tut.do_tutorial(str(tree), files)          # and the test runs on that tree
    defconfig = (tree / "graphs/x86_64-default/defconfig").read_text()
    assert defconfig.count("CONFIG_COMP_HELLO=y") == 1
    assert not (tree / "components/demo/hello/extra.c").exists()
    status, out, err = run(str(tree), "why", "--product", "x86_64-default", "hello")
    assert status == 0 and "CONFIG_COMP_HELLO=y" in out, err


def test_inspection_reads_the_build_config(basic, tmp_path):
    """Defect 2: once make menuconfig wrote build/<product>/.config, graph,
    list and why describe it (what will be built) and say which they read."""
    basic.iface("mem", ops=["void *get(unsigned long n)"])
    basic.comp("mem-a", sub="mm", provides=["mem"])
    basic.comp("mem-b", sub="mm", provides=["mem"])
    basic.comp("core", provides=["core"], requires=["lib", "mem"], init="core_init")
    status, out, _ = run(basic, "list", "--product", "p")
    assert "mem: mem-a (alternatives: mem-b)" in out
    assert out.rstrip().endswith("configuration: graphs/p/defconfig")
    basic.write("build/p/.config", "CONFIG_COMP_APP=y\nCONFIG_COMP_MEM_B=y\n")
    status, out, err = run(basic, "list", "--product", "p")
    assert status == 0, err
    assert "mem: mem-b (alternatives: mem-a)" in out
    assert out.rstrip().endswith("configuration: build/p/.config")
    status, out, _ = run(basic, "why", "--product", "p", "mem-a")
    assert ("conflicting choice: 'mem' is a 'one' interface and its provider in the "
            "product is 'mem-b' (CONFIG_COMP_MEM_B=y (build/p/.config:2))") in out
    assert out.rstrip().endswith("configuration: build/p/.config")
    status, out, _ = run(basic, "graph", "--product", "p", "--out", str(tmp_path / "g"))
    assert "configuration: build/p/.config" in out
    assert '"c:mem-b"' in (tmp_path / "g" / "graph.dot").read_text()
    # --config still wins.
    status, out, _ = run(basic, "list", "--product", "p", "--config",
                         os.path.join(basic.path, "graphs/p/defconfig"))
    assert "mem: mem-a" in out


def test_menuconfig_shows_the_tools_completion(basic):
    """Defect 2: menuconfig opens the tool's resolution (the providers it
    completes are on), and what the user saves is completed the same way."""
    from tessera import configure, load
    tree = load.load_tree(basic.path)
    prod = load.load_product(basic.path, "p", tree)
    config = basic.write("build/p/.config", "CONFIG_COMP_APP=y\n")
    seen = {}

    def user(kconf, set_value):
        kconf.load_config(os.environ["KCONFIG_CONFIG"])
        seen.update({s: kconf.syms[s].str_value for s in ("COMP_CORE", "COMP_LIB")})
        set_value(kconf.syms["COMP_APP"], "n")
        kconf.syms["COMP_CORE"].set_value("n")   # behind the menu's back: not completed
        kconf.write_config(os.environ["KCONFIG_CONFIG"])
        # The menu shows the completion of each change at once.
        set_value(kconf.syms["COMP_APP"], "y")
        seen["after"] = kconf.syms["COMP_CORE"].str_value

    lines = configure.menuconfig(tree, prod, config, ui=user)
    assert seen == {"COMP_CORE": "y", "COMP_LIB": "y", "after": "y"}
    assert lines == []
    # The saved file (core n, written before the last change) is resolved
    # and completed again after the menu: the file holds what gen builds.
    text = open(config).read()
    assert "# CONFIG_COMP_APP is not set" in text

    def user2(kconf, set_value):
        kconf.load_config(os.environ["KCONFIG_CONFIG"])
        kconf.syms["COMP_LIB"].unset_value()
        kconf.syms["COMP_APP"].set_value("y")
        kconf.syms["COMP_CORE"].unset_value()
        kconf.write_min_config(os.environ["KCONFIG_CONFIG"])

    lines = configure.menuconfig(tree, prod, config, ui=user2)
    text = open(config).read()
    assert "CONFIG_COMP_CORE=y" in text and "CONFIG_COMP_LIB=y" in text
    assert lines and "the tool completed the configuration" in lines[0], lines
    assert "  CONFIG_COMP_CORE=y" in lines


def test_defconfig_edited_after_config_is_not_silent(basic, tmp_path):
    """Defect 3: a defconfig edited after build/<p>/.config is said, at gen;
    and it is an input of the build, so the build re-runs gen."""
    from tessera import emit
    config = basic.write("build/p/.config", "CONFIG_COMP_APP=y\n")
    status, _, err = run(basic, "gen", "--product", "p", "--out", str(tmp_path / "o"),
                         "--config", config)
    assert status == 0 and "warning" not in err
    assert "graphs/p/defconfig" in emit.inputs(_graph_config(basic, config))
    later = time.time() + 5
    basic.write("graphs/p/defconfig", "CONFIG_COMP_APP=y\nCONFIG_COMP_CORE=y\n")
    os.utime(os.path.join(basic.path, "graphs/p/defconfig"), (later, later))
    status, _, err = run(basic, "gen", "--product", "p", "--out", str(tmp_path / "o"),
                         "--config", config)
    # Same resolution (core was completed anyway): nothing to say.
    assert status == 0 and "warning" not in err
    basic.write("graphs/p/defconfig", "# CONFIG_COMP_APP is not set\nCONFIG_COMP_LIB=y\n")
    os.utime(os.path.join(basic.path, "graphs/p/defconfig"), (later, later))
    status, _, err = run(basic, "gen", "--product", "p", "--out", str(tmp_path / "o"),
                         "--config", config)
    assert status == 0
    assert ("graphs/p/defconfig: warning: edited after build/p/.config, which this build "
            "uses instead") in err, err


def _graph_config(tree, config):
    from tessera import configure, load, resolve
    t = load.load_tree(tree.path)
    return resolve.resolve(configure.evaluate(t, load.load_product(tree.path, "p", t), config))


FUZZ = os.path.join(ROOT, "tests", "fuzz", "config-fuzz")


@pytest.mark.parametrize("count", ["-2", "0", "x"])
def test_config_fuzz_refuses_a_bad_count(count):
    """Defect 10: --count -2 ran nothing and exited 0."""
    res = subprocess.run([FUZZ, "--count", count], capture_output=True, text=True)
    assert res.returncode == 2 and "argument --count" in res.stderr, res


def test_config_fuzz_verbose_shows_the_tools_error():
    """Defect 10: -v prints the errors of a refused configuration (iteration 2
    of seed 1 plants a defect: refused without a build)."""
    res = subprocess.run([FUZZ, "--only", "2", "-v"], capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr
    assert " refused " in res.stdout
    assert re.search(r"^    \S+fuzz\.config:\d+: error: ", res.stdout, re.M), res.stdout


def test_make_with_an_unknown_product_leaves_no_build_folder():
    """Defect 10: make run GRAPH=typo left a stale build/typo/."""
    name = "x86_64-defualt"
    assert not os.path.exists(os.path.join(ROOT, "build", name))
    res = subprocess.run(["make", "-s", "-C", ROOT, "build", f"GRAPH={name}"],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode != 0
    assert f"no product '{name}'" in res.stderr and "did you mean 'x86_64-default'" in res.stderr
    assert not os.path.exists(os.path.join(ROOT, "build", name))


QEMU_RUN = os.path.join(ROOT, "tools", "qemu-run")
FAKE_QEMU = """#!/bin/sh
case " $* " in
*" kvm "*) echo "qemu-system-x86_64: error: failed to set MSR 0x345 to 0x2000" >&2
           kill -ABRT $$ ;;
*) echo "tessera: poweroff status=0"; exit 1 ;;
esac
"""


@pytest.fixture
def fake_qemu(tmp_path):
    """A qemu-system-x86_64 whose KVM rejects -cpu host's MSRs (as on the
    host of the report) and whose TCG 'boots' at once; never real KVM."""
    (tmp_path / "bin").mkdir()
    exe = tmp_path / "bin" / "qemu-system-x86_64"
    exe.write_text(FAKE_QEMU)
    exe.chmod(0o755)
    (tmp_path / "kvm").write_text("")
    (tmp_path / "kernel.elf").write_text("")
    env = dict(os.environ, PATH=f"{tmp_path / 'bin'}:{os.environ['PATH']}",
               TESSERA_KVM_DEVICE=str(tmp_path / "kvm"))
    return env, str(tmp_path / "kernel.elf")


def test_kvm_failure_shows_qemus_error_and_falls_back(fake_qemu):
    """Defect 5: QEMU's own error first, not 'the kernel never printed'."""
    env, kernel = fake_qemu
    res = subprocess.run([QEMU_RUN, "--product", "x86_64-tiny", "--kernel", kernel, "--kvm",
                          "--no-ktap", "--quiet"], capture_output=True, text=True, env=env)
    assert res.returncode == 0, res.stderr
    assert "QEMU failed under KVM before the kernel ran" in res.stderr
    assert "failed to set MSR 0x345" in res.stderr
    assert "running under TCG instead" in res.stderr
    assert "never printed" not in res.stderr


def test_kvm_without_a_device_falls_back(fake_qemu):
    env, kernel = fake_qemu
    env["TESSERA_KVM_DEVICE"] = "/nonexistent/kvm"
    res = subprocess.run([QEMU_RUN, "--product", "x86_64-tiny", "--kernel", kernel, "--kvm",
                          "--no-ktap", "--quiet"], capture_output=True, text=True, env=env)
    assert res.returncode == 0 and "KVM=1 not possible: /nonexistent/kvm does not exist" \
        in res.stderr, res.stderr


def test_kvm_refused_for_another_architecture(fake_qemu):
    env, kernel = fake_qemu
    res = subprocess.run([QEMU_RUN, "--product", "riscv64-tiny", "--kernel", kernel, "--kvm"],
                         capture_output=True, text=True, env=env)
    assert res.returncode == 2
    assert "KVM=1 refused: KVM runs only guests of the host's architecture" in res.stderr


def test_qemu_failure_is_not_blamed_on_the_kernel(fake_qemu, tmp_path):
    env, kernel = fake_qemu
    (tmp_path / "bin" / "qemu-system-x86_64").write_text(
        "#!/bin/sh\necho 'qemu-system-x86_64: -m 99T: cannot set up guest memory' >&2\nexit 1\n")
    res = subprocess.run([QEMU_RUN, "--product", "x86_64-tiny", "--kernel", kernel,
                          "--no-ktap", "--quiet"], capture_output=True, text=True, env=env)
    assert res.returncode == 1
    assert "cannot set up guest memory" in res.stderr and "never printed" not in res.stderr
    assert "FAIL (QEMU, not the kernel)" in res.stderr


def test_symcheck_init_and_locations(tree, tmp_path):
    """Defect 7: a misspelt init function is caught by symcheck (before the
    link) at component.toml:N; a layering error names path:line."""
    from test_dispatch import cc
    tree.iface("ib", ops=["int b_func(void)"], naming="direct")
    tree.comp("b", provides=["ib"])
    tree.comp("a", requires=["ib"], init="a_initt")
    tree.comp("c", requires=[])
    tree.product("p", "CONFIG_COMP_A=y\nCONFIG_COMP_C=y\n", requires=["ib"])
    gen = tmp_path / "gen"
    assert run(tree, "gen", "--product", "p", "--out", str(gen))[0] == 0
    b = cc(tmp_path, gen, "b", "int b_func(void);\nint b_func(void) { return 1; }\n")
    a = cc(tmp_path, gen, "a", "int b_func(void);\nint a_init(void);\n"
           "int a_init(void) { return b_func(); }\n")
    c = cc(tmp_path, gen, "c", "int b_func(void);\nint c_func(void);\n\n"
           "int c_func(void)\n{\n\treturn b_func();\n}\n", extra=("-g",))
    args = ["symcheck", "--graph", str(gen / "graph.json"), "--nm", "nm",
            f"--objects-of=a={a}", f"--objects-of=b={b}", f"--objects-of=c={c}"]
    status, _, err = run(tree, *args)
    assert status == 2
    assert ("components/core/a/component.toml:4: error: init function 'a_initt' of component "
            "'a' is not defined by its sources (main.c) (did you mean 'a_init'?)") in err, err
    assert (f"{tmp_path}/c.c:6: error: component 'c' calls 'b_func' defined in component "
            "'b'") in err, err


# --- An architecture's facts live in arch/<arch>/ -------------------------------------

def test_arch_facts_for_every_architecture():
    """Every architecture of the tree has its arch.toml, and the QEMU command
    line of every product comes from it."""
    sys.path.insert(0, os.path.join(ROOT, "tools"))
    import arch_facts
    import qemu_machine
    import tomllib
    comps = [a for a in os.listdir(os.path.join(ROOT, "arch"))
             if os.path.isfile(os.path.join(ROOT, "arch", a, "component.toml"))]
    assert sorted(comps) == arch_facts.arches()
    for product in os.listdir(os.path.join(ROOT, "graphs")):
        with open(os.path.join(ROOT, "graphs", product, "product.toml"), "rb") as f:
            data = tomllib.load(f)
        facts = arch_facts.qemu(data["arch"])
        cmd = qemu_machine.qemu_command(data, "k.elf")
        assert cmd[:3] == [facts["binary"], "-M", facts["machine"]]
        assert "binary" not in data.get("qemu", {}) and "machine" not in data.get("qemu", {})
    assert qemu_machine.exit_status_of("x86_64", 1) == 0
    assert qemu_machine.exit_status_of("x86_64", 0) is None
    assert qemu_machine.exit_status_of("riscv64", 3) == 3
    names = {p for p, _ in arch_facts.packages()}
    assert {"qemu-system-x86", "qemu-system-misc", "gcc-riscv64-linux-gnu"} <= names


def test_no_architecture_conditionals_in_components():
    """Components ask the architecture (its asm/ headers), never #if on it."""
    import re as _re
    bad = []
    for dirpath, _, files in os.walk(os.path.join(ROOT, "components")):
        # User programs (components/user/) are Linux programs built with the
        # arch's C library: its macros are theirs to test, no asm/ header.
        if os.path.relpath(dirpath, ROOT).split(os.sep)[:2] == ["components", "user"]:
            continue
        for f in files:
            if f.endswith((".c", ".h")):
                path = os.path.join(dirpath, f)
                with open(path, encoding="utf-8") as fh:
                    for n, line in enumerate(fh, 1):
                        if _re.search(r"^\s*#\s*(el)?if.*\b(__x86_64__|__riscv\w*|__i386__)", line):
                            bad.append(f"{os.path.relpath(path, ROOT)}:{n}")
    assert bad == []


def test_crash_kinds_come_from_the_graph(tmp_path):
    """The crash tests of a product: kinds.toml's kinds whose interfaces the
    product's graph has and whose trap report its architecture gives."""
    crash = _script(os.path.join(ROOT, "tests", "boot", "crash-product"))
    x86 = crash.product_kinds("x86_64-crash")
    rv = crash.product_kinds("riscv64-crash")
    assert {"ud", "pagefault", "panic", "stack"} <= set(x86) & set(rv)
    assert "double-free-page" in x86       # the crash products have a page allocator
    for kind in x86:
        assert crash.expectations("x86_64", kind)
    assert crash.expectations("x86_64", "no-such-kind") is None


def test_autoconf_lists_every_interface_of_the_tree(basic):
    """ktest_init's interface check is generated from the graph, not typed."""
    from tessera import emit
    text = emit.autoconf_h(_graph(basic))
    assert "#define TESSERA_TREE_INTERFACES(X) \\\n\tX(core, CORE) \\\n\tX(lib, LIB) \\\n" in text
    with open(os.path.join(ROOT, "components/core/init/tests/ktest_init.c")) as f:
        src = f.read()
    assert "TESSERA_TREE_INTERFACES(INTERFACE_HAVE)" in src and "#ifndef HAVE_" not in src
