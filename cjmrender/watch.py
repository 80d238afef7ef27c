"""Watch mode: render once, then re-render each spec when it is saved.

The file watching is watchfiles (a Rust core over inotify/FSEvents/
ReadDirectoryChangesW), which also groups the burst of events one editor save
makes into one batch.  A broken spec prints its located problems and the
watch goes on; the last good output stays, because outputs are only ever
replaced by an atomic rename after a successful render.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Protocol

import click

from .batch import SPEC_SUFFIXES, expand_specs, watch_roots
from .errors import Problem, UserError


class _Event(Protocol):
    def is_set(self) -> bool: ...


def _spec_files(specs: Sequence[str]) -> list[str]:
    """Spec paths for the current folder contents (new files in a watched folder count too)."""
    return [s for s in expand_specs(specs) if not os.path.isdir(s)]


def _relevant(_change: object, path: str) -> bool:
    """Only YAML matters: outputs (.svg, .pdf) and temp files of atomic writes must not retrigger."""
    name = os.path.basename(path)
    return name.lower().endswith(SPEC_SUFFIXES) and not name.startswith(".")


def _key(path: str | Path) -> str:
    return os.path.normcase(os.path.realpath(path))


def _to_render(specs: Sequence[str], changed: Iterable[str], known: set[str]) -> list[str]:
    """Which specs to render after ``changed`` paths changed.

    A changed spec, or a spec that appeared in a watched folder, renders again;
    any other YAML file that changed (a theme next to the maps) may affect
    every map, so all of them render.  Deleted files change nothing: the last
    output of a deleted spec stays.
    """
    current = _spec_files(specs)
    by_key = {_key(s): s for s in current}
    changed_keys = {_key(p) for p in changed}
    if any(os.path.isfile(k) for k in changed_keys - set(by_key)):
        picked = current
    else:
        picked = [s for k, s in by_key.items() if k in changed_keys or k not in known]
    return [s for s in picked if os.path.isfile(s)]


def _render_all(specs: Iterable[str], render: Callable[[str], None]) -> None:
    for spec in specs:
        try:
            render(spec)
        except UserError as exc:
            for p in exc.problems:
                click.echo(str(p), err=True)
        except Exception:  # noqa: BLE001 - a renderer bug must not end a long-running watch
            click.echo(f"{spec}: internal error (please report it):\n{traceback.format_exc()}", err=True)


def watch_specs(specs: Sequence[str], render: Callable[[str], None], *, stop_event: _Event | None = None,
                debounce_ms: int = 1600, step_ms: int = 100) -> None:
    """Render every spec, then each one again when it changes, until Ctrl-C or ``stop_event`` is set.

    ``render(spec)`` renders and writes one spec; a :class:`UserError` it raises
    is printed as located problems and the watch goes on.  Returns normally on
    Ctrl-C (watchfiles checks for signals while it waits).

    The first render runs once the watcher is live (on its first idle tick),
    so a save made while it runs is not missed.
    """
    from watchfiles import watch

    roots, recursive = watch_roots(specs)
    missing = [r for r in roots if not r.is_dir()]
    if missing:
        raise UserError([Problem(str(r), 0, 0, "cannot watch: no such folder") for r in missing])
    known: set[str] | None = None
    for changes in watch(*roots, watch_filter=_relevant, debounce=debounce_ms, step=step_ms, stop_event=stop_event,
                         raise_interrupt=False, recursive=recursive, rust_timeout=250, yield_on_timeout=True):
        if known is None:
            current = _spec_files(specs)
            known = {_key(s) for s in current}
            _render_all(current, render)
            click.echo(f"watching {len(current)} map{'s' if len(current) != 1 else ''} (Ctrl-C to stop)", err=True)
        elif changes:  # the first render above already saw anything saved before it
            todo = _to_render(specs, (path for _, path in changes), known)
            known |= {_key(s) for s in todo}
            _render_all(todo, render)
