# SPDX-License-Identifier: Apache-2.0
"""How a product's kernel is booted under QEMU, and what QEMU's exit code means.

One place for the QEMU command line (from the product's ``[qemu]`` table)
and for the power-off protocol, used by ``tools/qemu-run`` and by everything
else that boots a kernel: the boot-time benchmark and the config fuzzer. A
benchmark or a fuzzer that built its own command line would be measuring or
testing a different machine from the one the tests boot.
"""

import os
import platform
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import arch_facts  # noqa: E402


def qemu_command(product, kernel, *, interactive=False, kvm=False, gdb=False, cmdline=None,
                 initrd=None):
    """The QEMU command line for *kernel* built for *product* (its parsed product.toml).

    The machine is the architecture's (``arch/<arch>/arch.toml``: binary,
    machine, the exit device and firmware arguments); the product adds its
    memory and devices (``[qemu]`` of product.toml; ``binary``/``machine``
    there override the architecture's). The serial console is QEMU's
    standard output: multiplexed with the monitor (Ctrl-A X quits) when
    *interactive*, alone otherwise. *initrd* (a cpio archive, gzip or not)
    is QEMU's -initrd: a PVH module on x86_64, /chosen linux,initrd-start/end
    in the devicetree on riscv64.
    """
    machine = arch_facts.qemu(product["arch"])
    qemu = product.get("qemu", {})
    cmd = [
        qemu.get("binary", machine["binary"]), "-M", qemu.get("machine", machine["machine"]),
        "-m", qemu.get("memory", "128M"),
        "-kernel", kernel, "-no-reboot", "-display", "none",
    ]
    if interactive:
        cmd += ["-serial", "mon:stdio"]
    else:
        cmd += ["-serial", "stdio", "-monitor", "none"]
    cmd += list(machine.get("args", [])) + list(qemu.get("args", []))
    if kvm:
        cmd += ["-accel", "kvm", "-cpu", "host"]
    else:
        cmd += ["-accel", "tcg"]
    if gdb:
        cmd += ["-s", "-S"]
    if initrd:
        cmd += ["-initrd", initrd]
    if cmdline:
        cmd += ["-append", cmdline]
    return cmd


def exit_status_of(arch, returncode):
    """The status the kernel asked for, from QEMU's exit code; None if it asked
    for none (the architecture's exit device says how to read it)."""
    return arch_facts.exit_status(arch, returncode)


def kvm_problem(arch):
    """Why KVM cannot run a guest of *arch* here: ``(refuse, reason)``, or None.

    ``refuse`` is True when asking for KVM is simply wrong (a guest of
    another architecture than the host's: KVM virtualises, it does not
    emulate), False when this host merely lacks a usable KVM (the run falls
    back to TCG). ``TESSERA_KVM_DEVICE`` names the device (tests).
    """
    host = {"amd64": "x86_64", "arm64": "aarch64"}.get(platform.machine().lower(),
                                                      platform.machine().lower())
    if arch != host:
        return True, (f"KVM runs only guests of the host's architecture ({host}); "
                      f"a {arch} kernel runs under TCG: drop KVM=1 (--kvm)")
    dev = os.environ.get("TESSERA_KVM_DEVICE", "/dev/kvm")
    if not os.path.exists(dev):
        return False, f"{dev} does not exist (no KVM on this host, or the module is not loaded)"
    if not os.access(dev, os.R_OK | os.W_OK):
        return False, f"{dev} is not readable and writable by this user (join the 'kvm' group)"
    return None


def qemu_failed(returncode, stderr, console):
    """QEMU's own error, when QEMU failed before the kernel printed anything
    (e.g. KVM rejecting ``-cpu host``'s MSRs): its stderr, else None."""
    if console.strip() or returncode in (0, None):
        return None
    text = stderr.strip()
    return text or f"QEMU exited with {returncode} and printed nothing"
