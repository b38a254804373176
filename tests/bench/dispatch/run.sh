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
printf 'summary = "bench"\narch = "x86_64"\nrequires = ["counter"]\n[qemu]\nbinary = "qemu-system-x86_64"\nmachine = "pc"\n' \
	>"$work/tree/graphs/bench/product.toml"
echo "CONFIG_COMP_PROVIDER=y" >"$work/tree/graphs/bench/defconfig"
cp "$root/Kconfig" "$work/tree/Kconfig"

/usr/bin/python3 "$root/tools/tessera-cli" --root "$work/tree" gen --product bench --out "$work/gen"
cc="gcc -O2 -std=gnu11 -falign-functions=64 -falign-loops=64 -I$work/gen -I$root/include"
$cc -c "$here/provider.c" -o "$work/provider.o"
$cc -c "$here/bench.c" -o "$work/bench.o"
gcc "$work/bench.o" "$work/provider.o" -o "$work/bench"
"$work/bench" "${1:-100000000}"

# Instructions are exact where time is noisy: callgrind counts each loop's
# instructions (inclusive of the callee) for a million calls.
if command -v valgrind >/dev/null 2>&1; then
	echo "instructions per call (callgrind, 1e6 calls, loop + callee):"
	valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$work/bench" 1000000 >/dev/null 2>&1
	callgrind_annotate --inclusive=yes "$work/cg.out" 2>/dev/null |
		awk 'match($0, /run_(generated|direct|pointer)/) { name = substr($0, RSTART, RLENGTH); gsub(",", "", $1); printf "   %-16s %6.2f\n", name, $1 / 15e6 }'
fi
echo "calls in run_generated (objdump -dr of the benchmark object):"
objdump -dr --no-show-raw-insn "$work/bench.o" |
	awk '/<run_generated>:/ { on = 1; next } /^$/ { on = 0 } on && /R_X86_64_PLT32|call/ { print "   " $0 }'
