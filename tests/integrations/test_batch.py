"""Batch arguments: folders and globs expand to sorted spec paths; progress only for a person at a terminal."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from cjmrender.batch import expand_specs, interactive, progress, watch_roots
from tests.conftest import ROOT, syntax_error_at

GOOD = "title: T\nstages: [{name: A, emotion: 3}]\n"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for rel in ("b.yaml", "a.yml", "sub/c.yaml", "sub/deeper/d.YAML", ".hidden/x.yaml", "sub/.y.yaml",
                "notes.txt", "sub/.git/config.yaml"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(GOOD)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_folder_is_searched_recursively_sorted_skipping_hidden(tree):
    assert expand_specs(["."]) == ["a.yml", "b.yaml", "sub/c.yaml", "sub/deeper/d.YAML"]


def test_globs_are_expanded_sorted_and_files_kept_in_argument_order(tree):
    assert expand_specs(["sub/c.yaml", "*.y*ml"]) == ["sub/c.yaml", "a.yml", "b.yaml"]
    assert expand_specs(["**/*.yaml"]) == ["b.yaml", "sub/c.yaml"]
    assert expand_specs(["s*"]) == ["sub/c.yaml", "sub/deeper/d.YAML"]  # a matched folder is searched


def test_duplicates_dropped_stdin_and_unmatched_passed_through(tree):
    assert expand_specs(["b.yaml", "-", "*.yaml", "missing/*.yaml", "nope.yaml"]) == [
        "b.yaml", "-", "missing/*.yaml", "nope.yaml"]
    assert expand_specs([str(tree / "empty")]) == [str(tree / "empty")]


def test_watch_roots_are_folders(tree):
    roots, recursive = watch_roots(["b.yaml", "sub/c.yaml"])
    assert roots == [tree.resolve(), (tree / "sub").resolve()] and not recursive
    roots, recursive = watch_roots(["sub", "sub/deeper/d.YAML"])
    assert roots == [(tree / "sub").resolve()] and recursive
    assert watch_roots(["sub/**/*.yaml"]) == ([(tree / "sub").resolve()], True)


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_silent_off_a_terminal_and_under_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    assert list(progress(["a", "b"], io.StringIO())) == ["a", "b"]
    monkeypatch.setenv("CI", "true")
    stream = Tty()
    assert not interactive(stream)
    assert list(progress(["a", "b"], stream)) == ["a", "b"] and stream.getvalue() == ""


def test_progress_bar_stays_below_messages_on_a_terminal(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    stream = Tty()
    monkeypatch.setattr(sys, "stderr", stream)
    for spec in progress(["one.yaml", "two.yaml"], stream):
        click.echo(f"wrote {spec}", err=True)
    assert sys.stderr is stream, "stderr is restored"
    text = stream.getvalue()
    assert "] 0/2 one.yaml" in text and "] 1/2 two.yaml" in text
    assert "\r\x1b[Kwrote one.yaml\n" in text and "\r\x1b[Kwrote two.yaml\n" in text
    assert text.endswith("\r\x1b[K"), "the bar is cleared at the end"


def test_render_command_takes_folders_and_quoted_globs(tree):
    (tree / "sub" / "broken.yaml").write_text("title: [\n")
    res = subprocess.run([sys.executable, "-m", "cjmrender", "render", "sub", "*.yml"], cwd=tree,
                         capture_output=True, timeout=120, env={**os.environ, "PYTHONPATH": os.pathsep.join(
                             filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))})
    assert res.returncode == 1, res.stderr
    syntax_error_at(res.stderr.decode(), "sub/broken.yaml", "title: [\n")
    assert (tree / "sub" / "c.svg").is_file() and (tree / "sub" / "deeper" / "d.svg").is_file()
    assert (tree / "a.svg").is_file() and not (tree / "b.svg").exists()
    assert not (tree / ".hidden" / "x.svg").exists()
    assert b"\r" not in res.stderr, "no progress bar when stderr is not a terminal"
