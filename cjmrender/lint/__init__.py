"""Journey lint: checks that a map follows the habits of good journey mapping.

A map is built from data, every pain leads to an opportunity and an owner,
a future map sets targets.  ``lint_path`` loads a map and runs every rule
in :data:`~.rules.RULES` that is not disabled (on the command line, or in the
map as ``lint: {disable: [...]}``); a map that does not load gives
``CJM000`` findings.  Nothing here draws anything.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable

import msgspec

from ..errors import Problem, UserError
from ..interop import import_file, is_foreign
from ..spec.loader import load_document
from ..spec.yamlnodes import Document, decode, parse
from .rules import LOAD_RULE, RULES, Rule, Severity
from .where import locate

__all__ = ["Finding", "RULES", "Rule", "lint_path", "lint_text", "resolve_rules", "shifted"]


class Finding(msgspec.Struct, frozen=True):
    """One located finding; ``line``/``col`` are 1-based, 0 when unknown."""

    file: str
    line: int
    col: int
    rule: str
    severity: Severity
    message: str

    @property
    def name(self) -> str:
        return RULES[self.rule].name

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}" if self.line else self.file
        return f"{where}: {self.rule} {self.severity}: {self.message}"


_BY_NAME = {r.name: r.id for r in RULES.values()}


def resolve_rules(names: Iterable[str]) -> tuple[set[str], list[str]]:
    """Rule ids (or names such as ``duplicate-item``) -> (known ids, unknown words)."""
    known: set[str] = set()
    unknown: list[str] = []
    for word in names:
        w = word.strip()
        rid = w.upper() if w.upper() in RULES else _BY_NAME.get(w.lower())
        if rid is None or rid == LOAD_RULE.id:
            unknown.append(w)
        else:
            known.add(rid)
    return known, unknown


def _map_disables(doc: Document) -> tuple[set[str], list[Finding]]:
    """Rules the map turns off in ``lint: {disable: [...]}``; unknown ids are findings of their own."""
    cfg = doc.data.get("lint")
    entries = cfg.get("disable") if isinstance(cfg, dict) else None
    off: set[str] = set()
    bad: list[Finding] = []
    for i, entry in enumerate(entries if isinstance(entries, list) else ()):
        word = entry.get("rule") if isinstance(entry, dict) else entry
        path = ("lint", "disable", i, "rule") if isinstance(entry, dict) else ("lint", "disable", i)
        ids, unknown = resolve_rules([str(word)])
        off |= ids
        for w in unknown:
            m = doc.mark(path)
            bad.append(Finding(doc.name, m.line, m.col, LOAD_RULE.id, "error",
                               f"unknown lint rule '{w}' in lint.disable; rules are "
                               f"{', '.join(r for r in RULES if r != LOAD_RULE.id)}"))
    return off, bad


def _load_failure(exc: UserError) -> list[Finding]:
    return [Finding(p.file, p.line, p.col, LOAD_RULE.id, "error", p.message) for p in exc.problems]


def lint_text(text: str, name: str, *, base_dir: str | None = None,
              disable: Iterable[str] = ()) -> list[Finding]:
    """Lint YAML text; ``disable`` holds rule ids.  Findings come in file order."""
    try:
        doc = parse(text, name)
        journey = load_document(doc, base_dir)  # the rules need the document's marks too
    except UserError as exc:
        return _load_failure(exc)
    off, findings = _map_disables(doc)
    off |= set(disable)
    where = locate(doc, journey)
    for rule in RULES.values():
        if rule.check is None or rule.id in off:
            continue
        for hit in rule.check(journey, where):
            m = where.at(hit.path, key=hit.key)
            findings.append(Finding(name, m.line, m.col, rule.id, rule.severity, hit.message))
    return sorted(findings, key=lambda f: (f.line, f.col, f.rule))


def lint_path(spec: str | os.PathLike[str], *, disable: Iterable[str] = ()) -> list[Finding]:
    """Lint one map file (``-`` reads standard input).

    A Mermaid file is imported first; its findings name the file but no line,
    since they are about the map it becomes, not about a line of it.
    """
    name = str(spec)
    try:
        if name != "-" and is_foreign(spec):  # a Mermaid file: lint the map it imports to
            text, _ = import_file(spec)
            findings = lint_text(text, name, base_dir=str(Path(spec).resolve().parent), disable=disable)
            return [f if f.rule == LOAD_RULE.id else msgspec.structs.replace(f, line=0, col=0) for f in findings]
        if name == "-":
            import sys

            raw, name, base = sys.stdin.buffer.read(), "<stdin>", os.getcwd()
        else:
            path = Path(spec)
            try:
                raw = path.read_bytes()
            except OSError as exc:
                raise UserError(Problem(name, 0, 0, f"cannot read: {exc.strerror or exc}")) from None
            base = str(path.resolve().parent)
        text = decode(raw, name)
    except UserError as exc:
        return _load_failure(exc)
    return lint_text(text, name, base_dir=base, disable=disable)


def shifted(findings: Iterable[Finding], line: int, col: int) -> list[Finding]:
    """Findings of YAML embedded in a page, moved to page positions (``line``/``col`` are 0-based offsets)."""
    return [msgspec.structs.replace(f, line=f.line + line, col=f.col + col) if f.line else f for f in findings]


def failed(findings: Iterable[Finding], strict: bool = False) -> bool:
    """Errors fail; with ``strict`` warnings fail too.  Notes never do."""
    bad: tuple[Any, ...] = ("error", "warning") if strict else ("error",)
    return any(f.severity in bad for f in findings)
