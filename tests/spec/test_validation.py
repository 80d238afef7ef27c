"""Semantic validation: each rule has a case that triggers it, located where the mistake is."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cjmrender.errors import UserError
from cjmrender.spec.loader import MAX_ITEMS, load_spec


def first_problem(text: str, base_dir: str | None = None) -> str:
    with pytest.raises(UserError) as info:
        if base_dir:
            path = Path(base_dir) / "map.yaml"
            path.write_text(text, encoding="utf-8")
            load_spec(path)
        else:
            load_spec(text, name="map.yaml")
    return str(info.value.problems[0])


ITEMS = ", ".join(["x"] * (MAX_ITEMS + 1))

# (map, expected line:col, words the message must contain)
CASES = {
    "too-many-items": (f"title: T\nstages:\n  - name: A\n    actions: [{ITEMS}]\n", "4:14", f"the limit is {MAX_ITEMS}"),
    "label-outside-scale": ("title: T\nemotion_scale: {min: 1, max: 5, labels: {9: wow}}\nstages: [{name: A}]\n",
                            "2:42", "label level 9 is outside the scale 1..5"),
    "bad-lane-id": ("title: T\nlanes: [{id: '2 bad', title: X}]\nstages: [{name: A}]\n", "2:14", "lane id '2 bad'"),
    "reserved-lane-id": ("title: T\nlanes: [{id: steps, title: X}]\nstages: [{name: A}]\n", "2:14", "reserved word"),
    "duplicate-lane": ("title: T\nlanes: [pains, pains]\nstages: [{name: A}]\n", "2:16", "listed twice"),
    "stages-and-phases": ("title: T\nstages: [{name: A}]\nphases: [{name: P, stages: [{name: B}]}]\n", "3:1",
                          "not both"),
    "empty-phase": ("title: T\nphases:\n  - {name: P, stages: []}\n", "3:23", "phase 'P' has no stages"),
    "n-below-one": ("title: T\nstages: [{name: A, emotion: {score: 3, n: 0}}]\n", "2:43", "at least 1"),
    "negative-spread": ("title: T\nstages: [{name: A, emotion: {score: 3, spread: -0.5}}]\n", "2:48",
                        "spread must not be negative"),
    "bad-stage-id": ("title: T\nstages: [{id: 'a b', name: A}]\n", "2:15", "id 'a b' must use letters"),
    "unknown-theme": ("title: T\ntheme: darkk\nstages: [{name: A}]\n", "2:8", "unknown theme 'darkk'"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_validation_message(name):
    text, where, words = CASES[name]
    got = first_problem(text)
    assert got.startswith(f"map.yaml:{where}: "), got
    assert words in got, got


def test_image_not_found(tmp_path):
    got = first_problem("title: T\nstages: [{name: A, image: pics/a.png}]\n", str(tmp_path))
    assert got.startswith(f"{tmp_path / 'map.yaml'}:2:27: ") and "image 'pics/a.png' not found" in got


@pytest.mark.parametrize("ref,words", [
    ("missing.yaml", "theme 'missing.yaml' not found"),
    ("../outside.yaml", "outside the map's folder"),
    ("/etc/passwd", "unknown theme"),
    ("/etc/x.yaml", "absolute path"),
    ("https://example.com/t.yaml", "is a URL"),
])
def test_map_theme_must_be_a_theme_file_in_the_maps_folder(tmp_path, ref, words):
    (tmp_path / "outside.yaml").write_text("extends: dark\n")
    folder = tmp_path / "maps"
    folder.mkdir()
    got = first_problem(f"title: T\ntheme: '{ref}'\nstages: [{{name: A}}]\n", str(folder))
    assert got.startswith(f"{folder / 'map.yaml'}:2:8: ") and words in got, got


def test_map_theme_beside_the_map_is_used(tmp_path):
    from cjmrender.pipeline import diagram_for
    from cjmrender.theme import load_theme

    (tmp_path / "brand.yaml").write_text("geometry:\n  size:\n    body: 21\n")
    (tmp_path / "map.yaml").write_text("title: T\ntheme: brand.yaml\nstages: [{name: A, actions: [x]}]\n")
    _, theme = diagram_for(load_spec(tmp_path / "map.yaml"))
    assert theme.geometry.size.body == 21 != load_theme("default").geometry.size.body


def test_a_site_wide_default_theme_does_not_override_the_maps_own(tmp_path):
    from cjmrender.pipeline import RenderOptions, diagram_for

    (tmp_path / "brand.yaml").write_text("geometry:\n  size:\n    body: 21\n")
    (tmp_path / "map.yaml").write_text("title: T\ntheme: brand.yaml\nstages: [{name: A}]\n")
    (tmp_path / "plain.yaml").write_text("title: T\nstages: [{name: A}]\n")
    assert diagram_for(load_spec(tmp_path / "map.yaml"), RenderOptions(default_theme="dark"))[1].geometry.size.body == 21
    assert diagram_for(load_spec(tmp_path / "plain.yaml"), RenderOptions(default_theme="dark"))[1].name == "dark"
    assert diagram_for(load_spec(tmp_path / "map.yaml"), RenderOptions(theme="dark"))[1].name == "dark"


def test_theme_errors_do_not_show_another_files_content(tmp_path):
    from cjmrender.theme import load_theme

    secret = tmp_path / "secret.txt"
    secret.write_text("password: hunter2\ntoken: abc\n")
    notes = tmp_path / "notes.yaml"
    notes.write_text("password: hunter2\ntoken: abc\n")
    for path in (secret, notes):
        with pytest.raises(UserError) as info:
            load_theme(path)
        text = str(info.value)
        assert "password" not in text and "hunter2" not in text and "token" not in text, text


def test_validate_exits_1_on_a_broken_map(tmp_path):
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text("title: T\nstages: [{name: A}]\n")
    bad.write_text("title: T\nstages: [{name: A, emotion: {score: 3, spread: -1}}]\n")
    res = subprocess.run([sys.executable, "-m", "cjmrender", "validate", str(good), str(bad)],
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 1
    assert res.stderr.startswith(f"{bad}:2:") and "Traceback" not in res.stderr
    assert f"{good}: ok" in res.stdout
