"""Polar geometry for the experience wheel: angles, rings, sectors, fitting upright boxes, radial curves.

Angles are radians measured clockwise from 12 o'clock, which is how a wheel
is read; a point at angle ``a`` and radius ``r`` from the centre is
``(r sin a, -r cos a)`` in SVG's y-down coordinates.  Everything here is
plain arithmetic on numbers and tuples, relative to the wheel's centre, so it
can be property-tested without a journey.

Text stays horizontal: instead of bending labels along arcs, :func:`fits`
tests whether an upright rectangle lies inside an annular sector, and
:func:`place_on_ray` slides one along a sector's middle ray until it does.
"""

from __future__ import annotations

import math

from .curve import monotone_segments

TAU = 2 * math.pi
MAX_ARC = math.pi / 2
"""Arcs are drawn in pieces of at most a quarter turn: no large-arc flags, and full circles work."""
CURVE_STEP = math.pi / 18
"""The radial emotion curve gets one cubic piece per 10 degrees at most: smooth at any radius."""

Pt = tuple[float, float]
Cmd = tuple[object, ...]
Box4 = tuple[float, float, float, float]  # x, y, w, h relative to the centre


def polar(r: float, a: float) -> Pt:
    return (r * math.sin(a), -r * math.cos(a))


def angle_of(x: float, y: float) -> float:
    """The clockwise angle from 12 o'clock of a point, in [0, 2*pi)."""
    return math.atan2(x, -y) % TAU


def equal_angles(n: int) -> list[tuple[float, float]]:
    """``n`` sectors of equal angle, clockwise from 12 o'clock, tiling the full turn exactly."""
    return [(TAU * i / n, TAU * (i + 1) / n) for i in range(n)]


def arc_to(cx: float, cy: float, r: float, a0: float, a1: float) -> list[Cmd]:
    """Arc commands from angle ``a0`` to ``a1`` (the pen is already at ``a0``); clockwise when ``a1 > a0``."""
    pieces = max(1, math.ceil(abs(a1 - a0) / MAX_ARC - 1e-9))
    sweep = 1 if a1 > a0 else 0
    out: list[Cmd] = []
    for k in range(1, pieces + 1):
        x, y = polar(r, a0 + (a1 - a0) * k / pieces)
        out.append(("A", r, r, 0, 0, sweep, cx + x, cy + y))
    return out


def circle_path(cx: float, cy: float, r: float) -> tuple[Cmd, ...]:
    x, y = polar(r, 0.0)
    return (("M", cx + x, cy + y), *arc_to(cx, cy, r, 0.0, TAU), ("Z",))


def ring_path(cx: float, cy: float, r0: float, r1: float) -> tuple[Cmd, ...]:
    """A filled annulus: outer circle clockwise, inner counter-clockwise (a hole under nonzero fill)."""
    x1, y1 = polar(r1, 0.0)
    x0, y0 = polar(r0, 0.0)
    return (("M", cx + x1, cy + y1), *arc_to(cx, cy, r1, 0.0, TAU), ("Z",),
            ("M", cx + x0, cy + y0), *arc_to(cx, cy, r0, TAU, 0.0), ("Z",))


def sector_path(cx: float, cy: float, r0: float, r1: float, a0: float, a1: float, gap: float = 0.0
                ) -> tuple[Cmd, ...]:
    """An annular sector; ``gap`` px of background stay visible along each side (same width at every radius)."""
    def trim(r: float) -> tuple[float, float]:
        d = min((a1 - a0) / 2 * 0.9, gap / 2 / r) if r > 0 else 0.0
        return a0 + d, a1 - d

    o0, o1 = trim(r1)
    i0, i1 = trim(r0)
    xo, yo = polar(r1, o0)
    xi, yi = polar(r0, i1)
    return (("M", cx + xo, cy + yo), *arc_to(cx, cy, r1, o0, o1), ("L", cx + xi, cy + yi),
            *arc_to(cx, cy, r0, i1, i0), ("Z",))


def radial_line(cx: float, cy: float, r0: float, r1: float, a: float) -> tuple[Cmd, ...]:
    x0, y0 = polar(r0, a)
    x1, y1 = polar(r1, a)
    return (("M", cx + x0, cy + y0), ("L", cx + x1, cy + y1))


# --------------------------------------------------------------------------- upright boxes in sectors

