#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# Clean build time of a product (default x86_64-default) with Ninja on every
# core: configure (which runs the graph tool) and build, from an empty
# folder. Usage: tests/bench/build_time.sh [PRODUCT]
set -eu
product=${1:-x86_64-default}
root=$(cd "$(dirname "$0")/../.." && pwd)
dir="$root/build/bench-build-$product"
rm -rf "$dir"
start=$(date +%s.%N)
cmake -S "$root" -B "$dir" -G Ninja -DTESSERA_PRODUCT="$product" >/dev/null
configured=$(date +%s.%N)
cmake --build "$dir" -j "$(nproc)" >/dev/null
end=$(date +%s.%N)
awk -v p="$product" -v s="$start" -v c="$configured" -v e="$end" -v n="$(nproc)" \
	'BEGIN { printf "%s: configure %.2f s, build %.2f s, total %.2f s on %d cores\n", p, c - s, e - c, e - s, n }'
rm -rf "$dir"
