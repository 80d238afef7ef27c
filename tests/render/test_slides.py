"""Slides: a 16:9 overview and detail slides of whole stages, as SVG/PNG files or a PPTX deck."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

import pytest

from cjmrender.layout.split import greedy_runs, stage_run
from cjmrender.pipeline import RenderOptions, _layout_inputs, load, render_outputs
from cjmrender.slides import DETAIL_BODY_PX, SLIDE_H, SLIDE_W, build_slides
from cjmrender.text.measure import default_measurer
from tests.conftest import EXAMPLES, REQUIRE_TOOLS, ROOT, SVGCHECK, need_tool

pptx = pytest.importorskip("pptx")

SHOES = ROOT / "examples" / "running-shoes.yaml"
SVG = "{http://www.w3.org/2000/svg}"


def slides_for(spec):
    journey = load(str(spec))
    theme, options, _ = _layout_inputs(journey, RenderOptions())
    return journey, build_slides(journey, theme, default_measurer(), options)


@pytest.mark.parametrize("spec", EXAMPLES, ids=lambda p: p.stem)
def test_detail_slides_cover_every_stage_once_in_order_with_every_lane(spec):
    journey, slides = slides_for(spec)
    assert slides[0].kind == "overview" and slides[0].count == len(journey.stages)
    details = slides[1:]
    shown = [i for s in details for i in range(s.first, s.first + s.count)]
    assert shown in ([], list(range(len(journey.stages))))
    for s in details:
        assert [ln.id for ln in s.journey.lanes] == [ln.id for ln in journey.lanes]
        lanes = [g for g in _groups(s.diagram.root) if g.cls.startswith("lane ")]
        assert len(lanes) == len(journey.lanes)


def test_detail_slides_print_body_text_at_20_px_where_a_stage_allows():
    journey, slides = slides_for(SHOES)
    for s in slides[1:]:
        body = s.theme.geometry.size.body * s.scale
        assert body >= DETAIL_BODY_PX - 0.05, (s.first, s.count, body)
        if s.count > 1:  # a run of several stages is only made when it keeps that size
            assert body >= DETAIL_BODY_PX - 0.05


def test_greedy_runs_take_as_many_stages_as_fit():
    assert greedy_runs(5, lambda first, count: count <= 2) == [(0, 2), (2, 2), (4, 1)]
    assert greedy_runs(3, lambda first, count: False) == [(0, 1), (1, 1), (2, 1)]


def test_stage_run_keeps_lanes_scale_and_clips_phases():
    journey = load(str(SHOES))
    part = stage_run(journey, 2, 2)
    assert [s.name for s in part.stages] == [s.name for s in journey.stages[2:4]]
    assert part.lanes == journey.lanes and part.scale == journey.scale and part.goal is None
    assert part.personas == journey.personas  # they name the per-persona curves; the cards are left out in layout
    assert all(0 <= c.stage < 2 for c in part.columns)
    assert all(0 <= p.first and p.first + p.count <= 2 for p in part.phases)


def write_slide_files(results: list[tuple[str, bytes]], folder) -> None:
    """Every PNG and SVG slide is 1920 x 1080 (an SVG with its title first); the SVGs go to ``folder``."""
    for name, data in results:
        if name.endswith(".png"):
            assert (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")) == (SLIDE_W, SLIDE_H)
        else:
            root = ET.fromstring(data)
            assert (root.get("width"), root.get("height")) == (str(SLIDE_W), str(SLIDE_H))
            assert root[0].tag == f"{SVG}title"
            (folder / name).write_bytes(data)


def test_slide_svgs_and_pngs_are_1920_by_1080_and_pass_svgcheck(tmp_path):
    results, _ = render_outputs(load(str(SHOES)), ["svg", "png"], RenderOptions(target="slides"))
    names = [n for n, _ in results]
    svgs = [(n, d) for n, d in results if n.endswith(".svg")]
    assert names[0] == "slide-01.svg" and len(svgs) >= 3
    write_slide_files(results, tmp_path)
    need_tool("svgcheck")
    res = subprocess.run([sys.executable, str(SVGCHECK), *sorted(str(p) for p in tmp_path.glob("*.svg"))],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stdout


def test_pptx_deck_has_title_overview_details_svg_with_png_fallback_and_notes():
    journey, slides = slides_for(SHOES)
    [(fmt, data)], _ = render_outputs(journey, ["pptx"])
    deck = pptx.Presentation(io.BytesIO(data))
    assert deck.slide_width * 1080 == deck.slide_height * 1920  # 16:9
    assert len(deck.slides) == 1 + len(slides)
    title = deck.slides[0]
    assert title.shapes.title.text == journey.title
    assert journey.goal in title.placeholders[1].text_frame.text
    assert journey.personas[0].name in title.placeholders[1].text_frame.text
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        media = [n for n in z.namelist() if n.startswith("ppt/media/")]
        assert sum(n.endswith(".svg") for n in media) == len(slides)
        assert sum(n.endswith(".png") for n in media) == len(slides)
        slide_xml = z.read("ppt/slides/slide2.xml").decode()
        assert "svgBlip" in slide_xml and "r:embed" in slide_xml
    pains = {t.text for c in journey.columns for t in c.content.pains}
    for deck_slide, s in zip(list(deck.slides)[2:], slides[1:]):
        notes = deck_slide.notes_slide.notes_text_frame.text
        shown = journey.stages[s.first:s.first + s.count]
        assert all(st.name in notes for st in shown)
        cols = [c for st in shown for c in journey.columns[st.first:st.first + st.count]]
        assert all(t.text in notes for c in cols for t in c.content.pains + c.content.opportunities)
        assert not any(p in notes for p in pains - {t.text for c in cols for t in c.content.pains})


@pytest.mark.parametrize("layout", ["swimlane", "wheel"])
def test_libreoffice_shows_the_map_on_every_slide(tmp_path, layout):
    soffice = shutil.which("soffice")
    impress = soffice and any(p.exists() for p in (
        __import__("pathlib").Path("/usr/lib/libreoffice/program/libsdlo.so"),))
    if not impress:
        if REQUIRE_TOOLS:
            pytest.fail("LibreOffice Impress is required (CJMRENDER_REQUIRE_TOOLS=1)")
        pytest.skip("LibreOffice Impress not available")
    need_tool("pdftoppm")
    [(_, data)], _ = render_outputs(load(str(SHOES)), ["pptx"], RenderOptions(layout=layout))
    (tmp_path / "deck.pptx").write_bytes(data)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(tmp_path / "deck.pptx")], capture_output=True, timeout=240)
    pdf = tmp_path / "deck.pdf"
    assert pdf.exists()
    subprocess.run(["pdftoppm", "-png", "-r", "20", str(pdf), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p-*.png"))
    _, slides = slides_for(SHOES) if layout == "swimlane" else wheel_slides(SHOES)
    assert len(pages) == 1 + len(slides)
    Image = pytest.importorskip("PIL.Image")
    for page in pages[1:]:  # every map slide shows the map: many non-white pixels, text and marks among them
        im = Image.open(page).convert("L")  # (a wheel's small text is grey at 20 dpi, not black)
        hist = im.histogram()
        n = sum(hist)
        assert sum(hist[:250]) / n > 0.2 and sum(hist[:160]) / n > 0.005, page.name


def test_stdout_refuses_many_slide_files():
    res = subprocess.run([sys.executable, "-m", "cjmrender", "render", str(SHOES), "--target", "slides", "-o", "-"],
                         capture_output=True, text=True)
    assert res.returncode == 1 and res.stderr.startswith("-o -: ")


def _groups(el):
    kids = getattr(el, "children", ())
    if hasattr(el, "cls") and kids:
        yield el
    for k in kids:
        yield from _groups(k)


# --------------------------------------------------------------------------- the wheel on slides

TRAVELLER = ROOT / "examples" / "traveller.yaml"


def wheel_slides(spec):
    journey = load(str(spec))
    theme, options, name = _layout_inputs(journey, RenderOptions(layout="wheel"))
    return journey, build_slides(journey, theme, default_measurer(), options, name)


def _texts(el):
    from cjmrender.layout.model import TextBlock, walk

    return [t for t in walk(el) if isinstance(t, TextBlock)]


@pytest.mark.parametrize("spec", [TRAVELLER, ROOT / "examples" / "vi-traveller.yaml", SHOES,
                                  ROOT / "tests" / "stress" / "wheel-16-stages-vi.yaml"], ids=lambda p: p.stem)
def test_wheel_slides_overview_then_details_per_phase_at_20_px(spec):
    """The overview holds the whole wheel with the badge list beside it (not below); detail slides
    cover every stage once, in order, never across a phase, and print every text at 20 px or more."""
    journey, slides = wheel_slides(spec)
    over = slides[0]
    assert over.kind == "overview" and "journey-wheel" in over.diagram.root.cls
    notes = next(g for g in _groups(over.diagram.root) if g.cls == "notes")
    wheel = next(g for g in _groups(over.diagram.root) if g.cls == "wheel")
    wheel_right = max(t.box.right for t in _texts(wheel))
    assert min(t.box.x for t in _texts(notes)) > wheel_right  # beside the wheel
    d = over.diagram
    assert d.width > d.height  # shaped for 16:9, not a tall page
    shown = [i for s in slides[1:] for i in range(s.first, s.first + s.count)]
    assert shown == list(range(len(journey.stages)))
    for s in slides[1:]:
        stages = range(s.first, s.first + s.count)
        assert len({journey.stages[i].phase for i in stages}) == 1
        texts = _texts(s.diagram.root)
        assert min(t.size for t in texts) * s.scale >= DETAIL_BODY_PX - 0.05
        words = " ".join(ln for t in texts for ln in t.lines)
        for i in stages:
            st = journey.stages[i]
            assert st.name in words
            cols = journey.columns[st.first:st.first + st.count]
            for c in cols:
                for item in c.content.pains + c.content.opportunities:
                    assert "".join(item.text.split()) in "".join(words.split())
        highlighted = [g for g in walk_paths(s.diagram.root) if "shown" in g.cls.split()]
        assert len(highlighted) == s.count


def walk_paths(root):
    from cjmrender.layout.model import PathShape, walk

    return [el for el in walk(root) if isinstance(el, PathShape)]


def test_wheel_slide_files_and_deck(tmp_path):
    """SVG and PNG per slide at 1920 x 1080 with 0 svgcheck defects; the deck has the notes."""
    journey, slides = wheel_slides(TRAVELLER)
    results, _ = render_outputs(journey, ["svg", "png"], RenderOptions(target="slides", layout="wheel"))
    assert len(results) == 2 * len(slides)
    write_slide_files(results, tmp_path)
    [(_, data)], _ = render_outputs(journey, ["pptx"], RenderOptions(layout="wheel"))
    deck = pptx.Presentation(io.BytesIO(data))
    assert len(deck.slides) == 1 + len(slides)
    for deck_slide, s in zip(list(deck.slides)[2:], slides[1:]):
        notes = deck_slide.notes_slide.notes_text_frame.text
        for st in journey.stages[s.first:s.first + s.count]:
            cols = journey.columns[st.first:st.first + st.count]
            assert st.name in notes
            assert all(t.text in notes for c in cols for t in c.content.pains + c.content.opportunities)
    need_tool("svgcheck")
    res = subprocess.run([sys.executable, str(SVGCHECK), *sorted(str(p) for p in tmp_path.glob("*.svg"))],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stdout
