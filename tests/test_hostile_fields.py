"""Every number and every text field of the schema, driven with hostile values.

Each numeric field gets huge, tiny, NaN, infinite and over-long integer values;
each text field gets NUL, ESC and a Unicode non-character.  Every variant must
either be refused with a located message (nothing drawn) or render an SVG that
an XML parser accepts, with no ``inf``/``nan`` anywhere in it.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from typing import Any

import msgspec
import pytest
import yaml

from cjmrender.errors import UserError
from cjmrender.pipeline import RenderOptions, render_outputs
from cjmrender.spec import model as m
from cjmrender.spec.loader import load_text

RICH = """
title: Rich map
goal: every field
scenario: s
author: a
date: d
version: 2
persona:
  name: Lan
  id: lan
  role: buyer
  age: 28
  gender: f
  location: Hanoi
  job: clerk
  education: BA
  income: 1500
  behaviors: [b]
  interests: [i]
  goals: [g]
  pains: [p]
  quote: q
  description: d
emotion_scale: {min: 1, max: 5, labels: {1: low, 5: high}}
lanes: [touchpoints, actions, thoughts, emotion, pains, opportunities, owners, metrics, {id: team, title: Team}]
stages:
  - name: Aware
    id: aware
    description: first
    width: 1.5
    touchpoints: [web, {label: ad, channel: facebook, source: s, note: n}]
    actions: [look, {text: read, source: s, note: n}]
    thoughts: [hmm]
    emotion: {score: 3, label: ok, n: 12, spread: 0.5, source: survey}
    pains: [slow]
    opportunities: [faster]
    owners: [marketing]
    metrics: [{name: CTR, value: 0.8, benchmark: 1.5, target: 2, source: ga}]
    team: [alpha]
  - name: Buy
    steps:
      - {name: Cart, id: cart, description: c, emotion: 2, actions: [pay]}
      - {name: Pay, emotion: 4, metrics: [{name: t, value: 30, benchmark: 20, higher_is_better: false}]}
sources: [interviews]
"""

NUMBERS = [1e300, -1e300, 1e-300, float("nan"), float("inf"), float("-inf"), 10 ** 40]
TEXTS = ["a\x00b", "a\x1b[2Jb", "a\ufffeb"]


def _leaves(value: Any, path: tuple = ()) -> list[tuple[tuple, Any]]:
    if isinstance(value, dict):
        out = [((*path, ("key", k)), k) for k in value if isinstance(k, (int, float)) and not isinstance(k, bool)]
        for k, v in value.items():
            out += _leaves(v, (*path, k))
        return out
    if isinstance(value, list):
        return [leaf for i, v in enumerate(value) for leaf in _leaves(v, (*path, i))]
    return [(path, value)]


def _replace(data: Any, path: tuple, new: Any) -> Any:
    head, rest = path[0], path[1:]
    if isinstance(head, tuple):  # a numeric mapping key
        return {(new if k == head[1] else k): v for k, v in data.items()}
    if isinstance(data, dict):
        return {k: (_replace(v, rest, new) if rest else new) if k == head else v for k, v in data.items()}
    return [(_replace(v, rest, new) if rest else new) if i == head else v for i, v in enumerate(data)]


def _numeric_fields() -> set[str]:
    """Names of every schema field that takes a number (or has numbers as keys)."""
    out: set[str] = set()

    def numeric(t: Any) -> bool:
        if isinstance(t, msgspec.inspect.UnionType):
            return any(numeric(x) for x in t.types)
        return isinstance(t, (msgspec.inspect.IntType, msgspec.inspect.FloatType))

    def walk(t: Any, seen: set) -> None:
        if isinstance(t, msgspec.inspect.UnionType):
            for x in t.types:
                walk(x, seen)
        elif isinstance(t, msgspec.inspect.ListType):
            walk(t.item_type, seen)
        elif isinstance(t, msgspec.inspect.DictType):
            walk(t.value_type, seen)
        elif isinstance(t, msgspec.inspect.StructType) and t.cls not in seen:
            seen.add(t.cls)
            for f in t.fields:
                key_numeric = isinstance(f.type, msgspec.inspect.DictType) and numeric(f.type.key_type)
                if numeric(f.type) or key_numeric:
                    out.add(f.encode_name)
                walk(f.type, seen)

    walk(msgspec.inspect.type_info(m.Journey), set())
    return out


def _variants() -> list[tuple[str, str]]:
    data = yaml.safe_load(RICH)
    out = []
    for path, value in _leaves(data):
        if isinstance(value, bool):
            continue
        values = NUMBERS if isinstance(value, (int, float)) else TEXTS if isinstance(value, str) else []
        for new in values:
            name = ".".join(str(p[1] if isinstance(p, tuple) else p) for p in path) + f"={new!r}"
            out.append((name, yaml.safe_dump(_replace(data, path, new), allow_unicode=False)))
    return out


def test_the_rich_map_covers_every_numeric_field_and_renders():
    data = yaml.safe_load(RICH)
    covered = {str(p[-1][1] if isinstance(p[-1], tuple) else p[-1]) for p, v in _leaves(data)
               if isinstance(v, (int, float)) and not isinstance(v, bool)}
    covered |= {p[-2] for p, v in _leaves(data) if isinstance(p[-1], tuple)}  # numeric keys: the field holding them
    covered |= {"emotion"}  # the bare-number form, `emotion: 2` on the steps
    assert _numeric_fields() <= covered, _numeric_fields() - covered
    results, _ = render_outputs(load_text(RICH, "rich.yaml"), ["svg"])
    ET.fromstring(results[0][1])


_NON_FINITE = re.compile(rb'="[^"]*\b(?:inf|nan)\b', re.I)


def test_every_field_with_hostile_values():
    """One test over all variants (several hundred), so the suite stays fast; failures name the field."""
    variants = _variants()
    assert len(variants) > 200
    failures = []
    for name, text in variants:
        try:
            journey = load_text(text, "map.yaml")
        except UserError as exc:
            first = str(exc.problems[0])
            if not re.match(r"map\.yaml:\d+:\d+: ", first) or "\x1b" in first or "\x00" in first:
                failures.append(f"{name}: unlocated or raw message {first!r}")
            continue
        try:
            results, _ = render_outputs(journey, ["svg"], RenderOptions())
        except UserError as exc:  # refused at layout: still located and nothing written
            if not str(exc.problems[0]).startswith("map.yaml"):
                failures.append(f"{name}: {exc.problems[0]}")
            continue
        except Exception as exc:  # noqa: BLE001 - a traceback is exactly what this test looks for
            failures.append(f"{name}: {type(exc).__name__}: {exc}")
            continue
        svg = results[0][1]
        try:
            ET.fromstring(svg)
        except ET.ParseError as exc:
            failures.append(f"{name}: SVG is not well-formed XML: {exc}")
        if _NON_FINITE.search(svg):
            failures.append(f"{name}: inf or nan in the SVG")
    assert not failures, "\n".join(failures[:20])


@pytest.mark.parametrize("value", ["1.0e+16", "-1.0e+16", "123456789012345678901234567890123", ".nan", "-.inf"])
def test_out_of_range_numbers_are_located(value):
    with pytest.raises(UserError) as info:
        load_text(f"title: T\nstages: [{{name: A, emotion: {value}}}]\n", "map.yaml")
    assert str(info.value.problems[0]).startswith("map.yaml:2:29: ")
    assert math.isfinite(1.0)