def _in_wedge(a: float, a0: float, a1: float) -> bool:
    return (a - a0) % TAU <= (a1 - a0) + 1e-9


def ray_hits_box(a: float, reach: float, box: Box4) -> bool:
    """Does the segment from the centre along angle ``a`` (length ``reach``) cross the box? (Liang-Barsky)"""
    dx, dy = polar(reach, a)
    x, y, w, h = box
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, -x), (dx, x + w), (-dy, -y), (dy, y + h)):
        if abs(p) < 1e-12:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def fits(box: Box4, r0: float, r1: float | None, a0: float, a1: float) -> bool:
    """Is the upright ``box`` inside the annular sector ``r0..r1`` x ``a0..a1`` (``r1`` None = no outer rim)?

    Corners inside the wedge and no boundary ray through the box means inside
    the wedge, whatever its angle; the nearest point of the box decides the
    inner radius and the farthest corner the outer one.
    """
    x, y, w, h = box
    corners = ((x, y), (x + w, y), (x, y + h), (x + w, y + h))
    if r1 is not None and max(math.hypot(cx, cy) for cx, cy in corners) > r1 + 1e-9:
        return False
    nx, ny = min(max(0.0, x), x + w), min(max(0.0, y), y + h)
    if math.hypot(nx, ny) < r0 - 1e-9:
        return False
    if a1 - a0 >= TAU - 1e-9:
        return True
    if not all(_in_wedge(angle_of(cx, cy), a0, a1) for cx, cy in corners):
        return False
    reach = max(math.hypot(cx, cy) for cx, cy in corners) + 1.0
    return not (ray_hits_box(a0, reach, box) or ray_hits_box(a1, reach, box))


def place_on_ray(w: float, h: float, pad: float, r0: float, r1: float | None, a0: float, a1: float,
                 a: float | None = None, step: float = 2.0, limit: float = 2000.0, centred: bool = True
                 ) -> Box4 | None:
    """A ``w`` x ``h`` box centred on the ray at angle ``a`` (default: the middle) inside the sector.

    ``pad`` keeps the box that far from every side.  Within a closed ring the
    box goes to the middle of the radii where it fits (``centred``), else to
    the nearest one; with no outer rim it goes as close to ``r0`` as it fits,
    searching at most ``limit`` px outward.  None when it does not fit.
    """
    a = (a0 + a1) / 2 if a is None else a
    sa, ca = math.sin(a), -math.cos(a)
    slack = 1e-6  # search with a hair more padding, so the box returned fits however its caller re-adds ``pad``
    bw, bh = w + 2 * (pad + slack), h + 2 * (pad + slack)
    radial = (abs(bw * sa) + abs(bh * ca)) / 2  # half the box's extent along the ray
    across = (abs(bw * ca) + abs(bh * sa)) / 2  # ... and across it
    on_ray = min(bw / 2 / abs(sa) if abs(sa) > 1e-12 else math.inf, bh / 2 / abs(ca) if abs(ca) > 1e-12 else math.inf)
    lo = r0 + on_ray  # the ray's own entry point into the box must clear the inner radius
    half = min(a - a0, a1 - a)
    if half < math.pi / 2:  # the box's near side must be as wide as the wedge there
        lo = max(lo, radial + across / math.tan(half) if half > 1e-9 else math.inf)
    hi = (r1 - radial) if r1 is not None else max(lo, r0) + limit
    if not math.isfinite(lo) or lo > hi:  # a ray on the wedge's edge has no room at any distance
        return None
    good: list[float] = []
    d = lo
    while d <= hi + 1e-9:
        box = (d * sa - bw / 2, d * ca - bh / 2, bw, bh)
        if fits(box, r0, r1, a0, a1):
            good.append(d)
            if r1 is None or not centred:
                break
        elif good:
            break
        d += step
    if not good:
        return None
    d = (good[0] + good[-1]) / 2
    return (d * sa - w / 2, d * ca - h / 2, w, h)


def ray_exit(box: Box4, a: float) -> float:
    """Distance from the centre at which the ray at angle ``a`` enters ``box`` (the box straddles the ray)."""
    x, y, w, h = box
    dx, dy = polar(1.0, a)
    t = 0.0
    for p, lo, hi in ((dx, x, x + w), (dy, y, y + h)):
        if abs(p) > 1e-12:
            t = max(t, min(lo / p, hi / p))
    return t


# --------------------------------------------------------------------------- the radial emotion curve

