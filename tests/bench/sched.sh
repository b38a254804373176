#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# Context switch and lock costs, each scheduler provider side by side:
# <arch>-default built with the sched-bench component and, in turn, each
# `scheduler` provider (a .config in build/bench-sched-<arch>-<policy>/),
# booted with `schedbench`. The baseline (an empty function call) is in the
# same run. Lock debugging is off (as in the default products).
# Usage: tests/bench/sched.sh [ARCH ...]   (default: x86_64 riscv64)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
arches=${*:-x86_64 riscv64}
for arch in $arches; do
	for policy in fair rr; do
		build="$root/build/bench-sched-$arch-$policy"
		mkdir -p "$build"
		POLICY=$(echo "$policy" | tr a-z A-Z)
		{
			grep -v "^CONFIG_COMP_SCHED" "$root/graphs/$arch-default/defconfig"
			echo "CONFIG_COMP_SCHED=y"
			echo "CONFIG_COMP_SCHED_$POLICY=y"
			echo "CONFIG_COMP_SCHED_BENCH=y"
		} > "$build/.config"
		cmake -S "$root" -B "$build" -G Ninja -DTESSERA_PRODUCT="$arch-default" >/dev/null
		cmake --build "$build" >/dev/null
		echo "== $arch, scheduler $policy"
		"$root/tools/qemu-run" --product "$arch-default" --kernel "$build/kernel.elf" \
			--cmdline schedbench --log "$build/bench.log" >/dev/null 2>&1 || true
		grep '^sched-bench:' "$build/bench.log" | sed 's/\r$//'
	done
done
