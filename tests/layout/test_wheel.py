"""The experience wheel: polar geometry invariants and the invariants of whole wheels (hypothesis).

Sectors tile the turn in journey order, upright boxes said to fit a sector
really lie inside it, the radial curve never strays outside the radii of the
faces it joins, faces sit at radii that follow their scores, every stage name
is drawn, text stays on the canvas, and equal input gives equal output.
"""

from __future__ import annotations

import json
import math

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cjmrender.layout.engine import Options
from cjmrender.layout.model import Circle, Group, PathShape, Rect, TextBlock, to_dict, walk
from cjmrender.layout.wheel import column_angles, layout_wheel, stage_angles
from cjmrender.layout.wheel_draw import face_radius_for
from cjmrender.layout.wheel_geom import (TAU, angle_of, equal_angles, fits, place_on_ray, radial_curve,
                                         reversed_curve)
from cjmrender.spec.loader import load_text
from cjmrender.text.measure import default_measurer
from cjmrender.theme import load_theme

G = load_theme("default").geometry
M = default_measurer()
EPS = 0.01

words = st.sampled_from([
    "Nhận biết", "checkout", "giỏ hàng", "Consideration", "OK", "supercalifragilisticexpialidocious", "xác nhận đơn",
    "quảng cáo trên Facebook", "returns", "40%", "Zalo", "đặt vé máy bay", "Wait",
])
label = st.lists(words, min_size=1, max_size=6).map(" ".join)
items = st.lists(label, max_size=3)


@st.composite
def wheels(draw, min_stages: int = 3, max_stages: int = 16):
    n = draw(st.integers(min_stages, max_stages))
    lo = draw(st.integers(-3, 3))
    hi = lo + draw(st.integers(1, 8))
    stages = []
    for _ in range(n):
        stage = {"name": draw(label), "actions": draw(items), "pains": draw(items), "opportunities": draw(items)}
        if draw(st.booleans()):
            stage["emotion"] = {"score": draw(st.integers(lo, hi)), "label": draw(label)}
        if draw(st.booleans()):
            stage["touchpoints"] = [{"channel": c, "label": "x"} for c in
                                    draw(st.lists(st.sampled_from(["website", "email", "store", "phone"]), max_size=3))]
        stages.append(stage)
    spec = {"title": draw(label), "locale": draw(st.sampled_from(["en", "vi"])), "layout": "wheel",
            "emotion_scale": {"min": lo, "max": hi}}
    for stage in stages:
        if draw(st.integers(0, 4)) == 0:  # a stage of steps: each step a column with its own emotion
            steps = [{"name": draw(label), "emotion": {"score": draw(st.integers(lo, hi)), "label": draw(label)}}
                     for _ in range(draw(st.integers(1, 3)))]
            for key in ("actions", "pains", "opportunities", "touchpoints"):  # a stage's content lives in its steps
                if key in stage:
                    steps[0][key] = stage.pop(key)
            stage.pop("emotion", None)
            stage["steps"] = steps
    personas = draw(st.integers(0, 3))
    if personas:  # a curve per persona, with labels
        spec["personas"] = [{"id": f"p{k}", "name": f"Persona {k}"} for k in range(personas)]
        for stage in stages:
            for part in stage.get("steps", [stage]):
                part.pop("emotion", None)
                part["emotions"] = {f"p{k}": {"score": draw(st.integers(lo, hi)), "label": draw(label)}
                                    for k in range(personas) if draw(st.booleans())}
    if draw(st.booleans()) and n >= 3:
        cut1 = draw(st.integers(1, n - 2))
        cut2 = draw(st.integers(cut1 + 1, n - 1))
        spec["phases"] = [{"name": draw(label), "stages": part}
                          for part in (stages[:cut1], stages[cut1:cut2], stages[cut2:])]
    else:
        spec["stages"] = stages
    return load_text(json.dumps(spec, ensure_ascii=False), "wheel.yaml")


# --------------------------------------------------------------------------- geometry

@given(st.integers(1, 64))
def test_equal_angles_tile_the_turn_in_order(n):
    angles = equal_angles(n)
    assert angles[0][0] == 0 and abs(angles[-1][1] - TAU) < 1e-12
    assert all(abs(a[1] - b[0]) < 1e-12 for a, b in zip(angles, angles[1:]))
    assert abs(sum(a1 - a0 for a0, a1 in angles) - TAU) < 1e-9


