"""YAML text -> plain Python data plus a mark for every path.

PyYAML's C loader composes a node graph that keeps line/column marks; we
build the Python values ourselves so that every value, and every mapping key,
keeps its position.  The same walk enforces the limits that protect against
hostile input: alias expansion ("billion laughs") and nesting depth are
bounded here, file size and encoding before parsing.
"""

from __future__ import annotations

import math
import msgspec
from typing import Any

import yaml

from ..errors import Problem, UserError
from .yamlsyntax import syntax_problem

try:  # the C loader is ~10x faster; fall back so pure-Python installs still work
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 4 * 1024 * 1024
"""Largest spec file accepted (a 500-column map with long labels is ~0.5 MiB)."""
MAX_NODES = 100_000
"""Most YAML values after alias expansion; stops alias bombs in microseconds."""
MAX_DEPTH = 40
"""Deepest nesting accepted; a journey needs about 8 levels."""
MAX_NUMBER = 1e15
"""Largest magnitude of a number: beyond any score, count or metric, and exact as a float."""
MAX_DIGITS = 32
"""Longest integer literal read (Python refuses to convert beyond 4,300 digits, with a traceback)."""

Path_ = tuple[str | int, ...]

_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in (
    "str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge"))
"""The only tags a spec may use: YAML's plain types (no python/*, no binary, no sets)."""


class Mark(msgspec.Struct, frozen=True):
    line: int  # 1-based
    col: int  # 1-based


class Document(msgspec.Struct, frozen=True):
    """Parsed YAML: the data and where each path (and each mapping key) came from."""

    name: str
    data: Any
    values: dict[Path_, Mark]
    keys: dict[Path_, Mark]

    def mark(self, path: Path_, *, key: bool = False) -> Mark:
        """The closest known mark for ``path`` (walks up to a parent when needed)."""
        table = self.keys if key else self.values
        p = tuple(path)
        if "custom" in p and p not in table:  # custom-lane content was moved under "custom" by the loader
            i = p.index("custom")
            p = p[:i] + p[i + 1:]
        while p:
            if p in table:
                return table[p]
            if p in self.values:
                return self.values[p]
            p = p[:-1]
        return self.values.get((), Mark(1, 1))

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Problem:
        m = self.mark(path, key=key)
        return Problem(self.name, m.line, m.col, message)


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def decode(raw: bytes, name: str) -> str:
    """Bytes -> text, with located messages for size and encoding problems."""
    if len(raw) > MAX_BYTES:
        raise UserError(Problem(name, 0, 0, f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,} bytes"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise UserError(Problem(name, line, col, f"invalid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")) from None
    return text


class _Builder:
    def __init__(self, name: str) -> None:
        self.name = name
        self.values: dict[Path_, Mark] = {}
        self.keys: dict[Path_, Mark] = {}
        self.problems: list[Problem] = []
        self.count = 0
        self.scalars = _Loader("")

    def fail(self, node: yaml.Node, message: str) -> None:
        m = _mark(node)
        self.problems.append(Problem(self.name, m.line, m.col, message))

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            m = _mark(node)
            raise UserError(Problem(self.name, m.line, m.col,
                                    f"more than {MAX_NODES:,} values after expanding YAML aliases; "
                                    "is this an alias bomb?"))
        if depth > MAX_DEPTH:
            m = _mark(node)
            raise UserError(Problem(self.name, m.line, m.col, f"nested deeper than {MAX_DEPTH} levels"))
        self.values[path] = _mark(node)
        if node.tag not in _TAGS:
            self.fail(node, f"YAML tag '{node.tag}' is not supported; write plain values")
            return None
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for knode, vnode in node.value:
                if knode.tag == "tag:yaml.org,2002:merge":
                    self.fail(knode, "YAML merge keys (<<) are not supported; repeat the keys")
                    continue
                if not isinstance(knode, yaml.ScalarNode):
                    self.fail(knode, "mapping keys must be plain values")
                    continue
                key = self.scalar(knode)
                if key is None and knode.tag != "tag:yaml.org,2002:null":
                    continue  # already reported
                if key in out:
                    first = self.keys.get((*path, key))
                    where = f" (first at line {first.line})" if first else ""
                    self.fail(knode, f"duplicate key '{key}'{where}")
                    continue
                self.keys[(*path, key)] = _mark(knode)
                out[key] = self.build(vnode, (*path, key), depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(v, (*path, i), depth + 1) for i, v in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary"):
            return node.value  # dates stay text: the map shows what the author wrote
        if tag == "tag:yaml.org,2002:str":
            return node.value
        kind = tag.rsplit(":", 1)[-1]
        if kind == "int" and sum(c.isalnum() for c in node.value) > MAX_DIGITS:
            self.fail(node, f"number has more than {MAX_DIGITS} digits")
            return None
        try:
            value = self.scalars.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError):  # `!!int abc`, `!!float x`
            self.fail(node, f"'{node.value[:40]}' is not a valid {kind}")
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.fail(node, f"number must be finite, got {node.value[:40]}")
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) > MAX_NUMBER:
            self.fail(node, f"number {node.value[:40]} is out of range; numbers are at most {MAX_NUMBER:.0e} "
                            "in size")
            return None
        return value


