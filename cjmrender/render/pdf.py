"""Journey + Diagram -> print-ready PDF through a Jinja2 HTML template and WeasyPrint.

The map itself is the SVG from :mod:`.svg`, embedded in the HTML, so it stays
vector and its text stays text.  This module decides only what the SVG cannot:
paper, scale, tiling, the template's view of the journey, and what WeasyPrint
may read.  WeasyPrint and Jinja2 are imported inside the functions that need
them: ``import weasyprint`` costs more than a whole SVG render, and the SVG
path must never pay for it.

Sections: paper and scale (pure), URL policy, WeasyPrint import and SVG-text
speed-ups, the templates' view of the journey, and :func:`render_pdf`.

Safety: every URL WeasyPrint asks for goes through :class:`FetchPolicy` (no
network, ``data:`` and local files under the spec's folder or the package
only), labels reach the HTML autoescaped, and the SVG is already escaped XML.
"""

from __future__ import annotations

import logging
import math
import mimetypes
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from .. import __version__
from ..channels import channel_label
from ..errors import Problem, UserError
from ..i18n import STRINGS
from ..layout.emotion import FACE_LEVELS, fmt_score
from ..layout.model import Diagram
from ..resources import data_dir, font_path
from ..spec.journey import EmotionPoint, Journey, LaneDef, Scale
from ..theme import Theme
from .svg import fmt, render_svg

if TYPE_CHECKING:  # pragma: no cover - typing only; the real imports are lazy
    import jinja2

    from ..pipeline import RenderOptions

PX_PER_MM = 96 / 25.4
"""CSS reference pixels per millimetre: layout works in CSS px (96 per inch)."""

PT_PER_PX = 0.75
MIN_BODY_PT = 6.0
"""Below this a printed label is unreadable at arm's length; the poster refuses rather than print it."""

OVERLAP_MM = 10.0
"""Minimum strip two neighbouring tiles share, so they can be glued without a gap."""

MARK_BAND_MM = 8.0
"""Room kept round a tile's window for crop and assembly marks."""

PAPERS_MM: dict[str, tuple[float, float]] = {
    "A4": (210, 297), "A3": (297, 420), "A2": (420, 594), "A1": (594, 841), "A0": (841, 1189),
    "Letter": (215.9, 279.4), "Tabloid": (279.4, 431.8),
}
"""Portrait width x height in millimetres."""

BUILTIN_TEMPLATES = ("poster", "report")

SYSTEM_FONT_DIR = Path("/usr/share/fonts/truetype/croscore")
"""Debian's ``fonts-croscore``: the fallback when the package's own copy of Arimo is missing."""

FONT_FILES: tuple[tuple[int, str], ...] = ((400, "Arimo-Regular.ttf"), (700, "Arimo-Bold.ttf"))

_EXTRA: dict[str, dict[str, str]] = {
    "en": {
        "map": "Journey map", "glance": "At a glance", "version": "Version", "scenario": "Scenario",
        "stage.n": "Stage {n} of {total}", "behaviors": "Behaviour", "interests": "Interests",
        "channel": "Channel", "touchpoint": "Touchpoint", "metric": "Metric", "value": "Value",
        "benchmark": "Benchmark", "status": "Status", "below": "Below benchmark", "ok": "On target",
        "survey": "n = {n}", "spread": "spread ± {s}", "source": "Source", "page.of": "Page {page} of {pages}",
        "tile.label": "Sheet {name} ({n} of {total})",
        "tile.cut": "Trim along these marks and lay over sheet {name}",
        "tile.align": "Sheet {name} overlaps up to these marks",
        "nothing": "Nothing recorded for this stage.",
        "fact.role": "Role", "fact.age": "Age", "fact.gender": "Gender", "fact.location": "Location",
        "fact.job": "Job", "fact.education": "Education", "fact.income": "Income",
    },
    "vi": {
        "map": "Bản đồ hành trình", "glance": "Tổng quan", "version": "Phiên bản", "scenario": "Kịch bản",
        "stage.n": "Giai đoạn {n}/{total}", "behaviors": "Hành vi", "interests": "Sở thích",
        "channel": "Kênh", "touchpoint": "Điểm chạm", "metric": "Chỉ số", "value": "Giá trị",
        "benchmark": "Mức chuẩn", "status": "Đánh giá", "below": "Dưới mức chuẩn", "ok": "Đạt chuẩn",
        "survey": "n = {n}", "spread": "độ lệch ± {s}", "source": "Nguồn",
        "page.of": "Trang {page}/{pages}",
        "tile.label": "Tờ {name} ({n}/{total})",
        "tile.cut": "Cắt theo các dấu này rồi đặt chồng lên tờ {name}",
        "tile.align": "Tờ {name} chồng lên đến các dấu này",
        "nothing": "Giai đoạn này chưa có dữ liệu.",
        "fact.role": "Vai trò", "fact.age": "Tuổi", "fact.gender": "Giới tính", "fact.location": "Nơi sống",
        "fact.job": "Nghề nghiệp", "fact.education": "Học vấn", "fact.income": "Thu nhập",
    },
}
"""Words only the PDF templates use; :mod:`cjmrender.i18n` holds the ones the map shares."""


