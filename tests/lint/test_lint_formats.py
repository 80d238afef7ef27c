"""JSON and SARIF reports: the same findings as the text lines, SARIF valid against the official 2.1.0 schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from cjmrender.lint import RULES, lint_path
from cjmrender.lint.report import as_sarif, artifact_uri
from tests.conftest import ROOT

HERE = Path(__file__).parent
MAPS = HERE / "maps"
SCHEMA = json.loads((HERE / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def lint(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "cjmrender", "lint", *args], capture_output=True, cwd=ROOT,
                          timeout=120)


def validate_sarif(doc: dict) -> None:
    cls = jsonschema.validators.validator_for(SCHEMA)
    cls.check_schema(SCHEMA)
    cls(SCHEMA).validate(doc)


def test_the_vendored_schema_is_the_official_one():
    assert SCHEMA["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]


def test_sarif_validates_and_carries_every_finding(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: T\nstages: {}\n")
    faults = MAPS.relative_to(ROOT) / "faults.yaml"
    res = lint("--format", "sarif", str(faults), str(bad))
    assert res.returncode == 1  # the broken map is an error
    doc = json.loads(res.stdout)
    validate_sarif(doc)
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    want = [(f.rule, f.line, f.col, f.message) for f in lint_path(faults)]
    got = [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"], r["message"]["text"])
           for r in run["results"] if r["ruleId"] != "CJM000"]
    assert got == want
    for r in run["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["level"] == RULES[r["ruleId"]].severity
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert "tests/lint/maps/faults.yaml" in uris  # relative, as code scanning wants
    assert any(r["ruleId"] == "CJM000" and r["level"] == "error" for r in run["results"])


def test_sarif_for_clean_maps_and_odd_names_validates():
    validate_sarif(json.loads(as_sarif([])))
    broken = json.loads(as_sarif(lint_path(MAPS / "faults.yaml")))
    broken["runs"][0]["results"][0]["level"] = "warn"  # the schema check itself must be able to fail
    with pytest.raises(jsonschema.ValidationError):
        validate_sarif(broken)
    assert artifact_uri("<stdin>") == "stdin"
    assert artifact_uri("maps/a map #1.yaml") == "maps/a%20map%20%231.yaml"
    assert artifact_uri(str(ROOT / "examples" / "minimal.yaml")).startswith(("examples/", "file:///"))


def test_json_report_matches_the_findings():
    res = lint("--format", "json", str(MAPS / "faults.yaml"))
    assert res.returncode == 0
    doc = json.loads(res.stdout)
    want = lint_path(MAPS / "faults.yaml")
    assert [(d["rule"], d["line"], d["col"], d["severity"], d["message"]) for d in doc["findings"]] == \
        [(f.rule, f.line, f.col, f.severity, f.message) for f in want]
    assert doc["summary"] == {"maps": 1, "error": 0, "warning": len(want), "note": 0}
    assert {d["name"] for d in doc["findings"]} <= {r.name for r in RULES.values()}
