# SPDX-License-Identifier: Apache-2.0
"""An architecture's facts, read from ``arch/<arch>/arch.toml``.

The one place the tools learn how to boot an architecture under QEMU (its
binary, machine, exit device and firmware arguments), which Debian packages
it needs and what its trap reports look like, so that adding an
architecture touches only ``arch/<arch>/`` and ``graphs/``. Readers:
``qemu_machine.py`` (and through it ``qemu-run``, the boot benchmark and the
config fuzzer), ``install-deps`` (``packages``) and
``tests/boot/crash-product``.

Run as a script: ``arch_facts.py packages`` prints ``<package> <file>`` of
every architecture, one a line; ``arch_facts.py arches`` the architectures.
"""

import functools
import os
import sys
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
#: What QEMU's exit code means, per exit device: the power-off status, or
#: None when the kernel did not use the device.
EXIT_DEVICES = {
    # (status << 1) | 1; 0 means it was not used (e.g. a triple fault with -no-reboot).
    "isa-debug-exit": lambda rc: rc >> 1 if rc & 1 else None,
    # The status itself.
    "sifive_test": lambda rc: rc,
}


class ArchError(Exception):
    """arch/<arch>/arch.toml is missing or wrong; the message says where."""


def arches(root=ROOT):
    """Every architecture with an arch.toml, sorted."""
    base = os.path.join(root, "arch")
    return sorted(a for a in os.listdir(base) if os.path.isfile(os.path.join(base, a, "arch.toml")))


@functools.lru_cache(maxsize=None)
def facts(arch, root=ROOT):
    """The parsed, checked ``arch/<arch>/arch.toml``."""
    rel = f"arch/{arch}/arch.toml"
    try:
        with open(os.path.join(root, rel), "rb") as f:
            data = tomllib.load(f)
    except OSError as e:
        raise ArchError(f"{rel}: {e.strerror}: every architecture needs one")
    except tomllib.TOMLDecodeError as e:
        raise ArchError(f"{rel}: {e}")
    qemu = data.get("qemu", {})
    for key in ("binary", "machine", "exit"):
        if not isinstance(qemu.get(key), str):
            raise ArchError(f"{rel}: [qemu] needs {key} = \"...\"")
    if qemu["exit"] not in EXIT_DEVICES:
        raise ArchError(f"{rel}: [qemu] exit = \"{qemu['exit']}\": one of "
                        + ", ".join(sorted(EXIT_DEVICES)))
    return data


def qemu(arch, root=ROOT):
    """``[qemu]``: binary, machine, exit, args."""
    return facts(arch, root)["qemu"]


def exit_status(arch, returncode, root=ROOT):
    """The power-off status from QEMU's exit code; None if the kernel asked for none."""
    return EXIT_DEVICES[qemu(arch, root)["exit"]](returncode)


def packages(root=ROOT):
    """``[(package, file)]`` every architecture needs."""
    out = []
    for arch in arches(root):
        for item in facts(arch, root).get("debian", {}).get("packages", []):
            pkg, _, path = item.partition(" ")
            out.append((pkg, path.strip()))
    return out


def crash(arch, root=ROOT):
    """``[crash]``: ``registers`` and ``expect`` (kind -> regular expressions)."""
    return facts(arch, root).get("crash", {})


def main(argv):
    try:
        if argv[1:] == ["packages"]:
            for pkg, path in packages():
                print(pkg, path)
            return 0
        if argv[1:] == ["arches"]:
            print("\n".join(arches()))
            return 0
    except ArchError as e:
        print(f"arch_facts: {e}", file=sys.stderr)
        return 2
    print("usage: arch_facts.py packages|arches", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
