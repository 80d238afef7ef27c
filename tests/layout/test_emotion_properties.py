"""What the emotion curve means, stated on the layout model (hypothesis).

A face sits over its column at a height that is a linear function of its score on the map's
scale: a higher score is a higher point, equal scores are level, and the scale (not the data's
own range) sets the vertical extent.  The curve runs through the faces in column order without
overshooting them, the survey spread stays within the scale's ends, the dashed baseline marks the
middle of the scale, level labels sit at their level, and no label text sits where the curve can run.

These are invariants, not pixel values: they hold for any geometry the theme chooses.
"""

from __future__ import annotations

import copy

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cjmrender.layout.engine import Options, layout
from cjmrender.layout.model import Box, Circle, Diagram, Group, PathShape, TextBlock, walk
from cjmrender.spec.loader import load_text
from cjmrender.text.measure import default_measurer
from cjmrender.theme import load_theme

G = load_theme("default").geometry
M = default_measurer()
EPS = 1e-6
TOL = 0.01


@st.composite
def cases(draw):
    """(journey spec, scores per column with None where a column has no emotion)."""
    lo = draw(st.one_of(st.integers(-10, 5), st.floats(-10, 5).map(lambda x: round(x, 1))))
    hi = lo + draw(st.one_of(st.integers(1, 12), st.floats(0.5, 12).map(lambda x: round(x, 1))))
    n = draw(st.integers(2, 7))
    score = st.floats(lo, hi).map(lambda x: min(hi, max(lo, round(x, 2))))
    scores = draw(st.lists(st.one_of(score, st.sampled_from([lo, hi]), st.none()), min_size=n, max_size=n))
    if sum(s is not None for s in scores) < 2:  # at least two points, so there is a curve
        scores[0], scores[-1] = draw(score), draw(score)
    stages = []
    for i, s in enumerate(scores):
        stage: dict = {"name": f"Stage {i + 1}", "actions": ["look " * draw(st.integers(1, 12))]}
        if s is not None:
            emo: dict = {"score": s, "label": draw(st.sampled_from(["", "ok", "very long feeling " * 3]))}
            if draw(st.booleans()):
                emo["spread"] = draw(st.floats(0, hi - lo).map(lambda x: round(x, 2)))
            stage["emotion"] = {k: v for k, v in emo.items() if v != ""}
        stages.append(stage)
    scale: dict = {"min": lo, "max": hi}
    if draw(st.booleans()):
        scale["labels"] = {lo: "worst", hi: "best", (lo + hi) / 2: "neutral"}
    spec = {"title": "T", "emotion_scale": scale, "stages": stages}
    return spec, scores


def load(spec: dict):
    return load_text(yaml.safe_dump(spec), "emotion.yaml")


def emotion_lane(d: Diagram) -> Group:
    return next(g for g in walk(d.root) if isinstance(g, Group) and "lane-emotion" in g.cls.split())


def emotion_band(d: Diagram) -> Box:
    """The emotion lane's band: the band level with the lane's title cell."""
    title = next(b for b in emotion_lane(d).children if isinstance(b, Box) and "lane-title" in b.cls)
    return next(b for b in walk(d.root) if isinstance(b, Box) and "band" in b.cls.split()
                and abs(b.rect.y - title.rect.y) < TOL and abs(b.rect.h - title.rect.h) < TOL)


def faces(d: Diagram) -> dict[str, Circle]:
    """Face circle per column id."""
    out = {}
    for g in walk(emotion_lane(d)):
        if isinstance(g, Group) and "emotion-point" in g.cls.split():
            out[g.id.removeprefix("face-")] = next(c for c in g.children if isinstance(c, Circle) and c.cls == "face")
    return out


def headers(d: Diagram) -> dict[str, Box]:
    out = {}
    for g in walk(d.root):
        if isinstance(g, Group) and g.cls == "stage":
            out[g.id.removeprefix("stage-")] = next(b for b in g.children if isinstance(b, Box))
    return out


