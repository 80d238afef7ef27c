"""What layout returns: absolute boxes, wrapped text, curve segments and paint roles.

Frozen msgspec Structs rather than dataclasses: defining a Struct costs
microseconds at import, a slotted dataclass about a millisecond, and cold
start is a budget.  Nothing here knows about colours or SVG; a renderer walks the tree and maps
each ``role`` to paint through the theme.  Everything is JSON-serialisable
through :func:`to_dict`, which is what golden tests compare.
"""

from __future__ import annotations

import msgspec
from typing import Any, Union


class Rect(msgspec.Struct, frozen=True):
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def contains(self, other: "Rect", eps: float = 1e-6) -> bool:
        return (other.x >= self.x - eps and other.y >= self.y - eps
                and other.right <= self.right + eps and other.bottom <= self.bottom + eps)


class Box(msgspec.Struct, frozen=True):
    """A filled/stroked rectangle: card, header cell, lane band, badge."""

    rect: Rect
    role: str  # paint role prefix: renderer reads f"{role}.fill" / f"{role}.stroke"
    radius: float = 0.0
    stroke: float = 0.0
    cls: str = ""


class TextBlock(msgspec.Struct, frozen=True):
    """Already-wrapped lines; ``box`` is the line-box area the lines occupy."""

    box: Rect
    lines: tuple[str, ...]
    baselines: tuple[float, ...]  # absolute y of each line's baseline
    x: float  # anchor x (left edge, centre, or right edge by ``anchor``)
    size: float
    role: str
    bold: bool = False
    italic: bool = False
    anchor: str = "start"  # start | middle | end
    cls: str = ""
    family: str = ""  # set only when the main font lacks some characters of these lines


class Icon(msgspec.Struct, frozen=True):
    """A channel icon drawn from the 24x24 icon set, scaled to ``size``."""

    x: float
    y: float
    size: float
    name: str
    role: str
    stroke: float = 2.0  # in icon units (24 grid)


class Picture(msgspec.Struct, frozen=True):
    """An embedded image (data URI) drawn in ``rect``; ``round`` clips it to the inscribed circle."""

    rect: Rect
    uri: str
    round: bool = False
    cls: str = ""


class Circle(msgspec.Struct, frozen=True):
    cx: float
    cy: float
    r: float
    role: str
    stroke: float = 0.0
    cls: str = ""


class PathShape(msgspec.Struct, frozen=True):
    """A path as absolute commands: ``(("M", x, y), ("C", x1, y1, x2, y2, x, y), ("L", x, y), ("Z",))``."""

    commands: tuple[tuple[Any, ...], ...]
    role: str
    stroke: float = 0.0  # 0 = filled, not stroked
    dash: tuple[float, ...] = ()
    cls: str = ""


class Group(msgspec.Struct, frozen=True):
    """A semantic group: ``cls`` names what it is (stage, lane, card, emotion, ...)."""

    id: str  # local id; the renderer adds the per-map prefix
    cls: str
    children: tuple["Element", ...]
    label: str = ""  # accessible name (aria-label) where useful


Element = Union[Box, TextBlock, Icon, Picture, Circle, PathShape, Group]


class Diagram(msgspec.Struct, frozen=True):
    width: float
    height: float
    title: str
    description: str
    lang: str
    font_family: str
    root: Group
    missing: str = ""  # characters the main font lacks, drawn with the fallback fonts


def to_dict(obj: Any) -> Any:
    """Plain JSON data for any layout object (``type`` names the element kind)."""
    if isinstance(obj, msgspec.Struct):
        out: dict[str, Any] = {"type": type(obj).__name__}
        for name in obj.__struct_fields__:
            out[name] = to_dict(getattr(obj, name))
        return out
    if isinstance(obj, (tuple, list)):
        return [to_dict(v) for v in obj]
    if isinstance(obj, float):
        return round(obj, 3)
    return obj


def lane_titles(diagram: Diagram) -> tuple[tuple[str, Rect], ...]:
    """Each lane's title and the rect of its title cell (which spans the lane's height), in drawing order."""
    out = []
    for el in walk(diagram.root):
        if isinstance(el, Group) and "lane" in el.cls.split() and el.label:
            cell = next((k for k in el.children if isinstance(k, Box) and k.cls == "lane-title"), None)
            if cell is not None:
                out.append((el.label, cell.rect))
    return tuple(out)


def walk(el: Element):
    """Every element in drawing order (groups first, then their children)."""
    yield el
    if isinstance(el, Group):
        for child in el.children:
            yield from walk(child)
