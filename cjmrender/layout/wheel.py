"""Journey -> Diagram as an experience wheel: the circular layout from the seeds.

Columns (stages, or steps where a stage has them) share the turn equally,
clockwise from 12 o'clock.  From the centre outwards: the emotion track (a
face per column at a radius that follows its score, the neutral circle, a
closed smooth curve), the stage ring (each sector's name, touchpoint icons,
top actions and numbered pain/opportunity badges, when they fit upright in
it), the phase ring, and outside the rim the labels of sectors too narrow to
hold their own, each in its own wedge so labels and leader lines never meet.
Title, persona, legend and the list the badges point to sit above and below.

``contents -> choose_stage_ring -> place_outside -> place_phase_names -> draw -> frame``;
every pass is pure, like the swimlane engine, and returns the same Diagram.
"""

from __future__ import annotations

import math

import msgspec

from ..spec.journey import Journey, LaneDef
from ..text.measure import TextMeasurer
from ..text.wrap import content_widths
from ..geometry import Geometry
from .blocks import Ctx, wrapped
from .engine import DEFAULT_ID, Options, _describe, header_min_width, select_lanes
from .header import layout_personas, layout_sources, layout_title, layout_top
from .model import Box, Diagram, Element, Group, Rect, TextBlock, walk
from .wheel_draw import draw_phases, draw_sectors, layout_notes, wheel_legend
from .wheel_emotion import Track, draw_emotion, place_labels, track_needed
from .wheel_geom import Box4, TAU, equal_angles, place_on_ray
from .wheel_labels import Badge, Content, Label, badge_size, measure_label

EMOTION_TRACK_EM = 10.5
"""Depth of the emotion track, in body-text ems (the swimlane's plot height is for a straight lane)."""
HUB_EM = 4.0
"""Smallest radius of the empty hub, in body-text ems."""
STAGE_RING_EMS = (11.0, 15.0, 19.0)
"""Depths of the stage ring tried, in body-text ems: the shallowest that holds the most labels wins."""
THIN_RING_EM = 2.5
"""Depth of the stage ring when no label fits in it: a coloured band, the labels all outside."""
RING_GAP = 4.0
"""Background left between two rings and between two sectors."""
FACE_GAP = 6.0
"""Least room between two neighbouring faces on the inside of the emotion track."""
LABEL_PAD = 6.0
"""Room kept between a label and the sides of its sector or wedge."""
LEADER_MIN = 18.0
"""Shortest leader line from the rim to a label outside it."""
LEADER_GAP = 3.0
"""Space left between a leader line's end and its label."""
PHASE_BAND = 10.0
"""Depth of the phase ring: a coloured band; the phase names sit just outside it."""
LABEL_WIDTHS = (300, 250, 210, 176, 148, 124, 104, 88, 74, 62)
"""Wrap widths tried for a sector's label, widest first."""
MAX_ACTIONS = 2
BESIDE_GAP = 2.0
"""Room between the wheel and a column beside it, in section gaps: the phase names reach the wheel's edge."""


class Rings(Track, frozen=True):
    stage_in: float
    stage_out: float
    phase_in: float
    phase_out: float  # == stage_out when the map has no phases

    @property
    def rim(self) -> float:
        return self.phase_out


class Placed(msgspec.Struct, frozen=True):
    label: Label
    box: Box4  # relative to the centre
    outside: bool


def column_angles(journey: Journey) -> list[tuple[float, float]]:
    return equal_angles(len(journey.columns))


def stage_angles(journey: Journey) -> list[tuple[float, float]]:
    """Each stage's sector: from its first column's start to its last column's end."""
    cols = column_angles(journey)
    return [(cols[s.first][0], cols[s.first + s.count - 1][1]) for s in journey.stages]


def emotion_track(ctx: Ctx, journey: Journey) -> Track:
    """The hub and the emotion track around it: room for a face per column round the inside."""
    g = ctx.g
    fr = g.emotion.face_radius
    inner = len(journey.columns) * (2 * fr + FACE_GAP) / TAU
    hub = max(HUB_EM * g.size.body, inner - fr - RING_GAP)
    track = hub + max(EMOTION_TRACK_EM * g.size.body, 2 * (fr + RING_GAP) + fr)
    return Track(hub, hub + fr + RING_GAP, track - fr - RING_GAP, track)


