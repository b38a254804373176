#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# Inflate throughput: Tessera's gunzip() (components/lib/inflate, host build
# at -O2) against the host's zlib (Python's zlib module, the same library
# gzip tools link) and `gzip -d`, on the same files in the same run. Best
# of ITER runs each, MB/s of decompressed output.
#
#   tests/bench/inflate/run.sh [ITER]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
iter=${1:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

gcc -std=gnu11 -O2 -Wall -Wextra -Werror -I"$root/include" -o "$work/bench" "$here/bench_inflate.c"

# Text: the tree's sources, repeated to about 8 MB. Binary: the host's libc.a.
i=0
while [ $i -lt 8 ]; do
	tar -C "$root" -cf - components include docs 2>/dev/null
	i=$((i + 1))
done | head -c 8000000 > "$work/text"
head -c 8000000 /usr/lib/x86_64-linux-gnu/libc.a > "$work/binary"
/usr/bin/python3 -c 'import random; r = random.Random(1); open("'"$work/runs"'", "wb").write(b"".join(bytes([r.randrange(4)]) * r.randrange(1, 300) for _ in range(60000)))'

printf '%-8s %6s %10s %10s %10s %10s\n' data level "size MB" "tessera" "zlib" "gzip -d"
for data in text binary runs; do
	for level in 1 6 9; do
		gzip -c -"$level" "$work/$data" > "$work/$data.gz"
		size=$(stat -c %s "$work/$data")
		ours=$("$work/bench" "$work/$data.gz" "$iter" | cut -d' ' -f2)
		zlib=$(/usr/bin/python3 - "$work/$data.gz" "$iter" <<'PY'
import sys, time, zlib
data = open(sys.argv[1], "rb").read()
best = 1e9
for _ in range(int(sys.argv[2])):
    t = time.perf_counter()
    out = zlib.decompress(data, 16 + 15)
    best = min(best, time.perf_counter() - t)
print("%.1f" % (len(out) / best / 1e6))
PY
)
		t0=$(date +%s.%N)
		gzip -dc "$work/$data.gz" > /dev/null
		t1=$(date +%s.%N)
		gz=$(echo "$size $t0 $t1" | awk '{ printf "%.1f", $1 / ($3 - $2) / 1e6 }')
		printf '%-8s %6s %10.1f %10s %10s %10s\n' "$data" "-$level" \
			"$(echo "$size" | awk '{ print $1 / 1e6 }')" "$ours" "$zlib" "$gz"
	done
done
echo "(MB/s of decompressed output; tessera and zlib best of $iter, gzip -d one run)"
