"""The ``cjmrender lint`` command's work, kept out of ``cli.py`` so that stays a thin dispatcher."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import Problem, UserError
from . import RULES, failed, lint_path, resolve_rules
from .report import render, summary


def rules_table() -> str:
    return "".join(f"{r.id}  {r.severity:<8} {r.name:<30} {r.summary}\n" for r in RULES.values())


def run_lint(specs: tuple[str, ...], fmt: str, output: str | None, disable: tuple[str, ...], strict: bool,
             list_rules: bool) -> int:
    """Lint ``specs``, write the report, return the exit status."""
    if list_rules:
        click.echo(rules_table(), nl=False)
        return 0
    if not specs:
        raise UserError(Problem("lint", 0, 0, "name at least one map (file, folder or glob)"))
    off, unknown = resolve_rules(w for v in disable for w in v.split(",") if w.strip())
    if unknown:
        raise UserError(Problem("--disable", 0, 0, f"unknown rule '{unknown[0]}'; `cjmrender lint --rules` lists them"))
    from ..batch import expand_specs

    paths = list(expand_specs(specs))
    findings = [f for spec in paths for f in lint_path(spec, disable=off)]
    text = render(findings, fmt, len(paths))
    if output:
        from ..pipeline import write_atomic

        write_atomic(Path(output), text.encode())
    else:
        click.echo(text, nl=False)
    click.echo(summary(findings, len(paths)), err=True)
    return 1 if failed(findings, strict) else 0
