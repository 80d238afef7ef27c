"""The column grid and what sits on it above the lanes: header rows, storyboard, rules.

Stages are equally wide unless a stage sets ``width:`` (a weight); a stage's
steps share its width equally.  So the grid reads as a steady rhythm rather
than following each column's content, and one unit width is chosen that
every column's content fits.
"""

from __future__ import annotations

from fractions import Fraction

import msgspec

from ..i18n import t
from ..spec.journey import Journey
from ..text.wrap import content_widths
from .blocks import PIECE_GAP, CardSpec, Ctx, card_widths, text_block, wrapped
from .distribute import split_exact
from .model import Box, Element, Group, PathShape, Picture, Rect


class Grid(msgspec.Struct, frozen=True):
    xs: tuple[float, ...]
    widths: tuple[float, ...]
    left: float  # left edge of the lane-title column
    title_w: float

    @property
    def right(self) -> float:
        return self.xs[-1] + self.widths[-1]

    def span(self, first: int, count: int) -> tuple[float, float]:
        """Left and right x of columns ``first .. first + count - 1``."""
        last = first + count - 1
        return self.xs[first], self.xs[last] + self.widths[last]


def column_weights(journey: Journey) -> list[Fraction]:
    """Each column's share of the grid: its stage's weight split equally among the stage's steps."""
    out = [Fraction(1)] * len(journey.columns)
    for st in journey.stages:
        w = Fraction(st.weight).limit_denominator(1000) / st.count
        for c in range(st.first, st.first + st.count):
            out[c] = w
    return out


def _column_needs(ctx: Ctx, journey: Journey, cells: list[list[tuple[CardSpec, ...]]]) -> list[float]:
    """The narrowest width each column's cards and step header can live with."""
    g = ctx.g
    pad = 2 * g.space.cell_pad
    need = [0.0] * len(journey.columns)
    for lane_cells in cells:
        for i, cards in enumerate(lane_cells):
            for card in cards:
                need[i] = max(need[i], card_widths(ctx, card)[0] + pad)
    tag = max(content_widths(t(ctx.locale, f"emotion.{k}"), ctx.m, g.size.small, True)[0] for k in ("lowest", "highest"))
    for i, col in enumerate(journey.columns):
        size = g.size.step if col.is_step else g.size.stage
        need[i] = max(need[i], content_widths(col.name, ctx.m, size, True)[0] + 2 * g.space.card_pad_x + pad)
        emo = col.content.emotion
        if emo is not None:  # the label under the curve, and the tag that may call the moment out
            label = content_widths(emo.label, ctx.m, g.size.body, True)[0] if emo.label else 0.0
            need[i] = max(need[i], label + pad, tag + 2 * g.space.badge_pad_x + pad)
    return need


