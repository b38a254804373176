#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Indirect calls in a kernel image, and whether any can reach a `one` interface.

A `one` interface is dispatched by direct calls: its generated wrappers call
the provider's function by name. This benchmark checks that claim on the
linked x86_64 image:

1. it lists every indirect call and jump (``call *``, ``jmp *``) with the
   function that contains it: these are the `many` tables, the instance
   dispatch of object types (``con->ops->write(con, ...)`` in printk's
   console list: indirect by design, one ops table per linked type), the
   initcall table, the ktest cases and compiler jump tables;
2. for every operation of every enabled `one` interface it finds the
   provider's function and looks for its address anywhere but in a direct
   ``call``/``jmp``: as an immediate or displacement in the code, or as an
   8-byte value in the data sections. A function whose address is never
   taken cannot be the target of an indirect call, so the count of
   address-taken `one` operations is the count of indirect calls that come
   from `one` interfaces. The target is zero.

Usage: tests/bench/indirect_calls.py [PRODUCT]   (default x86_64-default, built)
"""

import collections
import json
import os
import re
import struct
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OP_NAME_RE = re.compile(r"(\w+)\s*\(")
FUNC_RE = re.compile(r"^([0-9a-f]+) <(.+)>:$")
INSN_RE = re.compile(r"^\s*([0-9a-f]+):\s+(\S+)\s*(.*)$")


def one_interface_functions(graph):
    """{symbol: interface} for every operation of every enabled `one` interface."""
    prefix_of = {c["name"]: c["prefix"] for c in graph["components"]}
    functions = {}
    for iface in graph["interfaces"]:
        if not iface["enabled"] or iface["cardinality"] != "one":
            continue
        (provider,) = iface["providers"]
        for op in iface["ops"]:
            name = OP_NAME_RE.search(op).group(1)
            symbol = name if iface["naming"] == "direct" else f"{prefix_of[provider]}_{name}"
            functions[symbol] = iface["name"]
    return functions


def object_types(graph):
    """{interface: [ops table symbol of each linked type]} of every enabled object type."""
    prefix_of = {c["name"]: c["prefix"] for c in graph["components"]}
    return {i["name"]: [f"{prefix_of[p]}_{i['name']}_ops" for p in i["providers"]]
            for i in graph["interfaces"] if i["enabled"] and i.get("object")}


def symbol_addresses(elf):
    out = subprocess.run(["nm", elf], check=True, capture_output=True, text=True).stdout
    addresses = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tTwW":
            addresses[parts[2]] = int(parts[0], 16)
    return addresses


def data_sections(elf):
    """(name, bytes) of the allocated, non-executable sections of an ELF64 file."""
    with open(elf, "rb") as f:
        data = f.read()
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    headers = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    strtab_off = headers[shstrndx][4]
    sections = []
    for name_off, sh_type, flags, _, offset, size, *_ in headers:
        name = data[strtab_off + name_off:data.index(b"\0", strtab_off + name_off)].decode()
        is_alloc, is_exec, is_nobits = flags & 0x2, flags & 0x4, sh_type == 8
        if is_alloc and not is_exec and not is_nobits:
            sections.append((name, data[offset:offset + size]))
    return sections


def main():
    product = sys.argv[1] if len(sys.argv) > 1 else "x86_64-default"
    build = os.path.join(ROOT, "build", product)
    elf = os.path.join(build, "kernel.elf")
    with open(os.path.join(build, "gen", "graph.json"), encoding="utf-8") as f:
        graph = json.load(f)
    if graph["product"]["arch"] != "x86_64":
        sys.exit("indirect_calls.py reads x86_64 disassembly only")

    functions = one_interface_functions(graph)
    addresses = symbol_addresses(elf)
    disassembly = subprocess.run(["objdump", "-d", "--no-show-raw-insn", elf], check=True,
                                 capture_output=True, text=True).stdout

    indirect = collections.Counter()
    direct_calls = collections.Counter()
    taken_in_code = collections.defaultdict(list)
    wanted = {f"{addresses[s]:x}": s for s in functions if s in addresses}
    current = "?"
    for line in disassembly.splitlines():
        match = FUNC_RE.match(line)
        if match:
            current = match.group(2)
            continue
        match = INSN_RE.match(line)
        if not match:
            continue
        mnemonic, operands = match.group(2), match.group(3)
        if mnemonic in ("call", "jmp") and operands.startswith("*"):
            indirect[current] += 1
            continue
        target = re.match(r"([0-9a-f]+) <", operands)
        if mnemonic in ("call", "jmp") and target:
            if target.group(1) in wanted:
                direct_calls[wanted[target.group(1)]] += 1
            continue
        for hex_address in re.findall(r"0x([0-9a-f]+)", operands):
            if hex_address in wanted:
                taken_in_code[wanted[hex_address]].append(f"{current}: {mnemonic} {operands}")

    taken_in_data = collections.defaultdict(list)
    for name, blob in data_sections(elf):
        for symbol in functions:
            if symbol in addresses and struct.pack("<Q", addresses[symbol]) in blob:
                taken_in_data[symbol].append(name)

    print(f"indirect call/jump sites in {product}: {sum(indirect.values())}")
    for function, count in sorted(indirect.items()):
        print(f"  {count:3d}  {function}")
    linked = [s for s in functions if s in addresses]
    print(f"one-interface operations linked: {len(linked)} of {len(functions)} "
          f"({sum(direct_calls.values())} direct call sites)")
    for iface, tables in sorted(object_types(graph).items()):
        print(f"object type {iface} (instance dispatch, indirect by design): "
              f"{len(tables)} linked types ({', '.join(tables)})")
    taken = sorted(set(taken_in_code) | set(taken_in_data))
    for symbol in taken:
        where = taken_in_code[symbol] + [f"data in {s}" for s in taken_in_data[symbol]]
        print(f"  address taken: {symbol} ({functions[symbol]}): {'; '.join(where)}")
    print(f"indirect calls that can reach a one-interface operation: {len(taken)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