def _inside(x: float, y: float, r0: float, r1: float | None, a0: float, a1: float) -> bool:
    d = math.hypot(x, y)
    if d < r0 - 1e-6 or (r1 is not None and d > r1 + 1e-6):
        return False
    return a1 - a0 >= TAU - 1e-9 or (angle_of(x, y) - a0) % TAU <= (a1 - a0) + 1e-6


@given(st.floats(-400, 400), st.floats(-400, 400), st.floats(1, 200), st.floats(1, 200), st.floats(0, 300),
       st.floats(10, 300), st.floats(0, TAU), st.floats(0.05, TAU))
def test_a_box_that_fits_lies_inside_its_sector(x, y, w, h, r0, depth, a0, span):
    a1 = a0 + span
    if fits((x, y, w, h), r0, r0 + depth, a0, a1):
        for i in range(7):
            for j in range(7):
                assert _inside(x + w * i / 6, y + h * j / 6, r0, r0 + depth, a0, a1)


@given(st.floats(4, 160), st.floats(4, 80), st.floats(0, 300), st.integers(0, 15), st.integers(1, 8))
@example(123, 4, 0, 6, 4)  # boxes that touch a wedge's side: found with a hair of slack, so they still fit
@example(5.457, 4.455, 0, 2, 4)
@example(4, 6, 0, 3, 2)
def test_place_on_ray_returns_a_box_that_fits(w, h, r0, k, parts):
    a0 = TAU * k / 16
    a1 = a0 + TAU / 16 * parts
    box = place_on_ray(w, h, 3.0, r0, None, a0, a1)
    assert box is not None  # an open wedge always has room further out
    x, y, bw, bh = box
    assert (bw, bh) == (w, h) and fits((x - 3, y - 3, w + 6, h + 6), r0, None, a0, a1)


@given(st.lists(st.floats(20, 200), min_size=2, max_size=20))
def test_radial_curve_stays_between_the_radii_it_joins(radii):
    n = len(radii)
    pts = [(TAU * (i + 0.5) / n, r) for i, r in enumerate(radii)]
    cmds = radial_curve(0.0, 0.0, pts)
    assert cmds[0][0] == "M" and cmds[-1] == ("Z",)
    start = cmds[0][1:3]
    assert abs(math.hypot(*start) - radii[0]) < 1e-6
    prev = start
    for c in cmds[1:-1]:
        end = c[5:7]
        mid = angle_of((prev[0] + end[0]) / 2, (prev[1] + end[1]) / 2)
        seg = min(n - 1, int((mid / TAU * n - 0.5) % n))  # the pair of faces this piece lies between
        lo, hi = sorted((radii[seg], radii[(seg + 1) % n]))
        for t in (0.25, 0.5, 0.75, 1.0):
            u = 1 - t
            x = u ** 3 * prev[0] + 3 * u * u * t * c[1] + 3 * u * t * t * c[3] + t ** 3 * end[0]
            y = u ** 3 * prev[1] + 3 * u * u * t * c[2] + 3 * u * t * t * c[4] + t ** 3 * end[1]
            assert lo - 0.5 <= math.hypot(x, y) <= hi + 0.5
        prev = end
    assert math.hypot(prev[0] - start[0], prev[1] - start[1]) < 1e-6  # closed
    back = reversed_curve(cmds)
    assert back[0][1:3] == cmds[-2][5:7] and back[-2][5:7] == start


# --------------------------------------------------------------------------- whole wheels

def _groups(root: Group, cls: str) -> list[Group]:
    return [g for g in walk(root) if isinstance(g, Group) and cls in g.cls.split()]


def _text(el) -> str:
    return " ".join(ln for t in walk(el) if isinstance(t, TextBlock) for ln in t.lines)


def _readings(lines: tuple[str, ...]) -> set[str]:
    """The texts wrapped ``lines`` can come from, spaces dropped: a hyphen ending a line is the text's or inserted."""
    out = {""}
    for line in lines:
        piece = "".join(line.split())
        forms = {piece, piece[:-1]} if piece.endswith("-") else {piece}
        out = {a + f for a in out for f in forms}
    return out


