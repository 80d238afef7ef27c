"""Row and lane names a journey-map spreadsheet may use, in English and Vietnamese."""

from __future__ import annotations

import re
import unicodedata


def key(label: str) -> str:
    """A label for lookup: lower case, accents kept, spaces and a trailing colon trimmed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", label)).strip().rstrip(":").strip().lower()


def _words(table: dict[str, str]) -> dict[str, str]:
    return {key(w): k for w, k in table.items()}


LANES = _words({
    "touchpoints": "touchpoints", "touchpoint": "touchpoints", "channels": "touchpoints", "điểm chạm": "touchpoints",
    "kênh": "touchpoints", "kênh tiếp xúc": "touchpoints",
    "actions": "actions", "doing": "actions", "customer actions": "actions", "hành động": "actions",
    "thoughts": "thoughts", "thinking": "thoughts", "questions": "thoughts", "suy nghĩ": "thoughts",
    "emotions": "emotion", "emotion": "emotion", "feelings": "emotion", "feeling": "emotion", "cảm xúc": "emotion",
    "pain points": "pains", "pains": "pains", "painpoints": "pains", "điểm đau": "pains", "nỗi đau": "pains",
    "opportunities": "opportunities", "cơ hội": "opportunities", "cơ hội cải thiện": "opportunities",
    "owners": "owners", "owner": "owners", "bộ phận phụ trách": "owners", "người phụ trách": "owners",
    "nguồn lực": "owners",
    "metrics": "metrics", "kpi": "metrics", "kpis": "metrics", "chỉ số": "metrics", "chỉ số (kpi)": "metrics",
})
META = _words({
    "title": "title", "tiêu đề": "title", "goal": "goal", "mục tiêu": "goal", "scenario": "scenario",
    "kịch bản": "scenario", "locale": "locale", "ngôn ngữ": "locale", "state": "state", "trạng thái": "state",
    "author": "author", "tác giả": "author", "date": "date", "ngày": "date", "version": "version",
    "phiên bản": "version", "theme": "theme", "giao diện": "theme", "sources": "sources", "nguồn": "sources",
    "emotion scale": "emotion_scale", "thang cảm xúc": "emotion_scale",
})
PERSONA = _words({"persona": "name", "personas": "name", "chân dung": "name", "chân dung khách hàng": "name"})
PERSONA_FIELDS = _words({
    "id": "id", "role": "role", "vai trò": "role", "age": "age", "tuổi": "age", "gender": "gender",
    "giới tính": "gender", "location": "location", "địa điểm": "location", "nơi sống": "location", "job": "job",
    "nghề nghiệp": "job", "công việc": "job", "education": "education", "học vấn": "education", "income": "income",
    "thu nhập": "income", "behaviors": "behaviors", "hành vi": "behaviors", "interests": "interests",
    "sở thích": "interests", "goals": "goals", "mục tiêu": "goals", "pains": "pains", "điểm đau": "pains",
    "nỗi đau": "pains", "quote": "quote", "câu nói": "quote", "trích dẫn": "quote", "photo": "photo", "ảnh": "photo",
    "description": "description", "mô tả": "description",
})
PERSONA_LISTS = ("behaviors", "interests", "goals", "pains")
STAGE_ROW = _words({"stage": 1, "stages": 1, "giai đoạn": 1, "journey stage": 1, "": 1})
PHASE_ROW = _words({"phase": 1, "phases": 1, "pha": 1, "giai đoạn lớn": 1})
STEP_ROW = _words({"step": 1, "steps": 1, "bước": 1, "các bước": 1})
WIDTH_ROW = _words({"width": 1, "stage width": 1, "độ rộng": 1})
DESCRIPTION_ROW = _words({"description": 1, "descriptions": 1, "mô tả": 1})
VIETNAMESE = {key(w) for w in ("điểm chạm", "hành động", "suy nghĩ", "cảm xúc", "điểm đau", "cơ hội cải thiện",
                                "bộ phận phụ trách", "giai đoạn", "chân dung", "tiêu đề", "bước", "chỉ số (kpi)")}
