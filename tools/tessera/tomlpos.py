# SPDX-License-Identifier: Apache-2.0
"""Line numbers of the keys and values of a TOML document.

``tomllib`` keeps no positions, so when a diagnostic needs the line of a key
(``provides``), of one string inside its list (``"gone.c"`` in ``sources``),
of the n-th entry of an array (``syscalls[1]``) or of a table header
(``[qemu]`` / ``[[qemu]]``), :func:`index` scans the raw text once with a
small lexer that understands everything TOML can write there: tables and
arrays of tables, dotted and quoted keys, inline tables, nested arrays,
comments, and the four kinds of strings (so a ``key =`` inside a multi-line
string is not mistaken for a key). The text has already been accepted by
``tomllib``, so the lexer does not validate; on anything it does not follow
it stops, and look-ups it did not reach answer 0.

The index is built lazily (only when an error needs a line) and cached per
text, so loading a valid tree never scans a file twice.
"""

from __future__ import annotations

import functools
import tomllib

_BARE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class Positions:
    """Where things are in one TOML text (lines are 1-based, 0 = unknown)."""

    def __init__(self):
        self.keys: dict[tuple, int] = {}      # (*table path, key) -> line of the key
        self.items: dict[tuple, int] = {}     # (*path, index) -> line of the element
        self.values: dict[tuple, int] = {}    # (*path, string) -> first line of the string

    def key(self, *path: str) -> int:
        """Line of the key (or table header) at ``path`` (``("qemu", "args")``)."""
        return self.keys.get(tuple(path), 0)

    def item(self, *path) -> int:
        """Line of element ``path[-1]`` (an int) of the array at ``path[:-1]``."""
        return self.items.get(tuple(path), 0)

    def value(self, *path) -> int:
        """Line of the string ``path[-1]`` inside the array at ``path[:-1]``."""
        return self.values.get(tuple(path), 0)


class _Stop(Exception):
    pass


