"""The wheel's emotion track: faces or persona markers, closed radial curves, and emotion labels.

A map gives one emotion per column (one curve of faces) and/or one per
persona (a curve per persona, in that persona's colour, dash and marker
shape, as in the swimlane).  Each column's labels sit in the column's own
wedge of the track, so labels never meet; along the wedge they take a band
of radii that no curve, face, spread band, neutral circle or hub reaches
there (:func:`free_bands`), the one nearest the column's point.  The
outermost band is open: when no closed band holds a label, it goes beyond
every curve and the track grows to hold it.
"""

from __future__ import annotations

import math

import msgspec

from ..spec.journey import EmotionPoint, Journey
from ..text.wrap import content_widths
from .blocks import PIECE_GAP, Ctx, text_block, wrapped
from .emotion_marks import face
from .emotion_personas import DASHES, marker, persona_series, role
from .model import Circle, Element, Group, PathShape
from .wheel_geom import TAU, Box4, circle_path, curve_radii, place_on_ray, polar, radial_curve, radial_line, reversed_curve, ring_path

LABEL_GAP = 4.0
"""Room kept between an emotion label and the curves, faces and circles around it."""
LABEL_PAD = 4.0
"""Room kept between an emotion label and the sides of its column's wedge."""
LABEL_WIDTHS = (160.0, 120.0, 90.0, 64.0)
"""Wrap widths tried for a column's emotion labels after one unwrapped line, widest first."""
MARKER_SCALE = 0.5
"""Persona markers are this fraction of a face's radius, as in the swimlane."""
BOX_REACH = math.sqrt(2)
"""A circle's bounding box reaches this many radii from its centre: labels keep out of it."""

Series = tuple[int | None, list[tuple[int, EmotionPoint]]]  # persona look (None: the map's own curve), points


class Track(msgspec.Struct, frozen=True):
    """Radii of the emotion track: the hub, the range the points move in, the outer edge."""

    hub: float
    emo_in: float
    emo_out: float
    track: float


class TrackLabel(msgspec.Struct, frozen=True):
    col: int
    rows: tuple[tuple[int | None, tuple[str, ...]], ...]  # (persona look or None, wrapped lines)
    box: Box4  # relative to the centre


def face_radius_for(journey: Journey, score: float, r_in: float, r_out: float) -> float:
    """Where a face sits: the worst score on the inner edge of the track, the best on the outer."""
    return r_in + journey.scale.norm(score) * (r_out - r_in)


def emotion_series(journey: Journey) -> list[Series]:
    """The map's own emotion points (if any), then each persona's, in column order."""
    out: list[Series] = []
    single = [(i, c.content.emotion) for i, c in enumerate(journey.columns) if c.content.emotion is not None]
    if single:
        out.append((None, single))
    for k, p in persona_series(journey):
        out.append((k, [(i, e) for i, c in enumerate(journey.columns) for pid, e in c.content.emotions
                        if pid == p.id]))
    return out


def _radius(journey: Journey, t: Track, score: float) -> float:
    s = journey.scale
    return face_radius_for(journey, min(s.max, max(s.min, score)), t.emo_in, t.emo_out)


