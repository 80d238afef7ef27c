"""Measurers: widths come from the bundled Arimo files, estimates for what Arimo lacks."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from cjmrender.text.measure import (
    BOLD_FILE,
    METRICS_FILE,
    REGULAR_FILE,
    FontMeasurer,
    MonoMeasurer,
    TextMeasurer,
    build_metrics_table,
    default_measurer,
    dump_metrics_table,
    face_metrics,
    load_metrics_table,
    metrics_path,
)

FONTS = Path(__file__).resolve().parents[2] / "cjmrender" / "fonts"


@pytest.fixture(scope="module")
def arimo() -> dict[bool, TTFont]:
    return {False: TTFont(FONTS / REGULAR_FILE), True: TTFont(FONTS / BOLD_FILE)}


def font_advance(font: TTFont, ch: str) -> int:
    return font["hmtx"].metrics[font.getBestCmap()[ord(ch)]][0]


# --- bundled data -------------------------------------------------------------------------------


def test_fonts_and_licence_are_bundled():
    for name in (REGULAR_FILE, BOLD_FILE, "OFL.txt", METRICS_FILE):
        assert (FONTS / name).is_file(), name
    licence = (FONTS / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in licence and "Version 1.1" in licence
    assert "Copyright 2010 Google Inc." in licence
    assert metrics_path() == FONTS / METRICS_FILE


def test_committed_metrics_table_is_rebuilt_from_the_ttf_files():
    """The widths provably come from the font files the package ships (run `python -m cjmrender.text`)."""
    assert dump_metrics_table(build_metrics_table()) == metrics_path().read_text(encoding="utf-8")


def test_table_round_trips_to_the_same_metrics_as_fonttools():
    regular, bold = load_metrics_table(metrics_path())
    assert regular == face_metrics(FONTS / REGULAR_FILE)
    assert bold == face_metrics(FONTS / BOLD_FILE)
    assert (regular.units_per_em, regular.ascent, regular.descent) == (2048, 1854, 434)


def test_vertical_metrics_are_hhea_and_match_win_metrics(arimo):
    for font in arimo.values():
        assert not font["OS/2"].fsSelection & (1 << 7)  # no USE_TYPO_METRICS: browsers use hhea
        assert (font["hhea"].ascent, -font["hhea"].descent) == (font["OS/2"].usWinAscent, font["OS/2"].usWinDescent)
    m = FontMeasurer()
    assert m.ascent(2048) == arimo[False]["hhea"].ascent == 1854
    assert m.descent(2048) == -arimo[False]["hhea"].descent == 434
    assert m.ascent(10) == pytest.approx(10 * 1854 / 2048)


# --- FontMeasurer -------------------------------------------------------------------------------


def test_known_arimo_advances(arimo):
    m = FontMeasurer()
    assert m.width("a", 2048) == 1139.0
    assert m.width("a", 2048, bold=True) == 1139.0
    assert m.width("W", 2048) == 1933.0
    assert m.width("ợ", 2048) == 1343.0
    assert m.width("ợ", 2048, bold=True) == 1456.0
    for bold, font in arimo.items():
        for ch in "aW .,ợĐêế€—“":
            assert m.width(ch, 2048, bold) == font_advance(font, ch), (ch, bold)


def test_width_is_the_sum_of_advances_scaled(arimo):
    m = FontMeasurer()
    text = "Giày này có hợp chân bè không?"
    units = sum(font_advance(arimo[False], ch) for ch in text)
    assert m.width(text, 13.5) == pytest.approx(units * 13.5 / 2048, abs=1e-9)
    assert m.width(text, 12, bold=True) > m.width(text, 12)


def test_text_is_nfc_normalised_before_measuring():
    m = FontMeasurer()
    composed = "Nguyễn hợp"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert m.width(decomposed, 14) == m.width(composed, 14)


def test_zero_width_characters():
    m = FontMeasurer()
    base = m.width("ab", 14)
    for ch in ("\u0301", "\u00ad", "\ufeff", "\u200b", "\u200d", "\ufe0f", "\u2060"):
        assert m.width(f"a{ch}b", 14) == base, repr(ch)


def test_estimates_for_characters_arimo_lacks():
    m = FontMeasurer()
    assert m.width("日本", 10) == 20.0  # East Asian wide: 1 em each
    assert m.width("😀", 10) == 10.0
    assert m.width("\u0e01", 10) == pytest.approx(6.0)  # Thai ko kai: not wide, not in Arimo -> 0.6 em
    assert m.width("\u0e01\u0e34", 10) == pytest.approx(6.0)  # plus a combining vowel sign: 0


def test_tab_measures_as_a_space():
    m = FontMeasurer()
    assert m.width("a\tb", 12) == m.width("a b", 12)


def test_missing_reports_sorted_unique_non_whitespace():
    m = FontMeasurer()
    assert m.missing("Giày này có hợp chân bè không? — “ok” 10 €") == ""
    assert m.missing("日本 日\t😀 \u200d\ufe0f\u00a0\x01 x") == "".join(sorted("日本😀"))
    assert m.missing(unicodedata.normalize("NFD", "ợ")) == ""


def test_memo_is_bounded(monkeypatch):
    from cjmrender.text import measure

    monkeypatch.setattr(measure, "_CACHE_MAX", 4)
    m = FontMeasurer()
    for i in range(10):
        assert m.width(f"w{i}", 10) == m.width(f"w{i}", 10)
    assert all(len(memo) <= 4 for memo in m._memo)


def test_from_faces_measures_like_the_bundled_table():
    custom = FontMeasurer.from_faces(face_metrics(FONTS / REGULAR_FILE), face_metrics(FONTS / BOLD_FILE))
    m = FontMeasurer()
    for text in ("Hello, world", "Giày này", "日本"):
        assert custom.width(text, 11) == m.width(text, 11)
        assert custom.width(text, 11, True) == m.width(text, 11, True)


def test_default_measurer_is_shared():
    assert default_measurer() is default_measurer()
    assert isinstance(default_measurer(), FontMeasurer)


def test_measurers_satisfy_the_protocol():
    def use(m: TextMeasurer) -> float:
        return m.width("x", 10) + m.ascent(10) + m.descent(10) + len(m.missing("x"))

    assert use(FontMeasurer()) > 0
    assert use(MonoMeasurer()) > 0


# --- MonoMeasurer -------------------------------------------------------------------------------


def test_mono_widths():
    m = MonoMeasurer()
    assert m.width("abc", 10) == 18.0
    assert m.width("abc", 10, bold=True) == 18.0
    assert m.width("日本", 10) == 20.0
    assert m.width("a b", 10) == 18.0
    assert m.width(unicodedata.normalize("NFD", "hợp"), 10) == 18.0
    assert m.width("👍🏽", 10) == 20.0  # emoji sequences are overestimated (a cell per wide code point): safe
    assert m.width("", 10) == 0.0


def test_mono_vertical_and_missing():
    m = MonoMeasurer()
    assert (m.ascent(10), m.descent(10)) == (8.0, 2.0)
    assert m.missing("日本😀") == ""
