"""The README's pictures are made by the tool and kept current."""

from __future__ import annotations

import re

from cjmrender.pipeline import RenderOptions, render_svg_text
from cjmrender.spec.loader import load_spec
from tests.conftest import ROOT


def test_readme_pictures_are_current():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.index("docs/images/running-shoes.svg") < readme.index("## Quick start")
    want = render_svg_text(load_spec(ROOT / "examples/running-shoes.yaml"), RenderOptions(id_prefix="readme"))
    assert (ROOT / "docs/images/running-shoes.svg").read_text(encoding="utf-8") == want, "run docs/render-images.sh"
    lanes = ("touchpoints", "emotion", "pains", "metrics")
    for theme in re.findall(r"docs/images/theme-([\w-]+)\.svg", readme):
        opts = RenderOptions(theme=theme, width=1100, lanes=lanes, id_prefix=f"gallery-{theme}")
        got = render_svg_text(load_spec(ROOT / "examples/vi-telesales.yaml"), opts)
        assert (ROOT / f"docs/images/theme-{theme}.svg").read_text(encoding="utf-8") == got, theme


def test_quick_start_has_exactly_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Quick start", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    lines = [ln for ln in block.splitlines() if ln.strip()]
    assert len(lines) == 2
    assert lines[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
