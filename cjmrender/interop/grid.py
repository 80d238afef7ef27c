"""The journey-map grid of spreadsheet templates <-> map data.

The grid, as Excel and Google Sheets journey-map templates lay it out::

    Title        | Buying running shoes online            <- optional rows above the grid:
    Persona      | Lan Nguyen        | Minh                  map facts, then a persona block
    Age          | 28                | 35                    (one column per persona)
    Phase        | Pre-purchase      |        | Purchase   <- optional phase row
    Stage        | Awareness         | Research | Choose   <- the stage names (first grid row)
    Step         |                   |          |          <- optional step row
    Touchpoints  | social: Instagram reel                  <- one row per lane, items one per line
    Emotions     | 4: Curious        | 3        | 2: Anxious

A name in a phase or stage cell starts that phase or stage; blank cells to its
right continue it.  Lane names are read in English or Vietnamese ("Điểm chạm",
"Cảm xúc", ...); any other name is a custom lane (``Title [id]`` gives its id).
Items may end in ``(source=...; note=...)``; an emotion is ``score[: label]``
with ``(n=...; spread=...; source=...)``; a metric is ``name: value`` with
``(benchmark=...; target=...; higher_is_better=false; source=...)``.
"""

from __future__ import annotations

import math
import re
from typing import Any, Callable

from ..errors import Problem, UserError
from .grid_words import (
    DESCRIPTION_ROW, LANES, META, PERSONA, PERSONA_FIELDS, PERSONA_LISTS, PHASE_ROW, STAGE_ROW, STEP_ROW,
    VIETNAMESE, WIDTH_ROW, key as _key,
)
from .yamlout import Flow, FlowMap

Where = Callable[[int, int], Problem]
"""(row, column) -> a Problem located in the source (0-based indices)."""

MAX_COLUMNS = 1000
MAX_TEXT = 2000
MAX_ITEMS = 100


_ATTRS = re.compile(r"\s*\((\w+=.*)\)\s*$", re.DOTALL)
_ATTR_KEYS = {"source", "note", "n", "spread", "benchmark", "target", "higher_is_better"}
_CUSTOM = re.compile(r"(.*?)\s*\[([A-Za-z_][\w-]*)\]\s*$")


def split_attrs(text: str) -> tuple[str, dict[str, str]]:
    """``"Forced sign-up (source=Analytics; note=May)"`` -> ``("Forced sign-up", {...})``."""
    m = _ATTRS.search(text)
    if m:
        attrs: dict[str, str] = {}
        for part in m.group(1).split("; "):
            k, eq, v = part.partition("=")
            if not eq or k.strip() not in _ATTR_KEYS:
                return text, {}
            attrs[k.strip()] = v.strip()
        return text[:m.start()].rstrip(), attrs
    return text, {}


def number(text: str) -> int | float | None:
    t = text.strip().replace(",", ".") if re.fullmatch(r"\s*-?\d+,\d+\s*", text) else text.strip()
    try:
        x = float(t)
    except ValueError:
        return None
    if not math.isfinite(x):
        return None
    return int(x) if x.is_integer() and "." not in t and "e" not in t.lower() else x


