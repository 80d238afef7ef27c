"""Monotone cubic interpolation, stated as properties of the Bezier segments it returns (hypothesis).

Through every point, left to right, no overshoot, smooth (matching tangents where segments meet),
straight where the data are straight, flat at a peak or a dip, and never flat on a slope.
"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from cjmrender.layout.curve import monotone_segments

TOL = 1e-6


@st.composite
def point_lists(draw, min_size=2):
    n = draw(st.integers(min_size, 9))
    gaps = draw(st.lists(st.floats(1, 300), min_size=n - 1, max_size=n - 1))
    xs = [draw(st.floats(-500, 500))]
    for g in gaps:
        xs.append(xs[-1] + g)
    ys = draw(st.lists(st.floats(-400, 400).map(lambda v: round(v, 2)), min_size=n, max_size=n))
    return list(zip(xs, ys))


def slope_in(seg) -> float:
    """Slope of the tangent where a segment ends (from its second control point)."""
    (_, _), _, (x2, y2), (x3, y3) = seg
    return (y3 - y2) / (x3 - x2)


def slope_out(seg) -> float:
    """Slope of the tangent where a segment starts (towards its first control point)."""
    (x0, y0), (x1, y1), _, _ = seg
    return (y1 - y0) / (x1 - x0)


def close(a: float, b: float, scale: float = 1.0) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(scale))


@given(point_lists())
@example([(0.0, 0.0), (1.0, 5.3), (2.0, 6.3), (3.0, 0.0)])  # a steep tangent the limiter must shorten
def test_through_every_point_left_to_right_without_overshoot(pts):
    segs = monotone_segments(pts)
    assert len(segs) == len(pts) - 1
    for (a, b), seg in zip(zip(pts, pts[1:]), segs):
        p0, c1, c2, p3 = seg
        assert p0 == a and p3 == b
        assert a[0] < c1[0] < c2[0] < b[0]  # the curve is a function of x: no loops back
        lo, hi = sorted((a[1], b[1]))
        for _, y in (c1, c2):
            assert lo - TOL <= y <= hi + TOL, "overshoot: a value nobody reported"


@given(point_lists(min_size=3))
def test_smooth_where_segments_meet(pts):
    segs = monotone_segments(pts)
    for left, right in zip(segs, segs[1:]):
        assert close(slope_in(left), slope_out(right), max(abs(slope_in(left)), 1.0))


@given(point_lists(), st.floats(-3, 3), st.floats(-200, 200))
def test_straight_data_give_a_straight_line(pts, k, c):
    line = [(x, k * x + c) for x, _ in pts]
    for seg in monotone_segments(line):
        for x, y in seg:
            assert abs(y - (k * x + c)) < 1e-6 * max(1.0, abs(k * x) + abs(c))


@given(point_lists(min_size=3))
def test_end_tangents_follow_the_end_chords(pts):
    segs = monotone_segments(pts)
    (x0, y0), (x1, y1) = pts[0], pts[1]
    (xa, ya), (xb, yb) = pts[-2], pts[-1]
    first, last = slope_out(segs[0]), slope_in(segs[-1])
    d0, dn = (y1 - y0) / (x1 - x0), (yb - ya) / (xb - xa)
    # same direction as the chord, no steeper (the monotonicity limiter may shorten it)
    assert first * d0 >= 0 and abs(first) <= abs(d0) + TOL
    assert last * dn >= 0 and abs(last) <= abs(dn) + TOL
    if d0 != 0:
        assert first != 0
    if dn != 0:
        assert last != 0


@given(point_lists(min_size=3))
def test_flat_at_peaks_and_dips_never_flat_on_a_slope(pts):
    segs = monotone_segments(pts)
    for i in range(1, len(pts) - 1):
        before = pts[i][1] - pts[i - 1][1]
        after = pts[i + 1][1] - pts[i][1]
        tangent = slope_out(segs[i])
        if before * after <= 0:  # a peak, a dip or a plateau edge
            assert tangent == 0
        else:  # strictly rising or falling through the point: the curve keeps going that way
            assert tangent * before > 0


def test_fewer_than_two_points_give_no_segments():
    assert monotone_segments([]) == [] and monotone_segments([(0.0, 1.0)]) == []
