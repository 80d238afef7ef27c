"""Monotone cubic interpolation (Fritsch-Carlson): a smooth curve with no overshoot.

Between two points the curve never leaves their y-range, so the emotion line
stays inside its band and never suggests a feeling nobody reported.
"""

from __future__ import annotations

Point = tuple[float, float]
Segment = tuple[Point, Point, Point, Point]  # start, control 1, control 2, end


def monotone_segments(points: list[Point]) -> list[Segment]:
    """Cubic Bezier segments through ``points`` (x strictly increasing)."""
    n = len(points)
    if n < 2:
        return []
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    h = [xs[i + 1] - xs[i] for i in range(n - 1)]
    d = [(ys[i + 1] - ys[i]) / h[i] for i in range(n - 1)]
    m = [0.0] * n
    m[0], m[-1] = d[0], d[-1]
    for i in range(1, n - 1):
        m[i] = 0.0 if d[i - 1] * d[i] <= 0 else (d[i - 1] + d[i]) / 2
    for i in range(n - 1):
        if d[i] == 0:
            m[i] = m[i + 1] = 0.0
            continue
        a, b = m[i] / d[i], m[i + 1] / d[i]
        s = a * a + b * b
        if s > 9:
            tau = 3 / s ** 0.5
            m[i], m[i + 1] = tau * a * d[i], tau * b * d[i]
    out: list[Segment] = []
    for i in range(n - 1):
        x0, y0, x1, y1 = xs[i], ys[i], xs[i + 1], ys[i + 1]
        out.append(((x0, y0), (x0 + h[i] / 3, y0 + m[i] * h[i] / 3),
                    (x1 - h[i] / 3, y1 - m[i + 1] * h[i] / 3), (x1, y1)))
    return out
