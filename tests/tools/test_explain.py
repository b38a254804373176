# SPDX-License-Identifier: Apache-2.0
"""why (every chain), why-not (each cause) and diff, on fixture trees."""

import json

from conftest import run


def diamond(tree):
    """app -> {core, util} -> lib: lib has two chains from the root."""
    tree.iface("lib", ops=["int add(int a, int b)"], naming="direct")
    tree.iface("core", ops=["int core_get(void)"])
    tree.iface("util", ops=["int util_get(void)"])
    tree.iface("bus", ops=["int bus_get(void)"])
    tree.iface("mem", ops=["int mem_get(void)"])
    tree.comp("lib", provides=["lib"])
    tree.comp("core", provides=["core"], requires=["lib"])
    tree.comp("util", provides=["util"], requires=["lib"])
    tree.comp("app", sub="apps", requires=["core", "util"])
    tree.comp("mem-a", sub="mm", provides=["mem"])
    tree.comp("mem-b", sub="mm", provides=["mem"])
    tree.comp("bus-rv", sub="bus", provides=["bus"], arch=["riscv64"])
    tree.comp("needs-bus", sub="apps", requires=["bus"])
    tree.comp("extra", sub="apps", requires=["lib"])
    tree.comp("off", sub="apps", requires=["lib"])
    tree.comp("mem-user", sub="apps", requires=["mem"])
    tree.product("p", "CONFIG_COMP_APP=y\nCONFIG_COMP_MEM_USER=y\n# CONFIG_COMP_OFF is not set\n",
                 requires=("lib",))
    return tree


def test_why_prints_every_chain(tree):
    diamond(tree)
    status, out, err = run(tree, "why", "--product", "p", "lib")
    assert status == 0, err
    lines = out.splitlines()
    assert lines[0] == ("lib is enabled in p (3 chains from a root; "
                        "configuration graphs/p/defconfig):")
    assert lines[1:] == [
        "  lib <- required by product p (interface lib, graphs/p/product.toml:3)",
        "  lib <- required by core (interface lib) <- required by app (interface core) "
        "<- CONFIG_COMP_APP=y (graphs/p/defconfig:1)",
        "  lib <- required by util (interface lib) <- required by app (interface util) "
        "<- CONFIG_COMP_APP=y (graphs/p/defconfig:1)",
        "configuration: graphs/p/defconfig"]


def test_why_not_each_cause(tree):
    diamond(tree)

    def why_not(name):
        status, out, err = run(tree, "why-not", "--product", "p", name)
        assert status == 0, err
        assert out.startswith(f"{name} is not enabled in p:\n")
        return out

    out = why_not("bus-rv")
    assert "  arch: 'bus-rv' supports riscv64; the product's arch is x86_64" in out
    out = why_not("needs-bus")
    assert ("  unmet dependency: requires 'bus', which nothing can provide for x86_64 "
            "('bus-rv' is only for riscv64)") in out
    out = why_not("off")
    assert "  set to n: CONFIG_COMP_OFF is set to n (graphs/p/defconfig:3)" in out
    out = why_not("mem-b")
    assert ("  conflicting choice: 'mem' is a 'one' interface and its provider in the "
            "product is 'mem-a' (the default provider)") in out
    out = why_not("extra")
    assert ("  not needed by any root: no enabled component or product requirement needs "
            "anything it provides, and graphs/p/defconfig does not set "
            "CONFIG_COMP_EXTRA=y") in out
    # An enabled component: why-not says so and prints why.
    status, out, _ = run(tree, "why-not", "--product", "p", "core")
    assert status == 0 and out.startswith("core is enabled in p; why:\n  core <- ")
    # why of a component left out is why-not.
    assert run(tree, "why", "--product", "p", "off")[1] == why_not("off")
    status, _, err = run(tree, "why-not", "--product", "p", "extr")
    assert status == 2 and "no component 'extr' (did you mean 'extra'?)" in err


def test_diff_two_configurations(tree, tmp_path):
    diamond(tree)
    b = tmp_path / "b.config"
    b.write_text("CONFIG_COMP_APP=y\nCONFIG_COMP_MEM_B=y\nCONFIG_COMP_MEM_USER=y\n"
                 "CONFIG_COMP_EXTRA=y\n")
    status, out, err = run(tree, "diff", "--product", "p", "p", str(b))
    assert status == 0, err
    lines = out.splitlines()
    assert lines[0] == "--- p (graphs/p/defconfig)"
    assert "components added: extra, mem-b" in lines
    assert "components removed: mem-a" in lines
    assert "  mem: mem-a -> mem-b" in lines
    assert "Kconfig values changed: none" in lines
    # Sizes: the product's build (missing here), and a configuration without
    # a build: said so.
    assert any(l.startswith("size: unknown: p: not built (build/p/size.json missing: "
                            "make size GRAPH=p)") for l in lines), out
    sa, sb = tmp_path / "a.json", tmp_path / "b.json"
    row = lambda n: {"text": n, "data": 0, "bss": 0, "total": n}   # noqa: E731
    sa.write_text(json.dumps({"arch": "x86_64", "total": {"text": 110, "data": 0, "bss": 0},
                              "components": {"lib": row(10), "mem-a": row(100)}}))
    sb.write_text(json.dumps({"arch": "x86_64", "total": {"text": 70, "data": 0, "bss": 0},
                              "components": {"lib": row(10), "mem-b": row(40),
                                             "extra": row(20)}}))
    status, out, err = run(tree, "diff", "--product", "p", "p", str(b),
                           "--size-a", str(sa), "--size-b", str(sb))
    assert status == 0, err
    assert "): 110 -> 70 (-40)" in out
    assert "  mem-a" in out and "100 ->        0 (-100)" in out
    assert "  mem-b" in out and "0 ->       40 (+40)" in out
    assert "  lib " not in out          # unchanged


def test_diff_two_products_and_kconfig_values(tree):
    diamond(tree)
    tree.write("components/apps/extra/Kconfig", """
        config EXTRA_LEVEL
        \tint "level"
        \tdefault 3
        """)
    tree.product("q", "CONFIG_COMP_APP=y\nCONFIG_COMP_EXTRA=y\nCONFIG_EXTRA_LEVEL=5\n",
                 requires=("lib",))
    status, out, err = run(tree, "diff", "p", "q")
    assert status == 0, err
    assert "components added: extra" in out
    assert "components removed: mem-a, mem-user" in out
    assert "  CONFIG_EXTRA_LEVEL: (undefined) -> 5" in out
