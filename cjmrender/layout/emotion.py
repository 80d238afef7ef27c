"""The emotion lane, the map's hero: a tall plot with the curve, faces, spread and pain badges.

The band has three rows: a headroom row level with the lane title, the plot
and a label strip below it, so no label ever sits where the curve can run.
The plot is tinted faintly above neutral (positive) and below it
(negative); the lowest and highest moments get a ring and a tag; pains are
numbered P1, P2, ... on the curve, matching the numbered cards of the pain lane.
"""

from __future__ import annotations

import msgspec

from ..i18n import t
from ..spec.journey import Journey
from .blocks import PIECE_GAP, Ctx, text_block, wrapped
from .emotion_marks import FACE_LEVELS, Badges, clear_spot, curve_commands, face, ring, run_stubs, sample, spread_band
from .emotion_personas import fmt_score, layout_series
from .grid import Grid
from .model import Box, Element, Group, PathShape, Rect


class EmotionLayout(msgspec.Struct, frozen=True):
    backdrop: tuple[Element, ...]  # drawn with the lane bands, under the column rules
    elements: tuple[Element, ...]
    scale_labels: tuple[Element, ...]  # drawn in the lane title column
    height: float


def pain_numbers(journey: Journey) -> list[tuple[int, ...]]:
    """The numbers of each column's pains: P1, P2, ... in reading order across the map."""
    out: list[tuple[int, ...]] = []
    n = 0
    for col in journey.columns:
        k = len(col.content.pains)
        out.append(tuple(range(n + 1, n + k + 1)))
        n += k
    return out


def extremes(scores: list[tuple[int, float]]) -> dict[int, str]:
    """Column index -> "lowest"/"highest" for the first lowest and highest score (three points or more)."""
    if len(scores) < 3:
        return {}
    lo = min(scores, key=lambda s: s[1])
    hi = max(scores, key=lambda s: s[1])
    return {} if lo[1] == hi[1] else {lo[0]: "lowest", hi[0]: "highest"}


def _score(col) -> float | None:
    return col.content.emotion.score if col.content.emotion is not None else None


def whole_map_marks(ctx: Ctx, journey: Journey) -> tuple[dict[int, str], list[tuple[int, ...]]]:
    """Lowest/highest marks and pain numbers by column of ``journey``, counted over the whole map
    when ``journey`` is a run of its stages (``ctx.run``)."""
    whole, first = ctx.run or (journey, 0)
    n = len(journey.columns)
    scores = [(i - first, c.content.emotion.score) for i, c in enumerate(whole.columns) if c.content.emotion]
    marks = {i: m for i, m in extremes(scores).items() if 0 <= i < n}
    return marks, pain_numbers(whole)[first:first + n]


def layout_emotion(ctx: Ctx, journey: Journey, grid: Grid, top: float, title_h: float,
                   numbered: bool = False) -> EmotionLayout:
    """Lay the emotion lane out from ``top``, under a lane title ``title_h`` high.

    ``numbered``: the pain lane is shown, so pains get numbered badges on the curve.
    """
    g = ctx.g
    e = g.emotion
    pad = g.space.cell_pad
    xs, widths = grid.xs, grid.widths
    r = e.face_radius
    scale = journey.scale
    plot_top = top + pad + title_h
    plot_h = max(e.plot_min, e.plot_height)
    inner_top, inner_h = plot_top + r + e.plot_pad, plot_h - 2 * (r + e.plot_pad)

    def y_of(score: float) -> float:
        return inner_top + (1 - scale.norm(score)) * inner_h

    left, right = xs[0], grid.right
    mid = y_of((scale.min + scale.max) / 2)
    backdrop: tuple[Element, ...] = (
        PathShape((("M", left, plot_top), ("L", right, plot_top), ("L", right, mid), ("L", left, mid), ("Z",)),
                  "emotion.positive", cls="positive"),
        PathShape((("M", left, mid), ("L", right, mid), ("L", right, plot_top + plot_h), ("L", left, plot_top + plot_h),
                   ("Z",)), "emotion.negative", cls="negative"),
    )
    els: list[Element] = [PathShape((("M", left, mid), ("L", right, mid)), "emotion.baseline", g.stroke.grid,
                                    (4.0, 4.0), "baseline")]
    pts = [(i, xs[i] + widths[i] / 2, col.content.emotion) for i, col in enumerate(journey.columns)
           if col.content.emotion is not None]
    els += _spreads(pts, y_of, scale.min, scale.max, r)
    samples = []
    if len(pts) >= 2:
        segs, cmds = curve_commands([(x, y_of(p.score)) for _, x, p in pts])
        samples = sample(segs)
        els.append(PathShape(cmds, "emotion.curve", g.stroke.curve, cls="curve"))
    els += run_stubs(ctx, len(journey.columns), [(i, x, p.score) for i, x, p in pts], _score, y_of, (left, right),
                     "emotion.curve", g.stroke.curve)
    marks, numbers = whole_map_marks(ctx, journey)
    numbers = numbers if numbered else [()] * len(journey.columns)
    halo = r + e.callout_gap
    for i, x, p in pts:
        col = journey.columns[i]
        y = y_of(p.score)
        cls = "emotion-point" + (" has-pain" if col.content.pains else "") + (f" {marks[i]}" if i in marks else "")
        els.append(face(x, y, r, scale.norm(p.score), f"face-{col.id}", cls))
        if i in marks:
            els.append(ring(x, y, halo, "emotion.callout", e.callout_stroke, f"callout {marks[i]}"))
        if numbers[i]:
            badges = Badges(ctx, numbers[i], widths[i] - 2 * pad)
            reach = halo + e.callout_stroke if i in marks else r
            ty = clear_spot(x, y, reach, badges, samples, [mid], plot_top, plot_top + plot_h, g.space.badge_gap)
            els.append(badges.place(x, ty, f"pain-badges-{col.id}"))
    strip_top = plot_top + plot_h + g.space.card_gap
    strip_h = 0.0
    for i, x, p in pts:
        group, h = _labels(ctx, journey, i, x, widths[i] - 2 * pad, strip_top, marks.get(i))
        els.append(group)
        strip_h = max(strip_h, h)
    if any(c.content.emotions for c in journey.columns):  # one curve per persona
        more, h = layout_series(ctx, journey, grid, y_of, (plot_top, plot_top + plot_h), mid, numbers, strip_top)
        els += more
        strip_h = max(strip_h, h)
    height = (strip_top + strip_h + pad) - top
    return EmotionLayout(backdrop, tuple(els), _scale_labels(ctx, journey, y_of, (grid.left, grid.title_w, plot_top)),
                         height)


