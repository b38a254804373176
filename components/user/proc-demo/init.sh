#!/bin/sh
# The init of x86_64-test/riscv64-test (until Tessera's own init and test
# programs are components): the kernel execs this script through its #!
# line, BusyBox's sh runs it as pid 1, and its exit status becomes the
# power-off status. Every line below forks and execs /bin/busybox.
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
echo "proc-demo: ok"
exit 0
