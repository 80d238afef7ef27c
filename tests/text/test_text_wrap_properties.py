"""Properties of wrap/content_widths on generated mixed-script text."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjmrender.text.chars import ZWJ, extends, graphemes
from cjmrender.text.measure import FontMeasurer, MonoMeasurer
from cjmrender.text.wrap import MIN_CONTENT_GRAPHEMES, content_widths, wrap

FONT = FontMeasurer()
MONO = MonoMeasurer()
MEASURERS = st.sampled_from([FONT, MONO])
SIZES = st.sampled_from([9.0, 10.5, 12.0, 14.0, 26.0])

VIETNAMESE = ["Giày", "này", "có", "hợp", "chân", "bè", "không?", "Nguyễn", "Thị", "Lan", "nhân", "viên", "văn",
              "phòng", "Hà", "Nội", "thuộc", "trưởng", "được", "người", "mua", "sắm", "trực", "tuyến", "điểm",
              "chạm", "cảm", "xúc", "giỏ", "hàng", "ổn", "định", "khuyến", "mãi", "nghiêng", "Nguyễn"]
LATIN = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789'"), min_size=1, max_size=24)
CJK = st.text(st.sampled_from("日本語中文東京大阪한국어テキストかなカナ。、「」ー"), min_size=1, max_size=12)
EMOJI = st.sampled_from(["😀", "👨\u200d👩\u200d👧", "🇻🇳", "👍🏽", "❤\ufe0f", "🏳\ufe0f\u200d🌈"])
URL = st.builds(lambda host, path, q: f"https://{host}.example.com/{path}?utm_source={q}&x=1_2",
                st.text("abcxyz", min_size=1, max_size=10), st.text("abc-/", min_size=0, max_size=30),
                st.text("abcdef=", min_size=0, max_size=20))
DECOMPOSED = st.sampled_from(VIETNAMESE).map(lambda s: unicodedata.normalize("NFD", s))
PUNCT = st.sampled_from(["-", "/", "—", "–", "well-known", "and/or", "COVID-19", "10\u00a0000", "(ok)", "e.g."])
ATOM = st.one_of(st.sampled_from(VIETNAMESE), LATIN, CJK, EMOJI, URL, DECOMPOSED, PUNCT)
SEP = st.sampled_from([" ", " ", " ", "  ", "\t", "\n", "\n\n", "", " \u200b"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    atoms = draw(st.lists(ATOM, max_size=25))
    seps = draw(st.lists(SEP, min_size=len(atoms), max_size=len(atoms)))
    return draw(SEP) + "".join(a + s for a, s in zip(atoms, seps))


@st.composite
def case(draw: st.DrawFn, text_strategy: st.SearchStrategy[str]) -> tuple[str, object, float, bool, float]:
    text = draw(text_strategy)
    m = draw(MEASURERS)
    size = draw(SIZES)
    bold = draw(st.booleans())
    lo, hi = content_widths(text, m, size, bold)
    width = lo + draw(st.floats(0.0, 1.0)) * max(hi - lo, 1.0) * 1.2
    return text, m, size, bold, width


def squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).split())


COLLAPSIBLE = re.compile("[^\\S\u00a0\u2007\u202f]+")
"""Whitespace wrap may break at (no-break spaces excluded)."""

COMMON = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@COMMON
@given(case(texts()))
def test_lines_fit_and_keep_every_character(c):
    text, m, size, bold, width = c
    lines = wrap(text, width, m, size, bold)
    for line in lines:
        assert m.width(line, size, bold) <= width + 1e-6, (line, width)
        assert line == line.strip(" \t")
    assert squash("".join(lines)) == squash(text)
    assert wrap(text, width, m, size, bold) == lines


@COMMON
@given(case(texts()))
def test_no_line_starts_inside_a_grapheme_cluster(c):
    text, m, size, bold, width = c
    for line in wrap(text, width, m, size, bold):
        if line:
            assert not extends(line[0]), line
            assert not line.endswith(ZWJ), line


@COMMON
@given(case(texts()))
def test_at_min_content_or_wider_short_words_stay_whole(c):
    """Plain words of up to MIN_CONTENT_GRAPHEMES clusters are never broken once width >= min-content."""
    text, m, size, bold, width = c
    lines = wrap(text, width, m, size, bold)
    for word in COLLAPSIBLE.split(unicodedata.normalize("NFC", text)):
        plain = all(ch.isalnum() or extends(ch) for ch in word) and not any(
            unicodedata.east_asian_width(ch) in "WF" for ch in word)
        if word and plain and len(graphemes(word)) <= MIN_CONTENT_GRAPHEMES:
            assert any(word in line for line in lines), (word, lines)


@COMMON
@given(texts(), MEASURERS, SIZES)
def test_max_content_is_the_unwrapped_layout(text, m, size):
    lo, hi = content_widths(text, m, size)
    assert 0.0 <= lo <= hi + 1e-9
    lines = wrap(text, hi, m, size)
    assert lines == wrap(text, float("inf"), m, size)
    if lines:
        assert abs(max(m.width(line, size) for line in lines) - hi) <= 1e-6


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60), st.floats(0.0, 400.0), MEASURERS)
def test_arbitrary_unicode_never_crashes_and_loses_nothing(text, width, m):
    lines = wrap(text, width, m, 12.0)
    assert squash("".join(lines)) == squash(text)
    for line in lines:
        clusters = graphemes(line)
        assert m.width(line, 12.0) <= width + 1e-6 or len(clusters) == 1, (line, width)
    lo, _ = content_widths(text, m, 12.0)
    for line in wrap(text, lo, m, 12.0):
        assert m.width(line, 12.0) <= lo + 1e-6


# --- hyphenation and Korean -------------------------------------------------------------------

LANGS = st.sampled_from(["en", "vi", "de", None])
ENGLISH = st.sampled_from(["internationalization", "responsibilities", "recommendations", "characteristics",
                           "personalization", "troubleshooting", "Onboarding", "customer", "satisfaction",
                           "experience", "a", "to", "rhythms", "strengths", "(unbelievable),"])
LETTERS = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzéüñ"), min_size=1, max_size=30)
HANGUL = st.text(st.sampled_from("리뷰를읽고사이즈고른다한국어배송반품정책꼼꼼히확인"), min_size=1, max_size=8)
WORD_SEP = st.sampled_from([" ", "  ", "\n"])


def words_text(words: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(st.tuples(words, WORD_SEP), min_size=1, max_size=12).map(
        lambda pairs: "".join(a + s for a, s in pairs))


def unhyphenate(lines: tuple[str, ...], text: str) -> str:
    """The lines joined without the hyphens wrap inserted (each must end a line, between two letters)."""
    want = squash(text)
    at = 0
    for line in lines:
        piece = squash(line)
        if piece.endswith("-") and not want.startswith(piece, at):
            piece = piece[:-1]
            assert piece[-1:].isalpha() and want[at + len(piece):][:1].isalpha(), (line, lines)
        assert want.startswith(piece, at), (piece, want[at:], lines)
        at += len(piece)
    return want[:at]


@COMMON
@given(case(st.one_of(texts(), words_text(ENGLISH), words_text(LETTERS))), LANGS)
def test_with_a_language_lines_fit_and_removing_inserted_hyphens_gives_the_text(c, lang):
    text, m, size, bold, width = c
    lines = wrap(text, width, m, size, bold, lang=lang)
    for line in lines:
        assert m.width(line, size, bold) <= width + 1e-6 or len(graphemes(line)) == 1, (line, width)
    assert unhyphenate(lines, text) == squash(text)


@COMMON
@given(case(words_text(ENGLISH)))
def test_english_is_hyphenated_only_where_cluster_breaks_were(c):
    """Words that fit stay whole, and lines differ from language-less wrapping only by hyphenated words."""
    text, m, size, bold, width = c
    lines = wrap(text, width, m, size, bold, lang="en")
    plain = wrap(text, width, m, size, bold)
    for word in COLLAPSIBLE.split(text):
        if word and m.width(word, size, bold) <= width:
            assert any(word in line.split() for line in lines), (word, lines)
    if lines == plain:
        return
    assert any(line.endswith("-") for line in lines)


@COMMON
@given(st.lists(st.sampled_from(VIETNAMESE), min_size=1, max_size=12).map(" ".join), MEASURERS, SIZES,
       st.floats(1.0, 200.0))
def test_vietnamese_never_gets_an_inserted_hyphen(text, m, size, width):
    lines = wrap(text, width, m, size, lang="vi")
    assert not any("-" in line for line in lines)
    assert lines == wrap(text, width, m, size)


@COMMON
@given(case(words_text(HANGUL)), LANGS)
def test_korean_words_are_never_split_when_they_fit(c, lang):
    text, m, size, bold, width = c
    lines = wrap(text, width, m, size, bold, lang=lang)
    for word in text.split():
        if m.width(word, size, bold) <= width:
            assert any(word in line.split() for line in lines), (word, lines)
    for line in lines:
        assert m.width(line, size, bold) <= width + 1e-6 or len(graphemes(line)) == 1
    assert squash("".join(lines)) == squash(text)  # no hyphen was added
