"""Fuzzing: any input gives a rendered SVG or a located user error, never an internal exception.

Three generators, from most to least structured:

- ``maps``: journeys built from the schema (stages or phases, steps, every lane, scales, personas),
  with one deliberate mistake in a minority of them.  Most are valid, so they reach the renderer,
  and the test counts how many did: a generator that only ever feeds the loader's error paths
  is caught here, not silently green.
- random key/value structures with the spec's own keys;
- random YAML text from YAML's punctuation.

Generated text never contains C0/C1 controls, surrogates or other characters XML and YAML forbid
(those are the loader's job and have their own tests), so a generated label does not end the
example before it reaches layout.

Profiles: ``ci`` (default, fast) and ``long`` for manual and benchmark runs::

    HYPOTHESIS_PROFILE=long python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjmrender.errors import UserError
from cjmrender.pipeline import RenderOptions, render_svg_text
from cjmrender.spec.journey import BUILTIN_LANES
from cjmrender.spec.loader import load_text

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
settings.register_profile("long", max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

LOCATED = re.compile(r"^fuzz\.yaml(:\d+:\d+)?: \S")
MIN_RENDERED = 0.5
"""Share of ``maps`` examples that must get past the loader and be drawn."""

# Letters, marks, numbers, punctuation, symbols and spaces: no Cc (C0/C1), Cs, Co, Cn.
clean_chars = st.characters(whitelist_categories=("L", "M", "N", "P", "S", "Zs"),
                            blacklist_characters="\ufffe\uffff\u2028\u2029")
WORDS = ["Nhận biết", "checkout", "giỏ hàng", "<script>", "&amp;", "a\"b'c", "supercalifragilistic",
         "https://example.com/very/long/path?x=1&y=2", "—", "40%", "Zalo", "東京", "🙂", "x" * 60]
clean_text = st.one_of(
    st.text(clean_chars, min_size=1, max_size=40).filter(str.strip),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join),
)
items = st.lists(st.one_of(clean_text, st.builds(lambda t, s: {"text": t, "source": s}, clean_text, clean_text)),
                 max_size=3)
CHANNELS = ["website", "email", "store", "Zalo", "facebook", "phone", "other", "word of mouth"]


@st.composite
def scales(draw):
    lo = draw(st.one_of(st.integers(-10, 3), st.floats(-5, 5, allow_nan=False).map(lambda x: round(x, 2))))
    hi = lo + draw(st.one_of(st.integers(1, 10), st.floats(0.5, 20).map(lambda x: round(x, 2))))
    scale = {"min": lo, "max": hi}
    if draw(st.booleans()):
        scale["labels"] = {lo: draw(clean_text), hi: draw(clean_text)}
    return scale


@st.composite
def cells(draw, scale):
    cell = {}
    for lane in ("actions", "thoughts", "pains", "opportunities", "owners"):
        if draw(st.booleans()):
            cell[lane] = draw(items)
    if draw(st.booleans()):
        cell["touchpoints"] = draw(st.lists(st.one_of(
            st.sampled_from(CHANNELS),
            st.fixed_dictionaries({"channel": st.sampled_from(CHANNELS), "label": clean_text}),
        ), max_size=3))
    if draw(st.integers(0, 3)):
        score = round(draw(st.floats(scale["min"], scale["max"], allow_nan=False)), 2)
        score = min(max(score, scale["min"]), scale["max"])
        if draw(st.booleans()):
            cell["emotion"] = score
        else:
            emo = {"score": score}
            if draw(st.booleans()):
                emo["label"] = draw(clean_text)
            if draw(st.booleans()):
                emo["n"] = draw(st.integers(1, 5000))
                emo["spread"] = round(draw(st.floats(0, 3)), 2)
            cell["emotion"] = emo
    if draw(st.booleans()):
        cell["metrics"] = draw(st.lists(st.fixed_dictionaries(
            {"name": clean_text, "value": st.sampled_from(["3%", "1,5 triệu", 12, "n/a"])},
            optional={"benchmark": st.sampled_from(["5%", 10, "15 phút"]), "higher_is_better": st.booleans()},
        ), max_size=2))
    return cell


@st.composite
def stages(draw, scale, max_size=5):
    out = []
    for _ in range(draw(st.integers(1, max_size))):
        stage = {"name": draw(clean_text)}
        if draw(st.integers(0, 3)) == 0:
            stage["steps"] = [{"name": draw(clean_text), **draw(cells(scale))}
                              for _ in range(draw(st.integers(1, 3)))]
        else:
            stage.update(draw(cells(scale)))
        if draw(st.booleans()):
            stage["description"] = draw(clean_text)
        out.append(stage)
    return out


MISTAKES = [
    lambda m: m.update(titel=m.pop("title")),                        # unknown key
    lambda m: m.update(locale="fr"),                                 # not one of the choices
    lambda m: m.update(lanes=["actoins"]),                           # unknown lane
    lambda m: m.update(emotion_scale={"min": 5, "max": 1}),          # empty scale
    lambda m: m.update(title=["not", "a", "string"]),                # wrong type
    lambda m: m.update(phases=[{"name": "P", "stages": []}]),        # both stages and phases, empty phase
    lambda m: m.update(stages=[{"name": "S", "emotion": 10 ** 6}]),  # score outside the scale
    lambda m: m.update(title="bell\x07"),                            # control character
]


@st.composite
def maps(draw):
    scale = draw(scales())
    spec: dict = {"title": draw(clean_text), "emotion_scale": scale}
    if draw(st.booleans()):
        spec["goal"] = draw(clean_text)
    spec["locale"] = draw(st.sampled_from(["en", "vi"]))
    spec["state"] = draw(st.sampled_from(["current", "future"]))
    if draw(st.booleans()):
        spec["persona"] = {"name": draw(clean_text), "age": draw(st.integers(1, 99)), "goals": draw(items.map(
            lambda xs: [x if isinstance(x, str) else x["text"] for x in xs]))}
    if draw(st.booleans()):
        lanes = draw(st.permutations(BUILTIN_LANES))[: draw(st.integers(1, len(BUILTIN_LANES)))]
        spec["lanes"] = list(lanes) + ([{"id": "team_notes", "title": draw(clean_text)}] if draw(st.booleans()) else [])
    if draw(st.booleans()):
        spec["phases"] = [{"name": draw(clean_text), "stages": draw(stages(scale, 3))}
                          for _ in range(draw(st.integers(1, 3)))]
    else:
        spec["stages"] = draw(stages(scale))
    if any(isinstance(ln, dict) for ln in spec.get("lanes", ())):
        cols = [c for s in spec.get("stages", []) + [s for p in spec.get("phases", []) for s in p["stages"]]
                for c in (s.get("steps") or [s])]
        cols[0]["team_notes"] = draw(items)
    return spec


@st.composite
def maps_maybe_broken(draw):
    """(spec, broken): a generated map, with one of ``MISTAKES`` made in about a quarter of them."""
    spec = draw(maps())
    mistake = draw(st.sampled_from([None] * 3 * len(MISTAKES) + MISTAKES))
    if mistake:
        mistake(spec)
    return spec, mistake is not None


def check(text: str) -> bool:
    """Load and render ``text``; True when it was drawn, False for a located user error."""
    try:
        journey = load_text(text, "fuzz.yaml")
    except UserError as exc:
        assert exc.problems
        for p in exc.problems:
            assert LOCATED.match(str(p)), str(p)
        return False
    svg = render_svg_text(journey, RenderOptions())
    root = ET.fromstring(svg.encode())  # well-formed XML whatever the labels held
    assert root.tag.endswith("svg")
    assert journey.title in "".join(root.itertext())
    return True


def test_generated_maps_reach_the_renderer():
    outcomes: list[bool] = []

    @given(maps_maybe_broken(), st.booleans())
    def run(case, flow):
        spec, broken = case
        drawn = check(yaml.safe_dump(spec, allow_unicode=True, default_flow_style=flow, width=60))
        assert drawn is not broken, "a valid map was refused" if not broken else "a broken map was drawn"
        outcomes.append(drawn)

    run()
    rendered = sum(outcomes) / len(outcomes)
    assert rendered >= MIN_RENDERED, f"only {sum(outcomes)} of {len(outcomes)} generated maps were rendered"


KEYS = ["title", "goal", "stages", "phases", "name", "id", "steps", "lanes", "emotion", "score", "label",
        "touchpoints", "channel", "actions", "thoughts", "pains", "opportunities", "owners", "metrics",
        "value", "benchmark", "persona", "personas", "emotion_scale", "min", "max", "labels", "locale",
        "state", "kind", "spread", "n", "image", "custom", "notes", "x"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), clean_text,
    st.sampled_from(["en", "vi", "fr", "current", "future", "website", "zalo", "emotion", "text", "actions",
                     "Nhận biết", "<script>", "../x.png", "http://x"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(KEYS), inner, max_size=5),
), max_leaves=30)


@given(st.dictionaries(st.sampled_from(KEYS), values, max_size=6))
def test_random_structures(data):
    check(yaml.safe_dump(data, allow_unicode=True))


@given(st.lists(st.dictionaries(st.sampled_from(KEYS), values, max_size=6), min_size=1, max_size=5))
def test_random_stages(stages):
    check(json.dumps({"title": "T", "stages": stages}, ensure_ascii=False))


TOKENS = list("ab: -[]{},&*!|>'\"#\n\t %@`?~\\") + ["title", "stages", "name", "emotion", ": ", "\n  - "]


@given(st.lists(st.sampled_from(TOKENS), max_size=60).map("".join))
def test_random_yaml_text(text):
    check(text)
