"""Sheets: the map drawn into each page window, with crop marks, join ticks and assembly notes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import msgspec

from ...layout.model import Circle, Diagram, Element, Group, Icon, lane_titles
from ...theme import Theme
from ..svg import fmt, render_svg
from .paper import PT_PER_PX, PX_PER_MM, Page, Placement, Tile
from .views import text

@dataclass(frozen=True, slots=True)
class Note:
    """A line of assembly text in a sheet's mark band (sheet coordinates, px)."""

    x: float
    y: float
    rotate: float
    anchor: str
    text: str
    bold: bool = False
    size: float = 0.0  # px; 0: the marks' own size


@dataclass(frozen=True, slots=True)
class Sheet:
    """One page of map: a tile, the SVG drawn into it (ids unique per sheet), and its marks."""

    tile: Tile
    svg: Any  # markupsafe.Markup: the SVG for inline use
    uri: str  # the same SVG as a data: URI, for <img> (what the built-in templates use; see sheets)
    label: str
    crop: tuple[tuple[float, float, float, float], ...] = ()  # x1, y1, x2, y2 of each crop mark
    joins: tuple[tuple[float, float, float, float], ...] = ()  # ticks where neighbouring sheets meet
    notes: tuple[Note, ...] = ()


def sized_svg(svg: str, width: float, height: float) -> str:
    """The SVG for inline use: no XML declaration, root width/height set to the printed size."""
    body = svg[svg.index("<svg"):].rstrip()
    end = body.index(">")
    root = re.sub(r'\s(width|height)="[^"]*"', "", body[:end])
    return f'{root} width="{fmt(width)}" height="{fmt(height)}"{body[end:]}'


def svg_uri(svg: str) -> str:
    """An SVG document as a ``data:`` URI for an ``<img>`` (see :func:`sheets` for why not inline)."""
    import base64

    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def sheets(diagram: Diagram, theme: Theme, prefix: str, placement: Placement, page: Page,
           locale: str) -> tuple[Sheet, ...]:
    """One sheet per tile, each with its own id prefix so no two sheets share an id.

    A tile's SVG holds only the elements that reach into its window (the
    viewBox stays the whole map's, so the templates place every sheet the
    same way): tiling then costs about what the poster costs, instead of
    every sheet drawing, embedding and parsing the whole map again.

    The built-in templates embed the SVG through ``<img src="data:image/svg+xml...">``
    rather than inline: it is the same vector SVG with the same text, but
    WeasyPrint then reads it with its XML parser instead of running the HTML
    parser and the CSS cascade over every SVG node, which saves ~0.4 s per map.
    ``svg`` stays available for templates that want the markup inline.
    """
    from markupsafe import Markup

    out = []
    total = len(placement.tiles)
    lanes = lane_spans(diagram) if total > 1 else ()
    for tile in placement.tiles:
        pfx = prefix if total == 1 else f"{prefix}-{tile.name.lower()}"
        part = diagram if total == 1 else crop(diagram, window(tile, placement.scale))
        svg = sized_svg(render_svg(part, theme, pfx), placement.width, placement.height)
        uri = svg_uri(svg)
        label = text(locale, "tile.label", name=tile.name, n=tile.index + 1, total=total)
        marks = _marks(tile, placement, page, locale, lanes) if total > 1 else ((), (), ())
        out.append(Sheet(tile, Markup(svg), uri, label, *marks))  # noqa: S704 - svgwrite output is escaped XML
    return tuple(out)


Bounds = tuple[float, float, float, float]
"""Left, top, right, bottom in the map's px."""

_PAD = 8.0
"""Slack round every element's box (strokes, glyph overhang), so nothing visible is cropped away."""


def window(tile: Tile, scale: float) -> Bounds:
    """The part of the map a tile shows, in the map's own px."""
    return tile.x / scale, tile.y / scale, (tile.x + tile.w) / scale, (tile.y + tile.h) / scale


def crop(diagram: Diagram, win: Bounds) -> Diagram:
    """The diagram with only the elements that reach into ``win`` (groups kept while any child is)."""
    root = _crop(diagram.root, win)
    return msgspec.structs.replace(diagram, root=root or msgspec.structs.replace(diagram.root, children=()))