def free_bands(ctx: Ctx, journey: Journey, series: list[Series], t: Track, cols: list[tuple[float, float]],
               col: int) -> list[tuple[float, float | None]]:
    """Radii bands of column ``col``'s wedge that nothing of the track reaches; the last is open.

    Blocked: the neutral circle, each curve (and survey band) where it runs
    through the wedge, sampled, and each face or marker whose bounding box
    (a face's radius times sqrt 2 from its centre) reaches into the wedge.
    """
    fr = ctx.g.emotion.face_radius
    a0, a1 = cols[col]
    line = ctx.g.stroke.curve / 2 + LABEL_GAP
    reach = fr * BOX_REACH + LABEL_GAP
    mid = _radius(journey, t, (journey.scale.min + journey.scale.max) / 2)
    blocked: list[tuple[float, float]] = [(mid - LABEL_GAP, mid + LABEL_GAP)]
    for k, pts in series:
        curves = [[((cols[i][0] + cols[i][1]) / 2, _radius(journey, t, e.score)) for i, e in pts]]
        if k is None and any(e.spread for _, e in pts):
            curves += [[((cols[i][0] + cols[i][1]) / 2, _radius(journey, t, e.score + sign * (e.spread or 0)))
                        for i, e in pts] for sign in (-1.0, 1.0)]
        for curve in curves:
            span = curve_radii(curve, a0, a1)
            if span is not None:
                blocked.append((span[0] - line, span[1] + line))
        for i, e in pts:
            a = (cols[i][0] + cols[i][1]) / 2
            r = _radius(journey, t, e.score)
            off = min(_angle_gap(a, a0), _angle_gap(a, a1)) if i != col else 0.0
            if r * math.sin(min(off, math.pi / 2)) < reach + LABEL_PAD:
                blocked.append((r - reach, r + reach))
    blocked.sort()
    out: list[tuple[float, float | None]] = []
    lo = t.hub * BOX_REACH + LABEL_GAP
    for lo_b, hi_b in blocked:
        if lo_b > lo:
            out.append((lo, lo_b))
        lo = max(lo, hi_b)
    out.append((lo, None))
    return out


def _angle_gap(a: float, b: float) -> float:
    d = abs(a - b) % TAU
    return min(d, TAU - d)


def _rows(series: list[Series], col: int) -> list[tuple[int | None, str]]:
    return [(k, e.label) for k, pts in series for i, e in pts if i == col and e.label]


def _measure(ctx: Ctx, rows: list[tuple[int | None, str]], width: float | None
             ) -> tuple[tuple[tuple[int | None, tuple[str, ...]], ...], float, float]:
    g = ctx.g
    size = g.size.small
    mw = _marker_w(ctx)
    out = []
    w = h = 0.0
    for k, text in rows:
        inner = math.inf if width is None else width - (mw if k is not None else 0.0)
        lines = (text,) if width is None else wrapped(ctx, text, inner, size)
        out.append((k, lines))
        w = max(w, max(ctx.m.width(ln, size) for ln in lines) + (mw if k is not None else 0.0))
        h += len(lines) * ctx.line_h(size)
    return tuple(out), w, h + PIECE_GAP * (len(rows) - 1)


def _min_width(ctx: Ctx, rows: list[tuple[int | None, str]]) -> float:
    """The narrowest wrap width that breaks no word."""
    return max(content_widths(text, ctx.m, ctx.g.size.small)[0] + (_marker_w(ctx) if k is not None else 0.0)
               for k, text in rows)


def _marker_w(ctx: Ctx) -> float:
    return 2 * ctx.g.emotion.face_radius * MARKER_SCALE + ctx.g.space.icon_gap


def place_labels(ctx: Ctx, journey: Journey, cols: list[tuple[float, float]], t: Track) -> list[TrackLabel]:
    """Each column's emotion labels in its wedge, in the free band nearest its point."""
    series = emotion_series(journey)
    out: list[TrackLabel] = []
    for col, (a0, a1) in enumerate(cols):
        rows = _rows(series, col)
        if not rows:
            continue
        radii = [_radius(journey, t, e.score) for _, pts in series for i, e in pts if i == col]
        at = sum(radii) / len(radii)
        best: tuple[float, TrackLabel] | None = None
        for lo, hi in free_bands(ctx, journey, series, t, cols, col):
            for width in (None, *(w for w in LABEL_WIDTHS if w >= _min_width(ctx, rows))):
                lines, w, h = _measure(ctx, rows, width)
                box = place_on_ray(w, h, LABEL_PAD, lo, hi, a0, a1, centred=False, limit=4000.0)
                if box is None:
                    continue
                near, far = _radii(box)
                dist = near - at if near >= at else at - far
                if best is None or dist < best[0] - 1e-6:
                    best = (dist, TrackLabel(col, lines, box))
                if hi is not None:
                    break  # the widest that fits in a closed band; in the open one, the wrapping that stays nearest
        assert best is not None  # the open band always has room further out
        out.append(best[1])
    return out


def _radii(box: Box4) -> tuple[float, float]:
    x, y, w, h = box
    nx, ny = min(max(0.0, x), x + w), min(max(0.0, y), y + h)
    far = max(math.hypot(px, py) for px in (x, x + w) for py in (y, y + h))
    return math.hypot(nx, ny), far


