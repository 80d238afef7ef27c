"""Loading and validation: located messages, all problems at once, normalisation."""

from __future__ import annotations

import re
import textwrap

import pytest

from cjmrender import load_spec
from cjmrender.errors import UserError
from cjmrender.spec.loader import MAX_COLUMNS, slug
from tests.conftest import EXAMPLES


def load(text: str):
    return load_spec(textwrap.dedent(text).lstrip(), name="map.yaml")


def problems(text: str) -> list[str]:
    with pytest.raises(UserError) as info:
        load(text)
    out = [str(p) for p in info.value.problems]
    for line in out:
        assert re.match(r"^map\.yaml(:\d+:\d+)?: ", line), line
    return out


BASE = """
title: T
stages:
  - name: A
    emotion: 3
  - name: B
    emotion: 4
"""


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_validate(path):
    j = load_spec(path)
    assert j.columns and j.lanes


def test_minimal_map_normalises():
    j = load(BASE)
    assert [c.id for c in j.columns] == ["a", "b"]
    assert [ln.kind for ln in j.lanes] == ["emotion"]
    assert j.scale.min == 1 and j.scale.max == 5
    assert j.columns[1].content.emotion.score == 4


def test_unknown_keys_all_reported_with_suggestion():
    out = problems("""
        title: T
        stags: []
        stages:
          - name: A
            actoins: [x]
    """)
    assert out[0] == "map.yaml:2:1: unknown key 'stags' in journey; did you mean 'stages'?"
    assert out[1] == "map.yaml:5:5: unknown key 'actoins' in stage; did you mean 'actions'?"


def test_type_error_is_located():
    out = problems("""
        title: T
        stages:
          - name: A
            emotion: {score: high}
    """)
    assert out == ["map.yaml:4:22: expected `int | float`, got `str` (at stages[0].emotion.score)"]


def test_missing_required_field():
    out = problems("""
        title: T
        stages:
          - actions: [x]
    """)
    assert out[0].startswith("map.yaml:3:5: missing required key `name`")


def test_semantic_problems_collected_together():
    out = problems("""
        title: T
        lanes: [actions, emotoin]
        stages:
          - {id: a, name: A, emotion: 9}
          - {id: a, name: B, touchpoints: [{channel: emial, label: x}]}
    """)
    text = "\n".join(out)
    assert "map.yaml:2:18: unknown lane 'emotoin'; did you mean 'emotion'?" in text
    assert "map.yaml:4:31: emotion score 9 is outside the scale 1..5" in text
    assert "map.yaml:5:10: duplicate id 'a' (first used on line 4)" in text
    assert "unknown channel 'emial'; did you mean 'email'?" in text
    assert len(out) == 4


def test_duplicate_yaml_key():
    out = problems("title: T\ntitle: U\nstages: [{name: A}]\n")
    assert out == ["map.yaml:2:1: duplicate key 'title' (first at line 1)"]


@pytest.mark.parametrize("text,message", [
    ("", "map.yaml:1:1: the file is empty"),
    ("# only a comment\n", "map.yaml:1:1: the file is empty"),
    ("- a\n- b\n", "map.yaml:1:1: the top level must be a mapping"),
    ("title: T\nstages: [\n", "map.yaml:2:9: '[' is never closed"),
    ("title: [unclosed\n", "map.yaml:1:8: '[' is never closed"),
])
def test_broken_yaml(text, message):
    with pytest.raises(UserError) as info:
        load_spec(text, name="map.yaml")
    assert str(info.value.problems[0]).startswith(message)


def test_scale_and_custom_lanes():
    j = load("""
        title: T
        emotion_scale: {min: -2, max: 2, labels: {-2: Angry, 2: Happy}}
        lanes: [{id: channels_team, title: Team channel}, emotion]
        stages:
          - name: A
            emotion: -2
            channels_team: [Slack]
    """)
    assert j.scale.labels == ((-2.0, "Angry"), (2.0, "Happy"))
    lane = j.lanes[0]
    assert (lane.id, lane.kind, lane.title) == ("channels_team", "text", "Team channel")
    assert j.columns[0].content.items(lane)[0].text == "Slack"


