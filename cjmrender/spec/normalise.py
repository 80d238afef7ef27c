"""Checked spec model -> normalised :class:`Journey`: ids, lanes, columns, limits, files.

Every semantic problem is collected (duplicate ids, unknown lanes or
channels, scores outside the scale, limits) and reported together.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from ..channels import canonical_channel, suggest_channel
from ..errors import Problem, UserError
from ..i18n import t
from ..resources import builtin_themes, is_theme_file
from . import model as m
from .journey import (
    BUILTIN_LANES, Column, Content, EmotionPoint, Journey, LaneDef, MetricItem, PersonaDef,
    PhaseDef, Scale, StageDef, Text, TouchpointItem,
)
from .metrics import below
from .validate import close
from .yamlnodes import Document, Path_

MAX_COLUMNS = 1000
"""Most columns (stages, or steps) in one map; 200 columns already make a 40 m wide poster."""
MAX_TEXT = 2_000
"""Longest single label, in characters."""
MAX_ITEMS = 100
"""Most items in one cell of one lane."""
MAX_WEIGHT = 20
MIN_WEIGHT = 0.1
"""Narrowest stage relative to a plain one: a weight near zero would divide the canvas by nothing."""
"""Widest stage relative to a plain one (``width:``); keeps the canvas bounded."""

_LANE_ALIASES = {"backstage": "owners", "emotions": "emotion", "pain_points": "pains",
                 "painpoints": "pains", "kpis": "metrics", "kpi": "metrics", "channels": "touchpoints"}
_FORBIDDEN = frozenset(chr(c) for c in range(32) if chr(c) not in "\n\t") | {"\x7f", "\ufffe", "\uffff"}
"""Characters XML 1.0 forbids (C0 controls but tab and newline, U+FFFE, U+FFFF) or that are invisible controls."""
CELL_FIELDS = set(m.Cell.__struct_fields__) - {"custom"}


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



# --------------------------------------------------------------------------- normalisation

class Normaliser:
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
        self._check_theme()
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
            else:
                bad = next((c for c in value if c in _FORBIDDEN or (c > "\x7f" and unicodedata.category(c) in ("Cc", "Cs"))),
                           None)
                if bad is not None:
                    kind = "control character" if unicodedata.category(bad) == "Cc" else "character"
                    self.fail(path, f"text contains the {kind} U+{ord(bad):04X}, which SVG and PDF cannot hold; "
                              "remove it")
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
                    near = close(lane.lower(), names)
                    hint = f"did you mean '{near}'? " if near else ""
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
                if kind == "text" and lane.id in CELL_FIELDS | {"name", "id", "steps", "description", "image"}:
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
                if any(getattr(st, f) not in (None, [], {}) for f in CELL_FIELDS | {"custom"}):
                    stray = next(f for f in sorted(CELL_FIELDS | {"custom"}) if getattr(st, f) not in (None, [], {}))
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
            if not (math.isfinite(weight) and MIN_WEIGHT <= weight <= MAX_WEIGHT):
                self.fail((*path, "width"), f"width is a relative weight from {MIN_WEIGHT} to {MAX_WEIGHT} "
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
            missed = None if mt.benchmark is None else below(mt.value, mt.benchmark, mt.higher_is_better)
            target = None if mt.target is None else (mt.target if isinstance(mt.target, str) else _num(mt.target))
            metrics.append(MetricItem(mt.name, value, bench, missed, mt.source, target))
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
                near = close(pid, ids)
                known = f"; personas are {', '.join(ids)}" if ids else "; the map has no personas"
                self.fail(path, f"no persona with id '{pid}'" + (f"; did you mean '{near}'?" if near else known),
                          key=True)

    # -- personas and files
    def _check_local_file(self, ref: str, path: Path_, what: str = "image") -> None:
        """``ref`` names a regular file inside the map's folder (symlinks resolved): nothing else is ever read."""
        if any(c in _FORBIDDEN or unicodedata.category(c) in ("Cc", "Cs") for c in ref):
            return  # reported with the other strings
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", ref) or ref.startswith("//"):
            self.fail(path, f"'{ref}' is a URL; {what}s must be local files next to the map")
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
            self.fail(path, f"{what} '{ref}' not found")

    def _check_theme(self) -> None:
        """A map's theme is a built-in name or a ``.yaml`` theme file inside the map's folder."""
        ref = self.spec.theme
        if ref is None:
            return
        if is_theme_file(ref):
            self._check_local_file(ref, ("theme",), "theme")
        elif ref not in builtin_themes():
            self.fail(("theme",), f"unknown theme '{ref}'; built-in themes are {', '.join(builtin_themes())}, "
                      "or name a .yaml theme file beside the map")

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