def text(locale: str, key: str, **values: object) -> str:
    """Localised template text: the shared i18n table first, then this module's own words."""
    for table in (STRINGS, _EXTRA):
        for loc in (locale, "en"):
            found = table.get(loc, {}).get(key)
            if found is not None:
                return found.format(**values) if values else found
    raise KeyError(f"no text for '{key}'")


# --------------------------------------------------------------------------- paper and scale


@dataclass(frozen=True, slots=True)
class Page:
    """One paper size in CSS px, with the margins that hold header and footer."""

    label: str  # "A3 landscape" or "auto", for messages
    width: float
    height: float
    margin_top: float
    margin_side: float
    margin_bottom: float
    type_scale: float  # footer/header text grows with the paper so a wall poster's footer stays readable
    footer: float  # height kept under the map for the poster's footer line (0 when the margins hold it)

    @property
    def content_width(self) -> float:
        return self.width - 2 * self.margin_side

    @property
    def content_height(self) -> float:
        return self.height - self.margin_top - self.margin_bottom

    @property
    def map_height(self) -> float:
        """Height left for the map once the footer line is set aside."""
        return self.content_height - self.footer


def paper(name: str, orientation: str, report: bool = False,
          map_size: tuple[float, float] | None = None) -> Page:
    """The page for ``--page``/``--orientation``; ``auto`` is the map's own size at 96 px/in plus margins.

    ``report`` pages keep margins for a running header and page numbers.
    """
    key = next((k for k in PAPERS_MM if k.lower() == name.strip().lower()), None)
    if name.strip().lower() == "auto":
        if map_size is None:
            raise ValueError("auto paper needs the map size")
        top, side, bottom, foot = _margins(1.0, report)
        w, h = map_size  # without the SVG's own margin
        return Page("auto", w + 2 * side, h + top + bottom + foot, top, side, bottom, 1.0, foot)
    if key is None:
        raise UserError(Problem("--page", 0, 0, f"unknown paper '{name}'; use {', '.join(PAPERS_MM)} or auto"))
    if orientation not in ("landscape", "portrait"):
        raise UserError(Problem("--orientation", 0, 0, "orientation must be landscape or portrait"))
    short, long_ = sorted(PAPERS_MM[key])
    w, h = (long_, short) if orientation == "landscape" else (short, long_)
    k = max(1.0, math.sqrt(short / 210))
    top, side, bottom, foot = _margins(k, report)
    return Page(f"{key} {orientation}", w * PX_PER_MM, h * PX_PER_MM, top, side, bottom, k, foot)


def default_orientation(diagram: Diagram) -> str:
    """Landscape, except for a wheel taller than it is wide: a round map fills a portrait page better."""
    tall = diagram.height > diagram.width and "journey-wheel" in diagram.root.cls.split()
    return "portrait" if tall else "landscape"


def _margins(k: float, report: bool) -> tuple[float, float, float, float]:
    """Top, side, bottom margins and footer room in px.

    A report's running header and page numbers live in the page margins; the
    poster's footer sits just under the map instead, aligned with its edges,
    so a map narrower than the paper does not float away from its caption.
    """
    mm = k * PX_PER_MM
    if report:
        return 18 * mm, 12 * mm, 16 * mm, 0.0
    return 10 * mm, 10 * mm, 10 * mm, 10 * mm


@dataclass(frozen=True, slots=True)
class Tile:
    """One sheet's window onto the scaled map (all lengths in CSS px on paper)."""

    row: int
    col: int
    rows: int
    cols: int
    x: float  # where the window starts inside the scaled map
    y: float
    w: float
    h: float
    joins: tuple[tuple[str, float], ...] = ()  # (side, offset of the join line inside the window)

    @property
    def name(self) -> str:
        """Spreadsheet-style sheet name: column letter, row number (``B1``)."""
        n, letters = self.col + 1, ""
        while n:
            n, r = divmod(n - 1, 26)
            letters = chr(65 + r) + letters
        return f"{letters}{self.row + 1}"

    @property
    def index(self) -> int:
        return self.row * self.cols + self.col