def rings(t: Track, journey: Journey, stage_depth: float, phase_depth: float) -> Rings:
    stage_in = t.track + RING_GAP
    stage_out = stage_in + stage_depth
    phase_in = stage_out + RING_GAP if journey.phases else stage_out
    return Rings(t.hub, t.emo_in, t.emo_out, t.track, stage_in, stage_out, phase_in, phase_in + phase_depth)


def contents(journey: Journey, lanes: tuple[LaneDef, ...]) -> tuple[list[Content], list[tuple[Badge, str, str]]]:
    """Per stage: what its label may show; plus every badge with its stage name and text, in journey order."""
    kinds = {ln.kind for ln in lanes}
    out: list[Content] = []
    notes: list[tuple[Badge, str, str]] = []
    counts = {"pain": 0, "opportunity": 0}
    for st in journey.stages:
        cols = journey.columns[st.first:st.first + st.count]
        icons = tuple(dict.fromkeys(tp.channel for c in cols for tp in c.content.touchpoints)) \
            if "touchpoints" in kinds else ()
        actions = tuple(a.text for c in cols for a in c.content.actions)[:MAX_ACTIONS] if "actions" in kinds else ()
        badges: list[Badge] = []
        for kind, lane in (("pain", "pains"), ("opportunity", "opportunities")):
            if lane not in kinds:
                continue
            for c in cols:
                for item in getattr(c.content, lane):
                    counts[kind] += 1
                    b = Badge(kind, counts[kind])
                    badges.append(b)
                    notes.append((b, st.name, item.text))
        steps = tuple(c.name for c in cols) if st.count > 1 or cols[0].is_step else ()
        out.append(Content(st.name, icons, actions, tuple(badges), steps))
    return out, notes


def _variants(content: Content) -> list[Content]:
    """The label with fewer actions each time, richest first."""
    return [msgspec.structs.replace(content, actions=content.actions[:k]) for k in range(len(content.actions), -1, -1)]


def _widths(ctx: Ctx, content: Content) -> list[float]:
    lo = content_widths(content.name, ctx.m, ctx.g.size.stage, True)[0]
    if content.icons:
        lo = max(lo, ctx.g.icon)
    if content.badges:
        lo = max(lo, max(badge_size(ctx, b.number)[0] for b in content.badges))
    return [float(w) for w in LABEL_WIDTHS if w >= lo] or [math.ceil(lo)]


def place_inside(ctx: Ctx, journey: Journey, content: list[Content], r: Rings) -> list[Placed | None]:
    """Each stage's richest label that fits upright in its own sector of the stage ring, else None."""
    out: list[Placed | None] = []
    for (a0, a1), c in zip(stage_angles(journey), content):
        found = None
        for variant in _variants(c):
            for w in _widths(ctx, variant):
                label = measure_label(ctx, variant, w, "step.text", "step.text")
                box = place_on_ray(label.w, label.h, LABEL_PAD, r.stage_in, r.stage_out, a0, a1)
                if box is not None:
                    found = Placed(label, box, False)
                    break
            if found:
                break
        out.append(found)
    return out


def choose_stage_ring(ctx: Ctx, journey: Journey, content: list[Content], t: Track
                      ) -> tuple[float, list[Placed | None]]:
    """The stage ring's depth and the labels inside it: the shallowest depth that holds the most labels."""
    best: tuple[float, list[Placed | None]] | None = None
    count = 0
    for em in STAGE_RING_EMS:
        depth = em * ctx.g.size.body
        inside = place_inside(ctx, journey, content, rings(t, journey, depth, 0.0))
        n = sum(p is not None for p in inside)
        if best is None or n > count:
            best, count = (depth, inside), n
        if n == len(content):
            break
    assert best is not None
    if count == 0:
        return THIN_RING_EM * ctx.g.size.body, best[1]
    return best


