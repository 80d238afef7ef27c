"""The PDF engine: the scoped SVG-text speed-up (A/B against WeasyPrint's own code), tiles, limits, failures."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import pytest

from cjmrender.errors import UserError
from cjmrender.pipeline import RenderOptions, diagram_for, render_outputs, render_pdf_bytes
from cjmrender.render.pdf import MAX_PAGE_PT, PdfOptions, paper, place, render_pdf
from cjmrender.render.pdf.engine import FAST_TEXT_ENV, fast_svg_text, fast_text_wanted, import_weasyprint
from cjmrender.render.pdf.output import short_uris
from cjmrender.render.pdf.sheets import bounds, crop, sheets, window
from cjmrender.layout.model import Group, walk
from cjmrender.spec.loader import load_spec, load_text
from tests.conftest import ROOT, need_tool

pytest.importorskip("pypdf")  # the PDF stack is installed with it

SHOES = str(ROOT / "examples" / "running-shoes.yaml")
VI = str(ROOT / "examples" / "vi-telesales.yaml")


def wide(stages: int, items: int = 1) -> str:
    return "title: A long journey\nstages:\n" + "".join(
        f"  - name: Stage {i}\n    actions: [{', '.join(f'Step {i}.{k} of the journey' for k in range(items))}]\n"
        f"    emotion: {1 + i % 5}\n" for i in range(1, stages + 1))


def pages_gray(data: bytes, tmp_path: Path, name: str) -> list[tuple[int, int, bytes]]:
    """Each page as 8-bit grey pixels (width, height, bytes) through pdftoppm at 40 dpi."""
    need_tool("pdftoppm")
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-gray", "-r", "40", str(pdf), str(tmp_path / name)], check=True)
    out = []
    for pgm in sorted(tmp_path.glob(f"{name}-*.pgm")):
        raw = pgm.read_bytes()
        fields = raw.split(maxsplit=4)  # P5 width height maxval data
        out.append((int(fields[1]), int(fields[2]), fields[4]))
    return out


def text_of(data: bytes, tmp_path: Path, name: str) -> str:
    need_tool("pdftotext")
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(data)
    return subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


# ---------------------------------------------------------------- the SVG text speed-up


def test_the_patch_is_undone_after_every_render():
    weasyprint = import_weasyprint()
    import weasyprint.svg as svg_pkg

    original = svg_pkg.TAGS["text"]
    render_pdf_bytes(load_spec(SHOES))
    assert svg_pkg.TAGS["text"] is original and svg_pkg.text is original
    with fast_svg_text(weasyprint) as installed:
        assert installed == fast_text_wanted(weasyprint)
        assert (svg_pkg.TAGS["text"] is not original) == installed
    assert svg_pkg.TAGS["text"] is original  # restored even though nothing was rendered
    with pytest.raises(RuntimeError), fast_svg_text(weasyprint):
        raise RuntimeError("a render that fails half-way")
    assert svg_pkg.TAGS["text"] is original and svg_pkg.text is original


def test_switch_and_version_gate(monkeypatch):
    weasyprint = import_weasyprint()
    monkeypatch.setenv(FAST_TEXT_ENV, "0")
    assert not fast_text_wanted(weasyprint)
    monkeypatch.delenv(FAST_TEXT_ENV)
    for version, verified in (("70.0", True), ("70.2", True), ("69.0", False), ("71.0", False), ("", False)):
        assert fast_text_wanted(types.SimpleNamespace(__version__=version)) is verified


@pytest.mark.parametrize("spec", [SHOES, VI], ids=["running-shoes", "vi-telesales"])
@pytest.mark.parametrize("template", ["poster", "report"])
def test_fast_text_draws_what_weasyprint_draws(spec, template, tmp_path, monkeypatch):
    """A/B: same extractable text, page rasters within a small bound (kerning moves glyphs by a fraction)."""
    if not fast_text_wanted(import_weasyprint()):
        pytest.skip("the fast path is not used on this WeasyPrint version")
    opts = RenderOptions(template=template, strict=True)
    fast = render_pdf_bytes(load_spec(spec), opts)
    monkeypatch.setenv(FAST_TEXT_ENV, "0")
    slow = render_pdf_bytes(load_spec(spec), opts)
    assert fast != slow  # the switch really changes the drawing code
    assert text_of(fast, tmp_path, "fast") == text_of(slow, tmp_path, "slow")
    a, b = pages_gray(fast, tmp_path, "fast"), pages_gray(slow, tmp_path, "slow")
    assert [(w, h) for w, h, _ in a] == [(w, h) for w, h, _ in b]
    for (w, h, pa), (_, _, pb) in zip(a, b):
        diff = sum(abs(x - y) for x, y in zip(pa, pb)) / (w * h * 255)
        assert diff < 0.01, f"mean page difference {diff:.4f}"


# ---------------------------------------------------------------- tiles


def test_each_tile_holds_only_its_own_part_of_the_map():
    journey = load_text(wide(24, 3), "wide.yaml")
    diagram, theme = diagram_for(journey, RenderOptions())
    page = paper("A4", "landscape")
    placement = place(diagram, theme, page, tile=True)
    assert len(placement.tiles) > 2
    cards = {g.id for g in walk(diagram.root) if isinstance(g, Group) and "card" in g.cls.split()}
    seen: set[str] = set()
    for tile in placement.tiles:
        win = window(tile, placement.scale)
        part = crop(diagram, win)
        mine = {g.id: g for g in walk(part.root) if isinstance(g, Group) and "card" in g.cls.split()}
        assert len(mine) < len(cards) / 2  # not the whole map again
        for g in mine.values():
            x0, y0, x1, y1 = bounds(g.children[0])  # the card's box
            assert x1 >= win[0] - 8 and x0 <= win[2] + 8
        seen |= set(mine)
    assert seen == cards  # and together they hold every card
    drawn = sheets(diagram, theme, "w", placement, page, "en")
    single = sheets(diagram, theme, "w", place(diagram, theme, paper("A0", "landscape"), tile=False),
                    paper("A0", "landscape"), "en")
    assert sum(len(s.uri) for s in drawn) < 2 * len(single[0].uri)


def test_tiled_pdf_keeps_every_stage(tmp_path):
    journey = load_text(wide(18), "wide.yaml")
    data = render_pdf_bytes(journey, RenderOptions(page="A4", tile=True, strict=True))
    text = text_of(data, tmp_path, "tiles")
    for i in range(1, 19):
        assert f"Stage {i}\n" in text + "\n" or f"Stage {i} " in text


# ---------------------------------------------------------------- limits and failures


def test_auto_page_beyond_what_pdf_readers_accept_is_refused():
    with pytest.raises(UserError) as exc:
        paper("auto", "landscape", map_size=(MAX_PAGE_PT / 0.75 + 100, 800))
    problem = exc.value.problems[0]
    assert problem.file == "--page" and "--tile" in problem.message and "14,400" in problem.message
    assert paper("auto", "landscape", map_size=(MAX_PAGE_PT / 0.75 - 200, 800)).label == "auto"


def test_cli_refuses_an_oversized_auto_page_and_writes_nothing(tmp_path):
    spec = tmp_path / "long.yaml"
    spec.write_text(wide(140), encoding="utf-8")  # about 17,000 pt wide
    res = subprocess.run([sys.executable, "-m", "cjmrender", "render", str(spec), "-f", "pdf", "--page", "auto"],
                         capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 1 and res.stderr.startswith("--page: auto:"), res.stderr
    assert "Traceback" not in res.stderr and not (tmp_path / "long.pdf").exists()


def test_an_image_weasyprint_cannot_load_is_an_error_without_a_data_dump(tmp_path):
    (tmp_path / "lan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00\x00\x00\x02" * 2
                                       + b"\x08\x02\x00\x00\x00" + b"\x00" * 4)  # a header, no image data
    spec = tmp_path / "map.yaml"
    spec.write_text("title: T\npersona: {name: Lan, photo: lan.png}\nstages: [{name: A, emotion: 3}]\n")
    try:
        journey = load_spec(spec)
        diagram, theme = diagram_for(journey, RenderOptions())
    except UserError:
        pytest.skip("the loader already refuses this image")
    with pytest.raises(UserError) as exc:
        render_pdf(journey, diagram, theme, "t", PdfOptions(template="report"))
    msg = str(exc.value)
    assert msg.startswith(str(spec)) and "PDF:" in msg and len(msg) < 2_000
    assert "base64," not in msg


def test_warnings_never_dump_data_uris():
    uri = "data:image/svg+xml;base64," + "A" * 50_000
    short = short_uris(f"Failed to load image at '{uri}': broken")
    assert "data:image/svg+xml… (50,026 characters)" in short and len(short) < 200 and short.endswith("broken")


def test_library_returns_pdf_warnings_instead_of_printing(tmp_path, capsys):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "odd.html.j2").write_text(
        '{% extends "poster.html.j2" %}{% block page_css %}{{ super() }} .sheet { colour: red; }{% endblock %}')
    spec = tmp_path / "map.yaml"
    spec.write_text("title: T\nstages: [{name: A, emotion: 3}]\n")
    _, warnings = render_outputs(load_spec(spec), ["pdf"],
                                 RenderOptions(template="odd", templates=str(tmp_path / "templates")))
    assert warnings and all(w.startswith(f"{spec}: warning: PDF:") for w in warnings)
    assert capsys.readouterr().err == ""
