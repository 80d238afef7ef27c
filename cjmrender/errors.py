"""One user-error type with located messages.

Anything raised that is *not* a :class:`UserError` is a bug and keeps its
traceback; a ``UserError`` is printed as ``file:line:col: message`` lines and
the process exits 1.
"""

from __future__ import annotations

import msgspec


class Problem(msgspec.Struct, frozen=True):
    """One located problem. ``line``/``col`` are 1-based; 0 means unknown."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        if self.line and self.col:
            return f"{self.file}:{self.line}:{self.col}: {self.message}"
        if self.line:  # a row of a CSV file: no column
            return f"{self.file}:{self.line}: {self.message}"
        return f"{self.file}: {self.message}"


class UserError(Exception):
    """A mistake in the user's input: reported without traceback, exit 1."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems: tuple[Problem, ...] = (
            (problems,) if isinstance(problems, Problem) else tuple(problems)
        )
        super().__init__("\n".join(str(p) for p in self.problems))
