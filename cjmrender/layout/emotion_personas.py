"""One emotion curve per persona: each its own colour, dash and marker shape, so the curves can be
told apart in colour, in greys and by colour-blind readers alike."""

from __future__ import annotations

from ..spec.journey import EmotionPoint, Journey, PersonaDef
from .blocks import PIECE_GAP, Ctx, text_block, wrapped
from .emotion_marks import Badges, clear_spot, curve_commands, run_stubs, sample
from .grid import Grid
from .model import Element, Group, PathShape

SERIES = 5
"""Distinct looks for persona curves; a sixth persona reuses the first look."""
MARKERS = ("circle", "square", "triangle", "diamond", "down")
DASHES: tuple[tuple[float, ...], ...] = ((), (9.0, 4.0), (2.0, 4.0), (9.0, 3.0, 2.0, 3.0), (5.0, 5.0))


def fmt_score(x: float) -> str:
    """A score as people write it: 4, 3.5, 12."""
    return str(int(x)) if float(x).is_integer() else f"{x:.2g}" if abs(x) < 10 else f"{x:g}"


def persona_series(journey: Journey) -> list[tuple[int, PersonaDef]]:
    """Personas that have an emotion in some column, with their index (which picks their look)."""
    used = {pid for c in journey.columns for pid, _ in c.content.emotions}
    return [(k, p) for k, p in enumerate(journey.personas) if p.id in used]


def role(k: int) -> str:
    return f"persona.{k % SERIES}"


def marker(k: int, cx: float, cy: float, r: float, cls: str = "marker") -> PathShape:
    """Persona ``k``'s marker, filled, about as big as a circle of radius ``r``."""
    shape = MARKERS[k % SERIES]
    if shape == "circle":
        cmds: tuple = (("M", cx - r, cy), ("A", r, r, 0, 0, 1, cx + r, cy), ("A", r, r, 0, 0, 1, cx - r, cy), ("Z",))
    elif shape == "square":
        s = r * 0.9
        cmds = (("M", cx - s, cy - s), ("L", cx + s, cy - s), ("L", cx + s, cy + s), ("L", cx - s, cy + s), ("Z",))
    elif shape == "diamond":
        s = r * 1.2
        cmds = (("M", cx, cy - s), ("L", cx + s, cy), ("L", cx, cy + s), ("L", cx - s, cy), ("Z",))
    else:
        d = -1 if shape == "triangle" else 1
        s = r * 1.15
        cmds = (("M", cx, cy + d * s), ("L", cx + s, cy - d * s * 0.8), ("L", cx - s, cy - d * s * 0.8), ("Z",))
    return PathShape(cmds, role(k), cls=f"{cls} marker-{shape}")


def line_swatch(k: int, x: float, y: float, w: float, stroke: float, r: float) -> list[Element]:
    """A short stretch of persona ``k``'s curve with its marker in the middle (for the legend)."""
    return [PathShape((("M", x, y), ("L", x + w, y)), role(k), stroke, DASHES[k % SERIES], "legend-curve"),
            marker(k, x + w / 2, y, r, "legend-marker")]


def _persona_score(pid: str):
    """Column -> the score persona ``pid`` gives it, or None."""
    return lambda col: next((e.score for who, e in col.content.emotions if who == pid), None)


def layout_series(ctx: Ctx, journey: Journey, grid: Grid, y_of, bounds: tuple[float, float], mid: float,
                  numbered: list[tuple[int, ...]], strip_top: float) -> tuple[list[Element], float]:
    """Curves, markers and pain badges in the plot; per-column labels in the strip from ``strip_top``.

    Returns the elements and the strip's height.
    """
    g = ctx.g
    pad = g.space.cell_pad
    r = g.emotion.face_radius * 0.5
    series = persona_series(journey)
    centre = [x + w / 2 for x, w in zip(grid.xs, grid.widths)]
    points: dict[int, list[tuple[int, float, EmotionPoint]]] = {}
    for k, p in series:
        points[k] = [(i, centre[i], e) for i, c in enumerate(journey.columns) for pid, e in c.content.emotions
                     if pid == p.id]
    curves: list[Element] = []
    marks: list[Element] = []
    samples = []
    for k, p in series:
        pts = points[k]
        if len(pts) >= 2:
            segs, cmds = curve_commands([(x, y_of(e.score)) for _, x, e in pts])
            samples += sample(segs)
            curves.append(PathShape(cmds, role(k), g.stroke.curve, DASHES[k % SERIES], f"curve persona-curve"))
        curves += run_stubs(ctx, len(journey.columns), [(i, x, e.score) for i, x, e in pts], _persona_score(p.id),
                            y_of, (grid.xs[0], grid.right), role(k), g.stroke.curve)
        marks.append(Group(f"curve-{p.id}", f"persona-points persona-{k % SERIES}",
                           tuple(marker(k, x, y_of(e.score), r) for _, x, e in pts), p.name))
    samples.sort()
    els: list[Element] = [*curves, *marks]
    for i, nums in enumerate(numbered):
        ys = [y_of(e.score) for k, _ in series for j, _, e in points[k] if j == i]
        if not nums or not ys:
            continue
        badges = Badges(ctx, nums, grid.widths[i] - 2 * pad)
        low = max(ys)
        others = [v for y in ys for v in (y - r * 1.3, y, y + r * 1.3)]
        ty = clear_spot(centre[i], low, r * 1.3, badges, samples, [mid, *others], *bounds, g.space.badge_gap)
        els.append(badges.place(centre[i], ty, f"pain-badges-{journey.columns[i].id}"))
    strip_h = 0.0
    for i, col in enumerate(journey.columns):
        rows = [(k, e) for k, _ in series for j, _, e in points[k] if j == i]
        if rows:
            group, h = _labels(ctx, journey, i, centre[i], grid.widths[i] - 2 * pad, strip_top, rows, r)
            els.append(group)
            strip_h = max(strip_h, h)
    return els, strip_h


def _labels(ctx: Ctx, journey: Journey, i: int, x: float, inner: float, top: float,
            rows: list[tuple[int, EmotionPoint]], r: float) -> tuple[Group, float]:
    """One line per persona under the plot: its marker, then label and score."""

    g = ctx.g
    mw = 2 * r + g.space.icon_gap
    texts = []
    for k, e in rows:
        score = fmt_score(e.score)
        text = f"{e.label} · {score}" if e.label else f"{score} / {fmt_score(journey.scale.max)}"
        texts.append((k, wrapped(ctx, text, inner - mw, g.size.small)))
    width = max(ctx.m.width(ln, g.size.small) for _, lines in texts for ln in lines) + mw
    left = x - width / 2
    kids: list[Element] = []
    y = top
    lh = ctx.line_h(g.size.small)
    for k, lines in texts:
        kids.append(marker(k, left + r, y + lh / 2, r * 0.8, "label-marker"))
        tb = text_block(ctx, lines, left + mw, y, g.size.small, "emotion.label", cls="emotion-score")
        kids.append(tb)
        y = tb.box.bottom + PIECE_GAP
    return Group(f"emotion-label-{journey.columns[i].id}", "emotion-label", tuple(kids)), y - PIECE_GAP - top