def size_columns(ctx: Ctx, journey: Journey, cells: list[list[tuple[CardSpec, ...]]], target: int | None) -> list[int]:
    """Integer column widths proportional to the stage weights, adding up exactly.

    One unit width (the width of a plain stage) is the largest of the
    theme's minimum, every column's content need divided by its weight and
    every stage name's need divided by its stage's weight.  Without a target
    the unit is at least the theme's preferred column width; with one the
    grid fills the target when it can (the caller grows the canvas otherwise).
    """
    g = ctx.g
    if not journey.columns:
        return []
    weights = column_weights(journey)
    unit = column_unit(ctx, journey, cells)
    total_w = float(sum(weights))
    least = int(-(-unit * total_w // 1))
    if target is None:
        target = int(-(-max(unit, g.column.preferred) * total_w // 1))
    return split_exact(max(target, least), weights)


def column_unit(ctx: Ctx, journey: Journey, cells: list[list[tuple[CardSpec, ...]]]) -> float:
    """The narrowest width of a plain stage (weight 1) that every column's content and stage name fit."""
    g = ctx.g
    unit = float(g.column.min)
    needs, weights = _column_needs(ctx, journey, cells), column_weights(journey)
    for need, w in zip(needs, weights):
        unit = max(unit, need / float(w))
    for st in journey.stages:
        a = content_widths(st.name, ctx.m, g.size.stage, True)[0] + 2 * g.space.card_pad_x + g.space.header_gap
        unit = max(unit, a / st.weight)
    unit = float(int(unit) + 1)  # integer shares may round a column down by under a pixel
    while any(int(unit * w) < n for n, w in zip(needs, weights)):  # ... each step's share too
        unit += 1.0
    return unit


# --------------------------------------------------------------------------- header rows

class HeaderCell(msgspec.Struct, frozen=True):
    """One header box before placement: its span, paint and text pieces (lines, size, role, bold)."""

    id: str
    cls: str
    role: str
    x0: float
    x1: float
    pieces: tuple[tuple[tuple[str, ...], float, str, bool], ...]
    label: str


def header_row(ctx: Ctx, cells: list[HeaderCell], y: float, pad_y: float, radius: float,
               anchor: str = "start") -> tuple[list[Element], float]:
    """Boxes of one header row, all as tall as the tallest, each text block centred vertically."""
    g = ctx.g
    gap, pad_x = g.space.header_gap, g.space.card_pad_x

    def content_h(cell: HeaderCell) -> float:
        return sum(len(lines) * ctx.line_h(size) for lines, size, _, _ in cell.pieces) + \
            PIECE_GAP * max(0, len(cell.pieces) - 1)

    if not cells:
        return [], 0.0
    h = max(content_h(c) for c in cells) + 2 * pad_y
    out: list[Element] = []
    for cell in cells:
        r = Rect(cell.x0 + gap / 2, y, cell.x1 - cell.x0 - gap, h)
        kids: list[Element] = [Box(r, cell.role, radius)]
        ty = y + (h - content_h(cell)) / 2
        x = r.x + r.w / 2 if anchor == "middle" else r.x + pad_x
        for lines, size, role, bold in cell.pieces:
            tb = text_block(ctx, lines, x, ty, size, role, bold=bold, anchor=anchor)
            kids.append(tb)
            ty = tb.box.bottom + PIECE_GAP
        out.append(Group(cell.id, cell.cls, tuple(kids), cell.label))
    return out, h


def _phase_cells(ctx: Ctx, journey: Journey, grid: Grid) -> list[HeaderCell]:
    g = ctx.g
    inner = 2 * g.space.card_pad_x + g.space.header_gap
    out = []
    for ph in journey.phases:
        first = journey.stages[ph.first].first
        last = journey.stages[ph.first + ph.count - 1]
        x0, x1 = grid.span(first, last.first + last.count - first)
        lines = wrapped(ctx, ph.name, x1 - x0 - inner, g.size.phase, True)
        out.append(HeaderCell(f"phase-{ph.id}", "phase", "phase", x0, x1, ((lines, g.size.phase, "phase.text", True),),
                              ph.name))
    return out


def _stage_cells(ctx: Ctx, journey: Journey, grid: Grid) -> list[HeaderCell]:
    g = ctx.g
    inner = 2 * g.space.card_pad_x + g.space.header_gap
    out = []
    for st in journey.stages:
        x0, x1 = grid.span(st.first, st.count)
        pieces = [(wrapped(ctx, st.name, x1 - x0 - inner, g.size.stage, True), g.size.stage, "stage.text", True)]
        # a stage with steps shows its steps' descriptions in the step row instead
        if st.description and not journey.columns[st.first].is_step:
            pieces.append((wrapped(ctx, st.description, x1 - x0 - inner, g.size.stage_description),
                           g.size.stage_description, "stage.text", False))
        out.append(HeaderCell(f"stage-{st.id}", "stage", "stage", x0, x1, tuple(pieces), st.name))
    return out


def _step_cells(ctx: Ctx, journey: Journey, grid: Grid) -> list[HeaderCell]:
    g = ctx.g
    inner = 2 * g.space.card_pad_x + g.space.header_gap
    out = []
    for i, col in enumerate(journey.columns):
        if not col.is_step:
            continue
        x0, x1 = grid.span(i, 1)
        pieces = [(wrapped(ctx, col.name, x1 - x0 - inner, g.size.step, True), g.size.step, "step.text", True)]
        if col.description:
            pieces.append((wrapped(ctx, col.description, x1 - x0 - inner, g.size.small), g.size.small, "step.text",
                           False))
        out.append(HeaderCell(f"step-{col.id}", "step", "step", x0, x1, tuple(pieces), col.name))
    return out


def place_headers(ctx: Ctx, journey: Journey, grid: Grid, y: float) -> tuple[list[Element], float]:
    """Phase, stage, storyboard and step rows, top to bottom; returns the elements and the y below them."""
    g = ctx.g
    gap = g.space.header_gap
    out: list[Element] = []
    rows = [(_phase_cells(ctx, journey, grid), g.space.band_pad_y, g.radius.header, "middle"),
            (_stage_cells(ctx, journey, grid), g.space.card_pad_y, g.radius.header, "start")]
    for cells, pad_y, radius, anchor in rows:
        els, h = header_row(ctx, cells, y, pad_y, radius, anchor)
        out += els
        y += h + gap if cells else 0.0
    pictures, h = place_storyboard(ctx, journey, grid, y)
    out += pictures
    y += h + gap if pictures else 0.0
    els, h = header_row(ctx, _step_cells(ctx, journey, grid), y, g.space.band_pad_y, g.radius.card)
    out += els
    y += h + gap if els else 0.0
    return out, y


def place_storyboard(ctx: Ctx, journey: Journey, grid: Grid, y: float) -> tuple[list[Element], float]:
    """A row of stage pictures under the stage headers, each fitted (aspect kept) to its stage's span."""
    g = ctx.g
    stages = [st for st in journey.stages if st.image and st.image in ctx.images]
    if not stages:
        return [], 0.0
    gap = g.space.header_gap
    h = g.storyboard_height
    out: list[Element] = []
    for st in stages:
        img = ctx.images[st.image]
        x0, x1 = grid.span(st.first, st.count)
        x0, x1 = x0 + gap / 2, x1 - gap / 2
        scale = min((x1 - x0) / img.width, h / img.height)
        w, ih = img.width * scale, img.height * scale
        rect = Rect(x0 + (x1 - x0 - w) / 2, y + (h - ih) / 2, w, ih)
        out.append(Group(f"storyboard-{st.id}", "storyboard", (Picture(rect, img.uri, False, "storyboard"),), st.name))
    return out, h


# --------------------------------------------------------------------------- rules

def column_rules(ctx: Ctx, journey: Journey, grid: Grid, header_top: float, top: float,
                 bottom: float) -> list[Element]:
    """Vertical rules between columns: dashed between steps, solid between stages, and stronger
    between phases, where they also run up through the header rows."""
    g = ctx.g
    stage_starts = {st.first for st in journey.stages}
    phase_starts = {journey.stages[ph.first].first for ph in journey.phases}
    out: list[Element] = []
    for i, x in enumerate(grid.xs[1:], start=1):
        if i in phase_starts:
            out.append(PathShape((("M", x, header_top), ("L", x, bottom)), "grid.phase", g.stroke.phase_rule,
                                 cls="rule phase-rule"))
        elif i in stage_starts:
            out.append(PathShape((("M", x, top), ("L", x, bottom)), "grid", g.stroke.grid, cls="rule"))
        else:
            out.append(PathShape((("M", x, top), ("L", x, bottom)), "grid", g.stroke.grid, (g.stroke.step_dash, g.stroke.step_dash),
                                 cls="rule step-rule"))
    return out


