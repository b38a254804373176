#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# Dispatch overhead, host microbenchmark. Generates the dispatch header of a
# `one` interface with the real graph tool from a fixture tree, compiles the
# benchmark at -O2 and runs it; then shows that the generated call compiled
# to a direct `call` of the provider.
# Usage: tests/bench/dispatch/run.sh [ITERATIONS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/tree/include/interfaces" "$work/tree/components/bench/provider" \
	"$work/tree/graphs/bench"
cat >"$work/tree/include/interfaces/counter.toml" <<'TOML'
name = "counter"
summary = "One operation, for the dispatch benchmark"
cardinality = "one"
naming = "prefixed"
ops = ["uint64_t counter_step(uint64_t x)"]
TOML
cp "$here/provider.c" "$work/tree/components/bench/provider/provider.c"
cat >"$work/tree/components/bench/provider/component.toml" <<'TOML'
name = "provider"
summary = "Provider of counter"
provides = ["counter"]
prefix = "benchprov"
sources = ["provider.c"]
TOML
printf 'summary = "bench"\narch = "x86_64"\n[qemu]\nbinary = "qemu-system-x86_64"\nmachine = "pc"\n' \
	>"$work/tree/graphs/bench/product.toml"
echo "CONFIG_COMP_PROVIDER=y" >"$work/tree/graphs/bench/defconfig"
cp "$root/Kconfig" "$work/tree/Kconfig"

/usr/bin/python3 "$root/tools/tessera-cli" --root "$work/tree" gen --product bench --out "$work/gen"
cc="gcc -O2 -std=gnu11 -I$work/gen -I$root/include"
$cc -c "$here/provider.c" -o "$work/provider.o"
$cc -c "$here/bench.c" -o "$work/bench.o"
gcc "$work/bench.o" "$work/provider.o" -o "$work/bench"
"$work/bench" "${1:-100000000}"
echo "call instructions in the generated loop (objdump of run_generated):"
objdump -d --no-show-raw-insn "$work/bench.o" |
	awk '/<run_generated>:/ { on = 1; next } /^$/ { on = 0 } on && /call/ { print "   " $0 }'
