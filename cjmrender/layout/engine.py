"""Journey -> Diagram in small named passes.

``measure_cells -> size_columns -> header -> place_headers -> place_lanes ->
legend -> frame``.  Every pass takes plain data and returns plain data; the
theme's geometry and the text measurer are passed in, never global.
"""

from __future__ import annotations

import msgspec

from ..i18n import t
from ..spec.journey import BUILTIN_LANES, Journey, LaneDef
from ..text.measure import TextMeasurer
from ..text.wrap import content_widths
from ..theme import Geometry
from .blocks import CardSpec, Ctx, card_height, card_widths, place_card, text_block, wrapped
from .cells import cards_for
from .distribute import distribute
from .emotion import layout_emotion
from .header import layout_legend, layout_personas, layout_sources, layout_title
from .model import Box, Diagram, Element, Group, Path, Picture, Rect, TextBlock, walk

DEFAULT_ID = "map"


class Options(msgspec.Struct, frozen=True):
    width: int | None = None  # total canvas width in px; None = the theme's preferred column width
    lanes: tuple[str, ...] | None = None  # lane ids to show, in this order
    images: dict = msgspec.field(default_factory=dict)  # spec reference -> cjmrender.images.Image


class Grid(msgspec.Struct, frozen=True):
    xs: tuple[float, ...]
    widths: tuple[float, ...]
    left: float  # left edge of the lane-title column
    title_w: float

    @property
    def right(self) -> float:
        return self.xs[-1] + self.widths[-1]


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
    """Card specs per lane, per column."""
    return [[cards_for(ctx, lane, col.content) for col in journey.columns] for lane in lanes]


