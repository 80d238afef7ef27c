"""Load a spec: YAML -> msgspec model -> semantic checks -> normalised :class:`Journey`.

Problems are collected, not raised one by one: unknown keys everywhere in one
pass, then the first type error msgspec finds, then every semantic problem
(duplicate ids, unknown lanes or channels, scores outside the scale, limits).
"""

from __future__ import annotations

import functools
import math
import os
import re
import unicodedata
from pathlib import Path
from typing import Any, Iterable

import msgspec

from ..channels import canonical_channel, suggest_channel
from ..errors import Problem, UserError
from ..i18n import t
from . import model as m
from .journey import (
    BUILTIN_LANES, Column, Content, EmotionPoint, Journey, LaneDef, MetricItem, PersonaDef,
    PhaseDef, Scale, StageDef, Text, TouchpointItem,
)
from .yamlnodes import Document, Path_, decode, parse

MAX_COLUMNS = 1000
"""Most columns (stages, or steps) in one map; 200 columns already make a 40 m wide poster."""
MAX_TEXT = 2_000
"""Longest single label, in characters."""
MAX_ITEMS = 100
"""Most items in one cell of one lane."""
MAX_WEIGHT = 20
"""Widest stage relative to a plain one (``width:``); keeps the canvas bounded."""

_LANE_ALIASES = {"backstage": "owners", "emotions": "emotion", "pain_points": "pains",
                 "painpoints": "pains", "kpis": "metrics", "kpi": "metrics", "channels": "touchpoints"}
_CELL_FIELDS = set(m.Cell.__struct_fields__) - {"custom"}


def load_spec(source: str | os.PathLike[str], *, name: str | None = None) -> Journey:
    """Load and validate a journey map from a path, or from YAML text.

    A ``str`` containing a newline, or any text when ``name`` is given, is
    parsed as YAML; otherwise ``source`` is a path.  Raises
    :class:`~cjmrender.errors.UserError` with located problems.
    """
    if isinstance(source, str) and (name is not None or "\n" in source):
        return load_text(source, name or "<string>")
    path = Path(source)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(Problem(str(path), 0, 0, f"cannot read: {exc.strerror or exc}")) from None
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
        problems = _unknown_keys(doc, data, _journey_info(), ())  # all of them, with did-you-mean hints
        raise UserError(problems or _locate_validation_error(doc, str(exc))) from None
    journey = _Normaliser(doc, spec, base_dir).run()
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
        moved = {k: col.pop(k) for k in list(col) if k in custom_ids and k not in _CELL_FIELDS}
        if not moved:
            continue
        col.setdefault("custom", {}).update(moved)  # Document.mark() maps (..., "custom", k) back to (..., k)


def _struct_of(info: Any, value: Any) -> Any:
    """The msgspec type to check ``value`` against, looking through unions and optionals."""
    if isinstance(info, msgspec.inspect.UnionType):
        for t_ in info.types:
            if isinstance(value, dict) and isinstance(t_, (msgspec.inspect.StructType, msgspec.inspect.DictType)):
                return t_
            if isinstance(value, list) and isinstance(t_, msgspec.inspect.ListType):
                return t_
        return None
    return info


def _close(word: str, options: Iterable[str]) -> str | None:
    """The closest option for a did-you-mean hint (difflib loads only when a hint is needed)."""
    import difflib

    found = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return found[0] if found else None


def _unknown_keys(doc: Document, value: Any, info: Any, path: Path_) -> list[Problem]:
    info = _struct_of(info, value)
    out: list[Problem] = []
    if isinstance(info, msgspec.inspect.StructType) and isinstance(value, dict):
        fields = {f.encode_name: f for f in info.fields}
        for key, sub in value.items():
            if not isinstance(key, str) or key not in fields:
                hint = ""
                if isinstance(key, str):
                    close = _close(key, [f for f in fields if f != "custom"])
                    if close:
                        hint = f"; did you mean '{close}'?"
                kind = info.cls.__name__.lower()
                out.append(doc.problem((*path, key), f"unknown key '{key}' in {kind}{hint}", key=True))
                continue
            out += _unknown_keys(doc, sub, fields[key].type, (*path, key))
    elif isinstance(info, msgspec.inspect.ListType) and isinstance(value, list):
        for i, sub in enumerate(value):
            out += _unknown_keys(doc, sub, info.item_type, (*path, i))
    elif isinstance(info, msgspec.inspect.DictType) and isinstance(value, dict):
        for key, sub in value.items():
            out += _unknown_keys(doc, sub, info.value_type, (*path, key))
    return out


