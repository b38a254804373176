# SPDX-License-Identifier: Apache-2.0
"""The ktest plan: suites and cases read from the ktests sources
(tools/tessera/ktests.py) into ktest_plan.json, with path:line errors."""

import json
import os

from conftest import run
from tessera import ktests
from tessera.errors import Collector


def parse(text, ident="lib"):
    errs = Collector()
    suite = ktests.parse_suite(text, "c/tests/ktest_lib.c", ident, errs)
    return suite, [str(d) for d in errs.diagnostics]


def test_cases_in_order_with_comments_and_trailing_comma():
    suite, errs = parse('#include <x.h>\n/* KTEST_SUITE(fake, KTEST_CASE(no)) */\n'
                        'static const char *s = "KTEST_SUITE(";\n'
                        'KTEST_SUITE(lib,\n\tKTEST_CASE(a), // KTEST_CASE(c)\n'
                        '\tKTEST_CASE(b),\n);\n')
    assert errs == []
    assert suite.name == "lib" and suite.line == 4
    assert ktests.cases_for(suite, set()) == ["a", "b"]


def test_empty_and_one_line_suites():
    assert ktests.cases_for(parse("KTEST_SUITE(lib);\n")[0], set()) == []
    suite, _ = parse("KTEST_SUITE(lib, KTEST_CASE(x)); KTEST_SUITE_NOT(y);\n")
    assert ktests.cases_for(suite, set()) == ["x"]


def test_no_suite_is_an_error_at_line_1():
    suite, errs = parse("/* nothing */\n")
    assert suite is None
    assert errs[0].startswith("c/tests/ktest_lib.c:1: error:") and "no KTEST_SUITE" in errs[0]


def test_two_suites_error_at_the_second():
    _, errs = parse("KTEST_SUITE(lib, KTEST_CASE(a));\n\nKTEST_SUITE(lib2);\n")
    assert len(errs) == 1 and errs[0].startswith("c/tests/ktest_lib.c:3: error:")
    assert "second KTEST_SUITE" in errs[0] and "line 1" in errs[0]


def test_suite_name_must_match_the_file():
    _, errs = parse("\nKTEST_SUITE(other, KTEST_CASE(a));\n")
    assert errs[0].startswith("c/tests/ktest_lib.c:2: error:")
    assert "'other'" in errs[0] and "tests/ktest_other.c" in errs[0]


def test_an_item_that_cannot_be_counted():
    _, errs = parse("KTEST_SUITE(lib,\n\tKTEST_CASE(a),\n\tMY_CASES,\n);\n")
    assert errs[0].startswith("c/tests/ktest_lib.c:3: error:") and "MY_CASES" in errs[0]


def test_case_listed_twice():
    _, errs = parse("KTEST_SUITE(lib,\n KTEST_CASE(a),\n KTEST_CASE(a));\n")
    assert errs[0].startswith("c/tests/ktest_lib.c:3: error:") and "twice" in errs[0]


COND = """\
#include <autoconf.h>
KTEST_SUITE(lib,
	KTEST_CASE(always),
#ifdef CONFIG_FOO
	KTEST_CASE(foo),
#elif defined(HAVE_BAR) && !defined(CONFIG_BAZ)
	KTEST_CASE(bar_no_baz),
#else
	KTEST_CASE(neither),
#endif
#ifndef HAVE_BAR
	KTEST_CASE(no_bar),
#endif
#if 0
	KTEST_CASE(never),
#endif
);
"""


def test_conditional_cases_follow_the_products_macros():
    suite, errs = parse(COND)
    assert errs == []
    assert ktests.cases_for(suite, set()) == ["always", "neither", "no_bar"]
    assert ktests.cases_for(suite, {"CONFIG_FOO", "HAVE_BAR"}) == ["always", "foo"]
    assert ktests.cases_for(suite, {"HAVE_BAR"}) == ["always", "bar_no_baz"]
    assert ktests.cases_for(suite, {"HAVE_BAR", "CONFIG_BAZ"}) == ["always", "neither"]