def size_columns(ctx: Ctx, journey: Journey, cells: list[list[tuple[CardSpec, ...]]], target: int | None) -> list[int]:
    """Integer column widths from (min, max) content, distributed exactly toward ``target``."""
    g = ctx.g
    pad = 2 * g.space.cell_pad
    n = len(journey.columns)
    lo = [g.column.min] * n
    hi = [g.column.min] * n
    for lane_cells in cells:
        for i, cards in enumerate(lane_cells):
            for card in cards:
                a, b = card_widths(ctx, card)
                lo[i], hi[i] = max(lo[i], a + pad), max(hi[i], b + pad)
    for i, col in enumerate(journey.columns):  # headers must fit too
        size = g.size.step if col.is_step else g.size.stage
        a, _ = content_widths(col.name, ctx.m, size, True)
        lo[i] = max(lo[i], a + 2 * g.space.card_pad_x + pad)
    mins = [int(-(-v // 1)) for v in lo]
    prefs = [max(m, int(min(h, g.column.max))) for m, h in zip(mins, hi)]
    if target is None:
        target = sum(max(m, min(p, int(g.column.preferred))) for m, p in zip(mins, prefs))
    return distribute(max(target, sum(mins)), mins, prefs)


def header_min_width(ctx: Ctx, journey: Journey) -> float:
    """Narrowest content width the title row, personas and legend can live with."""
    g = ctx.g
    badge = ctx.m.width(t(ctx.locale, f"state.{journey.state}"), g.size.badge, True) + 2 * g.space.card_pad_x
    title_min, _ = content_widths(journey.title, ctx.m, g.size.title, True)
    need = title_min + badge + g.space.section_gap
    if journey.personas:
        need = max(need, g.persona.width)
    for text in (journey.goal, journey.scenario):
        if text:
            need = max(need, content_widths(text, ctx.m, g.size.subtitle)[0])
    return need


def place_headers(ctx: Ctx, journey: Journey, grid: Grid, y: float) -> tuple[list[Element], float]:
    """Phase, stage and step header rows; each row as tall as its tallest cell."""
    g = ctx.g
    gap = g.space.header_gap
    pad_x, pad_y = g.space.card_pad_x, g.space.card_pad_y
    out: list[Element] = []
    if journey.phases:
        h = 0.0
        specs = []
        for ph in journey.phases:
            cols = [c for s in journey.stages[ph.first:ph.first + ph.count] for c in range(s.first, s.first + s.count)]
            x0, x1 = grid.xs[cols[0]], grid.xs[cols[-1]] + grid.widths[cols[-1]]
            lines = wrapped(ctx, ph.name, x1 - x0 - 2 * gap - 2 * pad_x, g.size.phase, True)
            specs.append((ph, x0, x1, lines))
            h = max(h, len(lines) * ctx.line_h(g.size.phase) + 2 * (pad_y - 2))
        for ph, x0, x1, lines in specs:
            r = Rect(x0 + gap / 2, y, x1 - x0 - gap, h)
            tb = text_block(ctx, lines, r.x + r.w / 2, y + pad_y - 2, g.size.phase, "phase.text", bold=True, anchor="middle")
            out.append(Group(f"phase-{ph.id}", "phase", (Box(r, "phase", g.radius.header), tb), ph.name))
        y += h + gap
    # stage row
    specs2 = []
    h = 0.0
    for st in journey.stages:
        x0 = grid.xs[st.first]
        x1 = grid.xs[st.first + st.count - 1] + grid.widths[st.first + st.count - 1]
        inner = x1 - x0 - gap - 2 * pad_x
        name = wrapped(ctx, st.name, inner, g.size.stage, True)
        # a stage with steps shows its steps' descriptions in the step row instead
        has_steps = journey.columns[st.first].is_step
        desc = wrapped(ctx, st.description, inner, g.size.stage_description) if st.description and not has_steps else ()
        hh = len(name) * ctx.line_h(g.size.stage) + (len(desc) * ctx.line_h(g.size.stage_description) + 2 if desc else 0)
        specs2.append((st, x0, x1, name, desc))
        h = max(h, hh + 2 * pad_y)
    for st, x0, x1, name, desc in specs2:
        r = Rect(x0 + gap / 2, y, x1 - x0 - gap, h)
        kids: list[Element] = [Box(r, "stage", g.radius.header)]
        tb = text_block(ctx, name, r.x + pad_x, y + pad_y, g.size.stage, "stage.text", bold=True)
        kids.append(tb)
        if desc:
            kids.append(text_block(ctx, desc, r.x + pad_x, tb.box.bottom + 2, g.size.stage_description, "stage.text"))
        out.append(Group(f"stage-{st.id}", "stage", tuple(kids), st.name))
    y += h + gap
    y = place_storyboard(ctx, journey, grid, y, out)
    if journey.has_steps:
        h = 0.0
        specs3 = []
        for i, col in enumerate(journey.columns):
            inner = grid.widths[i] - gap - 2 * pad_x
            name = wrapped(ctx, col.name, inner, g.size.step, True) if col.is_step else ()
            desc = wrapped(ctx, col.description, inner, g.size.small) if col.is_step and col.description else ()
            hh = len(name) * ctx.line_h(g.size.step) + (len(desc) * ctx.line_h(g.size.small) + 2 if desc else 0)
            specs3.append((i, col, name, desc))
            h = max(h, hh + 2 * (pad_y - 2))
        for i, col, name, desc in specs3:
            if not col.is_step:
                continue
            r = Rect(grid.xs[i] + gap / 2, y, grid.widths[i] - gap, h)
            kids = [Box(r, "step", g.radius.card)]
            tb = text_block(ctx, name, r.x + pad_x, y + pad_y - 2, g.size.step, "step.text", bold=True)
            kids.append(tb)
            if desc:
                kids.append(text_block(ctx, desc, r.x + pad_x, tb.box.bottom + 2, g.size.small, "step.text"))
            out.append(Group(f"step-{col.id}", "step", tuple(kids), col.name))
        y += h + gap
    return out, y


def place_storyboard(ctx: Ctx, journey: Journey, grid: Grid, y: float, out: list[Element]) -> float:
    """A row of stage pictures under the stage headers, each fitted (aspect kept) to its stage's span."""
    g = ctx.g
    stages = [st for st in journey.stages if st.image and st.image in ctx.images]
    if not stages:
        return y
    gap = g.space.header_gap
    h = g.storyboard_height
    for st in stages:
        img = ctx.images[st.image]
        x0 = grid.xs[st.first] + gap / 2
        x1 = grid.xs[st.first + st.count - 1] + grid.widths[st.first + st.count - 1] - gap / 2
        scale = min((x1 - x0) / img.width, h / img.height)
        w, ih = img.width * scale, img.height * scale
        rect = Rect(x0 + (x1 - x0 - w) / 2, y + (h - ih) / 2, w, ih)
        out.append(Group(f"storyboard-{st.id}", "storyboard", (Picture(rect, img.uri, False, "storyboard"),), st.name))
    return y + h + gap


def place_lanes(ctx: Ctx, journey: Journey, lanes: tuple[LaneDef, ...], cells: list[list[tuple[CardSpec, ...]]],
                grid: Grid, y: float) -> tuple[list[Element], float]:
    g = ctx.g
    pad = g.space.cell_pad
    out: list[Element] = []
    for li, lane in enumerate(lanes):
        tpad = g.space.lane_title_pad
        title_lines = wrapped(ctx, lane.title, grid.title_w - 2 * tpad, g.size.lane_title, True)
        title_h = len(title_lines) * ctx.line_h(g.size.lane_title)
        kids: list[Element] = []
        if lane.kind == "emotion":
            emo = layout_emotion(ctx, journey, list(grid.xs), list(grid.widths), y, title_h,
                                 (grid.left, grid.title_w, y + pad + title_h))
            height = max(emo.height, title_h + 2 * pad)
            body: list[Element] = list(emo.elements)
            extra: list[Element] = list(emo.scale_labels)
        else:
            body, extra = [], []
            heights = []
            for i, cards in enumerate(cells[li]):
                w = grid.widths[i] - 2 * pad
                hs = [card_height(ctx, c, w) for c in cards]
                heights.append(sum(hs) + g.space.card_gap * max(0, len(hs) - 1))
            height = max([title_h] + heights) + 2 * pad
            for i, cards in enumerate(cells[li]):
                cy = y + pad
                col = journey.columns[i]
                placed: list[Element] = []
                for k, card in enumerate(cards):
                    grp, h = place_card(ctx, card, grid.xs[i] + pad, cy, grid.widths[i] - 2 * pad,
                                        f"card-{lane.id}-{col.id}-{k + 1}")
                    placed.append(grp)
                    cy += h + g.space.card_gap
                if placed:
                    body.append(Group(f"cell-{lane.id}-{col.id}", "cell", tuple(placed)))
        band = Box(Rect(grid.left, y, grid.right - grid.left, height), "lane.band.alt" if li % 2 else "lane.band", 0.0,
                   0.0, "band")
        title_box = Box(Rect(grid.left, y, grid.title_w, height), "lane.title", 0.0, 0.0, "lane-title")
        title = text_block(ctx, title_lines, grid.left + tpad, y + pad, g.size.lane_title, "lane.title.text",
                           bold=True, cls="lane-title")
        kids = [band, title_box, title, *extra, *body]
        out.append(Group(f"lane-{lane.id}", f"lane lane-{lane.kind}", tuple(kids), lane.title))
        y += height + g.space.lane_gap
    return out, y - g.space.lane_gap


def column_rules(ctx: Ctx, grid: Grid, top: float, bottom: float) -> list[Element]:
    """Thin vertical rules between columns, under the lanes."""
    out: list[Element] = []
    for x in grid.xs[1:]:
        out.append(Path((("M", x, top), ("L", x, bottom)), "grid", ctx.g.stroke.grid, cls="rule"))
    return out


def layout(journey: Journey, geometry: Geometry, measurer: TextMeasurer, options: Options = Options()) -> Diagram:
    """Lay ``journey`` out; pure: equal input gives equal output."""
    ctx = Ctx(geometry, measurer, journey.locale, dict(options.images))
    g = geometry
    lanes = select_lanes(journey, options.lanes)
    cells = measure_cells(ctx, journey, lanes)
    m = g.space.margin
    title_w = g.lane_title_width
    target = None if options.width is None else int(options.width - 2 * m - title_w - g.space.header_gap)
    widths = size_columns(ctx, journey, cells, target)
    floor = int(-(-header_min_width(ctx, journey) // 1)) - int(title_w + g.space.header_gap)
    if sum(widths) < floor:  # a short map with a long title or a persona: widen the columns, keep the grid
        widths = size_columns(ctx, journey, cells, floor)
    x0 = m + title_w + g.space.header_gap
    xs: list[float] = []
    for w in widths:
        xs.append(x0)
        x0 += w
    grid = Grid(tuple(xs), tuple(float(w) for w in widths), m, title_w)
    content_w = grid.right - m
    y = m
    header, hh = layout_title(ctx, journey, m, y, content_w)
    parts: list[Element] = [header]
    y += hh + g.space.section_gap
    personas, ph = layout_personas(ctx, journey, m, y, content_w)
    if personas is not None:
        parts.append(personas)
        y += ph + g.space.section_gap
    heads, y = place_headers(ctx, journey, grid, y)
    lane_top = y
    lane_els, y = place_lanes(ctx, journey, lanes, cells, grid, y)
    rules = column_rules(ctx, grid, lane_top, y) if lanes else []
    # bands first, then rules, then everything else in each lane
    lanes_built = [gr for gr in lane_els if isinstance(gr, Group)]
    bands = [Group(f"{gr.id}-band", "band", gr.children[:1]) for gr in lanes_built]  # each lane's band box
    lane_groups = [Group(gr.id, gr.cls, gr.children[1:], gr.label) for gr in lanes_built]
    parts.append(Group("headers", "headers", tuple(heads)))
    parts.append(Group("bands", "bands", tuple(bands)))
    parts.append(Group("rules", "rules", tuple(rules)))
    parts.append(Group("lanes", "lanes", tuple(lane_groups)))
    y += g.space.section_gap
    legend, lh = layout_legend(ctx, journey, m, y, content_w)
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
