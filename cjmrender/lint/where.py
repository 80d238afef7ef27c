"""Where things are in the YAML: the path of every stage and column of a loaded map.

The loader builds ``Journey.columns`` and ``Journey.stages`` in document
order (top-level ``stages``, or each phase's stages; a stage with steps gives
one column per step).  Walking the parsed data in the same order gives each
column its YAML path, and :class:`~cjmrender.spec.yamlnodes.Document` turns a
path into ``line:col``.
"""

from __future__ import annotations

from typing import Any

import msgspec

from ..spec.journey import Column, Journey
from ..spec.yamlnodes import Document, Mark, Path_


class Where(msgspec.Struct, frozen=True):
    """YAML paths for a loaded journey, index-aligned with its stages and columns."""

    doc: Document
    stages: tuple[Path_, ...]
    columns: tuple[Path_, ...]

    def at(self, path: Path_, *, key: bool = False) -> Mark:
        return self.doc.mark(path, key=key)

    def data(self, path: Path_) -> Any:
        """The parsed value at ``path`` (None when absent)."""
        node: Any = self.doc.data
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return None
        return node


def _stage_paths(data: dict[str, Any]) -> list[Path_]:
    stages = data.get("stages")
    if isinstance(stages, list) and stages:
        return [("stages", i) for i in range(len(stages))]
    out: list[Path_] = []
    phases = data.get("phases")
    for k, ph in enumerate(phases if isinstance(phases, list) else ()):
        sts = ph.get("stages") if isinstance(ph, dict) else None
        out += [("phases", k, "stages", i) for i in range(len(sts) if isinstance(sts, list) else 0)]
    return out


def locate(doc: Document, journey: Journey) -> Where:
    """Paths of the stages and columns of ``journey``, which was loaded from ``doc``."""
    stages = _stage_paths(doc.data)
    columns: list[Path_] = []
    for path in stages:
        st: Any = doc.data
        for part in path:
            st = st[part]
        steps = st.get("steps") if isinstance(st, dict) else None
        if isinstance(steps, list) and steps:
            columns += [(*path, "steps", j) for j in range(len(steps))]
        else:
            columns.append(path)
    if len(stages) != len(journey.stages) or len(columns) != len(journey.columns):  # pragma: no cover - a loader bug
        raise AssertionError("lint: stage/column paths do not match the loaded journey")
    return Where(doc, tuple(stages), tuple(columns))


def place(journey: Journey, col: Column) -> str:
    """``stage "Checkout"`` or ``step "Pay" of stage "Checkout"``, for messages."""
    stage = journey.stages[col.stage]
    if col.is_step:
        return f'step {quote(col.name)} of stage {quote(stage.name)}'
    return f"stage {quote(stage.name)}"


def quote(text: str, limit: int = 60) -> str:
    """Text in double quotes, on one line, shortened with an ellipsis past ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return f'"{flat}"'
