"""Survey evidence: known means and standard deviations reach the map; bad rows are located, all at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cjmrender.errors import UserError
from cjmrender.lint import lint_path
from cjmrender.pipeline import render_svg_text
from cjmrender.spec.loader import load_spec
from tests.conftest import ROOT

MAPS = Path(__file__).parent / "maps"
SURVEYED = MAPS / "surveyed.yaml"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "cjmrender", *args], capture_output=True, cwd=cwd, timeout=120)


def test_scores_n_and_spread_come_from_the_survey():
    j = load_spec(SURVEYED)
    research, checkout = (c.content.emotion for c in j.columns)
    # answers.csv: research 4,2,3,5 -> mean 3.5, sample sd 1.29; checkout 1,2,2 -> mean 1.67, sd 0.58
    assert (research.score, research.n, research.spread) == (3.5, 4, 1.29)
    assert (checkout.score, checkout.n, checkout.spread) == (1.67, 3, 0.58)
    assert research.label == "Curious" and research.source == "answers.csv"
    svg = render_svg_text(j)
    assert "3.5 / 5 · n=4" in svg and "1.7 / 5 · n=3" in svg


def test_typed_scores_that_disagree_with_the_survey_are_lint_errors():
    found = [(f.rule, f.severity, f.line) for f in lint_path(SURVEYED)]
    assert found == [("CJM011", "error", 8), ("CJM011", "error", 13)]


PERSONAS = MAPS / "personas.yaml"


def test_per_persona_emotions_take_their_personas_answers():
    (research, checkout) = (dict(c.content.emotions) for c in load_spec(PERSONAS).columns)
    # persona-answers.csv: research Lan 4,3 and Minh 5,3; checkout Lan 1,2 and nothing from Minh
    assert (research["lan"].score, research["lan"].n, research["lan"].spread) == (3.5, 2, 0.71)
    assert (research["minh"].score, research["minh"].n, research["minh"].spread) == (4.0, 2, 1.41)
    assert research["minh"].label == "Bored" and research["minh"].source == "persona-answers.csv"
    assert (checkout["lan"].score, checkout["lan"].n) == (1.5, 2)
    assert (checkout["minh"].score, checkout["minh"].n, checkout["minh"].source) == (3.0, None, None)  # typed stands
    assert all(c.content.emotion is None for c in load_spec(PERSONAS).columns)  # the curves stay per persona


def test_typed_per_persona_values_that_disagree_with_the_survey_are_lint_errors():
    lines = PERSONAS.read_text(encoding="utf-8").splitlines()
    found = lint_path(PERSONAS)
    assert [(f.rule, f.severity, f.line) for f in found] == [("CJM011", "error", 12), ("CJM011", "error", 18)]
    minh, lan = found
    assert 'persona "Minh"' in minh.message and "mean 4 of 2 answers" in minh.message
    assert lines[11][minh.col - 1:].startswith("2, label: Bored")  # at Minh's typed score
    assert 'persona "Lan"' in lan.message and "n=5" in lan.message
    assert lines[17][lan.col - 1:].startswith("5}")  # at Lan's typed n


def write_map(folder: Path, csv_text: str, ref: str = "s.csv") -> Path:
    (folder / "s.csv").write_text(csv_text)
    spec = folder / "m.yaml"
    spec.write_text(f"title: T\nevidence: {{survey: {ref}}}\npersona: {{name: Lan}}\n"
                    "stages:\n  - {name: A, id: a}\n  - {name: B, id: b}\n")
    return spec


def test_bad_rows_are_all_reported_with_their_lines(tmp_path):
    spec = write_map(tmp_path, "stage,score,persona,respondent\n"
                                "a,3,Lan,r1\n"      # 2: fine
                                "zz,3,Lan,r2\n"     # 3: unknown stage
                                "a,three,Lan,r3\n"  # 4: not a number
                                "b,9,Lan,r4\n"      # 5: outside 1..5
                                "a,2,Lan,r1\n"      # 6: r1 again for a
                                "b,2,Ann,r5\n"      # 7: unknown persona
                                "b,2\n")            # 8: too few values
    with pytest.raises(UserError) as exc:
        load_spec(spec)
    survey = str(tmp_path / "s.csv")
    assert [(p.file, p.line) for p in exc.value.problems] == [(survey, n) for n in (3, 4, 5, 6, 7, 8)]
    res = run("render", str(spec), "-o", str(tmp_path / "m.svg"))
    assert res.returncode == 1 and f"{survey}:3: no stage or step 'zz'".encode() in res.stderr
    assert b"Traceback" not in res.stderr and not (tmp_path / "m.svg").exists()


@pytest.mark.parametrize("ref", ["../s.csv", "/etc/passwd", "https://example.com/s.csv", "nothere.csv"])
def test_survey_stays_inside_the_maps_folder(tmp_path, ref):
    inner = tmp_path / "inner"
    inner.mkdir()
    spec = write_map(inner, "stage,score\na,3\n", ref)
    with pytest.raises(UserError):
        load_spec(spec)


def test_evidence_command_prints_the_per_stage_table():
    res = run("evidence", str(MAPS / "answers.csv"), "--map", str(SURVEYED))
    assert res.returncode == 0, res.stderr
    rows = {ln.split()[0]: ln.split()[1:] for ln in res.stdout.decode().splitlines()[1:]}
    assert rows["Research"] == ["4", "3.50", "1.29"] and rows["Checkout"] == ["3", "1.67", "0.58"]
