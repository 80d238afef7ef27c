"""Character classes shared by the measurers and the line breaker.

These are deliberately small approximations of Unicode's rules (UAX #29
grapheme clusters, UAX #11 East Asian Width, default-ignorable code points):
enough for labels in Latin, Vietnamese, CJK and emoji, and cheap because
they use only :mod:`unicodedata`.
"""

from __future__ import annotations

import unicodedata

category = unicodedata.category
"""Unicode general category of a character (re-exported for the measurers)."""
_combining = unicodedata.combining
_east_asian_width = unicodedata.east_asian_width

ZWJ = "\u200d"

NO_BREAK_SPACES = frozenset("\u00a0\u2007\u202f")
"""Spaces that look like spaces but must never become a line break or be collapsed."""

_IGNORABLE_EXTRA = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0")
"""Default-ignorable code points that are not in category Cf (combining grapheme joiner, fillers)."""


def nfc(text: str) -> str:
    """``text`` in Unicode NFC; the quick check makes the common already-NFC case cheap."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def is_wide(ch: str) -> bool:
    """East Asian Wide or Fullwidth: ideographs, kana, hangul, most emoji."""
    return _east_asian_width(ch) in ("W", "F")


def is_hangul(ch: str) -> bool:
    """Hangul syllables and jamo (also compatibility and halfwidth forms): Korean, written with spaces between words."""
    cp = ord(ch)
    return (0xAC00 <= cp <= 0xD7FF or 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F
            or 0xA960 <= cp <= 0xA97F or 0xFFA0 <= cp <= 0xFFDC)


def is_mark(ch: str) -> bool:
    """A combining mark: it draws on the character before it."""
    return _combining(ch) != 0 or category(ch) in ("Mn", "Me", "Mc")


def _is_variation_selector(cp: int) -> bool:
    return 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF or 0x180B <= cp <= 0x180F


def is_ignorable(ch: str) -> bool:
    """Default-ignorable: shapers (HarfBuzz, so every browser) draw these with zero advance.

    That includes the soft hyphen and U+FEFF, which Arimo maps to glyphs
    with a non-zero advance that is never shown.
    """
    return category(ch) == "Cf" or ch in _IGNORABLE_EXTRA or _is_variation_selector(ord(ch))


def is_zero_width(ch: str) -> bool:
    """Characters that take no horizontal room whatever the font: marks, ignorables, controls.

    Spacing marks (``Mc``, e.g. Devanagari vowel signs) do take room and are not included.
    """
    return (_combining(ch) != 0 or category(ch) in ("Mn", "Me", "Cc", "Cf")
            or ch in _IGNORABLE_EXTRA or _is_variation_selector(ord(ch)))


def extends(ch: str) -> bool:
    """Whether ``ch`` continues the grapheme cluster before it (UAX #29 Extend/SpacingMark/ZWJ)."""
    if is_mark(ch) or ch == ZWJ:
        return True
    cp = ord(ch)
    return (_is_variation_selector(cp)
            or 0x1F3FB <= cp <= 0x1F3FF  # emoji skin-tone modifiers
            or 0xE0020 <= cp <= 0xE007F)  # tag characters (subdivision flags)


def is_regional_indicator(ch: str) -> bool:
    """Half of a flag: flags are pairs of these."""
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def _jamo_continues(prev: str, ch: str) -> bool:
    """Old-style hangul jamo sequences NFC cannot compose: medial vowels and finals join the syllable."""
    cp, pp = ord(ch), ord(prev)
    if not (0x1160 <= cp <= 0x11FF or 0xD7B0 <= cp <= 0xD7FF):
        return False
    return 0x1100 <= pp <= 0x11FF or 0xA960 <= pp <= 0xA97F or 0xD7B0 <= pp <= 0xD7FF or 0xAC00 <= pp <= 0xD7A3


def graphemes(text: str) -> list[str]:
    """Split ``text`` into grapheme-ish clusters: a base character and everything that attaches to it.

    Attaching: combining marks, variation selectors, emoji modifiers and
    tags, the character after a ZWJ (emoji sequences), the second regional
    indicator of a flag, trailing conjoining jamo.  A mark with no base
    before it forms a cluster of its own.
    """
    if text.isascii():
        return list(text)
    out: list[str] = []
    join_next = False
    open_flag = False
    for ch in text:
        ri = is_regional_indicator(ch)
        if out and (join_next or extends(ch) or (ri and open_flag) or _jamo_continues(out[-1][-1], ch)):
            out[-1] += ch
            if ri:
                open_flag = False
        else:
            out.append(ch)
            open_flag = ri
        join_next = ch == ZWJ
    return out
