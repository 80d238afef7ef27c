"""Fuzzing: any input gives a journey or a located user error, never an internal exception.

Profiles: ``ci`` (default, fast) and ``long`` for manual and benchmark runs::

    HYPOTHESIS_PROFILE=long python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import json
import os
import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjmrender.errors import UserError
from cjmrender.pipeline import RenderOptions, render_svg_text
from cjmrender.spec.loader import load_text

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
settings.register_profile("long", max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

LOCATED = re.compile(r"^fuzz\.yaml(:\d+:\d+)?: \S")

KEYS = ["title", "goal", "stages", "phases", "name", "id", "steps", "lanes", "emotion", "score", "label",
        "touchpoints", "channel", "actions", "thoughts", "pains", "opportunities", "owners", "metrics",
        "value", "benchmark", "persona", "personas", "emotion_scale", "min", "max", "labels", "locale",
        "state", "kind", "spread", "n", "image", "custom", "notes", "x"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), st.sampled_from(["en", "vi", "fr", "current", "future", "website", "zalo", "emotion",
                                           "text", "actions", "Nhận biết", "<script>", "../x.png", "http://x"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(KEYS), inner, max_size=5),
), max_leaves=30)


def check(text: str) -> None:
    try:
        journey = load_text(text, "fuzz.yaml")
    except UserError as exc:
        assert exc.problems
        for p in exc.problems:
            assert LOCATED.match(str(p)), str(p)
        return
    svg = render_svg_text(journey, RenderOptions())
    assert svg.startswith("<?xml")


@given(st.dictionaries(st.sampled_from(KEYS), values, max_size=6))
def test_random_structures(data):
    check(yaml.safe_dump(data, allow_unicode=True))


TOKENS = list("ab: -[]{},&*!|>'\"#\n\t %@`?~\\") + ["title", "stages", "name", "emotion", ": ", "\n  - "]


@given(st.lists(st.sampled_from(TOKENS), max_size=60).map("".join))
def test_random_yaml_text(text):
    check(text)


@given(st.lists(st.dictionaries(st.sampled_from(KEYS), values, max_size=6), min_size=1, max_size=5))
def test_random_stages(stages):
    check(json.dumps({"title": "T", "stages": stages}, ensure_ascii=False))