_PATH_RE = re.compile(r"\.([A-Za-z_][\w-]*)|\[(\d+)\]|\[(?:'|\")?(.*?)(?:'|\")?\]")


def _locate_validation_error(doc: Document, message: str) -> Problem:
    text, _, where = message.partition(" - at `")
    path: list[str | int] = []
    for name, index, key in _PATH_RE.findall(where.rstrip("`")[1:]):
        if name:
            path.append(name)
        elif index:
            path.append(int(index))
        else:
            path.append(key)
    if text.startswith("Invalid enum value"):
        allowed = _literal_values(tuple(path))
        if allowed:
            text = f"{text.replace('Invalid enum value', 'invalid value')}; expected one of {', '.join(allowed)}"
    text = text.replace("Expected `", "expected `").replace("Object missing required field", "missing required key")
    text = text.replace("Expected", "expected")
    if path:
        text = f"{text} (at {_dotted(path)})"
    return doc.problem(tuple(path), text)


def _literal_values(path: Path_) -> tuple[str, ...]:
    """Allowed values of the Literal field at ``path`` (for enum error messages)."""
    info: Any = msgspec.inspect.type_info(m.Journey)
    for part in path:
        if isinstance(info, msgspec.inspect.UnionType):
            info = next((t_ for t_ in info.types if not isinstance(t_, msgspec.inspect.NoneType)), info)
        if isinstance(part, int) and isinstance(info, msgspec.inspect.ListType):
            info = info.item_type
        elif isinstance(info, msgspec.inspect.StructType):
            info = next((f.type for f in info.fields if f.encode_name == part), None)
        else:
            return ()
    if isinstance(info, msgspec.inspect.UnionType):
        info = next((t_ for t_ in info.types if isinstance(t_, msgspec.inspect.LiteralType)), info)
    return tuple(str(v) for v in info.values) if isinstance(info, msgspec.inspect.LiteralType) else ()


def _dotted(path: Iterable[str | int]) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


# --------------------------------------------------------------------------- ids

