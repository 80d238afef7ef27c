"""Starter maps for ``cjmrender init``, from the stage frameworks marketers use.

- ``4-stage``: awareness, consideration, purchase, loyalty
- ``5-stage``: awareness, consideration, purchase, retention, advocacy
- ``aicdsl``: awareness, interest, consideration, decision, service, loyalty
- ``purchase-phases``: pre-purchase / purchase / post-purchase phases over the
  six stages awareness, information search, evaluation, purchase, use,
  after-sales support
"""

from __future__ import annotations

import json

_STAGES: dict[str, dict[str, list[str]]] = {
    "4-stage": {
        "en": ["Awareness", "Consideration", "Purchase", "Loyalty"],
        "vi": ["Nhận biết", "Cân nhắc", "Mua hàng", "Trung thành"],
    },
    "5-stage": {
        "en": ["Awareness", "Consideration", "Purchase", "Retention", "Advocacy"],
        "vi": ["Nhận biết", "Cân nhắc", "Mua hàng", "Giữ chân", "Giới thiệu"],
    },
    "aicdsl": {
        "en": ["Awareness", "Interest", "Consideration", "Decision", "Service", "Loyalty"],
        "vi": ["Nhận biết", "Quan tâm", "Cân nhắc", "Quyết định", "Dịch vụ", "Trung thành"],
    },
}

_PHASES = {
    "en": [("Pre-purchase", ["Awareness", "Information search", "Evaluation"]),
           ("Purchase", ["Purchase"]),
           ("Post-purchase", ["Use", "After-sales support"])],
    "vi": [("Trước khi mua", ["Nhận thức", "Tìm kiếm thông tin", "Đánh giá, so sánh"]),
           ("Mua hàng", ["Mua hàng"]),
           ("Sau khi mua", ["Sử dụng", "Hỗ trợ sau bán"])],
}

_TEXT = {
    "en": {
        "title": "My customer journey",
        "goal": "What this map should help us decide",
        "persona": "Persona name",
        "job": "Job title",
        "action": "What the customer does",
        "thought": "What the customer wonders",
        "touch": "Where it happens",
        "feeling": "How it feels",
        "pain": "What gets in the way",
        "idea": "How we could fix it",
        "owner": "Team in charge",
    },
    "vi": {
        "title": "Hành trình khách hàng",
        "goal": "Bản đồ này giúp chúng ta quyết định điều gì",
        "persona": "Tên chân dung khách hàng",
        "job": "Nghề nghiệp",
        "action": "Khách hàng làm gì",
        "thought": "Khách hàng băn khoăn điều gì",
        "touch": "Điểm chạm",
        "feeling": "Cảm xúc",
        "pain": "Điều gì cản trở",
        "idea": "Cách cải thiện",
        "owner": "Bộ phận phụ trách",
    },
}

_SCORES = [3, 4, 2, 4, 5, 4]


def _q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def _stage(name: str, i: int, txt: dict[str, str], indent: str) -> str:
    return (f"{indent}- name: {_q(name)}\n"
            f"{indent}  touchpoints: [{{channel: website, label: {_q(txt['touch'])}}}]\n"
            f"{indent}  actions: [{_q(txt['action'])}]\n"
            f"{indent}  thoughts: [{_q(txt['thought'])}]\n"
            f"{indent}  emotion: {{score: {_SCORES[i % len(_SCORES)]}, label: {_q(txt['feeling'])}}}\n"
            f"{indent}  pains: [{_q(txt['pain'])}]\n"
            f"{indent}  opportunities: [{_q(txt['idea'])}]\n"
            f"{indent}  owners: [{_q(txt['owner'])}]\n")


def starter(preset: str, locale: str) -> str:
    """YAML text of a starter map that validates as written."""
    txt = _TEXT[locale]
    head = (
        "# yaml-language-server: $schema=journey.schema.json\n"
        "# Editors complete and check this file once the schema is beside it:\n"
        "#   cjmrender schema -o journey.schema.json\n"
        f"title: {_q(txt['title'])}\n"
        f"goal: {_q(txt['goal'])}\n"
        f"locale: {locale}\n"
        f"persona: {{name: {_q(txt['persona'])}, job: {_q(txt['job'])}}}\n"
        "lanes: [touchpoints, actions, thoughts, emotion, pains, opportunities, owners]\n"
    )
    if preset == "purchase-phases":
        body = "phases:\n"
        i = 0
        for phase, stages in _PHASES[locale]:
            body += f"  - name: {_q(phase)}\n    stages:\n"
            for st in stages:
                body += _stage(st, i, txt, "      ")
                i += 1
        return head + body
    body = "stages:\n" + "".join(_stage(st, i, txt, "  ") for i, st in enumerate(_STAGES[preset][locale]))
    return head + body
