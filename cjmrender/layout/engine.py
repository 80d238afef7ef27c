"""Journey -> Diagram in small named passes.

``measure_cells -> size_columns -> layout_title -> layout_personas ->
place_headers -> place_lanes -> column_rules -> layout_legend -> frame``.
Every pass takes plain data and returns plain data (parts such as bands and
lanes, for the next pass to compose); the theme's geometry and the text
measurer are passed in, never global.
"""

from __future__ import annotations

import msgspec

from ..i18n import t
from ..spec.journey import BUILTIN_LANES, Journey, LaneDef
from ..text.measure import TextMeasurer
from ..text.wrap import content_widths
from ..geometry import Geometry
from .blocks import CardSpec, Ctx
from .cells import cards_for
from .emotion import pain_numbers
from .distribute import split_exact
from .grid import Grid, column_rules, column_unit, column_weights, place_headers, size_columns
from .header import layout_sources, layout_top
from .legend import layout_legend
from .lanes import place_lanes
from .model import Box, Diagram, Element, Group, Rect, TextBlock, walk
from .split import greedy_runs, stage_columns, stage_run

DEFAULT_ID = "map"


class Options(msgspec.Struct, frozen=True):
    width: int | None = None  # total canvas width in px; None = the theme's preferred column width
    lanes: tuple[str, ...] | None = None  # lane ids to show, in this order
    images: dict = msgspec.field(default_factory=dict)  # spec reference -> cjmrender.images.Image
    wrap: int | None = None  # fit a column this wide (px): stack runs of whole stages as rows that fit it
    run: tuple | None = None
    """(whole journey, index of its first column) when ``journey`` is a part of a longer map (a handout
    page, see :func:`.split.column_run`): pain numbers, lowest and highest moments and the curve's stubs
    are the whole map's."""
    persona_cards: bool = True  # False: a later page or slide of a map, whose first one shows the personas
    bare: bool = False  # leave out the title block and persona cards (a report prints them elsewhere)


def select_lanes(journey: Journey, lanes: tuple[str, ...] | None) -> tuple[LaneDef, ...]:
    if lanes is None:
        return journey.lanes
    by_id = {ln.id: ln for ln in journey.lanes}
    out = []
    for name in lanes:
        lane = by_id.get(name)
        if lane is None:  # a built-in lane the map did not list (the pipeline has checked the name)
            if name not in BUILTIN_LANES:
                raise KeyError(name)
            lane = LaneDef(name, name, t(journey.locale, f"lane.{name}"))
        out.append(lane)
    return tuple(out)


def measure_cells(ctx: Ctx, journey: Journey, lanes: tuple[LaneDef, ...]) -> list[list[tuple[CardSpec, ...]]]:
    """Card specs per lane, per column; pains numbered across the whole map (``ctx.run``)."""
    whole, first = ctx.run or (journey, 0)
    numbers = pain_numbers(whole)[first:first + len(journey.columns)]
    return [[cards_for(ctx, lane, col.content, nums) for col, nums in zip(journey.columns, numbers)] for lane in lanes]


def header_min_width(ctx: Ctx, journey: Journey, persona_cards: bool = True) -> float:
    """Narrowest content width the title row, personas and legend can live with."""
    g = ctx.g
    badge = ctx.m.width(t(ctx.locale, f"state.{journey.state}"), g.size.badge, True) + 2 * g.space.card_pad_x \
        if journey.state else 0.0
    title_min, _ = content_widths(journey.title, ctx.m, g.size.title, True)
    need = title_min + badge + g.space.section_gap
    if journey.personas and persona_cards:
        need = max(need, g.persona.width)
    for text in (journey.goal, journey.scenario):
        if text:
            need = max(need, content_widths(text, ctx.m, g.size.subtitle)[0])
    return need


