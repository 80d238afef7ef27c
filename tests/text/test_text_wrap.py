"""Line breaking examples.  With MonoMeasurer at size 10 a character is 6 px, a wide one 10 px."""

from __future__ import annotations

import unicodedata

import pytest

from cjmrender.text.measure import FontMeasurer, MonoMeasurer
from cjmrender.text.wrap import MIN_CONTENT_GRAPHEMES, content_widths, wrap

M = MonoMeasurer()
S = 10.0


def w(text: str, chars: float) -> tuple[str, ...]:
    """Wrap at a width of ``chars`` narrow characters."""
    return wrap(text, chars * 6, M, S)


def test_greedy_fill():
    assert w("the quick brown fox", 9) == ("the quick", "brown fox")
    assert w("the quick brown fox", 8) == ("the", "quick", "brown", "fox")
    assert w("the quick brown fox", 100) == ("the quick brown fox",)


def test_spaces_collapse_and_lines_are_trimmed():
    assert w("  a \t  b   c  ", 100) == ("a b c",)
    assert w("a    b", 1) == ("a", "b")


def test_explicit_newlines_always_break():
    assert w("one\ntwo", 100) == ("one", "two")
    assert w("one\r\ntwo\rthree\u2028four", 100) == ("one", "two", "three", "four")
    assert w("\n\n  one\n\n\ntwo \n \n", 100) == ("one", "", "", "two")


def test_empty_text():
    assert w("", 10) == ()
    assert w(" \n\t ", 10) == ()


def test_nan_width_is_rejected():
    with pytest.raises(ValueError):
        wrap("a", float("nan"), M, S)


def test_infinite_width_never_breaks():
    assert wrap("a b c", float("inf"), M, S) == ("a b c",)


def test_break_after_hyphen_slash_and_dashes():
    assert w("well-known", 6) == ("well-", "known")
    assert w("and/or", 4) == ("and/", "or")
    assert w("2020–2024", 5) == ("2020–", "2024")
    assert w("yes—no", 4) == ("yes—", "no")
    assert w("a well-known fact", 7) == ("a well-", "known", "fact")


def test_no_break_after_leading_or_doubled_break_characters():
    assert w("-5 //x a--b", 3) == ("-5", "//x", "a--", "b")


def test_no_break_between_hyphen_and_digit():
    assert w("COVID-19", 7) == ("COVID-1", "9")  # only the overflow hard break, not "COVID-" / "19"
    assert w("COVID-19 now", 8) == ("COVID-19", "now")


def test_url_points_are_used_only_for_a_segment_that_does_not_fit():
    url = "example.com?a=1&b=2"
    assert w(f"see {url}", 100) == (f"see {url}",)
    assert w(f"see {url}", 12) == ("see", "example.com?", "a=1&b=2")
    assert w("e.g. this", 5) == ("e.g.", "this")


def test_overlong_token_breaks_between_graphemes_without_overflow():
    assert w("abcdefghij", 4) == ("abcd", "efgh", "ij")
    assert w("ab abcdefghij cd", 4) == ("ab", "abcd", "efgh", "ij", "cd")


def test_cjk_breaks_between_ideographs():
    assert wrap("日本語テキスト", 30, M, S) == ("日本語", "テキス", "ト")
    assert wrap("東京 大阪", 30, M, S) == ("東京", "大阪")
    assert wrap("abc日本", 30, M, S) == ("abc日", "本")


def test_korean_breaks_only_between_words():
    assert wrap("리뷰를 읽고 사이즈를 고른다", 40, M, S) == ("리뷰를", "읽고", "사이즈를", "고른다")
    assert wrap("리뷰를 읽고 사이즈를 고른다", 70, M, S) == ("리뷰를 읽고", "사이즈를", "고른다")
    assert wrap("API를 쓴다", 50, M, S) == ("API를", "쓴다")  # a particle stays on its Latin word
    assert content_widths("리뷰를 사이즈를", M, S) == (40.0, 76.0)  # min-content: the widest word


def test_a_korean_word_longer_than_the_line_breaks_between_syllables():
    assert wrap("사이즈를", 20, M, S) == ("사이", "즈를")
    assert wrap("사이즈를", 5, M, S) == ("사", "이", "즈", "를")  # one syllable wider than the line stands alone


