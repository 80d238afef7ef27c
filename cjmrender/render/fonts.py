"""Font embedding and text outlines for the SVG renderer (both opt-in, both fontTools).

- ``--embed-fonts``: the bundled Arimo, subset to the characters the map
  uses, as WOFF2 ``@font-face`` data URIs, so the SVG looks the same on a
  machine with none of the declared fonts.
- ``--text-to-paths``: every line as glyph outlines, for tools that mangle
  SVG text.  Advances come from the same ``hmtx`` table the measurer reads,
  so outlined lines have exactly the widths layout planned for.
"""

from __future__ import annotations

import base64
import io
import unicodedata
from functools import lru_cache
from typing import Iterable

from ..resources import ARIMO_FILES, font_path


@lru_cache(maxsize=2)
def _font(bold: bool):  # noqa: ANN202 - fontTools.ttLib.TTFont, imported lazily
    from fontTools.ttLib import TTFont

    return TTFont(str(font_path(ARIMO_FILES[bold])), lazy=True)


def font_face_css(texts: Iterable[tuple[str, bool]]) -> str:
    """``@font-face`` rules for the regular and bold characters in ``texts``."""
    from fontTools import subset

    chars: dict[bool, set[str]] = {False: set(" "), True: set(" ")}
    for text, bold in texts:
        chars[bold].update(unicodedata.normalize("NFC", text))
    rules = []
    for bold in (False, True):
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        from fontTools.ttLib import TTFont

        font = TTFont(str(font_path(ARIMO_FILES[bold])), recalcTimestamp=False)  # same input, same bytes
        sub = subset.Subsetter(options)
        sub.populate(text="".join(sorted(chars[bold])))
        sub.subset(font)
        buf = io.BytesIO()
        font.flavor = "woff2"
        font.save(buf)
        data = base64.b64encode(buf.getvalue()).decode("ascii")
        weight = "bold" if bold else "normal"
        rules.append(f"@font-face{{font-family:'Arimo';font-weight:{weight};font-style:normal;"
                     f"src:url(data:font/woff2;base64,{data}) format('woff2')}}")
    return "\n".join(rules)


def glyph_run(text: str, x: float, size: float, bold: bool, anchor: str) -> list[tuple[str, float]] | None:
    """(glyph name, x) for each glyph of one line; None when the font lacks a character."""
    font = _font(bold)
    cmap = font.getBestCmap()
    hmtx = font["hmtx"].metrics
    scale = size / font["head"].unitsPerEm
    names = []
    for ch in unicodedata.normalize("NFC", text):
        name = cmap.get(ord(ch))
        if name is None:
            if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\ufe0f":
                continue
            return None
        names.append(name)
    width = sum(hmtx[n][0] for n in names) * scale
    cursor = x - (width / 2 if anchor == "middle" else width if anchor == "end" else 0.0)
    out = []
    for name in names:
        out.append((name, cursor))
        cursor += hmtx[name][0] * scale
    return out


def glyph_path(name: str, bold: bool, fmt) -> str:  # noqa: ANN001 - fmt is the renderer's number formatter
    """Outline of one glyph in font units (y up), drawn once and reused."""
    from fontTools.pens.svgPathPen import SVGPathPen

    font = _font(bold)
    pen = SVGPathPen(font.getGlyphSet(), ntos=fmt)
    font.getGlyphSet()[name].draw(pen)
    return pen.getCommands()


def units_per_em(bold: bool) -> int:
    return int(_font(bold)["head"].unitsPerEm)
