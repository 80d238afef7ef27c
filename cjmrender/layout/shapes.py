"""The outline of an item by what its lane means: card, chip, thought bubble or stacked sheet.

``card`` is the plain rounded card (actions, pains, opportunities, metrics);
``chip`` a pill (touchpoints, and owners with a dashed outline: they work
backstage); ``bubble`` a rounded bubble with a tail (thoughts); ``stack`` a
square card with a second sheet showing behind it (custom text lanes, such
as systems and data).  Each outline keeps the item's text area a plain
rectangle, so text is measured and wrapped the same way in every shape.
"""

from __future__ import annotations

from ..geometry import Geometry
from .model import Box, Element, PathShape, Rect

_K = 0.5523
"""Distance of a quarter circle's Bézier control points from its ends, as a share of the radius."""


def frame(g: Geometry, shape: str) -> tuple[float, float]:
    """(right, bottom) room an outline takes beyond its box: the sheet behind, the bubble's tail."""
    if shape == "stack":
        return g.space.stack_offset, g.space.stack_offset
    if shape == "bubble":
        return 0.0, g.space.bubble_tail
    return 0.0, 0.0


def pads(g: Geometry, shape: str) -> tuple[float, float]:
    """(x, y) padding between an outline and its content."""
    if shape == "chip":
        return g.space.chip_pad_x, g.space.chip_pad_y
    return g.space.card_pad_x, g.space.card_pad_y


def chip_radius(g: Geometry, line_h: float, h: float) -> float:
    """Half the height of a one-line chip: its ends are half circles; taller chips keep that corner."""
    return min(g.space.chip_pad_y + max(line_h, g.icon) / 2, h / 2)


def rounded(r: Rect, rad: float) -> tuple[tuple[object, ...], ...]:
    """A rounded rectangle as path commands (cubic corners: every SVG importer draws those alike)."""
    k = rad * _K
    x0, y0, x1, y1 = r.x, r.y, r.right, r.bottom
    return (("M", x0 + rad, y0), ("L", x1 - rad, y0), ("C", x1 - rad + k, y0, x1, y0 + rad - k, x1, y0 + rad),
            ("L", x1, y1 - rad), ("C", x1, y1 - rad + k, x1 - rad + k, y1, x1 - rad, y1),
            ("L", x0 + rad, y1), ("C", x0 + rad - k, y1, x0, y1 - rad + k, x0, y1 - rad),
            ("L", x0, y0 + rad), ("C", x0, y0 + rad - k, x0 + rad - k, y0, x0 + rad, y0), ("Z",))


def outline(g: Geometry, shape: str, role: str, r: Rect, line_h: float, dashed: bool = False) -> list[Element]:
    """The elements that draw an item's outline around its box ``r`` (the box comes first)."""
    stroke = g.stroke.card
    if shape == "chip":
        rad = chip_radius(g, line_h, r.h)
        if dashed and g.stroke.owner_dash > 0:
            dash = (g.stroke.owner_dash, g.stroke.owner_dash)
            return [Box(r, role, rad, 0.0, "chip-box"),
                    PathShape(rounded(r, rad), f"{role}.stroke", stroke, dash, cls="chip-outline")]
        return [Box(r, role, rad, stroke, "chip-box")]
    if shape == "bubble":
        return [Box(r, role, min(g.radius.bubble, r.h / 2, r.w / 2), stroke, "bubble-box"), *_tail(g, role, r)]
    if shape == "stack":
        o = g.space.stack_offset
        sheet = (("M", r.x + o, r.bottom), ("L", r.x + o, r.bottom + o), ("L", r.right + o, r.bottom + o),
                 ("L", r.right + o, r.y + o), ("L", r.right, r.y + o))
        return [Box(r, role, 0.0, stroke, "stack-box"), PathShape(sheet, f"{role}.stroke", stroke, cls="stack-sheet")]
    return [Box(r, role, g.radius.card, stroke, "card-box")]


def _tail(g: Geometry, role: str, r: Rect) -> list[Element]:
    """A bubble's tail: a small triangle under the bubble's left end, pointing down and to the left.

    Drawn as a fill that also covers the bubble's outline where the tail joins
    it, then the tail's two sides as a stroke, so the bubble reads as one shape.
    """
    t = g.space.bubble_tail
    rad = min(g.radius.bubble, r.h / 2, r.w / 2)
    x0 = min(r.x + max(rad, t / 2), r.right)  # a tail wider than its bubble stays within the bubble's width
    x1 = max(x0, min(x0 + t, r.right - rad))
    tip = (max(r.x, x0 - t / 2), r.bottom + t)
    s = g.stroke.card
    fill = (("M", x0, r.bottom - s), ("L", x1, r.bottom - s), ("L", x1, r.bottom), ("L", *tip), ("L", x0, r.bottom),
            ("Z",))
    sides = (("M", x0, r.bottom), ("L", *tip), ("L", x1, r.bottom))
    return [PathShape(fill, f"{role}.fill", cls="bubble-tail"),
            PathShape(sides, f"{role}.stroke", s, cls="bubble-tail-edge")]
