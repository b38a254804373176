# SPDX-License-Identifier: Apache-2.0
"""Schema errors: one case per error class, each reported as path:line."""

from conftest import run


def gen(tree, tmp_path):
    return run(tree, "gen", "--product", "p", "--out", str(tmp_path / "out"))


def test_valid_tree_generates(basic, tmp_path):
    status, _, err = gen(basic, tmp_path)
    assert status == 0, err


def test_toml_syntax_error_has_line(basic, tmp_path):
    basic.write("components/core/lib/component.toml", 'name = "lib"\nsummary = "x"\nprovides = [\n')
    status, _, err = gen(basic, tmp_path)
    assert status == 2
    assert "components/core/lib/component.toml:" in err and "TOML syntax error" in err
    assert "Traceback" not in err


def test_unknown_key(basic, tmp_path):
    basic.write("components/core/lib/component.toml",
                'name = "lib"\nsummary = "x"\nprovides = ["lib"]\nsauces = ["a.c"]\n')
    status, _, err = gen(basic, tmp_path)
    assert status == 2
    assert "components/core/lib/component.toml:4: error: unknown key 'sauces'" in err


def test_wrong_type(basic, tmp_path):
    basic.write("components/core/lib/component.toml",
                'name = "lib"\nsummary = "x"\nprovides = "lib"\n')
    status, _, err = gen(basic, tmp_path)
    assert status == 2
    assert "component.toml:3: error: key 'provides' must be a list of strings" in err


def test_missing_required_key(basic, tmp_path):
    basic.write("components/core/lib/component.toml", 'name = "lib"\nprovides = ["lib"]\n')
    status, _, err = gen(basic, tmp_path)
    assert status == 2
    assert "missing required key 'summary'" in err


def test_duplicate_component_names_both_paths(basic, tmp_path):
    basic.comp("lib", sub="other", provides=["lib"])
    status, _, err = gen(basic, tmp_path)
    assert status == 2
    assert ("components/core/lib/component.toml:1: error: duplicate component name 'lib' "
            "(also components/other/lib/component.toml)") in err
    assert "(also components/core/lib/component.toml)" in err


def test_name_must_match_folder(basic, tmp_path):
    basic.write("components/core/libx/component.toml", 'name = "liby"\nsummary = "x"\n')
    status, _, err = gen(basic, tmp_path)
    assert status == 2
    assert "components/core/libx/component.toml:1: error: component name 'liby' does not match its folder 'libx'" in err


def test_bad_name(basic, tmp_path):
    basic.write("components/core/Bad/component.toml", 'name = "Bad"\nsummary = "x"\n')
    status, _, err = gen(basic, tmp_path)
    assert status == 2
    assert "component name 'Bad' must match" in err


def test_missing_source_file(basic, tmp_path):
    basic.comp("lib", provides=["lib"], sources=["main.c", "gone.c"], touch=False)
    basic.write("components/core/lib/main.c")
    status, _, err = gen(basic, tmp_path)
    assert status == 2
    assert ("components/core/lib/component.toml:4: error: source 'gone.c' does not exist"
            in err)


def test_source_must_be_c_or_asm(basic, tmp_path):
    basic.comp("lib", provides=["lib"], sources=["main.cpp"])
    status, _, err = gen(basic, tmp_path)
    assert status == 2
    assert "source 'main.cpp' must be a relative .c or .S path" in err


def test_missing_test_file_reported_by_check(basic):
    basic.comp("lib", provides=["lib"], htests=["tests/test_x.c"], touch=False)
    basic.write("components/core/lib/main.c")
    status, _, err = run(basic, "check")
    assert status == 2
    assert "htest 'tests/test_x.c' does not exist" in err


def test_undeclared_interface(basic, tmp_path):
    basic.comp("app", sub="apps", requires=["core", "lib", "nosuch"])
    status, _, err = gen(basic, tmp_path)
    assert status == 2
    assert ("components/apps/app/component.toml:3: error: component 'app' requires "
            "interface 'nosuch' that nobody declares (no include/interfaces/nosuch.toml)") in err