@dataclass(frozen=True, slots=True)
class Placement:
    """How the map sits on paper: one scale, one or more tiles, and the offset that centres them."""

    scale: float
    width: float  # scaled map size in px
    height: float
    band: float  # mark band round each window (0 when not tiled)
    left: float  # window position inside the page's content box
    top: float
    tiles: tuple[Tile, ...]
    footer_top: float  # where a footer line under the window(s) starts

    @property
    def tiled(self) -> bool:
        return len(self.tiles) > 1


def body_pt(theme: Theme, scale: float) -> float:
    """Printed size of the map's body text, in points."""
    return theme.geometry.size.body * scale * PT_PER_PX


def place(diagram: Diagram, theme: Theme, page: Page, tile: bool) -> Placement:
    """Fit the map to the page, or tile it when asked and it does not fit legibly.

    Fit scales up as well as down (a small map fills a wall poster).  Tiling
    fills the sheet height when that keeps text at natural size or below, so a
    wide map becomes one row of sheets; it never prints body text below
    :data:`MIN_BODY_PT`, adding rows instead.
    """
    inset = theme.geometry.space.margin
    W, H = diagram.width - 2 * inset, diagram.height - 2 * inset
    cw, ch = page.content_width, page.map_height
    fit = min(cw / W, ch / H)
    if body_pt(theme, fit) >= MIN_BODY_PT or (not tile and page.label == "auto"):
        return _single(diagram, inset, cw, ch, fit, page)
    if not tile:
        raise UserError(_too_small(diagram, theme, page, fit))
    band = MARK_BAND_MM * PX_PER_MM
    ww, wh = cw - 2 * band, ch - 2 * band
    legible = MIN_BODY_PT / (theme.geometry.size.body * PT_PER_PX)
    scale = min(max(wh / H, legible), max(1.0, legible))
    xs, ys = _spans(W * scale, ww), _spans(H * scale, wh)
    tiles = []
    for r, (y, h) in enumerate(ys):
        for c, (x, w) in enumerate(xs):
            joins: list[tuple[str, float]] = []
            if c > 0:
                joins.append(("left", (xs[c - 1][0] + xs[c - 1][1] - x) / 2))
            if c < len(xs) - 1:
                joins.append(("right", (x + w + xs[c + 1][0]) / 2 - x))
            if r > 0:
                joins.append(("top", (ys[r - 1][0] + ys[r - 1][1] - y) / 2))
            if r < len(ys) - 1:
                joins.append(("bottom", (y + h + ys[r + 1][0]) / 2 - y))
            tiles.append(Tile(r, c, len(ys), len(xs), x + inset * scale, y + inset * scale, w, h, tuple(joins)))
    win_w, win_h = max(w for _, w in xs), max(h for _, h in ys)
    top = band + (wh - win_h) / 2
    return Placement(scale, diagram.width * scale, diagram.height * scale, band, band + (ww - win_w) / 2, top,
                     tuple(tiles), top + win_h + band + _footer_gap(page))


def _single(diagram: Diagram, inset: float, cw: float, ch: float, scale: float, page: Page) -> Placement:
    """One window showing the whole map without the SVG's own margin (the paper has margins already)."""
    w, h = (diagram.width - 2 * inset) * scale, (diagram.height - 2 * inset) * scale
    top = (ch - h) / 2
    tile = Tile(0, 0, 1, 1, inset * scale, inset * scale, w, h)
    return Placement(scale, diagram.width * scale, diagram.height * scale, 0.0, (cw - w) / 2, top, (tile,),
                     top + h + _footer_gap(page))


def _footer_gap(page: Page) -> float:
    return 3 * page.type_scale * PX_PER_MM if page.footer else 0.0


def _spans(total: float, window: float) -> list[tuple[float, float]]:
    """Start and length of each window along one axis: equal windows, neighbours overlapping >= OVERLAP_MM."""
    if total <= window + 0.5:
        return [(0.0, total)]
    overlap = OVERLAP_MM * PX_PER_MM
    n = math.ceil((total - overlap) / (window - overlap))
    step = (total - window) / (n - 1)
    return [(i * step, window) for i in range(n)]


def _too_small(diagram: Diagram, theme: Theme, page: Page, scale: float) -> Problem:
    """Say why the poster refuses, and name the smallest paper that would do."""
    need = MIN_BODY_PT / (theme.geometry.size.body * PT_PER_PX)
    inset = 2 * theme.geometry.space.margin
    better = None
    for name in ("A3", "A2", "A1", "A0"):
        for orient in ("landscape", "portrait"):
            p = paper(name, orient)
            if min(p.content_width / (diagram.width - inset), p.map_height / (diagram.height - inset)) >= need:
                better = f"--page {name}" + (" --orientation portrait" if orient == "portrait" else "")
                break
        if better:
            break
    hint = f"use a larger page ({better})" if better else "use a larger page"
    return Problem("--page", 0, 0, (
        f"on {page.label} the map ({fmt(diagram.width)} x {fmt(diagram.height)} px) is scaled to "
        f"{scale:.0%}, which makes body text {body_pt(theme, scale):.1f} pt, below the {MIN_BODY_PT:g} pt "
        f"minimum for print; {hint}, --page auto, or --tile to split it across several pages"))


