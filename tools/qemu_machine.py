# SPDX-License-Identifier: Apache-2.0
"""How a product's kernel is booted under QEMU, and what QEMU's exit code means.

One place for the QEMU command line (from the product's ``[qemu]`` table)
and for the power-off protocol, used by ``tools/qemu-run`` and by everything
else that boots a kernel: the boot-time benchmark and the config fuzzer. A
benchmark or a fuzzer that built its own command line would be measuring or
testing a different machine from the one the tests boot.
"""


def qemu_command(product, kernel, *, interactive=False, kvm=False, gdb=False, cmdline=None):
    """The QEMU command line for *kernel* built for *product* (its parsed product.toml).

    The serial console is QEMU's standard output: multiplexed with the
    monitor (Ctrl-A X quits) when *interactive*, alone otherwise.
    """
    qemu = product["qemu"]
    cmd = [
        qemu["binary"], "-M", qemu["machine"], "-m", qemu.get("memory", "128M"),
        "-kernel", kernel, "-no-reboot", "-display", "none",
    ]
    if interactive:
        cmd += ["-serial", "mon:stdio"]
    else:
        cmd += ["-serial", "stdio", "-monitor", "none"]
    cmd += list(qemu.get("args", []))
    if kvm:
        cmd += ["-accel", "kvm", "-cpu", "host"]
    else:
        cmd += ["-accel", "tcg"]
    if gdb:
        cmd += ["-s", "-S"]
    if cmdline:
        cmd += ["-append", cmdline]
    return cmd


def exit_status_of(arch, returncode):
    """The status the kernel asked for, from QEMU's exit code; None if it asked for none."""
    if arch == "x86_64":
        # isa-debug-exit: QEMU exits with (value << 1) | 1; 0 means it was
        # not used at all (e.g. a triple fault with -no-reboot).
        return returncode >> 1 if returncode & 1 else None
    return returncode
