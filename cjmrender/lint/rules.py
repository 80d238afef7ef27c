"""The lint rules: each has a stable id, a name, a severity and a one-line rationale.

Rules read the normalised :class:`~cjmrender.spec.journey.Journey` and only
use :class:`~.where.Where` to say where a finding is.  Ids never change
meaning; a retired rule keeps its id unused.
"""

from __future__ import annotations

from typing import Callable, Iterator, Literal

import msgspec

from ..spec.journey import OWNER_LANES, Column, EmotionPoint, Journey
from ..spec.yamlnodes import Path_
from .where import Where, place, quote

Severity = Literal["error", "warning", "note"]

LOW_THIRD = 1 / 3
"""A score at or below min + this share of the scale is a low point."""
STEEP_DROP = 0.4
"""A fall of at least this share of the scale between neighbouring columns is a steep drop."""
_EPS = 1e-9


class Hit(msgspec.Struct, frozen=True):
    """What a rule found, before the engine turns it into a located finding."""

    path: Path_
    message: str
    key: bool = False


Check = Callable[[Journey, Where], Iterator[Hit]]


class Rule(msgspec.Struct, frozen=True):
    id: str
    name: str
    severity: Severity
    summary: str
    """One line: what the rule asks for and why."""
    check: Check | None = None


RULES: dict[str, Rule] = {}

LOAD_RULE = Rule("CJM000", "invalid-map", "error",
                 "The map must load: a map with syntax or schema errors cannot be checked or rendered.")
RULES[LOAD_RULE.id] = LOAD_RULE


def rule(rule_id: str, name: str, severity: Severity, summary: str) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        RULES[rule_id] = Rule(rule_id, name, severity, summary, fn)
        return fn
    return register


def _stage_columns(journey: Journey, stage: int) -> tuple[Column, ...]:
    sd = journey.stages[stage]
    return journey.columns[sd.first: sd.first + sd.count]


def _emotion_value(where: Where, i: int, persona: str | None = None) -> Path_:
    """Where column ``i``'s emotion is written: its ``emotion``, or ``persona``'s entry of ``emotions``."""
    return (*where.columns[i], "emotion") if persona is None else (*where.columns[i], "emotions", persona)


def _emotion_path(where: Where, i: int, persona: str | None = None) -> Path_:
    """Where that emotion's score is written (the value itself when it is a plain number)."""
    path = _emotion_value(where, i, persona)
    return (*path, "score") if isinstance(where.data(path), dict) else path


class Curve(msgspec.Struct, frozen=True):
    """One emotion curve: the map's own (``emotion``) or one persona's (its entries of ``emotions``)."""

    whose: str
    """For messages: ``""`` for the map's curve, `` of persona "Minh"`` for a persona's."""
    persona: str | None
    points: tuple[tuple[int, EmotionPoint], ...]
    """(column index, point) for the columns the curve passes through, in order."""


def _curves(journey: Journey) -> Iterator[Curve]:
    """The map's curve, then each persona's, skipping curves without a point."""
    own = tuple((i, c.content.emotion) for i, c in enumerate(journey.columns) if c.content.emotion is not None)
    if own:
        yield Curve("", None, own)
    for p in journey.personas:
        points = tuple((i, e) for i, c in enumerate(journey.columns) for pid, e in c.content.emotions if pid == p.id)
        if points:
            yield Curve(f" of persona {quote(p.name)}", p.id, points)


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _unanswered(journey: Journey, where: Where, lane: str, answered: Callable[[Column], bool],
                message: str) -> Iterator[Hit]:
    """Every item of ``lane`` in a stage where no column is ``answered``; ``message`` is formatted with
    ``item`` (the quoted text) and ``place``."""
    for si, sd in enumerate(journey.stages):
        cols = _stage_columns(journey, si)
        if any(answered(c) for c in cols):
            continue
        for k, c in enumerate(cols):
            for i, item in enumerate(getattr(c.content, lane)):
                yield Hit((*where.columns[sd.first + k], lane, i),
                          message.format(item=quote(item.text), place=place(journey, c)))


