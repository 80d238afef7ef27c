"""Lay a map out for where it goes: a box of a given size and a wanted body text size.

A screen layout scaled onto paper fills the paper only when their aspect
ratios agree, and prints its text at whatever size that scale gives.  Here
the destination is an input instead: :func:`fit_to_box` chooses the canvas
width (and so the column widths and line breaks) so that the map's shape
matches the box, which is the width that prints the largest type.

When even that leaves body text below the wanted size, the type grows
relative to the theme's spacing (``type_factor`` > 1): paper needs less
white space than a screen, and a denser map prints larger type on the same
sheet.  The factor grows only as far as the wanted size needs, and never
past :data:`MAX_TYPE_FACTOR`.

Pure layout: it calls :func:`.engine.layout` with candidate widths and
knows nothing of paper, points or renderers; callers convert.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import msgspec

from ..spec.journey import Journey
from ..text.measure import TextMeasurer
from ..geometry import Geometry
from .engine import Options, layout
from .model import Diagram

MAX_TYPE_FACTOR = 1.6
"""Text at most this much larger relative to spacing than the theme draws it on screen."""

TYPE_STEP = 0.05
WIDTH_STEPS = 6  # fixed-point steps on the canvas width
CONVERGED = 0.004  # a width within 0.4% of one tried changes nothing visible
COMPACT_SLACK = 0.02
FACTOR_STEPS = 4  # secant steps on the type factor
BALANCE_STEPS = 8  # bisection steps on the canvas width (:func:`largest_fit`)


class Fit(msgspec.Struct, frozen=True):
    diagram: Diagram
    geometry: Geometry  # the theme's geometry with ``type_factor`` applied
    scale: float  # diagram px (without its margin) -> box px
    type_factor: float

    @property
    def body(self) -> float:
        """Body text size in box px."""
        return self.geometry.size.body * self.scale


def with_type_factor(geometry: Geometry, factor: float) -> Geometry:
    """``geometry`` with every text size, and the boxes sized for text (icons, lane titles, persona
    cards), times ``factor``; spacing unchanged, except that the emotion plot, tall on screen to make
    the story read at a glance, gives back height as the type grows (never below ``plot_min``)."""
    if factor == 1.0:
        return geometry
    size = geometry.size
    sizes = msgspec.structs.replace(size, **{k: round(getattr(size, k) * factor, 2) for k in size.__struct_fields__})
    persona = msgspec.structs.replace(geometry.persona, width=round(geometry.persona.width * factor, 2))
    e = geometry.emotion
    emotion = msgspec.structs.replace(e, plot_height=round(max(e.plot_min, min(e.plot_height, e.plot_height / factor)), 2))
    return msgspec.structs.replace(geometry, size=sizes, icon=round(geometry.icon * factor, 2), persona=persona,
                                   lane_title_width=round(geometry.lane_title_width * factor, 2), emotion=emotion)


def fit_to_box(journey: Journey, geometry: Geometry, measurer: TextMeasurer, options: Options,
               box_w: float, box_h: float, want_body: float, *, max_factor: float = MAX_TYPE_FACTOR,
               compact: bool = False) -> Fit:
    """The layout that fills ``box_w`` x ``box_h`` with body text of at least ``want_body`` box px if it can.

    Tries the theme's own type first and raises the type factor only while
    body text is below ``want_body`` (secant steps on body size against the
    factor, which is close to linear).  Returns the best found.  ``compact``
    then takes the narrowest canvas that prints (almost) as large, so a map
    that is bound by the box's height is not stretched sideways.
    """
    last: list[Fit] = []

    def at(factor: float) -> Fit:
        # Width grows about in step with the type: start from the last fit's width, scaled.
        start = last[-1].diagram.width * factor / last[-1].type_factor if last else None
        fit = _best_width(journey, with_type_factor(geometry, factor), measurer, options, box_w, box_h, factor, start)
        last.append(fit)
        return fit

    found = _search_factor(at, want_body, max_factor)
    return _narrowest(journey, found, measurer, options, box_w, box_h, want_body) if compact else found


def largest_fit(journey: Journey, geometry: Geometry, measurer: TextMeasurer, options: Options,
                box_w: float, box_h: float, max_factor: float = MAX_TYPE_FACTOR, enough: float = math.inf) -> Fit:
    """The fit at the largest type factor: about the largest body text ``box_w`` x ``box_h`` can hold for
    this journey, at a fraction of :func:`fit_to_box`'s cost (to ask whether a part fits at all); the
    search stops early at body text of ``enough`` box px."""
    best = _best_width(journey, with_type_factor(geometry, max_factor), measurer, options, box_w, box_h, max_factor)
    return best if best.body >= enough else _balance(journey, best, measurer, options, box_w, box_h, enough)


def _balance(journey: Journey, best: Fit, measurer: TextMeasurer, options: Options, box_w: float,
             box_h: float, enough: float = math.inf) -> Fit:
    """Bisection on the canvas width for where the map turns from height-bound to width-bound, which is
    where the scale peaks; the best fit seen wins.  The fixed point of :func:`_best_width` can jump past
    that width when a step re-wraps a tall column (wide persona cards do that)."""
    inset = 2 * best.geometry.space.margin
    lo, hi = 200.0, max(400.0, 2 * best.diagram.width)
    for _ in range(BALANCE_STEPS):
        mid = (lo + hi) / 2
        d = layout(journey, best.geometry, measurer, msgspec.structs.replace(options, width=int(round(mid))))
        w, h = d.width - inset, d.height - inset
        fit = Fit(d, best.geometry, min(box_w / w, box_h / h), best.type_factor)
        if fit.scale > best.scale:
            best = fit
            if best.body >= enough:
                break
        if w / box_w > h / box_h:
            hi = mid
        else:
            lo = mid
    return best


def _search_factor(at: Callable[[float], Fit], want_body: float, max_factor: float) -> Fit:
    lo = at(1.0)
    if lo.body >= want_body:
        return lo
    top = at(max_factor)
    if top.body < want_body:
        return max(lo, top, key=lambda f: f.body)
    for _ in range(FACTOR_STEPS):  # lo is too small, top is big enough: close in on the smallest factor that does
        if top.type_factor - lo.type_factor <= TYPE_STEP:
            break
        slope = (top.body - lo.body) / (top.type_factor - lo.type_factor)
        guess = lo.type_factor + (want_body - lo.body) / slope if slope > 0 else (lo.type_factor + top.type_factor) / 2
        guess = round(min(max(guess, lo.type_factor + TYPE_STEP / 2), top.type_factor - TYPE_STEP / 2), 3)
        mid = at(guess)
        if mid.body >= want_body:
            top = mid
        else:
            lo = mid
    return top


def _best_width(journey: Journey, geometry: Geometry, measurer: TextMeasurer, options: Options,
                box_w: float, box_h: float, factor: float, start: float | None = None) -> Fit:
    """Canvas width whose map has the box's aspect ratio: the width that prints largest.

    Height never grows with width, so the scale ``min(box_w / w, box_h / h)``
    peaks where the map's aspect ratio meets the box's.  Height changes slowly
    with width, so the fixed point ``w = ratio * h(w)`` is reached in a few
    steps; the best candidate seen wins.
    """
    inset = 2 * geometry.space.margin
    ratio = box_w / box_h

    def run(width: float) -> Fit:
        d = layout(journey, geometry, measurer, msgspec.structs.replace(options, width=int(round(width))))
        w, h = d.width - inset, d.height - inset
        return Fit(d, geometry, min(box_w / w, box_h / h), factor)

    best: Fit | None = None
    if start is None:
        d = layout(journey, geometry, measurer, msgspec.structs.replace(options, width=None))
        start = ratio * (d.height - inset) + inset
    width = start
    tried: list[float] = []
    for _ in range(WIDTH_STEPS):
        if width < 200 or any(abs(width - t) <= CONVERGED * t for t in tried):
            break
        tried.append(width)
        fit = run(width)
        if best is None or fit.scale > best.scale:
            best = fit
        width = ratio * (fit.diagram.height - inset) + inset
    if best is None:
        best = run(max(200.0, width))
    return best


def _narrowest(journey: Journey, best: Fit, measurer: TextMeasurer, options: Options, box_w: float,
               box_h: float, want_body: float) -> Fit:
    """The narrowest canvas whose scale is within :data:`COMPACT_SLACK` of ``best``'s (bisection),
    keeping body text at ``want_body`` when ``best`` reaches it."""
    floor = best.scale * (1 - COMPACT_SLACK)
    if best.body >= want_body:
        floor = max(floor, want_body / best.geometry.size.body)
    inset = 2 * best.geometry.space.margin

    def run(width: float) -> Fit:
        d = layout(journey, best.geometry, measurer, msgspec.structs.replace(options, width=int(round(width))))
        return Fit(d, best.geometry, min(box_w / (d.width - inset), box_h / (d.height - inset)), best.type_factor)

    lo, hi, found = 200.0, best.diagram.width, best
    for _ in range(WIDTH_STEPS):
        mid = (lo + hi) / 2
        fit = run(mid)
        if fit.scale >= floor:
            hi, found = mid, fit
        else:
            lo = mid
    return found
