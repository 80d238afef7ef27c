"""The emotion lane as the map's hero: what its marks mean, checked on the layout."""

from __future__ import annotations

import colorsys

import pytest

from cjmrender.layout.engine import Options, layout
from cjmrender.layout.model import Box, Group, PathShape, TextBlock, walk
from cjmrender.spec.loader import load_spec, load_text
from cjmrender.text.measure import default_measurer
from cjmrender.theme import builtin_themes, load_theme
from tests.conftest import EXAMPLES, ROOT

G = load_theme("default").geometry
M = default_measurer()
SHOES = ROOT / "examples" / "running-shoes.yaml"


def _groups(root: Group, cls: str) -> list[Group]:
    return [el for el in walk(root) if isinstance(el, Group) and cls in el.cls.split()]


def _paths(root: Group, cls: str) -> list[PathShape]:
    return [el for el in walk(root) if isinstance(el, PathShape) and cls in el.cls.split()]


@pytest.mark.parametrize("spec", EXAMPLES, ids=lambda p: p.stem)
def test_plot_is_tall(spec) -> None:
    d = layout(load_spec(spec), G, M)
    (pos,), (neg,) = _paths(d.root, "positive"), _paths(d.root, "negative")
    top, bottom = pos.commands[0][2], neg.commands[2][2]
    assert bottom - top >= 180 and G.emotion.plot_height - 2 * (G.emotion.face_radius + G.emotion.plot_pad) >= 2 * 98  # the 1..5 range was 98 px


def test_face_heights_follow_the_scores_linearly() -> None:
    journey = load_spec(SHOES)
    d = layout(journey, G, M)
    scores = {c.id: c.content.emotion.score for c in journey.columns if c.content.emotion}
    ys = {f.id.removeprefix("face-"): f.children[0].cy for f in _groups(d.root, "emotion-point")}
    assert set(ys) == set(scores)
    ids = sorted(scores, key=scores.get)
    lo, hi = ids[0], ids[-1]
    per_point = (ys[lo] - ys[hi]) / (scores[hi] - scores[lo])  # px per score point, y grows downwards
    assert per_point > 0
    for cid in ids:
        assert ys[cid] == pytest.approx(ys[lo] - (scores[cid] - scores[lo]) * per_point, abs=0.01)


def test_pain_badges_on_the_curve_match_the_numbered_cards() -> None:
    journey = load_spec(SHOES)
    d = layout(journey, G, M)
    on_curve = {}
    for grp in _groups(d.root, "pain-badges"):
        col = grp.id.removeprefix("pain-badges-")
        on_curve.update({t.lines[0]: col for t in grp.children if isinstance(t, TextBlock)})
    on_cards = {}
    for card in _groups(d.root, "pains"):
        col = card.id.removeprefix("card-pains-").rsplit("-", 1)[0]
        tags = [t.lines[0] for t in card.children if isinstance(t, TextBlock) and t.cls == "badge-text"]
        on_cards[tags[0]] = col
    n = sum(len(c.content.pains) for c in journey.columns)
    assert on_curve == on_cards and sorted(on_cards) == sorted(f"P{i}" for i in range(1, n + 1))


def test_badges_keep_off_the_curve() -> None:
    from cjmrender.layout.emotion_marks import sample
    from cjmrender.layout.curve import monotone_segments

    journey = load_spec(SHOES)
    d = layout(journey, G, M)
    (curve,) = _paths(d.root, "curve")
    pts = [curve.commands[0][1:]] + [c[5:7] for c in curve.commands[1:]]
    samples = sample(monotone_segments([tuple(p) for p in pts]))
    for grp in _groups(d.root, "pain-badges"):
        for box in (b.rect for b in grp.children if isinstance(b, Box)):
            assert not any(box.x <= x <= box.right and box.y <= y <= box.bottom for x, y in samples), grp.id


SPREAD = """\
title: Spread
stages:
  - {name: A, emotion: {score: 4, spread: 1}}
  - {name: B, emotion: {score: 3, spread: 0.5}}
  - {name: C, emotion: 2}
  - {name: D, emotion: {score: 3, spread: 1}}
  - {name: E, emotion: 4}
"""


def test_spread_band_only_where_spread_is_known() -> None:
    d = layout(load_text(SPREAD, "s.yaml"), G, M)
    bands = _paths(d.root, "spread")
    faces = {f.id: f.children[0].cx for f in _groups(d.root, "emotion-point")}
    assert len(bands) == 2  # A..B, and D alone; nothing over C or E
    xs = [[v for cmd in b.commands if cmd[0] in ("M", "C", "L") for v in cmd[-2:-1]] for b in bands]
    assert min(xs[0]) == pytest.approx(faces["face-a"]) and max(xs[0]) == pytest.approx(faces["face-b"])
    for x in (faces["face-c"], faces["face-e"]):
        assert all(not (min(b) - G.emotion.face_radius <= x <= max(b) + G.emotion.face_radius) for b in xs)
    assert all(any(cmd[0] == "A" for cmd in b.commands) for b in bands)  # rounded ends


def test_lowest_and_highest_are_called_out() -> None:
    journey = load_spec(SHOES)
    d = layout(journey, G, M)
    scores = {c.id: c.content.emotion.score for c in journey.columns if c.content.emotion}
    low = next(f.id for f in _groups(d.root, "emotion-point") if "lowest" in f.cls.split())
    high = next(f.id for f in _groups(d.root, "emotion-point") if "highest" in f.cls.split())
    assert scores[low.removeprefix("face-")] == min(scores.values())
    assert scores[high.removeprefix("face-")] == max(scores.values())
    assert len(_paths(d.root, "callout")) == 2


