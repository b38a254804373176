#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Boot-to-exit time of every product against an empty kernel, same run.

The empty kernel (tests/bench/empty/<arch>.S) powers off at its first
instruction, so its time is QEMU's own start and stop; a product's time
minus the empty kernel's is what Tessera costs to boot, run its demo and
power off. Each kernel is booted --runs times, interleaved, under TCG; the
median is reported.

Usage: tests/bench/boot_time.py [--runs N] [PRODUCT ...]
(products default to every folder of graphs/; they must be built, e.g. by
`make test` or `make build GRAPH=...`).
"""

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
from qemu_machine import qemu_command  # noqa: E402  (the machine the boot tests use)
EMPTY = os.path.join(ROOT, "tests", "bench", "empty")
BUILD = os.path.join(ROOT, "build", "bench-empty")


def build_empty(arch):
    """Assemble and link the empty kernel for *arch*; return its path."""
    os.makedirs(BUILD, exist_ok=True)
    out = os.path.join(BUILD, f"empty-{arch}.elf")
    cc = ["gcc", "-m32"] if arch == "x86_64" else ["riscv64-linux-gnu-gcc"]
    subprocess.run(cc + ["-nostdlib", "-static", "-Wl,--build-id=none",
                         f"-Wl,-T,{EMPTY}/{arch}.ld", "-o", out, f"{EMPTY}/{arch}.S"],
                   check=True)
    return out


def boot_once(cmd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    # wait() with a timeout polls with sleeps that grow to 50 ms, which
    # would round every time up to the next step; a plain wait() blocks in
    # waitpid and sees the exit at once. The timer only guards against hangs.
    watchdog = threading.Timer(120, proc.kill)
    watchdog.start()
    proc.wait()
    watchdog.cancel()
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("products", nargs="*")
    args = parser.parse_args()
    products = args.products or sorted(
        p for p in os.listdir(os.path.join(ROOT, "graphs"))
        if os.path.exists(os.path.join(ROOT, "graphs", p, "product.toml")))

    empties = {}
    print(f"{'product':<20} {'median ms':>10} {'empty ms':>10} {'delta ms':>10}")
    for name in products:
        with open(os.path.join(ROOT, "graphs", name, "product.toml"), "rb") as f:
            product = tomllib.load(f)
        kernel = os.path.join(ROOT, "build", name, "kernel.elf")
        if not os.path.exists(kernel):
            print(f"{name:<20} not built ({kernel})")
            continue
        arch = product["arch"]
        if arch not in empties:
            empties[arch] = build_empty(arch)
        product_cmd = qemu_command(product, kernel)
        empty_cmd = qemu_command(product, empties[arch])
        product_times, empty_times = [], []
        for _ in range(args.runs):
            product_times.append(boot_once(product_cmd))
            empty_times.append(boot_once(empty_cmd))
        p_ms = statistics.median(product_times) * 1000
        e_ms = statistics.median(empty_times) * 1000
        print(f"{name:<20} {p_ms:>10.1f} {e_ms:>10.1f} {p_ms - e_ms:>+10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
