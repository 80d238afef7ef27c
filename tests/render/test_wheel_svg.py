"""Wheels as users get them: through the command line, and opened in a real browser by svgcheck."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from cjmrender.pipeline import RenderOptions, render_svg_text
from cjmrender.spec.loader import load_spec, load_text
from cjmrender.theme import builtin_themes
from tests.conftest import EXAMPLES, ROOT, SVGCHECK, need_tool

SVG_NS = "{http://www.w3.org/2000/svg}"
STRESS = ROOT / "tests" / "stress"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "cjmrender", *args], capture_output=True, cwd=cwd, timeout=120)


def wheel(path: Path, **kw) -> str:
    return render_svg_text(load_spec(path), RenderOptions(layout="wheel", **kw))


def test_cli_layout_option_and_map_key(tmp_path):
    res = run("render", str(EXAMPLES[0]), "--layout", "wheel", "-o", str(tmp_path / "w.svg"))
    assert res.returncode == 0, res.stderr.decode()
    root = ET.parse(tmp_path / "w.svg").getroot()
    assert "journey-wheel" in root.find(f"{SVG_NS}g").get("class")
    spec = tmp_path / "m.yaml"
    spec.write_text("title: T\nlayout: wheel\nstages: [{name: A}, {name: B}, {name: C}]\n")
    assert run("render", str(spec)).returncode == 0
    assert 'class="stage sector' in (tmp_path / "m.svg").read_text()
    # the command line wins over the map
    assert run("render", str(spec), "--layout", "swimlane", "-o", str(tmp_path / "s.svg")).returncode == 0
    assert 'class="stage sector' not in (tmp_path / "s.svg").read_text()


def test_unknown_layout_in_a_map_is_a_located_error(tmp_path):
    spec = tmp_path / "bad.yaml"
    spec.write_text("title: T\nlayout: circle\nstages: [{name: A}]\n")
    res = run("render", str(spec))
    assert res.returncode == 1
    err = res.stderr.decode()
    assert err.startswith(f"{spec}:2:") and "layout" in err and "Traceback" not in err
    assert not (tmp_path / "bad.svg").exists()


def test_wheel_is_deterministic():
    assert wheel(EXAMPLES[-1]) == wheel(EXAMPLES[-1])


def stress_maps() -> list[Path]:
    return sorted(STRESS.glob("wheel-*.yaml"))


def test_stress_maps_cover_the_promised_range():
    counts = set()
    for path in stress_maps():
        j = load_spec(path)
        counts.add(len(j.stages))
        assert j.layout == "wheel"
    assert {3, 8, 16} <= counts and any(load_spec(p).locale == "vi" for p in stress_maps())
    curves = {len({pid for c in load_spec(p).columns for pid, _ in c.content.emotions}) for p in stress_maps()}
    assert {1, 2, 3} <= curves  # one to three persona curves
    assert any(load_spec(p).has_steps for p in stress_maps())
    assert any(load_spec(p).phases for p in stress_maps()) and any(not load_spec(p).phases for p in stress_maps())


def test_svgcheck_reports_zero_defects_on_wheels(tmp_path):
    """Every example and stress map as a wheel, in every built-in theme, opened in headless Chromium."""
    need_tool("svgcheck")
    files = []
    for theme in builtin_themes():
        for path in [*EXAMPLES, *stress_maps()]:
            out = tmp_path / f"{path.stem}-{theme}.svg"
            out.write_text(wheel(path, theme=theme), encoding="utf-8")
            files.append(out)
    out = tmp_path / "paths.svg"
    out.write_text(wheel(EXAMPLES[-1], text_to_paths=True), encoding="utf-8")
    files.append(out)
    res = subprocess.run([sys.executable, str(SVGCHECK), *map(str, files)], capture_output=True, text=True,
                         timeout=900)
    assert res.returncode == 0, res.stdout[-4000:] + res.stderr[-2000:]


def test_a_three_stage_wheel_from_text():
    j = load_text("title: T\nlayout: wheel\nstages: [{name: A, emotion: 1}, {name: B, emotion: 5}, "
                  "{name: C, emotion: 3}]\n", "t.yaml")
    svg = render_svg_text(j, RenderOptions())
    root = ET.fromstring(svg.encode())
    names = [g.get("aria-label") for g in root.iter(f"{SVG_NS}g") if "sector" in (g.get("class") or "").split()]
    assert names == ["A", "B", "C"]


def test_wheel_poster_pdf_is_one_portrait_page_with_its_text(tmp_path):
    """A wheel is taller than wide: by default its poster takes a portrait page; every stage name is text."""
    need_tool("pdfinfo")
    need_tool("pdftotext")
    spec = ROOT / "examples" / "traveller.yaml"
    res = run("render", str(spec), "-f", "pdf", "-o", str(tmp_path / "t.pdf"))
    assert res.returncode == 0, res.stderr.decode()
    info = subprocess.run(["pdfinfo", str(tmp_path / "t.pdf")], capture_output=True, text=True).stdout
    assert [ln.split()[-1] for ln in info.splitlines() if ln.startswith("Pages:")] == ["1"]
    w, h = (float(v) for v in info.split("Page size:")[1].split("pts")[0].split(" x "))
    assert h > w
    text = " ".join(subprocess.run(["pdftotext", str(tmp_path / "t.pdf"), "-"], capture_output=True,
                                   text=True).stdout.split())
    for st in load_spec(spec).stages:
        assert all(word in text for word in st.name.split())
    # an explicit orientation still wins
    res = run("render", str(spec), "-f", "pdf", "--orientation", "landscape", "-o", str(tmp_path / "l.pdf"))
    info = subprocess.run(["pdfinfo", str(tmp_path / "l.pdf")], capture_output=True, text=True).stdout
    w, h = (float(v) for v in info.split("Page size:")[1].split("pts")[0].split(" x "))
    assert res.returncode == 0 and w > h


def test_markdown_fence_and_sphinx_options_take_the_layout(tmp_path):
    from cjmrender.errors import UserError
    from cjmrender.markdown_ext import Page, render_fence
    from cjmrender.sphinx import JourneyMapDirective, render_options

    page = Page(path=tmp_path / "page.md", root=tmp_path, id_base="page")
    body = "title: T\nstages: [{name: A}, {name: B}, {name: C}]\n"
    assert 'class="stage sector' in render_fence(page, {"layout": "wheel"}, body, 3, 0, 1)
    assert 'class="stage sector' not in render_fence(page, {}, body, 3, 0, 2)
    try:
        render_fence(page, {"layout": "circle"}, body, 3, 0, 3)
    except UserError as exc:
        assert exc.problems[0].file == str(page.path) and exc.problems[0].line == 3
    else:
        raise AssertionError("an unknown layout must be refused")
    assert JourneyMapDirective.option_spec["layout"]("wheel") == "wheel"
    assert render_options({"layout": "wheel"}).layout == "wheel"


def test_persona_wheel_png_and_poster_pdf_carry_curves_and_labels(tmp_path):
    """A map scored per persona, as a wheel in PNG and on a poster: the PDF's text holds every persona's
    name (the legend) and every emotion label; the PNG is drawn at the SVG's size times the zoom."""
    need_tool("pdftotext")
    spec = ROOT / "examples" / "saas-onboarding.yaml"
    res = run("render", str(spec), "--layout", "wheel", "-f", "pdf,png,svg", "-o", str(tmp_path))
    assert res.returncode == 0, res.stderr.decode()
    text = " ".join(subprocess.run(["pdftotext", str(tmp_path / "saas-onboarding.pdf"), "-"], capture_output=True,
                                   text=True).stdout.split())
    journey = load_spec(spec)
    for p in journey.personas:
        assert p.name in text
    for c in journey.columns:
        for _, e in c.content.emotions:
            assert all(word in text for word in (e.label or "").split())
    root = ET.parse(tmp_path / "saas-onboarding.svg").getroot()
    png = (tmp_path / "saas-onboarding.png").read_bytes()
    w, h = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert abs(w - 2 * float(root.get("width"))) <= 1 and abs(h - 2 * float(root.get("height"))) <= 1