def test_conditions_the_tool_cannot_decide_are_errors():
    _, errs = parse("#include <autoconf.h>\nKTEST_SUITE(lib,\n#ifdef __riscv\n"
                    " KTEST_CASE(a),\n#endif\n);\n")
    assert errs[0].startswith("c/tests/ktest_lib.c:3: error:") and "__riscv" in errs[0]
    _, errs = parse("#include <autoconf.h>\nKTEST_SUITE(lib,\n#if CONFIG_X > 2\n"
                    " KTEST_CASE(a),\n#endif\n);\n")
    assert errs[0].startswith("c/tests/ktest_lib.c:3: error:")


def test_conditions_need_autoconf_h():
    _, errs = parse(COND.replace("#include <autoconf.h>\n", "\n"))
    assert errs[0].startswith("c/tests/ktest_lib.c:2: error:") and "autoconf.h" in errs[0]


def test_a_conditional_suite_is_an_error():
    _, errs = parse("#include <autoconf.h>\n#ifdef CONFIG_FOO\nKTEST_SUITE(lib);\n#endif\n")
    assert errs[0].startswith("c/tests/ktest_lib.c:3: error:") and "#if" in errs[0]


def ktest_tree(basic):
    basic.iface("ktest", ops=["unsigned int ktest_run_all(void)"], naming="direct")
    basic.comp("lib", provides=["lib"], ktests=["tests/ktest_lib.c"])
    basic.comp("core", provides=["core"], requires=["lib"], init="core_init",
               ktests=["tests/ktest_core.c"])
    basic.comp("kt", sub="test", provides=["ktest"], requires=["lib"])
    basic.product("p", "CONFIG_COMP_APP=y\nCONFIG_COMP_KT=y\n")
    return basic


def test_gen_writes_the_plan_in_table_order(basic, tmp_path):
    ktest_tree(basic)
    basic.write("components/core/core/tests/ktest_core.c",
                COND.replace("KTEST_SUITE(lib", "KTEST_SUITE(core"))
    status, _, err = run(basic, "gen", "--product", "p", "--out", str(tmp_path / "o"))
    assert status == 0, err
    with open(tmp_path / "o" / "ktest_plan.json", encoding="utf-8") as f:
        plan = json.load(f)
    with open(tmp_path / "o" / "ktest_table.c", encoding="utf-8") as f:
        table = f.read()
    assert [s["suite"] for s in plan["suites"]] == ["lib", "core"]
    assert table.index("&ktest_suite_lib") < table.index("&ktest_suite_core")
    assert plan["suites"][0]["cases"] == ["lib_works"]
    # HAVE_CORE... but neither CONFIG_FOO nor HAVE_BAR in this product.
    assert plan["suites"][1]["cases"] == ["always", "neither", "no_bar"]
    assert plan["suites"][1]["file"] == "components/core/core/tests/ktest_core.c"
    cmake = (tmp_path / "o" / "components.cmake").read_text()
    assert "components/core/core/tests/ktest_core.c" in cmake   # an input: re-run on edit
    # Without the runner, no plan.
    basic.product("p", "CONFIG_COMP_APP=y\n")
    assert run(basic, "gen", "--product", "p", "--out", str(tmp_path / "o"))[0] == 0
    assert not os.path.exists(tmp_path / "o" / "ktest_plan.json")


def test_gen_and_check_report_a_bad_ktests_file(basic, tmp_path):
    ktest_tree(basic)
    basic.write("components/core/core/tests/ktest_core.c", "/* x */\n/* y */\nKTEST_SUITE(lib);\n")
    for argv in (("gen", "--product", "p", "--out", str(tmp_path / "o")), ("check",)):
        status, _, err = run(basic, *argv)
        assert status == 2 and "Traceback" not in err
        assert "components/core/core/tests/ktest_core.c:3: error: suite 'lib'" in err


def test_suite_names_clash_between_components(basic, tmp_path):
    ktest_tree(basic)
    basic.comp("core", provides=["core"], requires=["lib"], init="core_init",
               ktests=["tests/ktest_lib.c"])
    status, _, err = run(basic, "check")
    assert status == 2
    assert "components/core/core/component.toml" in err and "clashes" in err