def test_interface_name_must_match_file(basic, tmp_path):
    basic.write("include/interfaces/lib.toml",
                'name = "libz"\nsummary = "x"\ncardinality = "one"\n')
    status, _, err = gen(basic, tmp_path)
    assert status == 2
    assert "include/interfaces/lib.toml:1: error: interface name 'libz' does not match the file name 'lib.toml'" in err


def test_ktest_name(basic, tmp_path):
    basic.comp("lib", provides=["lib"], ktests=["tests/lib_test.c"])
    status, _, err = gen(basic, tmp_path)
    assert status == 2
    assert "ktest 'tests/lib_test.c' must be named tests/ktest_<ident>.c" in err


def test_ktest_ident_clash(basic, tmp_path):
    basic.comp("lib", provides=["lib"], ktests=["tests/ktest_x.c"])
    basic.comp("core", provides=["core"], requires=["lib"], ktests=["tests/ktest_x.c"])
    status, _, err = gen(basic, tmp_path)
    assert status == 2
    assert "ktest suite 'x' of" in err and "clashes with the one of" in err


def test_variadic_prefixed_op(basic, tmp_path):
    basic.iface("core", ops=["int core_log(const char *fmt, ...)"])
    status, _, err = gen(basic, tmp_path)
    assert status == 2
    assert ("include/interfaces/core.toml:4: error: operation 'core_log' is variadic: "
            'variadic op needs naming = "direct"') in err


def test_all_errors_reported_sorted(basic, tmp_path):
    basic.write("components/core/lib/component.toml", 'name = "lib"\nsummary = "x"\nfoo = 1\n')
    basic.write("components/apps/app/component.toml", 'name = "app"\nsummary = "x"\nbar = 1\n')
    status, _, err = gen(basic, tmp_path)
    lines = [l for l in err.splitlines() if l]
    assert status == 2 and len(lines) >= 2
    assert lines == sorted(lines)


def test_op_parsing():
    from tessera.load import parse_op
    op = parse_op("_Noreturn void arch_poweroff(int status)")
    assert op.noreturn and op.returns_void and op.name == "arch_poweroff"
    op = parse_op("const struct boot_info *arch_boot_info(void)")
    assert op.ret == "const struct boot_info *" and op.params == []
    op = parse_op("int snprintf(char *buf, size_t size, const char *fmt, ...)")
    assert op.variadic and [p.name for p in op.params] == ["buf", "size", "fmt"]
    op = parse_op("void sort(void *base, int (*cmp)(const void *, const void *))")
    assert [p.name for p in op.params] == ["base", "cmp"]


def test_product_schema(basic, tmp_path):
    basic.write("graphs/p/product.toml", 'summary = "x"\narch = "x86_64"\n[qemu]\nbinary = "q"\nmachin = "pc"\n[test]\ntimeout = "60"\n')
    status, _, err = gen(basic, tmp_path)
    assert status == 2
    assert "graphs/p/product.toml:5: error: unknown key [qemu] 'machin'" in err
    assert "graphs/p/product.toml:7: error: key [test] 'timeout' must be an integer" in err
    status, _, err = run(basic, "gen", "--product", "nope", "--out", str(tmp_path / "o"))
    assert status == 2 and "no product 'nope' (no graphs/nope/product.toml)" in err


def test_interface_header_must_exist(basic, tmp_path):
    basic.iface("core", ops=["int core_get(void)"], extra='header = "tessera/nope.h"\n')
    status, _, err = gen(basic, tmp_path)
    assert status == 2
    assert "include/interfaces/core.toml:5: error: header 'include/tessera/nope.h' does not exist" in err


def test_entry_points(basic, tmp_path):
    import subprocess
    import sys
    from conftest import ROOT
    import os
    cli = os.path.join(ROOT, "tools", "tessera-cli")
    res = subprocess.run([cli, "--root", basic.path, "list", "--product", "p"],
                         capture_output=True, text=True)
    assert res.returncode == 0 and res.stdout.startswith("lib")
    res = subprocess.run([sys.executable, "-m", "tessera", "check", "--root", basic.path],
                         capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": os.path.join(ROOT, "tools")})
    assert res.returncode == 0, res.stderr
    basic.write("components/core/lib/component.toml", "name = ")
    res = subprocess.run([cli, "--root", basic.path, "check"], capture_output=True, text=True)
    assert res.returncode == 2 and "Traceback" not in res.stderr