def place_outside(ctx: Ctx, journey: Journey, content: list[Content], inside: list[Placed | None],
                  r: Rings) -> list[Placed]:
    """Labels of the stages whose sector was too small, each in its stage's wedge beyond the rim.

    Wedges do not overlap, so neither do the labels nor the radial leader lines.
    """
    out: list[Placed] = []
    start = r.rim + LEADER_MIN
    for (a0, a1), c, placed in zip(stage_angles(journey), content, inside):
        if placed is not None:
            out.append(placed)
            continue
        best: Placed | None = None
        reach = math.inf
        for w in _widths(ctx, c):
            label = measure_label(ctx, c, w, "title", "subtitle")
            box = place_on_ray(label.w, label.h, LABEL_PAD, start, None, a0, a1, limit=4000.0)
            if box is None:
                continue
            far = _reach(box)
            if far < reach - 1e-6:
                best, reach = Placed(label, box, True), far
        if best is None:  # pragma: no cover - a wedge widens without end, so some width fits
            raise AssertionError(f"no room for the label of stage {c.name!r}")
        out.append(best)
    return out


def phase_spans(journey: Journey) -> list[tuple[float, float]]:
    cols = column_angles(journey)
    out = []
    for ph in journey.phases:
        first, last = journey.stages[ph.first], journey.stages[ph.first + ph.count - 1]
        out.append((cols[first.first][0], cols[last.first + last.count - 1][1]))
    return out


def place_phase_names(ctx: Ctx, journey: Journey, r: Rings, placed: list[Placed]
                      ) -> list[tuple[tuple[str, ...], Box4]]:
    """Each phase name just outside the rim, as near the middle of its arc as the wedges allow.

    A name may use the wedges of its stages whose labels sit inside the ring
    (the other wedges hold labels and leader lines).  When all of a phase's
    labels are outside, its name goes beyond the farthest of them, in the
    phase's own wedge, where no label or leader line reaches.
    """
    angles = stage_angles(journey)
    out = []
    for ph, (p0, p1) in zip(journey.phases, phase_spans(journey)):
        mid = (p0 + p1) / 2
        runs: list[list[int]] = []
        for k in range(ph.first, ph.first + ph.count):
            if placed[k].outside:
                continue
            if runs and runs[-1][-1] == k - 1:
                runs[-1].append(k)
            else:
                runs.append([k])
        if not runs:
            beyond = max(_reach(placed[k].box) for k in range(ph.first, ph.first + ph.count)) + LEADER_MIN
            out.append(_phase_box(ctx, ph.name, beyond, p0, p1, mid))
            continue

        def distance(run: list[int]) -> float:
            a0, a1 = angles[run[0]][0], angles[run[-1]][1]
            return 0.0 if a0 <= mid <= a1 else min(abs(mid - a0), abs(mid - a1))

        run = min(runs, key=lambda rn: (distance(rn), -len(rn)))
        a0, a1 = angles[run[0]][0], angles[run[-1]][1]
        a = min(max(mid, a0 + (a1 - a0) / 4), a1 - (a1 - a0) / 4)  # never on the run's edge: no room there
        out.append(_phase_box(ctx, ph.name, r.rim + RING_GAP, a0, a1, a))
    return out


def _phase_box(ctx: Ctx, name: str, r0: float, a0: float, a1: float, a: float) -> tuple[tuple[str, ...], Box4]:
    """The wrapping of ``name`` that reaches least far, on the ray at ``a`` beyond ``r0`` in the wedge."""
    size = ctx.g.size.phase
    best = None
    for w in (10_000.0, *LABEL_WIDTHS):
        lines = wrapped(ctx, name, w, size, True)
        bw = max(ctx.m.width(ln, size, True) for ln in lines)
        box = place_on_ray(bw, len(lines) * ctx.line_h(size), LABEL_PAD, r0, None, a0, a1, a=a, limit=4000.0)
        if box is not None and (best is None or _reach(box) < _reach(best[1]) - 1e-6):
            best = (lines, box)
    assert best is not None  # an open wedge always has room further out
    return best


