# SPDX-License-Identifier: Apache-2.0
"""The initramfs builder: a cpio archive in the "newc" format (what Linux's
initramfs unpacker reads), optionally gzip-compressed, byte for byte
deterministic.

Every entry has mtime 0, uid and gid 0, inode numbers 1, 2, ... in path
order, no hard links; the entries are sorted by path (so a folder precedes
what it holds); gzip's header carries no name and mtime 0. The same inputs
give the same bytes on any machine and from any checkout.

Inputs are a product's ``initramfs.json`` (``emit.initramfs_json``: each
entry a ``file`` with a ``source`` in the build folder or the tree, a
``dir``, a ``symlink`` or a ``chardev``/``blockdev`` node) or a folder
(``--dir``: its files, folders and symlinks, modes as they are).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import stat

from .errors import TesseraError

MAGIC = b"070701"
TRAILER = "TRAILER!!!"
S_TYPE = {"file": stat.S_IFREG, "dir": stat.S_IFDIR, "symlink": stat.S_IFLNK,
          "chardev": stat.S_IFCHR, "blockdev": stat.S_IFBLK}


def _pad(n: int) -> bytes:
    return b"\0" * (-n % 4)


def entry(name: str, mode: int, data: bytes = b"", ino: int = 0, nlink: int = 1,
          rdev: tuple[int, int] = (0, 0)) -> bytes:
    """One newc record: header, NUL-terminated name, data, each padded to 4."""
    raw = name.encode("utf-8") + b"\0"
    fields = (ino, mode, 0, 0, nlink, 0, len(data), 0, 0, rdev[0], rdev[1], len(raw), 0)
    head = MAGIC + b"".join(b"%08x" % f for f in fields)
    return head + raw + _pad(len(head) + len(raw)) + data + _pad(len(data))


def archive(items) -> bytes:
    """``items``: ``(path, type, mode, data, rdev)``; sorted here, numbered
    from 1, closed by the trailer."""
    out = []
    seen = set()
    for ino, (path, kind, mode, data, rdev) in enumerate(sorted(items, key=lambda t: t[0]), 1):
        name = path.lstrip("/")
        if not name or name in seen:
            raise TesseraError.single(f"initramfs: bad or duplicate path '{path}'")
        seen.add(name)
        out.append(entry(name, S_TYPE[kind] | (mode & 0o7777), data, ino,
                         2 if kind == "dir" else 1, rdev))
    out.append(entry(TRAILER, 0, nlink=1))
    return b"".join(out)


def compress(data: bytes) -> bytes:
    """gzip with no name and mtime 0: deterministic."""
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as f:
        f.write(data)
    return buf.getvalue()


def items_of_spec(spec: dict, build: str, root: str) -> list:
    items = []
    for e in spec["entries"]:
        kind, mode, data, rdev = e["type"], e.get("mode", 0o644), b"", (0, 0)
        if kind == "file":
            where, rel = e["source"].split(":", 1)
            path = os.path.join(build if where == "build" else root, rel)
            try:
                with open(path, "rb") as f:
                    data = f.read()
            except OSError as err:
                raise TesseraError.single(f"initramfs: {e['path']}: cannot read {path}: "
                                          f"{err.strerror}") from None
        elif kind == "symlink":
            data = e["target"].encode("utf-8")
        elif kind in ("chardev", "blockdev"):
            rdev = (e["major"], e["minor"])
        items.append((e["path"], kind, mode, data, rdev))
    return items


def items_of_dir(top: str) -> list:
    items = []
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames.sort()
        for n in sorted(dirnames) + sorted(filenames):
            full = os.path.join(dirpath, n)
            rel = "/" + os.path.relpath(full, top).replace(os.sep, "/")
            st = os.lstat(full)
            if stat.S_ISLNK(st.st_mode):
                items.append((rel, "symlink", 0o777, os.readlink(full).encode("utf-8"), (0, 0)))
            elif stat.S_ISDIR(st.st_mode):
                items.append((rel, "dir", stat.S_IMODE(st.st_mode), b"", (0, 0)))
            elif stat.S_ISREG(st.st_mode):
                with open(full, "rb") as f:
                    items.append((rel, "file", stat.S_IMODE(st.st_mode), f.read(), (0, 0)))
            elif stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
                items.append((rel, "chardev" if stat.S_ISCHR(st.st_mode) else "blockdev",
                              stat.S_IMODE(st.st_mode), b"",
                              (os.major(st.st_rdev), os.minor(st.st_rdev))))
    return items


def read(data: bytes) -> list[dict]:
    """The entries of a newc archive (gzip or not), for tests and ``--list``."""
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    out, off = [], 0
    while True:
        if data[off:off + 6] != MAGIC:
            raise ValueError(f"bad cpio magic at offset {off}")
        f = [int(data[off + 6 + 8 * i: off + 14 + 8 * i], 16) for i in range(13)]
        nsize, fsize = f[11], f[6]
        name = data[off + 110: off + 110 + nsize - 1].decode("utf-8")
        off += 110 + nsize
        off += -off % 4
        body = data[off: off + fsize]
        off += fsize
        off += -off % 4
        if name == TRAILER:
            return out
        out.append({"name": name, "ino": f[0], "mode": f[1], "uid": f[2], "gid": f[3],
                    "nlink": f[4], "mtime": f[5], "rdev": (f[9], f[10]), "data": body})


def build(out: str, *, spec: str | None = None, build_dir: str = ".", root: str = ".",
          folder: str | None = None) -> None:
    if folder is not None:
        items = items_of_dir(folder)
    else:
        with open(spec, encoding="utf-8") as f:
            items = items_of_spec(json.load(f), build_dir, root)
    data = archive(items)
    if out.endswith(".gz"):
        data = compress(data)
    tmp = out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, out)
