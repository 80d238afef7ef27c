"""A loaded map -> the journey-map grid (rows of cell text) that :mod:`.grid` reads back.

The rows are the same for CSV and XLSX: map facts, the persona block, the
phase, stage and step rows, then one row per lane.  Reading them back gives
the same map (see ``tests/interop``), so a map can be edited in a spreadsheet
and come home.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .grid_words import LANES, key as _key

if TYPE_CHECKING:
    from ..spec.journey import Content, Journey, LaneDef

PERSONA_ROWS = ("role", "age", "gender", "location", "job", "education", "income")


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def _attrs(text: str, **attrs: object) -> str:
    parts = [f"{k}={v}" for k, v in attrs.items() if v is not None]
    return f"{text} ({'; '.join(parts)})" if parts else text


def _lane_label(lane: LaneDef) -> str:
    from ..spec.loader import slug

    if lane.kind == "text":
        plain = slug(lane.title).replace("-", "_") == lane.id and _key(lane.title) not in LANES
        return lane.title if plain else f"{lane.title} [{lane.id}]"
    return lane.title if LANES.get(_key(lane.title)) == lane.kind else f"{lane.title} [{lane.kind}]"


def _higher_is_better(value: str, benchmark: str | None, below: bool | None) -> bool:
    from ..spec.metrics import below as _below

    return below is None or benchmark is None or _below(value, benchmark, True) == below


def _cell(content: Content, lane: LaneDef) -> str:
    from ..channels import canonical_channel

    if lane.kind == "emotion":
        def one(e) -> str:
            head = _num(e.score) + (f": {e.label}" if e.label else "")
            return _attrs(head, n=e.n, spread=None if e.spread is None else _num(e.spread), source=e.source)

        if content.emotions:  # one line per persona: "@lan 4: Curious"
            return "\n".join(f"@{pid} {one(e)}" for pid, e in content.emotions)
        return "" if content.emotion is None else one(content.emotion)
    lines: list[str] = []
    for item in content.items(lane):
        if lane.kind == "touchpoints":
            prefix, colon, _ = item.label.partition(":")
            bare = (canonical_channel(item.label) or "other") == item.channel and not (
                colon and canonical_channel(prefix.strip()))
            text = item.label if bare else f"{item.channel}: {item.label}"
            lines.append(_attrs(text, source=item.source, note=item.note))
        elif lane.kind == "metrics":
            hib = _higher_is_better(item.value, item.benchmark, item.below)
            lines.append(_attrs(f"{item.name}: {item.value}", benchmark=item.benchmark, target=item.target,
                                higher_is_better=None if hib else "false", source=item.source))
        else:
            lines.append(_attrs(item.text, source=item.source, note=item.note))
    return "\n".join(lines)


def journey_rows(j: Journey) -> list[list[str]]:
    """The grid for a map; the first column holds the row labels."""
    ncol = len(j.columns)
    rows: list[list[str]] = [["Title", j.title]]
    for label, value in (("Goal", j.goal), ("Scenario", j.scenario), ("Author", j.author), ("Date", j.date),
                         ("Version", j.version), ("Theme", j.theme)):
        if value:
            rows.append([label, value])
    if j.locale != "en":
        rows.append(["Locale", j.locale])
    if j.state is not None:
        rows.append(["State", j.state])
    if j.sources:
        rows.append(["Sources", "\n".join(j.sources)])
    labels = [f"{_num(level)}: {name}" for level, name in j.scale.labels]
    rows.append(["Emotion scale", f"{_num(j.scale.min)}..{_num(j.scale.max)}", *labels])
    if j.personas:
        ps = j.personas
        rows.append(["Persona", *(p.name for p in ps)])
        if any(c.content.emotions for c in j.columns):  # per-persona emotions name their persona by id
            rows.append(["Id", *(p.id for p in ps)])
        for key in PERSONA_ROWS:
            values = [dict(p.facts).get(key, "") for p in ps]
            if any(values):
                rows.append([key.capitalize(), *values])
        for key in ("goals", "pains", "behaviors", "interests"):
            values = ["\n".join(getattr(p, key)) for p in ps]
            if any(values):
                rows.append([key.capitalize(), *values])
        for key in ("quote", "description", "photo"):
            values = [getattr(p, key) or "" for p in ps]
            if any(values):
                rows.append([key.capitalize(), *values])
    rows.append([])
    if j.phases:
        row = ["Phase"] + [""] * ncol
        for ph in j.phases:
            row[j.stages[ph.first].first + 1] = ph.name
        rows.append(row)
    row = ["Stage"] + [""] * ncol
    for st in j.stages:
        row[st.first + 1] = st.name
    rows.append(row)
    if j.has_steps:
        rows.append(["Step", *(c.name if c.is_step else "" for c in j.columns)])
    if any(st.weight != 1 for st in j.stages):
        row = ["Width"] + [""] * ncol
        for st in j.stages:
            row[st.first + 1] = _num(st.weight)
        rows.append(row)
    if any(c.description for c in j.columns):
        rows.append(["Description", *(c.description or "" for c in j.columns)])
    for lane in j.lanes:
        rows.append([_lane_label(lane), *(_cell(c.content, lane) for c in j.columns)])
    return rows
