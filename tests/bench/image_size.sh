#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# Image size (text/data/bss, Berkeley `size`) of every built product, beside
# Linux 6.1 tinyconfig's 4.3 MB of text for scale.
# Usage: tests/bench/image_size.sh (products must be built)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
printf '%-20s %8s %8s %8s\n' product text data bss
for toml in "$root"/graphs/*/product.toml; do
	product=$(basename "$(dirname "$toml")")
	elf="$root/build/$product/kernel.elf"
	[ -f "$elf" ] || { printf '%-20s not built\n' "$product"; continue; }
	size "$elf" | awk -v p="$product" 'NR == 2 { printf "%-20s %8d %8d %8d\n", p, $1, $2, $3 }'
done
