"""The report's map page and stage sparklines: which diagrams, at what scale, as which images.

The report prints the map without its title block and persona cards (the
cover has them).  When the whole map would print body text under
:data:`TARGET_BODY_PT`, it is laid out again in rows of whole stages
(the layout's ``wrap``), sized so the text reaches that size across the page
width, and every row becomes its own image: pages break between rows, never
inside one.  Lengths are CSS px, as in :mod:`.paper`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...layout.model import Diagram, Group, walk
from ...theme import Theme
from ..svg import render_svg
from .paper import MIN_BODY_PT, Page, body_pt, place
from .sheets import Bounds, bounds, crop, sized_svg, svg_uri

TARGET_BODY_PT = 9.0
"""Body text the report's map aims for; rows shrink below it only to fit a page, never under MIN_BODY_PT."""

Relayout = Callable[..., Diagram]
"""Lays the map out again with layout Options fields changed (``bare=True``, ``wrap=...``)."""


@dataclass(frozen=True, slots=True)
class MapRow:
    """One image of the map page: a window onto the scaled map (px on paper)."""

    uri: str
    x: float  # where the window starts inside the scaled map
    y: float
    w: float
    h: float
    width: float  # the whole scaled map
    height: float


@dataclass(frozen=True, slots=True)
class MapRows:
    rows: tuple[MapRow, ...]
    scale: float


def map_rows(relayout: Relayout, theme: Theme, page: Page, prefix: str) -> MapRows:
    """The map for a report page: one image when it prints legibly whole, else one per row of stages."""
    inset = theme.geometry.space.margin
    diagram = relayout(bare=True)
    wins = windows(diagram, inset)
    scale = _scale(wins, page)
    if body_pt(theme, scale) < TARGET_BODY_PT:
        target = TARGET_BODY_PT / body_pt(theme, 1.0)
        wrapped = relayout(bare=True, wrap=int(page.content_width / target))
        rows = windows(wrapped, inset)
        if _scale(rows, page) > scale:
            diagram, wins, scale = wrapped, rows, _scale(rows, page)
    if len(wins) > 1 and (wins[-1][3] - wins[-2][1]) * scale <= page.content_height:
        wins[-2:] = [(wins[-2][0], wins[-2][1], wins[-1][2], wins[-1][3])]  # the legend stays with the last row
    if body_pt(theme, scale) < MIN_BODY_PT:
        place(diagram, theme, page, False)  # raises the poster's "too small" message with its advice
    out = []
    for k, win in enumerate(wins):
        part = crop(diagram, win)
        svg = sized_svg(render_svg(part, theme, f"{prefix}-{k + 1}"), diagram.width * scale,
                        diagram.height * scale)
        uri = svg_uri(svg)
        x0, y0, x1, y1 = win
        out.append(MapRow(uri, x0 * scale, y0 * scale, (x1 - x0) * scale, (y1 - y0) * scale,
                          diagram.width * scale, diagram.height * scale))
    return MapRows(tuple(out), scale)


def _scale(wins: list[Bounds], page: Page) -> float:
    """One scale for every window: the widest fits the page width, the tallest the page height."""
    return min(min(page.content_width / (x1 - x0), page.content_height / (y1 - y0)) for x0, y0, x1, y1 in wins)


def windows(diagram: Diagram, inset: float) -> list[Bounds]:
    """Each row of stages, then the legend and sources, as bands across the map (the whole map when it
    has no rows); the SVG's own margin left out at the sides."""
    kids = diagram.root.children[1:]  # after the canvas
    rows = [k for k in kids if isinstance(k, Group) and k.cls == "row"]
    left, right = inset, diagram.width - inset
    if not rows:
        return [(left, inset, right, diagram.height - inset)]
    out = []
    for group in rows:
        _, top, _, bottom = _extent(group)
        out.append((left, top, right, bottom))
    rest = [k for k in kids if k not in rows]
    if rest:
        tops = [_extent(k)[1] for k in rest]
        out.append((left, min(tops), right, diagram.height - inset))
    return out


def _extent(el) -> Bounds:
    boxes = [b for e in walk(el) if not isinstance(e, Group) and (b := bounds(e)) is not None]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def spark_uris(journey, theme: Theme, measurer, prefix: str) -> tuple[tuple[str, float, float], ...]:
    """Every stage's sparkline as a data: URI with its size in px, in stage order."""
    from ...layout.sparkline import layout_sparkline

    out = []
    for k in range(len(journey.stages)):
        d = layout_sparkline(journey, theme.geometry, measurer, k)
        svg = render_svg(d, theme, f"{prefix}-spark-{k + 1}")
        out.append((svg_uri(svg), d.width, d.height))
    return tuple(out)