@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(wheels())
def test_wheel_invariants(journey):
    d = layout_wheel(journey, G, M)
    canvas = Rect(0, 0, d.width, d.height)
    hub = next(el for el in walk(d.root) if isinstance(el, Circle) and el.cls == "hub")
    cx, cy = hub.cx, hub.cy
    # sectors: one per stage, in journey order, tiling the turn clockwise from 12 o'clock
    angles = stage_angles(journey)
    assert angles[0][0] == 0 and abs(angles[-1][1] - TAU) < 1e-9
    assert all(abs(a[1] - b[0]) < 1e-9 for a, b in zip(angles, angles[1:]))
    sectors = _groups(d.root, "sector")
    assert [g.label for g in sectors] == [s.name for s in journey.stages]
    for g, (a0, a1), st_ in zip(sectors, angles, journey.stages):
        path = next(el for el in g.children if isinstance(el, PathShape) and el.cls == "sector")
        a = angle_of(path.commands[0][1] - cx, path.commands[0][2] - cy)
        assert (a - a0) % TAU <= (a1 - a0) + 1e-6
        # every stage name and step name is drawn, whole, in its group (wrapping only splits it between lines,
        # and a hyphen ending a line may have been inserted by hyphenation)
        name = next(t for t in walk(g) if isinstance(t, TextBlock) and t.cls == "stage-name")
        assert "".join(st_.name.split()) in _readings(name.lines)
        if journey.columns[st_.first].is_step:
            lines = [ln for t in walk(g) if isinstance(t, TextBlock) for ln in t.lines]
            drawn = ("".join("".join(lines).split()), "".join("".join(ln.removesuffix("-") for ln in lines).split()))
            for col in journey.columns[st_.first:st_.first + st_.count]:
                assert any("".join(col.name.split()) in d for d in drawn), col.name
    # faces sit at the radius their score gives, so a higher score is never nearer the centre
    faces = []
    for (a0, a1), col in zip(column_angles(journey), journey.columns):
        if col.content.emotion is None:
            continue
        face = next(g for g in _groups(d.root, "emotion-point") if g.id == f"face-{col.id}")
        disc = face.children[0]
        assert isinstance(disc, Circle)
        dist = math.hypot(disc.cx - cx, disc.cy - cy)
        assert abs(angle_of(disc.cx - cx, disc.cy - cy) - (a0 + a1) / 2) < 1e-6
        faces.append((col.content.emotion.score, dist))
    for (s1, d1), (s2, d2) in zip(sorted(faces), sorted(faces)[1:]):
        assert d1 <= d2 + EPS and (s1 != s2 or abs(d1 - d2) < EPS)
    if len(faces) >= 2:
        lo, hi = min(f[1] for f in faces), max(f[1] for f in faces)
        assert face_radius_for(journey, journey.scale.min, 0, 1) == 0
        assert lo >= 0 and hi > 0
    # emotion labels keep clear of every face and marker (a face's box reaches its radius times sqrt 2)
    marks = [(el.cx, el.cy, el.r) for el in walk(d.root) if isinstance(el, Circle) and el.cls == "face"]
    marks += [_mark_centre(el) for g in _groups(d.root, "persona-points") for el in g.children]
    for tb in (el for g in _groups(d.root, "emotion-label") for el in walk(g) if isinstance(el, TextBlock)):
        for x, y, rr in marks:
            ox = min(tb.box.right, x + rr * 1.42) - max(tb.box.x, x - rr * 1.42)
            oy = min(tb.box.bottom, y + rr * 1.42) - max(tb.box.y, y - rr * 1.42)
            assert ox <= EPS or oy <= EPS, tb.lines
    # text: on the canvas, lines no wider than their box, no two blocks overlapping
    blocks = [el for el in walk(d.root) if isinstance(el, TextBlock)]
    for tb in blocks:
        assert canvas.contains(tb.box), tb
        for line in tb.lines:
            assert M.width(line, tb.size, tb.bold) <= tb.box.w + EPS
    wheel = next(g for g in _groups(d.root, "wheel"))
    inner = [el for el in walk(wheel) if isinstance(el, TextBlock)]
    for i, a in enumerate(inner):
        for b in inner[i + 1:]:
            ox = min(a.box.right, b.box.right) - max(a.box.x, b.box.x)
            oy = min(a.box.bottom, b.box.bottom) - max(a.box.y, b.box.y)
            assert ox <= EPS or oy <= EPS, (a.lines, b.lines)
    # equal input, equal output
    assert to_dict(layout_wheel(journey, G, M)) == to_dict(d)


def _mark_centre(path: PathShape) -> tuple[float, float, float]:
    """Centre and half size of a persona marker, from its corner points."""
    xs = [c[-2] for c in path.commands if c[0] != "Z"]
    ys = [c[-1] for c in path.commands if c[0] != "Z"]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2, max(max(xs) - min(xs), max(ys) - min(ys)) / 2


