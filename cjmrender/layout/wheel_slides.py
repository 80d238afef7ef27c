"""The experience wheel on 16:9 slides: an overview, then a detail slide per phase.

A wheel is round and a slide is wide, so the overview puts the personas,
the legend and the numbered pains/opportunities list in a column beside the
wheel (:func:`overview`), as wide as fills the slide best.  A wheel's own
labels are too small to read from across a room, so each detail slide
(:func:`detail`) pairs a wheel without text, the shown stages' sectors
highlighted so the audience sees where in the journey they are, with the
stages' full content beside it at ``body`` px or more: step names, emotion
labels, actions, and the pains and opportunities under the same numbers as
on the overview.  A phase whose content does not fit one slide is split
into runs of whole stages (:func:`panel_height` lets the caller choose them).
"""

from __future__ import annotations

import msgspec

from ..i18n import t
from ..spec.journey import Journey
from ..text.measure import TextMeasurer
from ..geometry import Geometry
from .blocks import Ctx, text_block, wrapped
from .engine import DEFAULT_ID, Options, select_lanes
from .model import Box, Diagram, Element, Group, PathShape, Rect, TextBlock, walk
from .target import with_type_factor
from .wheel import column_angles, contents, layout_wheel, phase_spans, stage_angles
from .wheel_emotion import Track, draw_emotion, emotion_series
from .wheel_geom import TAU, sector_path
from .wheel_labels import STEP_JOIN, badge, badge_size

SIDE_WIDTHS = (1.0, 1.3, 1.6, 2.0, 2.5)
"""Widths tried for the overview's side column, in persona-card widths."""
WHEEL_SHARE = 0.46
"""Largest share of a detail slide's width the wheel takes; the stage details get the rest."""
RADII = {"hub": 0.22, "track": 0.6, "stage_in": 0.63, "stage_out": 0.9, "phase_in": 0.93}
"""Rings of the detail slides' wheel, as fractions of its radius (it holds no text, only marks)."""
FACE_SHARE = 0.045
"""Faces on the detail slides' wheel, as a fraction of its radius: a wheel drawn large keeps them in proportion."""
ITEM_GAP = 0.35
"""Space between two items of the detail panel, in body lines."""


def overview(journey: Journey, geometry: Geometry, measurer: TextMeasurer, options: Options, box_w: float,
             box_h: float) -> tuple[Diagram, float]:
    """The wheel with its side column, at the column width that prints largest in the box; and that scale."""
    m = 2 * geometry.space.margin
    best: tuple[Diagram, float] | None = None
    for f in SIDE_WIDTHS:
        d = layout_wheel(journey, geometry, measurer, options, beside=geometry.persona.width * f)
        scale = min(box_w / (d.width - m), box_h / (d.height - m))
        if best is None or scale > best[1] + 1e-9:
            best = (d, scale)
    assert best is not None
    return best


def detail_geometry(geometry: Geometry, body: float, margin: float) -> Geometry:
    """Type grown until the smallest text is ``body`` px; the slide's margin."""
    g = with_type_factor(geometry, body / geometry.size.small)
    return msgspec.structs.replace(g, space=msgspec.structs.replace(g.space, margin=margin))


def _panel(ctx: Ctx, journey: Journey, options: Options, first: int, count: int, x: float, y: float, width: float
           ) -> tuple[list[Element], float]:
    """The stages' content from ``y`` down in a column ``width`` wide; the elements and the bottom."""
    g = ctx.g
    lanes = select_lanes(journey, options.lanes)
    content, notes = contents(journey, lanes)
    texts = iter(text for _, _, text in notes)
    for c in content[:first]:
        for _ in c.badges:
            next(texts)
    series = emotion_series(journey)
    names = {k: p.name for k, p in enumerate(journey.personas)}
    body, lh = g.size.body, ctx.line_h(g.size.body)
    out: list[Element] = []
    for k in range(first, first + count):
        st, c = journey.stages[k], content[k]
        kids: list[Element] = []
        tb = text_block(ctx, wrapped(ctx, st.name, width, g.size.stage, True), x, y, g.size.stage, "title", bold=True,
                        cls="stage-name")
        kids.append(tb)
        y = tb.box.bottom
        rows: list[tuple[str, str, bool]] = []
        if c.steps:
            rows.append((STEP_JOIN.join(c.steps), "subtitle", True))
        cols = range(st.first, st.first + st.count)
        for i in cols if any(ln.kind == "emotion" for ln in lanes) else ():
            feel = [e.label if s is None else f"{names[s]} ({e.label})" for s, pts in series for j, e in pts
                    if j == i and e.label]
            if feel:
                prefix = journey.columns[i].name if c.steps else t(ctx.locale, "legend.emotion")
                rows.append((f"{prefix}: " + ", ".join(feel), "emotion.label", False))
        if any(ln.kind == "actions" for ln in lanes):
            rows += [(f"• {a.text}", "title", False) for i in cols for a in journey.columns[i].content.actions]
        for text, role, bold in rows:
            tb = text_block(ctx, wrapped(ctx, text, width, body, bold), x, y + ITEM_GAP * lh, body, role, bold=bold)
            kids.append(tb)
            y = tb.box.bottom
        for b in c.badges:
            bw, bh = badge_size(ctx, b.number)
            top = y + ITEM_GAP * lh
            kids.append(badge(ctx, b, x, top + (lh - bh) / 2, f"detail-{b.kind}-{b.number}"))
            tb = text_block(ctx, wrapped(ctx, next(texts), width - bw - g.space.icon_gap, body), x + bw + g.space.icon_gap,
                            top, body, "title", cls="note")
            kids.append(tb)
            y = tb.box.bottom
        out.append(Group(f"detail-{st.id}", "stage-detail", tuple(kids), st.name))
        y += g.space.section_gap
    return out, y - g.space.section_gap