def _hls(colour: str) -> tuple[float, float, float]:
    return colorsys.rgb_to_hls(*(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)))


@pytest.mark.parametrize("name", sorted(builtin_themes()))
def test_face_colours_follow_score_order(name: str) -> None:
    paint = load_theme(name).paint
    faces = [_hls(paint(f"emotion.face.{i}")) for i in range(5)]
    if all(s < 0.05 for _, _, s in faces):  # greys: darker means worse
        assert [lum for _, lum, _ in faces] == sorted(lum for _, lum, _ in faces)
    else:  # colours: from red through orange and yellow to green, never back
        hues = [(h * 360 + 60) % 360 for h, _, _ in faces]  # red at 60, green at about 200
        assert hues == sorted(hues), (name, hues)


@pytest.mark.parametrize("name", sorted(builtin_themes()))
def test_curve_is_not_in_the_pain_colour(name: str) -> None:
    paint = load_theme(name).paint
    curve, pain = paint("emotion.curve"), paint("pain.marker")
    assert curve != pain
    (hc, _, sc), (hp, _, sp) = _hls(curve), _hls(pain)
    if sc > 0.2 and sp > 0.2:
        gap = abs(hc - hp) * 360
        assert min(gap, 360 - gap) >= 40, (name, curve, pain)


ONE_MARK = "title: One\nstages:\n  - {name: A, emotion: 4}\n  - {name: B, emotion: 2}\n"


def test_legend_only_when_it_explains_something() -> None:
    assert not _groups(layout(load_text(ONE_MARK, "one.yaml"), G, M).root, "legend")
    d = layout(load_spec(SHOES), G, M, Options())
    (legend,) = _groups(d.root, "legend")
    words = " ".join(" ".join(t.lines) for t in legend.children if isinstance(t, TextBlock) and t.role == "legend.text")
    for key in ("Emotion", "spread", "Lowest", "Pain point", "Below", "above"):
        assert key in words


PERSONAS = """\
title: Two views
personas:
  - {name: Lan, id: lan}
  - {name: Minh, id: minh}
stages:
  - {name: A, emotions: {lan: 4, minh: {score: 2, label: Lost}}, pains: [Slow]}
  - {name: B, emotions: {lan: 3, minh: 3}}
  - {name: C, emotions: {lan: 5}}
"""


def test_one_curve_per_persona_with_its_own_look() -> None:
    journey = load_text(PERSONAS, "p.yaml")
    d = layout(journey, G, M)
    curves = _paths(d.root, "persona-curve")
    assert {c.role for c in curves} == {"persona.0", "persona.1"}
    assert len({c.dash for c in curves}) == 2  # tells the curves apart without colour
    points = {g.id: g for g in _groups(d.root, "persona-points")}
    assert set(points) == {"curve-lan", "curve-minh"}
    shapes = [{el.cls for el in g.children} for g in points.values()]
    assert shapes[0].isdisjoint(shapes[1]) and len(points["curve-lan"].children) == 3
    # higher scores sit higher, on one scale for every persona
    lan_a, minh_a = points["curve-lan"].children[0], points["curve-minh"].children[0]
    assert lan_a.commands[0][2] < minh_a.commands[0][2]
    (legend,) = _groups(d.root, "legend")
    assert {"Lan", "Minh"} <= {t.lines[0] for t in legend.children if isinstance(t, TextBlock)}
    assert _groups(d.root, "pain-badges")  # P1 on the curves too
    cards = {g.id: g for g in _groups(d.root, "persona")}
    assert all(any(isinstance(b, Box) and b.cls == "persona-colour" for b in c.children) for c in cards.values())


@pytest.mark.parametrize("n", [1, 3, 5])
def test_one_to_five_personas(n: int) -> None:
    people = "\n".join(f"  - {{name: P{k}, id: p{k}}}" for k in range(n))
    scores = ", ".join(f"p{k}: {1 + k % 5}" for k in range(n))
    text = f"title: T\npersonas:\n{people}\nstages:\n  - {{name: A, emotions: {{{scores}}}}}\n" \
           f"  - {{name: B, emotions: {{{scores}}}}}\n"
    d = layout(load_text(text, "n.yaml"), G, M)
    assert len(_paths(d.root, "persona-curve")) == n
    assert len({m.cls for g in _groups(d.root, "persona-points") for m in g.children}) == n


@pytest.mark.parametrize("cell, message", [
    ("{lan: 4, bob: 3}", "no persona with id 'bob'"),
    ("{lan: 9}", "outside the scale"),
])
def test_emotions_per_persona_are_checked(cell: str, message: str) -> None:
    from cjmrender.errors import UserError

    text = f"title: T\npersonas: [{{name: Lan, id: lan}}]\nstages:\n  - name: A\n    emotions: {cell}\n"
    with pytest.raises(UserError) as exc:
        load_text(text, "e.yaml")
    p = exc.value.problems[0]
    assert p.line == 5 and message in p.message


def test_emotion_and_emotions_together_are_refused() -> None:
    from cjmrender.errors import UserError

    text = "title: T\npersonas: [{name: Lan, id: lan}]\nstages:\n  - name: A\n    emotion: 3\n    emotions: {lan: 4}\n"
    with pytest.raises(UserError) as exc:
        load_text(text, "e.yaml")
    assert exc.value.problems[0].line == 6 and "not both" in exc.value.problems[0].message
