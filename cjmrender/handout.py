"""Handout: pages of whole stages, each laid out for the page, so body text prints at the wanted size.

Splitting happens by stages, not by pixels: each page is a part of the map
(:func:`.layout.split.column_run`) laid out by the same engine for the
page's box (:func:`.layout.target.fit_to_box`), so every page has its lane
labels, stage headers and emotion scale, and no card is cut.  The first
page keeps the title, goal and personas.  Pages break between stages,
preferring phase boundaries; a stage too wide for a page on its own breaks
between its steps.  On landscape paper, where the lanes may be taller than
the page, a run may take two page rows, each with part of the lanes under
the repeated stage headers.  The curve's ends get dashed stubs toward the
neighbouring pages' scores, pains go on numbering across pages and only
the whole map's lowest and highest moments are called out
(:attr:`.layout.engine.Options.run`).

Pure planning: no paper names, no renderer; :mod:`.pipeline` gives the box.
"""

from __future__ import annotations

from collections.abc import Callable

import msgspec

from .geometry import PT_PER_PX
from .layout.engine import Options, layout, select_lanes
from .layout.model import Diagram, lane_titles
from .layout.split import column_run
from .layout.target import Fit, fit_to_box, largest_fit
from .spec.journey import Journey
from .text.measure import TextMeasurer
from .theme import Theme


HANDOUT_TYPE_FACTOR = 2.0
"""A handout is read in the hand: text may grow further against the spacing than on a wall poster."""

BREAK_PHASE, BREAK_STAGE, BREAK_STEP = 0, 1, 3
"""How much a page break costs where it falls: between phases, between stages, inside a stage."""


class HandoutPage(msgspec.Struct, frozen=True):
    journey: Journey  # the part of the map this page shows
    diagram: Diagram
    theme: Theme  # the theme with the page's type factor
    scale: float  # diagram px (without its margin) -> page px
    body_pt: float
    first: int  # first column shown
    count: int  # columns shown
    row: int = 0  # 1: the second page row of a run whose lanes are split over two


class Handout(msgspec.Struct, frozen=True):
    pages: tuple[HandoutPage, ...]
    want_pt: float

    @property
    def short(self) -> tuple[HandoutPage, ...]:
        """Pages whose body text is under the wanted size (a single column too big for the page)."""
        return tuple(p for p in self.pages if p.body_pt < self.want_pt - 0.005)


def break_costs(journey: Journey) -> dict[int, int]:
    """Column index -> cost of a page break before that column (the map's ends cost nothing)."""
    out = {0: BREAK_PHASE, len(journey.columns): BREAK_PHASE}
    for i, st in enumerate(journey.stages):
        if i:
            out[st.first] = BREAK_PHASE if st.phase != journey.stages[i - 1].phase else BREAK_STAGE
        for k in range(1, st.count):
            out[st.first + k] = BREAK_STEP
    return out


def plan(cuts: list[int], costs: dict[int, int], sheets: Callable[[int, int], int | None]) -> list[tuple[int, int]]:
    """Pages as (first column, end column) over the allowed ``cuts`` (sorted, from 0 to the last column).

    ``sheets(first, end)`` is how many page rows a run takes (1, or 2 when its lanes are split), None when
    it does not fit.  Fewest sheets first, then the cheapest breaks (:func:`break_costs`), then the most
    even pages.  A run between two neighbouring cuts always makes a page, even when it does not fit
    (nothing smaller exists).  Assumes a run that does not fit does not fit longer either, so each
    start is extended only until the first failure.
    """
    n = len(cuts)
    best: list[tuple[int, int, int, int] | None] = [None] * n  # (sheets, cost, spread, next cut index)
    best[-1] = (0, 0, 0, n - 1)
    for i in range(n - 2, -1, -1):
        for j in range(i + 1, n):
            rows = sheets(cuts[i], cuts[j])
            if rows is None and j > i + 1:
                break
            rest = best[j]
            assert rest is not None
            width = cuts[j] - cuts[i]
            cand = (rest[0] + (rows or 1), rest[1] + costs[cuts[j]], rest[2] + width * width, j)
            if best[i] is None or cand[:3] < best[i][:3]:  # type: ignore[index]
                best[i] = cand
    out, i = [], 0
    while i < n - 1:
        j = best[i][3]  # type: ignore[index]
        out.append((cuts[i], cuts[j]))
        i = j
    return out


