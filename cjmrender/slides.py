"""Slides: 16:9 pages with an overview of the whole map, then detail slides of whole stages.

Each slide is laid out for the slide (:func:`.layout.target.fit_to_box`),
not scaled from the screen layout: detail slides hold as many whole stages
as keep body text at :data:`DETAIL_BODY_PX` or more, with every lane.  The
same slides become one SVG or PNG per slide, or a PPTX deck
(:mod:`.render.pptx`).
"""

from __future__ import annotations

import re

import msgspec

from .layout.engine import Options
from .layout.model import Diagram
from .layout.split import greedy_runs, stage_run
from .layout.target import Fit, fit_to_box
from .render.svg import fmt
from .spec.journey import Journey
from .text.measure import TextMeasurer
from .theme import Theme

SLIDE_W, SLIDE_H = 1920, 1080
PAD = 56
"""Slide margin in px: room a projector or a slide tool's frame may crop."""
DETAIL_BODY_PX = 20.0
SLIDE_TYPE_FACTOR = 3.0
"""A slide is read from across a room: text may grow further against the spacing than on paper."""
OVERVIEW_BODY_PX = 12.0  # the overview shows the shape of the journey; its detail is on later slides


class Slide(msgspec.Struct, frozen=True):
    kind: str  # "overview" | "detail"
    journey: Journey  # the part of the map this slide shows
    diagram: Diagram
    theme: Theme
    scale: float  # diagram px (without its margin) -> slide px
    first: int = 0  # first stage shown
    count: int = 0


def build_slides(journey: Journey, theme: Theme, measurer: TextMeasurer, options: Options,
                 layout: str = "swimlane") -> list[Slide]:
    """Overview plus detail slides of whole stages, in order."""
    if layout == "wheel":
        return _wheel_slides(journey, theme, measurer, options)
    box_w, box_h = SLIDE_W - 2 * PAD, SLIDE_H - 2 * PAD

    detail = msgspec.structs.replace(options, persona_cards=False)  # the title slide shows the personas

    def fit(part: Journey, want: float, compact: bool = False) -> Fit:
        opts = options if part is journey else detail
        return fit_to_box(part, theme.geometry, measurer, opts, box_w, box_h, want, max_factor=SLIDE_TYPE_FACTOR,
                          compact=compact)

    def slide(kind: str, part: Journey, f: Fit, first: int, count: int) -> Slide:
        return Slide(kind, part, f.diagram, msgspec.structs.replace(theme, geometry=f.geometry), f.scale, first, count)

    n = len(journey.stages)
    cache: dict[tuple[int, int], Fit] = {}

    def run_fit(first: int, count: int) -> Fit:
        if (first, count) not in cache:
            cache[(first, count)] = fit(stage_run(journey, first, count), DETAIL_BODY_PX)
        return cache[(first, count)]

    def fits(first: int, count: int) -> bool:
        return run_fit(first, count).body >= DETAIL_BODY_PX

    runs = greedy_runs(n, fits)
    if len(runs) > 1:  # share stages evenly over the same number of slides when that fits too
        even = _even(n, len(runs))
        if all(fits(a, c) for a, c in even):
            runs = even
    if runs == [(0, n)]:  # every stage fits at detail size: the overview is the one map slide
        return [slide("overview", journey, fit(journey, DETAIL_BODY_PX, compact=True), 0, n)]
    slides = [slide("overview", journey, fit(journey, OVERVIEW_BODY_PX), 0, n)]
    for first, count in runs:
        part = stage_run(journey, first, count)
        slides.append(slide("detail", part, fit(part, DETAIL_BODY_PX, compact=True), first, count))
    return slides


def _wheel_slides(journey: Journey, theme: Theme, measurer: TextMeasurer, options: Options) -> list[Slide]:
    """The wheel with its badge list beside it, then per phase (or for the whole map) detail slides of
    whole stages, each showing the wheel with those stages highlighted and their content at
    :data:`DETAIL_BODY_PX` or more (see :mod:`.layout.wheel_slides`)."""
    from .layout.wheel_slides import detail, detail_geometry, overview

    n = len(journey.stages)
    d, scale = overview(journey, theme.geometry, measurer, options, SLIDE_W - 2 * PAD, SLIDE_H - 2 * PAD)
    slides = [Slide("overview", journey, d, theme, scale, 0, n)]
    g = detail_geometry(theme.geometry, DETAIL_BODY_PX, PAD)
    detail_theme = msgspec.structs.replace(theme, geometry=g)
    groups = [(p.first, p.count, f"{p.name}: ") for p in journey.phases] or [(0, n, "")]

    def heading(prefix: str, first: int, count: int) -> str:
        a, b = journey.stages[first].name, journey.stages[first + count - 1].name
        return prefix + (a if count == 1 else f"{a} – {b}")

    made: dict[tuple[int, int], Diagram] = {}

    def make(prefix: str, first: int, count: int) -> Diagram:
        if (first, count) not in made:  # the run chosen was laid out already while choosing it
            made[(first, count)] = detail(journey, g, measurer, options, first, count, SLIDE_W, SLIDE_H,
                                          heading(prefix, first, count))
        return made[(first, count)]

    for start, size, prefix in groups:
        runs = greedy_runs(size, lambda a, c: make(prefix, start + a, c).height <= SLIDE_H + 1e-6)
        for a, c in runs:
            dd = make(prefix, start + a, c)
            s = min(1.0, (SLIDE_H - 2 * PAD) / (dd.height - 2 * PAD))
            slides.append(Slide("detail", stage_run(journey, start + a, c), dd, detail_theme, s, start + a, c))
    return slides


