"""Hyphenation of words too long for a line.  With MonoMeasurer at size 10 a character is 6 px."""

from __future__ import annotations

import subprocess
import sys

import pyphen
import pytest

from cjmrender.layout.engine import Options, layout
from cjmrender.layout.model import TextBlock, walk
from cjmrender.spec.loader import load_text
from cjmrender.text.hyphen import MAX_LETTERS
from cjmrender.text.measure import FontMeasurer, MonoMeasurer
from cjmrender.text.wrap import HYPHEN, wrap
from cjmrender.theme import load_theme

M = MonoMeasurer()
S = 10.0


def w(text: str, chars: float, lang: str | None = "en") -> tuple[str, ...]:
    """Wrap at a width of ``chars`` narrow characters."""
    return wrap(text, chars * 6, M, S, lang=lang)


def dictionary_points(word: str, lang: str = "en_US") -> list[int]:
    """Pyphen's own answer, asked directly: where the word may take a hyphen."""
    return [int(p) for p in pyphen.Pyphen(lang=lang, left=2, right=3).positions(word)]


def test_a_long_english_word_breaks_at_the_latest_dictionary_point_that_fits():
    word = "internationalization"
    lines = w(word, 10)
    assert lines == ("interna-", "tionaliza-", "tion")
    points = dictionary_points(word)
    at = 0
    for line in lines[:-1]:
        assert line.endswith(HYPHEN)
        at += len(line) - 1
        assert at in points
        later = [p for p in points if p > at]
        if later:  # the next point would not have fitted with its hyphen
            assert M.width(word[at - len(line) + 1:later[0]] + HYPHEN, S) > 60
    assert "".join(line.removesuffix(HYPHEN) for line in lines) == word


def test_the_hyphen_is_measured_in_the_right_weight():
    m = FontMeasurer()
    word = "Internationalization"
    for bold in (False, True):
        for width in (40.0, 55.0, 70.0, 90.0):
            lines = wrap(word, width, m, 14, bold, lang="en")
            assert any(line.endswith(HYPHEN) for line in lines)
            assert all(m.width(line, 14, bold) <= width + 1e-6 for line in lines), (lines, width)


def test_the_rest_of_the_line_follows_the_last_piece():
    assert w("see internationalization now", 10) == ("see", "interna-", "tionaliza-", "tion now")


def test_words_that_fit_are_never_hyphenated():
    assert w("the internationalization team", 20) == ("the", "internationalization", "team")
    assert w("customer onboarding", 10) == ("customer", "onboarding")


def test_where_no_point_fits_it_breaks_between_letters():
    assert w("internationalization", 2) == ("in", "te", "rn", "at", "io", "na", "li", "za", "ti", "on")
    assert w("rhythms", 4) == ("rhyt", "hms")  # no dictionary point in the word at all


def test_a_words_own_hyphen_or_slash_comes_first():
    assert w("well-known", 6) == ("well-", "known")
    assert w("and/or", 4) == ("and/", "or")
    assert w("self-service", 8) == ("self-", "service")


@pytest.mark.parametrize("word", [
    "https://example.com/internationalization",
    "www.internationalization.example",
    "internationalization@example.com",
    "internationalization2024",
    "12345678901234567890",
    "ISO-3166-internationalization",
    "internationalization_settings",
])
def test_urls_numbers_and_words_with_digits_are_not_hyphenated(word):
    assert w(word, 9) == w(word, 9, lang=None)


def test_runs_of_letters_longer_than_any_word_break_between_letters():
    """Pyphen costs ~9 us a letter: a hostile 4 MiB "word" must cost no more than plain wrapping."""
    word = "internationalization" * (MAX_LETTERS // 20 + 1)
    assert any(line.endswith(HYPHEN) for line in w(word[:MAX_LETTERS], 12))
    assert w(word[:MAX_LETTERS + 1], 12) == w(word[:MAX_LETTERS + 1], 12, lang=None)


def test_vietnamese_and_languages_without_a_dictionary_are_not_hyphenated():
    for lang in ("vi", "vi-VN", "xx", "", None):
        assert w("internationalization", 10, lang) == ("internatio", "nalization")


def test_other_languages_use_their_own_dictionary():
    word = "Donaudampfschifffahrtsgesellschaft"
    lines = w(word, 14, "de")
    points = dictionary_points(word, "de")
    at = 0
    for line in lines[:-1]:
        assert line.endswith(HYPHEN)
        at += len(line) - 1
        assert at in points
    assert "".join(line.removesuffix(HYPHEN) for line in lines) == word


def test_region_and_case_of_the_language_code_are_understood():
    assert w("internationalization", 10, "en-GB") != w("internationalization", 10, "vi")
    assert w("internationalization", 10, "EN_us") == w("internationalization", 10, "en")


def test_punctuation_around_a_word_stays_with_it():
    lines = w("(internationalization),", 10)
    assert lines[0].startswith("(interna") and lines[-1].endswith("),")
    assert all(line.endswith(HYPHEN) for line in lines[:-1])


def test_pyphen_is_imported_only_when_a_word_needs_breaking():
    code = ("import sys; from cjmrender.text import MonoMeasurer, wrap; m = MonoMeasurer(); "
            "wrap('a short label in English', 60, m, 10, lang='en'); print('pyphen' in sys.modules); "
            "wrap('internationalization', 60, m, 10, lang='en'); print('pyphen' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.split() == ["False", "True"]


MAP = """\
title: Hyphenation
locale: {locale}
stages:
  - name: Onboarding
    actions: [Internationalization]
  - name: Two
    actions: [Buys]
"""


@pytest.mark.parametrize("locale", ["en", "vi"])
def test_layout_passes_the_maps_language(locale):
    """The language comes from the map through the layout context: English hyphenates, Vietnamese does not."""
    journey = load_text(MAP.format(locale=locale), "map.yaml")
    diagram = layout(journey, load_theme("default").geometry, M, Options(width=420))
    card = next(el.lines for el in walk(diagram.root) if isinstance(el, TextBlock)
                and "".join(ln.removesuffix(HYPHEN) for ln in el.lines) == "Internationalization")
    assert len(card) > 1  # the word was too long for its card
    assert any(ln.endswith(HYPHEN) for ln in card) == (locale == "en"), card
