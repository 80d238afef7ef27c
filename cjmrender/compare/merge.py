"""A comparison as one journey the normal layout can draw: the future map, marked up.

Every change is written into the content as characters, so it survives any
theme, print-mono included (never colour alone): ``+`` added, ``−`` removed,
``~`` changed with the old text underneath (``was: …``), metrics as
``current → future``, and each emotion label carries its change (``+1.5``).
Removed stages and steps keep their place, after their old neighbour.
:func:`before_journey` is the same map with the current scores, whose curve
:mod:`.overlay` draws faint behind the future one.
"""

from __future__ import annotations

from msgspec.structs import replace

from ..i18n import t
from ..spec.journey import (
    Column, Content, EmotionPoint, Journey, LaneDef, MetricItem, PhaseDef, StageDef, Text, TouchpointItem,
)
from .diff import ColumnDiff, ItemDiff, JourneyDiff, signed

ADDED, REMOVED, CHANGED = "+ ", "\u2212 ", "~ "
_PREFIX = {"added": ADDED, "removed": REMOVED, "changed": CHANGED, "same": ""}


class _Cell:
    """Builds one column's marked-up content from its item diffs and its old and new content."""

    def __init__(self, c: ColumnDiff, locale: str) -> None:
        self.c, self.locale = c, locale
        self.old = c.old.content if c.old else Content()
        self.new = c.new.content if c.new else Content()

    def _was(self, it: ItemDiff) -> str | None:
        return f"{t(self.locale, 'compare.was')}: {it.old}" if it.status == "changed" else None

    def texts(self, lane: str, old_items: tuple[Text, ...], new_items: tuple[Text, ...]) -> tuple[Text, ...]:
        new_by = {x.text: x for x in new_items}
        old_by = {x.text: x for x in old_items}
        out = []
        for it in (i for i in self.c.items if i.lane == lane):
            base = new_by.get(it.new or "") or old_by.get(it.old or "") or Text(it.new or it.old or "")
            note = self._was(it) or base.note
            out.append(Text(_PREFIX[it.status] + base.text, base.source, note))
        return tuple(out)

    def touchpoints(self) -> tuple[TouchpointItem, ...]:
        new_by = {tp.label: tp for tp in self.new.touchpoints}
        old_by = {tp.label: tp for tp in self.old.touchpoints}
        out = []
        for it in (i for i in self.c.items if i.lane == "touchpoints"):
            tp = new_by.get(it.new or "") or old_by[it.old or ""]
            out.append(TouchpointItem(_PREFIX[it.status] + tp.label, tp.channel, tp.source, self._was(it) or tp.note))
        return tuple(out)

    def metrics(self) -> tuple[MetricItem, ...]:
        new_by = {m.name: m for m in self.new.metrics}
        old_by = {m.name: m for m in self.old.metrics}
        out = []
        for md in self.c.metrics:
            m = new_by.get(md.name) or old_by[md.name]
            value = f"{md.old} \u2192 {md.new}" if md.status == "changed" else m.value
            out.append(replace(m, name=_PREFIX[md.status] + m.name, value=value))
        return tuple(out)

    def emotion(self) -> EmotionPoint | None:
        e = self.new.emotion
        if e is None:
            return None
        d = self.c.delta
        if d is None:
            return e
        return replace(e, label=f"{e.label} ({signed(d)})" if e.label else signed(d))

    def content(self, custom_ids: tuple[str, ...]) -> Content:
        lanes = {lane: self.texts(lane, getattr(self.old, lane), getattr(self.new, lane))
                 for lane in ("actions", "thoughts", "pains", "opportunities", "owners")}
        old_custom, new_custom = dict(self.old.custom), dict(self.new.custom)
        custom = tuple((lid, self.texts(lid, old_custom.get(lid, ()), new_custom.get(lid, ()))) for lid in custom_ids)
        return Content(touchpoints=self.touchpoints(), emotion=self.emotion(), metrics=self.metrics(),
                       custom=tuple((lid, items) for lid, items in custom if items), **lanes)


def _lanes(diff: JourneyDiff) -> tuple[LaneDef, ...]:
    lanes = list(diff.future.lanes)
    have = {ln.id for ln in lanes}
    lanes += [ln for ln in diff.current.lanes if ln.id not in have]
    return tuple(lanes)


def merged_journey(diff: JourneyDiff) -> Journey:
    """The future map with every change marked in its content (see the module docstring)."""
    fut, cur = diff.future, diff.current
    custom_ids = tuple(ln.id for ln in _lanes(diff) if ln.kind == "text")
    # each column's stage: (stage id, StageDef it comes from, whether that stage is gone from the future map)
    new_stage_ids = {s.id for s in fut.stages}
    old_stage_ids = {s.id for s in cur.stages}
    keyed: list[tuple[str, StageDef, bool, ColumnDiff]] = []
    for c in diff.columns:
        src = c.new if c.new is not None else c.old
        journey = fut if c.new is not None else cur
        sd = journey.stages[src.stage]  # type: ignore[union-attr]
        keyed.append((sd.id, sd, sd.id not in new_stage_ids, c))
    order = list(dict.fromkeys(k[0] for k in keyed))
    columns: list[Column] = []
    stages: list[StageDef] = []
    phase_of: list[int | None] = []
    for si, sid in enumerate(order):
        group = [k for k in keyed if k[0] == sid]
        _, sd, removed, _ = group[0]
        first = len(columns)
        for _, _, _, c in group:
            src = c.new if c.new is not None else c.old
            name = (_PREFIX[c.status] if src.is_step else "") + c.name  # type: ignore[union-attr]
            columns.append(Column(c.id, name, si, src.is_step, src.description,  # type: ignore[union-attr]
                                  _Cell(c, fut.locale).content(custom_ids)))
        mark = REMOVED if removed else (ADDED if sid not in old_stage_ids else "")
        phase = None if removed else sd.phase
        if removed and fut.phases:
            phase = phase_of[-1] if phase_of else 0
        phase_of.append(phase)
        stages.append(StageDef(sd.id, mark + sd.name, sd.description, None, first, len(columns) - first, phase))
    phases = []
    for k, ph in enumerate(fut.phases):
        members = [i for i, p in enumerate(phase_of) if p == k]
        phases.append(PhaseDef(ph.id, ph.name, members[0] if members else len(stages), len(members)))
    legend = t(fut.locale, "compare.legend").format(current=cur.title)
    return replace(fut, columns=tuple(columns), stages=tuple(stages), phases=tuple(phases), lanes=_lanes(diff),
                   scenario=legend, personas=tuple(replace(p, photo=None) for p in fut.personas), base_dir=None)


def before_journey(merged: Journey, diff: JourneyDiff) -> Journey:
    """``merged`` with the current map's scores (None where a column is new): its curve is the faint one.

    Labels stay those of ``merged`` so that both lay out on the same grid.
    """
    old = {c.id: c.emotion_old for c in diff.columns}
    cols = []
    for col in merged.columns:
        e, score = col.content.emotion, old.get(col.id)
        point = None if score is None else EmotionPoint(score, e.label if e else None, e.n if e else None)
        cols.append(replace(col, content=replace(col.content, emotion=point)))
    return replace(merged, columns=tuple(cols))