def layout(journey: Journey, geometry: Geometry, measurer: TextMeasurer, options: Options = Options()) -> Diagram:
    """Lay ``journey`` out; pure: equal input gives equal output."""
    ctx = Ctx(geometry, measurer, journey.locale, dict(options.images), run=options.run)
    g = geometry
    lanes = select_lanes(journey, options.lanes)
    cells = measure_cells(ctx, journey, lanes)
    m = g.space.margin
    title_w = g.lane_title_width
    runs, row_widths = wrap_runs(ctx, journey, cells, options.wrap) if options.wrap else ([(0, 0)], [])
    if len(runs) > 1:
        parts, y, right = _rows(ctx, journey, lanes, cells, runs, row_widths, options.bare)
    else:
        target = None if options.width is None else int(options.width - 2 * m - title_w - g.space.header_gap)
        floor = int(-(-header_min_width(ctx, journey, options.persona_cards) // 1)) - int(title_w + g.space.header_gap)
        widths = size_columns(ctx, journey, cells, target)
        if sum(widths) < floor and not options.bare:  # a short map with a long title or a persona: widen the columns
            widths = size_columns(ctx, journey, cells, floor)
        grid = _grid(g, widths)
        parts, y = ([], m) if options.bare else layout_top(ctx, journey, m, grid.right - m, options.persona_cards)
        parts += _body(ctx, journey, lanes, cells, grid, y)
        y, right = parts.pop(), grid.right
    content_w = right - m
    y += g.space.section_gap
    legend, lh = layout_legend(ctx, journey, lanes, m, y, content_w)
    if legend is not None:
        parts.append(legend)
        y += lh + g.space.card_gap
    src, sh = layout_sources(ctx, journey, m, y + (g.space.card_gap if legend is None else 0), content_w)
    if src is not None:
        parts.append(src)
        y += sh
    width = right + m
    height = y + m
    canvas = Box(Rect(0, 0, width, height), "canvas", 0.0, 0.0, "canvas")
    desc = _describe(journey, lanes)
    root = Group(DEFAULT_ID, "journey-map", (canvas, *parts), journey.title)
    missing = "".join(sorted({c for el in walk(root) if isinstance(el, TextBlock) and el.family
                              for ln in el.lines for c in measurer.missing(ln)}))
    return Diagram(width, height, journey.title, desc, journey.locale, g.font_family, root, missing)


def _grid(g: Geometry, widths: list[int]) -> Grid:
    """The grid of ``widths`` columns, left-aligned after the lane titles."""
    m, x0 = g.space.margin, g.space.margin + g.lane_title_width + g.space.header_gap
    xs: list[float] = []
    for w in widths:
        xs.append(x0)
        x0 += w
    return Grid(tuple(xs), tuple(float(w) for w in widths), m, g.lane_title_width)


def _body(ctx: Ctx, journey: Journey, lanes: tuple[LaneDef, ...], cells: list[list[tuple[CardSpec, ...]]],
          grid: Grid, y: float) -> list:
    """Stage headers, lane bands, rules and lanes from ``y``; the last item is the y below them."""
    header_top = y
    heads, y = place_headers(ctx, journey, grid, y)
    lane_top = y
    placed = place_lanes(ctx, journey, lanes, cells, grid, y)
    rules = column_rules(ctx, journey, grid, header_top, lane_top, placed.bottom) if lanes else []
    # bands first, then rules, then everything else in each lane
    return [Group("headers", "headers", tuple(heads)), Group("bands", "bands", placed.bands),
            Group("rules", "rules", tuple(rules)), Group("lanes", "lanes", placed.lanes), placed.bottom]


def wrap_runs(ctx: Ctx, journey: Journey, cells: list[list[tuple[CardSpec, ...]]], column: int
              ) -> tuple[list[tuple[int, int]], list[int]]:
    """Runs of whole stages that fit a ``column`` px wide, and the width of every map column.

    Columns are as narrow as their content allows while choosing the runs, then all grow by one
    factor so that the fullest row fills the column; the grid lines up from row to row.  A stage
    too wide for the column on its own makes a row of its own, wider than the column.
    """
    g = ctx.g
    unit = column_unit(ctx, journey, cells)
    weights = column_weights(journey)
    room = column - 2 * g.space.margin - g.lane_title_width - g.space.header_gap

    def row(first: int, count: int) -> list:
        c0, c1 = stage_columns(journey, first, count)
        return weights[c0:c1]

    runs = greedy_runs(len(journey.stages), lambda first, count: unit * sum(row(first, count)) <= room)
    unit = max(unit, min(float(g.column.preferred), room / max(sum(row(a, n)) for a, n in runs)))
    widths: list[int] = []
    for a, n in runs:
        widths += split_exact(int(unit * sum(row(a, n))), row(a, n))
    return runs, widths


def _rows(ctx: Ctx, journey: Journey, lanes: tuple[LaneDef, ...], cells: list[list[tuple[CardSpec, ...]]],
          runs: list[tuple[int, int]], widths: list[int], bare: bool = False) -> tuple[list, float, float]:
    """The map as rows of whole stages, one under the other, each with its headers and lane titles.

    Pain numbers and the lowest and highest moments are the whole map's (each row's context names
    the whole journey), and each row's curve leaves and enters with a stub.
    """
    g = ctx.g
    bounds = [stage_columns(journey, a, n) for a, n in runs]
    right = max(_grid(g, widths[c0:c1]).right for c0, c1 in bounds)
    if not bare:
        right = max(right, g.space.margin + header_min_width(ctx, journey))
    parts, y = ([], g.space.margin) if bare else layout_top(ctx, journey, g.space.margin, right - g.space.margin)
    for k, ((first, count), (c0, c1)) in enumerate(zip(runs, bounds)):
        part = stage_run(journey, first, count, keep_header=True)
        row_ctx = msgspec.structs.replace(ctx, run=(journey, c0))
        body = _body(row_ctx, part, lanes, [lane[c0:c1] for lane in cells], _grid(g, widths[c0:c1]), y)
        y = body.pop() + g.space.section_gap
        parts.append(_suffixed(Group("row", "row", tuple(body)), f"-{k + 1}"))
    return parts, y - g.space.section_gap, right


def _suffixed(el: Element, suffix: str) -> Element:
    """``el`` with ``suffix`` added to every group id in it, so that rows never repeat an id."""
    if not isinstance(el, Group):
        return el
    return msgspec.structs.replace(el, id=el.id + suffix, children=tuple(_suffixed(c, suffix) for c in el.children))


def _describe(journey: Journey, lanes: tuple[LaneDef, ...]) -> str:
    """A plain-text summary for ``<desc>`` (screen readers, search)."""
    stages = ", ".join(s.name for s in journey.stages)
    lane_names = ", ".join(ln.title for ln in lanes)
    parts = [f"Customer journey map: {journey.title}."]
    if journey.goal:
        parts.append(f"Goal: {journey.goal}.")
    parts.append(f"Stages: {stages}.")
    if lane_names:
        parts.append(f"Lanes: {lane_names}.")
    emo = [(c.name, c.content.emotion.score) for c in journey.columns if c.content.emotion]
    if emo:
        low = min(emo, key=lambda e: e[1])
        high = max(emo, key=lambda e: e[1])
        parts.append(f"Emotion is lowest at {low[0]} and highest at {high[0]}.")
    return " ".join(parts)
