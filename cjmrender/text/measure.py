"""Text measurement: advance widths and vertical metrics behind one Protocol.

The default measurer uses the metrics of the bundled Arimo Regular/Bold, the
same fonts the SVG declares first, so a label measured here takes the same
room in a browser.  Widths are per-character advance sums, without kerning
or shaping, so they are additive (``width(a + b) == width(a) + width(b)`` up
to float rounding), which the line breaker relies on.  Browsers do apply
Arimo's GPOS kerning, but for Latin and Vietnamese every pair it holds
narrows the text except ``f’`` and ``r’`` (+37 and +76 of 2048 units, under
0.04 em), so these sums are an upper bound for fitting, give or take that.
Its only default substitutions (``ccmp``, ``locl``) do not change advances
of NFC text.

Cold start matters (the whole CLI has 150 ms), and importing fontTools plus
reading ``cmap``/``hmtx`` costs 40 ms or more.  So the advances are read once
from the TTF files by :func:`build_metrics_table` into
``cjmrender/fonts/arimo-metrics.json`` (about 2 ms to load), and a test
rebuilds that table from the TTFs and requires it to be identical.

Vertical metrics: browsers on Linux (Chromium through Skia/FreeType, Firefox)
take ascent/descent from ``hhea`` unless the OS/2 ``USE_TYPO_METRICS`` flag is
set; Windows uses ``usWinAscent``/``usWinDescent``.  Arimo does not set the
flag and its ``hhea`` and ``usWin`` values are equal (1854/434 of 2048), so
every renderer agrees.  The line gap is not part of the glyph cell: the
theme's line height decides the line box.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Protocol

import msgspec

from ..resources import ARIMO_FILES, font_path
from .chars import category, is_ignorable, is_wide, is_zero_width, nfc

REGULAR_FILE = ARIMO_FILES[False]
BOLD_FILE = ARIMO_FILES[True]
METRICS_FILE = "arimo-metrics.json"
TABLE_FORMAT = 1

FALLBACK_EM = 0.6
"""Advance (in em) assumed for a character the font lacks that is not East Asian wide."""
WIDE_EM = 1.0
"""Advance (in em) assumed for East Asian Wide/Fullwidth characters the font lacks (CJK, emoji)."""

_CACHE_MAX = 1 << 16
_RUN_CHUNK = 16


class TextMeasurer(Protocol):
    """What layout needs to know about text.  Sizes and results are in px."""

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """Advance width of one line of ``text`` at font-size ``size``."""
        ...

    def ascent(self, size: float) -> float:
        """Distance from the baseline up to the top of the glyph cell (positive)."""
        ...

    def descent(self, size: float) -> float:
        """Distance from the baseline down to the bottom of the glyph cell (positive)."""
        ...

    def missing(self, text: str) -> str:
        """Characters of ``text`` the primary font lacks, sorted and unique (whitespace and controls excluded)."""
        ...


class FaceMetrics(msgspec.Struct, frozen=True):
    """Horizontal and vertical metrics of one font face, in font units.

    ``advances`` maps code points (the font's cmap) to advance widths; it is
    shared by every measurer built on it and must not be changed.
    """

    units_per_em: int
    ascent: int
    descent: int
    advances: dict[int, int]


def metrics_path() -> Path:
    return font_path(METRICS_FILE)


class FontMeasurer:
    """:class:`TextMeasurer` from a regular and a bold face's own advance widths.

    The metrics table is read on first use, not at construction, so creating
    a measurer is free.  Widths are memoised per string in em (so one entry
    serves every font size); the memo is bounded and simply cleared when
    full, which is cheaper than LRU bookkeeping for the few thousand
    distinct labels a batch of maps holds.
    """

    __slots__ = ("_faces", "_memo", "_table")

    def __init__(self, table: Path | None = None) -> None:
        self._table = table
        self._faces: tuple[FaceMetrics, FaceMetrics] | None = None
        self._memo: tuple[dict[str, float], dict[str, float]] = ({}, {})

    @classmethod
    def from_faces(cls, regular: FaceMetrics, bold: FaceMetrics) -> FontMeasurer:
        """A measurer for other fonts, e.g. ``from_faces(face_metrics(r), face_metrics(b))``."""
        m = cls()
        m._faces = (regular, bold)
        return m

    @property
    def faces(self) -> tuple[FaceMetrics, FaceMetrics]:
        """(regular, bold) metrics, loaded on first use."""
        return self._load()

    def _load(self) -> tuple[FaceMetrics, FaceMetrics]:
        faces = self._faces
        if faces is None:
            faces = self._faces = load_metrics_table(self._table or metrics_path())
        return faces

    def width(self, text: str, size: float, bold: bool = False) -> float:
        memo = self._memo[1 if bold else 0]
        em = memo.get(text)
        if em is None:
            em = self._em(text, self._load()[1 if bold else 0])
            if len(memo) >= _CACHE_MAX:
                memo.clear()
            memo[text] = em
        return em * size

    def ascent(self, size: float) -> float:
        face = self._load()[0]
        return face.ascent * size / face.units_per_em

    def descent(self, size: float) -> float:
        face = self._load()[0]
        return face.descent * size / face.units_per_em

    def missing(self, text: str) -> str:
        advances = self._load()[0].advances
        lacking = {ch for ch in nfc(text) if ord(ch) not in advances and not ch.isspace()
                   and category(ch) not in ("Cc", "Cs") and not is_ignorable(ch)}
        return "".join(sorted(lacking))

    @staticmethod
    def _em(text: str, face: FaceMetrics) -> float:
        adv = face.advances
        if text.isascii() and text.isprintable():
            try:
                return sum(map(adv.__getitem__, text.encode())) / face.units_per_em
            except KeyError:
                pass
        total = 0.0
        for ch in nfc(text):
            if category(ch) == "Cc" and ch.isspace():
                ch = " "  # tabs and newlines: SVG's whitespace handling turns them into spaces
            elif is_zero_width(ch):
                continue  # marks, and ignorables such as U+00AD which Arimo maps to a visible glyph
            units = adv.get(ord(ch))
            if units is None:
                total += face.units_per_em * (WIDE_EM if is_wide(ch) else FALLBACK_EM)
            else:
                total += units
        return total / face.units_per_em


class MonoMeasurer:
    """Font-free measurer for tests: every character 0.6 em, East Asian wide ones 1.0 em.

    Combining marks and ignorables are zero wide; ascent is 0.8 em, descent
    0.2 em.  Widths are counted in tenths of an em, so at integer sizes they
    are exact (``width("abc", 10) == 18.0``).  It claims to have every
    character, so :meth:`missing` is always empty.
    """

    __slots__ = ()

    def width(self, text: str, size: float, bold: bool = False) -> float:
        if text.isascii() and text.isprintable():
            return len(text) * 6 * size / 10
        tenths = 0
        for ch in nfc(text):
            if is_wide(ch):
                tenths += 10
            elif ch.isspace() or not is_zero_width(ch):
                tenths += 6
        return tenths * size / 10

    def ascent(self, size: float) -> float:
        return 0.8 * size

    def descent(self, size: float) -> float:
        return 0.2 * size

    def missing(self, text: str) -> str:
        return ""


@cache
def default_measurer() -> FontMeasurer:
    """The process-wide Arimo measurer (its data never changes once loaded, so sharing it is safe)."""
    return FontMeasurer()


# --- the committed metrics table -------------------------------------------------------------


def face_metrics(path: Path) -> FaceMetrics:
    """Read a TTF/OTF with fontTools (slow: 40 ms or more cold; the bundled fonts use the prebuilt table)."""
    return _face_from_entry(_face_entry(path))


def _face_entry(path: Path) -> dict[str, Any]:
    import hashlib

    from fontTools.ttLib import TTFont  # only here: importing fontTools costs ~35 ms

    font = TTFont(path, lazy=True)
    try:
        cmap = font.getBestCmap()
        hmtx = font["hmtx"].metrics
        os2 = font["OS/2"]
        if os2.fsSelection & (1 << 7):  # USE_TYPO_METRICS
            source, asc, desc, gap = "OS/2 typo", os2.sTypoAscender, -os2.sTypoDescender, os2.sTypoLineGap
        else:
            hhea = font["hhea"]
            source, asc, desc, gap = "hhea", hhea.ascent, -hhea.descent, hhea.lineGap
        advances = {cp: hmtx[glyph][0] for cp, glyph in cmap.items()}
        return {
            "file": path.name,
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "version": font["name"].getDebugName(5),
            "units_per_em": font["head"].unitsPerEm,
            "vertical_metrics": source,
            "ascent": asc,
            "descent": desc,
            "line_gap": gap,
            "advances": _runs(advances),
        }
    finally:
        font.close()


def _runs(advances: dict[int, int]) -> list[list[int]]:
    """``[first_code_point, advance, advance, ...]`` for consecutive code points, at most 16 advances each."""
    runs: list[list[int]] = []
    for cp in sorted(advances):
        last = runs[-1] if runs else None
        if last is not None and last[0] + len(last) - 1 == cp and len(last) <= _RUN_CHUNK:
            last.append(advances[cp])
        else:
            runs.append([cp, advances[cp]])
    return runs


def _face_from_entry(entry: dict[str, Any]) -> FaceMetrics:
    advances: dict[int, int] = {}
    for run in entry["advances"]:
        advances.update(zip(range(run[0], run[0] + len(run) - 1), run[1:]))
    return FaceMetrics(entry["units_per_em"], entry["ascent"], entry["descent"], advances)


def build_metrics_table(regular: Path | None = None, bold: Path | None = None) -> dict[str, Any]:
    """The metrics table (JSON-ready) of the bundled Arimo TTFs, or of the two fonts given."""
    return {
        "format": TABLE_FORMAT,
        "about": "Advance widths (font units, by code point) and vertical metrics read from the TTF files "
                 "named below by cjmrender.text.measure.build_metrics_table(); regenerate, do not edit: "
                 "python -m cjmrender.text",
        "regular": _face_entry(regular or font_path(REGULAR_FILE)),
        "bold": _face_entry(bold or font_path(BOLD_FILE)),
    }


def dump_metrics_table(table: dict[str, Any]) -> str:
    """Stable, diff-friendly JSON: one run of advances per line."""
    import json

    parts = ["{\n"]
    items = list(table.items())
    for i, (key, value) in enumerate(items):
        parts.append(f"  {json.dumps(key)}: ")
        if isinstance(value, dict):
            parts.append("{\n")
            fields = list(value.items())
            for j, (k, v) in enumerate(fields):
                if k == "advances":
                    rows = ",\n".join("      " + json.dumps(run, separators=(",", ":")) for run in v)
                    parts.append(f"    {json.dumps(k)}: [\n{rows}\n    ]")
                else:
                    parts.append(f"    {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}")
                parts.append(",\n" if j < len(fields) - 1 else "\n")
            parts.append("  }")
        else:
            parts.append(json.dumps(value, ensure_ascii=False))
        parts.append(",\n" if i < len(items) - 1 else "\n")
    parts.append("}\n")
    return "".join(parts)


def load_metrics_table(path: Path) -> tuple[FaceMetrics, FaceMetrics]:
    """(regular, bold) metrics from a table written by :func:`dump_metrics_table`."""
    # msgspec rather than stdlib json: already imported by the spec loader, and json would add ~3 ms
    table = msgspec.json.decode(path.read_bytes())
    if table.get("format") != TABLE_FORMAT:
        raise ValueError(f"{path}: unsupported metrics table format {table.get('format')!r}")
    return _face_from_entry(table["regular"]), _face_from_entry(table["bold"])


def write_metrics_table(path: Path | None = None) -> Path:
    """Regenerate the committed table from the bundled TTFs."""
    target = path or metrics_path()
    target.write_text(dump_metrics_table(build_metrics_table()), encoding="utf-8")
    return target
