#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""How long the graph tool takes to load, configure, resolve and emit.

Times `tools/tessera-cli gen` (the whole command, Python start-up included)
for the default product, and for synthetic trees of 1,000 and 10,000
components that the benchmark writes itself: component i provides interface
i and requires up to three interfaces of lower index, and every eighth
interface has a second provider chosen through a Kconfig choice, so the tree
has the shape of a real one (layers, fan-in, choices). The root component
requires enough interfaces that every component is pulled in; the product
requires the root's interface.

Usage: tests/bench/graph_tool.py [--runs N] [--sizes 1000,10000]
"""

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOOL = [sys.executable if sys.executable == "/usr/bin/python3" else "/usr/bin/python3",
        os.path.join(ROOT, "tools", "tessera-cli")]


def write_tree(top, n):
    """A synthetic tree of *n* components under *top*; returns the product name."""
    rng = random.Random(n)
    os.makedirs(os.path.join(top, "include", "interfaces"))
    shutil.copy(os.path.join(ROOT, "Kconfig"), os.path.join(top, "Kconfig"))
    requires_of = {}
    for i in range(n):
        iface = f"if{i}"
        with open(os.path.join(top, "include", "interfaces", f"{iface}.toml"), "w") as f:
            f.write(f'name = "{iface}"\nsummary = "synthetic"\ncardinality = "one"\n'
                    f'ops = ["int {iface}_op(int x)"]\n')
        requires_of[i] = sorted({rng.randrange(i) for _ in range(min(i, 3))})
    # Every interface nobody requires is required by the root, so the root
    # pulls in the whole tree.
    required = {r for reqs in requires_of.values() for r in reqs}
    roots = [i for i in range(n) if i not in required]
    providers = [(f"c{i}", i) for i in range(n)] + [(f"alt{i}", i) for i in range(0, n, 8)]
    for name, i in providers:
        folder = os.path.join(top, "components", f"layer{i // 100}", name)
        os.makedirs(folder)
        with open(os.path.join(folder, f"{name}.c"), "w") as f:
            f.write(f"int {name}_if{i}_op(int x) {{ return x; }}\n")
        reqs = ", ".join(f'"if{r}"' for r in requires_of[i])
        with open(os.path.join(folder, "component.toml"), "w") as f:
            f.write(f'name = "{name}"\nsummary = "synthetic {name}"\n'
                    f'provides = ["if{i}"]\nrequires = [{reqs}]\nsources = ["{name}.c"]\n'
                    + (f'init = "{name}_init"\n' if i % 5 == 0 else ""))
    # The root provides the interface the product requires.
    with open(os.path.join(top, "include", "interfaces", "root.toml"), "w") as f:
        f.write('name = "root"\nsummary = "synthetic root"\ncardinality = "one"\n'
                'ops = ["int root_op(int x)"]\n')
    folder = os.path.join(top, "components", "root", "root")
    os.makedirs(folder)
    with open(os.path.join(folder, "root.c"), "w") as f:
        f.write("int root_root_op(int x) { return x; }\n")
    with open(os.path.join(folder, "component.toml"), "w") as f:
        f.write('name = "root"\nsummary = "pulls in everything"\nsources = ["root.c"]\n'
                'provides = ["root"]\n'
                f'requires = [{", ".join(f"{chr(34)}if{i}{chr(34)}" for i in roots)}]\n')
    product = os.path.join(top, "graphs", "synthetic")
    os.makedirs(product)
    with open(os.path.join(product, "product.toml"), "w") as f:
        f.write('summary = "synthetic"\narch = "x86_64"\nrequires = ["root"]\n[qemu]\n'
                'binary = "qemu-system-x86_64"\nmachine = "pc"\n')
    with open(os.path.join(product, "defconfig"), "w") as f:
        f.write("CONFIG_COMP_ROOT=y\n")
    return "synthetic"


def time_gen(root, product, out, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(TOOL + ["--root", root, "gen", "--product", product, "--out", out],
                       check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1000,10000")
    args = parser.parse_args()
    print(f"{'tree':<28} {'components':>10} {'gen median s':>13}")
    with tempfile.TemporaryDirectory() as tmp:
        baseline = time.perf_counter()
        subprocess.run([TOOL[0], "-c", "import kconfiglib"], check=True)
        print(f"{'(python + kconfiglib import)':<28} {'':>10} {time.perf_counter() - baseline:>13.3f}")
        t = time_gen(ROOT, "x86_64-default", os.path.join(tmp, "default"), args.runs)
        print(f"{'x86_64-default':<28} {'':>10} {t:>13.3f}")
        for n in (int(s) for s in args.sizes.split(",")):
            top = os.path.join(tmp, f"tree{n}")
            product = write_tree(top, n)
            runs = args.runs if n <= 1000 else max(1, args.runs // 2)
            t = time_gen(top, product, os.path.join(tmp, f"gen{n}"), runs)
            total = n + len(range(0, n, 8)) + 1
            print(f"{f'synthetic {n}':<28} {total:>10} {t:>13.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
