"""Load a spec: YAML -> msgspec model -> semantic checks -> normalised :class:`Journey`.

Problems are collected, not raised one by one: unknown keys everywhere in one
pass, then the first type error msgspec finds, then every semantic problem
(duplicate ids, unknown lanes or channels, scores outside the scale, limits).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any, Iterable

import msgspec

from ..errors import UserError
from ..safeio import read_capped
from . import model as m
from .journey import BUILTIN_LANES, Journey
from .normalise import CELL_FIELDS, MAX_COLUMNS, MAX_ITEMS, MAX_TEXT, Normaliser, slug
from .validate import explain, unknown_keys
from .yamlnodes import MAX_BYTES, Document, decode, parse

__all__ = ["MAX_COLUMNS", "MAX_ITEMS", "MAX_TEXT", "load_bytes", "load_document", "load_spec", "load_text", "slug"]


def load_spec(source: str | os.PathLike[str], *, name: str | None = None) -> Journey:
    """Load and validate a journey map from a path, or from YAML text.

    A ``str`` containing a newline, or any text when ``name`` is given, is
    parsed as YAML; otherwise ``source`` is a path.  Raises
    :class:`~cjmrender.errors.UserError` with located problems.
    """
    if isinstance(source, str) and (name is not None or "\n" in source):
        return load_text(source, name or "<string>")
    path = Path(source)
    raw = read_capped(path, MAX_BYTES)
    return load_bytes(raw, str(path), base_dir=str(path.resolve().parent))


def load_bytes(raw: bytes, name: str, base_dir: str | None = None) -> Journey:
    return load_text(decode(raw, name), name, base_dir=base_dir)


def load_text(text: str, name: str, base_dir: str | None = None) -> Journey:
    return load_document(parse(text, name), base_dir)


@functools.lru_cache(maxsize=1)
def _journey_info() -> Any:
    return msgspec.inspect.type_info(m.Journey)  # ~10 ms: once per process, not once per map


def load_document(doc: Document, base_dir: str | None = None) -> Journey:
    """Load a parsed document; callers that need the YAML marks afterwards (lint) parse only once.

    Custom lane content in ``doc.data`` is moved under each column's ``custom`` key.
    """
    data = doc.data
    custom_ids = _custom_lane_ids(data.get("lanes"))
    _move_custom_keys(doc, custom_ids)
    try:  # every model forbids unknown keys, so a map that converts has none: the walk is for failures
        spec = msgspec.convert(data, m.Journey, strict=True)
    except msgspec.ValidationError as exc:
        problems = unknown_keys(doc, data, _journey_info())  # all of them, with did-you-mean hints
        if problems:
            raise UserError(problems) from None
        path, message = explain(exc, m.Journey)
        raise UserError(doc.problem(path, message)) from None
    journey = Normaliser(doc, spec, base_dir).run()
    if spec.evidence is not None:  # emotion from survey data, computed instead of typed
        from ..evidence import apply_survey

        journey = apply_survey(journey, spec.evidence.survey, doc.problem(("evidence", "survey"), ""))
    return journey


# --------------------------------------------------------------------------- pre-passes

def _custom_lane_ids(lanes: Any) -> set[str]:
    ids: set[str] = set()
    if isinstance(lanes, list):
        for lane in lanes:
            if isinstance(lane, dict) and isinstance(lane.get("id"), str):
                kind = lane.get("kind")
                if kind == "text" or (kind is None and lane["id"] not in BUILTIN_LANES):
                    ids.add(lane["id"])
    return ids


def _columns_raw(data: dict[str, Any]) -> Iterable[dict[str, Any]]:
    """Every stage and step mapping (phases included), as parsed."""
    def stages(items: Any) -> Iterable[dict[str, Any]]:
        for st in items if isinstance(items, list) else ():
            if isinstance(st, dict):
                yield st
                steps = st.get("steps")
                yield from (sp for sp in (steps if isinstance(steps, list) else ()) if isinstance(sp, dict))

    yield from stages(data.get("stages"))
    phases = data.get("phases")
    for ph in phases if isinstance(phases, list) else ():
        if isinstance(ph, dict):
            yield from stages(ph.get("stages"))


def _move_custom_keys(doc: Document, custom_ids: set[str]) -> None:
    """Custom lane content is written as plain keys (``channels_team: [...]``); move it under ``custom``."""
    if not custom_ids:
        return
    for col in _columns_raw(doc.data):
        moved = {k: col.pop(k) for k in list(col) if k in custom_ids and k not in CELL_FIELDS}
        if not moved:
            continue
        col.setdefault("custom", {}).update(moved)  # Document.mark() maps (..., "custom", k) back to (..., k)