_VALUE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent)


def _located(name: str, text: str, index: int, message: str) -> UserError:
    before = text[:index]
    line, col = before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1
    return UserError(Problem(name, line, col, message))


def _too_deep(name: str, text: str, index: int) -> UserError:
    return _located(name, text, index, f"nested deeper than {MAX_DEPTH} levels")


def _check_depth(text: str, name: str) -> None:
    """Reject deep nesting and too many values from the event stream, before composing.

    Counting here stops a 4 MB list of 2 million numbers after its first
    100,000 events, instead of composing and converting all of them first.

    libyaml's parser is an iterative state machine, but composing recurses
    and crashes the interpreter on ~100,000 nested brackets.  Our limit must
    also win over libyaml's own (1,000 flow levels since libyaml 0.2.5, with
    its own wording), which its scanner can reach before the parser hands us
    an event: inside a flow collection the scanner reads up to 1,024
    characters ahead for a possible key.  When libyaml fails, the text it
    scanned past our last event is counted bracket by bracket, so every
    PyYAML build gives the same located message.
    """
    depth = 0
    last = 0
    count = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, _VALUE_EVENTS):
                count += 1
                if count > MAX_NODES:
                    raise _located(name, text, event.start_mark.index, f"more than {MAX_NODES:,} values; "
                                   "a journey map needs far fewer")
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _too_deep(name, text, event.start_mark.index)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
            last = event.end_mark.index
    except yaml.MarkedYAMLError as exc:
        stop = exc.problem_mark.index if exc.problem_mark is not None else len(text)
        _check_flow_depth(text, last, stop, depth, name)
        raise


def _check_flow_depth(text: str, start: int, stop: int, depth: int, name: str) -> None:
    """Count brackets in ``text[start:stop]`` (quoted scalars skipped); raise when they nest too deep."""
    quote = ""
    for i in range(start, min(stop + 1, len(text))):
        ch = text[i]
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise _too_deep(name, text, i)
        elif ch in "]}":
            depth -= 1


def parse(text: str, name: str) -> Document:
    """Parse one YAML document into a :class:`Document`; raise ``UserError`` on any problem."""
    try:
        _check_depth(text, name)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise UserError(syntax_problem(exc, text, name)) from None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        ch = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise UserError(Problem(name, line, col, f"character U+{ord(ch):04X} is not allowed in YAML")) from None
    except yaml.YAMLError as exc:
        raise UserError(Problem(name, 0, 0, f"not valid YAML: {exc}")) from None
    except RecursionError:
        raise UserError(Problem(name, 0, 0, f"nested deeper than {MAX_DEPTH} levels")) from None
    if root is None:
        raise UserError(Problem(name, 1, 1, "the file is empty; a journey map needs at least `title` and `stages`"))
    if not isinstance(root, yaml.MappingNode):
        m = _mark(root)
        raise UserError(Problem(name, m.line, m.col,
                                "the top level must be a mapping (title: ..., stages: ...)"))
    b = _Builder(name)
    data = b.build(root, (), 0)
    if b.problems:
        raise UserError(b.problems)
    return Document(name, data, b.values, b.keys)