def test_steps_become_columns_and_stage_spans_them():
    j = load("""
        title: T
        phases:
          - name: Before
            stages:
              - name: S1
                steps: [{name: a, actions: [x]}, {name: b}]
              - name: S2
        """)
    assert [c.id for c in j.columns] == ["a", "b", "s2"]
    assert (j.stages[0].first, j.stages[0].count, j.stages[1].first) == (0, 2, 2)
    assert j.phases[0].count == 2


def test_stage_content_with_steps_is_an_error():
    out = problems("""
        title: T
        stages:
          - name: S
            actions: [x]
            steps: [{name: a}]
    """)
    assert "has steps, so its 'actions' belong inside its steps" in out[0]


def test_metric_below_benchmark_flag():
    j = load("""
        title: T
        stages:
          - name: A
            metrics:
              - {name: CTR, value: 0.8%, benchmark: 1.5%}
              - {name: Wait, value: 2 min, benchmark: 5 min, higher_is_better: false}
              - {name: NPS, value: good, benchmark: 40}
    """)
    below = [m.below for m in j.columns[0].content.metrics]
    assert below == [True, False, None]


def test_limits():
    many = "title: T\nstages:\n" + "".join(f"  - name: S{i}\n" for i in range(MAX_COLUMNS + 1))
    out = problems(many)
    assert f"the limit is {MAX_COLUMNS}" in out[0]
    long = "title: T\nstages: [{name: " + "x" * 5000 + "}]\n"
    assert "the limit is 2,000" in problems(long)[0]


def test_alias_bomb_is_refused_quickly():
    lines = ["title: T", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    out = problems("\n".join(lines) + "\n")
    assert "alias bomb" in out[0]


def test_deep_nesting_is_refused():
    # libyaml has a limit of its own (1,000 flow levels) that its scanner can reach first;
    # ours must win on every PyYAML build, at the bracket that opens level 41.
    for n in (41, 999, 1001, 5000):
        out = problems("title: " + "[" * n + "]" * n + "\n")
        assert re.search(r":1:47: nested deeper than 40 levels", out[0]), out
    block = "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 60))
    assert re.search(r":41:\d+: nested deeper than 40 levels", problems(block)[0])
    assert not any("nested" in p for p in problems("title: " + "[" * 39 + "]" * 39 + "\n"))


def test_invalid_utf8_and_bom(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"title: T\nstages: [{name: caf\xe9}]\n")
    with pytest.raises(UserError) as info:
        load_spec(bad)
    assert re.search(r"bad\.yaml:2:20: invalid UTF-8", str(info.value))
    bom = tmp_path / "bom.yaml"
    bom.write_bytes("\ufefftitle: T\nstages: [{name: A}]\n".encode())
    assert load_spec(bom).title == "T"


def test_images_must_stay_in_the_map_folder(tmp_path):
    spec = tmp_path / "m.yaml"
    spec.write_text("title: T\nstages:\n  - {name: A, image: ../secret.png}\n  - {name: B, image: 'http://x/y.png'}\n")
    with pytest.raises(UserError) as info:
        load_spec(spec)
    text = str(info.value)
    assert "outside the map's folder" in text and "is a URL" in text


def test_slug_handles_vietnamese():
    assert slug("Nhận biết") == "nhan-biet"
    assert slug("Đánh giá, so sánh") == "danh-gia-so-sanh"
    assert slug("!!!") == ""


def test_nan_and_control_characters():
    out = problems("title: T\nstages: [{name: A, emotion: .nan}]\n")
    assert "must be finite" in out[0]
    out = problems('title: "a\\u0007b"\nstages: [{name: A}]\n')
    assert out[0].startswith("map.yaml:1:8: ") and "control character U+0007" in out[0]


def test_metrics_with_different_units_are_not_compared():
    j = load("""
        title: T
        stages:
          - name: A
            metrics:
              - {name: Wait, value: 2 giờ, benchmark: 15 phút, higher_is_better: false}
              - {name: Wait, value: 120 phút, benchmark: 15 phút, higher_is_better: false}
              - {name: Rate, value: "1,5%", benchmark: 2%}
    """)
    assert [m.below for m in j.columns[0].content.metrics] == [None, True, True]


def test_errors_in_custom_lanes_point_at_the_users_key():
    out = problems("""
        title: T
        lanes: [{id: notes, title: Notes}]
        stages:
          - name: A
            notes: [ok, {txt: typo}]
    """)
    assert out == ["map.yaml:5:18: unknown key 'txt' in note; did you mean 'text'?"]