def _wheel(ctx: Ctx, journey: Journey, shown: range, cx: float, cy: float, radius: float, faces: bool
           ) -> list[Element]:
    """The wheel without text: emotion track, curves and faces; the shown stages' sectors highlighted."""
    g = ctx.g
    fr = max(g.emotion.face_radius, FACE_SHARE * radius)
    ctx = msgspec.structs.replace(ctx, g=msgspec.structs.replace(g, emotion=msgspec.structs.replace(
        g.emotion, face_radius=fr)))
    gap = 4.0
    n = len(journey.columns)
    hub = max(RADII["hub"] * radius, n * (2 * fr + gap) / TAU - fr - gap)
    track = max(RADII["track"] * radius, hub + 4 * (fr + gap))
    tr = Track(hub, hub + fr + gap, track - fr - gap, track)
    out = draw_emotion(ctx, journey, column_angles(journey), tr, cx, cy, faces, [])
    stage_in = max(RADII["stage_in"] * radius, track + gap)
    stage_out = max(RADII["stage_out"] * radius, stage_in + 2 * gap) if journey.phases else radius
    for k, (a0, a1) in enumerate(stage_angles(journey)):
        role = "stage.fill" if k in shown else "step.fill"
        out.append(PathShape(sector_path(cx, cy, stage_in, stage_out, a0, a1, gap), role,
                             cls="sector shown" if k in shown else "sector"))
    for (a0, a1) in phase_spans(journey):
        out.append(PathShape(sector_path(cx, cy, max(RADII["phase_in"] * radius, stage_out + gap), radius, a0, a1,
                                         gap), "phase.fill", cls="phase-arc"))
    return out


def panel_height(journey: Journey, geometry: Geometry, measurer: TextMeasurer, options: Options, first: int,
                 count: int, slide_w: float) -> float:
    """Height of the stages' detail column on a ``slide_w`` wide slide (for choosing runs of stages)."""
    ctx = Ctx(geometry, measurer, journey.locale)
    x, width = _panel_x(geometry, slide_w)
    return _panel(ctx, journey, options, first, count, x, 0.0, width)[1]


def _panel_x(g: Geometry, slide_w: float) -> tuple[float, float]:
    m = g.space.margin
    x = m + WHEEL_SHARE * (slide_w - 2 * m) + g.space.section_gap
    return x, slide_w - m - x


def detail(journey: Journey, geometry: Geometry, measurer: TextMeasurer, options: Options, first: int, count: int,
           slide_w: float, slide_h: float, heading: str) -> Diagram:
    """One detail slide: ``heading``, the wheel with stages ``first..first+count-1`` highlighted, their content."""
    ctx = Ctx(geometry, measurer, journey.locale)
    g = geometry
    m = g.space.margin
    head = text_block(ctx, wrapped(ctx, heading, slide_w - 2 * m, g.size.title_long, True), m, m, g.size.title_long,
                      "title", bold=True, cls="title")
    top = head.box.bottom + g.space.section_gap
    x, width = _panel_x(g, slide_w)
    panel, bottom = _panel(ctx, journey, options, first, count, x, top, width)
    height = max(slide_h, bottom + m)
    radius = min(WHEEL_SHARE * (slide_w - 2 * m), height - m - top) / 2
    faces = any(ln.kind == "emotion" for ln in select_lanes(journey, options.lanes))
    wheel = _wheel(ctx, journey, range(first, first + count), m + radius, top + radius, radius, faces)
    canvas = Box(Rect(0, 0, slide_w, height), "canvas", 0.0, 0.0, "canvas")
    root = Group(DEFAULT_ID, "journey-map journey-wheel wheel-detail",
                 (canvas, Group("header", "header", (head,)), Group("wheel", "wheel", tuple(wheel)),
                  Group("details", "details", tuple(panel))), heading)
    missing = "".join(sorted({c for el in walk(root) if isinstance(el, TextBlock) and el.family
                              for ln in el.lines for c in measurer.missing(ln)}))
    desc = f"{heading}: " + ", ".join(s.name for s in journey.stages[first:first + count])
    return Diagram(slide_w, height, heading, desc, journey.locale, g.font_family, root, missing)


__all__ = ["detail", "detail_geometry", "overview", "panel_height"]
