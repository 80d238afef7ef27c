"""Paper, scale and tiling: where the map sits on which page (pure arithmetic, no WeasyPrint).

Lengths are CSS px (96 per inch) like the layout's.  A poster fits the map to
the page, refusing body text under :data:`MIN_BODY_PT`; ``--tile`` instead
spreads it over overlapping sheets; ``--page auto`` is the map's own size,
refused past what PDF readers accept (:data:`MAX_PAGE_PT`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ...errors import Problem, UserError
from ...geometry import PT_PER_PX
from ...layout.model import Diagram
from ...theme import Theme
from ..svg import fmt

PX_PER_MM = 96 / 25.4
"""CSS reference pixels per millimetre: layout works in CSS px (96 per inch)."""

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

MAX_PAGE_PT = 14_400.0
"""The largest page side PDF readers accept (200 inches; PDF 1.7 annex C)."""


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
    report: bool = False  # margins for a running header and page numbers

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
          map_size: tuple[float, float] | None = None, handout: bool = False) -> Page:
    """The page for ``--page``/``--orientation``; ``auto`` is the map's own size at 96 px/in plus margins.

    ``report`` pages keep margins for a running header and page numbers;
    ``handout`` pages a bottom margin for the running footer and page numbers.
    """
    key = next((k for k in PAPERS_MM if k.lower() == name.strip().lower()), None)
    if name.strip().lower() == "auto":
        if map_size is None:
            raise ValueError("auto paper needs the map size")
        top, side, bottom, foot = _margins(1.0, report, handout)
        w, h = map_size  # without the SVG's own margin
        page = Page("auto", w + 2 * side, h + top + bottom + foot, top, side, bottom, 1.0, foot, report)
        if max(page.width, page.height) * PT_PER_PX > MAX_PAGE_PT:
            raise UserError(Problem("--page", 0, 0, (
                f"auto: the map needs a {page.width * PT_PER_PX:.0f} x {page.height * PT_PER_PX:.0f} pt page; PDF "
                f"readers accept at most {MAX_PAGE_PT:,.0f} pt a side; use a paper size with --tile "
                "(for example --page A1 --tile)")))
        return page
    if key is None:
        raise UserError(Problem("--page", 0, 0, f"unknown paper '{name}'; use {', '.join(PAPERS_MM)} or auto"))
    if orientation not in ("landscape", "portrait"):
        raise UserError(Problem("--orientation", 0, 0, "orientation must be landscape or portrait"))
    short, long_ = sorted(PAPERS_MM[key])
    w, h = (long_, short) if orientation == "landscape" else (short, long_)
    k = max(1.0, math.sqrt(short / 210))
    top, side, bottom, foot = _margins(k, report, handout)
    return Page(f"{key} {orientation}", w * PX_PER_MM, h * PX_PER_MM, top, side, bottom, k, foot, report)


def _margins(k: float, report: bool, handout: bool = False) -> tuple[float, float, float, float]:
    """Top, side, bottom margins and footer room in px.

    A report's running header and page numbers live in the page margins; the
    poster's footer sits just under the map instead, aligned with its edges,
    so a map narrower than the paper does not float away from its caption.
    """
    mm = k * PX_PER_MM
    if report:
        return 18 * mm, 12 * mm, 16 * mm, 0.0
    if handout:
        return 10 * mm, 10 * mm, 15 * mm, 0.0
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
        """The sheet's join index: row letter, column number (``A1, A2, ... B1``), read like a wall of sheets."""
        n, letters = self.row + 1, ""
        while n:
            n, r = divmod(n - 1, 26)
            letters = chr(65 + r) + letters
        return f"{letters}{self.col + 1}"

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
            p = paper(name, orient, page.report)
            if p.label == page.label:
                continue  # the page that was just refused
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
