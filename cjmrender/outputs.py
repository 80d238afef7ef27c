"""Where each output of a run goes, decided for the whole run before anything is rendered.

Planning first lets a batch refuse what would lose work, naming every file
involved, before a single output is written: two maps that would write the
same file (``a/dup.yaml`` and ``b/dup.yaml`` into ``-o out/``), or an output
that would overwrite one of the inputs (``render notes.svg`` where
``notes.svg`` is the map).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import Problem, UserError

SUFFIX_OF = {"mermaid": "mmd"}
"""File suffix of a format, where they differ."""


def _is_device(path: Path) -> bool:
    """A character device or FIFO (``/dev/null``, ``/dev/stdout``): written as named, never renamed over."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def target(spec: str, output: str | None, fmt: str, many_specs: bool) -> Path:
    """Where one output goes: next to the spec, into a folder, or at ``-o`` with the format's suffix."""
    stem = "journey" if spec == "-" else Path(spec).stem
    suffix = SUFFIX_OF.get(fmt, fmt)
    if output is None:
        folder = Path(".") if spec == "-" else Path(spec).parent
        return folder / f"{stem}.{suffix}"
    out = Path(output)
    if output.endswith(("/", "\\")) or out.is_dir() or many_specs:
        return out / f"{stem}.{suffix}"
    if _is_device(out):
        return out
    return out.with_suffix(f".{suffix}")


def _key(path: Path | str) -> str:
    return os.path.normcase(os.path.realpath(path))


def plan(specs: list[str], output: str | None, formats: list[str], many_specs: bool) -> dict[tuple[str, str], Path]:
    """``(spec, format) -> path`` for every output; raises when two outputs collide or one overwrites an input."""
    inputs = {_key(s): s for s in specs if s != "-"}
    out: dict[tuple[str, str], Path] = {}
    claimed: dict[str, str] = {}
    problems: list[Problem] = []
    for spec in specs:
        for fmt in formats:
            path = target(spec, output, fmt, many_specs)
            key = _key(path)
            if _is_device(path):
                out[(spec, fmt)] = path
                continue
            if key in inputs:
                problems.append(Problem(spec, 0, 0, f"the {fmt} output {path} would overwrite the input "
                                                    f"{inputs[key]}; choose another name with -o"))
            elif key in claimed and claimed[key] != spec:
                problems.append(Problem(spec, 0, 0, f"{claimed[key]} and {spec} would both be written to {path}; "
                                                    "rename one, or render them separately"))
            claimed.setdefault(key, spec)
            out[(spec, fmt)] = path
    if problems:
        raise UserError(problems)
    return out
