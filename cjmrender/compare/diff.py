"""What changed between two journey maps: stages, items in each cell, emotion and metrics.

Columns (stages without steps, and steps) are matched by id; inside a cell,
items are matched by text first, then the leftovers pair up by similarity
(a changed item), and whatever is left was added or removed.  Everything
works on the loaded :class:`~cjmrender.spec.journey.Journey`, never on a
drawing.
"""

from __future__ import annotations

import difflib
from typing import Literal

import msgspec

from ..errors import Problem, UserError
from ..spec.journey import Column, Content, Journey

Status = Literal["same", "added", "removed", "changed"]

SIMILAR = 0.5
"""Two leftover items at least this similar (difflib ratio) are one changed item."""

LIST_LANES = ("touchpoints", "actions", "thoughts", "pains", "opportunities", "owners")


class ItemDiff(msgspec.Struct, frozen=True):
    lane: str
    status: Status
    old: str | None
    new: str | None


class MetricDiff(msgspec.Struct, frozen=True):
    name: str
    status: Status
    old: str | None  # the value in the current map
    new: str | None


class ColumnDiff(msgspec.Struct, frozen=True):
    id: str
    name: str
    stage: str  # the stage's name
    status: Literal["same", "added", "removed"]
    emotion_old: float | None
    emotion_new: float | None
    items: tuple[ItemDiff, ...]
    metrics: tuple[MetricDiff, ...]
    old: Column | None
    new: Column | None

    @property
    def delta(self) -> float | None:
        if self.emotion_old is None or self.emotion_new is None:
            return None
        return self.emotion_new - self.emotion_old

    @property
    def changed(self) -> bool:
        return (self.status != "same" or any(i.status != "same" for i in self.items)
                or any(m.status != "same" for m in self.metrics) or (self.delta or 0) != 0)


class JourneyDiff(msgspec.Struct, frozen=True):
    current: Journey
    future: Journey
    columns: tuple[ColumnDiff, ...]  # future's order, removed columns after their old predecessor
    stages_added: tuple[str, ...]  # stage names
    stages_removed: tuple[str, ...]


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def lane_texts(content: Content) -> dict[str, tuple[str, ...]]:
    """Item texts per lane (custom lanes by id); touchpoints by label."""
    out = {"touchpoints": tuple(tp.label for tp in content.touchpoints)}
    for lane in LIST_LANES[1:]:
        out[lane] = tuple(x.text for x in getattr(content, lane))
    for lid, items in content.custom:
        out[lid] = tuple(x.text for x in items)
    return out


def match_items(lane: str, old: tuple[str, ...], new: tuple[str, ...]) -> list[ItemDiff]:
    """Same by text, then changed by similarity, then added / removed; in the new order, removed last."""
    left = list(old)
    status: list[ItemDiff | None] = [None] * len(new)
    for k, text in enumerate(new):
        hit = next((j for j, o in enumerate(left) if _norm(o) == _norm(text)), None)
        if hit is not None:
            status[k] = ItemDiff(lane, "same", left.pop(hit), text)
    pairs = sorted(((difflib.SequenceMatcher(None, _norm(o), _norm(new[k])).ratio(), k, j)
                    for k in range(len(new)) if status[k] is None for j, o in enumerate(left)), reverse=True)
    used: set[int] = set()
    for ratio, k, j in pairs:
        if ratio < SIMILAR or status[k] is not None or j in used:
            continue
        status[k] = ItemDiff(lane, "changed", left[j], new[k])
        used.add(j)
    out = [s if s is not None else ItemDiff(lane, "added", None, new[k]) for k, s in enumerate(status)]
    out += [ItemDiff(lane, "removed", o, None) for j, o in enumerate(left) if j not in used]
    return out


def _metrics(old: Column | None, new: Column | None) -> list[MetricDiff]:
    before = {m.name: m.value for m in old.content.metrics} if old else {}
    after = {m.name: m.value for m in new.content.metrics} if new else {}
    out = [MetricDiff(name, "added" if name not in before else ("same" if before[name] == value else "changed"),
                      before.get(name), value) for name, value in after.items()]
    return out + [MetricDiff(name, "removed", value, None) for name, value in before.items() if name not in after]


def _column(old: Column | None, new: Column | None, stage: str) -> ColumnDiff:
    a = lane_texts(old.content) if old else {}
    b = lane_texts(new.content) if new else {}
    items: list[ItemDiff] = []
    for lane in dict.fromkeys([*b, *a]):
        items += match_items(lane, a.get(lane, ()), b.get(lane, ()))
    col = new or old
    assert col is not None
    eo = old.content.emotion.score if old and old.content.emotion else None
    en = new.content.emotion.score if new and new.content.emotion else None
    state = "same" if old and new else ("added" if new else "removed")
    return ColumnDiff(col.id, col.name, stage, state, eo, en, tuple(items), tuple(_metrics(old, new)), old, new)


def check_comparable(current: Journey, future: Journey) -> None:
    """Maps on different scales or about different personas cannot be compared: say so, both places."""
    problems: list[Problem] = []
    a, b = current.scale, future.scale
    if (a.min, a.max) != (b.min, b.max):
        problems.append(Problem(future.source_name, 0, 0, f"emotion scale {num(b.min)}..{num(b.max)} differs from "
                                f"{current.source_name}'s {num(a.min)}..{num(a.max)}; compare maps on the same scale"))
    pa, pb = [p.name for p in current.personas], [p.name for p in future.personas]
    if pa and pb and sorted(map(_norm, pa)) != sorted(map(_norm, pb)):
        problems.append(Problem(future.source_name, 0, 0, f"personas {', '.join(pb)} differ from "
                                f"{current.source_name}'s {', '.join(pa)}; a comparison needs the same personas"))
    if problems:
        raise UserError(problems)


def num(x: float) -> str:
    """``3``, ``1.5``: a score as people write it."""
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def signed(d: float) -> str:
    """An emotion change: ``+1.5``, ``-2``, ``±0``."""
    return "±0" if d == 0 else f"{d:+g}"


def diff_journeys(current: Journey, future: Journey) -> JourneyDiff:
    check_comparable(current, future)
    old_cols = {c.id: c for c in current.columns}
    new_ids = {c.id for c in future.columns}
    # removed columns go right after the nearest column before them that both maps have
    after: dict[str | None, list[Column]] = {}
    anchor: str | None = None
    for c in current.columns:
        if c.id in new_ids:
            anchor = c.id
        else:
            after.setdefault(anchor, []).append(c)
    out: list[ColumnDiff] = [_column(c, None, current.stages[c.stage].name) for c in after.get(None, [])]
    for c in future.columns:
        out.append(_column(old_cols.get(c.id), c, future.stages[c.stage].name))
        out += [_column(r, None, current.stages[r.stage].name) for r in after.get(c.id, [])]
    old_stages = {s.id for s in current.stages}
    new_stages = {s.id for s in future.stages}
    return JourneyDiff(current, future, tuple(out),
                       tuple(s.name for s in future.stages if s.id not in old_stages),
                       tuple(s.name for s in current.stages if s.id not in new_stages))


def word_diff(old: str, new: str) -> str:
    """``Chat answers take [-more than ten-]{+under two+} minutes``: words removed and added, in place."""
    a, b = old.split(), new.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out += a[i1:i2]
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)