def track_needed(labels: list[TrackLabel], track: float) -> float:
    """The track's outer radius: as planned, or further out to hold every label."""
    return max([track] + [_radii(lb.box)[1] + LABEL_PAD for lb in labels])


def draw_emotion(ctx: Ctx, journey: Journey, cols: list[tuple[float, float]], t: Track, cx: float, cy: float,
                 show_faces: bool, labels: list[TrackLabel]) -> list[Element]:
    """The track, its column rules, the neutral circle, the closed curves, faces, markers and labels."""
    g = ctx.g
    out: list[Element] = [PathShape(ring_path(cx, cy, t.hub, t.track), "lane.band", cls="emotion-track"),
                          Circle(cx, cy, t.hub, "canvas", 0.0, "hub")]
    if len(cols) > 1:
        for a0, _ in cols:
            out.append(PathShape(radial_line(cx, cy, t.hub, t.track, a0), "grid", g.stroke.grid, cls="rule"))
    if not show_faces:
        return out
    scale = journey.scale
    mid = _radius(journey, t, (scale.min + scale.max) / 2)
    out.append(PathShape(circle_path(cx, cy, mid), "emotion.baseline", g.stroke.grid, (4.0, 4.0), "baseline"))
    angle = [(a0 + a1) / 2 for a0, a1 in cols]
    series = emotion_series(journey)
    marks: list[Element] = []
    for k, pts in series:
        at = [(angle[i], _radius(journey, t, e.score), i, e) for i, e in pts]
        if k is None and len(pts) >= 2 and any(e.spread for _, e in pts):
            def band(sign: float) -> list[tuple[float, float]]:
                return [(a, _radius(journey, t, e.score + sign * (e.spread or 0))) for a, _, _, e in at]

            outer = radial_curve(cx, cy, band(1.0))
            out.append(PathShape(outer + reversed_curve(radial_curve(cx, cy, band(-1.0))), "emotion.spread",
                                 cls="spread"))
        if len(pts) >= 2:
            cmds = radial_curve(cx, cy, [(a, rr) for a, rr, _, _ in at])
            out.append(PathShape(cmds, "emotion.curve", g.stroke.curve, cls="curve") if k is None else
                       PathShape(cmds, role(k), g.stroke.curve, DASHES[k % len(DASHES)], f"curve persona-curve"
                                 f" persona-{k}"))
        if k is None:
            for a, rr, i, e in at:
                x, y = polar(rr, a)
                col = journey.columns[i]
                marks.append(face(cx + x, cy + y, g.emotion.face_radius, scale.norm(e.score), f"face-{col.id}",
                                  "emotion-point has-pain" if col.content.pains else "emotion-point"))
        else:
            p = journey.personas[k]
            dots = [marker(k, cx + polar(rr, a)[0], cy + polar(rr, a)[1], g.emotion.face_radius * MARKER_SCALE)
                    for a, rr, _, _ in at]
            marks.append(Group(f"curve-{p.id}", f"persona-points persona-{k}", tuple(dots), p.name))
    out += marks
    out += [_draw_label(ctx, journey, lb, cx, cy) for lb in labels]
    return out


def _draw_label(ctx: Ctx, journey: Journey, lb: TrackLabel, cx: float, cy: float) -> Group:
    g = ctx.g
    size = g.size.small
    lh = ctx.line_h(size)
    x, y, w, _ = lb.box
    left, top = cx + x, cy + y
    mr = g.emotion.face_radius * MARKER_SCALE
    kids: list[Element] = []
    for k, lines in lb.rows:
        if k is None:
            tb = text_block(ctx, lines, left + w / 2, top, size, "emotion.label", anchor="middle",
                            cls="emotion-label-text")
        else:
            kids.append(marker(k, left + mr, top + lh / 2, mr * 0.8, "label-marker"))
            tb = text_block(ctx, lines, left + _marker_w(ctx), top, size, "emotion.label", cls="emotion-label-text")
        kids.append(tb)
        top = tb.box.bottom + PIECE_GAP
    return Group(f"emotion-label-{journey.columns[lb.col].id}", "emotion-label", tuple(kids))
