#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The busybox applets issue 6 names, as KTAP (suite "busybox"): run by
# busybox's sh with the applets on PATH. Nested under tessera-init when
# TESSERA_KTAP_NESTED is set; a whole document otherwise.
n=0
failed=0
total=12
I="    "
if [ -z "$TESSERA_KTAP_NESTED" ]; then
	echo "KTAP version 1"
	echo "1..1"
fi
echo "${I}KTAP version 1"
echo "${I}# Subtest: busybox"
echo "${I}1..$total"

result() {   # result NAME STATUS [DIAG]
	n=$((n + 1))
	if [ "$2" -eq 0 ]; then
		echo "${I}ok $n $1"
	else
		[ -n "$3" ] && echo "${I}# $3"
		echo "${I}not ok $n $1"
		failed=$((failed + 1))
	fi
}

tmp=${TMPDIR:-/tmp}/ut-busybox.$$
mkdir -p "$tmp"

out=$(ls -l / 2>&1)
echo "$out" | grep -q ' tmp$' && echo "$out" | grep -q '^d'
result ls_l_root $? "ls -l /: $(echo "$out" | head -3)"

out=$(cat /proc/meminfo 2>&1)
echo "$out" | grep -q '^MemTotal: *[0-9][0-9]* kB' && echo "$out" | grep -q '^MemFree:'
result cat_proc_meminfo $? "cat /proc/meminfo: $(echo "$out" | head -2)"

echo hi > "$tmp/x"
out=$(cat "$tmp/x")
[ "$out" = hi ]
result echo_cat_tmp $? "cat gave '$out'"

out=$(ps 2>&1)
echo "$out" | grep -q PID && echo "$out" | grep -q ps
result ps $? "ps: $(echo "$out" | head -2)"

out=$(free 2>&1)
echo "$out" | grep -q '^Mem:'
result free $? "free: $out"

out=$(uname -a)
case "$out" in Linux*) true ;; *) false ;; esac
result uname_a $? "uname -a: $out"

t0=$(date +%s)
sleep 1
st=$?
t1=$(date +%s)
[ $st -eq 0 ] && [ $((t1 - t0)) -ge 1 ] && [ $((t1 - t0)) -le 5 ]
result sleep_1 $? "sleep 1: status $st, $((t1 - t0)) s"

sleep 10 &
pid=$!
kill $pid
wait $pid
st=$?
[ $st -eq 143 ]
result kill $? "wait after kill: status $st, expected 143"

a=$(ls / | wc -l)
b=$(echo one two three | tr ' ' '\n' | sort -r | head -1)
[ "$a" -gt 2 ] && [ "$b" = two ]
result pipeline $? "ls / | wc -l: $a; sort: $b"

{ echo out; echo err >&2; } > "$tmp/o" 2> "$tmp/e"
echo more >> "$tmp/o"
read first < "$tmp/o"
both=$( { echo a; echo b >&2; } 2>&1 | wc -l)
[ "$(cat "$tmp/e")" = err ] && [ "$first" = out ] && [ "$(wc -l < "$tmp/o")" -eq 2 ] && [ "$both" -eq 2 ]
result redirections $? "first '$first', e '$(cat "$tmp/e")', both $both"

out=$(sh -c 'echo $0 $1' zero one)
sh -c 'exit 3'
st=$?
[ "$out" = "zero one" ] && [ $st -eq 3 ]
result sh_c $? "sh -c: '$out' status $st"

true; s1=$?
false; s2=$?
! true; s3=$?
no-such-command-here 2>/dev/null; s4=$?
(exit 7); s5=$?
[ $s1 -eq 0 ] && [ $s2 -eq 1 ] && [ $s3 -eq 1 ] && [ $s4 -eq 127 ] && [ $s5 -eq 7 ]
result exit_status $? "statuses $s1 $s2 $s3 $s4 $s5"

rm -rf "$tmp"
echo "${I}# busybox: pass:$((n - failed)) fail:$failed skip:0 total:$n"
if [ -z "$TESSERA_KTAP_NESTED" ]; then
	[ $failed -eq 0 ] && echo "ok 1 busybox" || echo "not ok 1 busybox"
fi
[ $failed -eq 0 ]