# --------------------------------------------------------------------------- URL fetching


class FetchRefused(PermissionError):
    """A URL the PDF renderer will not read."""


@dataclass
class FetchPolicy:
    """What WeasyPrint may read: ``data:`` URIs and local files under ``roots``; never the network.

    Kept free of WeasyPrint so it can be reasoned about and tested alone;
    :func:`_fetcher` adapts it to WeasyPrint's fetcher interface.
    """

    roots: tuple[Path, ...]
    files: tuple[Path, ...] = ()
    requested: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.roots = tuple(p.resolve() for p in self.roots)
        self.files = tuple(p.resolve() for p in self.files)

    def open(self, url: str) -> tuple[bytes, str]:
        """The bytes and media type behind ``url``, or :class:`FetchRefused`."""
        self.requested.append(url)
        try:
            return self._open(url)
        except FetchRefused as exc:
            self.refused.append((url, str(exc)))
            raise

    def _open(self, url: str) -> tuple[bytes, str]:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data":
            from urllib.request import DataHandler, Request

            with DataHandler().data_open(Request(url)) as resp:
                return resp.read(), resp.headers.get_content_type()
        if scheme != "file":
            raise FetchRefused(f"'{url}': the PDF renderer never uses the network; "
                               "put the file next to the map and use a relative path")
        if parts.netloc not in ("", "localhost"):
            raise FetchRefused(f"'{url}': only local files can be read")
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if path not in self.files and not any(path == r or r in path.parents for r in self.roots):
            raise FetchRefused(f"'{path}' is outside the map's folder and the package; it was not read")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FetchRefused(f"'{path}': {exc.strerror or exc}") from None
        return data, mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def _fetcher(policy: FetchPolicy) -> Any:
    """Wrap ``policy`` in the fetcher type the installed WeasyPrint expects."""
    from weasyprint import urls

    base = getattr(urls, "URLFetcher", None)
    if base is None:  # WeasyPrint < 66: a plain function returning a dict
        def fetch(url: str) -> dict[str, Any]:
            data, mime = policy.open(url)
            return {"string": data, "mime_type": mime, "redirected_url": url}
        return fetch

    class _PolicyFetcher(base):  # type: ignore[misc, valid-type]
        def fetch(self, url: str, headers: Any = None) -> Any:
            data, mime = policy.open(url)
            return urls.URLFetcherResponse(url, data, {"Content-Type": mime})

    return _PolicyFetcher()


# --------------------------------------------------------------------------- import cost


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
    import os
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


_FAST_TEXT_VERSIONS = frozenset({"70"})
"""WeasyPrint major versions whose SVG text internals :func:`_install_fast_svg_text` was verified on."""

_PER_GLYPH = frozenset({"dx", "dy", "rotate", "textLength", "lengthAdjust", "letter-spacing", "display-anchor",
                        "dominant-baseline", "alignment-baseline", "direction"})


def _install_fast_svg_text(weasyprint: Any) -> None:
    """Let WeasyPrint lay out each SVG text run once instead of once per character.

    WeasyPrint's SVG ``<text>`` support shapes and draws every character on
    its own (so per-glyph ``x``/``dx``/``rotate`` lists work); for a map that
    is ~2,500 Pango layouts and ~0.5 s, most of the PDF budget.  Our SVG never
    positions single glyphs, so runs with one ``x``/``y`` and none of the
    per-glyph attributes are shaped as a whole (which also adds kerning and
    keeps clusters together); anything else goes to WeasyPrint's own code.
    Installed only for the WeasyPrint major version it was verified against
    (the PDF tests compare text, fonts and geometry) and only when the
    internals it relies on are all present; any other version draws with
    WeasyPrint's own code.
    """
    if str(getattr(weasyprint, "__version__", "")).split(".")[0] not in _FAST_TEXT_VERSIONS:
        return
    try:
        svg_pkg = sys.modules["weasyprint.svg"]
        svg_text = sys.modules["weasyprint.svg.text"]
        from weasyprint.css.properties import INITIAL_VALUES
        from weasyprint.draw.text import draw_emojis, draw_first_line
        from weasyprint.matrix import Matrix
        from weasyprint.svg.bounding_box import extend_bounding_box
        from weasyprint.svg.utils import normalize, size
        from weasyprint.text.line_break import split_first_line
        original = svg_text.text
        tags = svg_pkg.TAGS
        style_cls, box_cls = svg_text.Style, svg_text.TextBox
    except (KeyError, ImportError, AttributeError):  # another WeasyPrint: keep its own code
        return
    if getattr(original, "_cjm_fast", False) or tags.get("text") is not original:
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

    fast_text._cjm_fast = True  # type: ignore[attr-defined]
    for tag, fn in list(tags.items()):
        if fn is original:
            tags[tag] = fast_text
    svg_pkg.text = fast_text  # draw_node compares TAGS entries against this name


