"""Layout invariants over random journeys (hypothesis).

Columns tile the grid, lanes stack in order, cards (and their tails and sheets) sit inside their lane,
wrapped lines fit their box, the emotion curve stays inside its plot, the
canvas contains everything, and equal input gives equal output.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjmrender.layout.blocks import PIECE_GAP
from cjmrender.layout.engine import Options, layout
from cjmrender.layout.model import Box, Group, Icon, PathShape, Rect, TextBlock, to_dict, walk
from cjmrender.spec.loader import load_text
from cjmrender.text.measure import default_measurer
from cjmrender.theme import load_theme

THEME = load_theme("default")
G = THEME.geometry
M = default_measurer()
EPS = 0.01

words = st.sampled_from([
    "checkout", "giỏ hàng", "Nhận biết", "https://example.com/a/very/long/path?x=1", "xác nhận đơn",
    "OK", "supercalifragilisticexpialidocious", "—", "quảng cáo", "Zalo", "returns", "40%", "<b>",
])
label = st.lists(words, min_size=1, max_size=12).map(" ".join)
items = st.lists(label, max_size=3)


@st.composite
def journeys(draw):
    n = draw(st.integers(1, 8))
    lo = draw(st.integers(-5, 3))
    hi = lo + draw(st.integers(1, 10))
    stages = []
    for _ in range(n):
        stage = {"name": draw(label), "actions": draw(items), "pains": draw(items),
                 "thoughts": draw(items), "owners": draw(items)}
        if draw(st.integers(0, 3)) == 0:
            stage["width"] = draw(st.sampled_from([0.5, 1.5, 2, 3]))
        if draw(st.booleans()):
            score = round(draw(st.floats(lo, hi, allow_nan=False)), 2)
            spread = draw(st.one_of(st.none(), st.floats(0, 3).map(lambda x: round(x, 2))))
            stage["emotion"] = {"score": score, "label": draw(label)} | ({"spread": spread} if spread else {})
        if draw(st.booleans()):  # several, some short: chips share rows
            stage["touchpoints"] = [{"channel": draw(st.sampled_from(["website", "email", "store", "other"])),
                                     "label": draw(st.one_of(words, label))} for _ in range(draw(st.integers(1, 5)))]
        if draw(st.booleans()):
            stage["metrics"] = [{"name": draw(label), "value": "3%", "benchmark": "5%"}]
        if draw(st.integers(0, 3)) == 0:  # the same content split into steps
            steps = [{"name": draw(label), "actions": draw(items)} for _ in range(draw(st.integers(1, 2)))]
            stage = {"name": stage["name"], "width": stage.get("width", 1), "steps": [stage | steps[0], *steps[1:]]}
            stage["steps"][0]["name"] = steps[0]["name"]
            stage["steps"][0].pop("width", None)
        stages.append(stage)
    spec = {"title": draw(label), "goal": draw(label), "emotion_scale": {"min": lo, "max": hi}, "stages": stages}
    if draw(st.booleans()):
        spec["persona"] = {"name": draw(label), "goals": draw(items), "pains": draw(items)}
    return load_text(json.dumps(spec, ensure_ascii=False), "random.yaml")


def line_extents(tb: TextBlock) -> list[tuple[float, float]]:
    """Left and right edge of each line, from its anchor and its width measured afresh."""
    out = []
    for line in tb.lines:
        w = M.width(line, tb.size, tb.bold)
        left = tb.x if tb.anchor == "start" else tb.x - w / 2 if tb.anchor == "middle" else tb.x - w
        out.append((left, left + w))
    return out


def groups(root: Group, cls: str) -> list[Group]:
    return [g for g in walk(root) if isinstance(g, Group) and cls in g.cls.split()]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys(), st.one_of(st.none(), st.integers(600, 3000)))
def test_layout_invariants(journey, width):
    d = layout(journey, G, M, Options(width=width))
    canvas = Rect(0, 0, d.width, d.height)
    lanes = groups(d.root, "lane")
    # columns tile the grid exactly: rules sit on column boundaries, cards stay inside their column
    bands = [el for el in walk(d.root) if isinstance(el, Box) and el.cls == "band"]
    assert len(bands) == len(lanes)
    for a, b in zip(bands, bands[1:]):  # lanes stack in order, separated by the named gap only
        assert abs(b.rect.y - (a.rect.bottom + G.space.lane_gap)) < EPS
    for el in walk(d.root):
        if isinstance(el, Box):
            assert canvas.contains(el.rect), el
        if isinstance(el, TextBlock):
            assert canvas.contains(el.box), el
            assert abs(el.box.h - len(el.lines) * G.line_height * el.size) < EPS, el
            for line, (left, right) in zip(el.lines, line_extents(el)):
                assert canvas.x - EPS <= left and right <= canvas.right + EPS, (line, el)
                assert el.box.x - EPS <= left and right <= el.box.right + EPS, (line, el)
            for base in el.baselines:
                assert el.box.y < base <= el.box.bottom + EPS, el
    for lane, band in zip(lanes, bands):
        for card in groups(lane, "card"):
            box = card.children[0]
            assert isinstance(box, Box)
            assert band.rect.contains(box.rect)
            # the text area is the card less its padding, and less the icon slot or accent bar if any
            inset = G.icon + G.space.icon_gap if any(isinstance(k, Icon) or "flag" in getattr(k, "cls", "")
                                                     for k in card.children) else 0.0
            inset += 2 * G.stroke.accent if any(getattr(k, "cls", "") == "accent" for k in card.children) else 0.0
            pad = G.space.chip_pad_x if box.cls == "chip-box" else G.space.card_pad_x
            inner_left = box.rect.x + pad
            inner_right = box.rect.right - pad
            for el in card.children:  # outlines reaching past the box (tails, sheets) stay in the lane too
                if isinstance(el, PathShape):
                    assert all(band.rect.contains(Rect(c[-2], c[-1], 0, 0)) for c in el.commands if len(c) > 2), el
            assert inner_right - inner_left - inset > 0
            for el in card.children:
                if isinstance(el, TextBlock):
                    assert box.rect.contains(el.box), (el, box)
                    for line, (left, right) in zip(el.lines, line_extents(el)):
                        # measured here, independently of how layout sized the block
                        assert right - left <= inner_right - inner_left - inset + EPS, (line, card.id)
                        assert inner_left - EPS <= left and right <= inner_right + EPS, (line, card.id)
    # the emotion curve never leaves its lane (monotone cubic: no overshoot)
    for lane, band in zip(lanes, bands):
        for el in walk(lane):
            if isinstance(el, PathShape) and el.cls in ("curve", "spread"):
                ys = [v for cmd in el.commands for v in (cmd[-1:] if cmd[0] == "A" else cmd[2::2])]
                assert all(band.rect.y - EPS <= y <= band.rect.bottom + EPS for y in ys)
    # equal input, equal output
    assert to_dict(layout(journey, G, M, Options(width=width))) == to_dict(d)


@settings(max_examples=30, deadline=None)
@given(journeys())
def test_column_widths_add_up_exactly(journey):
    from cjmrender.layout.blocks import Ctx
    from cjmrender.layout.engine import measure_cells
    from cjmrender.layout.grid import column_weights, size_columns

    ctx = Ctx(G, M, journey.locale)
    cells = measure_cells(ctx, journey, journey.lanes)
    weights = column_weights(journey)
    least = sum(size_columns(ctx, journey, cells, 0))
    for target in (None, 500, 1777, 4000):
        widths = size_columns(ctx, journey, cells, target)
        assert all(isinstance(w, int) for w in widths)
        if target is not None and target >= least:
            assert sum(widths) == target
        # stages share the grid by weight (equal when no stage sets one), steps share their stage
        for w, weight in zip(widths, weights):
            assert abs(w - sum(widths) * weight / sum(weights)) < 1
        for st in journey.stages:  # every stage is at least the theme's minimum per unit of weight
            assert sum(widths[st.first:st.first + st.count]) >= G.column.min * st.weight - 1


def test_piece_gap_is_small():
    assert 0 <= PIECE_GAP <= G.space.card_gap
