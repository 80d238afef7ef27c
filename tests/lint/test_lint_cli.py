"""`cjmrender lint` as a user runs it: output lines, exit status, options."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES, ROOT

MAPS = Path(__file__).parent / "maps"
LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<rule>CJM\d{3}) (?P<sev>error|warning|note): (?P<msg>.+)$")


def lint(*args: str, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cjmrender", "lint", *args], capture_output=True, input=stdin,
                          cwd=cwd, timeout=120)


def lines(res) -> list[re.Match]:
    out = res.stdout.decode().splitlines()
    matches = [LINE.match(ln) for ln in out]
    assert all(matches), out
    return matches


def test_warnings_print_located_lines_and_exit_0():
    res = lint(str(MAPS / "faults.yaml"))
    assert res.returncode == 0, res.stderr
    found = lines(res)
    assert len(found) == 10 and {m["sev"] for m in found} == {"warning"}
    assert found[0]["file"] == str(MAPS / "faults.yaml") and found[0]["line"] == "6"
    assert b"10 warnings in 1 map" in res.stderr and b"Traceback" not in res.stderr


def test_strict_makes_warnings_fail():
    assert lint("--strict", str(MAPS / "faults.yaml")).returncode == 1
    assert lint("--strict", str(MAPS / "clean.yaml")).returncode == 0


def test_disable_on_the_command_line_takes_ids_and_names():
    res = lint("--disable", "CJM005,future-metric-without-target", "--disable", "cjm010", str(MAPS / "faults.yaml"))
    assert {m["rule"] for m in lines(res)} == {"CJM001", "CJM002", "CJM003", "CJM004", "CJM006", "CJM007", "CJM008"}


def test_unknown_rule_on_the_command_line_is_a_user_error():
    res = lint("--disable", "CJM042", str(MAPS / "clean.yaml"))
    assert res.returncode == 1 and b"CJM042" in res.stderr and b"Traceback" not in res.stderr
    assert res.stdout == b""


def test_a_broken_map_fails_but_the_others_are_still_checked(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: T\nstages:\n  - name: A\n    emoton: 3\n")
    res = lint(str(bad), str(MAPS / "faults.yaml"))
    assert res.returncode == 1
    found = lines(res)
    assert (found[0]["file"], found[0]["line"], found[0]["rule"], found[0]["sev"]) == (str(bad), "4", "CJM000", "error")
    assert len(found) == 11


def test_folders_stdin_and_rules_listing():
    res = lint(str(ROOT / "examples" / "*.yaml"))  # the YAML examples; Mermaid cannot hold pains or touchpoints
    assert res.returncode == 0 and res.stdout == b""
    assert f"in {len(EXAMPLES)} maps".encode() in res.stderr
    res = lint("-", stdin=(MAPS / "faults.yaml").read_bytes())
    assert {m["file"] for m in lines(res)} == {"<stdin>"}
    res = lint("--rules")
    assert res.returncode == 0 and res.stdout.decode().count("\nCJM") == 11


def test_report_to_a_file(tmp_path):
    out = tmp_path / "lint.txt"
    res = lint("-o", str(out), str(MAPS / "faults.yaml"))
    assert res.returncode == 0 and res.stdout == b""
    assert len(out.read_text().splitlines()) == 10
