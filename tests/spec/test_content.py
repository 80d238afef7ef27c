"""What the loader keeps from each cell: channels of plain-string touchpoints, metric fields, located problems."""

from __future__ import annotations

import textwrap

import pytest

from cjmrender import load_spec
from cjmrender.errors import UserError


def load(text: str):
    return load_spec(textwrap.dedent(text).lstrip(), name="map.yaml")


def test_plain_string_touchpoints_keep_their_label_and_find_their_channel():
    j = load("""
        title: T
        stages:
          - name: A
            touchpoints: [Zalo, website, Carrier pigeon]
    """)
    tps = j.columns[0].content.touchpoints
    assert [t.label for t in tps] == ["Zalo", "website", "Carrier pigeon"]
    assert [t.channel for t in tps] == ["chat", "website", "other"]


def test_unknown_channel_is_located_on_the_channel_and_all_touchpoints_are_checked():
    with pytest.raises(UserError) as info:
        load("""
            title: T
            stages:
              - name: A
                touchpoints:
                  - {channel: website, label: ok}
                  - {channel: emial, label: x}
                  - {channel: fax2000, label: y}
        """)
    problems = [str(p) for p in info.value.problems]
    assert problems[0].startswith("map.yaml:6:19: ") and "'emial'" in problems[0] and "'email'" in problems[0]
    assert problems[1].startswith("map.yaml:7:19: ") and "'fax2000'" in problems[1] and "other" in problems[1]
    assert len(problems) == 2


def test_metric_fields_survive_normalisation():
    j = load("""
        title: T
        state: future
        stages:
          - name: A
            metrics:
              - {name: CTR, value: 0.8%, benchmark: 1.5%, target: 2%, source: Analytics}
              - {name: Orders, value: 120, benchmark: 100}
              - {name: Wait, value: 15 phút, benchmark: 10 phút, higher_is_better: false}
              - {name: NPS, value: 31}
              - {name: Mixed, value: 3%, benchmark: 5 phút}
    """)
    ctr, orders, wait, nps, mixed = j.columns[0].content.metrics
    assert (ctr.name, ctr.value, ctr.benchmark, ctr.target, ctr.source, ctr.below) == (
        "CTR", "0.8%", "1.5%", "2%", "Analytics", True)
    assert (orders.value, orders.benchmark, orders.below) == ("120", "100", False)
    assert (wait.value, wait.benchmark, wait.below) == ("15 phút", "10 phút", True)  # lower is better: 15 misses 10
    assert (nps.benchmark, nps.target, nps.below) == (None, None, None)
    assert mixed.below is None  # different units cannot be compared


def test_items_with_evidence_keep_source_and_note():
    j = load("""
        title: T
        stages:
          - name: A
            pains:
              - plain
              - {text: Slow delivery, source: Survey 2024, note: n=120}
    """)
    pains = j.columns[0].content.pains
    assert [(p.text, p.source, p.note) for p in pains] == [("plain", None, None),
                                                          ("Slow delivery", "Survey 2024", "n=120")]


def test_generated_ids_are_unique_and_stable():
    j = load("""
        title: T
        stages:
          - {name: Đặt hàng}
          - {name: Đặt hàng}
          - {name: "đặt   HÀNG!"}
          - {name: "!!!"}
          - {id: dat-hang-4, name: Other}
          - {name: Đặt hàng}
    """)
    ids = [c.id for c in j.columns]
    assert ids[:3] == ["dat-hang", "dat-hang-2", "dat-hang-3"]
    assert ids[3] == "stage-4"  # nothing left of the name: numbered by position
    assert ids[4] == "dat-hang-4" and ids[5] not in ids[:5] and ids[5].startswith("dat-hang-")
    assert len(set(ids)) == len(ids)


def test_ids_from_long_names_are_short_and_clean():
    from cjmrender.spec.loader import slug

    long = slug("Tìm hiểu " * 20)
    assert len(long) <= 48 and not long.startswith("-") and not long.endswith("-")
    assert slug("Đường Đi") == "duong-di" and slug("  --Giỏ hàng--  ") == "gio-hang"


@pytest.mark.parametrize("pains", ["Pain points", "pain-points", "PAIN_POINTS", "painpoints"])
def test_lane_names_are_forgiving_about_case_spaces_and_aliases(pains):
    j = load(f"""
        title: T
        lanes: [{pains}, Backstage, KPIs, " Emotions "]
        stages: [{{name: A, emotion: 3}}]
    """)
    assert [ln.kind for ln in j.lanes] == ["pains", "owners", "metrics", "emotion"]


def test_default_lanes_follow_the_content_and_the_locale():
    from cjmrender.i18n import t

    j = load("""
        title: T
        locale: vi
        stages:
          - {name: A, actions: [x], emotion: 3}
          - {name: B, pains: [y]}
    """)
    assert [ln.kind for ln in j.lanes] == ["actions", "emotion", "pains"]
    assert [ln.id for ln in j.lanes] == ["actions", "emotion", "pains"]
    assert [ln.title for ln in j.lanes] == [t("vi", f"lane.{k}") for k in ("actions", "emotion", "pains")]
    assert j.lanes[0].title != t("en", "lane.actions")


def test_map_metadata_is_kept():
    j = load("""
        title: T
        goal: Why carts are abandoned
        scenario: Buying on the phone
        locale: vi
        state: future
        author: Lan
        date: 2024-05-17
        version: 2
        theme: dark
        stages: [{name: A}]
    """)
    assert (j.goal, j.scenario, j.locale, j.state) == ("Why carts are abandoned", "Buying on the phone", "vi", "future")
    assert (j.author, j.date, j.version, j.theme) == ("Lan", "2024-05-17", "2", "dark")


@pytest.mark.parametrize("value,benchmark,below", [
    ("1,5%", "1.2%", False),   # decimal comma
    ("1,500", "1,499", False),  # thousands separator
    ("1,499", "1,500", True),
    ("1,500", "2", False),      # 1500, not 1.5
    ("1,5.", "2", True),        # 1.5 at the end of a sentence, not 15
    ("12.", "13", True),        # a trailing full stop is punctuation
    ("2 500 000 đ", "3 000 000 đ", True),  # spaces inside a number
])
def test_metric_numbers_are_read_as_people_write_them(value, benchmark, below):
    j = load(f"""
        title: T
        stages:
          - name: A
            metrics: [{{name: M, value: "{value}", benchmark: "{benchmark}"}}]
    """)
    assert j.columns[0].content.metrics[0].below is below


def test_a_missing_file_names_the_file(tmp_path):
    path = tmp_path / "nope.yaml"
    with pytest.raises(UserError) as info:
        load_spec(path)
    (problem,) = info.value.problems
    assert problem.file == str(path) and str(problem).startswith(f"{path}: ")


def test_text_with_a_newline_is_yaml_and_a_name_makes_any_text_yaml():
    assert load_spec("title: T\nstages: [{name: A}]\n").source_name == "<string>"
    assert load_spec("{title: T, stages: [{name: A}]}", name="inline.yaml").source_name == "inline.yaml"
