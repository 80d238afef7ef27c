"""Emotion from research data: a survey CSV gives each stage's score, ``n`` and spread.

``evidence: {survey: survey.csv}`` at the top of a map points at a CSV with a
header row and the columns ``stage,score`` and optionally ``persona`` and
``respondent``.  ``stage`` is a stage's (or step's) id or name.  For each
column with answers, the score is the **mean** and the spread the **sample
standard deviation** (n - 1 in the denominator; none for a single answer),
so the band on the curve shows how far answers typically fall from the mean.
A column that gives ``emotions`` per persona takes each persona's own answers
(``persona`` is a persona's id or name) for that persona's point, when the
survey names personas; otherwise, like any column, one emotion from all.
Bad rows are all reported at once as ``survey.csv:LINE: message``.  The file
must live inside the map's folder, like images.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
from pathlib import Path

import msgspec

from .errors import Problem, UserError
from .safeio import read_capped
from .spec.journey import EmotionPoint, Journey

MAX_BYTES = 4 * 1024 * 1024
MAX_ROWS = 200_000
COLUMNS = ("stage", "score", "persona", "respondent")


class StageStats(msgspec.Struct, frozen=True):
    column: str  # column id
    name: str
    n: int
    mean: float
    sd: float | None  # None for a single answer


SURVEY_MAX_BYTES = 16 * 1024 * 1024
"""A survey larger than this is refused before it is read."""


def survey_path(journey: Journey, ref: str, where: Problem) -> Path:
    """The survey file, confined to the map's folder; ``where`` locates ``evidence.survey`` in the map."""
    def fail(message: str) -> UserError:
        return UserError(Problem(where.file, where.line, where.col, message))

    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", ref) or ref.startswith("//") or os.path.isabs(ref):
        raise fail(f"'{ref}': the survey must be a file in the map's folder")
    if journey.base_dir is None:
        raise fail("a survey is read relative to the map file; this map has no folder")
    base = Path(journey.base_dir).resolve()
    target = (base / ref).resolve()
    if base not in target.parents:
        raise fail(f"'{ref}' is outside the map's folder")
    if not target.is_file():
        raise fail(f"survey '{ref}' not found")
    return target


def _number(text: str) -> float | None:
    t = text.strip().replace(",", ".") if text.count(",") == 1 and "." not in text else text.strip()
    try:
        x = float(t)
    except ValueError:
        return None
    return x if math.isfinite(x) else None


def _columns_by_key(journey: Journey) -> dict[str, list[int]]:
    keys: dict[str, list[int]] = {}
    for i, c in enumerate(journey.columns):
        for k in {c.id.casefold(), " ".join(c.name.split()).casefold()}:
            keys.setdefault(k, []).append(i)
    return keys


