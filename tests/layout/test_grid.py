"""The steady grid: equal or weighted stage widths, even header rows, phase rules through the lanes."""

from __future__ import annotations

import pytest

from cjmrender.errors import UserError
from cjmrender.layout.engine import Options, layout
from cjmrender.layout.model import Box, Group, PathShape, TextBlock, walk
from cjmrender.spec.loader import load_spec, load_text
from cjmrender.text.measure import default_measurer
from cjmrender.theme import load_theme
from tests.conftest import ROOT

G = load_theme("default").geometry
M = default_measurer()


def _boxes(diagram, cls: str) -> list[Group]:
    return [el for el in walk(diagram.root) if isinstance(el, Group) and el.cls == cls]


@pytest.mark.parametrize("name", ["running-shoes", "vi-telesales", "minimal"])
def test_stages_are_equally_wide_without_weights(name: str) -> None:
    journey = load_spec(ROOT / "examples" / f"{name}.yaml")
    for width in (None, 1500, 2345):
        stages = _boxes(layout(journey, G, M, Options(width=width)), "stage")
        widths = [g.children[0].rect.w for g in stages]
        assert max(widths) - min(widths) <= 1, widths


def test_stage_weights_and_steps_share_the_width() -> None:
    journey = load_spec(ROOT / "examples" / "saas-onboarding.yaml")
    d = layout(journey, G, M)
    gap = G.space.header_gap
    spans = {st.id: g.children[0].rect.w + gap for st, g in zip(journey.stages, _boxes(d, "stage"))}
    unit = spans["decide"]
    for st in journey.stages:
        assert abs(spans[st.id] - unit * st.weight) <= st.count, (st.id, spans)
    steps = {g.id: g.children[0].rect.w for g in _boxes(d, "step")}
    setup = [steps[f"step-{c.id}"] for c in journey.columns if c.stage == 2]
    assert len(setup) == 3 and max(setup) - min(setup) <= 1


@pytest.mark.parametrize("name", ["saas-onboarding", "vi-telesales"])
def test_header_rows_are_even_and_centred(name: str) -> None:
    d = layout(load_spec(ROOT / "examples" / f"{name}.yaml"), G, M, Options(width=1000))
    for cls in ("phase", "stage", "step"):
        row = _boxes(d, cls)
        heights = {round(g.children[0].rect.h, 6) for g in row}
        assert len(heights) <= 1, (cls, heights)
        for g in row:
            box = g.children[0].rect
            texts = [el.box for el in g.children if isinstance(el, TextBlock)]
            top, bottom = texts[0].y - box.y, box.bottom - texts[-1].bottom
            assert abs(top - bottom) < 0.01, (g.id, top, bottom)


def test_phase_rules_run_through_every_lane() -> None:
    journey = load_spec(ROOT / "examples" / "saas-onboarding.yaml")
    d = layout(journey, G, M)
    bands = [el for el in walk(d.root) if isinstance(el, Box) and el.cls == "band"]
    phase_rows = [g.children[0].rect for g in _boxes(d, "phase")]
    rules = [el for el in walk(d.root) if isinstance(el, PathShape) and "phase-rule" in el.cls]
    assert len(rules) == len(journey.phases) - 1
    for rule in rules:
        (_, x, top), (_, _, bottom) = rule.commands
        assert top <= min(r.y for r in phase_rows) and bottom >= max(b.rect.bottom for b in bands)
        assert rule.stroke > G.stroke.grid
        first_stage_of_phase = _boxes(d, "stage")[journey.phases[1].first].children[0].rect
        assert first_stage_of_phase.x - G.space.header_gap / 2 == pytest.approx(x)


@pytest.mark.parametrize("width", ["0", "-1", "21"])
def test_bad_stage_width_is_located(width: str) -> None:
    text = f"title: T\nstages:\n  - name: A\n    width: {width}\n    actions: [x]\n"
    with pytest.raises(UserError) as exc:
        load_text(text, "w.yaml")
    p = exc.value.problems[0]
    assert p.line == 4 and "weight" in p.message
