"""Other formats in and out: Mermaid ``journey`` text, and spreadsheets (CSV, XLSX).

:func:`load_any` is what every command, the Sphinx directive and the MkDocs
plugin use to read a map file: YAML goes to the spec loader, other formats
are imported first and then loaded as the YAML map they become.
"""

from __future__ import annotations

import os
from pathlib import Path

from typing import TYPE_CHECKING

from ..errors import Problem, UserError
from ..safeio import read_capped

if TYPE_CHECKING:
    from ..spec.journey import Journey

MERMAID_SUFFIXES = (".mmd", ".mermaid")
SHEET_SUFFIXES = (".csv", ".xlsx")
IMPORT_SUFFIXES = MERMAID_SUFFIXES + SHEET_SUFFIXES


def is_foreign(path: str | os.PathLike[str]) -> bool:
    """Whether a file is read through an importer rather than as YAML."""
    return Path(path).suffix.lower() in IMPORT_SUFFIXES


def import_file(path: str | os.PathLike[str]) -> tuple[str, dict]:
    """A file in another format -> (YAML map text, map data); problems are located in that file."""
    p = Path(path)
    from ..spec.yamlnodes import MAX_BYTES

    raw = read_capped(p, MAX_BYTES)
    suffix = p.suffix.lower()
    if suffix in MERMAID_SUFFIXES:
        from ..spec.yamlnodes import decode
        from .mermaid import import_mermaid

        text, data, _ = import_mermaid(decode(raw, str(p)), str(p))
        return text, data
    if suffix in SHEET_SUFFIXES:
        from .yamlout import dump

        if suffix == ".csv":
            from ..spec.yamlnodes import decode
            from .sheets import read_csv

            data = read_csv(decode(raw, str(p)), str(p))
        else:
            from .sheets import read_xlsx

            data = read_xlsx(raw, str(p))
        return dump(data, [f"Imported from {p.name} by cjmrender"]), data
    raise UserError(Problem(str(p), 0, 0, f"cannot import '{suffix}' files; use .mmd, .mermaid, .csv or .xlsx"))


def load_imported(yaml_text: str, data: dict, name: str, base_dir: str | None) -> Journey:
    """Load an imported map; problems found only after import are still reported against the source file."""
    from ..spec.loader import load_text

    if not (data.get("stages") or data.get("phases")):
        raise UserError(Problem(name, 1, 1, "nothing to draw: no sections and no tasks"))
    try:
        return load_text(yaml_text, name, base_dir=base_dir)
    except UserError as exc:  # the importers check the limits first, so this is rare
        raise UserError([Problem(name, 0, 0, f"imported map: {p.message}") for p in exc.problems]) from None


def load_any(source: str | os.PathLike[str]) -> Journey:
    """Load a map from a YAML file, or import a Mermaid or spreadsheet file and load the result."""
    if not is_foreign(source):
        from ..spec.loader import load_spec

        return load_spec(source)
    text, data = import_file(source)
    return load_imported(text, data, str(source), str(Path(source).resolve().parent))


EXPORT_FORMATS = ("mermaid", "csv", "xlsx")


def export(journey: Journey, fmt: str) -> bytes:
    """A loaded map in another format (the bytes of the file)."""
    if fmt == "mermaid":
        from .mermaid import to_mermaid

        return to_mermaid(journey).encode()
    if fmt == "csv":
        from .sheets import write_csv

        return write_csv(journey)
    if fmt == "xlsx":
        from .sheets import write_xlsx

        return write_xlsx(journey)
    raise UserError(Problem("--format", 0, 0, f"unknown format '{fmt}'"))


def is_mermaid_journey(text: str) -> bool:
    """Whether Mermaid text is a ``journey`` diagram (Mermaid's own detection; other diagrams are not)."""
    from .mermaid_parse import is_journey

    return is_journey(text)


def load_mermaid_text(text: str, name: str, base_dir: str | None, line: int = 0, col: int = 0) -> Journey:
    """A Mermaid journey embedded in a page, its problems located in the page (``line``/``col``: offsets)."""
    from .mermaid import import_mermaid

    try:
        yaml_text, data, _ = import_mermaid(text, name)
    except UserError as exc:
        raise exc.shifted(line, col) from None
    return load_imported(yaml_text, data, name, base_dir)
