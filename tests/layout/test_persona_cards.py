"""Persona cards: sized to what they hold, side by side, identity centred on the avatar."""

from __future__ import annotations

import pytest

from cjmrender.layout.model import Box, TextBlock, walk
from cjmrender.pipeline import diagram_for
from cjmrender.spec.loader import load_text
from cjmrender.text.measure import default_measurer
from cjmrender.theme import load_theme

G = load_theme("default").geometry


def cards(yaml_text: str):
    diagram, _ = diagram_for(load_text(yaml_text, "p.yaml"))
    out = []
    for el in walk(diagram.root):
        if getattr(el, "cls", "") == "persona":
            box = next(e for e in el.children if isinstance(e, Box) and e.cls == "persona-box")
            texts = [e for e in walk(el) if isinstance(e, TextBlock)]
            out.append((box.rect, texts))
    return diagram, out


STAGES = "stages: [{name: Find, actions: [Searches]}, {name: Buy}, {name: Use}, {name: Return}]\n"


@pytest.mark.parametrize("people", [["Lan"], ["Lan", "Minh Tran"], ["A", "Bea", "Chi", "Dung", "Emma Watson-Smith"]])
def test_cards_without_lists_are_as_wide_as_their_widest_content_and_sit_side_by_side(people):
    personas = "".join(f"  - name: {n}\n    quote: Short line {i}\n" for i, n in enumerate(people))
    diagram, found = cards(f"title: T\npersonas:\n{personas}{STAGES}")
    m = default_measurer()
    widths = {round(r.w, 3) for r, _ in found}
    assert len(widths) == 1, "equal columns"
    w = widths.pop()
    needs = [max(t.box.right for t in texts) - rect.x + G.persona.pad for rect, texts in found]
    assert w <= max(needs) + 1.5, "no wider than the widest card's content needs"
    for rect, texts in found:
        assert all(rect.contains(t.box) for t in texts)
    assert w < diagram.width / 2
    rows = {r.y for r, _ in found}
    assert len(rows) < len(people) or len(people) == 1, "cards share a row when they fit"
    assert m.width(people[-1], G.size.persona_name, True) < w


def test_a_card_with_goals_still_takes_its_share_of_the_row():
    diagram, found = cards("title: T\npersonas:\n  - name: Lan\n    goals: [Run a 10 km race]\n" + STAGES)
    (rect, _), = found
    assert rect.w == pytest.approx(diagram.width - 2 * G.space.margin)


def test_a_name_alone_is_centred_on_the_avatar():
    _, found = cards("title: T\npersonas:\n  - name: Lan\n" + STAGES)
    (rect, texts), = found
    name = next(t for t in texts if t.cls == "persona-name")
    avatar_mid = rect.y + G.persona.pad + G.persona.avatar / 2
    assert abs((name.box.y + name.box.bottom) / 2 - avatar_mid) < 1


def test_each_persona_with_a_curve_has_an_avatar_in_its_colour():
    from cjmrender.layout.model import Circle

    body = ("title: T\npersonas: [{name: Lan Nguyen}, {name: Minh Tran}, {name: Sara}]\n"
            "stages:\n  - {name: A, emotions: {lan-nguyen: 2, minh-tran: 4}}\n"
            "  - {name: B, emotions: {lan-nguyen: 3, minh-tran: 1}}\n")
    diagram, _ = diagram_for(load_text(body, "p.yaml"))
    avatars = {}
    for el in walk(diagram.root):
        if getattr(el, "cls", "") == "persona":
            circle = next(e for e in walk(el) if isinstance(e, Circle) and e.cls == "avatar")
            initials = next(e for e in walk(el) if isinstance(e, TextBlock) and e.cls == "initials")
            avatars[el.label] = (circle.role, initials.role)
    assert avatars == {"Lan Nguyen": ("persona.0", "persona.0.on"), "Minh Tran": ("persona.1", "persona.1.on"),
                       "Sara": ("persona.avatar", "persona.avatar.text")}  # no curve, no colour of its own
