"""Compare: every added, removed and changed item found, summarised as text, and drawn with markers."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cjmrender.compare import diff_journeys, summary_text, word_diff
from cjmrender.compare.merge import before_journey, merged_journey
from cjmrender.compare.overlay import with_before_curve
from cjmrender.errors import UserError
from cjmrender.layout.model import Group, PathShape, walk
from cjmrender.pipeline import RenderOptions, diagram_for
from cjmrender.spec.loader import load_spec, load_text
from tests.conftest import ROOT

MAPS = Path(__file__).parent / "maps"
CURRENT, FUTURE = MAPS / "current.yaml", MAPS / "future.yaml"

# What the two maps differ in, written out by hand from the files.
EXPECTED = {
    ("research", "touchpoints", "added", None, "Fit finder"),
    ("checkout", "actions", "added", None, "Pays as a guest"),
    ("checkout", "actions", "removed", "Creates an account", None),
    ("checkout", "actions", "removed", "Pays", None),
    ("checkout", "pains", "changed", "Chat answers take more than ten minutes", "Chat answers take under two minutes"),
    ("checkout", "pains", "removed", "Forced account creation", None),
    ("delivery", "touchpoints", "removed", "Courier", None),
    ("delivery", "actions", "removed", "Waits three days", None),
    ("delivery", "opportunities", "removed", "Same-day delivery", None),
    ("delivery", "owners", "removed", "Logistics", None),
    ("pickup", "touchpoints", "added", None, "Pickup point"),
    ("pickup", "actions", "added", None, "Collects the shoes on the way home"),
    ("pickup", "opportunities", "added", None, "Try-on at the pickup point"),
    ("pickup", "owners", "added", None, "Retail"),
}


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "cjmrender", "compare", *args], capture_output=True, cwd=cwd,
                          timeout=120)


@pytest.fixture(scope="module")
def diff():
    return diff_journeys(load_spec(CURRENT), load_spec(FUTURE))


def test_every_added_removed_and_changed_item_is_found(diff):
    got = {(c.id, i.lane, i.status, i.old, i.new) for c in diff.columns for i in diff_items(c)}
    assert got == EXPECTED
    assert [(c.id, c.status) for c in diff.columns] == [
        ("research", "same"), ("checkout", "same"), ("delivery", "removed"), ("pickup", "added")]
    assert diff.stages_added == ("Pickup",) and diff.stages_removed == ("Delivery",)
    by = {c.id: c for c in diff.columns}
    assert (by["research"].delta, by["checkout"].delta, by["pickup"].delta) == (0.5, 2.0, None)
    [metric] = by["checkout"].metrics
    assert (metric.status, metric.old, metric.new) == ("changed", "38%", "20%")


def diff_items(c):
    return [i for i in c.items if i.status != "same"]


def test_text_summary_lists_every_change(diff):
    text = summary_text(diff)
    for _, lane, status, old, new in EXPECTED:
        mark = {"added": "+", "removed": "-", "changed": "~"}[status]
        shown = word_diff(old, new) if status == "changed" else (new or old)
        assert f"    {mark} {lane}: {shown}\n" in text
    assert "emotion 1.5 -> 3.5 (+2)" in text and "emotion 3 -> 3.5 (+0.5)" in text
    assert "~ metric Cart abandonment: 38% -> 20%" in text
    assert '- stage "Delivery" (removed)' in text and '+ stage "Pickup" (added)' in text
    assert "Compares five models" not in text  # unchanged items stay out


def test_word_diff_marks_only_the_words_that_changed():
    assert word_diff("Chat answers take more than ten minutes", "Chat answers take under two minutes") == \
        "Chat answers take [-more than ten-] {+under two+} minutes"
    assert word_diff("a b", "a b") == "a b"


def test_the_picture_marks_changes_in_text_and_draws_the_current_curve_behind(diff):
    merged = merged_journey(diff)
    texts = [x.text for col in merged.columns for x in col.content.pains + col.content.actions]
    assert "+ Pays as a guest" in texts and "\u2212 Creates an account" in texts
    assert "~ Chat answers take under two minutes" in texts
    changed = next(x for col in merged.columns for x in col.content.pains if x.text.startswith("~"))
    assert changed.note == "was: Chat answers take more than ten minutes"
    assert [s.name for s in merged.stages] == ["Research", "Checkout", "\u2212 Delivery", "+ Pickup"]
    [metric] = [m for col in merged.columns for m in col.content.metrics]
    assert metric.value == "38% \u2192 20%"
    assert merged.columns[1].content.emotion.label == "Relieved (+2)"

    opts = RenderOptions(id_prefix="t")
    future, _ = diagram_for(merged, opts)
    current, _ = diagram_for(before_journey(merged, diff), opts)
    drawn = with_before_curve(future, current)
    paths = [e for e in walk(drawn.root) if isinstance(e, PathShape)]
    before = next(p for p in paths if p.cls == "curve-before")
    assert before.dash and paths.index(before) == paths.index(next(p for p in paths if p.cls == "curve")) - 1
    # the dashed curve passes through the current scores at the same column centres as the future faces
    faces = {g.id.removeprefix("face-"): g.children[0] for g in walk(drawn.root)
             if isinstance(g, Group) and g.id.startswith("face-")}
    points = [(c[-2], c[-1]) for c in before.commands]
    assert len(points) == 3  # research, checkout, delivery: the columns the current map scores
    assert points[0][0] == faces["research"].cx and points[1][0] == faces["checkout"].cx
    assert points[0][1] > faces["research"].cy and points[1][1] > faces["checkout"].cy  # lower scores, lower on the plot


def test_cli_writes_svg_and_pdf_and_text(tmp_path):
    res = run(str(CURRENT), str(FUTURE), "-o", str(tmp_path / "c.svg"))
    assert res.returncode == 0, res.stderr
    svg = (tmp_path / "c.svg").read_text()
    assert "curve-before" in svg and "38% → 20%" in svg and "− Delivery" in svg
    res = run(str(CURRENT), str(FUTURE), "--format", "text")
    assert res.returncode == 0 and res.stdout.decode() == summary_text(diff_journeys(load_spec(CURRENT), load_spec(FUTURE)))
    if shutil.which("pdftotext"):
        assert run(str(CURRENT), str(FUTURE), "-o", str(tmp_path / "c.pdf")).returncode == 0
        text = subprocess.run(["pdftotext", str(tmp_path / "c.pdf"), "-"], capture_output=True).stdout.decode()
        assert "38% → 20%" in text and "Pickup" in text


def test_mismatched_scales_and_personas_are_clear_errors():
    base = "title: T\n{extra}stages:\n  - {{name: A, emotion: 3}}\n"
    a = load_text(base.format(extra=""), "a.yaml")
    b = load_text(base.format(extra="emotion_scale: {min: 0, max: 10}\n"), "b.yaml")
    with pytest.raises(UserError) as exc:
        diff_journeys(a, b)
    assert exc.value.problems[0].file == "b.yaml" and "0..10" in str(exc.value) and "1..5" in str(exc.value)
    c = load_text(base.format(extra="persona: {name: Lan}\n"), "c.yaml")
    d = load_text(base.format(extra="persona: {name: Minh}\n"), "d.yaml")
    with pytest.raises(UserError, match="Minh.*Lan"):
        diff_journeys(c, d)


def test_cli_errors_exit_1_without_traceback(tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text("title: T\nemotion_scale: {min: 0, max: 10}\nstages:\n  - {name: A, emotion: 3}\n")
    for args in ([str(CURRENT), str(other), "--format", "text"], [str(CURRENT)], [str(CURRENT), str(FUTURE)],
                 [str(CURRENT), str(FUTURE), "-o", str(tmp_path / "x.gif")]):
        res = run(*args)
        assert res.returncode == 1 and b"Traceback" not in res.stderr, args
    assert not (tmp_path / "x.gif").exists()


@pytest.fixture
def repo(tmp_path):
    if not shutil.which("git"):
        pytest.skip("git not installed")
    env = ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    spec = tmp_path / "maps" / "journey.yaml"
    spec.parent.mkdir()
    spec.write_bytes(CURRENT.read_bytes())
    subprocess.run(["git", "-C", str(tmp_path), *env, "add", "."], check=True)
    subprocess.run(["git", "-C", str(tmp_path), *env, "commit", "-q", "-m", "current"], check=True)
    spec.write_bytes(FUTURE.read_bytes())
    return spec


def test_baseline_reads_the_map_at_a_git_revision(repo):
    res = run(str(repo), "--baseline", "HEAD", "--format", "text", cwd=repo.parent.parent)
    assert res.returncode == 0, res.stderr
    want = summary_text(diff_journeys(load_spec(CURRENT), load_spec(FUTURE)))
    assert res.stdout.decode().splitlines()[1:] == want.splitlines()[1:]
    assert f"{repo}@HEAD -> {repo}" in res.stdout.decode()


@pytest.mark.parametrize("ref", ["--output=/tmp/pwned", "-p", "HEAD:../../etc/passwd", "HEAD..main", "HEAD $(id)",
                                 "nosuchbranch"])
def test_baseline_refs_cannot_become_options_or_other_paths(repo, ref, tmp_path_factory):
    res = run(str(repo), f"--baseline={ref}", "--format", "text", cwd=repo.parent.parent)
    assert res.returncode == 1 and b"Traceback" not in res.stderr
    assert not Path("/tmp/pwned").exists()
    assert re.search(rb"baseline|cannot read it", res.stderr)
