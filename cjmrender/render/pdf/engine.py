"""WeasyPrint, imported fast and run with our fetcher, with a faster SVG text path scoped to one render.

``import weasyprint`` costs more than a whole SVG render, so it happens here
and only for PDF output.  Two speed-ups live side by side, each undone
after use so other WeasyPrint users in the same process (a Sphinx or MkDocs
build) see WeasyPrint's own code:

- :func:`_fast_library_lookup` answers cffi's shared-library searches from
  one ``ldconfig -p`` during the import, restored in ``finally``;
- :func:`fast_svg_text` lays out each SVG text run once instead of once per
  character, installed for one :func:`write_pdf` call and restored in
  ``finally``; only on the WeasyPrint versions it was verified on, and off
  with ``CJMRENDER_FAST_SVG_TEXT=0``.
"""

from __future__ import annotations

import logging
import math
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .fetch import FetchPolicy, weasy_fetcher

FAST_TEXT_VERSIONS = frozenset({"70"})
"""WeasyPrint major versions whose SVG text internals :func:`fast_svg_text` was verified on (tests/render/test_pdf_engine.py)."""

FAST_TEXT_ENV = "CJMRENDER_FAST_SVG_TEXT"
"""Set to ``0`` to draw SVG text with WeasyPrint's own code."""

_PER_GLYPH = frozenset({"dx", "dy", "rotate", "textLength", "lengthAdjust", "letter-spacing", "display-anchor",
                        "dominant-baseline", "alignment-baseline", "direction"})


@contextmanager
def _fast_library_lookup() -> Iterator[None]:
    """Make ``import weasyprint`` skip ~20 slow shared-library searches on Linux.

    WeasyPrint tries several library names per platform; for each miss cffi
    calls ``ctypes.util.find_library``, which on Linux spawns ``ldconfig`` and
    ``gcc``.  That alone costs ~0.4 s of the 1.2 s PDF budget.  One
    ``ldconfig -p`` answers all of them; the real function is restored after
    the import.
    """
    if not sys.platform.startswith("linux") or "weasyprint" in sys.modules:
        yield
        return
    import ctypes.util
    import subprocess

    index: dict[str, str] = {}
    for exe in ("ldconfig", "/sbin/ldconfig", "/usr/sbin/ldconfig"):
        try:
            out = subprocess.run([exe, "-p"], capture_output=True, text=True, timeout=5,
                                 env={**os.environ, "LC_ALL": "C"}).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        for line in out.splitlines()[1:]:
            soname = line.strip().split(" ", 1)[0]
            stem = soname.split(".so", 1)[0]
            if stem.startswith("lib") and ".so" in soname:
                index.setdefault(stem[3:], soname)
        break
    if not index:
        yield
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = lambda name: index.get(name)
    try:
        yield
    finally:
        ctypes.util.find_library = original


def import_weasyprint() -> Any:
    """``weasyprint``, imported fast when possible and normally when the fast path fails."""
    if "weasyprint" in sys.modules:
        return sys.modules["weasyprint"]
    try:
        with _fast_library_lookup():
            import weasyprint
    except OSError:
        for mod in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
            del sys.modules[mod]
        import weasyprint
    return weasyprint


def fast_text_wanted(weasyprint: Any) -> bool:
    """Whether :func:`fast_svg_text` applies: a verified WeasyPrint and not switched off."""
    if os.environ.get(FAST_TEXT_ENV, "1").strip().lower() in ("0", "false", "no", "off"):
        return False
    return str(getattr(weasyprint, "__version__", "")).split(".")[0] in FAST_TEXT_VERSIONS


