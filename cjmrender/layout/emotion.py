"""The emotion lane: a monotone curve through the column centres, faces, spread, markers.

The band has three rows: a headroom row level with the lane title, the plot
(curve, faces, spread band, neutral baseline) and a label strip below it, so
no label ever sits where the curve can run.
"""

from __future__ import annotations

import msgspec

from ..spec.journey import Journey
from .blocks import PIECE_GAP, Ctx, diamond, text_block, wrapped
from .curve import monotone_segments
from .grid import Grid
from .model import Circle, Element, Group, PathShape

FACE_LEVELS = 5
"""Faces and their colours come in five moods, from 0 (worst) to 4 (best)."""


def fmt_score(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.2g}" if abs(x) < 10 else f"{x:g}"


class EmotionLayout(msgspec.Struct, frozen=True):
    elements: tuple[Element, ...]
    scale_labels: tuple[Element, ...]  # drawn in the lane title column
    height: float


def _face(cx: float, cy: float, r: float, norm: float, ident: str, pain: bool, ctx: Ctx) -> Group:
    level = min(FACE_LEVELS - 1, int(norm * FACE_LEVELS))
    kids: list[Element] = [Circle(cx, cy, r, f"emotion.face.{level}", 1.2, "face")]
    eye_dx, eye_y, eye_r = r * 0.36, cy - r * 0.22, max(1.2, r * 0.11)
    kids.append(Circle(cx - eye_dx, eye_y, eye_r, "emotion.face.stroke", 0.0, "eye"))
    kids.append(Circle(cx + eye_dx, eye_y, eye_r, "emotion.face.stroke", 0.0, "eye"))
    bend = (norm - 0.5) * 2  # -1 frown .. +1 smile
    mouth_y = cy + r * 0.38 - bend * r * 0.12
    half = r * 0.42
    ctrl_y = mouth_y + bend * r * 0.42
    kids.append(PathShape((("M", cx - half, mouth_y), ("Q", cx, ctrl_y, cx + half, mouth_y)),
                     "emotion.face.stroke", max(1.2, r * 0.12), cls="mouth"))
    if pain:
        mr = ctx.g.emotion.marker_radius
        kids.append(diamond(cx + r * 0.85, cy - r * 0.85, mr, "pain.marker", "pain-marker"))
    return Group(ident, "emotion-point" + (" has-pain" if pain else ""), tuple(kids))


def layout_emotion(ctx: Ctx, journey: Journey, grid: Grid, top: float, title_h: float) -> EmotionLayout:
    """Lay the emotion lane out from ``top``, under a lane title ``title_h`` high."""
    g = ctx.g
    pad = g.space.cell_pad
    xs, widths = grid.xs, grid.widths
    title_box = (grid.left, grid.title_w, top + pad + title_h)
    r = g.emotion.face_radius
    scale = journey.scale
    plot_top = top + pad + title_h
    plot_h = g.emotion.plot_height
    inner_top, inner_h = plot_top + r + g.emotion.plot_pad, plot_h - 2 * (r + g.emotion.plot_pad)

    def y_of(score: float) -> float:
        return inner_top + (1 - scale.norm(score)) * inner_h

    pts: list[tuple[int, float, float]] = []
    for i, col in enumerate(journey.columns):
        if col.content.emotion is not None:
            pts.append((i, xs[i] + widths[i] / 2, y_of(col.content.emotion.score)))
    els: list[Element] = []
    left, right = xs[0], xs[-1] + widths[-1]
    mid = y_of((scale.min + scale.max) / 2)
    els.append(PathShape((("M", left, mid), ("L", right, mid)), "emotion.baseline", g.stroke.grid, (4.0, 4.0), "baseline"))
    spreads = [journey.columns[i].content.emotion for i, _, _ in pts]
    if len(pts) >= 2 and any(e.spread for e in spreads if e):
        up = [(x, y_of(min(scale.max, e.score + (e.spread or 0)))) for (_, x, _), e in zip(pts, spreads) if e]
        lo = [(x, y_of(max(scale.min, e.score - (e.spread or 0)))) for (_, x, _), e in zip(pts, spreads) if e]
        cmds: list[tuple[object, ...]] = [("M", *up[0])]
        cmds += [("C", *c1, *c2, *p) for _, c1, c2, p in monotone_segments(up)]
        cmds.append(("L", *lo[-1]))
        cmds += [("C", *c1, *c2, *p) for _, c1, c2, p in monotone_segments(lo[::-1])]
        cmds.append(("Z",))
        els.append(PathShape(tuple(cmds), "emotion.spread", cls="spread"))
    if len(pts) >= 2:
        segs = monotone_segments([(x, y) for _, x, y in pts])
        cmds = [("M", pts[0][1], pts[0][2])] + [("C", *c1, *c2, *p) for _, c1, c2, p in segs]
        els.append(PathShape(tuple(cmds), "emotion.curve", g.stroke.curve, cls="curve"))
    strip_top = plot_top + plot_h + g.space.card_gap
    strip_h = 0.0
    for i, x, y in pts:
        col = journey.columns[i]
        emo = col.content.emotion
        assert emo is not None
        els.append(_face(x, y, r, scale.norm(emo.score), f"face-{col.id}", bool(col.content.pains), ctx))
        inner = widths[i] - 2 * pad
        blocks = []
        ty = strip_top
        if emo.label:
            lines = wrapped(ctx, emo.label, inner, g.size.body, True)
            tb = text_block(ctx, lines, x, ty, g.size.body, "emotion.label", bold=True, anchor="middle", cls="emotion-label")
            blocks.append(tb)
            ty += tb.box.h + PIECE_GAP
        score = f"{fmt_score(emo.score)} / {fmt_score(scale.max)}"
        if emo.n is not None:
            score += f" · n={emo.n}"
        lines = wrapped(ctx, score, inner, g.size.small)
        tb = text_block(ctx, lines, x, ty, g.size.small, "emotion.scale", anchor="middle", cls="emotion-score")
        blocks.append(tb)
        strip_h = max(strip_h, tb.box.bottom - strip_top)
        els.append(Group(f"emotion-label-{col.id}", "emotion-label", tuple(blocks)))
    height = (strip_top + strip_h + pad) - top
    return EmotionLayout(tuple(els), _scale_labels(ctx, journey, y_of, title_box), height)


def _scale_labels(ctx: Ctx, journey: Journey, y_of, title_box: tuple[float, float, float]) -> tuple[Element, ...]:
    """Level labels right-aligned in the title column; skip any that would collide."""
    g = ctx.g
    scale = journey.scale
    x, width, floor = title_box
    levels = list(scale.labels) or [(scale.max, fmt_score(scale.max)), (scale.min, fmt_score(scale.min))]
    levels = sorted(levels, key=lambda lv: -lv[0])
    out: list[Element] = []
    right = x + width - g.space.lane_title_pad
    avail = width - 2 * g.space.lane_title_pad
    for level, text in levels:
        lines = wrapped(ctx, text, avail, g.size.small)
        h = len(lines) * ctx.line_h(g.size.small)
        y = y_of(level) - h / 2
        if y < floor + PIECE_GAP:
            continue
        tb = text_block(ctx, lines, right, y, g.size.small, "emotion.scale", anchor="end", cls="scale-label")
        out.append(tb)
        floor = tb.box.bottom
    return tuple(out)
