"""What the PDF templates see: localised words, fonts, the report's per-stage view, CSS-safe strings.

Plain data and pure functions; the templates get these through the context
that :mod:`.output` builds.  Labels stay plain text here: the sandboxed
Jinja environment escapes them when a template prints them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ...i18n import STRINGS
from ...layout.emotion import fmt_score, pain_numbers
from ...layout.emotion_marks import face_level
from ...resources import arimo
from ...spec.journey import Content, EmotionPoint, Journey, LaneDef, Scale, Text
from ...theme import Theme

_EXTRA: dict[str, dict[str, str]] = {
    "en": {
        "map": "Journey map", "glance": "At a glance", "version": "Version", "scenario": "Scenario",
        "stage.n": "Stage {n} of {total}", "behaviors": "Behaviour", "interests": "Interests",
        "channel": "Channel", "touchpoint": "Touchpoint", "metric": "Metric", "value": "Value",
        "benchmark": "Benchmark", "status": "Status", "below": "Below benchmark", "ok": "On target",
        "survey": "n = {n}", "spread": "spread ± {s}", "source": "Source", "page.of": "Page {page} of {pages}",
        "tile.label": "Sheet {name} ({n} of {total})",
        "tile.cut": "Trim along these marks and lay over sheet {name}",
        "tile.align": "Sheet {name} overlaps up to these marks",
        "nothing": "Nothing recorded for this stage.",
        "fact.role": "Role", "fact.age": "Age", "fact.gender": "Gender", "fact.location": "Location",
        "fact.job": "Job", "fact.education": "Education", "fact.income": "Income",
    },
    "vi": {
        "map": "Bản đồ hành trình", "glance": "Tổng quan", "version": "Phiên bản", "scenario": "Kịch bản",
        "stage.n": "Giai đoạn {n}/{total}", "behaviors": "Hành vi", "interests": "Sở thích",
        "channel": "Kênh", "touchpoint": "Điểm chạm", "metric": "Chỉ số", "value": "Giá trị",
        "benchmark": "Mức chuẩn", "status": "Đánh giá", "below": "Dưới mức chuẩn", "ok": "Đạt chuẩn",
        "survey": "n = {n}", "spread": "độ lệch ± {s}", "source": "Nguồn",
        "page.of": "Trang {page}/{pages}",
        "tile.label": "Tờ {name} ({n}/{total})",
        "tile.cut": "Cắt theo các dấu này rồi đặt chồng lên tờ {name}",
        "tile.align": "Tờ {name} chồng lên đến các dấu này",
        "nothing": "Giai đoạn này chưa có dữ liệu.",
        "fact.role": "Vai trò", "fact.age": "Tuổi", "fact.gender": "Giới tính", "fact.location": "Nơi sống",
        "fact.job": "Nghề nghiệp", "fact.education": "Học vấn", "fact.income": "Thu nhập",
    },
}
"""Words only the PDF templates use; :mod:`cjmrender.i18n` holds the ones the map shares."""


def text(locale: str, key: str, **values: object) -> str:
    """Localised template text: the shared i18n table first, then this module's own words."""
    for table in (STRINGS, _EXTRA):
        for loc in (locale, "en"):
            found = table.get(loc, {}).get(key)
            if found is not None:
                return found.format(**values) if values else found
    raise KeyError(f"no text for '{key}'")


@dataclass(frozen=True, slots=True)
class FontFace:
    family: str
    weight: int
    url: str


def font_faces() -> tuple[FontFace, ...]:
    """``@font-face`` rules for Arimo: the package's copy, else the system's, else none (fontconfig decides)."""
    out = []
    for bold in (False, True):
        path = arimo(bold)
        if path is not None:
            out.append(FontFace("Arimo", 700 if bold else 400, path.resolve().as_uri()))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class EmotionView:
    score: str
    max: str
    label: str | None
    color: str
    detail: str


@dataclass(frozen=True, slots=True)
class Row:
    lane: LaneDef
    items: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class ColumnView:
    name: str | None  # step name, None for a stage without steps
    description: str | None
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Pain:
    number: int  # the map's pain number (P3 on the map is 3 here)
    item: Text
    step: str | None  # the step it belongs to, for a stage with steps
    score: float | None  # the emotion where it occurs


@dataclass(frozen=True, slots=True)
class Section:
    number: int
    name: str
    phase: str | None
    description: str | None
    image: str | None
    columns: tuple[ColumnView, ...]
    pains: tuple[Pain, ...] = ()  # ranked, when the shown lanes include pains (then left out of ``columns``)


