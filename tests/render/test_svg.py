"""SVG output contract: pure SVG, prefixed ids, escaping, determinism, and zero browser defects."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from cjmrender.pipeline import RenderOptions, render_svg_text
from cjmrender.render.svg import fmt, safe_prefix
from cjmrender.spec.loader import load_spec
from tests.conftest import EXAMPLES, ROOT, SVGCHECK, need_tool

SVG_NS = "{http://www.w3.org/2000/svg}"


def render(path, **kw) -> str:
    return render_svg_text(load_spec(path), RenderOptions(**kw))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_contract(path):
    journey = load_spec(path)
    svg = render_svg_text(journey, RenderOptions(id_prefix="p1"))
    root = ET.fromstring(svg.encode())
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("role") == "img" and root.get("viewBox", "").startswith("0 0 ")
    assert root.get("width") and root.get("height")
    assert root.find(f"{SVG_NS}title").text and root.find(f"{SVG_NS}desc").text
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert all(i.startswith("p1-") for i in ids)
    tags = {el.tag.removeprefix(SVG_NS) for el in root.iter()}
    assert "foreignObject" not in tags and "script" not in tags
    classes = {c for el in root.iter() for c in (el.get("class") or "").split()}
    # swimlane maps draw lanes of cards; a wheel draws stage sectors
    assert ({"stage"} if journey.layout == "wheel" else {"lane", "card", "stage"}) <= classes


def test_markup_in_labels_stays_text():
    svg = render(ROOT / "tests/golden/markup/journey.yaml")
    root = ET.fromstring(svg.encode())
    texts = [" ".join(t.itertext()) for t in root.iter(f"{SVG_NS}text")]  # wrapped lines are tspans
    joined = "".join("\n".join(texts).split())  # compare without the line breaks wrapping chose
    assert "<script>alert('x')</script>&friends" in joined
    assert "</text><text>injected" in joined and "{{jinja}}" in joined and "]]>" in joined
    assert not list(root.iter(f"{SVG_NS}script")) and not list(root.iter(f"{SVG_NS}b"))


def test_deterministic_across_processes():
    code = ("import sys; from cjmrender.pipeline import render_svg_text; from cjmrender.spec.loader import load_spec;"
            "sys.stdout.write(render_svg_text(load_spec(sys.argv[1])))")
    outs = set()
    for seed in ("0", "1", "12345"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        res = subprocess.run([sys.executable, "-c", code, str(EXAMPLES[0])], capture_output=True, env=env, cwd=ROOT)
        assert res.returncode == 0, res.stderr
        outs.add(res.stdout)
    assert len(outs) == 1


def test_two_maps_share_a_page_without_id_clashes():
    a = ET.fromstring(render(EXAMPLES[0], id_prefix="a").encode())
    b = ET.fromstring(render(EXAMPLES[0], id_prefix="b").encode())
    ids_a = {el.get("id") for el in a.iter() if el.get("id")}
    ids_b = {el.get("id") for el in b.iter() if el.get("id")}
    assert ids_a and not ids_a & ids_b


def test_fmt_and_prefix():
    assert [fmt(x) for x in (1.0, 1.234, -0.001, 12.5, 1e6)] == ["1", "1.23", "0", "12.5", "1000000"]
    assert safe_prefix("my map.yaml") == "my-map-yaml"
    assert safe_prefix("2024 plan") == "m-2024-plan"


def test_svgcheck_reports_zero_defects(tmp_path):
    """Every example and golden SVG, opened in headless Chromium: no overflow, overlap or fallback glyphs."""
    need_tool("svgcheck")
    from tests.layout.test_golden import golden_svgs

    files = []
    for path in EXAMPLES:
        out = tmp_path / f"{path.stem}.svg"
        out.write_text(render(path), encoding="utf-8")
        files.append(out)
    from cjmrender.theme import builtin_themes

    for theme in builtin_themes():  # every built-in theme draws every example cleanly
        for path in EXAMPLES:
            out = tmp_path / f"{path.stem}-{theme}.svg"
            out.write_text(render(path, theme=theme), encoding="utf-8")
            files.append(out)
    for name, kw in (("paths", {"text_to_paths": True}), ("embedded", {"embed_fonts": True})):
        out = tmp_path / f"{name}.svg"
        out.write_text(render(EXAMPLES[-1], **kw), encoding="utf-8")
        files.append(out)
    files += [p for p in golden_svgs() if p.exists()]
    res = subprocess.run([sys.executable, str(SVGCHECK), *map(str, files)], capture_output=True, text=True,
                         timeout=600)
    assert res.returncode == 0, res.stdout[-4000:] + res.stderr[-2000:]


def test_text_to_paths_leaves_no_text_and_keeps_names():
    svg = render(EXAMPLES[0], text_to_paths=True)
    root = ET.fromstring(svg.encode())
    assert not list(root.iter(f"{SVG_NS}text"))
    labels = [g.get("aria-label") for g in root.iter(f"{SVG_NS}g") if "text" in (g.get("class") or "").split()]
    journey = load_spec(EXAMPLES[0])
    assert journey.title in labels
    uses = list(root.iter(f"{SVG_NS}use"))
    defined = {p.get("id") for p in root.iter(f"{SVG_NS}path") if p.get("id")}
    defined |= {g.get("id") for g in root.iter(f"{SVG_NS}g") if g.get("id")}  # icons
    assert uses and all(u.get("{http://www.w3.org/1999/xlink}href", "").lstrip("#") in defined for u in uses)


def test_embed_fonts_adds_subset_woff2():
    svg = render(EXAMPLES[0], embed_fonts=True)
    assert svg.count("@font-face") == 2 and "data:font/woff2;base64," in svg
    assert len(svg) < len(render(EXAMPLES[0])) + 120_000  # subset, not the whole 480 KB fonts


def test_embed_fonts_is_byte_identical_across_runs():
    """fontTools stamps the time into a saved font unless told not to; the SVG must not change with the clock."""
    code = ("import sys; from cjmrender.pipeline import render_svg_text, RenderOptions;"
            "from cjmrender.spec.loader import load_spec;"
            "sys.stdout.write(render_svg_text(load_spec(sys.argv[1]), RenderOptions(embed_fonts=True)))")
    outs = []
    for _ in range(2):
        res = subprocess.run([sys.executable, "-c", code, str(EXAMPLES[0])], capture_output=True, cwd=ROOT)
        assert res.returncode == 0, res.stderr
        outs.append(res.stdout)
        if len(outs) == 1:
            import time

            time.sleep(1.1)  # the font header's timestamps count whole seconds
    assert b"@font-face" in outs[0] and outs[0] == outs[1]


def test_only_the_svg_renderer_imports_svgwrite():
    import ast

    importers = set()
    for path in (ROOT / "cjmrender").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            if any(n == "svgwrite" or n.startswith("svgwrite.") for n in names):
                importers.add(path.relative_to(ROOT).as_posix())
    assert importers == {"cjmrender/render/svg.py"}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_svg_keeps_to_what_office_importers_draw(path):
    """LibreOffice, PowerPoint and Keynote import SVG with weaker renderers than a browser.

    No ``<symbol>`` scaled by a ``<use>``'s width/height (drawn at 24 px there),
    no nested ``<svg>``, no ``dominant-baseline``, no CSS: presentation
    attributes only.  Every ``<use>`` places its shape with a transform.
    """
    root = ET.fromstring(render(path).encode())
    tags = [el.tag.removeprefix(SVG_NS) for el in root.iter()]
    assert "symbol" not in tags and tags.count("svg") == 1 and "style" not in tags
    for el in root.iter():
        assert "dominant-baseline" not in el.attrib and "style" not in el.attrib, el.attrib
    uses = list(root.iter(f"{SVG_NS}use"))
    assert all(u.get("transform") and u.get("width") is None and u.get("height") is None for u in uses)
    if "touchpoints" in {c for el in root.iter() for c in (el.get("class") or "").split()}:
        assert uses, "touchpoint icons are drawn with <use>"
