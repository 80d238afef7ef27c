"""Other formats in and out: Mermaid ``journey`` text, and spreadsheets (CSV, XLSX).

:func:`load_any` is what every command, the Sphinx directive and the MkDocs
plugin use to read a map file: YAML goes to the spec loader, other formats
are imported first and then loaded as the YAML map they become.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import Problem, UserError
from ..spec.journey import Journey
from ..spec.loader import load_spec, load_text
from ..spec.yamlnodes import decode

MERMAID_SUFFIXES = (".mmd", ".mermaid")
IMPORT_SUFFIXES = MERMAID_SUFFIXES


def is_foreign(path: str | os.PathLike[str]) -> bool:
    """Whether a file is read through an importer rather than as YAML."""
    return Path(path).suffix.lower() in IMPORT_SUFFIXES


def import_file(path: str | os.PathLike[str]) -> tuple[str, dict]:
    """A file in another format -> (YAML map text, map data); problems are located in that file."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise UserError(Problem(str(p), 0, 0, f"cannot read: {exc.strerror or exc}")) from None
    suffix = p.suffix.lower()
    if suffix in MERMAID_SUFFIXES:
        from .mermaid import import_mermaid

        text, data, _ = import_mermaid(decode(raw, str(p)), str(p))
        return text, data
    raise UserError(Problem(str(p), 0, 0, f"cannot import '{suffix}' files; use .mmd, .mermaid, .csv or .xlsx"))


def load_imported(yaml_text: str, data: dict, name: str, base_dir: str | None) -> Journey:
    """Load an imported map; problems found only after import are still reported against the source file."""
    if not data.get("stages"):
        raise UserError(Problem(name, 1, 1, "nothing to draw: no sections and no tasks"))
    try:
        return load_text(yaml_text, name, base_dir=base_dir)
    except UserError as exc:  # the importers check the limits first, so this is rare
        raise UserError([Problem(name, 0, 0, f"imported map: {p.message}") for p in exc.problems]) from None


def load_any(source: str | os.PathLike[str]) -> Journey:
    """Load a map from a YAML file, or import a Mermaid or spreadsheet file and load the result."""
    if not is_foreign(source):
        return load_spec(source)
    text, data = import_file(source)
    return load_imported(text, data, str(source), str(Path(source).resolve().parent))


EXPORT_FORMATS = ("mermaid",)


def export(journey: Journey, fmt: str) -> bytes:
    """A loaded map in another format (the bytes of the file)."""
    if fmt == "mermaid":
        from .mermaid import to_mermaid

        return to_mermaid(journey).encode()
    raise UserError(Problem("--format", 0, 0, f"unknown format '{fmt}'"))