class _Lexer:
    def __init__(self, text: str):
        self.s = text
        self.i = 0
        self.line = 1
        self.pos = Positions()

    # -- characters --------------------------------------------------------

    def peek(self, n: int = 0) -> str:
        j = self.i + n
        return self.s[j] if j < len(self.s) else ""

    def advance(self, n: int = 1) -> None:
        chunk = self.s[self.i:self.i + n]
        self.line += chunk.count("\n")
        self.i += n

    def skip_space(self, newlines: bool) -> None:
        while self.i < len(self.s):
            c = self.s[self.i]
            if c in " \t\r" or (newlines and c == "\n"):
                self.advance()
            elif c == "#":
                end = self.s.find("\n", self.i)
                self.advance((end if end >= 0 else len(self.s)) - self.i)
            else:
                return

    # -- tokens ----------------------------------------------------------------

    def string(self) -> str:
        """Read one string token and return its value."""
        start = self.i
        s = self.s
        if s.startswith('"""', self.i) or s.startswith("'''", self.i):
            q = s[self.i:self.i + 3]
            j = self.i + 3
            while True:
                j = s.find(q, j)
                if j < 0:
                    raise _Stop
                if q == '"""':
                    k = j - 1
                    backslashes = 0
                    while k >= start + 3 and s[k] == "\\":
                        backslashes += 1
                        k -= 1
                    if backslashes % 2:
                        j += 1
                        continue
                # Up to two more quotes may belong to the content.
                while s.startswith(q[0], j + 3):
                    j += 1
                break
            end = j + 3
        else:
            q = s[self.i]
            j = self.i + 1
            while j < len(s) and s[j] != q and s[j] != "\n":
                j += 2 if (q == '"' and s[j] == "\\") else 1
            if j >= len(s) or s[j] != q:
                raise _Stop
            end = j + 1
        token = s[start:end]
        self.advance(end - start)
        if "\\" not in token and not token.startswith(('"""', "'''")):
            return token[1:-1]
        try:
            return tomllib.loads("v = " + token)["v"]
        except tomllib.TOMLDecodeError:
            return token

    def key(self) -> list[str]:
        """A dotted key: its parts."""
        parts = []
        while True:
            self.skip_space(False)
            c = self.peek()
            if c in ('"', "'"):
                parts.append(self.string())
            elif c in _BARE and c:
                j = self.i
                while j < len(self.s) and self.s[j] in _BARE:
                    j += 1
                parts.append(self.s[self.i:j])
                self.advance(j - self.i)
            else:
                raise _Stop
            self.skip_space(False)
            if self.peek() != ".":
                return parts
            self.advance()

    def value(self, path: tuple) -> None:
        """Read one value stored at ``path`` and record what it holds."""
        c = self.peek()
        if c in ('"', "'"):
            self.string()
        elif c == "[":
            self.advance()
            n = 0
            while True:
                self.skip_space(True)
                if self.peek() == "]":
                    self.advance()
                    return
                line = self.line
                self.pos.items.setdefault(path + (n,), line)
                if self.peek() in ('"', "'"):
                    value = self.string()
                    self.pos.values.setdefault(path + (value,), line)
                else:
                    self.value(path + (n,))
                n += 1
                self.skip_space(True)
                if self.peek() == ",":
                    self.advance()
                elif self.peek() != "]":
                    raise _Stop
        elif c == "{":
            self.advance()
            while True:
                self.skip_space(False)
                if self.peek() == "}":
                    self.advance()
                    return
                self.keyval(path)
                self.skip_space(False)
                if self.peek() == ",":
                    self.advance()
                elif self.peek() != "}":
                    raise _Stop
        elif c:
            j = self.i
            depth = 0
            while j < len(self.s):
                ch = self.s[j]
                if ch in ",]}\n#" and depth == 0:
                    break
                j += 1
            if j == self.i:
                raise _Stop
            self.advance(j - self.i)
        else:
            raise _Stop

    def keyval(self, table: tuple) -> None:
        line = self.line
        parts = self.key()
        for k in range(1, len(parts) + 1):
            self.pos.keys.setdefault(table + tuple(parts[:k]), line)
        self.skip_space(False)
        if self.peek() != "=":
            raise _Stop
        self.advance()
        self.skip_space(False)
        self.value(table + tuple(parts))

    def document(self) -> Positions:
        table: tuple = ()
        counts: dict[tuple, int] = {}
        try:
            while True:
                self.skip_space(True)
                if self.i >= len(self.s):
                    break
                line = self.line
                if self.peek() == "[":
                    double = self.peek(1) == "["
                    self.advance(2 if double else 1)
                    parts = tuple(self.key())
                    self.skip_space(False)
                    self.advance(2 if double else 1)
                    for k in range(1, len(parts) + 1):
                        self.pos.keys.setdefault(parts[:k], line)
                    if double:
                        n = counts.get(parts, 0)
                        counts[parts] = n + 1
                        self.pos.items.setdefault(parts + (n,), line)
                        table = parts + (n,)
                    else:
                        table = parts
                else:
                    self.keyval(table)
        except _Stop:
            pass
        return self.pos


@functools.lru_cache(maxsize=64)
def index(text: str) -> Positions:
    """The :class:`Positions` of a TOML text (cached)."""
    return _Lexer(text).document()


def find_line(text: str, key: str, value=None, table: str | None = None) -> int:
    """Line (1-based) of ``key = ...`` in raw TOML text, 0 if not found.

    With ``value``, the line holding that string inside the key's list is
    returned instead (the key's line if the value is not found); with
    ``table``, the key is looked up in ``[table]``. Positions come from
    :func:`index`, computed once per text and only when an
    error needs a line.
    """
    pos = index(text)
    path = ((table,) if table else ()) + (key,)
    if value is not None:
        line = pos.value(*path, value)
        if line:
            return line
    return pos.key(*path)