def radial_curve(cx: float, cy: float, pts: list[tuple[float, float]]) -> tuple[Cmd, ...]:
    """A closed smooth curve through ``(angle, radius)`` points, sorted by angle.

    Radius is interpolated over angle with the monotone cubic of
    :mod:`.curve` (periodic: the points are repeated a turn before and after),
    so between two faces the line never strays outside their radii; each
    piece is then drawn as a Cartesian cubic from exact end tangents.
    """
    n = len(pts)
    if n < 2:
        return ()
    ext = [(a - TAU, r) for a, r in pts[-2:]] + list(pts) + [(a + TAU, r) for a, r in pts[:2]]
    segs = monotone_segments(ext)
    start = len(ext) - n - 2  # the segment that begins at pts[0]
    cmds: list[Cmd] = []
    for (p0, c1, c2, p1) in segs[start:start + n]:
        ra = (p0[1], c1[1], c2[1], p1[1])
        a0, a1 = p0[0], p1[0]
        k = max(1, math.ceil((a1 - a0) / CURVE_STEP - 1e-9))
        for j in range(k):
            t0, t1 = j / k, (j + 1) / k
            q0, d0 = _point_and_tangent(ra, a0, a1, t0)
            q1, d1 = _point_and_tangent(ra, a0, a1, t1)
            s = (t1 - t0) / 3
            if not cmds:
                cmds.append(("M", cx + q0[0], cy + q0[1]))
            cmds.append(("C", cx + q0[0] + d0[0] * s, cy + q0[1] + d0[1] * s,
                         cx + q1[0] - d1[0] * s, cy + q1[1] - d1[1] * s, cx + q1[0], cy + q1[1]))
    cmds.append(("Z",))
    return tuple(cmds)


def curve_radii(pts: list[tuple[float, float]], a0: float, a1: float, samples: int = 24
                ) -> tuple[float, float] | None:
    """The least and greatest radius of :func:`radial_curve` through ``pts`` between angles ``a0`` and ``a1``
    (sampled, ends included); None when fewer than two points make no curve."""
    n = len(pts)
    if n < 2:
        return None
    ext = [(a - TAU, r) for a, r in pts[-2:]] + list(pts) + [(a + TAU, r) for a, r in pts[:2]]
    segs = monotone_segments(ext)
    start = len(ext) - n - 2
    found: list[float] = []
    for (p0, c1, c2, p1) in segs[start:start + n]:
        ra = (p0[1], c1[1], c2[1], p1[1])
        for j in range(samples + 1):
            t = j / samples
            if _in_wedge((p0[0] + (p1[0] - p0[0]) * t) % TAU, a0 % TAU, a0 % TAU + (a1 - a0)):
                found.append(bezier_radius(ra, t)[0])
    return (min(found), max(found)) if found else None


def bezier_radius(ra: tuple[float, float, float, float], t: float) -> tuple[float, float]:
    """Radius and d(radius)/dt of one interpolation piece at parameter ``t``."""
    r0, r1, r2, r3 = ra
    u = 1 - t
    r = u * u * u * r0 + 3 * u * u * t * r1 + 3 * u * t * t * r2 + t * t * t * r3
    dr = 3 * (u * u * (r1 - r0) + 2 * u * t * (r2 - r1) + t * t * (r3 - r2))
    return r, dr


def _point_and_tangent(ra: tuple[float, float, float, float], a0: float, a1: float, t: float
                       ) -> tuple[Pt, Pt]:
    r, dr = bezier_radius(ra, t)
    a, da = a0 + (a1 - a0) * t, a1 - a0
    s, c = math.sin(a), math.cos(a)
    return (r * s, -r * c), (dr * s + r * c * da, -dr * c + r * s * da)


def reversed_curve(cmds: tuple[Cmd, ...]) -> tuple[Cmd, ...]:
    """The same closed ``M C... Z`` path drawn the other way round (a hole under nonzero fill)."""
    body = [c for c in cmds if c[0] == "C"]
    if not body:
        return ()
    start = cmds[0][1:3]
    ends = [start] + [c[5:7] for c in body]
    out: list[Cmd] = [("M", *ends[-1])]
    for k in range(len(body) - 1, -1, -1):
        c = body[k]
        out.append(("C", c[3], c[4], c[1], c[2], *ends[k]))
    out.append(("Z",))
    return tuple(out)
