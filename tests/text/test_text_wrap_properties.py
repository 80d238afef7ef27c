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