def test_width_option_widens_the_canvas_and_centres_the_wheel():
    journey = load_text("title: T\nstages: [{name: A}, {name: B}, {name: C}]\n", "w.yaml")
    narrow = layout_wheel(journey, G, M)
    wide = layout_wheel(journey, G, M, Options(width=int(narrow.width) + 400))
    hub = [next(el for el in walk(d.root) if isinstance(el, Circle) and el.cls == "hub") for d in (narrow, wide)]
    assert abs(wide.width - narrow.width - 400) < 1 and abs(hub[1].cx - hub[0].cx - 200) < 1


def _centre(d):
    hub = next(el for el in walk(d.root) if isinstance(el, Circle) and el.cls == "hub")
    return hub.cx, hub.cy


def test_one_closed_curve_per_persona_through_radii_that_follow_its_scores():
    """examples/saas-onboarding.yaml as a wheel: each persona's curve, in its own look, passes through a
    point per column it scores, at the column's middle angle, further out for a higher score."""
    from cjmrender.layout.emotion_personas import persona_series, role
    from cjmrender.spec.loader import load_spec
    from tests.conftest import ROOT

    journey = load_spec(ROOT / "examples" / "saas-onboarding.yaml")
    d = layout_wheel(journey, G, M)
    cx, cy = _centre(d)
    cols = column_angles(journey)
    series = persona_series(journey)
    assert len(series) == 2
    curves = [el for el in walk(d.root) if isinstance(el, PathShape) and "persona-curve" in el.cls.split()]
    assert sorted(c.role for c in curves) == sorted(role(k) for k, _ in series)
    legend = next(g for g in _groups(d.root, "legend"))
    for k, p in series:
        curve = next(c for c in curves if c.role == role(k))
        assert curve.commands[-1] == ("Z",) and curve.stroke > 0  # closed, drawn as a line
        ends = [c[1:3] if c[0] == "M" else c[5:7] for c in curve.commands[:-1]]
        pts = [(c.content.emotions, i) for i, c in enumerate(journey.columns)]
        scored = [(dict(e)[p.id].score, i) for e, i in pts if p.id in dict(e)]
        radii = []
        for score, i in scored:
            a = sum(cols[i]) / 2
            hit = sorted({(round(x, 6), round(y, 6)) for x, y in ends if abs(angle_of(x - cx, y - cy) - a) < 1e-6})
            assert len(hit) == 1, (p.id, i)  # the curve passes through the point (once; a closed path ends there too)
            radii.append((score, math.hypot(hit[0][0] - cx, hit[0][1] - cy)))
        for (s1, r1), (s2, r2) in zip(sorted(radii), sorted(radii)[1:]):
            assert r1 <= r2 + EPS and (s1 != s2 or abs(r1 - r2) < EPS)
        markers = next(g for g in _groups(d.root, "persona-points") if g.id == f"curve-{p.id}")
        assert len(markers.children) == len(scored)
        assert p.name in _text(legend)  # the legend names the colour's persona
        assert any(isinstance(el, PathShape) and el.role == role(k) for el in walk(legend))


def test_emotion_labels_and_step_names_are_drawn_in_their_wedges():
    journey = load_text("title: T\nlayout: wheel\nstages:\n"
                        "  - {name: Plan, steps: [{name: Search, emotion: {score: 1, label: Lost}},"
                        " {name: Compare, emotion: {score: 5, label: Delighted}}]}\n"
                        "  - {name: Go, emotion: {score: 3, label: Frustrated beyond words}}\n"
                        "  - {name: Back, emotion: 2}\n", "w.yaml")
    d = layout_wheel(journey, G, M)
    cx, cy = _centre(d)
    text = " ".join(_text(g) for g in _groups(d.root, "sector"))
    assert "Search" in text and "Compare" in text  # step names under their stage
    labels = {g.id: g for g in _groups(d.root, "emotion-label")}
    cols = column_angles(journey)
    for i, col in enumerate(journey.columns):
        emo = col.content.emotion
        if not emo.label:
            assert f"emotion-label-{col.id}" not in labels
            continue
        g = labels[f"emotion-label-{col.id}"]
        assert "".join(emo.label.split()) in "".join(_text(g).split())
        for tb in (el for el in walk(g) if isinstance(el, TextBlock)):  # inside its own column's wedge
            for x in (tb.box.x, tb.box.right):
                for y in (tb.box.y, tb.box.bottom):
                    a = angle_of(x - cx, y - cy)
                    assert (a - cols[i][0]) % TAU <= cols[i][1] - cols[i][0] + 1e-6
