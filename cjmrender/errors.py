"""One user-error type with located messages.

Anything raised that is *not* a :class:`UserError` is a bug and keeps its
traceback; a ``UserError`` is printed as ``file:line:col: message`` lines and
the process exits 1.
"""

from __future__ import annotations

import re

import msgspec

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Control characters and bidi overrides: echoed raw they move the cursor, clear the screen, or reorder text."""


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: ``\x1b[2J`` is shown, not obeyed."""
    return _UNSAFE.sub(lambda m: repr(m.group(0))[1:-1] if m.group(0) < "\u0100" else f"\\u{ord(m.group(0)):04x}", text)


class Problem(msgspec.Struct, frozen=True):
    """One located problem. ``line``/``col`` are 1-based; 0 means unknown."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        if self.line and self.col:
            where = f"{self.file}:{self.line}:{self.col}"
        elif self.line:  # a row of a CSV file: no column
            where = f"{self.file}:{self.line}"
        else:
            where = self.file
        return printable(f"{where}: {self.message}")


class UserError(Exception):
    """A mistake in the user's input: reported without traceback, exit 1."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems: tuple[Problem, ...] = (
            (problems,) if isinstance(problems, Problem) else tuple(problems)
        )
        super().__init__("\n".join(str(p) for p in self.problems))

    def shifted(self, lines: int, cols: int) -> UserError:
        """The same problems for text embedded in a page: located ``lines``/``cols`` further on."""
        return UserError([Problem(p.file, p.line + lines, p.col + cols, p.message) if p.line else p
                          for p in self.problems])
