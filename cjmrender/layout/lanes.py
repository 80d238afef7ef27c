"""The lanes: one band per lane, its title, and its cells (cards, or the emotion plot)."""

from __future__ import annotations

import math

import msgspec

from ..spec.journey import Journey, LaneDef
from .blocks import CardSpec, Ctx, card_widths, place_card, text_block, wrapped
from .emotion import layout_emotion
from .grid import Grid
from .model import Box, Element, Group, Rect


class Lanes(msgspec.Struct, frozen=True):
    """What :func:`place_lanes` returns: the bands (drawn under the rules) and the lanes' content."""

    bands: tuple[Element, ...]
    lanes: tuple[Group, ...]
    bottom: float


def _stack(ctx: Ctx, cards: tuple[CardSpec, ...], x: float, y: float, width: float,
           ident: str) -> tuple[list[Element], float]:
    """Cards one under another, each the cell's full width; returns them and their height."""
    placed: list[Element] = []
    cy = y
    for k, card in enumerate(cards):
        grp, h = place_card(ctx, card, x, cy, width, f"{ident}-{k + 1}")
        placed.append(grp)
        cy += h + ctx.g.space.card_gap
    return placed, cy - ctx.g.space.card_gap - y


def _flow(ctx: Ctx, cards: tuple[CardSpec, ...], x: float, y: float, width: float,
          ident: str) -> tuple[list[Element], float]:
    """Chips left to right as wide as their label, starting a new row when the next one does not fit.

    A chip whose label does not fit on one line takes the full width and wraps.
    """
    gap = ctx.g.space.chip_gap
    placed: list[Element] = []
    cx, top, row_h = x, y, 0.0
    for k, card in enumerate(cards):
        w = min(float(math.ceil(card_widths(ctx, card)[1])), width)
        if cx > x and cx + w > x + width + 1e-6:
            cx, top, row_h = x, top + row_h + gap, 0.0
        grp, h = place_card(ctx, card, cx, top, w, f"{ident}-{k + 1}")
        placed.append(grp)
        cx, row_h = cx + w + gap, max(row_h, h)
    return placed, top + row_h - y


def _cells(ctx: Ctx, journey: Journey, lane: LaneDef, cells: list[tuple[CardSpec, ...]], grid: Grid,
           y: float) -> tuple[list[Element], float]:
    """Each cell's cards from ``y`` (chips flow in rows, cards stack); returns the cell groups and the tallest."""
    pad = ctx.g.space.cell_pad
    out: list[Element] = []
    tallest = 0.0
    for i, cards in enumerate(cells):
        if not cards:
            continue
        col = journey.columns[i]
        place = _flow if cards[0].shape == "chip" else _stack
        placed, h = place(ctx, cards, grid.xs[i] + pad, y + pad, grid.widths[i] - 2 * pad, f"card-{lane.id}-{col.id}")
        out.append(Group(f"cell-{lane.id}-{col.id}", "cell", tuple(placed)))
        tallest = max(tallest, h)
    return out, tallest


def place_lanes(ctx: Ctx, journey: Journey, lanes: tuple[LaneDef, ...], cells: list[list[tuple[CardSpec, ...]]],
                grid: Grid, y: float) -> Lanes:
    """Lanes stacked from ``y``, each as tall as its tallest cell (or its title)."""
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
            emo = layout_emotion(ctx, journey, grid, y, title_h, numbered)
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