def _import_weasyprint() -> Any:
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
    _install_fast_svg_text(weasyprint)
    return weasyprint


# --------------------------------------------------------------------------- what templates see


@dataclass(frozen=True, slots=True)
class FontFace:
    family: str
    weight: int
    url: str


def font_faces() -> tuple[FontFace, ...]:
    """``@font-face`` rules for Arimo: the package's copy, else the system's, else none (fontconfig decides)."""
    out = []
    for weight, file in FONT_FILES:
        for path in (font_path(file), SYSTEM_FONT_DIR / file):
            if path.is_file():
                out.append(FontFace("Arimo", weight, path.resolve().as_uri()))
                break
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Note:
    """A line of assembly text in a sheet's mark band (sheet coordinates, px)."""

    x: float
    y: float
    rotate: float
    anchor: str
    text: str


@dataclass(frozen=True, slots=True)
class Sheet:
    """One page of map: a tile, the SVG drawn into it (ids unique per sheet), and its marks."""

    tile: Tile
    svg: Any  # markupsafe.Markup: the SVG for inline use
    uri: str  # the same SVG as a data: URI, for <img> (what the built-in templates use; see _sheets)
    label: str
    crop: tuple[tuple[float, float, float, float], ...] = ()  # x1, y1, x2, y2 of each crop mark
    joins: tuple[tuple[float, float, float, float], ...] = ()  # ticks where neighbouring sheets meet
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True, slots=True)
class EmotionView:
    score: str
    max: str
    label: str | None
    color: str
    detail: str


@dataclass(frozen=True, slots=True)
class Row:
    lane: LaneDef
    items: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class ColumnView:
    name: str | None  # step name, None for a stage without steps
    description: str | None
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Section:
    number: int
    name: str
    phase: str | None
    description: str | None
    image: str | None
    columns: tuple[ColumnView, ...]


def sections(journey: Journey, lane_ids: tuple[str, ...] | None) -> tuple[Section, ...]:
    """The report's per-stage detail: the map's lanes, in the map's order, empty rows dropped."""
    lanes = journey.lanes if lane_ids is None else tuple(
        ln for lid in lane_ids for ln in journey.lanes if ln.id == lid)
    out = []
    for i, st in enumerate(journey.stages):
        cols = []
        for col in journey.columns[st.first:st.first + st.count]:
            rows = tuple(Row(ln, items) for ln in lanes if (items := col.content.items(ln)))
            cols.append(ColumnView(col.name if col.is_step else None, col.description if col.is_step else None,
                                   rows))
        phase = journey.phases[st.phase].name if st.phase is not None else None
        out.append(Section(i + 1, st.name, phase, st.description, st.image, tuple(cols)))
    return tuple(out)


def emotion_view(point: EmotionPoint, scale: Scale, theme: Theme, locale: str) -> EmotionView:
    """Score, label and the same face colour the map uses for it."""
    level = min(FACE_LEVELS - 1, int(scale.norm(point.score) * FACE_LEVELS))
    detail = []
    if point.n is not None:
        detail.append(text(locale, "survey", n=point.n))
    if point.spread is not None:
        detail.append(text(locale, "spread", s=fmt_score(point.spread)))
    return EmotionView(fmt_score(point.score), fmt_score(scale.max), point.label,
                       theme.paint(f"emotion.face.{level}"), " · ".join(detail))


_FAMILY_NAME = re.compile(r"[\w][\w \-]*")


def css_font_family(family: str) -> str:
    """The theme's font list made safe for a ``<style>`` block: plain names only, each quoted."""
    names = [n.strip().strip("'\"").strip() for n in family.split(",")]
    generic = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
    out = [n if n in generic else f'"{n}"' for n in names if _FAMILY_NAME.fullmatch(n)]
    return ", ".join(out or ['"Arimo"', "sans-serif"])


def css_string(value: str) -> str:
    """A CSS string literal for ``content:``; escapes everything that could end the string or the style."""
    return '"' + "".join(c if c.isalnum() or c in " .,:;!?()/-·" else f"\\{ord(c):x} " for c in value) + '"'


