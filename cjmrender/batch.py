"""Batch use: turn folder and glob arguments into spec paths, and show progress on a terminal.

Globs are expanded here rather than by the shell so that a quoted pattern
(``cjmrender render 'maps/**/*.yaml'``) behaves the same in every shell,
including Windows ``cmd`` which expands nothing.  An argument that matches
nothing is passed through unchanged: the loader then reports it as a located
``cannot read`` problem, so a typo fails loudly instead of rendering nothing.
"""

from __future__ import annotations

import glob
import os
import shutil
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

SPEC_SUFFIXES = (".yaml", ".yml", ".mmd", ".mermaid")


def _hidden(name: str) -> bool:
    return name.startswith(".") and name not in (".", "..")


def specs_in_folder(folder: Path) -> list[str]:
    """Every map file (``*.yaml``, ``*.yml``, ``*.mmd``, ``*.mermaid``) under ``folder``, sorted, skipping hidden folders and files.

    Hidden folders (``.git``, ``.github``, ``.venv``) hold YAML that is not a map.
    """
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        found += [os.path.normpath(os.path.join(root, f)) for f in files
                  if f.lower().endswith(SPEC_SUFFIXES) and not _hidden(f)]
    return sorted(found)


def is_batch(spec: str) -> bool:
    """Whether an argument stands for any number of specs (a folder or a glob) rather than one."""
    return os.path.isdir(spec) or glob.has_magic(spec)


def expand_specs(specs: Sequence[str]) -> list[str]:
    """Spec arguments -> spec paths: folders are searched, globs expanded (sorted), duplicates dropped.

    ``-`` (standard input) and existing files are kept as given; the order of the
    arguments is kept, so output and error messages follow the command line.
    """
    out: list[str] = []
    for spec in specs:
        if spec == "-" or os.path.isfile(spec):
            out.append(spec)
        elif os.path.isdir(spec):
            out += specs_in_folder(Path(spec)) or [spec]
        elif glob.has_magic(spec):
            matches: list[str] = []
            for m in glob_no_links(spec):
                matches += specs_in_folder(Path(m)) if os.path.isdir(m) else [m]
            out += matches or [spec]
        else:
            out.append(spec)
    seen: set[str] = set()  # each real file once, however many links or arguments reach it
    return [s for s in out if not (_real(s) in seen or seen.add(_real(s)))]  # type: ignore[func-returns-value]


def _real(spec: str) -> str:
    return spec if spec == "-" else os.path.normcase(os.path.realpath(spec))


def glob_no_links(pattern: str) -> list[str]:
    """The paths ``pattern`` matches, sorted; ``**`` never enters a symlinked folder, hidden names are skipped.

    ``glob.glob`` follows symlinked folders, so ``a -> .`` plus ``b -> .`` never
    ends and ``up -> ..`` finds one map dozens of times; pathlib's ``**`` does not.
    """
    parts = Path(pattern).parts
    magic = next(i for i, p in enumerate(parts) if glob.has_magic(p))
    root = Path(*parts[:magic]) if magic else Path(".")
    rest = parts[magic:]
    shown_hidden = any(p.startswith(".") for p in rest)
    found = []
    for path in root.glob(str(Path(*rest))):
        rel = path.relative_to(root).parts
        if shown_hidden or not any(_hidden(p) for p in rel):
            found.append(str(path))
    return sorted(found)


def watch_roots(specs: Sequence[str]) -> tuple[list[Path], bool]:
    """The folders to watch for ``specs`` and whether they must be watched recursively.

    File specs are watched through their folder, not the file itself: editors
    that save by writing a new file and renaming it over the old one would
    otherwise end the watch after the first save.
    """
    roots: list[Path] = []
    recursive = False
    for spec in specs:
        if os.path.isdir(spec):
            roots.append(Path(spec))
            recursive = True
        elif glob.has_magic(spec):
            parts = Path(spec).parts
            magic = next(i for i, p in enumerate(parts) if glob.has_magic(p))
            roots.append(Path(*parts[:magic]) if magic else Path("."))
            recursive = recursive or magic < len(parts) - 1
        elif spec != "-":
            roots.append(Path(spec).parent)
    unique: list[Path] = []
    for r in sorted({r.resolve() for r in roots}, key=lambda p: len(p.parts)):
        if not (recursive and any(r.is_relative_to(u) for u in unique)):
            unique.append(r)
    return unique, recursive


def interactive(stream: TextIO) -> bool:
    """Progress only for a person at a terminal: not in CI logs, not in pipes, not on dumb terminals."""
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        return False
    return tty and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


class _BarStream:
    """Stands in for stderr while a bar is shown: other messages scroll above, the bar stays on the last line.

    ``click.echo(err=True)`` looks ``sys.stderr`` up at each call, so per-spec
    messages (``wrote x.svg``, located problems) go through :meth:`write`, which
    clears the bar, writes the message, and redraws the bar after a full line.
    """

    def __init__(self, real: TextIO, total: int) -> None:
        self._real = real
        self._total = total
        self._done = 0
        self._label = ""
        self._drawn = False

    def __getattr__(self, name: str) -> object:  # encoding, errors, buffer, isatty, fileno ...
        return getattr(self._real, name)

    def step(self, done: int, label: str) -> None:
        self._done, self._label = done, label
        self._clear()
        self._draw()

    def write(self, text: str) -> int:
        self._clear()
        n = self._real.write(text)
        if text.endswith("\n"):
            self._draw()
        return n

    def flush(self) -> None:
        self._real.flush()

    def _clear(self) -> None:
        if self._drawn:
            self._real.write("\r\x1b[K")
            self._drawn = False

    def _draw(self) -> None:
        width = shutil.get_terminal_size((80, 24)).columns
        filled = 24 * self._done // self._total
        line = f"[{'#' * filled}{'-' * (24 - filled)}] {self._done}/{self._total} {self._label}"
        self._real.write(line[: max(width - 1, 10)])
        self._real.flush()
        self._drawn = True


def progress(specs: Sequence[str], stream: TextIO | None = None) -> Iterator[str]:
    """Yield ``specs`` one by one, drawing a progress bar on ``stream`` (stderr) when a person is watching.

    Nothing changes for one spec, pipes, or CI (``CI`` set), so logs stay plain.
    """
    real = stream or sys.stderr
    if len(specs) < 2 or not interactive(real):
        yield from specs
        return
    bar = _BarStream(real, len(specs))
    saved, sys.stderr = sys.stderr, bar  # type: ignore[assignment]
    try:
        for i, spec in enumerate(specs):
            bar.step(i, spec)
            yield spec
        bar.step(len(specs), "")
    finally:
        sys.stderr = saved
        bar._clear()
        real.flush()
