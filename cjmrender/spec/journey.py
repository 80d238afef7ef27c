"""The validated, normalised journey that layout consumes (frozen Structs).

The msgspec model in :mod:`.model` mirrors the YAML; this one mirrors the
map: a flat list of columns (a stage without steps, or a step), the header
groups above them (stages, phases), and the resolved lanes in display order.
"""

from __future__ import annotations

import msgspec

BUILTIN_LANES = (
    "touchpoints", "actions", "thoughts", "emotion", "pains", "opportunities", "owners", "metrics",
)
"""Built-in lane kinds, in the order used when a map does not choose its lanes."""

OWNER_LANES = ("backstage",)
"""Custom lanes that also name owners: ``{id: backstage, title: ...}`` is the seeds' word for them."""


class Text(msgspec.Struct, frozen=True):
    text: str
    source: str | None = None
    note: str | None = None


class TouchpointItem(msgspec.Struct, frozen=True):
    label: str
    channel: str  # canonical channel name
    source: str | None = None
    note: str | None = None


class EmotionPoint(msgspec.Struct, frozen=True):
    score: float
    label: str | None = None
    n: int | None = None
    spread: float | None = None
    source: str | None = None


class MetricItem(msgspec.Struct, frozen=True):
    name: str
    value: str
    benchmark: str | None
    below: bool | None  # None when value and benchmark cannot be compared
    source: str | None = None
    target: str | None = None


class Content(msgspec.Struct, frozen=True):
    """Everything one column holds, per lane kind."""

    touchpoints: tuple[TouchpointItem, ...] = ()
    actions: tuple[Text, ...] = ()
    thoughts: tuple[Text, ...] = ()
    emotion: EmotionPoint | None = None
    emotions: tuple[tuple[str, EmotionPoint], ...] = ()
    """(persona id, point) for maps that give each persona its own curve."""
    pains: tuple[Text, ...] = ()
    opportunities: tuple[Text, ...] = ()
    owners: tuple[Text, ...] = ()
    metrics: tuple[MetricItem, ...] = ()
    custom: tuple[tuple[str, tuple[Text, ...]], ...] = ()

    def items(self, lane: "LaneDef") -> tuple[object, ...]:
        if lane.kind == "text":
            return dict(self.custom).get(lane.id, ())
        if lane.kind == "emotion":
            return (self.emotion,) if self.emotion else tuple(p for _, p in self.emotions)
        return getattr(self, lane.kind)


class Column(msgspec.Struct, frozen=True):
    id: str
    name: str
    stage: int  # index into Journey.stages
    is_step: bool
    description: str | None
    content: Content


class StageDef(msgspec.Struct, frozen=True):
    id: str
    name: str
    description: str | None
    image: str | None
    first: int  # first column index
    count: int  # number of columns (steps) it spans
    phase: int | None
    weight: float = 1.0
    """Relative width; the stage's steps share it equally."""


class PhaseDef(msgspec.Struct, frozen=True):
    id: str
    name: str
    first: int  # first stage index
    count: int


class LaneDef(msgspec.Struct, frozen=True):
    id: str
    kind: str  # one of BUILTIN_LANES or "text"
    title: str


class PersonaDef(msgspec.Struct, frozen=True):
    id: str
    name: str
    facts: tuple[tuple[str, str], ...]  # (field, value) in display order: role, age, job, ...
    goals: tuple[str, ...] = ()
    pains: tuple[str, ...] = ()
    behaviors: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    quote: str | None = None
    description: str | None = None
    photo: str | None = None


class Scale(msgspec.Struct, frozen=True):
    min: float
    max: float
    labels: tuple[tuple[float, str], ...] = ()

    def norm(self, score: float) -> float:
        """Score -> 0..1 (0 = worst)."""
        return (score - self.min) / (self.max - self.min)


class Journey(msgspec.Struct, frozen=True):
    title: str
    locale: str
    state: str | None  # "current" or "future"; None when the map does not say
    columns: tuple[Column, ...]
    stages: tuple[StageDef, ...]
    phases: tuple[PhaseDef, ...]
    lanes: tuple[LaneDef, ...]
    scale: Scale
    personas: tuple[PersonaDef, ...] = ()
    goal: str | None = None
    scenario: str | None = None
    author: str | None = None
    date: str | None = None
    version: str | None = None
    theme: str | None = None
    layout: str = "swimlane"  # swimlane | wheel
    sources: tuple[str, ...] = ()
    source_name: str = "<journey>"
    base_dir: str | None = None
    """Folder of the spec file; images must live under it."""

    @property
    def has_steps(self) -> bool:
        return any(c.is_step for c in self.columns)