def initials(name: str) -> str:
    """First letters of the first and last word, as the map's avatar shows them."""
    parts = [p for p in name.replace("-", " ").split() if p]
    return ((parts[0][0] + (parts[-1][0] if len(parts) > 1 else "")) if parts else "?").upper()


def page_counter_css(locale: str) -> str:
    """``content:`` value for "Page 3 of 9" in the locale's word order, with CSS page counters."""
    pattern = text(locale, "page.of")
    parts = re.split(r"(\{page\}|\{pages\})", pattern)
    out = []
    for part in parts:
        if part == "{page}":
            out.append("counter(page)")
        elif part == "{pages}":
            out.append("counter(pages)")
        elif part:
            out.append(css_string(part))
    return " ".join(out)


def _sized_svg(svg: str, width: float, height: float) -> str:
    """The SVG for inline use: no XML declaration, root width/height set to the printed size."""
    body = svg[svg.index("<svg"):].rstrip()
    end = body.index(">")
    root = re.sub(r'\s(width|height)="[^"]*"', "", body[:end])
    return f'{root} width="{fmt(width)}" height="{fmt(height)}"{body[end:]}'


def _sheets(diagram: Diagram, theme: Theme, prefix: str, placement: Placement, page: Page,
            locale: str) -> tuple[Sheet, ...]:
    """One sheet per tile, each with its own id prefix so no two sheets share an id.

    The built-in templates embed the SVG through ``<img src="data:image/svg+xml...">``
    rather than inline: it is the same vector SVG with the same text, but
    WeasyPrint then reads it with its XML parser instead of running the HTML
    parser and the CSS cascade over every SVG node, which saves ~0.4 s per map.
    ``svg`` stays available for templates that want the markup inline.
    """
    import base64

    from markupsafe import Markup

    out = []
    total = len(placement.tiles)
    for tile in placement.tiles:
        pfx = prefix if total == 1 else f"{prefix}-{tile.name.lower()}"
        svg = _sized_svg(render_svg(diagram, theme, pfx), placement.width, placement.height)
        uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
        label = text(locale, "tile.label", name=tile.name, n=tile.index + 1, total=total)
        marks = _marks(tile, placement, page, locale) if total > 1 else ((), (), ())
        out.append(Sheet(tile, Markup(svg), uri, label, *marks))  # noqa: S704 - svgwrite output is escaped XML
    return tuple(out)


def _marks(tile: Tile, pl: Placement, page: Page, locale: str) -> tuple[
        tuple[tuple[float, float, float, float], ...], tuple[tuple[float, float, float, float], ...], tuple[Note, ...]]:
    """Crop marks at the window's corners, ticks on each join line, and the notes that say what to do.

    A later sheet (right of or below another) is trimmed along its join ticks
    and laid over the earlier one until the ticks meet; the join line runs
    through the middle of the shared strip, so small cutting errors still
    leave no gap.
    """
    L, T, w, h, b = pl.left, pl.top, tile.w, tile.h, pl.band
    gap = 1.5 * PX_PER_MM
    inner = {side for side, _ in tile.joins}
    crop = []  # only on the poster's outer edges: inner edges are overlapped, not cut, along the joins
    for cx, cy, sx, sy in ((L, T, -1, -1), (L + w, T, 1, -1), (L, T + h, -1, 1), (L + w, T + h, 1, 1)):
        if ("top" if sy < 0 else "bottom") not in inner:
            crop.append((cx + sx * gap, cy, cx + sx * (b - gap / 2), cy))
        if ("left" if sx < 0 else "right") not in inner:
            crop.append((cx, cy + sy * gap, cx, cy + sy * (b - gap / 2)))
    ticks, notes = [], []
    size = 7 * page.type_scale / PT_PER_PX
    names = {"left": (0, -1), "right": (0, 1), "top": (-1, 0), "bottom": (1, 0)}
    for side, off in tile.joins:
        dr, dc = names[side]
        other = Tile(tile.row + dr, tile.col + dc, tile.rows, tile.cols, 0, 0, 0, 0).name
        key = "tile.cut" if side in ("left", "top") else "tile.align"
        note = text(locale, key, name=other)
        if side in ("left", "right"):
            x = L + off
            ticks += [(x, T - b + gap / 2, x, T), (x, T + h, x, T + h + b - gap / 2)]
            dx = gap if side == "left" else -gap
            notes.append(Note(x + dx, T - b / 2 + size * 0.35, 0, "start" if side == "left" else "end", note))
        else:
            y = T + off
            ticks += [(L - b + gap / 2, y, L, y), (L + w, y, L + w + b - gap / 2, y)]
            dy = gap if side == "top" else -gap
            notes.append(Note(L - b / 2 + size * 0.35, y + dy, -90, "end" if side == "top" else "start", note))
    label = text(locale, "tile.label", name=tile.name, n=tile.index + 1, total=len(pl.tiles))
    notes.append(Note(L + w / 2, T + h + b / 2 + size * 0.35, 0, "middle", label))
    return tuple(crop), tuple(ticks), tuple(notes)


