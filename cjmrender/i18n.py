"""Localised default text: lane titles, legend and header words (``en`` and ``vi``)."""

from __future__ import annotations

LOCALES = ("en", "vi")

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "lane.touchpoints": "Touchpoints",
        "lane.actions": "Actions",
        "lane.thoughts": "Thoughts",
        "lane.emotion": "Emotions",
        "lane.pains": "Pain points",
        "lane.opportunities": "Opportunities",
        "lane.owners": "Owners",
        "lane.metrics": "Metrics",
        "persona": "Persona",
        "goal": "Goal",
        "goals": "Goals",
        "pains": "Frustrations",
        "state.current": "Current state",
        "state.future": "Future state",
        "legend.pain": "Pain point, numbered as in the pain lane",
        "legend.below": "Below benchmark",
        "legend.emotion": "Emotion",
        "legend.spread": "Survey spread",
        "legend.wheel": "Emotion: the further from the centre, the happier",
        "legend.extremes": "Lowest and highest moment",
        "legend.ok": "At or above benchmark",
        "emotion.lowest": "Lowest",
        "emotion.highest": "Highest",
        "metric.target": "target",
        "metric.goal": "goal",
        "compare.was": "was",
        "compare.legend": "Compared with “{current}”: dashed curve = current emotion, (+n) = change; "
                          "+ added, − removed, ~ changed",
        "age": "Age",
        "page": "Page",
        "stage": "Stage",
        "sources": "Sources",
    },
    "vi": {
        "lane.touchpoints": "Điểm chạm",
        "lane.actions": "Hành động",
        "lane.thoughts": "Suy nghĩ",
        "lane.emotion": "Cảm xúc",
        "lane.pains": "Điểm đau",
        "lane.opportunities": "Cơ hội cải thiện",
        "lane.owners": "Bộ phận phụ trách",
        "lane.metrics": "Chỉ số (KPI)",
        "persona": "Chân dung khách hàng",
        "goal": "Mục tiêu",
        "goals": "Mục tiêu",
        "pains": "Nỗi lo",
        "state.current": "Hiện tại",
        "state.future": "Mong muốn",
        "legend.pain": "Điểm đau, đánh số như ở làn điểm đau",
        "legend.below": "Dưới mức chuẩn",
        "legend.emotion": "Cảm xúc",
        "legend.spread": "Độ phân tán khảo sát",
        "legend.wheel": "Cảm xúc: càng xa tâm càng vui",
        "legend.extremes": "Thời điểm thấp nhất và cao nhất",
        "legend.ok": "Đạt hoặc vượt chuẩn",
        "emotion.lowest": "Thấp nhất",
        "emotion.highest": "Cao nhất",
        "metric.target": "chuẩn",
        "metric.goal": "mục tiêu",
        "compare.was": "trước đây",
        "compare.legend": "So với “{current}”: đường nét đứt = cảm xúc hiện tại, (+n) = thay đổi; "
                          "+ thêm, − bỏ, ~ sửa",
        "age": "Tuổi",
        "page": "Trang",
        "stage": "Giai đoạn",
        "sources": "Nguồn",
    },
}


def t(locale: str, key: str) -> str:
    """The text for ``key`` in ``locale``, falling back to English."""
    return STRINGS.get(locale, STRINGS["en"]).get(key) or STRINGS["en"][key]