@rule("CJM001", "pain-without-opportunity", "warning",
      "Every pain point should lead to an opportunity in the same stage, or the map only lists complaints.")
def pain_without_opportunity(journey: Journey, where: Where) -> Iterator[Hit]:
    yield from _unanswered(journey, where, "pains", lambda c: bool(c.content.opportunities),
                           "pain {item} in {place} has no opportunity in that stage")


@rule("CJM002", "low-emotion-without-pain", "warning",
      "A low point on the emotion curve is where customers suffer; name the pain behind it.")
def low_emotion_without_pain(journey: Journey, where: Where) -> Iterator[Hit]:
    sc = journey.scale
    limit = sc.min + (sc.max - sc.min) * LOW_THIRD
    for curve in _curves(journey):
        for i, e in curve.points:
            c = journey.columns[i]
            if e.score <= limit + _EPS and not c.content.pains:
                yield Hit(_emotion_path(where, i, curve.persona),
                          f"emotion {_fmt(e.score)}{curve.whose} in {place(journey, c)} is in the lowest third of "
                          f"the scale ({_fmt(sc.min)}..{_fmt(sc.max)}) but there is no pain point")


@rule("CJM003", "steep-drop-without-pain", "warning",
      "A sharp fall in emotion between neighbouring stages has a cause; record it as a pain point.")
def steep_drop_without_pain(journey: Journey, where: Where) -> Iterator[Hit]:
    sc = journey.scale
    span = sc.max - sc.min
    for curve in _curves(journey):
        # a curve runs from one of its scored columns to the next
        for (_, before), (i, e) in zip(curve.points, curve.points[1:]):
            c = journey.columns[i]
            if before.score - e.score >= STEEP_DROP * span - _EPS and not c.content.pains:
                share = round(100 * (before.score - e.score) / span)
                yield Hit(_emotion_path(where, i, curve.persona),
                          f"emotion{curve.whose} drops from {_fmt(before.score)} to {_fmt(e.score)} ({share}% of "
                          f"the scale) into {place(journey, c)}, which has no pain point")


def _owners(c: Column) -> bool:
    return bool(c.content.owners) or any(items for lid, items in c.content.custom if lid in OWNER_LANES)


@rule("CJM004", "opportunity-without-owner", "warning",
      "An opportunity nobody owns does not get done; name an owner in the same stage.")
def opportunity_without_owner(journey: Journey, where: Where) -> Iterator[Hit]:
    yield from _unanswered(journey, where, "opportunities", _owners,
                           "opportunity {item} in {place} has no owner in that stage")


@rule("CJM005", "metric-without-benchmark", "warning",
      "A number means little alone; a benchmark says whether it is good or bad.")
def metric_without_benchmark(journey: Journey, where: Where) -> Iterator[Hit]:
    for i, c in enumerate(journey.columns):
        for k, mt in enumerate(c.content.metrics):
            if mt.benchmark is None:
                yield Hit((*where.columns[i], "metrics", k),
                          f"metric {quote(mt.name)} in {place(journey, c)} has no benchmark")


@rule("CJM006", "emotion-without-evidence", "warning",
      "On a map that cites sources, each emotion should say where it comes from (n or source).")
def emotion_without_evidence(journey: Journey, where: Where) -> Iterator[Hit]:
    if not journey.sources:
        return
    for curve in _curves(journey):
        for i, e in curve.points:
            if e.n is None and not e.source:
                yield Hit(_emotion_path(where, i, curve.persona),
                          f"emotion{curve.whose} in {place(journey, journey.columns[i])} has no evidence "
                          "(n or source), but the map cites sources")


@rule("CJM007", "stage-without-touchpoint", "warning",
      "Customers meet a company through touchpoints; a stage without one cannot be acted on.")
def stage_without_touchpoint(journey: Journey, where: Where) -> Iterator[Hit]:
    for si, sd in enumerate(journey.stages):
        if not any(c.content.touchpoints for c in _stage_columns(journey, si)):
            yield Hit((*where.stages[si], "name"), f"stage {quote(sd.name)} has no touchpoint", key=True)


@rule("CJM008", "persona-without-goals", "warning",
      "A persona's goals explain the journey; without them every stage is guesswork.")
