#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The 10,000-component synthetic tree resolved and drawn.

Writes the synthetic tree of graph_tool.py (component i provides interface
i, requires up to three of lower index, every eighth interface a choice of
two providers; the root pulls everything in), then times, as whole
processes:

* resolve: `tessera-cli graph --product synthetic --format json` (load,
  configure, resolve, the view model) [target <= 5 s];
* draw: `tessera-cli graph --product synthetic --out DIR --svg` (the DOT,
  Graphviz's layout and SVG, of the product and of the whole tree)
  [target <= 30 s].

Usage: tests/bench/graph_draw.py [--sizes 1000,10000]
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from graph_tool import TOOL, write_tree  # noqa: E402


def timed(cmd):
    """(wall seconds, CPU seconds) of a command: on a shared machine the
    CPU time is the figure that does not depend on the neighbours."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"graph_draw: {' '.join(cmd[-6:])} failed: {p.stderr[-800:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.monotonic() - t, cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    args = parser.parse_args()
    print(f"{'components':>10} {'resolve s (cpu)':>16} {'draw s (cpu)':>14}")
    for n in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="tessera-draw-bench-") as tmp:
            top = os.path.join(tmp, "tree")
            product = write_tree(top, n)
            resolve = timed(TOOL + ["--root", top, "graph", "--product", product,
                                    "--format", "json"])
            draw = timed(TOOL + ["--root", top, "graph", "--product", product,
                                 "--out", os.path.join(tmp, "out"), "--svg"])
            print(f"{n:>10} {resolve[0]:>8.2f} ({resolve[1]:5.2f}) "
                  f"{draw[0]:>6.2f} ({draw[1]:5.2f})", flush=True)


if __name__ == "__main__":
    main()
