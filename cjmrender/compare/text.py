"""A plain-text summary of a comparison, for code review: what changed, stage by stage.

Markers are characters, never colour: ``+`` added, ``-`` removed, ``~``
changed (with a word diff: ``[-old words-]{+new words+}``).
"""

from __future__ import annotations

from .diff import ColumnDiff, JourneyDiff, num, signed, word_diff

_MARK = {"added": "+", "removed": "-", "changed": "~", "same": " "}


def _where(c: ColumnDiff) -> str:
    return f'step "{c.name}" of stage "{c.stage}"' if (c.new or c.old).is_step else f'stage "{c.name}"'  # type: ignore[union-attr]


def _column(c: ColumnDiff) -> list[str]:
    head = {"added": "+ ", "removed": "- "}.get(c.status, "  ")
    lines = [f"{head}{_where(c)}" + {"added": " (added)", "removed": " (removed)"}.get(c.status, "")]
    if c.delta is not None:
        lines.append(f"    emotion {num(c.emotion_old)} -> {num(c.emotion_new)} ({signed(c.delta)})")  # type: ignore[arg-type]
    elif c.emotion_new is not None and c.status == "same":
        lines.append(f"    emotion (none) -> {num(c.emotion_new)}")
    elif c.emotion_old is not None and c.status == "same":
        lines.append(f"    emotion {num(c.emotion_old)} -> (none)")
    for it in c.items:
        if it.status == "same":
            continue
        text = word_diff(it.old or "", it.new or "") if it.status == "changed" else (it.new or it.old)
        lines.append(f"    {_MARK[it.status]} {it.lane}: {text}")
    for m in c.metrics:
        if m.status == "same":
            continue
        value = {"added": f"{m.new}", "removed": f"{m.old}"}.get(m.status, f"{m.old} -> {m.new}")
        lines.append(f"    {_MARK[m.status]} metric {m.name}: {value}")
    return lines


def summary_text(diff: JourneyDiff) -> str:
    cols = diff.columns
    counts = {s: sum(1 for c in cols for i in c.items if i.status == s) for s in ("added", "removed", "changed")}
    metrics = sum(1 for c in cols for m in c.metrics if m.status != "same")
    out = [f"compare {diff.current.source_name} -> {diff.future.source_name}",
           f"stages: {len(diff.future.stages)} in the future map"
           + (f"; added: {', '.join(diff.stages_added)}" if diff.stages_added else "")
           + (f"; removed: {', '.join(diff.stages_removed)}" if diff.stages_removed else ""),
           f"items: {counts['added']} added, {counts['removed']} removed, {counts['changed']} changed; "
           f"metrics: {metrics} changed", ""]
    changed = [c for c in cols if c.changed]
    for c in changed:
        out += _column(c)
    if not changed:
        out.append("no differences")
    return "\n".join(out) + "\n"