def sections(journey: Journey, lane_ids: tuple[str, ...] | None) -> tuple[Section, ...]:
    """The report's per-stage detail: the map's lanes, in the map's order, empty rows dropped.

    A stage's pains are lifted out of its lane tables into :func:`ranked_pains` order.
    """
    lanes = journey.lanes if lane_ids is None else tuple(
        ln for lid in lane_ids for ln in journey.lanes if ln.id == lid)
    ranked = any(ln.kind == "pains" for ln in lanes)
    numbers = pain_numbers(journey)
    out = []
    for i, st in enumerate(journey.stages):
        cols = []
        span = range(st.first, st.first + st.count)
        for col in journey.columns[st.first:st.first + st.count]:
            rows = tuple(Row(ln, items) for ln in lanes
                         if (items := col.content.items(ln)) and not (ranked and ln.kind == "pains"))
            cols.append(ColumnView(col.name if col.is_step else None, col.description if col.is_step else None,
                                   rows))
        phase = journey.phases[st.phase].name if st.phase is not None else None
        pains = ranked_pains(journey, span, numbers) if ranked else ()
        out.append(Section(i + 1, st.name, phase, st.description, st.image, tuple(cols), pains))
    return tuple(out)


def ranked_pains(journey: Journey, span: range, numbers: list[tuple[int, ...]]) -> tuple[Pain, ...]:
    """The pains of columns ``span``, worst first.

    The map has no severity field, so the order follows what it does record:
    pains of the step with the lowest emotion first (the moment that hurts
    most), then pains backed by a ``source`` before unsourced ones (evidence),
    then the map's own order.  Each keeps the map's pain number.
    """
    found = []
    for c in span:
        col = journey.columns[c]
        score = _lowest_score(col.content)
        for item, number in zip(col.content.pains, numbers[c]):
            found.append(Pain(number, item, col.name if col.is_step else None, score))
    lowest = journey.scale.max + 1
    return tuple(sorted(found, key=lambda p: (lowest if p.score is None else p.score, p.item.source is None,
                                              p.number)))


def _lowest_score(content: Content) -> float | None:
    """The column's emotion score; with per-persona curves, the lowest persona's."""
    if content.emotion is not None:
        return content.emotion.score
    return min((e.score for _, e in content.emotions), default=None)


def emotion_view(point: EmotionPoint, scale: Scale, theme: Theme, locale: str) -> EmotionView:
    """Score, label and the same face colour the map uses for it."""
    level = face_level(scale.norm(point.score))
    detail = []
    if point.n is not None:
        detail.append(text(locale, "survey", n=point.n))
    if point.spread is not None:
        detail.append(text(locale, "spread", s=fmt_score(point.spread)))
    return EmotionView(fmt_score(point.score), fmt_score(scale.max), point.label,
                       theme.paint(f"emotion.face.{level}"), " · ".join(detail))


_FAMILY_NAME = re.compile(r"[\w][\w \-]*")


def css_font_family(family: str) -> str:
    """The theme's font list made safe for a ``<style>`` block: plain names only, each quoted."""
    names = [n.strip().strip("'\"").strip() for n in family.split(",")]
    generic = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
    out = [n if n in generic else f'"{n}"' for n in names if _FAMILY_NAME.fullmatch(n)]
    return ", ".join(out or ['"Arimo"', "sans-serif"])


def css_string(value: str) -> str:
    """A CSS string literal for ``content:``; escapes everything that could end the string or the style."""
    return '"' + "".join(c if c.isalnum() or c in " .,:;!?()/-·" else f"\\{ord(c):x} " for c in value) + '"'


def initials(name: str) -> str:
    """First letters of the first and last word, as the map's avatar shows them."""
    parts = [p for p in name.replace("-", " ").split() if p]
    return ((parts[0][0] + (parts[-1][0] if len(parts) > 1 else "")) if parts else "?").upper()


def page_counter_css(locale: str) -> str:
    """``content:`` value for "Page 3 of 9" in the locale's word order, with CSS page counters."""
    pattern = text(locale, "page.of")
    parts = re.split(r"(\{page\}|\{pages\})", pattern)
    out = []
    for part in parts:
        if part == "{page}":
            out.append("counter(page)")
        elif part == "{pages}":
            out.append("counter(pages)")
        elif part:
            out.append(css_string(part))
    return " ".join(out)
