"""Dictionary hyphenation points for words too long for a line (Pyphen's patterns).

Only :mod:`cjmrender.text.wrap` asks, and only for a word wider than a whole
line, so most maps never import Pyphen.  When one does, the cost is paid once
per process and language: importing Pyphen (~4 ms beyond what the renderer
already imports) and parsing its pattern file (~80 ms for ``en_US``, more
than half a second for ``de_DE``), which is why both are deferred and the
hyphenator is kept for later maps in the same process.

Which words: only a run of letters (no digits, no URL or e-mail characters,
no hyphen or slash of its own), after opening and closing punctuation is set
aside; and not East Asian wide text, which breaks per character (or per word
in Korean).  Points come from the dictionary for the map's language;
Vietnamese never hyphenates (its words are single syllables), and a
language without a Pyphen dictionary does not either.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .chars import is_mark, is_wide

MIN_LEFT = 2
"""Letters a hyphenated word keeps before its first break (TeX's ``\\lefthyphenmin`` for English)."""
MIN_RIGHT = 3
"""Letters a hyphenated word keeps after its last break (TeX's ``\\righthyphenmin`` for English)."""
MAX_LETTERS = 100
"""Longer runs of letters are no dictionary word (the longest German compounds have about 80):
they break between letters, which keeps a hostile map's cost at plain wrapping's (Pyphen takes
about 9 us per letter)."""

NEVER = frozenset({"vi"})
"""Languages whose words are never hyphenated."""
DICTIONARY = {"en": "en_US"}
"""The Pyphen dictionary for a language where its own choice differs (bare ``en`` would be British)."""


def base_language(lang: str | None) -> str:
    """``"en"`` for ``"en-GB"``, ``"en_US"`` or ``"EN"``; ``""`` for no language."""
    return (lang or "").replace("-", "_").split("_")[0].lower()


def may_hyphenate(lang: str | None) -> bool:
    """Whether ``lang`` could have hyphenation points at all, decided without loading anything."""
    base = base_language(lang)
    return bool(base) and base not in NEVER


def hyphenable_core(word: str) -> tuple[int, int] | None:
    """``(start, end)`` of the letters to hyphenate in ``word``, or None when it must not be.

    Leading and trailing punctuation (``(``, ``"``, ``,``, an existing
    trailing hyphen...) is left outside the core; everything inside must be
    a letter or a mark on one.
    """
    start, end = 0, len(word)
    while start < end and not word[start].isalpha():
        start += 1
    while end > start and not (word[end - 1].isalpha() or is_mark(word[end - 1])):
        end -= 1
    if not MIN_LEFT + MIN_RIGHT <= end - start <= MAX_LETTERS:
        return None
    for ch in word[start:end]:
        if not (ch.isalpha() or is_mark(ch)) or is_wide(ch):
            return None
    return start, end


def points(word: str, lang: str | None) -> tuple[int, ...]:
    """Offsets into ``word`` (ascending) where a hyphen may be inserted, for the dictionary of ``lang``.

    Empty when ``word`` or ``lang`` must not be hyphenated (module docstring).
    """
    if not may_hyphenate(lang):
        return ()
    core = hyphenable_core(word)
    if core is None:
        return ()
    start, end = core
    found = _core_points(word[start:end], (lang or "").replace("-", "_").lower())
    return tuple(start + p for p in found)


@lru_cache(maxsize=4096)
def _core_points(core: str, lang: str) -> tuple[int, ...]:
    hyphenator = _hyphenator(lang)
    if hyphenator is None or len(core.lower()) != len(core):  # lower() must keep offsets (not so for "İ")
        return ()
    # a point with data is a spelling change at the break (old German "ck" -> "k-k"): only plain hyphens here
    return tuple(int(p) for p in hyphenator.positions(core) if not getattr(p, "data", None))


@lru_cache(maxsize=16)
def _hyphenator(lang: str) -> Any:
    """The Pyphen hyphenator for ``lang`` (lower case, ``_`` before a region), loaded once per process.

    None when Pyphen has no dictionary for the language.
    """
    import pyphen  # deferred: see the module docstring

    name = pyphen.language_fallback(DICTIONARY.get(lang, lang))
    if name is None:
        return None
    return pyphen.Pyphen(lang=name, left=MIN_LEFT, right=MIN_RIGHT)
