"""WCAG contrast maths, and every built-in theme's text and marks against what they are drawn on."""

from __future__ import annotations

import pytest

from cjmrender.contrast import contrast_ratio, is_large_text, relative_luminance, required_ratio
from cjmrender.theme import Geometry, Theme, builtin_themes, load_theme

# (text role, background role, size key in geometry.size (or "body+2"), bold), from how layout draws
# each text: the smallest size a role is drawn in decides between normal and large text.
CARD_FILLS = ("card.fill", "card.text.fill", "card.pains.fill", "card.opportunities.fill", "card.thoughts.fill",
              "card.owners.fill", "card.metrics.fill")
"""Every card box a text can sit on: touchpoints and actions use card.fill, custom text lanes card.text.fill."""
TEXT_PAIRS: tuple[tuple[str, str, str, bool], ...] = (
    ("title", "canvas", "title", True),
    ("subtitle", "canvas", "subtitle", False),
    ("legend.text", "canvas", "small", False),
    ("footer.text", "canvas", "small", False),
    ("badge.text", "badge.fill", "badge", True),
    ("persona.name", "persona.fill", "small", True),  # also the small bold heading of goals and frustrations
    ("persona.text", "persona.fill", "small", False),
    ("persona.muted", "persona.fill", "small", False),
    ("persona.quote", "persona.fill", "quote", False),
    ("persona.avatar.text", "persona.avatar", "body+2", True),
    *((f"persona.{k}.on", f"persona.{k}", "body+2", True) for k in range(5)),  # initials on a persona's avatar
    ("phase.text", "phase.fill", "phase", True),
    ("stage.text", "stage.fill", "stage_description", False),
    ("step.text", "step.fill", "small", False),
    ("lane.title.text", "lane.title.fill", "lane_title", True),
    ("emotion.scale", "lane.title.fill", "small", False),  # level labels in the title column
    ("emotion.scale", "lane.band", "small", False),  # score under each face
    ("emotion.scale", "lane.band.alt", "small", False),
    ("emotion.label", "lane.band", "body", True),
    ("emotion.label", "lane.band.alt", "body", True),
    *(("card.text", fill, "body", False) for fill in CARD_FILLS if fill != "card.thoughts.fill"),
    ("card.thoughts.text", "card.thoughts.fill", "body", False),
    *(("card.muted", fill, "small", False) for fill in CARD_FILLS),
    ("metric.below", "card.metrics.fill", "body+2", True),
    ("pain.marker.text", "pain.marker", "small", True),  # P1 badges on the curve and in the legend
    ("card.badge.text", "card.pains.badge", "small", True),  # P1 badges on pain cards
    ("card.badge.text", "card.opportunities.badge", "small", True),  # + badges
    ("emotion.callout.text", "emotion.callout", "small", True),  # lowest / highest tags
)
# Marks that carry meaning must stand out from what they sit on (WCAG 1.4.11 non-text contrast, 3:1).
MARK_PAIRS: tuple[tuple[str, str], ...] = (
    ("icon", "card.fill"),
    ("metric.below", "card.metrics.fill"),  # down triangle and accent bar
    ("metric.ok", "card.metrics.fill"),
    ("card.pains.accent", "card.pains.fill"),
    ("card.opportunities.accent", "card.opportunities.fill"),
    ("emotion.curve", "lane.band"),
    ("emotion.curve", "lane.band.alt"),
    ("pain.marker", "lane.band"),
    ("pain.marker", "lane.band.alt"),
    ("pain.marker", "canvas"),  # legend
    ("emotion.curve", "canvas"),
    ("emotion.curve", "emotion.positive"),
    ("emotion.curve", "emotion.negative"),
    *((f"persona.{k}", band) for k in range(5) for band in ("emotion.positive", "emotion.negative", "canvas")),
    ("emotion.callout", "emotion.positive"),  # the ring around the lowest and highest face
    ("emotion.callout", "emotion.negative"),
    ("badge.fill", "canvas"),
    ("persona.avatar", "persona.fill"),
    *((f"persona.{k}", "persona.fill") for k in range(5)),  # the avatar and band in the persona's colour
    *((("emotion.face.stroke", f"emotion.face.{i}")) for i in range(5)),  # eyes and mouth
)
THEMES = sorted(builtin_themes())
AAA_THEMES = {"high-contrast"}


