"""The ``cjmrender compare`` command's work, and reading a map's past version with ``git show``."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import click

from ..errors import Problem, UserError
from ..spec.journey import Journey

_REF = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./@{}~^+-]*")
"""What a revision may look like: no leading '-' (never an option), no ':' (the path is ours), no spaces."""
GIT_TIMEOUT = 30


def load_baseline(spec: str, ref: str) -> Journey:
    """The map at ``spec`` as it was at git revision ``ref`` (read with ``git show``, no git library).

    ``ref`` can never become an option: it must not start with '-', and
    ``--end-of-options`` stops option parsing anyway.  The path is given
    relative to the map's folder (``REF:./name``), where git runs.
    """
    from ..spec.loader import load_bytes
    from ..spec.yamlnodes import MAX_BYTES

    if not _REF.fullmatch(ref) or ".." in ref:
        raise UserError(Problem("--baseline", 0, 0, f"'{ref}' is not a git revision (a branch, tag or commit)"))
    path = Path(spec)
    if spec == "-" or not path.is_file():
        raise UserError(Problem(spec, 0, 0, "--baseline needs a map file inside a git work tree"))
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "GIT_OPTIONAL_LOCKS": "0"}
    cmd = ["git", "-C", str(path.resolve().parent), "show", "--no-textconv", "--end-of-options",
           f"{ref}:./{path.name}"]
    try:
        res = subprocess.run(cmd, capture_output=True, timeout=GIT_TIMEOUT, env=env, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise UserError(Problem("--baseline", 0, 0, "git is not installed")) from None
    except subprocess.TimeoutExpired:
        raise UserError(Problem("--baseline", 0, 0, f"git show took longer than {GIT_TIMEOUT} s")) from None
    if res.returncode != 0:
        why = res.stderr.decode(errors="replace").strip().splitlines()
        raise UserError(Problem(spec, 0, 0, f"cannot read it at '{ref}': {why[-1] if why else 'git show failed'}"))
    if len(res.stdout) > MAX_BYTES:
        raise UserError(Problem(f"{spec}@{ref}", 0, 0, f"file is {len(res.stdout):,} bytes; the limit is {MAX_BYTES:,}"))
    return load_bytes(res.stdout, f"{spec}@{ref}", base_dir=str(path.resolve().parent))


def run_compare(maps: tuple[str, ...], baseline: str | None, output: str | None, fmt: str, opts) -> int:
    from ..pipeline import load, write_atomic
    from . import compare_outputs, diff_journeys, summary_text

    if baseline is not None:
        if len(maps) != 1:
            raise UserError(Problem("compare", 0, 0, "--baseline REF takes one map: cjmrender compare MAP --baseline REF"))
        current, future = load_baseline(maps[0], baseline), load(maps[0])
    else:
        if len(maps) != 2:
            raise UserError(Problem("compare", 0, 0, "give two maps, CURRENT FUTURE (or one map and --baseline REF)"))
        current, future = load(maps[0]), load(maps[1])
    if fmt == "text":
        text = summary_text(diff_journeys(current, future))
        if output and output != "-":
            write_atomic(Path(output), text.encode())
        else:
            click.echo(text, nl=False)
        return 0
    if not output:
        raise UserError(Problem("compare", 0, 0, "name the picture with -o OUT.svg (or .pdf, .png), or use --format text"))
    suffix = Path(output).suffix.lower().lstrip(".")
    f = fmt if fmt != "auto" else suffix
    if f not in ("svg", "pdf", "png"):
        raise UserError(Problem("-o", 0, 0, f"cannot tell the format from '{output}'; end it in .svg, .pdf or .png"))
    results, warnings = compare_outputs(current, future, [f], opts)
    for w in warnings:
        click.echo(w, err=True)
    data = results[0][1]
    if output == "-":
        import sys

        sys.stdout.buffer.write(data)
    else:
        write_atomic(Path(output), data)
        click.echo(f"wrote {output}", err=True)
    return 0
