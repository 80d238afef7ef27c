"""Drawing the placed wheel: rings, sectors, faces, curve, labels and leaders; and the badge list.

Everything is already decided by :mod:`.wheel`; this module only turns the
decisions (radii, angles, label boxes relative to the centre) into diagram
elements at the wheel's centre ``(cx, cy)``.
"""

from __future__ import annotations

from ..i18n import t
from ..spec.journey import Journey
from .blocks import Ctx, text_block, wrapped
from .emotion_marks import face
from .model import Box, Circle, Element, Group, PathShape, Rect
from .wheel_geom import (circle_path, polar, radial_curve, radial_line, ray_exit, reversed_curve, ring_path,
                         sector_path)
from .wheel_labels import Badge, badge, badge_size, draw_label

LIST_GAP = 8.0
"""Gap between a badge and its text in the list under the wheel."""


def face_radius_for(journey: Journey, score: float, r_in: float, r_out: float) -> float:
    """Where a face sits: the worst score on the inner edge of the track, the best on the outer."""
    return r_in + journey.scale.norm(score) * (r_out - r_in)


def draw_emotion(ctx: Ctx, journey: Journey, cols: list[tuple[float, float]], r, cx: float, cy: float,
                 show_faces: bool) -> list[Element]:
    """The track, its column rules, the neutral circle, the closed curve and the faces."""
    g = ctx.g
    out: list[Element] = [PathShape(ring_path(cx, cy, r.hub, r.track), "lane.band", cls="emotion-track"),
                          Circle(cx, cy, r.hub, "canvas", 0.0, "hub")]
    if len(cols) > 1:
        for a0, _ in cols:
            out.append(PathShape(radial_line(cx, cy, r.hub, r.track, a0), "grid", g.stroke.grid, cls="rule"))
    if not show_faces:
        return out
    scale = journey.scale
    mid = face_radius_for(journey, (scale.min + scale.max) / 2, r.emo_in, r.emo_out)
    out.append(PathShape(circle_path(cx, cy, mid), "emotion.baseline", g.stroke.grid, (4.0, 4.0), "baseline"))
    pts = []
    for (a0, a1), col in zip(cols, journey.columns):
        if col.content.emotion is not None:
            pts.append(((a0 + a1) / 2, face_radius_for(journey, col.content.emotion.score, r.emo_in, r.emo_out), col))
    spreads = [(a, col.content.emotion) for a, _, col in pts]
    if len(pts) >= 2 and any(e.spread for _, e in spreads):
        def band(sign: float) -> list[tuple[float, float]]:
            return [(a, face_radius_for(journey, min(scale.max, max(scale.min, e.score + sign * (e.spread or 0))),
                                        r.emo_in, r.emo_out)) for a, e in spreads]

        outer = radial_curve(cx, cy, band(1.0))
        out.append(PathShape(outer + reversed_curve(radial_curve(cx, cy, band(-1.0))), "emotion.spread", cls="spread"))
    if len(pts) >= 2:
        out.append(PathShape(radial_curve(cx, cy, [(a, rr) for a, rr, _ in pts]), "emotion.curve", g.stroke.curve,
                        cls="curve"))
    for a, rr, col in pts:
        x, y = polar(rr, a)
        emo = col.content.emotion
        assert emo is not None
        out.append(face(cx + x, cy + y, g.emotion.face_radius, scale.norm(emo.score), f"face-{col.id}",
                        "emotion-point has-pain" if col.content.pains else "emotion-point"))
    return out


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
    """What the wheel's emotion marks mean: which way is happier, and the survey band when there is one."""
    emo = [c.content.emotion for c in journey.columns if c.content.emotion]
    if not show_faces or len(emo) < 2:
        return None, 0.0
    g = ctx.g
    sw, size = g.space.legend_swatch, g.size.small
    lh = ctx.line_h(size)
    row_h = max(sw, lh)
    keys = ["wheel"] + (["spread"] if any(e.spread for e in emo) else [])
    kids: list[Element] = []
    cx, cy = x, y
    for key in keys:
        text = t(ctx.locale, f"legend.{key}")
        item_w = sw + g.space.icon_gap + ctx.m.width(text, size)
        if cx > x and cx + item_w > x + width:
            cx, cy = x, cy + row_h + g.space.card_gap
        my = cy + row_h / 2
        if key == "wheel":
            kids.append(PathShape((("M", cx, my), ("L", cx + sw, my)), "emotion.curve", g.stroke.curve,
                                  cls="legend-curve"))
        else:
            kids.append(Box(Rect(cx, my - sw / 2, sw, sw), "emotion.spread", sw / 2))
        lines = wrapped(ctx, text, max(1.0, x + width - cx - sw - g.space.icon_gap), size)
        tb = text_block(ctx, lines, cx + sw + g.space.icon_gap, my - lh / 2, size, "legend.text")
        kids.append(tb)
        cy = max(cy, tb.box.bottom - row_h)
        cx += item_w + g.space.legend_gap
    return Group("legend", "legend", tuple(kids)), cy + row_h - y


__all__ = ["draw_emotion", "draw_sectors", "draw_phases", "layout_notes", "face_radius_for", "wheel_legend"]
