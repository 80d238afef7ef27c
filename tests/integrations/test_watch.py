"""Watch mode with real file changes: in a thread (the library loop) and as the command a user runs."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import need_module

need_module("watchfiles")

from cjmrender.errors import Problem, UserError  # noqa: E402
from cjmrender.watch import watch_specs  # noqa: E402
from tests.conftest import ROOT  # noqa: E402

SPEC = "title: {title}\nstages:\n  - name: Find\n    actions: [Searches]\n    emotion: 3\n"
DEADLINE = 15.0


def wait_for(condition: Callable[[], bool], what: str) -> None:
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


def test_watch_loop_rerenders_changed_and_new_specs_and_survives_errors(tmp_path, capsys):
    (tmp_path / "a.yaml").write_text(SPEC.format(title="First"))
    rendered: list[tuple[str, str]] = []

    def render(spec: str) -> None:
        text = Path(spec).read_text()
        if "broken" in text:
            raise UserError(Problem(spec, 2, 1, "broken on purpose"))
        rendered.append((Path(spec).name, text.splitlines()[0]))

    stop = threading.Event()
    errors: list[BaseException] = []

    def run() -> None:
        try:
            watch_specs([str(tmp_path)], render, stop_event=stop, debounce_ms=300, step_ms=50)
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        wait_for(lambda: ("a.yaml", "title: First") in rendered, "the first render")
        (tmp_path / "a.yaml").write_text(SPEC.format(title="Second"))
        wait_for(lambda: ("a.yaml", "title: Second") in rendered, "a re-render after a save")
        (tmp_path / "a.yaml").write_text("title: broken\n")
        wait_for(lambda: "broken on purpose" in capsys.readouterr().err, "the located problem")
        (tmp_path / "b.yml").write_text(SPEC.format(title="New file"))
        wait_for(lambda: ("b.yml", "title: New file") in rendered, "a spec added to the folder")
        (tmp_path / "out.svg").write_text("<svg/>")  # outputs must not retrigger a render
        time.sleep(0.5)
        assert rendered.count(("b.yml", "title: New file")) == 1
    finally:
        stop.set()
        thread.join(timeout=DEADLINE)
    assert not thread.is_alive(), "watch did not stop"
    assert not errors, errors


def test_watch_command_keeps_last_good_output_and_exits_0_on_ctrl_c(tmp_path):
    spec = tmp_path / "maps" / "trip.yaml"
    spec.parent.mkdir()
    spec.write_text(SPEC.format(title="Original trip"))
    out = tmp_path / "out"
    log = tmp_path / "stderr.txt"
    with log.open("w") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "cjmrender", "watch", str(spec.parent), "-o", f"{out}/"], cwd=ROOT,
            stdout=subprocess.DEVNULL, stderr=err,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # a background shell may ignore it
        )
    try:
        svg = out / "trip.svg"
        wait_for(lambda: "watching 1 map" in log.read_text(), "the watch to start")
        assert "Original trip" in svg.read_text()

        spec.write_text(SPEC.format(title="Edited trip"))
        wait_for(lambda: svg.is_file() and "Edited trip" in svg.read_text(), "the edited map")

        spec.write_text("title: Broken trip\nstages:\n  - name: A\n    emoton: 3\n")
        wait_for(lambda: f"{spec}:4:5: unknown key 'emoton'" in log.read_text(), "the located problem")
        assert "Edited trip" in svg.read_text(), "a broken spec must leave the last good output"

        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=DEADLINE) == 0, log.read_text()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert "Traceback" not in log.read_text()
    assert not list(out.glob(".*.tmp")), "no temp files left behind"


def test_what_renders_after_a_change(tmp_path):
    from cjmrender.watch import _key, _to_render

    for name in ("a.yaml", "b.yaml", "theme.yml"):
        (tmp_path / name).write_text(SPEC.format(title=name))
    specs = [str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")]
    known = {_key(s) for s in specs}
    assert _to_render(specs, [str(tmp_path / "a.yaml")], known) == specs[:1]
    assert _to_render(specs, [str(tmp_path / "theme.yml")], known) == specs, "a theme next to the maps"
    assert _to_render(specs, [str(tmp_path / "deleted.yaml")], known) == []
    (tmp_path / "a.yaml").unlink()
    assert _to_render(specs, [str(tmp_path / "a.yaml")], known) == [], "a deleted spec keeps its last output"
