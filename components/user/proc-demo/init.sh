#!/bin/sh
# The product's demo: tessera-init runs it (/etc/demo.sh) when no terminal
# is attached, and its exit status becomes the power-off status. Every
# line below forks and execs /bin/busybox; init has mounted /proc.
set -e
echo "proc-demo: sh is pid $$"
busybox uname -a
busybox ls /
echo hi > /tmp/x
test "$(busybox cat /tmp/x)" = hi
n=$(busybox ls / | busybox wc -l)
echo "proc-demo: $n entries in /"
set +e
busybox sh -c 'exit 3'
st=$?
set -e
test "$st" = 3
busybox sleep 1
busybox kill -0 $$
# /proc (procfs): what free(1) and ps(1) read.
busybox grep -q '^MemTotal:' /proc/meminfo
test "$(busybox readlink /proc/self)" != ""
busybox grep -q "^Pid:" /proc/self/status
busybox cat /proc/$$/stat
busybox ps
busybox free
busybox cat /proc/self/maps
busybox grep -q "^proc /proc proc" /proc/mounts
busybox grep -q "ramfs" /proc/filesystems
echo "proc-demo: ok"
exit 0