def lane_halves(journey: Journey, theme: Theme, measurer: TextMeasurer, options: Options
                ) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The lanes cut in two groups of about equal height (on the whole map), for pages whose lanes are taller
    than the page: each group becomes a row of pages.  None with fewer than two lanes."""
    lanes = tuple(ln.id for ln in select_lanes(journey, options.lanes))
    if len(lanes) < 2:
        return None
    heights = [r.h for _, r in lane_titles(layout(journey, theme.geometry, measurer, options))]
    total, run, cut = sum(heights), 0.0, 1
    for k, h in enumerate(heights[:-1], 1):
        if abs(total / 2 - (run + h)) < abs(total / 2 - run) or k == 1:
            cut = k
        run += h
    return lanes[:cut], lanes[cut:]


def build_handout(journey: Journey, theme: Theme, measurer: TextMeasurer, options: Options, box_w: float,
                  box_h: float, want_pt: float) -> Handout:
    """Handout pages of ``journey`` for a ``box_w`` x ``box_h`` px page box, body text ``want_pt`` or more.

    A run whose lanes are too tall for the page (landscape paper) may take
    two page rows, each with some of the lanes under the stage headers.
    """
    want = want_pt / PT_PER_PX
    ncols = len(journey.columns)
    halves = lane_halves(journey, theme, measurer, options) if box_w > box_h else None  # landscape only

    def part(c0: int, c1: int, lanes: tuple[str, ...] | None, row: int = 0) -> tuple[Journey, Options]:
        top = c0 == 0 and row == 0
        opts = msgspec.structs.replace(options, width=None, wrap=None, run=(journey, c0), persona_cards=top,
                                       lanes=lanes or options.lanes)
        return column_run(journey, c0, c1, keep_header=top), opts

    largest: dict[tuple[int, int, int | None], Fit] = {}

    def at_most(c0: int, c1: int, row: int | None = None) -> Fit:
        """The largest fit of a run: all lanes (``row`` None), or one row of its split lanes."""
        if (c0, c1, row) not in largest:
            sub, opts = part(c0, c1, None if row is None or halves is None else halves[row], row or 0)
            largest[(c0, c1, row)] = largest_fit(sub, theme.geometry, measurer, opts, box_w, box_h,
                                                 HANDOUT_TYPE_FACTOR, want)
        return largest[(c0, c1, row)]

    def sheets(c0: int, c1: int) -> int | None:
        if at_most(c0, c1).body >= want:
            return 1
        if halves is not None and all(at_most(c0, c1, r).body >= want for r in (0, 1)):
            return 2
        return None

    costs = break_costs(journey)
    cuts = [st.first for st in journey.stages] + [ncols]
    for st in journey.stages:  # a stage too wide for a page of its own may break between its steps
        if st.count > 1 and sheets(st.first, st.first + st.count) is None:
            cuts += range(st.first + 1, st.first + st.count)
    pages = []
    for c0, c1 in plan(sorted(set(cuts)), costs, sheets):
        split = sheets(c0, c1) == 2 or (sheets(c0, c1) is None and halves is not None and min(
            at_most(c0, c1, r).body for r in (0, 1)) > at_most(c0, c1).body)
        for row in (0, 1) if split else (None,):
            sub, opts = part(c0, c1, None if row is None or halves is None else halves[row], row or 0)
            fit: Fit = fit_to_box(sub, theme.geometry, measurer, opts, box_w, box_h, want,
                                  max_factor=HANDOUT_TYPE_FACTOR)
            if fit.body < want and at_most(c0, c1, row).body > fit.body:  # the search may land short
                fit = at_most(c0, c1, row)
            pages.append(HandoutPage(sub, fit.diagram, msgspec.structs.replace(theme, geometry=fit.geometry),
                                     fit.scale, fit.body * PT_PER_PX, c0, c1 - c0, row or 0))
    return Handout(tuple(pages), want_pt)