def test_cjk_punctuation_does_not_start_or_end_a_line():
    assert wrap("日本語。日本", 30, M, S) == ("日本", "語。日", "本")
    assert wrap("日「本」語", 30, M, S) == ("日", "「本」", "語")
    for line in wrap("日本「語」です。はい、そう", 30, M, S):
        assert line[0] not in "」。、" and line[-1] != "「"


def test_no_break_spaces_glue():
    assert w("10\u00a0000\u00a0VND price", 10) == ("10\u00a0000\u00a0VND", "price")
    assert wrap("日\u00a0本", 10, M, S) == ("日", "\u00a0", "本")  # hard break only: nothing else fits


def test_grapheme_clusters_are_never_split():
    decomposed = unicodedata.normalize("NFD", "hợp")
    assert wrap(decomposed, 6, M, S) == ("h", "ợ", "p")  # NFC first, then one character per line
    family = "👨\u200d👩\u200d👧"
    assert wrap(f"{family}🇻🇳🇯🇵", 10, M, S) == (family, "🇻🇳", "🇯🇵")
    thumbs = "👍🏽"
    assert wrap(f"a{thumbs}b", 1, M, S) == ("a", thumbs, "b")


def test_a_cluster_wider_than_the_line_stands_alone():
    assert wrap("a日b", 7, M, S) == ("a", "日", "b")


def test_space_before_a_combining_mark_is_its_base():
    lines = wrap("ab \u0301cd ef", 1, M, S)
    assert all(not unicodedata.combining(line[0]) for line in lines)
    assert "".join("".join(lines).split()) == "ab\u0301cdef"


def test_vietnamese_syllables_are_never_split():
    text = "Giày này có hợp chân bè không?"
    for limit in (6, 7, 10, 15, 20, 40):
        lines = w(text, limit)
        assert " ".join(lines) == text
        assert all(set(line.split()) <= set(text.split()) for line in lines)


def test_vietnamese_with_arimo():
    m = FontMeasurer()
    text = "Giày này có hợp chân bè không?"
    lo, hi = content_widths(text, m, 14)
    assert lo == m.width("không?", 14)
    assert hi == pytest.approx(m.width(text, 14), abs=1e-9)
    for width in (lo, lo + 7, 60, 100, hi):
        lines = wrap(text, width, m, 14)
        assert " ".join(lines) == text
        assert all(m.width(line, 14) <= width + 1e-6 for line in lines)


def test_content_widths():
    assert content_widths("", M, S) == (0.0, 0.0)
    assert content_widths("the quick\nbrown fox jumps", M, S) == (30.0, 90.0)
    assert content_widths("well-known", M, S) == (30.0, 60.0)  # "known" vs "well-"
    assert content_widths("日本語", M, S) == (10.0, 30.0)


def test_min_content_caps_long_words():
    word16 = "a" * MIN_CONTENT_GRAPHEMES
    assert content_widths(word16, M, S)[0] == 6.0 * MIN_CONTENT_GRAPHEMES
    # 17..32 graphemes: two runs of about half the word
    assert content_widths("a" * 17, M, S)[0] == 6.0 * 9
    assert content_widths("a" * 32, M, S)[0] == 6.0 * 16
    assert content_widths("a" * 33, M, S)[0] == 6.0 * 11
    assert w("a" * 17, 9) == ("a" * 9, "a" * 8)


def test_wrapping_at_max_content_only_collapses_whitespace():
    text = "the  quick brown\nfox jumps over\n\nthe lazy dog"
    _, hi = content_widths(text, M, S)
    assert wrap(text, hi, M, S) == ("the quick brown", "fox jumps over", "", "the lazy dog")


def test_wrapping_at_min_content_keeps_short_words_whole_and_never_overflows():
    m = FontMeasurer()
    text = ("Donaudampfschifffahrtsgesellschaftskapitänsmützenbesitzerinnenverein-style words and "
            "https://shop.example.com/collections/running?utm_source=newsletter&utm_medium=email")
    lo, _ = content_widths(text, m, 12)
    lines = wrap(text, lo, m, 12)
    assert all(m.width(line, 12) <= lo + 1e-6 for line in lines)
    for word in ("style", "words", "and", "collections/", "running?"):
        assert any(word in line for line in lines), word


def test_bold_is_measured_bold():
    m = FontMeasurer()
    text = "Mua giày chạy bộ online"
    width = m.width(text, 14, bold=False) + 0.5
    assert wrap(text, width, m, 14) == (text,)
    assert len(wrap(text, width, m, 14, bold=True)) == 2
