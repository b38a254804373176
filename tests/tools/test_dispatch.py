# SPDX-License-Identifier: Apache-2.0
"""Generated dispatch compiles cleanly and calls providers directly;
symcheck catches an undeclared cross-component call."""

import os
import re
import shutil
import subprocess

import pytest

from conftest import ROOT, run

GCC = shutil.which("gcc")
pytestmark = pytest.mark.skipif(GCC is None, reason="gcc is not installed")
CFLAGS = ["-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror", "-fno-pie"]


def cc(tmp_path, gen, name, text, extra=()):
    src = tmp_path / f"{name}.c"
    src.write_text(text)
    obj = tmp_path / f"{name}.o"
    res = subprocess.run([GCC, *CFLAGS, *extra, "-I", str(gen), "-I", os.path.join(ROOT, "include"),
                          "-c", str(src), "-o", str(obj)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    return obj


def disasm(obj):
    return subprocess.run(["objdump", "-dr", str(obj)], capture_output=True, text=True).stdout


@pytest.fixture
def dispatch(tree, tmp_path):
    tree.iface("counter", ops=["u64 counter_step(u64 x)", "void counter_reset(void)",
                               "_Noreturn void counter_stop(int code)",
                               "const char *counter_name(const void *p, unsigned long n)"])
    tree.iface("say", naming="direct", ops=["int say(const char *fmt, ...)"])
    tree.iface("sink", cardinality="many", ops=["int put(int c)", "void flush(void)"])
    tree.comp("prov", provides=["counter", "say"], prefix="prov")
    tree.comp("s1", sub="drivers", provides=["sink"])
    tree.comp("s2", sub="drivers", provides=["sink"], prefix="second")
    tree.comp("user", sub="apps", requires=["counter", "say", "sink"])
    tree.product("p", "CONFIG_COMP_USER=y\nCONFIG_COMP_S1=y\nCONFIG_COMP_S2=y\n",
                 requires=["counter"])
    gen = tmp_path / "gen"
    status, _, err = run(tree, "gen", "--product", "p", "--out", str(gen))
    assert status == 0, err
    return gen


def test_one_prefixed_is_a_direct_call(dispatch, tmp_path):
    header = (dispatch / "interfaces" / "counter.h").read_text()
    assert "u64 prov_counter_step(u64 x);" in header
    assert "static inline __attribute__((__always_inline__))\nu64 counter_step(u64 x)" in header
    obj = cc(tmp_path, dispatch, "caller", """
#include <interfaces/counter.h>
u64 use(u64 x);
u64 use(u64 x) { counter_reset(); return counter_step(x) + 1; }
void stop(void);
void stop(void) { if (counter_name(0, 1)) counter_stop(3); }
""")
    text = disasm(obj)
    assert "prov_counter_step" in text and "prov_counter_stop" in text
    assert not re.search(r"call\s+\*|jmp\s+\*", text)
    cc(tmp_path, dispatch, "provider", """
#include <interfaces/counter.h>
u64 prov_counter_step(u64 x) { return x + 1; }
void prov_counter_reset(void) { }
_Noreturn void prov_counter_stop(int code) { (void)code; for (;;) { } }
const char *prov_counter_name(const void *p, unsigned long n) { (void)p; (void)n; return "p"; }
""")


def test_one_direct_declares_only(dispatch, tmp_path):
    header = (dispatch / "interfaces" / "say.h").read_text()
    assert "int say(const char *fmt, ...);" in header and "static inline" not in header
    cc(tmp_path, dispatch, "sayer", '#include <interfaces/say.h>\nvoid f(void);\n'
       'void f(void) { say("%d", 1); }\n')


MAIN = """
#include <interfaces/sink.h>
static int total;
static int put1(int c) { total += c; return 0; }
static void flush1(void) { }
static int put2(int c) { total += 10 * c; return 0; }
const struct sink_ops s1_sink_ops = { .put = put1, .flush = flush1 };
const struct sink_ops second_sink_ops = { .put = put2, .flush = flush1 };
int main(void)
{
	const struct sink_ops *ops;
	int n = 0;
	for_each_sink(ops) { ops->put(1); ops->flush(); n++; }
	return (n == SINK_NR_PROVIDERS && total == 11) ? 0 : 1;
}
"""


def test_many_table_and_iteration(dispatch, tmp_path):
    header = (dispatch / "interfaces" / "sink.h").read_text()
    assert "struct sink_ops {\n\tint (*put)(int c);\n\tvoid (*flush)(void);\n};" in header
    assert "extern const struct sink_ops second_sink_ops;" in header
    table = (dispatch / "interfaces" / "sink.c").read_text()
    assert table.index("&s1_sink_ops") < table.index("&second_sink_ops")
    objs = [cc(tmp_path, dispatch, "main", MAIN),
            cc(tmp_path, dispatch, "table", table)]
    exe = tmp_path / "sinks"
    subprocess.run([GCC, "-no-pie", *map(str, objs), "-o", str(exe)], check=True)
    assert subprocess.run([str(exe)]).returncode == 0
    assert ".rodata" in subprocess.run(["objdump", "-h", str(objs[1])],
                                       capture_output=True, text=True).stdout


def test_many_with_no_provider_compiles(basic, tmp_path):
    from tessera import configure, emit, load, resolve
    basic.iface("sink", cardinality="many", ops=["int put(int c)"])
    tree = load.load_tree(basic.path)
    graph = resolve.resolve(configure.evaluate(tree, load.load_product(basic.path, "p", tree)))
    gen = tmp_path / "gen"
    os.makedirs(gen / "interfaces")
    (gen / "interfaces" / "sink.h").write_text(
        emit.interface_header(graph, tree.interfaces["sink"], []))
    table = emit.interface_table(graph, tree.interfaces["sink"], [])
    cc(tmp_path, gen, "table", table, ["-Wtype-limits"])
    cc(tmp_path, gen, "loop", "#include <interfaces/sink.h>\nint f(void);\nint f(void) {\n"
       "\tconst struct sink_ops *ops; int n = 0;\n\tfor_each_sink(ops) n += ops->put(1);\n"
       "\treturn n + SINK_NR_PROVIDERS;\n}\n", ["-Wtype-limits"])


def test_generated_tables_compile(dispatch, tmp_path):
    for name in ("init_table.c", "composition.c", "syscall_table.c"):
        cc(tmp_path, dispatch, name[:-2], (dispatch / name).read_text())


def test_symcheck(tree, tmp_path):
    tree.iface("ib", ops=["int b_func(void)"], naming="direct")
    tree.comp("a", requires=[])
    tree.comp("b", provides=["ib"])
    tree.comp("c", requires=["ib"])
    tree.product("p", "CONFIG_COMP_A=y\nCONFIG_COMP_C=y\n", requires=["ib"])
    gen = tmp_path / "gen"
    assert run(tree, "gen", "--product", "p", "--out", str(gen))[0] == 0
    b = cc(tmp_path, gen, "b", "int b_func(void);\nint b_func(void) { return 1; }\n")
    c = cc(tmp_path, gen, "c", "int b_func(void);\nint c_func(void);\n"
           "int c_func(void) { return b_func(); }\n")
    a = cc(tmp_path, gen, "a", "int b_func(void);\nint a_func(void);\n"
           "int a_func(void) { return b_func(); }\n")
    listing = tmp_path / "objects"
    listing.write_text(f"{b}\tb\n{c}\tc\n")
    args = ["symcheck", "--graph", str(gen / "graph.json"), "--nm", "nm"]
    status, _, err = run(tree, *args, "--objects", str(listing))
    assert status == 0, err
    listing.write_text(f"{b}\tb\n{c}\tc\n{a}\ta\n")
    status, _, err = run(tree, *args, "--objects", str(listing))
    assert status == 2
    assert ("error: component 'a' calls 'b_func' defined in component 'b', but does not "
            "declare an interface that 'b' provides") in err
    # Same, with the command-line form; and a linker-script symbol outside arch.
    d = cc(tmp_path, gen, "d", "extern char _kernel_start[];\nchar *k(void);\n"
           "char *k(void) { return _kernel_start; }\n")
    status, _, err = run(tree, *args, f"--objects-of=b={b}", f"--objects-of=c={c},{d}")
    assert status == 2
    assert "component 'c' (d.o) references '_kernel_start', which no object defines" in err


def test_symcheck_weak_reference(tree, tmp_path):
    """A weak reference is optional by construction: not checked (the
    arch's call into mm's page-fault handler), while a strong one is."""
    tree.iface("ib", ops=["int b_func(void)"], naming="direct")
    tree.comp("a", requires=[])
    tree.comp("b", provides=["ib"])
    tree.product("p", "CONFIG_COMP_A=y\nCONFIG_COMP_B=y\n", requires=["ib"])
    gen = tmp_path / "gen"
    assert run(tree, "gen", "--product", "p", "--out", str(gen))[0] == 0
    b = cc(tmp_path, gen, "b", "int b_func(void);\nint b_func(void) { return 1; }\n")
    weak = cc(tmp_path, gen, "aw", "extern int b_func(void) __attribute__((__weak__));\n"
              "int a_func(void);\nint a_func(void) { return b_func ? b_func() : 0; }\n")
    strong = cc(tmp_path, gen, "as", "int b_func(void);\nint a_func(void);\n"
                "int a_func(void) { return b_func(); }\n")
    args = ["symcheck", "--graph", str(gen / "graph.json"), "--nm", "nm"]
    status, _, err = run(tree, *args, f"--objects-of=b={b}", f"--objects-of=a={weak}")
    assert status == 0, err
    status, _, err = run(tree, *args, f"--objects-of=b={b}", f"--objects-of=a={strong}")
    assert status == 2
    assert "component 'a' calls 'b_func' defined in component 'b'" in err