def _size(g: Geometry, key: str) -> float:
    return g.size.body + 2 if key == "body+2" else float(getattr(g.size, key))


def _box(theme: Theme, role: str) -> str:
    """The colour a box role is filled with, resolved as the renderer does."""
    if role.endswith(".fill"):
        return theme.paint.part(role[: -len(".fill")], "fill")
    return theme.paint.part(role, "fill")


# --------------------------------------------------------------------------- the maths


def test_luminance_ends_and_mid_grey() -> None:
    assert relative_luminance("#000000") == 0.0
    assert relative_luminance("#ffffff") == pytest.approx(1.0)
    assert relative_luminance("#777777") == pytest.approx(0.1845, abs=1e-4)


def test_contrast_known_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#123456", "#123456") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the classic AA grey
    assert contrast_ratio("#777777", "#ffffff") < 4.5
    assert contrast_ratio("#595959", "#ffffff") == pytest.approx(7.0, abs=0.01)  # the classic AAA grey


def test_case_insensitive_and_bad_colour() -> None:
    assert relative_luminance("#FFAA00") == relative_luminance("#ffaa00")
    with pytest.raises(ValueError):
        relative_luminance("#fff")


def test_large_text_thresholds() -> None:
    assert is_large_text(24, False) and not is_large_text(23.9, False)
    assert is_large_text(18.66, True) and not is_large_text(18.66, False)
    assert required_ratio(12, False) == 4.5 and required_ratio(26, True) == 3.0
    assert required_ratio(12, False, "AAA") == 7.0 and required_ratio(26, True, "AAA") == 4.5


# --------------------------------------------------------------------------- the themes


@pytest.mark.parametrize("name", THEMES)
def test_text_contrast(name: str) -> None:
    """AA for every theme (AAA for high-contrast), for every text against the box it is drawn on."""
    theme = load_theme(name)
    level = "AAA" if name in AAA_THEMES else "AA"
    bad = []
    for text, bg, size_key, bold in TEXT_PAIRS:
        fg, back = theme.paint(text), _box(theme, bg)
        need = required_ratio(_size(theme.geometry, size_key), bold, level)
        ratio = contrast_ratio(fg, back)
        if ratio < need:
            bad.append(f"{text} {fg} on {bg} {back}: {ratio:.2f} < {need}")
    assert not bad, f"{name}: " + "; ".join(bad)


@pytest.mark.parametrize("name", THEMES)
def test_mark_contrast(name: str) -> None:
    theme = load_theme(name)
    bad = []
    for mark, bg in MARK_PAIRS:
        fg, back = theme.paint(mark), _box(theme, bg)
        if (ratio := contrast_ratio(fg, back)) < 3.0:
            bad.append(f"{mark} {fg} on {bg} {back}: {ratio:.2f}")
    assert not bad, f"{name}: " + "; ".join(bad)


def test_pairs_name_real_roles() -> None:
    """A typo in the pair table would otherwise test a fallback colour."""
    roles = load_theme("default").paint.colors
    for fg, bg, *_ in (*TEXT_PAIRS, *MARK_PAIRS):
        assert fg in roles, fg
        assert bg in roles, bg


def test_print_mono_is_grey() -> None:
    """Black-and-white laser printers: every colour a grey, so nothing relies on hue."""
    for role, c in load_theme("print-mono").paint.colors.items():
        assert c[1:3] == c[3:5] == c[5:7], f"{role} is {c}"
