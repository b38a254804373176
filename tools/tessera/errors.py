# SPDX-License-Identifier: Apache-2.0
"""Errors of the graph tool.

A *user error* is anything wrong with the manifests, the configuration or the
product: it is reported as ``path:line: error: message`` lines (like a
compiler) and makes the CLI exit with status 2, never with a traceback. A
diagnostic about a file always carries a line (1 when the problem is the
file as a whole); only errors about no file in particular (an unknown
product, a stale snapshot) read ``error: message``. Anything else that
escapes is an internal failure (exit status 1).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One error message, optionally attached to a file and a line.

    ``path`` is relative to the source root when the file is inside it.
    """

    path: str = ""
    line: int = 0
    message: str = ""

    def __str__(self) -> str:
        if self.path and self.line:
            return f"{self.path}:{self.line}: error: {self.message}"
        if self.path:
            return f"{self.path}: error: {self.message}"
        return f"error: {self.message}"


class TesseraError(Exception):
    """A user error: one or more diagnostics, reported all together."""

    def __init__(self, diagnostics):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    @classmethod
    def single(cls, message: str, path: str = "", line: int = 0) -> "TesseraError":
        """Build an error holding one diagnostic."""
        return cls([Diagnostic(path, (line or 1) if path else 0, message)])


class Collector:
    """Accumulates diagnostics so that every error is reported, not the first."""

    def __init__(self):
        self.diagnostics: list[Diagnostic] = []

    def add(self, path: str, line: int, message: str) -> None:
        """Record one error (about the file as a whole when ``line`` is 0)."""
        self.diagnostics.append(Diagnostic(path, (line or 1) if path else 0, message))

    def extend(self, other: "TesseraError") -> None:
        """Record every diagnostic of another error."""
        self.diagnostics.extend(other.diagnostics)

    def raise_if_any(self, sort: bool = True) -> None:
        """Raise a TesseraError holding everything collected, if anything."""
        if self.diagnostics:
            diags = self.diagnostics
            if sort:
                diags = sorted(set(diags))
            raise TesseraError(diags)


def did_you_mean(word: str, candidates) -> str:
    """`` (did you mean 'x'?)`` for the closest candidate, '' when none is close."""
    import difflib
    got = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.75)
    return f" (did you mean '{got[0]}'?)" if got else ""
