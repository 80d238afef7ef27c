"""Lint rules on seeded maps: exactly the expected rule ids on the expected lines, nothing on clean maps."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cjmrender.lint import RULES, lint_path, lint_text
from tests.conftest import EXAMPLES

MAPS = Path(__file__).parent / "maps"


def expected(path: Path) -> list[tuple[int, str]]:
    """(line, rule id) pairs from ``# expect: ID ...`` comments."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = re.search(r"#\s*expect:((?:\s+CJM\d{3})+)\s*$", line)
        if m:
            out += [(n, rid) for rid in m.group(1).split()]
    return sorted(out)


def got(findings) -> list[tuple[int, str]]:
    return sorted((f.line, f.rule) for f in findings)


def test_seeded_faults_give_exactly_the_expected_findings():
    path = MAPS / "faults.yaml"
    want = expected(path)
    assert {rid for _, rid in want} == set(RULES) - {"CJM000", "CJM011"}, "the fixture seeds every rule but the survey one"
    findings = lint_path(path)
    assert got(findings) == want
    assert all(f.file == str(path) and f.col > 0 for f in findings)


def test_findings_point_at_the_item_and_name_it():
    findings = {f.rule: f for f in lint_path(MAPS / "faults.yaml")}
    pain = findings["CJM001"]
    assert pain.col == 13  # the pain's own text in `pains: [Card declined ...]`
    assert '"Card declined without a reason"' in pain.message and '"Pay"' in pain.message
    dup = findings["CJM010"]
    assert "first on line 43" in dup.message and '"packs the BOX"' in dup.message
    assert findings["CJM003"].message.count("%") == 1 and "40%" in findings["CJM003"].message
    assert 'step "Ship" of stage "Deliver"' in dup.message


def test_each_personas_emotions_are_a_curve_of_their_own():
    """Low points, drops and evidence per persona, each located at that persona's score and naming them."""
    path = MAPS / "personas.yaml"
    findings = lint_path(path)
    assert got(findings) == expected(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    for f in findings:
        name = re.search(r'of persona "(\w+)"', f.message).group(1)
        score = re.search(rf"\b{name.lower()}: (\{{score: )?", lines[f.line - 1])
        assert score and f.col == score.end() + 1, (f, lines[f.line - 1])


@pytest.mark.parametrize("path", [MAPS / "clean.yaml", *EXAMPLES], ids=lambda p: p.name)
def test_clean_maps_and_examples_have_no_findings(path):
    assert lint_path(path) == []


def test_disable_from_the_caller_and_from_the_map():
    path = MAPS / "faults.yaml"
    text = path.read_text(encoding="utf-8")
    rest = [x for x in expected(path) if x[1] not in ("CJM005", "CJM009")]
    assert got(lint_text(text, "m.yaml", disable={"CJM005", "CJM009"})) == rest
    in_map = text + "lint:\n  disable:\n    - CJM005\n    - {rule: future-metric-without-target, reason: none yet}\n"
    assert got(lint_text(in_map, "m.yaml")) == rest


def test_unknown_rule_in_the_map_is_a_located_error_and_the_rest_still_runs():
    text = "title: T\nstages:\n  - name: A\n    touchpoints: [Web]\nlint: {disable: [CJM005, CJM999]}\n"
    findings = lint_text(text, "m.yaml")
    assert [(f.rule, f.severity, f.line, f.col) for f in findings] == [("CJM000", "error", 5, 26)]
    assert "CJM999" in findings[0].message


def test_a_map_that_does_not_load_gives_located_cjm000_errors():
    findings = lint_text("title: T\nstages:\n  - name: A\n    emoton: 3\n", "bad.yaml")
    assert [(f.rule, f.severity, f.line) for f in findings] == [("CJM000", "error", 4)]


def test_thresholds_follow_the_scale():
    def rules(scores, lo=1, hi=5):
        stages = "".join(f"  - {{name: S{i}, touchpoints: [Web], emotion: {s}}}\n" for i, s in enumerate(scores))
        text = f"title: T\nemotion_scale: {{min: {lo}, max: {hi}}}\nstages:\n{stages}"
        return [(f.line - 3, f.rule) for f in lint_text(text, "m.yaml")]

    third = 1 + 4 / 3
    assert rules([3, third]) == [(2, "CJM002")]  # at the lower third: low
    assert rules([3, third + 0.01]) == []
    assert rules([4, 2.4]) == [(2, "CJM003")]  # a fall of exactly 40% of 1..5
    assert rules([4, 2.41]) == []
    assert rules([80, 40], 0, 100) == [(2, "CJM003")]
    assert rules([80, 41], 0, 100) == []
    assert rules([5, 1]) == [(2, "CJM002"), (2, "CJM003")]


def test_every_rule_has_an_id_a_name_a_severity_and_a_one_line_rationale():
    for rid, rule in RULES.items():
        assert re.fullmatch(r"CJM\d{3}", rid) and rule.id == rid
        assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.name)
        assert rule.severity in ("error", "warning", "note")
        assert rule.summary.endswith(".") and "\n" not in rule.summary
    assert len({r.name for r in RULES.values()}) == len(RULES)


def test_readme_documents_every_rule():
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(CJM\d{3})` \| `([\w-]+)` \| (\w+) \| (.+) \|$", readme, re.M)
    assert rows == [(r.id, r.name, r.severity, r.summary) for r in RULES.values()]