class _Reader:
    def __init__(self, rows: list[list[str]], where: Where) -> None:
        self.rows = [[c if isinstance(c, str) else "" for c in r] for r in rows]
        self.where = where
        self.problems: list[Problem] = []

    def fail(self, r: int, c: int, message: str) -> None:
        p = self.where(r, c)
        self.problems.append(Problem(p.file, p.line, p.col, message))

    def cell(self, r: int, c: int) -> str:
        row = self.rows[r]
        text = row[c].strip() if c < len(row) else ""
        if len(text) > MAX_TEXT:
            self.fail(r, c, f"text is {len(text):,} characters long; the limit is {MAX_TEXT:,}")
            return ""
        if text[:2] in ("'=", "'+", "'-", "'@"):
            text = text[1:]  # written so that a spreadsheet shows it as text, not as a formula
        return text

    def items(self, r: int, c: int) -> list[str]:
        out = [ln.strip() for ln in self.cell(r, c).split("\n") if ln.strip()]
        if len(out) > MAX_ITEMS:
            self.fail(r, c, f"{len(out)} items in one cell; the limit is {MAX_ITEMS}")
            return out[:MAX_ITEMS]
        return out

    def read(self) -> dict[str, Any]:
        rows = self.rows
        data: dict[str, Any] = {}
        personas: list[dict[str, Any]] = []
        in_persona = False
        phase_row = stage_row = None
        r = 0
        while r < len(rows):
            label = _key(self.cell(r, 0)) if rows[r] else ""
            values = [self.cell(r, c) for c in range(1, len(rows[r]))]
            if not any(values) and not label:
                r += 1
                continue
            if label in PHASE_ROW and any(values):
                phase_row = r
            elif label in PERSONA:
                in_persona = True
                personas = [{"name": v} if v else {} for v in values]
            elif in_persona and label in PERSONA_FIELDS:
                self.persona_field(personas, PERSONA_FIELDS[label], r)
            elif label in META and not (in_persona and label in PERSONA_FIELDS):
                self.meta(data, META[label], r)
            elif label in STAGE_ROW or label not in LANES:
                stage_row = r
                break
            else:
                self.fail(r, 0, f"lane '{self.cell(r, 0)}' comes before the row of stage names")
                break
            r += 1
        if stage_row is None:
            if not self.problems:
                self.fail(len(rows) - 1 if rows else 0, 0, "no row of stage names found")
            raise UserError(self.problems)
        self.grid(data, personas, phase_row, stage_row)
        if self.problems:
            raise UserError(self.problems)
        return data

    def meta(self, data: dict[str, Any], key: str, r: int) -> None:
        if key == "sources":
            data["sources"] = Flow(self.items(r, 1))
        elif key == "emotion_scale":
            rng = re.fullmatch(r"\s*(-?[\d.]+)\s*(?:\.\.|-|–|to)\s*(-?[\d.]+)\s*", self.cell(r, 1))
            lo, hi = (number(rng.group(1)), number(rng.group(2))) if rng else (None, None)
            if lo is None or hi is None:
                self.fail(r, 1, f"emotion scale '{self.cell(r, 1)}' should look like 1..5")
                return
            scale: dict[str, Any] = {"min": lo, "max": hi}
            labels: dict[Any, str] = {}
            for c in range(2, len(self.rows[r])):
                text = self.cell(r, c)
                if text:
                    level, _, name = text.partition(":")
                    n = number(level)
                    if n is None or not name.strip():
                        self.fail(r, c, f"scale label '{text}' should look like '1: Frustrated'")
                    else:
                        labels[n] = name.strip()
            if labels:
                scale["labels"] = FlowMap(labels)
            data["emotion_scale"] = scale if labels else FlowMap(scale)
        else:
            value = self.cell(r, 1)
            if value:
                data[key] = value

    def persona_field(self, personas: list[dict[str, Any]], key: str, r: int) -> None:
        for i, p in enumerate(personas):
            c = i + 1
            if key in PERSONA_LISTS:
                items = self.items(r, c)
                if items:
                    p[key] = Flow(items)
            else:
                v = self.cell(r, c)
                if v:
                    n = number(v) if key in ("age", "income") else None
                    p[key] = n if n is not None and str(n) == v else v
        for c in range(len(personas) + 1, len(self.rows[r])):
            if self.cell(r, c):
                self.fail(r, c, "persona detail in a column with no persona name above it")

    # -- the grid itself
    def grid(self, data: dict[str, Any], personas: list[dict[str, Any]], phase_row: int | None,
             stage_row: int) -> None:
        rows = self.rows
        r = stage_row + 1
        step_row = desc_row = width_row = None
        if r < len(rows) and rows[r] and _key(self.cell(r, 0)) in STEP_ROW:
            step_row, r = r, r + 1
        if r < len(rows) and rows[r] and _key(self.cell(r, 0)) in WIDTH_ROW:
            width_row, r = r, r + 1
        if r < len(rows) and rows[r] and _key(self.cell(r, 0)) in DESCRIPTION_ROW:
            desc_row, r = r, r + 1
        lane_rows = [i for i in range(r, len(rows)) if any(self.cell(i, c) for c in range(len(rows[i])))]
        used = [stage_row] + [x for x in (step_row, width_row, desc_row) if x is not None] + lane_rows
        last = max((c for i in used for c in range(1, len(rows[i])) if self.cell(i, c)), default=0)
        if last > MAX_COLUMNS:
            self.fail(stage_row, MAX_COLUMNS + 1, f"{last:,} columns; the limit is {MAX_COLUMNS:,}")
            raise UserError(self.problems)
        lanes = self.lanes(lane_rows)
        stages: list[dict[str, Any]] = []
        spans: list[tuple[int, int]] = []  # stage -> (first column, column count)
        for c in range(1, last + 1):
            name = self.cell(stage_row, c)
            if name:
                stages.append({"name": name})
                spans.append((c, 1))
            elif not stages:
                self.fail(stage_row, c, "this column has no stage: write the stage name in its first column")
                raise UserError(self.problems)
            else:
                spans[-1] = (spans[-1][0], spans[-1][1] + 1)
        for stage, (first, count) in zip(stages, spans):
            if width_row is not None and self.cell(width_row, first):
                width = number(self.cell(width_row, first))
                if width is None:
                    self.fail(width_row, first, f"width '{self.cell(width_row, first)}' should be a number")
                else:
                    stage["width"] = width
            steps = [self.cell(step_row, c) for c in range(first, first + count)] if step_row is not None else []
            if any(steps):
                for k, c in enumerate(range(first, first + count)):
                    if not steps[k]:
                        self.fail(step_row, c, f"stage '{stage['name']}' has steps, so this column needs a step name")
                stage["steps"] = [self.column({"name": steps[k]}, c, desc_row, lanes)
                                  for k, c in enumerate(range(first, first + count))]
            elif count > 1:
                self.fail(stage_row, first, f"stage '{stage['name']}' spans {count} columns; name its steps in a "
                          "step row, or give each column its own stage name")
            else:
                self.column(stage, first, desc_row, lanes)
        out: dict[str, Any] = {"title": data.pop("title", self.default_title)}
        out.update({k: data.pop(k) for k in ("goal", "scenario", "locale", "state", "author", "date", "version",
                                              "theme") if k in data})
        if "locale" not in out and any(_key(self.cell(i, 0)) in VIETNAMESE for i in range(len(rows)) if rows[i]):
            out["locale"] = "vi"
        named = [p for p in personas if p]
        for i, p in enumerate(personas):
            if p and "name" not in p:
                self.fail(0, i + 1, "persona details without a persona name")
        if named:
            out["personas"] = named
        if "emotion_scale" in data:
            out["emotion_scale"] = data.pop("emotion_scale")
        out["lanes"] = [ln for ln, _, _ in lanes]
        if phase_row is not None:
            out["phases"] = self.phases(phase_row, stages, spans)
        else:
            out["stages"] = stages
        out.update(data)
        data.clear()
        data.update(out)

    default_title = "Journey map"

    def phases(self, r: int, stages: list[dict[str, Any]], spans: list[tuple[int, int]]) -> list[dict[str, Any]]:
        starts = {first: i for i, (first, _) in enumerate(spans)}
        phases: list[dict[str, Any]] = []
        for c in range(1, max(len(self.rows[r]), 2)):
            name = self.cell(r, c)
            if not name:
                continue
            if c not in starts:
                self.fail(r, c, "a phase must start where a stage starts")
                continue
            phases.append({"name": name, "first": starts[c]})
        if not phases or phases[0]["first"] != 0:
            self.fail(r, 1, "the phase row needs a phase name above the first stage")
            return []
        out = []
        for i, ph in enumerate(phases):
            end = phases[i + 1]["first"] if i + 1 < len(phases) else len(stages)
            out.append({"name": ph["name"], "stages": stages[ph["first"]:end]})
        return out

    def lanes(self, lane_rows: list[int]) -> list[tuple[Any, str, int]]:
        """Each lane row -> (lanes entry, kind, row)."""
        from ..spec.loader import slug

        out: list[tuple[Any, str, int]] = []
        seen: dict[str, int] = {}
        for r in lane_rows:
            label = self.cell(r, 0)
            if not label:
                self.fail(r, 0, "this row has items but no lane name in its first column")
                continue
            custom = _CUSTOM.fullmatch(label)
            if custom:
                title, lid = custom.group(1), custom.group(2)
                kind = lid if lid in set(LANES.values()) else "text"
                entry: Any = FlowMap(id=lid, title=title)
            elif _key(label) in LANES:
                kind = lid = LANES[_key(label)]
                entry = kind if label in _TITLES.get(kind, ()) else FlowMap(id=kind, title=label)
            else:
                lid = slug(label).replace("-", "_") or "lane"
                if not re.match(r"[A-Za-z_]", lid):
                    lid = f"lane_{lid}"
                kind, entry = "text", FlowMap(id=lid, title=label)
            if lid in seen:
                self.fail(r, 0, f"lane '{label}' is listed twice (first on row {seen[lid] + 1})")
                continue
            seen[lid] = r
            out.append((entry, kind, r))
        return out

    def column(self, col: dict[str, Any], c: int, desc_row: int | None,
               lanes: list[tuple[Any, str, int]]) -> dict[str, Any]:
        if desc_row is not None and self.cell(desc_row, c):
            col["description"] = self.cell(desc_row, c)
        for entry, kind, r in lanes:
            lid = entry if isinstance(entry, str) else entry["id"]
            if kind == "emotion":
                text = self.cell(r, c)
                if text.startswith("@"):  # one emotion per persona, a line each: "@lan 4: Curious"
                    col["emotions"] = FlowMap({pid: self.emotion(rest, r, c) for pid, _, rest in
                                               (ln[1:].partition(" ") for ln in text.splitlines() if ln.strip())})
                elif text:
                    col["emotion"] = self.emotion(text, r, c)
                continue
            items = self.items(r, c)
            if not items:
                continue
            if kind == "touchpoints":
                col[lid] = [self.touchpoint(t) for t in items]
            elif kind == "metrics":
                col[lid] = [m for m in (self.metric(t, r, c) for t in items) if m]
            else:
                col[lid] = [self.text(t) for t in items]
            if sum(len(str(x)) for x in col[lid]) <= 80:
                col[lid] = Flow(col[lid])
        return col

    @staticmethod
    def text(item: str) -> Any:
        text, attrs = split_attrs(item)
        extra = {k: attrs[k] for k in ("source", "note") if k in attrs}
        return FlowMap(text=text, **extra) if extra else text

    @staticmethod
    def touchpoint(item: str) -> Any:
        from ..channels import canonical_channel

        text, attrs = split_attrs(item)
        prefix, colon, rest = text.partition(":")
        extra = {k: attrs[k] for k in ("source", "note") if k in attrs}
        if colon and rest.strip() and canonical_channel(prefix.strip()):
            return FlowMap(channel=prefix.strip(), label=rest.strip(), **extra)
        return FlowMap(label=text, **extra) if extra else text

    def emotion(self, item: str, r: int, c: int) -> Any:
        text, attrs = split_attrs(item.replace("\n", " "))
        level, _, label = text.partition(":")
        score = number(level)
        if score is None:
            self.fail(r, c, f"emotion '{text[:40]}' should be a number, optionally with a label: '4: Curious'")
            return None
        out: dict[str, Any] = {"score": score}
        if label.strip():
            out["label"] = label.strip()
        for k in ("n", "spread"):
            if k in attrs:
                v = number(attrs[k])
                if v is None:
                    self.fail(r, c, f"{k}={attrs[k]} should be a number")
                else:
                    out[k] = v
        if "source" in attrs:
            out["source"] = attrs["source"]
        return FlowMap(out) if len(out) > 1 else score

    def metric(self, item: str, r: int, c: int) -> Any:
        text, attrs = split_attrs(item)
        name, colon, value = text.rpartition(": ") if ": " in text else text.rpartition(":")
        if not colon or not name.strip() or not value.strip():
            self.fail(r, c, f"metric '{text[:40]}' should look like 'Name: value'")
            return None
        out: dict[str, Any] = {"name": name.strip(), "value": value.strip()}
        for k in ("benchmark", "target", "source"):
            if k in attrs:
                out[k] = attrs[k]
        if attrs.get("higher_is_better", "").lower() == "false":
            out["higher_is_better"] = False
        return FlowMap(out)


_TITLES: dict[str, set[str]] = {}


def _titles() -> None:
    from ..i18n import t

    for kind in set(LANES.values()):
        _TITLES[kind] = {t(loc, f"lane.{kind}") for loc in ("en", "vi")}


def read_grid(rows: list[list[str]], where: Where, default_title: str) -> dict[str, Any]:
    """Spreadsheet rows -> map data; every problem located through ``where``."""
    if not _TITLES:
        _titles()
    reader = _Reader(rows, where)
    reader.default_title = default_title
    return reader.read()