# --------------------------------------------------------------------------- templates


def _template_choice(template: str, templates_dir: str | None) -> tuple[list[str], str]:
    """Search path and template name for ``--template`` (a built-in name or a ``.html.j2`` path).

    Template overrides are opt-in: only the folder named by ``--templates``
    (or the docs tool's setting) and the folder of an explicit template path
    are searched before the package's own templates; a ``templates/`` folder
    beside a map is never picked up on its own.
    """
    search: list[str] = []
    if templates_dir is not None:
        if not Path(templates_dir).expanduser().is_dir():
            raise UserError(Problem(templates_dir, 0, 0, "--templates: no such folder"))
        search.append(str(Path(templates_dir).expanduser()))
    search.append(str(data_dir("templates")))
    looks_like_path = template.endswith((".j2", ".html")) or "/" in template or "\\" in template
    if looks_like_path:
        path = Path(template).expanduser()
        if not path.is_file():
            raise UserError(Problem(template, 0, 0, "template file not found"))
        return [str(path.parent), *search], path.name
    name = f"{template}.html.j2"
    if not any((Path(p) / name).is_file() for p in search):
        raise UserError(Problem("--template", 0, 0, f"no template '{template}'; built-in templates are "
                                f"{', '.join(BUILTIN_TEMPLATES)}, or give a path to a .html.j2 file"))
    return search, name


def environment(search: list[str]) -> "jinja2.Environment":
    """Sandboxed, autoescaping, strict Jinja environment over ``search`` (overrides before the package's).

    Templates may come from a repository nobody reviewed, so they run in
    Jinja's immutable sandbox: no attribute starting with ``_``, no calls that
    change data, bounded ``range``; a violation is a located user error.
    """
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment
    from markupsafe import Markup

    env = ImmutableSandboxedEnvironment(loader=jinja2.FileSystemLoader(search), autoescape=True,
                                        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                                        keep_trailing_newline=True)
    env.filters["px"] = lambda v: f"{fmt(float(v))}px"
    env.filters["num"] = lambda v: fmt(float(v))
    env.filters["css_string"] = lambda v: Markup(css_string(str(v)))  # noqa: S704 - escaped by css_string
    return env


def _template_problem(exc: BaseException, name: str) -> Problem:
    """Where a template went wrong (file and line of the template, not of our code), in plain words."""
    import jinja2
    from jinja2.sandbox import SecurityError

    where, lineno = name, 0
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where, lineno = exc.filename or exc.name or name, exc.lineno or 0
    else:
        for tb in _tb_frames(exc.__traceback__):
            if tb.tb_frame.f_code.co_filename.endswith((".j2", ".css", ".html")):
                where, lineno = tb.tb_frame.f_code.co_filename, tb.tb_lineno
    kind = "not allowed in a template" if isinstance(exc, SecurityError) else "template error"
    message = getattr(exc, "message", None) or str(exc)
    return Problem(_shown(where), lineno, 0, f"{kind}: {type(exc).__name__}: {message}")


