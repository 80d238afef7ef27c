"""The command line as a user runs it: real processes, exit codes, files written or not."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from cjmrender.spec.schema import schema_json
from tests.conftest import EXAMPLES, ROOT, syntax_error_at


def run(*args: str, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "cjmrender", *args], capture_output=True, input=stdin, cwd=cwd,
                          timeout=120)


def test_version_and_help():
    res = run("--version")
    assert res.returncode == 0 and b"cjmrender" in res.stdout
    assert run("--help").returncode == 0


def test_validate_examples():
    res = run("validate", *map(str, EXAMPLES))
    assert res.returncode == 0, res.stderr
    assert res.stdout.count(b": ok (") == len(EXAMPLES)


def test_bad_spec_exits_1_with_location_and_no_traceback(tmp_path):
    spec = tmp_path / "bad.yaml"
    spec.write_text("title: T\nstages:\n  - name: A\n    emoton: 3\n")
    res = run("render", str(spec))
    assert res.returncode == 1
    err = res.stderr.decode()
    assert err.startswith(f"{spec}:4:5: unknown key 'emoton' in stage; did you mean 'emotion'?")
    assert "Traceback" not in err
    assert not (tmp_path / "bad.svg").exists()


def test_batch_continues_past_a_broken_spec(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text("title: T\nstages: [{name: A, emotion: 3}]\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [\n")
    res = run("render", str(bad), str(good), "-o", str(tmp_path / "out") + "/")
    assert res.returncode == 1
    assert (tmp_path / "out" / "good.svg").exists()
    assert not (tmp_path / "out" / "bad.svg").exists()
    syntax_error_at(res.stderr.decode(), bad, "title: [\n")


def test_render_to_stdout_from_stdin():
    res = run("render", "-", "-o", "-", stdin=(ROOT / "examples/minimal.yaml").read_bytes())
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith(b"<?xml") and b"Booking a haircut" in res.stdout


def test_render_next_to_spec_and_lanes_option(tmp_path):
    spec = tmp_path / "m.yaml"
    spec.write_bytes((ROOT / "examples/running-shoes.yaml").read_bytes())
    res = run("render", str(spec), "--lanes", "emotion,pains", "--width", "1400")
    assert res.returncode == 0, res.stderr
    svg = (tmp_path / "m.svg").read_text()
    assert 'class="lane lane-emotion"' in svg and 'class="lane lane-pains"' in svg
    assert 'class="lane lane-actions"' not in svg
    assert 'width="1400"' in svg
    bad = run("render", str(spec), "--lanes", "emoton")
    assert bad.returncode == 1 and b"unknown lane 'emoton'" in bad.stderr


def test_usage_errors_exit_1():
    res = run("render", "examples/minimal.yaml", "-f", "gif")
    assert res.returncode == 1 and b"unknown format 'gif'" in res.stderr
    res = run("render", "does-not-exist.yaml")
    assert res.returncode == 1 and b"does-not-exist.yaml: cannot read" in res.stderr


@pytest.mark.parametrize("preset", ["4-stage", "5-stage", "aicdsl", "purchase-phases"])
@pytest.mark.parametrize("locale", ["en", "vi"])
def test_init_writes_a_valid_map(tmp_path, preset, locale):
    path = tmp_path / "j.yaml"
    assert run("init", str(path), "--preset", preset, "--locale", locale).returncode == 0
    assert run("validate", str(path)).returncode == 0
    again = run("init", str(path))
    assert again.returncode == 1 and b"already exists" in again.stderr


def test_committed_schema_is_current():
    committed = ROOT / "cjmrender" / "schema" / "journey.schema.json"
    assert committed.read_text(encoding="utf-8") == schema_json(), "run: cjmrender schema -o " + str(committed)
    res = run("schema")
    assert res.returncode == 0 and json.loads(res.stdout) == json.loads(schema_json())


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_validate_against_schema_and_point_to_it(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../cjmrender/schema/journey.schema.json\n")
    schema = json.loads(schema_json())
    jsonschema.Draft202012Validator(schema).validate(yaml.safe_load(text))


def test_schema_rejects_what_the_loader_rejects():
    schema = json.loads(schema_json())
    v = jsonschema.Draft202012Validator(schema)
    assert not v.is_valid({"title": "T", "stags": []})
    assert not v.is_valid({"title": "T", "stages": [{"name": "A", "emotion": {"score": "x"}}]})
