"""Mermaid ``journey`` <-> cjmrender map.

In: sections become stages, tasks become steps with the score as their
emotion, actors become personas (in order of first appearance) and each
step's owners; the title becomes the title.  Mermaid's 1..5 scale becomes
``emotion_scale``, widened when a score lies outside it (Mermaid still draws
such a face, above or below the line).

Out: the closest Mermaid ``journey``.  What Mermaid cannot hold (other lanes,
emotion labels, persona details, phases, goal, ...) is named in a ``%%``
comment at the top, never dropped silently.  Characters that Mermaid's
grammar reserves (``:`` ``#`` ``;`` ``,`` and leading keywords) are written as
entity codes (``#58;``), which Mermaid draws as the character itself.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .mermaid_parse import MermaidJourney, parse_mermaid
from .yamlout import Flow, FlowMap, dump

if TYPE_CHECKING:
    from ..spec.journey import Journey

SCALE = (1, 5)
"""Mermaid's scale: the faces are drawn for 1 (sad) .. 5 (happy)."""


def journey_data(mj: MermaidJourney) -> dict[str, Any]:
    """The map (plain data, as it would be written in YAML) for a parsed Mermaid journey."""
    scores = [t.score for s in mj.sections for t in s.tasks]
    lo = min([SCALE[0], *scores])
    hi = max([SCALE[1], *scores])
    actors = list(dict.fromkeys(a for s in mj.sections for t in s.tasks for a in t.actors))
    data: dict[str, Any] = {"title": mj.title or ""}
    data["emotion_scale"] = FlowMap(min=lo, max=hi)
    if actors:
        data["personas"] = [{"name": a} for a in actors]
    stages = []
    for sec in mj.sections:
        stage: dict[str, Any] = {"name": sec.name}
        if sec.tasks:
            steps = []
            for t in sec.tasks:
                step: dict[str, Any] = FlowMap(name=t.name, emotion=t.score)
                if t.actors:
                    step["owners"] = Flow(t.actors)
                steps.append(step)
            stage["steps"] = steps
        stages.append(stage)
    data["stages"] = stages
    return data


def import_mermaid(text: str, name: str) -> tuple[str, dict[str, Any], MermaidJourney]:
    """Mermaid text -> (YAML map text, map data, parsed diagram); raises ``UserError`` located in ``name``."""
    mj = parse_mermaid(text, name)
    data = journey_data(mj)
    header = [f"Imported from {name.rsplit('/', 1)[-1]} (Mermaid journey) by cjmrender"]
    if mj.acc_title:
        header.append(f"accTitle: {mj.acc_title}")
    if mj.acc_descr:
        header.append(f"accDescr: {mj.acc_descr}")
    return dump(data, header), data, mj


# --------------------------------------------------------------------------- out

_KEYWORD_START = re.compile(r"(journey\b|title\s|section\s|acc(?:Title|Descr)\s*[:{])", re.IGNORECASE | re.ASCII)


def _escape(text: str, extra: str = "") -> str:
    """Text Mermaid's lexer would misread, written with entity codes it decodes when drawing."""
    out = text.replace("\n", "<br>")
    out = re.sub("[#:;%" + re.escape(extra) + "]", lambda m: f"#{ord(m[0])};", out)
    out = out.strip()
    if _KEYWORD_START.match(out):
        out = f"#{ord(out[0])};{out[1:]}"
    return out or "#32;"


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.6g}"


def to_mermaid(j: Journey) -> str:
    """The closest Mermaid ``journey`` for a map, with a ``%%`` note naming what it cannot hold."""
    scale = j.scale
    scores = [c.content.emotion.score for c in j.columns if c.content.emotion]
    native = (scale.min, scale.max) == (min([SCALE[0], *scores]), max([SCALE[1], *scores]))

    def score(x: float) -> str:
        if native:
            return _num(x)
        return _num(round(SCALE[0] + (x - scale.min) * (SCALE[1] - SCALE[0]) / (scale.max - scale.min), 2))

    lines = ["journey"]
    if j.title:
        lines.append(f"    title {_escape(j.title)}")
    unscored = 0
    for si, st in enumerate(j.stages):
        cols = j.columns[st.first:st.first + st.count]
        lines.append(f"    section {_escape(st.name)}")
        for c in cols:
            if not c.is_step and _empty(c):
                continue  # a section without tasks, as Mermaid allows
            e = c.content.emotion
            if e is None:
                unscored += 1
            s = score(e.score) if e else "3"
            actors = ", ".join(_escape(o.text, ",") for o in c.content.owners)
            lines.append(f"      {_escape(c.name)}: {s}" + (f": {actors}" if actors else ""))
    notes = _lost(j, native, unscored)
    head = [f"%% cjmrender: Mermaid cannot hold {', '.join(notes)}"] if notes else []
    return "\n".join(head + lines) + "\n"


def _empty(c) -> bool:
    return c.content.emotion is None and not c.content.owners


def _lost(j: Journey, native: bool, unscored: int) -> list[str]:
    """Names (with counts) of what the map holds and a Mermaid journey cannot."""
    out: list[str] = []
    for key in ("goal", "scenario", "author", "date", "version"):
        if getattr(j, key):
            out.append(key)
    if j.state not in (None, "current"):
        out.append(f"state ({j.state})")
    if j.phases:
        out.append(f"phases ({len(j.phases)})")
    widths = sum(1 for s in j.stages if getattr(s, "weight", 1) != 1)
    if widths:
        out.append(f"stage widths ({widths})")
    details = sum(bool(p.facts or p.goals or p.pains or p.behaviors or p.interests or p.quote or p.description
                       or p.photo) for p in j.personas)
    if details:
        out.append(f"persona details ({details})")
    counts: dict[str, int] = {}
    for c in j.columns:
        ct = c.content
        for lane in ("touchpoints", "actions", "thoughts", "pains", "opportunities", "metrics"):
            if getattr(ct, lane):
                counts[lane] = counts.get(lane, 0) + len(getattr(ct, lane))
        for lid, items in ct.custom:
            counts[f"lane {lid}"] = counts.get(f"lane {lid}", 0) + len(items)
        if ct.emotion and (ct.emotion.label or ct.emotion.n is not None):
            counts["emotion labels and survey data"] = counts.get("emotion labels and survey data", 0) + 1
        if c.description:
            counts["descriptions"] = counts.get("descriptions", 0) + 1
    out += [f"{k} ({v})" for k, v in counts.items()]
    stage_only = sum(1 for c in j.columns if not c.is_step and not _empty(c))
    if stage_only:
        out.append(f"stages without steps ({stage_only}, each written as a section with one task)")
    owners = {o.text for c in j.columns for o in c.content.owners}
    absent = sum(1 for p in j.personas if p.name not in owners)
    if absent:
        out.append(f"personas on no task ({absent})")
    if not native:
        out.append(f"the scale {_num(j.scale.min)}..{_num(j.scale.max)} (scores rescaled to 1..5)")
    if j.scale.labels:
        out.append("scale labels")
    if unscored:
        out.append(f"missing scores ({unscored} tasks, written as 3)")
    if j.sources:
        out.append("sources")
    return out


__all__ = ["import_mermaid", "journey_data", "to_mermaid", "parse_mermaid"]