def slug(text: str) -> str:
    """A stable ASCII id from a name: ``Nhận biết`` -> ``nhan-biet``."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:48]


def _lane_kind(name: str) -> str | None:
    n = name.strip().lower().replace("-", "_").replace(" ", "_")
    n = _LANE_ALIASES.get(n, n)
    return n if n in BUILTIN_LANES else None


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


_NUMBER_RE = re.compile(r"[-+]?\d[\d,.\s]*")


def _as_number(v: Any) -> tuple[float, str] | None:
    """(number, unit) inside metric values such as ``0.8%``, ``1,5 triệu``, ``15 phút``; None when absent."""
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v), ""
    text = str(v)
    match = _NUMBER_RE.search(text)
    if not match:
        return None
    digits = match.group(0).replace(" ", "").rstrip(".,")
    if "," in digits and "." not in digits and digits.count(",") == 1 and len(digits.split(",")[1]) != 3:
        digits = digits.replace(",", ".")  # decimal comma: 1,5%
    digits = digits.replace(",", "")
    unit = (text[: match.start()] + text[match.end():]).strip().casefold()
    try:
        return float(digits), unit
    except ValueError:
        return None


def _below(value: Any, benchmark: Any, higher_is_better: bool) -> bool | None:
    """Whether a metric misses its benchmark; None when they cannot be compared (no number, other units)."""
    v, b = _as_number(value), _as_number(benchmark)
    if v is None or b is None or v[1] != b[1]:
        return None
    return v[0] < b[0] if higher_is_better else v[0] > b[0]


# --------------------------------------------------------------------------- normalisation

class _Normaliser:
    def __init__(self, doc: Document, spec: m.Journey, base_dir: str | None) -> None:
        self.doc = doc
        self.spec = spec
        self.base_dir = base_dir
        self.problems: list[Problem] = []
        self._next: dict[str, int] = {}
        self._persona_refs: list[tuple[Path_, str]] = []

    def fail(self, path: Path_, message: str, key: bool = False) -> None:
        self.problems.append(self.doc.problem(path, message, key=key))

    def run(self) -> Journey:
        s = self.spec
        self._check_strings(self.doc.data, ())
        scale = self._scale()
        lanes = self._lanes()
        stages_raw = self._stage_list()
        columns, stages, phases = self._columns(stages_raw, scale, {ln.id for ln in lanes if ln.kind == "text"})
        personas = self._personas()
        self._check_persona_refs(personas)
        if not self.problems and not lanes:
            lanes = self._default_lanes(columns)
        if self.problems:
            raise UserError(self.problems)
        return Journey(
            title=s.title, goal=s.goal, scenario=s.scenario, locale=s.locale, state=s.state,
            author=s.author, date=s.date, version=None if s.version is None else str(s.version),
            theme=s.theme, layout=s.layout, sources=tuple(s.sources), columns=tuple(columns), stages=tuple(stages),
            phases=tuple(phases), lanes=tuple(lanes), scale=scale, personas=tuple(personas),
            source_name=self.doc.name, base_dir=self.base_dir,
        )

    # -- generic checks
    def _check_strings(self, value: Any, path: Path_) -> None:
        if isinstance(value, str):
            if len(value) > MAX_TEXT:
                self.fail(path, f"text is {len(value):,} characters long; the limit is {MAX_TEXT:,}")
            elif any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in value):
                self.fail(path, "text contains control characters")
        elif isinstance(value, float) and not math.isfinite(value):
            self.fail(path, f"number must be finite, got {value}")
        elif isinstance(value, dict):
            for k, v in value.items():
                self._check_strings(v, (*path, k))
        elif isinstance(value, list):
            if len(value) > MAX_ITEMS and path and path[-1] not in ("stages", "steps"):
                self.fail(path, f"{len(value):,} items; the limit is {MAX_ITEMS}")
            for i, v in enumerate(value):
                self._check_strings(v, (*path, i))

    # -- scale
    def _scale(self) -> Scale:
        sc = self.spec.emotion_scale
        if not sc.min < sc.max:
            self.fail(("emotion_scale",), f"emotion_scale.min ({_num(sc.min)}) must be below max ({_num(sc.max)})")
            return Scale(1, 5)
        for level in sc.labels:
            if not sc.min <= level <= sc.max:
                self.fail(("emotion_scale", "labels", level), f"label level {_num(level)} is outside the scale "
                          f"{_num(sc.min)}..{_num(sc.max)}", key=True)
        return Scale(float(sc.min), float(sc.max), tuple(sorted((float(k), v) for k, v in sc.labels.items())))

    # -- lanes
    def _lanes(self) -> list[LaneDef]:
        out: list[LaneDef] = []
        seen: dict[str, int] = {}
        loc = self.spec.locale
        for i, lane in enumerate(self.spec.lanes):
            path = ("lanes", i)
            if isinstance(lane, str):
                kind = _lane_kind(lane)
                if kind is None:
                    names = list(BUILTIN_LANES) + list(_LANE_ALIASES)
                    close = _close(lane.lower(), names)
                    hint = f"did you mean '{close}'? " if close else ""
                    self.fail(path, f"unknown lane '{lane}'; {hint}built-in lanes are {', '.join(BUILTIN_LANES)}; "
                              "a custom lane is written {id: ..., title: ...}")
                    continue
                ld = LaneDef(kind, kind, t(loc, f"lane.{kind}"))
            else:
                # {id: X} is built-in only when X is exactly a built-in kind; anything else is a custom lane
                kind = lane.kind or (lane.id if lane.id in BUILTIN_LANES else "text")
                lid = lane.id
                if kind == "text" and not re.fullmatch(r"[A-Za-z_][\w-]*", lane.id):
                    self.fail((*path, "id"), f"lane id '{lane.id}' must start with a letter and use letters, "
                              "digits, '-' or '_'")
                if kind == "text" and lane.id in _CELL_FIELDS | {"name", "id", "steps", "description", "image"}:
                    self.fail((*path, "id"), f"lane id '{lane.id}' is a reserved word; choose another")
                title = lane.title or (t(loc, f"lane.{kind}") if kind != "text" else lane.id.replace("_", " ").capitalize())
                ld = LaneDef(lid, kind, title)
            if ld.id in seen:
                self.fail(path, f"lane '{ld.id}' is listed twice (first as item {seen[ld.id] + 1})")
                continue
            seen[ld.id] = i
            out.append(ld)
        return out

    def _default_lanes(self, columns: list[Column]) -> list[LaneDef]:
        loc = self.spec.locale
        used = [k for k in BUILTIN_LANES if any(c.content.items(LaneDef(k, k, "")) for c in columns)]
        return [LaneDef(k, k, t(loc, f"lane.{k}")) for k in used]

    # -- stages and columns
    def _stage_list(self) -> list[tuple[Path_, m.Stage, int | None]]:
        s = self.spec
        if s.stages and s.phases:
            self.fail(("phases",), "use either top-level 'stages' or 'phases' (each with its stages), not both", key=True)
        if not s.stages and not s.phases:
            self.fail((), "a journey map needs 'stages' (or 'phases' with stages)")
        out: list[tuple[Path_, m.Stage, int | None]] = []
        for i, st in enumerate(s.stages):
            out.append((("stages", i), st, None))
        count = sum(max(1, len(st.steps)) for st in s.stages) + sum(
            max(1, len(st.steps)) for ph in s.phases for st in ph.stages)
        if count > MAX_COLUMNS:  # stop before the per-column work
            self.fail(("stages",) if s.stages else ("phases",), f"{count:,} columns; the limit is {MAX_COLUMNS}",
                      key=True)
            raise UserError(self.problems)
        for k, ph in enumerate(s.phases):
            if not ph.stages:
                self.fail(("phases", k, "stages"), f"phase '{ph.name}' has no stages")
            for i, st in enumerate(ph.stages):
                out.append((("phases", k, "stages", i), st, k))
        return out

    def _id(self, given: str | None, name: str, path: Path_, prefix: str, seen: dict[str, Path_]) -> str:
        if given is not None:
            if not re.fullmatch(r"[A-Za-z0-9][\w-]*", given):
                self.fail((*path, "id"), f"id '{given}' must use letters, digits, '-' or '_'")
            if given in seen:
                line = self.doc.mark(seen[given]).line
                self.fail((*path, "id"), f"duplicate id '{given}' (first used on line {line})")
            seen[given] = (*path, "id")
            return given
        base = slug(name) or prefix
        ident, n = base, self._next.get(base, 2)
        while ident in seen:
            ident, n = f"{base}-{n}", n + 1
        self._next[base] = n
        seen[ident] = path
        return ident

    def _columns(self, stages_raw: list[tuple[Path_, m.Stage, int | None]], scale: Scale,
                 custom_ids: set[str]) -> tuple[list[Column], list[StageDef], list[PhaseDef]]:
        columns: list[Column] = []
        stages: list[StageDef] = []
        ids: dict[str, Path_] = {}
        for si, (path, st, phase) in enumerate(stages_raw):
            sid = self._id(st.id, st.name, path, f"stage-{si + 1}", ids)
            first = len(columns)
            if st.steps:
                if any(getattr(st, f) not in (None, [], {}) for f in _CELL_FIELDS | {"custom"}):
                    stray = next(f for f in sorted(_CELL_FIELDS | {"custom"}) if getattr(st, f) not in (None, [], {}))
                    self.fail((*path, stray), f"stage '{st.name}' has steps, so its '{stray}' belong inside "
                              "its steps", key=True)
                for j, sp in enumerate(st.steps):
                    p = (*path, "steps", j)
                    cid = self._id(sp.id, sp.name, p, f"{sid}-{j + 1}", ids)
                    columns.append(Column(cid, sp.name, si, True, sp.description, self._content(sp, p, scale, custom_ids)))
            else:
                columns.append(Column(sid, st.name, si, False, st.description, self._content(st, path, scale, custom_ids)))
            if st.image is not None:
                self._check_local_file(st.image, (*path, "image"))
            weight = 1.0 if st.width is None else float(st.width)
            if not (math.isfinite(weight) and 0 < weight <= MAX_WEIGHT):
                self.fail((*path, "width"), f"width is a relative weight above 0 and at most {MAX_WEIGHT} "
                          f"(2 = twice as wide as a plain stage), got {_num(weight)}")
                weight = 1.0
            stages.append(StageDef(sid, st.name, st.description, st.image, first, len(columns) - first, phase,
                                   weight))
        phases: list[PhaseDef] = []
        pids: dict[str, Path_] = {}
        for k, ph in enumerate(self.spec.phases):
            first = next((i for i, sd in enumerate(stages) if sd.phase == k), len(stages))
            pid = self._id(ph.id, ph.name, ("phases", k), f"phase-{k + 1}", pids)
            phases.append(PhaseDef(pid, ph.name, first, len(ph.stages)))
        return columns, stages, phases

    def _texts(self, items: list[m.Item]) -> tuple[Text, ...]:
        return tuple(Text(i) if isinstance(i, str) else Text(i.text, i.source, i.note) for i in items)

    def _content(self, cell: m.Cell, path: Path_, scale: Scale, custom_ids: set[str]) -> Content:
        tps: list[TouchpointItem] = []
        for i, tp in enumerate(cell.touchpoints):
            if isinstance(tp, str):
                tps.append(TouchpointItem(tp, canonical_channel(tp) or "other"))
                continue
            ch = canonical_channel(tp.channel)
            if ch is None:
                hint = suggest_channel(tp.channel)
                self.fail((*path, "touchpoints", i, "channel"), f"unknown channel '{tp.channel}'"
                          + (f"; did you mean '{hint}'?" if hint else "; use 'other' for anything else"))
                ch = "other"
            tps.append(TouchpointItem(tp.label, ch, tp.source, tp.note))
        emo = None if cell.emotion is None else self._emotion(cell.emotion, (*path, "emotion"), scale)
        emotions = tuple((pid, self._emotion(e, (*path, "emotions", pid), scale)) for pid, e in cell.emotions.items())
        if emotions:
            if emo is not None:
                self.fail((*path, "emotions"), "give either 'emotion' (one curve) or 'emotions' (one per persona), "
                          "not both", key=True)
            self._persona_refs.extend(((*path, "emotions", pid), pid) for pid, _ in emotions)
        metrics = []
        for mt in cell.metrics:
            value = mt.value if isinstance(mt.value, str) else _num(mt.value)
            bench = None if mt.benchmark is None else (mt.benchmark if isinstance(mt.benchmark, str) else _num(mt.benchmark))
            below = None if mt.benchmark is None else _below(mt.value, mt.benchmark, mt.higher_is_better)
            target = None if mt.target is None else (mt.target if isinstance(mt.target, str) else _num(mt.target))
            metrics.append(MetricItem(mt.name, value, bench, below, mt.source, target))
        for lid in cell.custom:
            if lid not in custom_ids:  # pragma: no cover - only custom ids are moved here
                self.fail((*path, "custom", lid), f"unknown lane '{lid}'", key=True)
        custom = tuple((lid, self._texts(items)) for lid, items in cell.custom.items())
        return Content(
            touchpoints=tuple(tps), actions=self._texts(cell.actions), thoughts=self._texts(cell.thoughts),
            emotion=emo, emotions=emotions, pains=self._texts(cell.pains), opportunities=self._texts(cell.opportunities),
            owners=self._texts(cell.owners), metrics=tuple(metrics), custom=custom,
        )

    def _emotion(self, e: m.Emotion | float | int, ep: Path_, scale: Scale) -> EmotionPoint:
        point = EmotionPoint(float(e)) if isinstance(e, (int, float)) else EmotionPoint(
            float(e.score), e.label, e.n, None if e.spread is None else float(e.spread), e.source)
        sp = ep if isinstance(e, (int, float)) else (*ep, "score")
        if math.isfinite(point.score) and not scale.min <= point.score <= scale.max:
            self.fail(sp, f"emotion score {_num(point.score)} is outside the scale "
                      f"{_num(scale.min)}..{_num(scale.max)} (set emotion_scale to change it)")
        if point.spread is not None and point.spread < 0:
            self.fail((*ep, "spread"), "spread must not be negative")
        if point.n is not None and point.n < 1:
            self.fail((*ep, "n"), "n (number of respondents) must be at least 1")
        return point

    def _check_persona_refs(self, personas: list[PersonaDef]) -> None:
        """Every key of ``emotions`` names a persona of the map."""
        ids = [p.id for p in personas]
        for path, pid in self._persona_refs:
            if pid not in ids:
                close = _close(pid, ids)
                known = f"; personas are {', '.join(ids)}" if ids else "; the map has no personas"
                self.fail(path, f"no persona with id '{pid}'" + (f"; did you mean '{close}'?" if close else known),
                          key=True)

    # -- personas and files
    def _check_local_file(self, ref: str, path: Path_) -> None:
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", ref) or ref.startswith("//"):
            self.fail(path, f"'{ref}' is a URL; images must be local files next to the map")
            return
        if os.path.isabs(ref):
            self.fail(path, f"'{ref}' is an absolute path; use a path relative to the map's folder")
            return
        if self.base_dir is None:
            return
        base = Path(self.base_dir).resolve()
        target = (base / ref).resolve()
        if base != target and base not in target.parents:
            self.fail(path, f"'{ref}' is outside the map's folder")
        elif not target.is_file():
            self.fail(path, f"image '{ref}' not found")

    def _personas(self) -> list[PersonaDef]:
        s = self.spec
        items = [(("persona",), s.persona)] if s.persona else []
        items += [(("personas", i), p) for i, p in enumerate(s.personas)]
        out: list[PersonaDef] = []
        ids: dict[str, Path_] = {}
        for path, p in items:
            pid = self._id(p.id, p.name, path, "persona", ids)
            facts = tuple((k, str(getattr(p, k))) for k in ("role", "age", "gender", "location", "job",
                                                             "education", "income") if getattr(p, k) is not None)
            if p.photo is not None:
                self._check_local_file(p.photo, (*path, "photo"))
            out.append(PersonaDef(pid, p.name, facts, tuple(p.goals), tuple(p.pains), tuple(p.behaviors),
                                  tuple(p.interests), p.quote, p.description, p.photo))
        return out
