"""Mermaid ``journey`` text -> sections, tasks, scores and actors, the way Mermaid reads it.

A port of what Mermaid does before and during parsing (``preprocess.ts``,
``Diagram.fromText``, ``journey.jison`` and ``journeyDb``), rule for rule:

* CRLF/CR become LF; YAML frontmatter (``---`` ... ``---``) gives a title;
  ``%%{...}%%`` directives and whole-line ``%%`` comments are removed; leading
  whitespace is trimmed; the text must then start with ``journey``.
* Entity codes such as ``#58;`` are protected from the lexer and decoded in
  the values (``#35;`` is ``#``, ``#quot;`` is ``"``).
* The lexer tries its rules in jison's order, first match wins, with the
  ``case-insensitive`` flag and jison's ``\\b`` after the ``journey`` keyword.
* A task's data is split on ``:``; the score is JavaScript's ``Number()`` of the
  first piece, the actors are the second piece split on ``,``.

Everything keeps its offset in the original text, so every error is
``file:line:col``.  Where Mermaid's parser fails we fail; a score that
``Number()`` cannot read (Mermaid then draws the face at ``NaN``) is an error
too, and an empty score is 0, as in Mermaid.
"""

from __future__ import annotations

import html
import math
import re
from bisect import bisect_left, bisect_right
from typing import Iterator, NamedTuple

from ..errors import Problem, UserError

_WS = "\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
S = f"[{_WS}]"
"""JavaScript's ``\\s`` (Python's differs: no BOM, but the C0 separators)."""
_FLAGS = re.ASCII | re.IGNORECASE  # ASCII: JavaScript's \w and \b, and no Unicode case folding of letters

_FRONTMATTER = re.compile(rf"-{{3}}{S}*[\n\r](.*?)[\n\r]-{{3}}{S}*[\n\r]+", re.DOTALL)
_DIRECTIVE = re.compile(rf"%{{2}}\{{{S}*(?:(\w+){S}*:|(\w+)){S}*(?:(\w+)|((?:(?!\}}%{{2}})[^\n\r\u2028\u2029]|\r?\n)*))?"
                        rf"{S}*(?:\}}%{{2}})?", _FLAGS)
_LINE_COMMENT = re.compile(rf"^{S}*%%(?!\{{)[^\n]+\n?", re.MULTILINE)
_ANY_COMMENT = re.compile(rf"{S}*%%[^\n\r\u2028\u2029]*\n")
_DETECT = re.compile(rf"{S}*journey")  # Mermaid's detector: case-sensitive, no word boundary
_STYLE_SEMI = re.compile(r"(?:style|classDef)[^\n\r\u2028\u2029]*:\S*#[^\n\r\u2028\u2029]*;")
_ENTITY = re.compile(r"#(\w+);", re.ASCII)
_TAG_ATTRS = re.compile(r"<(\w+)([^>]*)>", re.ASCII)
_PROTECT_HASH, _PROTECT_SEMI = "\ue000", "\ue001"
_PROTECTED = re.compile(f"{_PROTECT_HASH}(\\w+){_PROTECT_SEMI}", re.ASCII)
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# The lexer, one alternation per start condition; Python tries alternatives left to right like jison.
_INITIAL = re.compile("|".join(f"(?P<{name}>{rx})" for name, rx in (
    ("skip_comment", r"%%(?!\{)[^\n]*"),
    ("skip_comment2", r"[^}]%%[^\n]*"),
    ("NEWLINE", r"\n+"),
    ("skip_space", f"{S}+"),
    ("skip_hash", r"#[^\n]*"),
    ("journey", r"journey\b"),
    ("title", rf"title{S}[^#\n;]+"),
    ("acc_title", rf"accTitle{S}*:{S}*"),
    ("acc_descr", rf"accDescr{S}*:{S}*"),
    ("acc_descr_open", rf"accDescr{S}*\{{{S}*"),
    ("section", rf"section{S}[^#:\n;]+"),
    ("taskName", r"[^#:\n;]+"),
    ("taskData", r":[^#\n;]+"),
    ("colon", r":"),
    ("INVALID", r"[^\n\r\u2028\u2029]"),
)), _FLAGS)
_LINE_VALUE = re.compile(r"[^\n]*")
_MULTILINE = re.compile(r"(?P<close>\})|(?P<value>[^}]*)")

