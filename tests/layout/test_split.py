"""Parts of a map: column runs, what a part knows of the rest (curve stubs, pain numbers, extremes), page plans."""

from __future__ import annotations

import pytest

from cjmrender.handout import BREAK_PHASE, BREAK_STAGE, BREAK_STEP, break_costs, plan
from cjmrender.layout.engine import Options, layout
from cjmrender.layout.model import TextBlock, walk
from cjmrender.layout.split import column_run, stage_run
from cjmrender.spec.loader import load_spec
from cjmrender.text.measure import default_measurer
from cjmrender.theme import load_theme
from tests.conftest import ROOT

SHOES = ROOT / "examples" / "running-shoes.yaml"
SAAS = ROOT / "examples" / "saas-onboarding.yaml"


def lay(journey, run=None, cards=True):  # noqa: ANN001, ANN201
    return layout(journey, load_theme("default").geometry, default_measurer(), Options(run=run, persona_cards=cards))


def by_cls(where, cls: str) -> list:  # noqa: ANN001
    return [el for el in walk(getattr(where, "root", where)) if cls in getattr(el, "cls", "").split()]


def called_out(diagram) -> set[str]:  # noqa: ANN001
    """Ids of the columns whose emotion label carries the lowest/highest tag."""
    return {el.id.removeprefix("emotion-label-") for el in by_cls(diagram, "emotion-label") if by_cls(el, "callout-tag")}


def test_stage_run_is_the_column_run_of_its_stages():
    journey = load_spec(SAAS)
    for first in range(len(journey.stages)):
        for count in range(1, len(journey.stages) - first + 1):
            st = journey.stages[first:first + count]
            assert stage_run(journey, first, count) == column_run(journey, st[0].first, st[-1].first + st[-1].count)


def test_a_column_run_inside_a_stage_keeps_its_stage_and_phase():
    journey = load_spec(SAAS)
    setup = next(s for s in journey.stages if s.count >= 3)
    part = column_run(journey, setup.first + 1, setup.first + 3)
    assert [s.name for s in part.stages] == [setup.name] and part.stages[0].count == 2
    assert [c.id for c in part.columns] == [c.id for c in journey.columns[setup.first + 1:setup.first + 3]]
    assert [p.name for p in part.phases] == [journey.phases[setup.phase].name]
    with pytest.raises(ValueError):
        column_run(journey, 3, 3)


def test_the_curve_gets_stubs_toward_the_neighbouring_scores_only_where_the_map_goes_on():
    journey = load_spec(SHOES)
    n = len(journey.columns)
    scores = [c.content.emotion.score for c in journey.columns]
    for c0, c1 in ((0, 2), (2, 4), (4, n)):
        d = lay(column_run(journey, c0, c1), (journey, c0))
        stubs = {cls: el for el in by_cls(d, "curve-stub") for cls in ("entry", "exit") if cls in el.cls.split()}
        assert ("entry" in stubs) == (c0 > 0) and ("exit" in stubs) == (c1 < n)
        faces = sorted((el.children[0].cx, el.children[0].cy) for el in by_cls(d, "emotion-point"))
        plot = next(el for el in by_cls(d, "positive"))
        left, right = plot.commands[0][1], plot.commands[1][1]
        for side, el in stubs.items():
            assert el.dash and el.role == "emotion.curve"
            ends = [tuple(cmd[1:]) for cmd in el.commands]
            x_edge = left if side == "entry" else right
            edge = next(p for p in ends if p[0] == pytest.approx(x_edge))  # to the plot's edge ...
            (fx, fy), other = (faces[0], scores[c0 - 1]) if side == "entry" else (faces[-1], scores[c1])
            own = scores[c0] if side == "entry" else scores[c1 - 1]
            assert (fx, fy) in ends  # ... from the face
            if other == own:  # ... level, or heading toward the neighbour's score (screen y grows downward)
                assert edge[1] == pytest.approx(fy)
            else:
                assert (edge[1] < fy) == (other > own)
    whole = lay(journey)
    assert by_cls(whole, "curve-stub") == []