def _crop(el: Element, win: Bounds) -> Element | None:
    if isinstance(el, Group):
        kids = tuple(k for k in (_crop(c, win) for c in el.children) if k is not None)
        if not kids:
            return None
        same = len(kids) == len(el.children) and all(a is b for a, b in zip(kids, el.children))
        return el if same else msgspec.structs.replace(el, children=kids)
    b = bounds(el)
    if b is None:
        return el  # unknown extent: keep it
    x0, y0, x1, y1 = win
    return el if b[0] - _PAD <= x1 and b[2] + _PAD >= x0 and b[1] - _PAD <= y1 and b[3] + _PAD >= y0 else None


def bounds(el: Element) -> Bounds | None:
    """The box an element draws in, or None when it cannot be told cheaply."""
    rect = getattr(el, "rect", None) or getattr(el, "box", None)
    if rect is not None:
        return rect.x, rect.y, rect.x + rect.w, rect.y + rect.h
    if isinstance(el, Icon):
        return el.x, el.y, el.x + el.size, el.y + el.size
    if isinstance(el, Circle):
        return el.cx - el.r, el.cy - el.r, el.cx + el.r, el.cy + el.r
    commands = getattr(el, "commands", None)
    if commands is None:
        return None
    xs, ys = [], []
    for cmd in commands:
        if cmd[0] not in ("M", "L", "C", "Q", "Z"):  # arcs and relative moves: not worth solving here
            return None
        xs.extend(float(v) for v in cmd[1::2])
        ys.extend(float(v) for v in cmd[2::2])
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def lane_spans(diagram: Diagram) -> tuple[tuple[str, float, float, float], ...]:
    """Each lane's title and its title cell's right edge, top and bottom, in the map's px, so a sheet that
    does not show the lane titles can name its lanes in its margin."""
    return tuple((title, r.right, r.y, r.bottom) for title, r in lane_titles(diagram))


def _lane_notes(tile: Tile, pl: Placement, lanes: tuple[tuple[str, float, float, float], ...],
                size: float) -> list[Note]:
    """Lane titles along the window's left edge, rotated, each centred on the part of its lane the sheet
    shows; shortened with an ellipsis to that part, left out where too little of the lane is shown.
    Only on sheets that do not show the map's own lane titles."""
    from ...text.measure import default_measurer

    m = default_measurer()
    out = []
    gap = 1.5 * PX_PER_MM
    for title, right, top, bottom in lanes:
        if tile.x < right * pl.scale - gap:
            return []  # this sheet shows the lane titles
        y0 = max(pl.top, pl.top + top * pl.scale - tile.y) + gap
        y1 = min(pl.top + tile.h, pl.top + bottom * pl.scale - tile.y) - gap
        label = title
        while label and m.width(label, size, True) > y1 - y0:
            label = label[:-2].rstrip() + "…" if len(label) > 2 else ""
        if label and label != "…":
            out.append(Note(pl.left - pl.band / 2 + size * 0.35, (y0 + y1) / 2, -90, "middle", label, True))
    return out


def _marks(tile: Tile, pl: Placement, page: Page, locale: str,
           lanes: tuple[tuple[str, float, float, float], ...] = ()) -> tuple[
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
            dy = gap if side == "top" else -gap  # in the right band: the left one names the lanes
            notes.append(Note(L + w + b / 2 + size * 0.35, y + dy, -90, "end" if side == "top" else "start", note))
    label = text(locale, "tile.label", name=tile.name, n=tile.index + 1, total=len(pl.tiles))
    notes.append(Note(L + w / 2, T + h + b / 2 + size * 0.35, 0, "middle", label))
    big = 1.6 * size  # the join index, large in the top-left corner: which sheet this is at a glance
    notes.append(Note(L - b / 2, T - b / 2 + big * 0.35, 0, "middle", tile.name, True, big))
    notes += _lane_notes(tile, pl, lanes, size)
    return tuple(crop), tuple(ticks), tuple(notes)