def persona_without_goals(journey: Journey, where: Where) -> Iterator[Hit]:
    data = where.doc.data
    paths: list[Path_] = [("persona",)] if isinstance(data.get("persona"), dict) else []
    personas = data.get("personas")
    paths += [("personas", i) for i in range(len(personas) if isinstance(personas, list) else 0)]
    for path, p in zip(paths, journey.personas):
        if not p.goals:
            yield Hit((*path, "name"), f"persona {quote(p.name)} has no goals", key=True)


@rule("CJM009", "future-metric-without-target", "warning",
      "A future-state map is a plan; each metric needs the target that says when it has worked.")
def future_metric_without_target(journey: Journey, where: Where) -> Iterator[Hit]:
    if journey.state != "future":
        return
    for i, c in enumerate(journey.columns):
        for k, mt in enumerate(c.content.metrics):
            if mt.target is None:
                yield Hit((*where.columns[i], "metrics", k),
                          f"metric {quote(mt.name)} in {place(journey, c)} has no target in this future-state map")


_LANE_WORD = {"touchpoints": "touchpoint", "actions": "action", "thoughts": "thought", "pains": "pain",
              "opportunities": "opportunity", "owners": "owner", "metrics": "metric"}


def _cell_texts(c: Column) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """(lane key, singular word, item texts) for every list lane of a column, custom lanes included."""
    ct = c.content
    yield "touchpoints", "touchpoint", tuple(f"{tp.channel}\0{tp.label}" for tp in ct.touchpoints)
    for lane in ("actions", "thoughts", "pains", "opportunities", "owners"):
        yield lane, _LANE_WORD[lane], tuple(x.text for x in getattr(ct, lane))
    yield "metrics", "metric", tuple(mt.name for mt in ct.metrics)
    for lid, items in ct.custom:
        yield lid, "item", tuple(x.text for x in items)


@rule("CJM010", "duplicate-item", "warning",
      "The same item twice in one cell is a copy-paste slip, and it makes the map longer, not clearer.")
def duplicate_item(journey: Journey, where: Where) -> Iterator[Hit]:
    for i, c in enumerate(journey.columns):
        for lane, word, texts in _cell_texts(c):
            seen: dict[str, int] = {}
            for k, text in enumerate(texts):
                norm = " ".join(text.split()).casefold()
                if norm not in seen:
                    seen[norm] = k
                    continue
                first = where.at((*where.columns[i], lane, seen[norm])).line
                shown = text.split("\0")[-1]
                yield Hit((*where.columns[i], lane, k),
                          f"duplicate {word} {quote(shown)} in {place(journey, c)} (first on line {first})")


TYPED_TOLERANCE = 0.05
"""A typed score this close to the survey mean agrees with it (means are kept to two decimals)."""


@rule("CJM011", "typed-emotion-disagrees-with-survey", "error",
      "When a survey gives a stage's emotion, a typed score or n that says otherwise is out of date.")
def typed_emotion_disagrees(journey: Journey, where: Where) -> Iterator[Hit]:
    ref = where.data(("evidence", "survey"))
    if not isinstance(ref, str):
        return
    for curve in _curves(journey):
        for i, e in curve.points:
            if e.source != ref:
                continue  # no answers for this column (or persona): its typed emotion stands
            c = journey.columns[i]
            value = _emotion_value(where, i, curve.persona)
            typed = where.data(value)
            score = typed.get("score") if isinstance(typed, dict) else typed
            n = typed.get("n") if isinstance(typed, dict) else None
            if isinstance(score, (int, float)) and not isinstance(score, bool) and abs(score - e.score) > TYPED_TOLERANCE:
                yield Hit(_emotion_path(where, i, curve.persona),
                          f"typed emotion {_fmt(score)}{curve.whose} in {place(journey, c)} disagrees with the "
                          f"survey: mean {_fmt(e.score)} of {e.n} answers; remove the typed score or update it")
            elif isinstance(n, int) and n != e.n:
                yield Hit((*value, "n"),
                          f"typed n={n}{curve.whose} in {place(journey, c)} disagrees with the survey's {e.n} answers")