def test_a_part_numbers_pains_on_and_calls_out_only_the_whole_maps_extremes():
    journey = load_spec(SHOES)
    before = sum(len(c.content.pains) for c in journey.columns[:3])
    d = lay(column_run(journey, 3, len(journey.columns)), (journey, 3))
    lanes = by_cls(d, "lanes")[0]  # not the legend, whose sample badge is always P1
    badges = [ln for el in walk(lanes) if isinstance(el, TextBlock) for ln in el.lines if ln.startswith("P")
              and ln[1:].isdigit()]
    assert badges and min(int(b[1:]) for b in badges) == before + 1
    scores = {c.id: c.content.emotion.score for c in journey.columns}
    first = lay(column_run(journey, 0, 3), (journey, 0))
    called = [called_out(first), called_out(d)]
    assert called[0] | called[1] == {min(scores, key=scores.get), max(scores, key=scores.get)}
    assert not called[0] & called[1]  # each moment called out once, on the page that shows it
    assert [bool(by_cls(x, "legend-callout")) for x in (first, d)] == [bool(c) for c in called]  # legend agrees


def test_plan_takes_fewest_sheets_then_phase_breaks_then_even_pages():
    cuts = list(range(6))
    fits = lambda a, b: 1 if b - a <= 3 else None  # noqa: E731
    flat = {i: BREAK_STAGE for i in cuts} | {0: BREAK_PHASE, 5: BREAK_PHASE}
    assert plan(cuts, flat, fits) in ([(0, 2), (2, 5)], [(0, 3), (3, 5)])  # two pages, as even as five allows
    assert plan(cuts, flat | {2: BREAK_PHASE}, fits) == [(0, 2), (2, 5)]
    assert plan(cuts, flat | {3: BREAK_PHASE}, fits) == [(0, 3), (3, 5)]
    assert plan(cuts, flat, lambda a, b: None) == [(i, i + 1) for i in range(5)]  # each run alone, fitting or not
    assert plan([0, 4], {0: 0, 4: 0}, fits) == [(0, 4)]
    rows = lambda a, b: 1 if b - a <= 2 else 2 if b - a <= 5 else None  # noqa: E731 - lanes split in two rows
    assert plan(cuts, flat, rows) == [(0, 5)]  # two sheets beat three
    seven = {i: BREAK_STAGE for i in range(8)} | {0: BREAK_PHASE, 7: BREAK_PHASE}
    assert plan(list(range(8)), seven, rows) in ([(0, 2), (2, 7)], [(0, 5), (5, 7)])  # 1 + 2 rows


def test_break_costs_prefer_phases_then_stages_then_steps():
    journey = load_spec(SAAS)
    costs = break_costs(journey)
    adopt = journey.stages[journey.phases[1].first]
    assert costs[adopt.first] == BREAK_PHASE and costs[len(journey.columns)] == BREAK_PHASE
    assert costs[journey.stages[1].first] == BREAK_STAGE
    assert costs[adopt.first + 1] == BREAK_STEP
    assert BREAK_PHASE < BREAK_STAGE < BREAK_STEP


def test_a_later_part_keeps_each_personas_curve_with_its_stub_but_not_the_persona_cards():
    journey = load_spec(SAAS)
    n = len(journey.columns)
    first = lay(column_run(journey, 0, 3, keep_header=True))
    later = lay(column_run(journey, 3, n), (journey, 3), cards=False)
    assert len(by_cls(first, "persona")) == len(journey.personas) and not by_cls(later, "persona")
    assert len(by_cls(later, "persona-curve")) == len(by_cls(first, "persona-curve")) == len(journey.personas)
    stubs = by_cls(later, "curve-stub")  # each persona's curve comes in from the page before
    assert sorted(el.role for el in stubs) == sorted(el.role for el in by_cls(later, "persona-curve"))
    assert all("entry" in el.cls for el in stubs)
