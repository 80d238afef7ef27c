"""Where a map goes decides its layout: a poster page gets a layout made for its shape and type size.

:func:`poster_fit` turns ``--page``/``--orientation``/``--min-font`` into a
box and a wanted body size for :func:`.layout.target.fit_to_box`, and says
what the user can do when the page is too small for the wanted size.
"""

from __future__ import annotations

import math

import msgspec

from .errors import Problem, UserError
from .geometry import PT_PER_PX
from .layout.engine import Options
from .layout.model import Diagram
from .layout.target import fit_to_box
from .spec.journey import Journey
from .text.measure import TextMeasurer
from .theme import Theme

DEFAULT_MIN_PT = 9.0
"""Body text the poster aims for: readable at arm's length on a wall."""
FLOOR_PT = 6.0
"""Below this the poster refuses (the PDF renderer enforces it)."""
LARGER = ("A4", "A3", "A2", "A1", "A0")


class PrintFit(msgspec.Struct, frozen=True):
    diagram: Diagram
    theme: Theme
    body_pt: float
    warning: str | None = None


def wanted_pt(min_font: float | None) -> float:
    pt = DEFAULT_MIN_PT if min_font is None else min_font
    if not FLOOR_PT <= pt <= 72:
        raise UserError(Problem("--min-font", 0, 0, f"minimum font size must be between {FLOOR_PT:g} and 72 pt"))
    return pt


def poster_fit(journey: Journey, theme: Theme, measurer: TextMeasurer, options: Options, page_name: str,
               orientation: str, min_font: float | None) -> PrintFit:
    """A layout that fills the poster page with body text of at least ``min_font`` pt where it can."""
    from .render.pdf import paper

    want = wanted_pt(min_font)
    page = paper(page_name, orientation)
    fit = fit_to_box(journey, theme.geometry, measurer, options, page.content_width, page.map_height,
                     want / PT_PER_PX)
    body = fit.body * PT_PER_PX
    fitted = msgspec.structs.replace(theme, geometry=fit.geometry)
    warning = None
    if FLOOR_PT <= body < want - 0.005:
        better = _page_for(journey, theme, measurer, options, page_name, orientation, want)
        hint = f"--page {better}" if better else "a larger page with --tile"
        warning = (f"{journey.source_name}: warning: on {page.label} body text prints at {math.floor(body * 10) / 10:.1f} pt, under the "
                   f"{want:g} pt wanted; {hint} gives {want:g} pt, or split it with --tile")
    return PrintFit(fit.diagram, fitted, body, warning)


def _page_for(journey: Journey, theme: Theme, measurer: TextMeasurer, options: Options, page_name: str,
              orientation: str, want: float) -> str | None:
    """The first larger A-series paper (same orientation) on which the fitted map reaches ``want`` pt."""
    from .render.pdf import paper

    name = page_name.strip().upper()
    start = LARGER.index(name) + 1 if name in LARGER else 2  # Letter/Tabloid: try from A2
    for candidate in LARGER[start:]:
        page = paper(candidate, orientation)
        fit = fit_to_box(journey, theme.geometry, measurer, options, page.content_width, page.map_height,
                         want / PT_PER_PX)
        if fit.body * PT_PER_PX >= want - 0.005:
            return candidate if orientation == "landscape" else f"{candidate} --orientation portrait"
    return None
