"""Cut a journey into runs of whole stages, for slides and pages that cannot hold the whole map.

Splitting happens in the model, before layout: a run of stages is a journey
of its own (same lanes, scale and phases clipped to the run), so every part
is laid out by the same engine with its lane labels, stage headers and
emotion scale, and no card is ever cut.
"""

from __future__ import annotations

from collections.abc import Callable

import msgspec

from ..spec.journey import Journey


def stage_run(journey: Journey, first: int, count: int, *, keep_header: bool = False) -> Journey:
    """The journey restricted to stages ``first .. first + count - 1``.

    Without ``keep_header`` the part drops the goal and sources (the first
    page or the overview carries them, and the persona cards: lay it out with
    ``Options(persona_cards=False)``) and names its stages in the title.  The
    personas stay: they name the per-persona emotion curves.
    """
    if not journey.stages[first:first + count]:
        raise ValueError("empty stage run")
    return column_run(journey, *stage_columns(journey, first, count), keep_header=keep_header)


def stage_columns(journey: Journey, first: int, count: int) -> tuple[int, int]:
    """The columns of stages ``first .. first + count - 1``: (first column, end column)."""
    last = journey.stages[first + count - 1]
    return journey.stages[first].first, last.first + last.count


def column_run(journey: Journey, col0: int, col1: int, *, keep_header: bool = False) -> Journey:
    """The journey restricted to columns ``col0 .. col1 - 1``.

    Stages are clipped to the run: a stage cut between its steps keeps its
    name (and header) on both parts.  Phases are clipped to the stages the
    run shows.  ``keep_header`` as for :func:`stage_run`.
    """
    if not 0 <= col0 < col1 <= len(journey.columns):
        raise ValueError("empty column run")
    first = journey.columns[col0].stage
    last = journey.columns[col1 - 1].stage
    count = last - first + 1
    columns = tuple(msgspec.structs.replace(c, stage=c.stage - first) for c in journey.columns[col0:col1])
    new_stages = tuple(msgspec.structs.replace(s, first=max(s.first, col0) - col0, phase=None,
                                               count=min(s.first + s.count, col1) - max(s.first, col0))
                       for s in journey.stages[first:last + 1])
    phases = []
    for p in journey.phases:
        lo, hi = max(p.first, first), min(p.first + p.count, first + count)
        if lo < hi:
            idx = len(phases)
            phases.append(msgspec.structs.replace(p, first=lo - first, count=hi - lo))
            new_stages = tuple(msgspec.structs.replace(s, phase=idx) if lo - first <= i < hi - first else s
                               for i, s in enumerate(new_stages))
    out = msgspec.structs.replace(journey, columns=columns, stages=new_stages, phases=tuple(phases))
    if keep_header:
        return out
    names = new_stages[0].name if count == 1 else f"{new_stages[0].name} – {new_stages[-1].name}"
    return msgspec.structs.replace(out, title=f"{journey.title}: {names}", goal=None, scenario=None, sources=())


def greedy_runs(n: int, fits: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """(first, count) runs covering ``n`` stages in order, each as long as ``fits(first, count)`` allows.

    A single stage always makes a run, even when it does not fit (nothing smaller exists).
    """
    runs = []
    first = 0
    while first < n:
        count = 1
        while first + count < n and fits(first, count + 1):
            count += 1
        runs.append((first, count))
        first += count
    return runs
