"""CSV and XLSX files <-> the journey-map grid.

CSV uses the standard library.  XLSX uses openpyxl, imported only here and
only when a spreadsheet is read or written, so the YAML -> SVG path never
pays for it.  Cells are data, never code: formulas are not evaluated (a cell
holding one is read as its text), and cells written that a spreadsheet would
take for a formula get a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Problem, UserError
from .grid import read_grid

if TYPE_CHECKING:
    from ..spec.journey import Journey

MAX_CELLS = 200_000
"""Most cells read from one sheet (a 1000-column map with 20 lanes is ~25,000)."""
_FORMULA_LIKE = re.compile(r"[=+@]|-(?![\d.])")


def _safe(text: str) -> str:
    return f"'{text}" if _FORMULA_LIKE.match(text) else text


def read_csv(text: str, name: str) -> dict[str, Any]:
    rows: list[list[str]] = []
    lines: list[int] = []  # the line each record starts on
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    try:
        for row in reader:
            rows.append(row)
            lines.append(start)
            start = reader.line_num + 1
            if sum(map(len, rows)) > MAX_CELLS:
                raise UserError(Problem(name, lines[-1], 1, f"more than {MAX_CELLS:,} cells"))
    except csv.Error as exc:
        raise UserError(Problem(name, start, 1, f"not valid CSV: {exc}")) from None

    def where(r: int, c: int) -> Problem:
        return Problem(name, lines[r] if r < len(lines) else max(1, start - 1), c + 1, "")

    return read_grid(rows, where, Path(name).stem)


def write_csv(j: Journey) -> bytes:
    from .grid_out import journey_rows

    out = io.StringIO(newline="")
    writer = csv.writer(out)
    for row in journey_rows(j):
        writer.writerow([_safe(c) for c in row])
    return out.getvalue().encode("utf-8-sig")  # the BOM tells Excel the file is UTF-8


MAX_XLSX_BYTES = 4 * 1024 * 1024
"""Largest .xlsx file read (compressed)."""
MAX_UNZIPPED = 64 * 1024 * 1024
"""Most bytes all parts of an .xlsx may expand to: a zip bomb stops here, before any XML is parsed."""
MAX_ROWS = 5_000
"""Most rows read from the sheet."""


def _check_zip(raw: bytes, name: str) -> None:
    import zipfile

    if len(raw) > MAX_XLSX_BYTES:
        raise UserError(Problem(name, 0, 0, f"file is {len(raw):,} bytes; the limit is {MAX_XLSX_BYTES:,} bytes"))
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UserError(Problem(name, 0, 0, f"not an .xlsx workbook (not a zip archive: {exc})")) from None
    total = sum(i.file_size for i in infos)
    if len(infos) > 2_000 or total > MAX_UNZIPPED:
        raise UserError(Problem(name, 0, 0, f"the workbook expands to {total:,} bytes in {len(infos):,} parts; "
                                f"the limit is {MAX_UNZIPPED:,} bytes"))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def read_xlsx(raw: bytes, name: str) -> dict[str, Any]:
    """The first sheet of a workbook -> map data.  Formulas are never evaluated: a cell gives its saved value."""
    _check_zip(raw, name)
    try:
        import openpyxl
        from openpyxl.utils import get_column_letter
    except ImportError:
        raise UserError(Problem(name, 0, 0, "reading .xlsx needs openpyxl: pip install 'cjmrender[xlsx]'")) from None
    try:
        wb = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True, keep_links=False)
        ws = wb.worksheets[0]
        title = ws.title
        rows: list[list[str]] = []
        for row in ws.iter_rows(max_row=MAX_ROWS + 1, max_col=1002, values_only=True):
            rows.append([_text(v) for v in row])
        wb.close()
    except UserError:
        raise
    except Exception as exc:  # openpyxl raises many types for damaged files; none of them is our bug
        raise UserError(Problem(name, 0, 0, f"cannot read the workbook: {type(exc).__name__}: {exc}")) from None
    if len(rows) > MAX_ROWS:
        raise UserError(Problem(f"{name}:{title}!A{MAX_ROWS + 1}", 0, 0, f"more than {MAX_ROWS:,} rows"))
    while rows and not any(rows[-1]):
        rows.pop()
    for row in rows:
        while row and not row[-1]:
            row.pop()

    def where(r: int, c: int) -> Problem:
        return Problem(f"{name}:{title}!{get_column_letter(c + 1)}{r + 1}", 0, 0, "")

    return read_grid(rows, where, Path(name).stem)


def write_xlsx(j: Journey) -> bytes:
    """The grid as a workbook: labels bold, items wrapped, panes frozen at the first stage."""
    try:
        import openpyxl
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter
    except ImportError:
        raise UserError(Problem("-f xlsx", 0, 0, "writing .xlsx needs openpyxl: pip install 'cjmrender[xlsx]'")) from None
    from ..stable import stable_zip, stamp
    from .grid_out import journey_rows

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Journey map"
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    stage_row = None
    for r, row in enumerate(journey_rows(j), start=1):
        if row[:1] == ["Stage"]:
            stage_row = r
        for c, text in enumerate(row, start=1):
            if not text:
                continue
            cell = ws.cell(row=r, column=c)
            cell.value = text
            cell.data_type = "s"  # text, even when it starts with '=' (never a formula)
            cell.alignment = wrap
            if c == 1 or row[:1] in (["Phase"], ["Stage"], ["Step"]):
                cell.font = bold
    ws.column_dimensions["A"].width = 22
    for c in range(2, len(j.columns) + 2):
        ws.column_dimensions[get_column_letter(c)].width = 28
    if stage_row:
        ws.freeze_panes = ws.cell(row=stage_row + 1, column=2)
    when = stamp(j.date)
    wb.properties.creator = j.author or "cjmrender"
    wb.properties.title = j.title
    wb.properties.created = wb.properties.modified = when.replace(tzinfo=None)
    out = io.BytesIO()
    wb.save(out)
    return stable_zip(out.getvalue(), when)