def path_ys(p: PathShape) -> list[float]:
    """Every y a path's points and control points reach (an arc contributes its end point)."""
    return [v for cmd in p.commands for v in (cmd[-1:] if cmd[0] == "A" else cmd[2::2])]


def paths(d: Diagram, cls: str) -> list[PathShape]:
    return [p for p in walk(emotion_lane(d)) if isinstance(p, PathShape) and p.cls == cls]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), st.one_of(st.none(), st.integers(700, 2500)))
def test_curve_heights_follow_scores(case, width):
    spec, scores = case
    journey = load(spec)
    d = layout(journey, G, M, Options(width=width))
    face = faces(d)
    cols = [(c.id, s) for c, s in zip(journey.columns, scores) if s is not None]
    assert [cid for cid, _ in cols] == list(face), "one face per column with an emotion, in column order"
    head = headers(d)
    for cid, _ in cols:  # each face stands over its own column
        assert abs(face[cid].cx - (head[cid].rect.x + head[cid].rect.w / 2)) < TOL
    distinct = sorted({s for _, s in cols})
    assume(len(distinct) >= 2)

    # height is a strictly decreasing linear function of the score (SVG y grows downwards)
    (c0, s0), (c1, s1) = min(cols, key=lambda c: c[1]), max(cols, key=lambda c: c[1])
    slope = (face[c1].cy - face[c0].cy) / (s1 - s0)
    assert slope < 0, "a higher score must be drawn higher"

    def y_of(score: float) -> float:
        return face[c0].cy + (score - s0) * slope

    for cid, s in cols:
        assert abs(face[cid].cy - y_of(s)) < TOL, (cid, s)
    for (ca, sa), (cb, sb) in zip(cols, cols[1:]):
        if sa > sb:
            assert face[ca].cy < face[cb].cy
        elif sa == sb:
            assert abs(face[ca].cy - face[cb].cy) < TOL

    scale = journey.scale
    top, bottom = y_of(scale.max), y_of(scale.min)
    band = emotion_band(d).rect
    r = next(iter(face.values())).r
    # the scale's ends, and a face drawn there, fit the lane; the plot is most of the lane, not a sliver
    assert band.y - EPS <= top - r and bottom + r <= band.bottom + EPS
    assert bottom - top >= 0.25 * band.h

    # the curve runs through the faces in column order, and never beyond its neighbours (no overshoot)
    if len(cols) >= 2:
        (curve,) = paths(d, "curve")
        cmds = curve.commands
        assert cmds[0][0] == "M" and all(c[0] == "C" for c in cmds[1:])
        ends = [cmds[0][1:3]] + [c[5:7] for c in cmds[1:]]
        assert len(ends) == len(cols)
        for (x, y), (cid, _) in zip(ends, cols):
            assert abs(x - face[cid].cx) < TOL and abs(y - face[cid].cy) < TOL
        for prev, seg in zip(ends, cmds[1:]):
            lo_y, hi_y = sorted((prev[1], seg[6]))
            for y in (seg[2], seg[4]):
                assert lo_y - TOL <= y <= hi_y + TOL, "the curve overshoots a reported score"
            # and moves left to right: control points within the segment, in order (no loops back)
            assert prev[0] - TOL <= seg[1] <= seg[3] <= seg[5] + TOL, seg
    else:
        assert not paths(d, "curve")

    # the survey spread stays within the scale's ends
    for spread in paths(d, "spread"):
        assert all(top - TOL <= y <= bottom + TOL for y in path_ys(spread))

    # the dashed baseline marks the middle of the scale
    (baseline,) = paths(d, "baseline")
    assert all(abs(y - y_of((scale.min + scale.max) / 2)) < TOL for y in path_ys(baseline))

    # level labels are centred on their level
    lane = emotion_lane(d)
    for tb in lane.children:
        if isinstance(tb, TextBlock) and "scale-label" in tb.cls:
            level = next(lv for lv, text in scale.labels if (text,) == tb.lines) if scale.labels else (
                scale.max if tb.box.y + tb.box.h / 2 < (top + bottom) / 2 else scale.min)
            assert abs(tb.box.y + tb.box.h / 2 - y_of(level)) < TOL, (tb.lines, level)

    # no emotion label, score or tag where the curve or a face can be
    for g in walk(lane):
        if isinstance(g, Group) and g.cls == "emotion-label":
            for el in walk(g):
                if isinstance(el, (TextBlock, Box)):
                    top_y = el.box.y if isinstance(el, TextBlock) else el.rect.y
                    assert top_y >= bottom + r - EPS, el


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), st.data())
def test_a_face_ignores_other_columns_scores(case, data):
    """The scale, not the data's range, places a face: changing other scores does not move it."""
    spec, scores = case
    idx = [i for i, s in enumerate(scores) if s is not None]
    assume(len(idx) >= 2)
    keep = data.draw(st.sampled_from(idx))
    lo, hi = spec["emotion_scale"]["min"], spec["emotion_scale"]["max"]
    other = copy.deepcopy(spec)
    for i in idx:
        if i != keep:
            new = data.draw(st.floats(lo, hi).map(lambda x: min(hi, max(lo, round(x, 2)))))
            emo = other["stages"][i]["emotion"]
            emo["score"] = new
            emo.pop("spread", None)
            emo.pop("label", None)
    a, b = load(spec), load(other)
    cid = a.columns[keep].id
    da, db = layout(a, G, M, Options()), layout(b, G, M, Options())
    fa, fb = faces(da)[cid], faces(db)[cid]
    band_a, band_b = emotion_band(da).rect, emotion_band(db).rect
    assert abs((fa.cy - band_a.y) - (fb.cy - band_b.y)) < TOL
    assert abs(fa.cx - fb.cx) < TOL