def _even(n: int, parts: int) -> list[tuple[int, int]]:
    base, extra = divmod(n, parts)
    out, first = [], 0
    for i in range(parts):
        count = base + (1 if i < extra else 0)
        out.append((first, count))
        first += count
    return out


_ROOT = re.compile(r'<svg\b[^>]*>')


def slide_svg(map_svg: str, slide: Slide, background: str) -> str:
    """The map's SVG reframed as a 1920 x 1080 slide: the map centred, scaled, on the theme's paper."""
    d = slide.diagram
    inset = slide.theme.geometry.space.margin
    s = slide.scale
    vw, vh = SLIDE_W / s, SLIDE_H / s
    x0 = inset - (vw - (d.width - 2 * inset)) / 2
    y0 = inset - (vh - (d.height - 2 * inset)) / 2
    root = _ROOT.search(map_svg)
    assert root is not None
    tag = root.group(0)
    tag = re.sub(r'\swidth="[^"]*"', f' width="{SLIDE_W}"', tag, count=1)
    tag = re.sub(r'\sheight="[^"]*"', f' height="{SLIDE_H}"', tag, count=1)
    tag = re.sub(r'\sviewBox="[^"]*"', f' viewBox="{fmt(x0)} {fmt(y0)} {fmt(vw)} {fmt(vh)}"', tag, count=1)
    paper = f'<rect x="{fmt(x0)}" y="{fmt(y0)}" width="{fmt(vw)}" height="{fmt(vh)}" fill="{background}"/>'
    body = map_svg[root.end():]
    after = body.find("</desc>")  # keep <title> and <desc> first, for screen readers
    cut = after + len("</desc>") if after >= 0 else 0
    return map_svg[:root.start()] + tag + body[:cut] + paper + body[cut:]


def _rendered(slide: Slide, prefix: str) -> str:
    from .render.svg import render_svg

    return slide_svg(render_svg(slide.diagram, slide.theme, prefix), slide, slide.theme.paint.part("canvas", "fill"))


def _png(svg: str, slide: Slide, zoom: float) -> bytes:
    from .render.png import render_png

    return render_png(svg, SLIDE_W, SLIDE_H, zoom, system_fonts=bool(slide.diagram.missing),
                      source=slide.journey.source_name)


def slide_files(slides: list[Slide], fmt_name: str, prefix: str, scale: float | None, dpi: float | None
                ) -> list[tuple[str, bytes]]:
    """``(slide-NN.<fmt>, bytes)`` for every slide; PNG at ``--scale``/``--dpi`` (default 1: 1920 x 1080)."""
    from .render.png import zoom_for

    zoom = zoom_for(1.0 if scale is None and dpi is None else scale, dpi) if fmt_name == "png" else 1.0
    out = []
    for i, slide in enumerate(slides, 1):
        svg = _rendered(slide, f"{prefix}-s{i}")
        data = svg.encode() if fmt_name == "svg" else _png(svg, slide, zoom)
        out.append((f"slide-{i:02d}.{fmt_name}", data))
    return out


FALLBACK_ZOOM = 2 / 3
"""PPTX fallback PNGs at 1280 x 720 (HD), and fast enough for a 10-slide deck."""


def deck(journey: Journey, slides: list[Slide], prefix: str) -> bytes:
    """PPTX bytes: title slide (title, goal, persona), the overview, and the detail slides with notes."""
    from . import __version__
    from .render.pptx import DeckSlide, render_pptx

    items = []
    for i, slide in enumerate(slides, 1):
        svg = _rendered(slide, f"{prefix}-s{i}")
        name = "Journey map" if slide.kind == "overview" else slide.journey.title
        items.append(DeckSlide(svg.encode(), _png(svg, slide, FALLBACK_ZOOM), notes(journey, slide), name))
    persona = "; ".join(_persona_line(p) for p in journey.personas)
    meta = {"subject": journey.goal or journey.scenario or "", "author": journey.author or "",
            "generator": f"cjmrender {__version__}", "lang": journey.locale, "date": journey.date or ""}
    return render_pptx(journey.title, journey.goal or journey.scenario or "", persona, items, SLIDE_W, SLIDE_H, meta)


def _persona_line(p) -> str:  # noqa: ANN001 - PersonaDef
    facts = " · ".join(v for _, v in p.facts)
    return f"{p.name} ({facts})" if facts else p.name


def notes(journey: Journey, slide: Slide) -> str:
    """Speaker notes: each shown stage's pains and opportunities (the overview lists the stages)."""
    from .i18n import STRINGS

    words = STRINGS.get(journey.locale, STRINGS["en"])
    stages = journey.stages[slide.first:slide.first + slide.count]
    if slide.kind == "overview":
        return " → ".join(s.name for s in stages)
    lines = []
    for st in stages:
        cols = journey.columns[st.first:st.first + st.count]
        lines.append(st.name)
        for key in ("pains", "opportunities"):
            items = [t.text for c in cols for t in getattr(c.content, key)]
            if items:
                lines.append(f"{words.get('lane.' + key, key)}:")
                lines.extend(f"- {t}" for t in items)
        lines.append("")
    return "\n".join(lines).strip()
