"""The sparkline: the whole journey's emotion, small, with one stage's span tinted and its points emphasised.

A report opens every stage with it, so a reader sees where the stage sits in
the journey before reading its detail.  Pure like the rest of the layout:
journey, geometry and measurer in, a :class:`Diagram` out; the SVG renderer
draws it.  Maps that give each persona its own ``emotions:`` get one curve
per persona, in the colours, dashes and markers the map uses for them.
"""

from __future__ import annotations

from ..spec.journey import Journey
from ..text.measure import TextMeasurer
from ..geometry import Geometry
from .blocks import Ctx, text_block
from .emotion_marks import curve_commands, face_level
from .emotion_personas import DASHES, SERIES, marker, persona_series, role as series_role
from .model import Box, Circle, Diagram, Element, Group, PathShape, Rect

Point = tuple[float, float]


def layout_sparkline(journey: Journey, geometry: Geometry, measurer: TextMeasurer, stage: int) -> Diagram:
    """Stage ``stage`` (0-based) highlighted on the whole journey's emotion curve(s)."""
    ctx = Ctx(geometry, measurer, journey.locale)
    s = geometry.spark
    size = geometry.size.body
    label_h = ctx.line_h(size)
    x0, x1 = s.pad, s.width - s.pad
    top, bottom = s.pad + s.point, s.height - label_h - s.pad
    n = max(1, len(journey.columns))
    step = (x1 - x0) / n

    def cx(i: int) -> float:
        return x0 + (i + 0.5) * step

    def cy(score: float) -> float:
        return bottom - journey.scale.norm(score) * (bottom - top)

    st = journey.stages[stage]
    band = Rect(x0 + st.first * step, 0, st.count * step, s.height)
    mid = cy((journey.scale.min + journey.scale.max) / 2)
    kids: list[Element] = [
        Box(Rect(0, 0, s.width, s.height), "canvas", cls="canvas"),
        Box(band, "emotion.spread", cls="spark-stage"),
        PathShape((("M", x0, mid), ("L", x1, mid)), "emotion.baseline", geometry.stroke.grid, (3.0, 3.0),
                  "spark-baseline"),
    ]
    inside = range(st.first, st.first + st.count)
    series = persona_series(journey)
    if series:
        for k, p in series:
            pts = [(i, e.score) for i, c in enumerate(journey.columns) for who, e in c.content.emotions if who == p.id]
            kids += _curve([(cx(i), cy(v)) for i, v in pts], series_role(k), geometry.stroke.curve * 0.75,
                           DASHES[k % SERIES], f"spark-curve persona-{p.id}")
            kids += [marker(k, cx(i), cy(v), s.point * (2 if i in inside else 1),
                            "spark-point stage" if i in inside else "spark-point") for i, v in pts]
    else:
        pts = [(i, c.content.emotion.score) for i, c in enumerate(journey.columns) if c.content.emotion]
        kids += _curve([(cx(i), cy(v)) for i, v in pts], "emotion.curve", geometry.stroke.curve * 0.75, (),
                       "spark-curve")
        for i, v in pts:
            if i in inside:
                kids.append(Circle(cx(i), cy(v), 2 * s.point, f"emotion.face.{face_level(journey.scale.norm(v))}", 1.0,
                                   "spark-point stage"))
            else:
                kids.append(Circle(cx(i), cy(v), s.point, "emotion.curve", cls="spark-point"))
    for k, other in enumerate(journey.stages):
        centre = x0 + (other.first + other.count / 2) * step
        kids.append(text_block(ctx, (str(k + 1),), centre, bottom + s.pad, size,
                               "title" if k == stage else "emotion.scale", bold=k == stage, anchor="middle",
                               cls="spark-stage-number"))
    root = Group(f"spark-{stage + 1}", "sparkline", tuple(kids), st.name)
    desc = f"Emotion across the journey, stage {stage + 1} of {len(journey.stages)} ({st.name}) highlighted."
    return Diagram(s.width, s.height, f"{journey.title}: {st.name}", desc, journey.locale, geometry.font_family,
                   root)


def _curve(points: list[Point], role: str, stroke: float, dash: tuple[float, ...], cls: str) -> list[Element]:
    """The smooth curve through ``points`` (none for fewer than two)."""
    if len(points) < 2:
        return []
    return [PathShape(curve_commands(points)[1], role, stroke, dash, cls)]
