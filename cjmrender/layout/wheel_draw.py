"""Drawing the placed wheel: rings, sectors, faces, curve, labels and leaders; and the badge list.

Everything is already decided by :mod:`.wheel`; this module only turns the
decisions (radii, angles, label boxes relative to the centre) into diagram
elements at the wheel's centre ``(cx, cy)``.
"""

from __future__ import annotations

from ..i18n import t
from ..spec.journey import Journey
from .blocks import Ctx, text_block, wrapped
from .emotion_personas import line_swatch, persona_series
from .model import Box, Element, Group, PathShape, Rect
from .wheel_emotion import emotion_series, face_radius_for
from .wheel_geom import radial_line, ray_exit, sector_path
from .wheel_labels import Badge, badge, badge_size, draw_label

LIST_GAP = 8.0
"""Gap between a badge and its text in the list under the wheel."""


def draw_sectors(ctx: Ctx, journey: Journey, stages: list[tuple[float, float]], placed: list, r, cx: float,
                 cy: float) -> list[Element]:
    """One group per stage, in journey order: its sector, its label, and a leader when the label is outside."""
    g = ctx.g
    out: list[Element] = []
    for st, (a0, a1), p in zip(journey.stages, stages, placed):
        kids: list[Element] = [PathShape(sector_path(cx, cy, r.stage_in, r.stage_out, a0, a1, 2 * RING_GAP_PX),
                                    "step.fill", cls="sector")]
        x, y, w, h = p.box
        if p.outside:
            a = (a0 + a1) / 2
            end = ray_exit(p.box, a) - LEADER_END
            kids.append(PathShape(radial_line(cx, cy, r.rim + LEADER_END, end, a), "subtitle", g.stroke.grid, cls="leader"))
        kids += draw_label(ctx, p.label, cx + x, cy + y, f"label-{st.id}")
        out.append(Group(f"stage-{st.id}", "stage sector" + (" label-outside" if p.outside else ""), tuple(kids),
                         st.name))
    return out


RING_GAP_PX = 2.0
"""Half the background gap drawn between two sectors."""
LEADER_END = 3.0
"""Leader lines stop this far short of the rim and of their label."""


def draw_phases(ctx: Ctx, journey: Journey, spans: list[tuple[float, float]], names: list, r, cx: float,
                cy: float) -> list[Element]:
    """Each phase's arc, and its name beyond it on the canvas."""
    g = ctx.g
    out: list[Element] = []
    for ph, (a0, a1), (lines, box) in zip(journey.phases, spans, names):
        x, y, w, _ = box
        kids: list[Element] = [
            PathShape(sector_path(cx, cy, r.phase_in, r.phase_out, a0, a1, 2 * RING_GAP_PX), "phase.fill", cls="phase-arc"),
            text_block(ctx, lines, cx + x + w / 2, cy + y, g.size.phase, "title", bold=True,
                       anchor="middle",
                       cls="phase-name"),
        ]
        out.append(Group(f"phase-{ph.id}", "phase", tuple(kids), ph.name))
    return out


def layout_notes(ctx: Ctx, journey: Journey, notes: list[tuple[Badge, str, str]], x: float, y: float,
                 width: float) -> tuple[Group | None, float]:
    """The text the badges stand for: pains in one column, opportunities in the next (stacked when narrow)."""
    if not notes:
        return None, 0.0
    g = ctx.g
    kinds = [k for k in ("pain", "opportunity") if any(b.kind == k for b, _, _ in notes)]
    min_col = g.persona.width
    two = len(kinds) == 2 and width >= 2 * min_col + g.space.section_gap
    col_w = (width - g.space.section_gap) / 2 if two else width
    kids: list[Element] = []
    bottom = y
    top = y
    for i, kind in enumerate(kinds):
        cx0 = x + (i * (col_w + g.space.section_gap) if two else 0.0)
        cy = top if two else bottom + (g.space.card_gap if i else 0.0)
        title = t(ctx.locale, "lane.pains" if kind == "pain" else "lane.opportunities")
        tb = text_block(ctx, wrapped(ctx, title, col_w, g.size.lane_title, True), cx0, cy, g.size.lane_title,
                        "title", bold=True, cls="notes-title")
        kids.append(tb)
        cy = tb.box.bottom + g.space.card_gap
        for b, stage, text in notes:
            if b.kind != kind:
                continue
            bw, bh = badge_size(ctx, b.number)
            inner = col_w - bw - LIST_GAP
            lines = wrapped(ctx, f"{stage}: {text}", inner, g.size.small)
            lh = ctx.line_h(g.size.small)
            kids.append(badge(ctx, b, cx0, cy + (lh - bh) / 2, f"note-{kind}-{b.number}"))
            item = text_block(ctx, lines, cx0 + bw + LIST_GAP, cy, g.size.small, "subtitle", cls="note")
            kids.append(item)
            cy = item.box.bottom + g.space.card_gap / 2
        bottom = max(bottom, cy)
    return Group("notes", "notes", tuple(kids)), bottom - y


def wheel_legend(ctx: Ctx, journey: Journey, show_faces: bool, x: float, y: float, width: float
                 ) -> tuple[Group | None, float]:
    """What the wheel's emotion marks mean: each persona's curve, which way is happier, the survey band."""
    series = emotion_series(journey) if show_faces else []
    own = next((pts for k, pts in series if k is None), [])
    personas = persona_series(journey) if show_faces else []
    if not personas and len(own) < 2:
        return None, 0.0
    g = ctx.g
    sw, size = g.space.legend_swatch, g.size.small
    lh = ctx.line_h(size)
    row_h = max(sw, lh)
    names = {f"persona:{k}": p.name for k, p in personas}
    keys = [*names, "wheel"] + (["spread"] if any(e.spread for _, e in own) and len(own) >= 2 else [])
    kids: list[Element] = []
    cx, cy = x, y
    for key in keys:
        text = names.get(key) or t(ctx.locale, f"legend.{key}")
        mw = 2 * sw if key in names else sw
        item_w = mw + g.space.icon_gap + ctx.m.width(text, size)
        if cx > x and cx + item_w > x + width:
            cx, cy = x, cy + row_h + g.space.card_gap
        my = cy + row_h / 2
        if key in names:
            kids += line_swatch(int(key[8:]), cx, my, mw, g.stroke.curve, sw / 3)
        elif key == "wheel":
            curve = len(own) >= 2  # without the map's own curve, the dashed neutral circle stands for the scale
            kids.append(PathShape((("M", cx, my), ("L", cx + sw, my)), "emotion.curve" if curve else "emotion.baseline",
                                  g.stroke.curve if curve else g.stroke.grid, () if curve else (4.0, 4.0),
                                  cls="legend-curve"))
        else:
            kids.append(Box(Rect(cx, my - sw / 2, sw, sw), "emotion.spread", sw / 2))
        lines = wrapped(ctx, text, max(1.0, x + width - cx - mw - g.space.icon_gap), size)
        tb = text_block(ctx, lines, cx + mw + g.space.icon_gap, my - lh / 2, size, "legend.text")
        kids.append(tb)
        cy = max(cy, tb.box.bottom - row_h)
        cx += item_w + g.space.legend_gap
    return Group("legend", "legend", tuple(kids)), cy + row_h - y


__all__ = ["draw_sectors", "draw_phases", "layout_notes", "face_radius_for", "wheel_legend"]
