"""The lanes: one band per lane, its title, and its cells (cards, or the emotion plot)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from ..spec.journey import Journey, LaneDef
from .blocks import CardSpec, Ctx, card_height, place_card, text_block, wrapped
from .emotion import layout_emotion
from .grid import Grid
from .model import Box, Element, Group, Rect

if TYPE_CHECKING:  # pragma: no cover - typing only
    from .split import PartOf


class Lanes(msgspec.Struct, frozen=True):
    """What :func:`place_lanes` returns: the bands (drawn under the rules) and the lanes' content."""

    bands: tuple[Element, ...]
    lanes: tuple[Group, ...]
    bottom: float


def _cells(ctx: Ctx, journey: Journey, lane: LaneDef, cells: list[tuple[CardSpec, ...]], grid: Grid,
           y: float) -> tuple[list[Element], float]:
    """Cards stacked in each cell from ``y``; returns the cell groups and the tallest stack."""
    g = ctx.g
    pad = g.space.cell_pad
    out: list[Element] = []
    tallest = 0.0
    for i, cards in enumerate(cells):
        cy = y + pad
        col = journey.columns[i]
        placed: list[Element] = []
        for k, card in enumerate(cards):
            grp, h = place_card(ctx, card, grid.xs[i] + pad, cy, grid.widths[i] - 2 * pad,
                                f"card-{lane.id}-{col.id}-{k + 1}")
            placed.append(grp)
            cy += h + g.space.card_gap
        if placed:
            out.append(Group(f"cell-{lane.id}-{col.id}", "cell", tuple(placed)))
            tallest = max(tallest, cy - g.space.card_gap - y - pad)
    return out, tallest


def place_lanes(ctx: Ctx, journey: Journey, lanes: tuple[LaneDef, ...], cells: list[list[tuple[CardSpec, ...]]],
                grid: Grid, y: float, part: PartOf | None = None) -> Lanes:
    """Lanes stacked from ``y``, each as tall as its tallest cell (or its title); ``part`` when the
    journey is a part of a longer map."""
    g = ctx.g
    pad = g.space.cell_pad
    tpad = g.space.lane_title_pad
    bands: list[Element] = []
    groups: list[Group] = []
    numbered = any(ln.kind == "pains" for ln in lanes)
    for li, lane in enumerate(lanes):
        title_lines = wrapped(ctx, lane.title, grid.title_w - 2 * tpad, g.size.lane_title, True)
        title_h = len(title_lines) * ctx.line_h(g.size.lane_title)
        if lane.kind == "emotion":
            emo = layout_emotion(ctx, journey, grid, y, title_h, numbered, part)
            height = max(emo.height, title_h + 2 * pad)
            body: list[Element] = list(emo.elements)
            extra: list[Element] = list(emo.scale_labels)
        else:
            body, tallest = _cells(ctx, journey, lane, cells[li], grid, y)
            height = max(title_h, tallest) + 2 * pad
            extra = []
        bands.append(Box(Rect(grid.left, y, grid.right - grid.left, height), "lane.band.alt" if li % 2 else "lane.band",
                         0.0, 0.0, "band"))
        if lane.kind == "emotion":
            bands += emo.backdrop
        title_box = Box(Rect(grid.left, y, grid.title_w, height), "lane.title", 0.0, 0.0, "lane-title")
        title = text_block(ctx, title_lines, grid.left + tpad, y + pad, g.size.lane_title, "lane.title.text",
                           bold=True, cls="lane-title")
        groups.append(Group(f"lane-{lane.id}", f"lane lane-{lane.kind}", (title_box, title, *extra, *body),
                            lane.title))
        y += height + g.space.lane_gap
    return Lanes(tuple(bands), tuple(groups), y - g.space.lane_gap if lanes else y)
