"""Lint findings as text (one ``file:line:col: ID severity: message`` line each), JSON or SARIF 2.1.0.

SARIF is what GitHub code scanning and most CI dashboards read: the rules
go in ``tool.driver.rules`` (id, name, rationale, default level) and each
finding is a ``result`` pointing at a line and column of the map.  Columns
count characters (``columnKind: unicodeCodePoints``), as the YAML parser does.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import quote

from .. import __version__
from . import RULES, Finding

FORMATS = ("text", "json", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def summary(findings: Sequence[Finding], maps: int) -> str:
    """``2 warnings, 1 error in 3 maps`` (or ``no findings in 3 maps``)."""
    counts = _counts(findings)
    where = f"in {maps} map{'s' if maps != 1 else ''}"
    if not any(counts.values()):
        return f"no findings {where}"
    parts = [f"{n} {sev}{'s' if n != 1 else ''}" for sev, n in counts.items() if n]
    return f"{', '.join(parts)} {where}"


def _counts(findings: Sequence[Finding]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "note": 0}
    for f in findings:
        counts[f.severity] += 1
    return counts


def as_text(findings: Sequence[Finding]) -> str:
    return "".join(f"{f}\n" for f in findings)


def as_json(findings: Sequence[Finding], maps: int) -> str:
    doc = {
        "findings": [{"file": f.file, "line": f.line, "col": f.col, "rule": f.rule, "name": f.name,
                      "severity": f.severity, "message": f.message} for f in findings],
        "summary": {"maps": maps, **_counts(findings)},
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def artifact_uri(file: str) -> str:
    """A relative path stays relative (code scanning resolves it from the checkout), with ``/`` separators."""
    if file.startswith("<"):  # <stdin>, <string>
        return quote(file.strip("<>"))
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return path.as_uri()
    return quote(path.as_posix() if os.sep == "/" else str(path).replace(os.sep, "/"))


def as_sarif(findings: Sequence[Finding]) -> str:
    rules = list(RULES.values())
    index = {r.id: i for i, r in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for f in findings:
        physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(f.file)}}
        if f.line:
            physical["region"] = {"startLine": f.line, "startColumn": max(f.col, 1)}
        results.append({"ruleId": f.rule, "ruleIndex": index[f.rule], "level": f.severity,
                        "message": {"text": f.message}, "locations": [{"physicalLocation": physical}]})
    driver = {
        "name": "cjmrender",
        "version": __version__,
        "rules": [{"id": r.id, "name": r.name, "shortDescription": {"text": r.summary},
                   "help": {"text": r.summary}, "defaultConfiguration": {"level": r.severity},
                   "properties": {"tags": ["journey-map"]}} for r in rules],
    }
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0",
           "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def render(findings: Sequence[Finding], fmt: str, maps: int) -> str:
    if fmt == "json":
        return as_json(findings, maps)
    if fmt == "sarif":
        return as_sarif(findings)
    return as_text(findings)