@contextmanager
def fast_svg_text(weasyprint: Any) -> Iterator[bool]:
    """Let WeasyPrint lay out each SVG text run once instead of once per character, for this block only.

    WeasyPrint's SVG ``<text>`` support shapes and draws every character on
    its own (so per-glyph ``x``/``dx``/``rotate`` lists work); for a map that
    is ~2,500 Pango layouts and ~0.5 s, most of the PDF budget.  Our SVG never
    positions single glyphs, so runs with one ``x``/``y`` and none of the
    per-glyph attributes are shaped as a whole (which also adds kerning and
    keeps clusters together); anything else goes to WeasyPrint's own code.
    Yields whether the fast path is installed; WeasyPrint's own function is
    back in place when the block ends, whatever happened inside it.
    """
    if not fast_text_wanted(weasyprint):
        yield False
        return
    try:
        import weasyprint.svg  # noqa: F401 - loads weasyprint.svg.text too

        svg_pkg = sys.modules["weasyprint.svg"]
        svg_text = sys.modules["weasyprint.svg.text"]  # the package's ``text`` attribute is the function
        from weasyprint.css.properties import INITIAL_VALUES
        from weasyprint.draw.text import draw_emojis, draw_first_line
        from weasyprint.matrix import Matrix
        from weasyprint.svg.bounding_box import extend_bounding_box
        from weasyprint.svg.utils import normalize, size
        from weasyprint.text.line_break import split_first_line
        original = svg_text.text
        tags = svg_pkg.TAGS
        style_cls, box_cls = svg_text.Style, svg_text.TextBox
    except (ImportError, AttributeError, KeyError):  # internals moved: keep WeasyPrint's own code
        yield False
        return
    if tags.get("text") is not original or getattr(svg_pkg, "text", None) is not original:
        yield False  # someone else's patch is in place: leave it alone
        return

    def fast_text(svg: Any, node: Any, font_size: float) -> None:
        attrib = node.attrib
        xs = normalize(attrib.get("x", "")).split()
        ys = normalize(attrib.get("y", "")).split()
        if not node.text or len(xs) > 1 or len(ys) > 1 or not _PER_GLYPH.isdisjoint(attrib):
            return original(svg, node, font_size)
        style = style_cls()
        style.update(INITIAL_VALUES)
        style.font_config = svg.font_config
        style["font_family"] = [f.strip("\"' ") for f in node.get("font-family", "sans-serif").split(",")]
        style["font_style"] = node.get("font-style", "normal")
        weight = node.get("font-weight", 400)
        style["font_weight"] = {"normal": 400, "bold": 700}.get(weight, weight)
        try:
            style["font_weight"] = int(style["font_weight"])
        except ValueError:
            style["font_weight"] = 400
        style["font_size"] = font_size
        layout, _, _, width, height, baseline = split_first_line(node.text, style, svg.context, math.inf, 0)
        if xs:
            svg.cursor_d_position[0] = 0
        if ys:
            svg.cursor_d_position[1] = 0
        x = size(xs[0], font_size, svg.inner_width) if xs else svg.cursor_position[0]
        y = size(ys[0], font_size, svg.inner_height) if ys else svg.cursor_position[1]
        svg.cursor_position = x + width, y
        px, py = x + svg.cursor_d_position[0], y + svg.cursor_d_position[1]
        node.text_bounding_box = extend_bounding_box(
            node.text_bounding_box, ((px, py - baseline), (px + width, py - baseline + height)))
        svg.stream.push_state()
        fill, stroke = svg.set_graphical_state(node, font_size)
        svg.stream.begin_text()
        layout.reactivate(style)
        svg.fill_stroke(fill, stroke, text=True)
        box = box_cls(layout, style)
        box.baseline = baseline
        emojis = draw_first_line(svg.stream, box, "none", "none", Matrix(d=-1, e=px, f=py))
        svg.stream.end_text()
        svg.stream.pop_state()
        draw_emojis(svg.stream, style, x, y, emojis)

    patched = [tag for tag, fn in tags.items() if fn is original]
    for tag in patched:
        tags[tag] = fast_text
    svg_pkg.text = fast_text  # draw_node compares TAGS entries against this name
    try:
        yield True
    finally:
        for tag in patched:
            tags[tag] = original
        svg_pkg.text = original


class _Collect(logging.Handler):
    """Keeps WeasyPrint's warnings and errors, so a render can report them or fail on them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def write_pdf(html: str, base_url: str, policy: FetchPolicy) -> tuple[bytes, list[logging.LogRecord]]:
    """PDF bytes for ``html``, reading only what ``policy`` allows, and what WeasyPrint logged meanwhile."""
    weasyprint = import_weasyprint()
    collect = _Collect()
    log = logging.getLogger("weasyprint")
    log.addHandler(collect)
    try:
        with fast_svg_text(weasyprint):
            doc = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=weasy_fetcher(policy))
            pdf: bytes = doc.write_pdf()  # no dcterms dates in the HTML and no /ID: same input, same bytes
    finally:
        log.removeHandler(collect)
    return pdf, collect.records
