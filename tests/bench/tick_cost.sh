#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# Timer-interrupt overhead: boots each product that has the `time`
# component and prints the time ktest's tick_overhead measurement (the gap
# a tick interrupt leaves in a loop reading the cycle counter: entry, irq
# core, handler, EOI, return), median and minimum over 32 ticks, in arch
# cycles (x86_64: TSC; riscv64: the time CSR, 10 MHz on QEMU virt) and ns.
# The baseline in the same line is the loop's own iteration.
# Usage: tests/bench/tick_cost.sh [PRODUCT ...]   (default: both *-default)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
[ $# -gt 0 ] || set -- x86_64-default riscv64-default
for product in "$@"; do
	cmake -S "$root" -B "$root/build/$product" -G Ninja -DTESSERA_PRODUCT="$product" >/dev/null
	cmake --build "$root/build/$product" >/dev/null
	line=$("$root/tools/qemu-run" --product "$product" \
		--kernel "$root/build/$product/kernel.elf" 2>&1 | grep 'time: tick cost' || true)
	printf '%-18s %s\n' "$product" "${line:-no tick cost line (no time component?)}"
done
