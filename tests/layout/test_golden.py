"""Golden files: layout.json and diagram.svg per case, reviewed by eye before acceptance.

Run ``pytest tests/layout/test_golden.py --update-golden`` to accept new
output; on a mismatch the test writes ``*.got.*`` beside the golden file and
fails with a diff.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from cjmrender.layout.model import to_dict
from cjmrender.pipeline import RenderOptions, diagram_for, render_svg_text
from cjmrender.spec.loader import load_spec
from cjmrender.theme import builtin_themes
from tests.conftest import EXAMPLES, ROOT

GOLDEN = ROOT / "tests" / "golden"
CASES = sorted(p.parent for p in GOLDEN.glob("*/journey.yaml"))


THEMED = "vi-telesales"
"""The example every built-in theme renders for its own golden case (``theme-<name>``)."""


def case_spec(case: Path) -> Path:
    """Example and theme cases take their spec from examples/; the others carry journey.yaml."""
    own = case / "journey.yaml"
    if own.exists():
        return own
    if case.name.startswith("theme-"):
        return ROOT / "examples" / f"{THEMED}.yaml"
    return ROOT / "examples" / f"{case.name.removeprefix('example-')}.yaml"


ALL = CASES + [GOLDEN / f"example-{p.stem}" for p in EXAMPLES] + [GOLDEN / f"theme-{t}" for t in builtin_themes()]


def outputs(case: Path) -> dict[str, str]:
    journey = load_spec(case_spec(case))
    theme = case.name.removeprefix("theme-") if case.name.startswith("theme-") else None
    opts = RenderOptions(id_prefix=case.name, theme=theme)
    diagram, _ = diagram_for(journey, opts)
    layout_json = json.dumps(to_dict(diagram), indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    return {"layout.json": layout_json, "diagram.svg": render_svg_text(journey, opts)}


@pytest.mark.parametrize("case", ALL, ids=lambda p: p.name)
def test_golden(case: Path, update_golden: bool) -> None:
    case.mkdir(exist_ok=True)
    failures = []
    for name, got in outputs(case).items():
        path = case / name
        got_path = path.with_name(path.stem + ".got" + path.suffix)
        if update_golden:
            path.write_text(got, encoding="utf-8")
            got_path.unlink(missing_ok=True)
            continue
        want = path.read_text(encoding="utf-8") if path.exists() else ""
        if got != want:
            got_path.write_text(got, encoding="utf-8")
            diff = difflib.unified_diff(want.splitlines(), got.splitlines(), str(path), str(got_path), lineterm="", n=1)
            failures.append("\n".join(list(diff)[:60]))
        else:
            got_path.unlink(missing_ok=True)
    assert not failures, "golden mismatch (run with --update-golden after looking at the SVG):\n" + "\n".join(failures)


def golden_svgs() -> list[Path]:
    return [c / "diagram.svg" for c in ALL]
