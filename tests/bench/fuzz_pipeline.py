#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Configurations per minute through the whole fuzz pipeline.

Runs `tessera fuzz --count N --jobs J` (draw, resolve, CMake + Ninja,
QEMU boot with the ktests) twice over the same draws, each in fresh build
folders: without ccache, and with ccache on a cache that starts empty (so
the figure shows what sharing objects between draws and folders buys
within one run). Prints, per run, configurations per minute of wall time
and the time spent in resolve, build and boot (summed over the draws, as
the JSON report records them).

Usage: tests/bench/fuzz_pipeline.py [--count N] [--jobs J] [--seed S]
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOOL = ["/usr/bin/python3", os.path.join(ROOT, "tools", "tessera-cli")]


def run(count, jobs, seed, ccache, tmp):
    tag = "ccache" if ccache else "no-ccache"
    report = os.path.join(tmp, f"{tag}.jsonl")
    env = dict(os.environ, CCACHE_DIR=os.path.join(tmp, "ccache"))
    cmd = TOOL + ["fuzz", "--seed", seed, "--count", str(count), "--jobs", str(jobs),
                  "--no-minimise", "--work", os.path.join(tmp, tag), "--out", report]
    if not ccache:
        cmd.append("--no-ccache")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.monotonic()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL)
    wall = time.monotonic() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds of everything the run started (compilers, QEMU): on a
    # shared machine the figure that does not depend on the neighbours.
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    with open(report) as f:
        recs = [json.loads(l) for l in f]
    tot = {k: sum(r["times"][k] for r in recs) for k in ("resolve", "build", "boot")}
    built = sum(1 for r in recs if r["times"]["build"] > 0)
    print(f"{tag:<10} {len(recs):>5} {wall:>8.1f} {len(recs) / wall * 60:>10.1f} "
          f"{tot['resolve']:>9.1f} {tot['build']:>8.1f} {tot['boot']:>8.1f} "
          f"{tot['build'] / max(built, 1):>10.2f} {cpu / len(recs):>9.2f}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", default="bench")
    args = parser.parse_args()
    print(f"{'run':<10} {'cfgs':>5} {'wall s':>8} {'cfgs/min':>10} {'resolve s':>9} "
          f"{'build s':>8} {'boot s':>8} {'build/cfg':>10} {'cpu/cfg':>9}")
    with tempfile.TemporaryDirectory(prefix="tessera-fuzz-bench-") as tmp:
        run(args.count, args.jobs, args.seed, False, tmp)
        run(args.count, args.jobs, args.seed, True, tmp)


if __name__ == "__main__":
    sys.exit(main())
