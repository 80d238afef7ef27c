"""The journey spec: frozen msgspec Structs, the only place msgspec types live.

Field names follow the vocabulary of customer journey mapping (persona,
stages, touchpoints, actions, thoughts, emotion, pains, opportunities,
owners, metrics).  ``forbid_unknown_fields`` makes every typo an error; the
loader turns msgspec's ``$.stages[0].emotion`` paths back into YAML
``file:line:col`` marks.
"""

from __future__ import annotations

from typing import Literal, Union

import msgspec

_OPTS = dict(frozen=True, forbid_unknown_fields=True, kw_only=True, omit_defaults=True)

Number = Union[int, float]
Scalar = Union[str, int, float]


class Note(msgspec.Struct, **_OPTS):
    """A text item with optional evidence (where the insight came from)."""

    text: str
    source: str | None = None
    note: str | None = None


Item = Union[str, Note]
"""Lane items are plain strings, or ``{text, source, note}`` when evidence matters."""


class Persona(msgspec.Struct, **_OPTS):
    name: str
    id: str | None = None
    role: str | None = None
    age: Scalar | None = None
    gender: str | None = None
    location: str | None = None
    job: str | None = None
    education: str | None = None
    income: Scalar | None = None
    behaviors: list[str] = []
    interests: list[str] = []
    goals: list[str] = []
    pains: list[str] = []
    quote: str | None = None
    photo: str | None = None
    description: str | None = None


class EmotionScale(msgspec.Struct, **_OPTS):
    """Any numeric range; ``labels`` names levels, e.g. ``{1: Bực bội, 5: Hài lòng}``."""

    min: Number = 1
    max: Number = 5
    labels: dict[Number, str] = {}


class Touchpoint(msgspec.Struct, **_OPTS):
    label: str
    channel: str = "other"
    source: str | None = None
    note: str | None = None


class Emotion(msgspec.Struct, **_OPTS):
    """How the persona feels in one column; ``n``/``spread`` describe survey data."""

    score: Number
    label: str | None = None
    n: int | None = None
    spread: Number | None = None
    source: str | None = None


class Metric(msgspec.Struct, **_OPTS):
    """A KPI; below ``benchmark`` is flagged (above, when ``higher_is_better`` is false)."""

    name: str
    value: Scalar
    benchmark: Scalar | None = None
    target: Scalar | None = None
    """What a ``future`` map aims for (the benchmark is what others reach)."""
    higher_is_better: bool = True
    source: str | None = None


class Cell(msgspec.Struct, **_OPTS):
    """What one column (a stage without steps, or a step) holds in each lane."""

    touchpoints: list[Union[str, Touchpoint]] = []
    actions: list[Item] = []
    thoughts: list[Item] = []
    emotion: Union[Number, Emotion, None] = None
    emotions: dict[str, Union[Number, Emotion]] = {}
    """One emotion per persona, keyed by persona id: ``{lan: 4, minh: {score: 2, label: Lost}}``."""
    pains: list[Item] = []
    opportunities: list[Item] = []
    owners: list[Item] = []
    metrics: list[Metric] = []
    custom: dict[str, list[Item]] = {}
    """Content of custom lanes, keyed by lane id (written in YAML as plain keys)."""


class Step(Cell, **_OPTS):
    name: str
    id: str | None = None
    description: str | None = None


class Stage(Cell, **_OPTS):
    name: str
    id: str | None = None
    description: str | None = None
    image: str | None = None
    width: Number | None = None
    """Relative width (a weight): stages are equally wide by default; ``width: 2`` makes one twice as wide."""
    steps: list[Step] = []


class Phase(msgspec.Struct, **_OPTS):
    """A band grouping stages, e.g. pre-purchase / purchase / post-purchase."""

    name: str
    stages: list[Stage]
    id: str | None = None


LaneKind = Literal[
    "touchpoints", "actions", "thoughts", "emotion", "pains",
    "opportunities", "owners", "metrics", "text",
]


class Lane(msgspec.Struct, **_OPTS):
    """A lane entry: a built-in kind (``kind`` defaults to ``id``) or a custom text lane."""

    id: str
    title: str | None = None
    kind: LaneKind | None = None


class LintSkip(msgspec.Struct, **_OPTS):
    """A lint rule turned off for this map, with the reason why."""

    rule: str
    reason: str


class LintConfig(msgspec.Struct, **_OPTS):
    """``lint: {disable: [CJM005, {rule: CJM007, reason: ...}]}``: rules this map opts out of."""

    disable: list[Union[str, LintSkip]] = []


class Evidence(msgspec.Struct, **_OPTS):
    """Research data behind the map: ``survey`` is a CSV (stage,score[,persona][,respondent]) in its folder."""

    survey: str


class Journey(msgspec.Struct, **_OPTS):
    title: str
    goal: str | None = None
    scenario: str | None = None
    locale: Literal["en", "vi"] = "en"
    state: Literal["current", "future"] | None = None
    """Current or desired journey; shown as a badge only when set."""
    author: str | None = None
    date: str | None = None
    version: Scalar | None = None
    theme: str | None = None
    layout: Literal["swimlane", "wheel"] = "swimlane"
    """How the map is drawn: lanes under a row of stages, or the experience wheel."""
    persona: Persona | None = None
    personas: list[Persona] = []
    emotion_scale: EmotionScale = EmotionScale()
    lanes: list[Union[str, Lane]] = []
    stages: list[Stage] = []
    phases: list[Phase] = []
    sources: list[str] = []
    lint: LintConfig | None = None
    evidence: Evidence | None = None