def test_extreme_scores_span_the_plot_and_invert_together():
    """Swapping best and worst mirrors the faces about the baseline."""
    spec = {"title": "T", "emotion_scale": {"min": 0, "max": 10},
            "stages": [{"name": "A", "emotion": 0}, {"name": "B", "emotion": 10}, {"name": "C", "emotion": 5}]}
    flipped = copy.deepcopy(spec)
    flipped["stages"][0]["emotion"], flipped["stages"][1]["emotion"] = 10, 0
    fa = faces(layout(load(spec), G, M, Options()))
    fb = faces(layout(load(flipped), G, M, Options()))
    assert fa["a"].cy > fa["c"].cy > fa["b"].cy
    assert abs(fa["a"].cy - fb["b"].cy) < TOL and abs(fa["b"].cy - fb["a"].cy) < TOL
    assert abs(fa["c"].cy - fb["c"].cy) < TOL
    assert abs((fa["a"].cy + fa["b"].cy) / 2 - fa["c"].cy) < TOL


def test_score_labels_read_as_written():
    from cjmrender.layout.emotion import fmt_score

    assert [fmt_score(x) for x in (4, 4.0, -2.0, 3.5, -0.333, 0.25)] == ["4", "4", "-2", "3.5", "-0.33", "0.25"]
    assert fmt_score(12.25) == "12.25" and fmt_score(10.5) == "10.5"  # two digits before the point stay


@pytest.mark.parametrize("scores,marked", [
    ([2, 4], {}),                                   # two points: nothing to call out
    ([3, 3, 3], {}),                                # no low or high when all are equal
    ([3, 1, 5], {1: "lowest", 2: "highest"}),
    ([2, 5, 1, 5, 1], {2: "lowest", 1: "highest"}),  # the first of equals
])
def test_lowest_and_highest_moments(scores, marked):
    from cjmrender.layout.emotion import extremes

    assert extremes(list(enumerate(scores))) == marked