def read_survey(raw: bytes, name: str, journey: Journey,
                by_persona: dict[tuple[int, str], list[float]] | None = None) -> dict[int, list[float]]:
    """Scores per column index; raises a :class:`UserError` listing every bad row.

    ``by_persona``, when given, also receives the scores per (column index, persona id).
    """
    if len(raw) > MAX_BYTES:
        raise UserError(Problem(name, 0, 0, f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(Problem(name, 0, 0, "not UTF-8 text; save the survey as UTF-8 CSV")) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    problems: list[Problem] = []
    try:
        header = [h.strip().casefold() for h in next(reader)]
    except (StopIteration, csv.Error):
        raise UserError(Problem(name, 1, 0, "empty survey; the first row names the columns: stage,score")) from None
    for h in header:
        if h not in COLUMNS:
            problems.append(Problem(name, 1, 0, f"unknown column '{h}'; use {', '.join(COLUMNS)}"))
    if "stage" not in header or "score" not in header:
        problems.append(Problem(name, 1, 0, "the first row must name the columns stage and score"))
    if problems:
        raise UserError(problems)
    at = {h: header.index(h) for h in COLUMNS if h in header}
    keys = _columns_by_key(journey)
    personas = {k.casefold(): p.id for p in journey.personas for k in (p.id, p.name)}
    scale = journey.scale
    out: dict[int, list[float]] = {}
    seen: dict[tuple[int, str], int] = {}
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(out) > MAX_ROWS or line > MAX_ROWS:
                raise UserError(Problem(name, line, 0, f"more than {MAX_ROWS:,} rows"))
            if len(row) != len(header):
                problems.append(Problem(name, line, 0, f"{len(row)} values; the header has {len(header)}"))
                continue
            stage = " ".join(row[at["stage"]].split())
            cols = keys.get(stage.casefold(), [])
            score = _number(row[at["score"]])
            if not cols:
                problems.append(Problem(name, line, 0, f"no stage or step '{stage}' in the map"))
            elif len(cols) > 1:
                problems.append(Problem(name, line, 0, f"'{stage}' names {len(cols)} columns; use the stage's id"))
            if score is None:
                problems.append(Problem(name, line, 0, f"score '{row[at['score']]}' is not a number"))
            elif not scale.min <= score <= scale.max:
                problems.append(Problem(name, line, 0, f"score {row[at['score']].strip()} is outside the scale "
                                        f"{scale.min:g}..{scale.max:g}"))
            if "persona" in at and personas and row[at["persona"]].strip().casefold() not in personas:
                problems.append(Problem(name, line, 0, f"no persona '{row[at['persona']].strip()}' in the map"))
            if "respondent" in at and len(cols) == 1 and row[at["respondent"]].strip():
                key = (cols[0], row[at["respondent"]].strip())
                if key in seen:
                    problems.append(Problem(name, line, 0, f"respondent '{key[1]}' answered this stage already "
                                            f"(line {seen[key]})"))
                seen.setdefault(key, line)
            if len(cols) == 1 and score is not None:
                out.setdefault(cols[0], []).append(score)
                pid = personas.get(row[at["persona"]].strip().casefold()) if "persona" in at else None
                if by_persona is not None and pid is not None:
                    by_persona.setdefault((cols[0], pid), []).append(score)
    except csv.Error as exc:
        problems.append(Problem(name, reader.line_num, 0, f"not valid CSV: {exc}"))
    if problems:
        raise UserError(problems)
    return out


def _summary(values: list[float]) -> tuple[int, float, float | None]:
    """(n, mean, sample standard deviation or None for one answer)."""
    n = len(values)
    mean = math.fsum(values) / n
    return n, mean, math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (n - 1)) if n > 1 else None


def stats(journey: Journey, scores: dict[int, list[float]]) -> list[StageStats]:
    out = []
    for i, values in sorted(scores.items()):
        col = journey.columns[i]
        out.append(StageStats(col.id, col.name, *_summary(values)))
    return out


def _read(journey: Journey, ref: str, where: Problem | None,
          by_persona: dict[tuple[int, str], list[float]] | None = None) -> dict[int, list[float]]:
    path = survey_path(journey, ref, where or Problem(journey.source_name, 0, 0, ""))
    shown = ref if journey.source_name.startswith("<") else str(Path(journey.source_name).parent / ref)
    return read_survey(read_capped(path, SURVEY_MAX_BYTES, name=shown, what="survey"), shown, journey, by_persona)


def survey_stats(journey: Journey, ref: str, where: Problem | None = None) -> list[StageStats]:
    """Per-column statistics of the survey ``ref`` (relative to the map's folder)."""
    return stats(journey, _read(journey, ref, where))


def _point(values: list[float], label: str | None, ref: str) -> EmotionPoint:
    n, mean, sd = _summary(values)
    return EmotionPoint(round(mean, 2), label, n, None if sd is None else round(sd, 2), ref)


def apply_survey(journey: Journey, ref: str, where: Problem | None = None) -> Journey:
    """``journey`` with each surveyed column's emotion computed from the data (labels kept).

    Per-persona ``emotions`` take their persona's answers where the survey names personas.
    """
    by_persona: dict[tuple[int, str], list[float]] = {}
    scores = _read(journey, ref, where, by_persona)
    cols = []
    for i, col in enumerate(journey.columns):
        ct = col.content
        if i not in scores:
            cols.append(col)
            continue
        if any((i, pid) in by_persona for pid, _ in ct.emotions):
            emotions = tuple((pid, _point(by_persona[i, pid], e.label, ref) if (i, pid) in by_persona else e)
                             for pid, e in ct.emotions)
            ct = msgspec.structs.replace(ct, emotions=emotions)
        else:
            ct = msgspec.structs.replace(ct, emotion=_point(scores[i], ct.emotion.label if ct.emotion else None, ref))
        cols.append(msgspec.structs.replace(col, content=ct))
    return msgspec.structs.replace(journey, columns=tuple(cols))


def table(rows: list[StageStats], journey: Journey) -> str:
    """The per-stage table ``cjmrender evidence`` prints."""
    lines = [f"{'stage':<28} {'n':>5} {'mean':>7} {'sd':>6}"]
    for s in rows:
        where = s.name if len(s.name) <= 28 else s.name[:27] + "…"
        sd = "-" if s.sd is None else f"{s.sd:.2f}"
        lines.append(f"{where:<28} {s.n:>5} {s.mean:>7.2f} {sd:>6}")
    missing = [c.name for c in journey.columns if c.id not in {s.column for s in rows}]
    if missing:
        lines.append(f"no answers for: {', '.join(missing)}")
    return "\n".join(lines) + "\n"
