"""Mermaid journey import against a corpus whose ground truth is read off Mermaid's grammar.

``mermaid/valid/X.mmd`` comes with ``X.json``: the title, sections, tasks,
scores and actors that Mermaid's parser (journey.jison + journeyDb) produces
for it, written by hand from the grammar, not by running this importer.
``mermaid/invalid/X.mmd`` comes with ``X.where``: the ``LINE:COL`` (or LINE)
where Mermaid's parser stops.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml


CORPUS = Path(__file__).parent / "mermaid"
VALID = sorted((CORPUS / "valid").glob("*.mmd"))
INVALID = sorted((CORPUS / "invalid").glob("*.mmd"))


def summary(data: dict) -> dict:
    """What Mermaid draws, read back from the imported map."""
    return {"title": data["title"], "sections": [
        {"name": st["name"], "tasks": [[sp["name"], sp["emotion"], sp.get("owners", [])] for sp in st.get("steps", [])]}
        for st in data["stages"]]}


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_files_import_with_mermaids_sections_tasks_scores_and_actors(path, cli):
    code, out, err = cli("import", str(path))
    assert code == 0, err
    data = yaml.safe_load(out)
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert summary(data) == expected
    actors = [a for s in expected["sections"] for t in s["tasks"] for a in t[2]]
    assert [p["name"] for p in data.get("personas", [])] == list(dict.fromkeys(actors))
    scores = [t[1] for s in expected["sections"] for t in s["tasks"]]
    assert data["emotion_scale"] == {"min": min([1, *scores]), "max": max([5, *scores])}


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_files_fail_at_mermaids_error_location(path, cli):
    code, out, err = cli("import", str(path))
    assert code == 1 and out == ""
    assert "Traceback" not in err
    where = path.with_suffix(".where").read_text().strip()
    first = err.splitlines()[0]
    assert first.startswith(f"{path}:{where}:"), first


DRAWABLE = [p for p in VALID if json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))["sections"]]


@pytest.mark.parametrize("path", DRAWABLE, ids=lambda p: p.stem)
def test_valid_files_render_directly(path, tmp_path, cli):
    code, _, err = cli("render", str(path), "-o", str(tmp_path / "out.svg"))
    assert code == 0, err
    assert "</svg>" in (tmp_path / "out.svg").read_text()


def test_title_only_file_imports_but_has_nothing_to_render(tmp_path, cli):
    path = CORPUS / "valid" / "parser-title-only.mmd"
    code, _, err = cli("render", str(path), "-o", str(tmp_path / "out.svg"))
    assert code == 1 and err.startswith(f"{path}:1:1:") and not (tmp_path / "out.svg").exists()


@pytest.mark.parametrize("path", DRAWABLE, ids=lambda p: p.stem)
def test_round_trip_mermaid_map_mermaid_map_is_lossless(path, tmp_path, cli):
    first = tmp_path / "first.yaml"
    assert cli("import", str(path), "-o", str(first))[0] == 0
    data = yaml.safe_load(first.read_text(encoding="utf-8"))
    mmd = tmp_path / "back.mmd"
    code, _, err = cli("render", str(first), "-f", "mermaid", "-o", str(mmd))
    assert code == 0, err
    code, out, err = cli("import", str(mmd))
    assert code == 0, err
    assert yaml.safe_load(out) == data


def test_readme_before_and_after_pictures_are_current():
    from cjmrender.interop import load_any
    from cjmrender.pipeline import RenderOptions, render_svg_text

    root = CORPUS.parents[2]
    readme = (root / "README.md").read_text(encoding="utf-8")
    source = (root / "examples" / "mermaid-journey.mmd").read_text(encoding="utf-8")
    assert f"```mermaid\n{source}```" in readme, "the README shows the example's Mermaid source"
    want = render_svg_text(load_any(root / "examples" / "mermaid-journey.mmd"), RenderOptions(id_prefix="mermaid"))
    assert (root / "docs/images/mermaid-journey.svg").read_text(encoding="utf-8") == want, "run docs/render-images.sh"
