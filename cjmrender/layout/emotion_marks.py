"""Shapes on and around the emotion curve: spread bands, pain badges, callout rings, faces.

Pain badges are placed where the curve is not: each candidate spot above or
below its face is tested against points sampled along the curve's Bezier
segments, so a badge never sits on the line it annotates.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from math import inf

from .blocks import Ctx, text_block
from .curve import Point, Segment, monotone_segments
from .model import Box, Circle, Element, Group, PathShape, Rect

FACE_LEVELS = 5
"""Faces and their colours come in five moods, from 0 (worst) to 4 (best)."""
SAMPLES = 24
"""Points sampled per curve segment when testing where a badge may go."""


def face_level(norm: float) -> int:
    """The face colour level (0 .. FACE_LEVELS - 1) of a score at ``norm`` (0 = worst .. 1 = best)."""
    return min(FACE_LEVELS - 1, int(norm * FACE_LEVELS))


def face(cx: float, cy: float, r: float, norm: float, ident: str, cls: str = "emotion-point") -> Group:
    """A face whose colour level and mouth follow the score (``norm`` 0 = worst .. 1 = best)."""
    kids: list[Element] = [Circle(cx, cy, r, f"emotion.face.{face_level(norm)}", 1.2, "face")]
    eye_dx, eye_y, eye_r = r * 0.36, cy - r * 0.22, max(1.2, r * 0.11)
    kids.append(Circle(cx - eye_dx, eye_y, eye_r, "emotion.face.stroke", 0.0, "eye"))
    kids.append(Circle(cx + eye_dx, eye_y, eye_r, "emotion.face.stroke", 0.0, "eye"))
    bend = (norm - 0.5) * 2  # -1 frown .. +1 smile
    mouth_y = cy + r * 0.38 - bend * r * 0.12
    half = r * 0.42
    ctrl_y = mouth_y + bend * r * 0.42
    kids.append(PathShape((("M", cx - half, mouth_y), ("Q", cx, ctrl_y, cx + half, mouth_y)),
                          "emotion.face.stroke", max(1.2, r * 0.12), cls="mouth"))
    return Group(ident, cls, tuple(kids))


def ring(cx: float, cy: float, r: float, role: str, stroke: float, cls: str) -> PathShape:
    """A stroked circle as a path (two half arcs), so it is a line, not a box, to overlap checks."""
    return PathShape((("M", cx - r, cy), ("A", r, r, 0, 0, 1, cx + r, cy), ("A", r, r, 0, 0, 1, cx - r, cy)),
                     role, stroke, cls=cls)


def curve_commands(points: list[Point]) -> tuple[list[Segment], tuple[tuple[object, ...], ...]]:
    segs = monotone_segments(points)
    cmds: list[tuple[object, ...]] = [("M", *points[0])] + [("C", *c1, *c2, *p) for _, c1, c2, p in segs]
    return segs, tuple(cmds)


def sample(segs: list[Segment]) -> list[Point]:
    out: list[Point] = []
    for (x0, y0), (x1, y1), (x2, y2), (x3, y3) in segs:
        for k in range(SAMPLES + 1):
            t = k / SAMPLES
            u = 1 - t
            a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
            out.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    return out


def run_stubs(ctx: Ctx, n: int, pts: list[tuple[int, float, float]], score_of, y_of, edges: tuple[float, float],
              role: str, stroke: float) -> list[Element]:
    """Dashed entry and exit stubs when the layout is a run of ``n`` columns of a longer map (``ctx.run``).

    ``pts`` are the curve's (column, x, score) points; a stub runs from the first (last) point to the
    run's edge, heading for ``score_of`` the whole map's column before (after) the run, so the
    curve visibly goes on across the break.
    """
    if ctx.run is None or not pts:
        return []
    whole, first = ctx.run
    out: list[Element] = []
    for (i, x, score), j, edge, name in ((pts[0], first - 1, edges[0], "entry"), (pts[-1], first + n, edges[1], "exit")):
        near = i == 0 if name == "entry" else i == n - 1
        other = score_of(whole.columns[j]) if near and 0 <= j < len(whole.columns) else None
        if other is not None:
            y0 = y_of(score)
            out.append(PathShape((("M", x, y0), ("L", edge, (y0 + y_of(other)) / 2)), role, stroke,
                                 (stroke * 2, stroke * 2), f"curve-stub {name}"))
    return out


def spread_band(run: list[tuple[float, float, float]], cap: float, role: str) -> PathShape:
    """A band through ``run`` of (x, upper y, lower y) with rounded ends reaching ``cap`` past the end points."""
    up = [(x, a) for x, a, _ in run]
    lo = [(x, b) for x, _, b in run][::-1]
    cmds: list[tuple[object, ...]] = [("M", *up[0])]
    cmds += [("C", *c1, *c2, *p) for _, c1, c2, p in monotone_segments(up)]
    cmds.append(_cap(up[-1], lo[0], cap, 1))
    cmds += [("C", *c1, *c2, *p) for _, c1, c2, p in monotone_segments(lo)]
    cmds.append(_cap(lo[-1], up[0], cap, 1))
    cmds.append(("Z",))
    return PathShape(tuple(cmds), role, cls="spread")


def _cap(a: Point, b: Point, cap: float, sweep: int) -> tuple[object, ...]:
    """Half an ellipse from ``a`` to ``b`` (same x), bulging ``cap`` outward; a line when they meet."""
    half = abs(b[1] - a[1]) / 2
    if half < 1e-6 or cap <= 0:
        return ("L", *b)
    return ("A", cap, half, 0, 0, sweep, *b)


class Badges:
    """Pain badges (P1, P2, ...) for one face, in rows no wider than the column."""

    def __init__(self, ctx: Ctx, numbers: tuple[int, ...], max_w: float) -> None:
        g = ctx.g
        self.ctx = ctx
        self.size = g.size.small
        self.h = ctx.line_h(self.size) + 2 * g.space.badge_pad_y
        gap = g.space.badge_gap
        self.rows: list[list[tuple[str, float]]] = [[]]
        used = 0.0
        for n in numbers:
            text = f"P{n}"
            w = max(self.h, ctx.m.width(text, self.size, True) + 2 * g.space.badge_pad_x)
            if self.rows[-1] and used + gap + w > max_w:
                self.rows.append([])
                used = 0.0
            used += (gap if self.rows[-1] else 0.0) + w
            self.rows[-1].append((text, w))
        self.gap = gap
        self.width = max(sum(w for _, w in row) + gap * (len(row) - 1) for row in self.rows)
        self.height = len(self.rows) * self.h + gap * (len(self.rows) - 1)

    def place(self, cx: float, top: float, ident: str) -> Group:
        kids: list[Element] = []
        y = top
        for row in self.rows:
            x = cx - (sum(w for _, w in row) + self.gap * (len(row) - 1)) / 2
            for text, w in row:
                r = Rect(x, y, w, self.h)
                kids.append(Box(r, "pain.marker", self.h / 2, 0.0, "badge"))
                kids.append(text_block(self.ctx, (text,), x + w / 2, y + self.ctx.g.space.badge_pad_y, self.size,
                                       "pain.marker.text", bold=True, anchor="middle", cls="badge-text"))
                x += w + self.gap
            y += self.h + self.gap
        return Group(ident, "pain-badges", tuple(kids))


def clear_spot(cx: float, cy: float, reach: float, badges: Badges, samples: list[Point], rules: list[float],
               lo: float, hi: float, margin: float) -> float:
    """Top y for ``badges`` near the face at (cx, cy): the nearest spot above or below it, within
    ``lo``..``hi``, that no curve point and no horizontal rule at a y of ``rules`` enters
    (``reach`` is the face's radius plus any ring).  ``samples`` are sorted by x, so only the few
    under the badges are looked at (a 200-column map has thousands)."""
    x0, x1 = cx - badges.width / 2 - margin, cx + badges.width / 2 + margin
    near = [y for _, y in samples[bisect_left(samples, (x0, -inf)):bisect_right(samples, (x1, inf))]] + rules
    step = badges.h / 2
    best: tuple[float, float] | None = None
    for k in range(8):
        for top in (cy - reach - margin - badges.height - k * step, cy + reach + margin + k * step):
            if top < lo or top + badges.height > hi:
                continue
            hits = sum(1 for y in near if top - margin <= y <= top + badges.height + margin)
            if hits == 0:
                return top
            if best is None or hits < best[0]:
                best = (hits, top)
    return best[1] if best else max(lo, cy - reach - margin - badges.height)
