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
from ..theme import Geometry
from .blocks import CardSpec, Ctx
from .cells import cards_for
from .emotion import pain_numbers
from .grid import Grid, column_rules, place_headers, size_columns
from .header import layout_sources, layout_top
from .legend import layout_legend
from .lanes import place_lanes
from .model import Box, Diagram, Group, Rect, TextBlock, walk
from .split import PartOf

DEFAULT_ID = "map"


class Options(msgspec.Struct, frozen=True):
    width: int | None = None  # total canvas width in px; None = the theme's preferred column width
    lanes: tuple[str, ...] | None = None  # lane ids to show, in this order
    images: dict = msgspec.field(default_factory=dict)  # spec reference -> cjmrender.images.Image
    part: PartOf | None = None  # set when the journey is a part of a longer map (a handout page)
    persona_cards: bool = True  # False: a later page or slide of a map, whose first one shows the personas


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


def measure_cells(ctx: Ctx, journey: Journey, lanes: tuple[LaneDef, ...],
                  first_pain: int = 0) -> list[list[tuple[CardSpec, ...]]]:
    """Card specs per lane, per column; pains numbered from ``first_pain + 1``."""
    numbers = pain_numbers(journey, first_pain)
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
    ctx = Ctx(geometry, measurer, journey.locale, dict(options.images))
    g = geometry
    lanes = select_lanes(journey, options.lanes)
    cells = measure_cells(ctx, journey, lanes, options.part.first_pain if options.part else 0)
    m = g.space.margin
    title_w = g.lane_title_width
    target = None if options.width is None else int(options.width - 2 * m - title_w - g.space.header_gap)
    floor = int(-(-header_min_width(ctx, journey, options.persona_cards) // 1)) - int(title_w + g.space.header_gap)
    widths = size_columns(ctx, journey, cells, target)
    if sum(widths) < floor:  # a short map with a long title or a persona: widen the columns, keep the grid
        widths = size_columns(ctx, journey, cells, floor)
    x0 = m + title_w + g.space.header_gap
    xs: list[float] = []
    for w in widths:
        xs.append(x0)
        x0 += w
    grid = Grid(tuple(xs), tuple(float(w) for w in widths), m, title_w)
    content_w = grid.right - m
    parts, y = layout_top(ctx, journey, m, content_w, options.persona_cards)
    header_top = y
    heads, y = place_headers(ctx, journey, grid, y)
    lane_top = y
    placed = place_lanes(ctx, journey, lanes, cells, grid, y, options.part)
    y = placed.bottom
    rules = column_rules(ctx, journey, grid, header_top, lane_top, y) if lanes else []
    # bands first, then rules, then everything else in each lane
    parts.append(Group("headers", "headers", tuple(heads)))
    parts.append(Group("bands", "bands", placed.bands))
    parts.append(Group("rules", "rules", tuple(rules)))
    parts.append(Group("lanes", "lanes", placed.lanes))
    y += g.space.section_gap
    legend, lh = layout_legend(ctx, journey, lanes, m, y, content_w, options.part)
    if legend is not None:
        parts.append(legend)
        y += lh + g.space.card_gap
    src, sh = layout_sources(ctx, journey, m, y + (g.space.card_gap if legend is None else 0), content_w)
    if src is not None:
        parts.append(src)
        y += sh
    width = grid.right + m
    height = y + m
    canvas = Box(Rect(0, 0, width, height), "canvas", 0.0, 0.0, "canvas")
    desc = _describe(journey, lanes)
    root = Group(DEFAULT_ID, "journey-map", (canvas, *parts), journey.title)
    missing = "".join(sorted({c for el in walk(root) if isinstance(el, TextBlock) and el.family
                              for ln in el.lines for c in measurer.missing(ln)}))
    return Diagram(width, height, journey.title, desc, journey.locale, g.font_family, root, missing)


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
