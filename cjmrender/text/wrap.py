"""Greedy line breaking and min/max-content widths: the project's only line breaker.

Text is NFC-normalised, split into explicit lines at newlines, and each line
into words at runs of spaces/tabs (no-break spaces are not separators).  A
word splits further into *segments* at break opportunities (a small subset of
UAX #14):

* after ``-``, ``/``, U+2010, en dash, em dash and U+200B, if something other
  than those came earlier in the word (``-5`` and ``//`` stay whole) and,
  for hyphens, not before a digit (``COVID-19``);
* before and after any East Asian wide character (ideographs, kana, emoji),
  except before closing and after opening punctuation (``。``, ``」``,
  ``(``, small kana, ...), and between two flags.  Hangul is the exception:
  Korean puts spaces between words, so next to a Hangul character there is
  no such opportunity (CSS ``word-break: keep-all``) and ``API를`` or
  ``사이즈를`` stays whole.

Segments are packed greedily.  A segment wider than the line starts a new
line and is broken at *URL* opportunities (after ``.?&=_:#;,+~@|\\``).  A
piece still too wide is hyphenated when the wrapper is given a language with
a dictionary (:mod:`cjmrender.text.hyphen`): each line ends at the latest
dictionary point whose text plus a visible ``-`` fits.  Words with a digit or
a URL character inside (URLs, e-mail addresses, numbers, codes) are never
hyphenated, and a word's own hyphens and slashes are used first, since they
cut it into segments before any of this.  Where no point fits, or without a
language, the piece breaks between grapheme clusters with no hyphen.  A
grapheme cluster is never split, so no line starts with a combining mark
that had a base.

Every line fits ``max_width`` except a single grapheme cluster wider than
``max_width``, which then stands alone on its line.  Fits are tested with a
tolerance of 1e-7 px so that the sum-of-parts arithmetic here and a caller's
``width(line)`` (or ``min_content + pad - pad``) may differ in the last bit.

Min-content (see :func:`content_widths`): the widest segment, where a segment
of more than :data:`MIN_CONTENT_GRAPHEMES` grapheme clusters counts only as
wide as its widest run of ``ceil(n / ceil(n / 16))`` consecutive clusters.  So
a long URL or compound word does not force a wide column; at that width it
breaks into about ``n / 16`` similar pieces, while any word of up to 16
clusters stays whole.  Since each counted run holds at least one whole
cluster, wrapping at min-content never overflows.  Min-content does not
depend on the language: hyphenation only ever replaces a break between
clusters by an earlier one that fits.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from functools import lru_cache

from .chars import NO_BREAK_SPACES, extends, graphemes, is_hangul, is_regional_indicator, is_wide, nfc
from .hyphen import may_hyphenate, points
from .measure import TextMeasurer

MIN_CONTENT_GRAPHEMES = 16
"""Words up to this many grapheme clusters are never broken at min-content width."""

FIT_TOLERANCE = 1e-7
"""px a line may exceed ``max_width`` by: only float summation noise, never visible."""

BREAK_AFTER = frozenset("-/\u2010\u2013\u2014\u200b")
"""Break after these inside a word: hyphen-minus, slash, hyphen, en dash, em dash, zero-width space."""
_HYPHENS = frozenset("-\u2010")
URL_BREAK_AFTER = frozenset(".?&=_:#;,+~@|\\")
"""Extra break points used only inside a segment that does not fit on a line by itself."""
HYPHEN = "-"
"""Drawn at the end of a line that breaks a word at a dictionary hyphenation point."""
_NOT_HYPHENATED = re.compile("\\d|[" + re.escape("".join(sorted(URL_BREAK_AFTER))) + "](?=[\\w/])")
"""A digit, or a URL character inside the word: a number, code, URL or e-mail address."""

NO_BREAK_BEFORE = frozenset(
    "!%),.:;?]}¢°’”»›‥…‼⁇⁈⁉、。〃〆々〉》」』】〕〗〙〛〜〞〟ゝゞーぁぃぅぇぉっゃゅょゎゕゖ"
    "ァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ・！％），．：；？］｝｡｣､･ｧｨｩｪｫｬｭｮｯｰﾞﾟ"
)
"""Closing punctuation and small kana: a line must not start with these (kinsoku)."""
NO_BREAK_AFTER = frozenset("([{¿¡‘“«‹〈《「『【〔〖〘〚〝（［｛｢")
"""Opening punctuation: a line must not end with these."""
_GLUE = NO_BREAK_SPACES | frozenset("\u2060\ufeff")

_LINE_SEPARATORS = re.compile("\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_SPACES = re.compile("[^\\S\u00a0\u2007\u202f]+")


def wrap(text: str, max_width: float, measurer: TextMeasurer, size: float, bold: bool = False,
         lang: str | None = None) -> tuple[str, ...]:
    """Lines of ``text`` no wider than ``max_width`` px at font-size ``size``.

    Explicit newlines always break; blank lines between paragraphs are kept
    as ``""``, blank lines at the start and end are dropped, and empty text
    gives ``()``.  Runs of spaces collapse to one space and lines carry no
    leading or trailing spaces.  ``lang`` (``en``, ``vi``, ``de-CH``...) is
    the text's language: it decides whether words too long for a line are
    hyphenated (module docstring); without it they never are.
    """
    if math.isnan(max_width):
        raise ValueError("max_width is NaN")
    limit = max_width + FIT_TOLERANCE
    hyphenate = lang if may_hyphenate(lang) else None
    out: list[str] = []
    for words in _explicit_lines(nfc(text)):
        if words:
            _wrap_line(words, limit, measurer, size, bold, hyphenate, out)
        else:
            out.append("")
    return tuple(out)


def content_widths(text: str, measurer: TextMeasurer, size: float, bold: bool = False) -> tuple[float, float]:
    """(min-content, max-content) width of ``text`` in px.

    Max-content is the widest explicit line with spaces collapsed; ``wrap``
    at that width changes nothing but whitespace.  Min-content follows the
    rule in the module docstring; ``wrap`` at that width never overflows.
    """
    space = measurer.width(" ", size, bold)
    lo = hi = 0.0
    for words in _explicit_lines(nfc(text)):
        w = 0.0
        for i, word in enumerate(words):
            for k, seg in enumerate(_segments(word)):
                sw = measurer.width(seg, size, bold)
                lo = max(lo, _min_width(seg, sw, measurer, size, bold))
                # same summation order as _wrap_line, so wrap(text, hi) never breaks a line
                w = sw if i == 0 and k == 0 else w + (space if k == 0 else 0.0) + sw
        hi = max(hi, w)
    return lo, hi


def _wrap_line(words: list[str], limit: float, m: TextMeasurer, size: float, bold: bool, lang: str | None,
               out: list[str]) -> None:
    space = m.width(" ", size, bold)
    cur: list[str] = []
    w = 0.0
    for word in words:
        for k, seg in enumerate(_segments(word)):
            sw = m.width(seg, size, bold)
            if cur:
                if w + (space if k == 0 else 0.0) + sw <= limit:
                    cur.append(" " + seg if k == 0 else seg)
                    w = w + (space if k == 0 else 0.0) + sw
                    continue
                out.append("".join(cur))
            if sw <= limit:
                cur, w = [seg], sw
                continue
            word_lang = lang if lang and not _NOT_HYPHENATED.search(word) else None
            pieces = _break_long(seg, limit, m, size, bold, word_lang)
            out.extend(piece for piece, _ in pieces[:-1])
            last, w = pieces[-1]
            cur = [last]
    if cur:
        out.append("".join(cur))


def _break_long(seg: str, limit: float, m: TextMeasurer, size: float, bold: bool,
                lang: str | None) -> list[tuple[str, float]]:
    """(line, width) pieces of a segment wider than ``limit``: URL break points first, then within words."""
    lines: list[tuple[str, float]] = []
    cur, w = "", 0.0
    for sub in _split(graphemes(seg), url=True):
        sw = m.width(sub, size, bold)
        if cur and w + sw <= limit:
            cur, w = cur + sub, w + sw
            continue
        if cur:
            lines.append((cur, w))
        if sw <= limit:
            cur, w = sub, sw
            continue
        cur, w = _break_word(sub, limit, m, size, bold, points(sub, lang) if lang else (), lines)
    lines.append((cur, w))
    return lines


def _break_word(sub: str, limit: float, m: TextMeasurer, size: float, bold: bool, hyphens: tuple[int, ...],
                lines: list[tuple[str, float]]) -> tuple[str, float]:
    """Append the full lines of ``sub`` to ``lines`` and return its last, open one (with its width).

    A line ends at the latest offset of ``hyphens`` (dictionary points in
    ``sub``) where the text so far plus :data:`HYPHEN` fits, else after as
    many grapheme clusters as fit (at least one).  A line that starts inside
    a syllable (the one before was cut between clusters) takes no hyphen: a
    lone ``r-`` would read as a word of its own.
    """
    clusters = graphemes(sub)
    widths = [m.width(c, size, bold) for c in clusters]
    n = len(clusters)
    allowed = [False] * n
    if hyphens:
        at, wanted = 0, set(hyphens)
        for k, cluster in enumerate(clusters):
            allowed[k] = at in wanted  # a point between clusters, never inside one
            at += len(cluster)
    hw = m.width(HYPHEN, size, bold) if hyphens else 0.0
    i = 0
    while True:
        w, j, best = widths[i], i + 1, 0
        bw = 0.0
        syllable = i == 0 or allowed[i]
        while j < n:
            if syllable and allowed[j] and w + hw <= limit:
                best, bw = j, w
            if w + widths[j] > limit:
                break
            w, j = w + widths[j], j + 1
        if j == n:
            return "".join(clusters[i:]), w
        if best:
            lines.append(("".join(clusters[i:best]) + HYPHEN, bw + hw))
            i = best
        else:
            lines.append(("".join(clusters[i:j]), w))
            i = j


def _min_width(seg: str, seg_width: float, m: TextMeasurer, size: float, bold: bool) -> float:
    """A segment's share of min-content (rule in the module docstring)."""
    if len(seg) <= MIN_CONTENT_GRAPHEMES:
        return seg_width
    clusters = graphemes(seg)
    n = len(clusters)
    if n <= MIN_CONTENT_GRAPHEMES:
        return seg_width
    run = -(-n // -(-n // MIN_CONTENT_GRAPHEMES))
    widths = [m.width(c, size, bold) for c in clusters]
    best = 0.0
    for j in range(n - run + 1):
        s = widths[j]
        for t in range(j + 1, j + run):  # left to right, as _break_long packs a line
            s += widths[t]
        best = max(best, s)
    return best


def _explicit_lines(text: str) -> list[list[str]]:
    """Words of each explicit line; blank lines at both ends dropped."""
    lines = [_words(line) for line in _LINE_SEPARATORS.split(text)]
    first = next((i for i, ws in enumerate(lines) if ws), len(lines))
    last = max((i for i, ws in enumerate(lines) if ws), default=-1)
    return lines[first:last + 1]


def _words(line: str) -> list[str]:
    """Split at runs of collapsible whitespace.

    A space directly followed by a combining mark is the mark's base (the
    usual way to write a free-standing accent), so it belongs to the next
    word instead of separating: a line then never starts with that mark.
    """
    if line.isascii():
        return line.split()
    if any(ch in line for ch in NO_BREAK_SPACES):
        words = [w for w in _SPACES.split(line) if w]
    else:
        words = line.split()
    if all(w[0].isalnum() or not extends(w[0]) for w in words):
        return words  # the usual case: no word starts with a mark
    words = []
    start = 0
    for match in _SPACES.finditer(line):
        s, e = match.span()
        if e < len(line) and extends(line[e]):
            e -= 1
        if s < e:
            if start < s:
                words.append(line[start:s])
            start = e
    if start < len(line):
        words.append(line[start:])
    return words


@lru_cache(maxsize=8192)
def _segments(word: str) -> tuple[str, ...]:
    """The word cut at its ordinary break opportunities (memoised: labels repeat words a lot)."""
    if word.isascii() and "-" not in word and "/" not in word:
        return (word,)
    return tuple(_split(graphemes(word), url=False))


def _split(clusters: list[str], url: bool) -> Iterator[str]:
    start = 0
    seen = False  # an earlier cluster that is not itself a break character
    marks = URL_BREAK_AFTER if url else BREAK_AFTER
    rule = _url_break if url else _break
    for i in range(1, len(clusters)):
        a, b = clusters[i - 1][0], clusters[i][0]
        if rule(a, b, seen):
            yield "".join(clusters[start:i])
            start = i
        if a not in marks:
            seen = True
    yield "".join(clusters[start:])


def _break(a: str, b: str, seen: bool) -> bool:
    """May a line break between clusters whose base characters are ``a`` and ``b``?"""
    if a in _GLUE or b in _GLUE or b in NO_BREAK_BEFORE or a in NO_BREAK_AFTER or b in BREAK_AFTER:
        return False
    if a in BREAK_AFTER:
        return seen and not (a in _HYPHENS and b.isdigit())
    if is_hangul(a) or is_hangul(b):
        return False  # Korean breaks at spaces, like Latin text
    return is_wide(a) or is_wide(b) or (is_regional_indicator(a) and is_regional_indicator(b))


def _url_break(a: str, b: str, seen: bool) -> bool:
    return (seen and a in URL_BREAK_AFTER and b not in URL_BREAK_AFTER and b not in BREAK_AFTER
            and b not in NO_BREAK_BEFORE and b not in _GLUE)