def _shown(path: str) -> str:
    """A template path as the user can find it: relative to the working folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return path


def render_html(journey: Journey, diagram: Diagram, theme: Theme, prefix: str,
                opts: "RenderOptions") -> tuple[str, Path]:
    """The HTML WeasyPrint will print, and the folder of the template it came from."""
    from markupsafe import Markup

    base_dir = Path(journey.base_dir) if journey.base_dir else None
    search, name = _template_choice(opts.template, opts.templates)
    env = environment(search)
    try:
        tpl = env.get_template(name)
    except Exception as exc:  # jinja2.TemplateError, raised lazily imported
        raise UserError(_template_problem(exc, name)) from None
    inset = 2 * theme.geometry.space.margin
    page = paper(opts.page, opts.orientation or default_orientation(diagram), _extends_report(env, name),
                 (diagram.width - inset, diagram.height - inset))
    placement = place(diagram, theme, page, _flag(opts, "tile"))
    loc = journey.locale
    ctx = {
        "journey": journey,
        "meta": {
            "title": journey.title,
            "subject": journey.goal or journey.scenario or "",
            "author": journey.author,
            "lang": loc,
            "generator": f"cjmrender {__version__}",
        },
        "page": page,
        "placement": placement,
        "sheets": _sheets(diagram, theme, prefix, placement, page, loc),
        "c": theme.paint,  # role -> colour, as the SVG renderer paints
        "font_family": Markup(css_font_family(theme.geometry.font_family)),  # noqa: S704 - sanitised names
        "fonts": font_faces(),
        "state": text(loc, f"state.{journey.state}"),
        "sections": sections(journey, opts.lanes),
        "t": lambda key, **kw: text(loc, key, **kw),
        "channel_name": lambda ch: channel_label(ch, loc),
        "emotion": lambda p: emotion_view(p, journey.scale, theme, loc),
        "body_pt": body_pt(theme, placement.scale),
        "footer_pt": min(max(body_pt(theme, placement.scale) * 0.85, 7.5 * page.type_scale), 11 * page.type_scale),
        "page_counter": Markup(page_counter_css(loc)),  # noqa: S704 - built from css_string pieces
        "fact_label": lambda key: text(loc, f"fact.{key}") if f"fact.{key}" in _EXTRA["en"] else key.capitalize(),
        "initials": initials,
        "photo_url": lambda ref: (base_dir / ref).resolve().as_uri() if base_dir and ref else None,
    }
    try:
        html = tpl.render(ctx)
    except UserError:
        raise
    except Exception as exc:  # a custom template's mistake or a sandbox violation: say where, no traceback
        raise UserError(_template_problem(exc, name)) from None
    return html, Path(search[0]).resolve()


def _extends_report(env: "jinja2.Environment", name: str) -> bool:
    """Whether the template is, or extends, ``report.html.j2`` (it then gets the report's page margins)."""
    import jinja2
    from jinja2 import nodes

    packaged = data_dir("templates").resolve()
    seen: set[str] = set()
    while name not in seen:
        seen.add(name)
        if name == "report.html.j2":
            return True
        try:
            source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
            if filename and Path(filename).resolve().parent == packaged:
                return False  # a built-in other than the report: no need to parse it
            parent = next(iter(env.parse(source).find_all(nodes.Extends)), None)
        except jinja2.TemplateError:
            return False
        if parent is None or not isinstance(parent.template, nodes.Const):
            return False
        name = str(parent.template.value)
    return False


def _tb_frames(tb: Any) -> Iterator[Any]:
    while tb is not None:
        yield tb
        tb = tb.tb_next


def _flag(opts: "RenderOptions", name: str) -> bool:
    """Boolean switches ride in ``RenderOptions.extra`` (``tile``, ``strict``)."""
    return str(opts.extra.get(name, "")).lower() in ("1", "true", "yes", "on")


# --------------------------------------------------------------------------- PDF


class _Collect(logging.Handler):
    """Keeps WeasyPrint's warnings and errors so they can fail a strict render."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render_pdf(journey: Journey, diagram: Diagram, theme: Theme, prefix: str, opts: "RenderOptions", *,
               fetched: list[str] | None = None) -> bytes:
    """PDF bytes for one map through the chosen template.

    ``fetched`` (optional) receives every URL WeasyPrint asked for, so callers
    can prove what was read.  Raises :class:`UserError` for a page too small to
    print legibly, a refused URL, a template mistake, or (with the ``strict``
    option) any WeasyPrint warning.
    """
    html, template_dir = render_html(journey, diagram, theme, prefix, opts)
    weasyprint = _import_weasyprint()
    base_dir = Path(journey.base_dir).resolve() if journey.base_dir else None
    roots = tuple(p for p in (base_dir, Path(__file__).resolve().parent.parent, data_dir("templates"),
                              template_dir) if p is not None)
    fonts = tuple(Path(url2pathname(urlsplit(f.url).path)) for f in font_faces())
    policy = FetchPolicy(roots, fonts)
    base_url = (base_dir or data_dir("templates").resolve()).as_uri() + "/"
    collect = _Collect()
    log = logging.getLogger("weasyprint")
    log.addHandler(collect)
    try:
        doc = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=_fetcher(policy))
        pdf: bytes = doc.write_pdf()  # no dcterms dates in the HTML and no /ID: same input, same bytes
    finally:
        log.removeHandler(collect)
        if fetched is not None:
            fetched.extend(policy.requested)
    where = journey.source_name
    if policy.refused:
        raise UserError([Problem(where, 0, 0, f"PDF: {reason}") for _, reason in policy.refused])
    if collect.messages:
        problems = [Problem(where, 0, 0, f"PDF: {m}") for m in dict.fromkeys(collect.messages)]
        if _flag(opts, "strict"):
            raise UserError(problems)
        for m in dict.fromkeys(collect.messages):
            print(f"{where}: warning: PDF: {m}", file=sys.stderr)
    return pdf