def _reach(box: Box4) -> float:
    return max(math.hypot(x, y) for x in (box[0], box[0] + box[2]) for y in (box[1], box[1] + box[3]))


def layout_wheel(journey: Journey, geometry: Geometry, measurer: TextMeasurer, options: Options = Options(),
                 beside: float | None = None) -> Diagram:
    """Lay ``journey`` out as a wheel; pure: equal input gives equal output.

    ``beside``: the personas, legend and badge list go in a column this wide
    to the right of the wheel instead of above and below it (for 16:9 slides).
    """
    ctx = Ctx(geometry, measurer, journey.locale, dict(options.images))
    g = geometry
    lanes = select_lanes(journey, options.lanes)
    content, notes = contents(journey, lanes)
    cols = column_angles(journey)
    show_faces = any(ln.kind == "emotion" for ln in lanes)
    track = emotion_track(ctx, journey)
    labels = place_labels(ctx, journey, cols, track) if show_faces else []
    track = msgspec.structs.replace(track, track=track_needed(labels, track.track))
    stage_depth, inside = choose_stage_ring(ctx, journey, content, track)
    r = rings(track, journey, stage_depth, PHASE_BAND if journey.phases else 0.0)
    placed = place_outside(ctx, journey, content, inside, r)
    phase_names = place_phase_names(ctx, journey, r, placed)
    # extent of the wheel around its centre
    left, top, right, bottom = -r.rim, -r.rim, r.rim, r.rim
    for x, y, w, h in [p.box for p in placed] + [box for _, box in phase_names]:
        left, top, right, bottom = min(left, x), min(top, y), max(right, x + w), max(bottom, y + h)
    m, gap = g.space.margin, g.space.section_gap
    wheel_w = right - left
    if beside is None:
        content_w = max(wheel_w, header_min_width(ctx, journey), float(options.width or 0) - 2 * m)
        parts, y = layout_top(ctx, journey, m, content_w)
        cx = m + (content_w - wheel_w) / 2 - left
        side_x, side_w, side_y = m, content_w, y - top + bottom
    else:
        content_w = wheel_w + BESIDE_GAP * gap + beside
        header, hh = layout_title(ctx, journey, m, m, content_w)
        parts, y = [header], m + hh + gap
        cx = m - left
        side_x, side_w, side_y = m + wheel_w + BESIDE_GAP * gap, beside, y - gap
        personas, ph = layout_personas(ctx, journey, side_x, y, side_w)
        if personas is not None:
            parts.append(personas)
            side_y = y + ph
    cy = y - top
    spans = phase_spans(journey)
    wheel: list[Element] = draw_emotion(ctx, journey, cols, r, cx, cy, show_faces, labels)
    wheel += draw_sectors(ctx, journey, stage_angles(journey), placed, r, cx, cy)
    wheel += draw_phases(ctx, journey, spans, phase_names, r, cx, cy)
    parts.append(Group("wheel", "wheel", tuple(wheel)))
    legend = wheel_legend(ctx, journey, show_faces, side_x, side_y + gap, side_w)
    listed = layout_notes(ctx, journey, notes, side_x, side_y + gap + legend[1] + (gap if legend[0] else 0), side_w)
    for el, h in (legend, listed):
        if el is not None:
            parts.append(el)
            side_y += gap + h
    src, sh = layout_sources(ctx, journey, m, max(side_y, cy + bottom) + gap, content_w)
    y = max(side_y, cy + bottom)
    if src is not None:
        parts.append(src)
        y += gap + sh
    width = content_w + 2 * m
    height = y + m
    canvas = Box(Rect(0, 0, width, height), "canvas", 0.0, 0.0, "canvas")
    root = Group(DEFAULT_ID, "journey-map journey-wheel", (canvas, *parts), journey.title)
    missing = "".join(sorted({c for el in walk(root) if isinstance(el, TextBlock) and el.family
                              for ln in el.lines for c in measurer.missing(ln)}))
    return Diagram(width, height, journey.title, _describe(journey, lanes), journey.locale, g.font_family, root,
                   missing)