def _spreads(pts, y_of, lo: float, hi: float, cap: float) -> list[Element]:
    """One band per run of neighbouring columns that report a spread; gaps where none is known."""
    out: list[Element] = []
    run: list[tuple[float, float, float]] = []
    prev = -2
    for i, x, p in [*pts, (-1, 0.0, None)]:
        if p is None or p.spread is None or i != prev + 1:
            if run:
                out.append(spread_band(run, cap, "emotion.spread"))
            run = []
        if p is not None and p.spread is not None:
            run.append((x, y_of(min(hi, p.score + p.spread)), y_of(max(lo, p.score - p.spread))))
        prev = i
    return out


def _labels(ctx: Ctx, journey: Journey, i: int, x: float, inner: float, top: float,
            mark: str | None) -> tuple[Group, float]:
    """Under the plot: the emotion's label, then its score; the lowest and highest moments' scores
    sit in a dark tag that names them."""
    g = ctx.g
    col = journey.columns[i]
    emo = col.content.emotion
    assert emo is not None
    blocks: list[Element] = []
    ty = top
    if emo.label:
        lines = wrapped(ctx, emo.label, inner, g.size.body, True)
        tb = text_block(ctx, lines, x, ty, g.size.body, "emotion.label", bold=True, anchor="middle", cls="emotion-label")
        blocks.append(tb)
        ty += tb.box.h + PIECE_GAP
    score = f"{fmt_score(emo.score)} / {fmt_score(journey.scale.max)}"
    if emo.n is not None:
        score += f" · n={emo.n}"
    if mark:
        px, py = g.space.badge_pad_x, g.space.badge_pad_y
        lines = wrapped(ctx, f"{t(ctx.locale, f'emotion.{mark}')} · {score}", inner - 2 * px, g.size.small, True)
        tw = max(ctx.m.width(ln, g.size.small, True) for ln in lines) + 2 * px
        th = len(lines) * ctx.line_h(g.size.small) + 2 * py
        tag = Box(Rect(x - tw / 2, ty, tw, th), "emotion.callout", min(th / 2, ctx.line_h(g.size.small) / 2 + py),
                  0.0, "callout-tag")
        blocks += [tag, text_block(ctx, lines, x, ty + py, g.size.small, "emotion.callout.text", bold=True,
                                   anchor="middle", cls="callout-text emotion-score")]
        return Group(f"emotion-label-{col.id}", "emotion-label", tuple(blocks)), tag.rect.bottom - top
    tb = text_block(ctx, wrapped(ctx, score, inner, g.size.small), x, ty, g.size.small, "emotion.scale",
                    anchor="middle", cls="emotion-score")
    blocks.append(tb)
    return Group(f"emotion-label-{col.id}", "emotion-label", tuple(blocks)), tb.box.bottom - top


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

__all__ = ["FACE_LEVELS", "EmotionLayout", "extremes", "fmt_score", "layout_emotion", "pain_numbers", "whole_map_marks"]