MAX_TASKS = 1000
"""Most tasks (each becomes a column); the same limit as the map's columns."""
MAX_TEXT = 2000
"""Longest title, section, task or actor name, in characters."""
MAX_ACTORS = 100
"""Most actors on one task."""


class Task(NamedTuple):
    name: str
    score: int | float
    actors: tuple[str, ...]
    line: int


class Section(NamedTuple):
    name: str
    tasks: list[Task]
    line: int


class MermaidJourney(NamedTuple):
    title: str | None
    acc_title: str | None
    acc_descr: str | None
    sections: list[Section]
    """Tasks before the first ``section`` sit in a section named ``""``, as in Mermaid."""


class _Text:
    """Text after some of Mermaid's rewrites, with a map from its offsets back to the original."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]  # offsets in self.text where a run begins
        self.origs = [0]  # ...and where that run began in the original

    def orig(self, pos: int) -> int:
        i = bisect_right(self.starts, pos) - 1
        return self.origs[i] + pos - self.starts[i]

    def remove(self, spans: list[tuple[int, int]]) -> None:
        """Delete the sorted, disjoint ``[a, b)`` spans, keeping the offset map right."""
        if not spans:
            return
        text, pieces, starts, origs, pos, n = self.text, [], [], [], 0, 0
        for a, b in [*spans, (len(text), len(text))]:
            if a > pos:
                starts.append(n)
                origs.append(self.orig(pos))
                for k in range(bisect_right(self.starts, pos), bisect_left(self.starts, a)):
                    starts.append(n + self.starts[k] - pos)
                    origs.append(self.origs[k])
                pieces.append(text[pos:a])
                n += a - pos
            pos = max(pos, b)
        if not starts:
            starts, origs = [0], [self.orig(len(text))]
        self.text, self.starts, self.origs = "".join(pieces), starts, origs

    def sub_spans(self, rx: re.Pattern[str]) -> None:
        self.remove([m.span() for m in rx.finditer(self.text) if m.end() > m.start()])


def js_number(text: str) -> float:
    """JavaScript's ``Number(text)`` for a string: NaN when it is not a number."""
    s = _js_trim(text)
    if not s:
        return 0.0
    if re.fullmatch(r"[+-]?Infinity", s):
        return -math.inf if s[0] == "-" else math.inf
    radix = re.fullmatch(r"0([xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)", s)
    if radix:
        return float(int(s[2:], {"x": 16, "o": 8, "b": 2}[s[1].lower()]))
    if re.fullmatch(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", s):
        return float(s)
    return math.nan


def _js_trim(s: str) -> str:
    return re.sub(f"^{S}+|{S}+$", "", s)


def _value(raw: str) -> str:
    """A lexed value as Mermaid draws it: entities decoded, ``<br>`` as a line break, trimmed."""
    text = _PROTECTED.sub(lambda m: html.unescape(f"&#{m[1]};" if m[1].isdigit() else f"&{m[1]};"), raw)
    return _js_trim(_BR.sub("\n", text))


class _Parser:
    def __init__(self, text: str, name: str) -> None:
        self.name = name
        self.original = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def where(self, orig: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, orig)
        return line, orig - self.line_starts[line - 1] + 1

    def error(self, orig: int, message: str) -> UserError:
        line, col = self.where(min(orig, len(self.original)))
        return UserError(Problem(self.name, line, col, message))

    # -- Mermaid's preprocessing
    def preprocess(self) -> tuple[_Text, str | None]:
        text = re.sub(r"\r\n?", "\n", self.original)
        self.original = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        text = _TAG_ATTRS.sub(lambda m: "<" + m[1] + re.sub(r'="([^"]*)"', r"='\1'", m[2]) + ">", text)
        doc = _Text(text)
        title = None
        fm = _FRONTMATTER.match(text)
        if fm:
            title = self.frontmatter_title(fm.group(1), fm.start(1))
            doc.remove([(0, fm.end())])
        doc.sub_spans(_DIRECTIVE)
        doc.sub_spans(_LINE_COMMENT)
        lead = re.match(f"{S}*", doc.text)
        doc.remove([(0, lead.end())] if lead and lead.end() else [])
        detect = _ANY_COMMENT.sub("\n", doc.text)
        if not _DETECT.match(detect):
            first = re.search(r"\S", self.original[doc.orig(0):])
            at = doc.orig(0) + (first.start() if first else 0)
            word = re.match(r"[^\s:;]*", doc.text)
            found = f"'{word.group(0)[:40]}'" if word and word.group(0) else "nothing"
            raise self.error(at, f"not a Mermaid journey: expected 'journey' first, found {found}")
        doc.remove([(m.end() - 1, m.end()) for m in _STYLE_SEMI.finditer(doc.text)])
        doc.text = _ENTITY.sub(lambda m: f"{_PROTECT_HASH}{m[1]}{_PROTECT_SEMI}", doc.text) + "\n"
        return doc, title

    def frontmatter_title(self, body: str, offset: int) -> str | None:
        from ..spec.yamlnodes import parse

        first_line, _ = self.where(offset)
        try:
            data = parse(body, self.name).data
        except UserError as exc:
            if any(p.message.startswith(("the file is empty", "the top level must")) for p in exc.problems):
                return None  # Mermaid reads such frontmatter as no settings at all
            last = first_line + body.count("\n")  # an error at the end of the block is on its last line
            shifted = [Problem(p.file, min(p.line + first_line - 1, last) if p.line else first_line, p.col or 1,
                               f"frontmatter: {p.message}") for p in exc.problems]
            raise UserError(shifted) from None
        value = data.get("title") if isinstance(data, dict) else None
        if value in (None, False, 0, "") or isinstance(value, (dict, list)):
            return None
        if value is True:
            return "true"
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return _js_trim(str(value))

    # -- jison's lexer
    def tokens(self, text: str) -> Iterator[tuple[str, str, int]]:
        pos, end = 0, len(text)
        while pos < end:
            m = _INITIAL.match(text, pos)
            assert m is not None  # INVALID takes any single character but a line break, which NEWLINE/space take
            kind, value = m.lastgroup or "", m.group(0)
            pos = m.end()
            if kind.startswith("skip"):
                continue
            if kind in ("acc_title", "acc_descr"):
                v = _LINE_VALUE.match(text, pos)
                assert v is not None
                yield kind, v.group(0), pos
                pos = v.end()
                continue
            if kind == "acc_descr_open":
                v = _MULTILINE.match(text, pos)
                assert v is not None
                if v.lastgroup == "value":
                    yield "acc_descr_multiline_value", v.group(0), pos
                    pos = v.end()
                if pos < end:
                    pos += 1  # the closing brace
                continue
            yield kind, value, m.start()
        yield "EOF", "", end

    def parse(self) -> MermaidJourney:
        doc, title = self.preprocess()
        text = doc.text
        at = doc.orig
        toks = self.tokens(text)
        kind, value, pos = next(toks)
        if kind != "journey":
            raise self.error(at(pos), "expected 'journey' on the first line")
        acc_title = acc_descr = None
        sections: list[Section] = []
        current: Section | None = None
        ntasks = 0
        for kind, value, pos in toks:
            if kind in ("NEWLINE", "EOF"):
                continue
            if kind == "title":
                title = self.text_value(value[6:], at(pos + 6), "title")
            elif kind == "acc_title":
                acc_title = _value(value)
            elif kind in ("acc_descr", "acc_descr_multiline_value"):
                acc_descr = "\n".join(ln.strip() for ln in _value(value).split("\n"))
            elif kind == "section":
                current = Section(self.text_value(value[8:], at(pos + 8), "section name"), [], self.where(at(pos))[0])
                sections.append(current)
            elif kind == "taskName":
                kind2, data, pos2 = next(toks)
                if kind2 != "taskData":
                    raise self.error(at(pos2), self.expected_data(value, kind2, data))
                ntasks += 1
                if ntasks > MAX_TASKS:
                    raise self.error(at(pos), f"more than {MAX_TASKS:,} tasks; the limit is {MAX_TASKS:,}")
                if current is None:
                    current = Section("", [], self.where(at(pos))[0])
                    sections.append(current)
                current.tasks.append(self.task(value, pos, data, pos2, at))
            else:
                raise self.error(at(pos), self.unexpected(kind, value))
        return MermaidJourney(title, acc_title, acc_descr, sections)

    def text_value(self, raw: str, orig: int, what: str) -> str:
        v = _value(raw)
        if len(v) > MAX_TEXT:
            raise self.error(orig, f"{what} is {len(v):,} characters long; the limit is {MAX_TEXT:,}")
        bad = _CONTROL.search(v)
        if bad:
            raise self.error(orig, f"{what} contains the control character U+{ord(bad.group(0)):04X}")
        return v

    def task(self, name: str, pos: int, data: str, dpos: int, at) -> Task:
        pieces = data[1:].split(":")
        raw_score = pieces[0]
        score = js_number(_PROTECTED.sub(lambda m: "#" + m[1] + ";", raw_score))
        if not math.isfinite(score):
            shown = _js_trim(raw_score)[:40]
            lead = len(raw_score) - len(raw_score.lstrip())
            raise self.error(at(dpos + 1 + lead), f"task '{_value(name)[:60]}': score '{shown}' is not a number; "
                             "Mermaid cannot place its face (write e.g. ': 3: Actor')")
        actors: list[str] = []
        offset = dpos + 1 + len(pieces[0]) + 1
        for raw in (pieces[1].split(",") if len(pieces) > 1 else ()):
            actor = self.text_value(raw, at(offset), "actor name")
            offset += len(raw) + 1
            if actor and actor not in actors:
                actors.append(actor)
        if len(actors) > MAX_ACTORS:
            raise self.error(at(dpos), f"{len(actors)} actors on one task; the limit is {MAX_ACTORS}")
        number: int | float = int(score) if score.is_integer() and abs(score) < 2**53 else score
        return Task(self.text_value(name, at(pos), "task name"), number, tuple(actors), self.where(at(pos))[0])

    @staticmethod
    def expected_data(name: str, kind: str, value: str) -> str:
        task = _value(name)[:60]
        if kind == "colon":
            return f"task '{task}' has ':' but no score after it (write e.g. '{task}: 3: Actor')"
        if kind == "INVALID":
            return f"task '{task}': unexpected '{value}' (Mermaid does not allow ';' here; write #59; for a ';')"
        return f"task '{task}' needs ': score' (write e.g. '{task}: 3: Actor')"

    @staticmethod
    def unexpected(kind: str, value: str) -> str:
        if kind == "journey":
            return "'journey' may appear only once, at the start (a task name cannot start with the word 'journey')"
        if kind in ("taskData", "colon"):
            return "a line starts with ':'; expected a task name before it"
        return f"unexpected '{value}' (Mermaid does not allow it here)"


def is_journey(text: str) -> bool:
    """Mermaid's detection after its preprocessing: does the diagram start with ``journey``?"""
    p = _Parser(text, "<mermaid>")
    try:
        p.preprocess()
    except UserError:
        return False
    return True


def parse_mermaid(text: str, name: str) -> MermaidJourney:
    """Parse Mermaid ``journey`` text; raises :class:`UserError` with ``name:line:col`` problems."""
    return _Parser(text, name).parse()
