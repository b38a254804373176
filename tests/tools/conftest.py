# SPDX-License-Identifier: Apache-2.0
"""Fixtures of the graph tool tests: small trees written into tmp_path."""

import os
import shutil
import sys
import textwrap

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))

from tessera import cli  # noqa: E402


class Tree:
    """A fixture source tree under construction."""

    def __init__(self, path):
        self.path = str(path)
        os.makedirs(os.path.join(self.path, "include", "interfaces"), exist_ok=True)
        shutil.copy(os.path.join(ROOT, "Kconfig"), os.path.join(self.path, "Kconfig"))

    def write(self, rel, text=""):
        """Write a file (dedented), creating folders."""
        path = os.path.join(self.path, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(textwrap.dedent(text).lstrip("\n"))
        return path

    def iface(self, name, cardinality="one", ops=(), naming=None, extra=""):
        """Declare include/interfaces/<name>.toml."""
        lines = [f'name = "{name}"', f'summary = "The {name} interface"',
                 f'cardinality = "{cardinality}"']
        if naming:
            lines.append(f'naming = "{naming}"')
        lines.append("ops = [" + ", ".join(f'"{o}"' for o in ops) + "]")
        self.write(f"include/interfaces/{name}.toml", "\n".join(lines) + "\n" + extra)

    def comp(self, name, sub="core", sources=("main.c",), touch=True, **keys):
        """Write components/<sub>/<name>/component.toml (and its sources)."""
        lines = [f'name = "{name}"', f'summary = "Component {name}"']
        for key, value in keys.items():
            if isinstance(value, str):
                lines.append(f'{key} = "{value}"')
            else:
                lines.append(f"{key} = [" + ", ".join(f'"{v}"' for v in value) + "]")
        lines.append("sources = [" + ", ".join(f'"{s}"' for s in sources) + "]")
        d = f"components/{sub}/{name}"
        self.write(f"{d}/component.toml", "\n".join(lines) + "\n")
        if touch:
            for s in sources:
                self.write(f"{d}/{s}", "/* test */\n")
            for t in keys.get("ktests", []):
                # A ktests file carries one suite named after it.
                ident = os.path.basename(t)[len("ktest_"):-len(".c")]
                self.write(f"{d}/{t}", f"/* test */\nKTEST_SUITE({ident}, KTEST_CASE({ident}_works));\n")
            for t in keys.get("htests", []):
                self.write(f"{d}/{t}", "/* test */\n")
        return d

    def product(self, name, defconfig, arch="x86_64", requires=("lib",)):
        """Write graphs/<name>/{product.toml,defconfig}; the product requires
        ``requires`` (line 3 of product.toml; the ``basic`` tree's ``lib`` by
        default)."""
        self.write(f"graphs/{name}/product.toml",
                   f'summary = "Product {name}"\narch = "{arch}"\n'
                   "requires = [" + ", ".join(f'"{r}"' for r in requires) + "]\n"
                   '[qemu]\nbinary = "qemu-system-x86_64"\nmachine = "pc"\n')
        self.write(f"graphs/{name}/defconfig", textwrap.dedent(defconfig).lstrip("\n"))


def run(tree, *argv):
    """Run the CLI in-process on a tree; returns (status, stdout, stderr)."""
    import contextlib
    import io
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(["--root", tree.path if isinstance(tree, Tree) else tree, *argv])
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def tree(tmp_path):
    """An empty fixture tree."""
    return Tree(tmp_path / "src")


@pytest.fixture
def basic(tree):
    """A small valid tree: lib <- core <- app, one product."""
    tree.iface("lib", ops=["int add(int a, int b)"], naming="direct")
    tree.iface("core", ops=["int core_get(void)"])
    tree.comp("lib", provides=["lib"])
    tree.comp("core", provides=["core"], requires=["lib"], init="core_init")
    tree.comp("app", sub="apps", requires=["core", "lib"], init="app_init")
    tree.product("p", "CONFIG_COMP_APP=y\n")
    return tree
