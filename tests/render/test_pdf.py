"""PDF output contract: paper and pages, embedded fonts, extractable text, metadata, safety, no engine warnings.

Checks structure (pages, sizes, fonts, text, metadata), never bytes.  Every
render runs with the ``strict`` option, so any WeasyPrint warning fails the
test that caused it.
"""

from __future__ import annotations

import io
import json
import re
import struct
import subprocess
import sys
import zlib
from functools import lru_cache
from pathlib import Path

import pytest

from cjmrender.errors import UserError
from cjmrender.pipeline import RenderOptions, diagram_for, render_pdf_bytes
from cjmrender.render import pdf as pdfmod
from cjmrender.render.pdf import PX_PER_MM, FetchPolicy, FetchRefused, PdfOptions, paper
from cjmrender.spec.loader import load_spec, load_text
from tests.conftest import EXAMPLES, ROOT, need_module, need_tool

pypdf = need_module("pypdf")

MM_PER_PT = 25.4 / 72


def render(spec: Path | str, **kw: object) -> bytes:
    return render_pdf_bytes(load_spec(spec), RenderOptions(strict=True, **kw))  # type: ignore[arg-type]


@lru_cache(maxsize=None)
def cached(spec: str, template: str = "poster", page: str = "A3") -> bytes:
    return render(spec, template=template, page=page)


def reader(data: bytes) -> "pypdf.PdfReader":
    return pypdf.PdfReader(io.BytesIO(data))


def sizes_mm(data: bytes) -> list[tuple[float, float]]:
    return [(round(float(p.mediabox.width) * MM_PER_PT, 1), round(float(p.mediabox.height) * MM_PER_PT, 1))
            for p in reader(data).pages]


def poppler(tool: str, data: bytes, tmp_path: Path, *args: str) -> str:
    need_tool(tool)
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    cmd = [tool, *args, str(path)] + (["-"] if tool == "pdftotext" else [])
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def table(listing: str) -> list[dict[str, str]]:
    """Rows of a poppler listing (``pdffonts``, ``pdfimages -list``) as dicts keyed by column name.

    Columns are found by name from the header (by the dashed rule's segments where it has them,
    since ``pdffonts`` values contain spaces), so a poppler release that widens, adds or reorders
    columns changes nothing here.
    """
    lines = listing.splitlines()
    rule = next(i for i, ln in enumerate(lines) if ln.startswith("---"))
    header, rows = lines[rule - 1], [ln for ln in lines[rule + 1:] if ln.strip()]
    spans = [m.start() for m in re.finditer(r"-+", lines[rule])]
    if len(spans) == 1:  # one unbroken rule (pdfimages): whitespace-separated words line up with the header's
        return [dict(zip(header.split(), ln.split())) for ln in rows]
    cuts = list(zip(spans, spans[1:] + [None]))
    names = [header[a:b].strip() for a, b in cuts]
    return [{n: ln[a:b].strip() for n, (a, b) in zip(names, cuts)} for ln in rows]


def words(text: str) -> str:
    """Extracted text with every run of whitespace as one space: where lines break is the extractor's choice."""
    return " ".join(text.split())


def spec_dir(tmp_path: Path, yaml_text: str, name: str = "map.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml_text, encoding="utf-8")
    return path


MINIMAL = str(ROOT / "examples" / "minimal.yaml")
SHOES = str(ROOT / "examples" / "running-shoes.yaml")
VI = str(ROOT / "examples" / "vi-telesales.yaml")
WIDE = "title: A long journey\nstages:\n" + "".join(
    f"  - name: Stage {i}\n    actions: [Does step {i} of the long journey]\n    emotion: {1 + i % 5}\n"
    for i in range(1, 19))


# ---------------------------------------------------------------- paper, pages, scale


@pytest.mark.parametrize("page", ["A4", "A3", "A2", "A1", "A0", "Letter", "Tabloid"])
@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_poster_is_one_page_of_the_chosen_paper(page, orientation):
    data = render(MINIMAL, page=page, orientation=orientation)
    short, long_ = sorted(pdfmod.PAPERS_MM[page])
    want = (long_, short) if orientation == "landscape" else (short, long_)
    [(w, h)] = sizes_mm(data)
    assert w == pytest.approx(want[0], abs=0.3) and h == pytest.approx(want[1], abs=0.3)


def test_page_names_are_case_insensitive_and_unknown_ones_are_refused():
    assert paper("a4", "landscape").label == "A4 landscape"
    with pytest.raises(UserError, match="unknown paper 'B5'"):
        render(MINIMAL, page="B5")


def test_auto_page_is_the_map_at_96_px_per_inch_plus_margins():
    journey = load_spec(SHOES)
    diagram, theme = diagram_for(journey, RenderOptions())
    data = render(SHOES, page="auto")
    [(w, h)] = sizes_mm(data)
    inner_w = (diagram.width - 2 * theme.geometry.space.margin) / PX_PER_MM
    assert w == pytest.approx(inner_w + 20, abs=0.5)  # 10 mm each side
    assert h > (diagram.height - 2 * theme.geometry.space.margin) / PX_PER_MM


def test_poster_refuses_text_below_6_pt_and_names_a_fix(tmp_path):
    with pytest.raises(UserError) as exc:
        render(spec_dir(tmp_path, WIDE), page="A4")
    msg = str(exc.value)
    assert "6 pt" in msg and "--tile" in msg and "--page A3" in msg and "A4 landscape" in msg


def test_tile_splits_a_wide_map_across_pages_of_the_chosen_paper(tmp_path):
    spec = spec_dir(tmp_path, WIDE)
    with pytest.raises(UserError):
        render(spec, page="A4")
    data = render(spec, page="A4", tile=True)
    sizes = sizes_mm(data)
    assert len(sizes) >= 3 and all(s == pytest.approx((297, 210), abs=0.3) for s in sizes)
    text = words(poppler("pdftotext", data, tmp_path))
    assert "Stage 1" in text and "Stage 18" in text
    assert "Sheet A1 (1 of" in text and "lay over sheet A1" in text and "overlaps up to these marks" in text


def test_tile_keeps_a_map_that_fits_on_one_page():
    assert len(reader(render(MINIMAL, page="A4", tile=True)).pages) == 1


def test_tile_geometry_overlaps_neighbours_and_covers_the_map():
    journey = load_text(WIDE, "wide.yaml")
    diagram, theme = diagram_for(journey, RenderOptions())
    page = paper("A4", "landscape")
    placement = pdfmod.place(diagram, theme, page, tile=True)
    tiles = sorted(placement.tiles, key=lambda t: t.x)
    assert len(tiles) > 1 and pdfmod.body_pt(theme, placement.scale) >= pdfmod.MIN_BODY_PT
    inset = theme.geometry.space.margin * placement.scale
    assert tiles[0].x == pytest.approx(inset)
    assert tiles[-1].x + tiles[-1].w == pytest.approx(placement.width - inset)
    for a, b in zip(tiles, tiles[1:]):
        assert a.x + a.w - b.x >= pdfmod.OVERLAP_MM * PX_PER_MM - 1e-6


def test_report_has_cover_map_and_one_section_per_stage(tmp_path):
    journey = load_spec(SHOES)
    data = cached(SHOES, "report")
    pages = reader(data).pages
    assert len(pages) >= 3
    text = words(poppler("pdftotext", data, tmp_path))
    first = pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert journey.title in first and "Lan Nguyen" in first and "Persona" in first
    folded = text.casefold()  # small headings are set in capitals
    for i, stage in enumerate(journey.stages, 1):
        assert f"stage {i} of {len(journey.stages)}" in folded and stage.name in text
    for word in ("Touchpoints", "Metrics", "Below benchmark", "Benchmark", "Page 1 of", f"Page {len(pages)} of"):
        assert word.casefold() in folded
    assert "Size charts disagree across brands" in text and "Source: Support tickets, Q3" in text


def test_report_headings_follow_the_locale(tmp_path):
    text = words(poppler("pdftotext", cached(VI, "report"), tmp_path)).casefold()
    for word in ("Giai đoạn 1/", "Điểm chạm", "Chân dung khách hàng", "Dưới mức chuẩn", "Trang 1/", "Tổng quan"):
        assert word.casefold() in text


# ---------------------------------------------------------------- fidelity


@pytest.mark.parametrize("template", ["poster", "report"])
def test_fonts_are_embedded(template, tmp_path):
    out = poppler("pdffonts", cached(SHOES, template), tmp_path)
    rows = table(out)
    assert rows, out
    for row in rows:
        assert row["emb"] == "yes", row
        assert "Arimo" in row["name"], row


@pytest.mark.parametrize("template", ["poster", "report"])
def test_vector_not_bitmap(template, tmp_path):
    out = poppler("pdfimages", cached(SHOES, template), tmp_path, "-list")
    assert table(out) == [], out  # no raster images


@pytest.mark.parametrize("template", ["poster", "report"])
def test_vietnamese_text_is_extractable(template, tmp_path):
    journey = load_spec(VI)
    text = words(poppler("pdftotext", cached(VI, template), tmp_path))  # labels wrap on the map
    assert journey.title in text
    for stage in journey.stages:
        assert stage.name in text
    for word in ("Quảng cáo video trên Facebook", "Hiện tại", "Tôi cần người tư vấn nhanh"):
        assert word in text


def test_poster_footer_has_title_state_and_date_only_when_given(tmp_path):
    text = words(poppler("pdftotext", cached(SHOES), tmp_path))
    assert text.count("Buying running shoes online") >= 2 and "Current state" in text
    dated = spec_dir(tmp_path, "title: Dated map\ndate: 2024-05-17\nstate: future\nstages: [{name: A, emotion: 3}]\n")
    text = words(poppler("pdftotext", render(dated), tmp_path))
    assert "2024-05-17" in text and "Future state" in text


def test_metadata_and_no_timestamps():
    doc = reader(cached(VI))
    meta = doc.metadata
    journey = load_spec(VI)
    assert meta.title == journey.title and meta.subject == journey.goal and meta.author == journey.author
    assert meta.creation_date is None and meta.modification_date is None
    assert doc.trailer["/Root"]["/Lang"] == "vi"
    assert "/ID" not in doc.trailer


def test_same_input_same_bytes():
    journey = load_spec(MINIMAL)
    opts = RenderOptions(strict=True)
    assert render_pdf_bytes(journey, opts) == render_pdf_bytes(journey, opts)


@pytest.mark.parametrize("template", ["poster", "report"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_render_without_engine_warnings(path, template):
    assert cached(str(path), template).startswith(b"%PDF-")  # strict: any WeasyPrint warning raises


# ---------------------------------------------------------------- safety


def test_labels_with_markup_and_template_syntax_stay_text(tmp_path):
    spec = ROOT / "tests" / "golden" / "markup" / "journey.yaml"
    for template in ("poster", "report"):
        flat = words(poppler("pdftotext", render(spec, template=template), tmp_path, "-raw"))
        assert "<script>alert('x')</script> & friends" in flat
        assert "{{ jinja }}" in flat and "url(http://evil)" in flat
        assert "<b>Bold?</b>" in flat and "</text><text>injected" in flat
        if template == "report":  # actions are only in the report's tables as whole lines
            assert "{% raw %}{{ x }}" in flat and "<i>&</i>" in flat


def test_only_data_uris_and_allowed_files_are_fetched(tmp_path):
    journey = load_spec(SHOES)
    for template in ("poster", "report"):
        fetched: list[str] = []
        diagram, theme = diagram_for(journey, RenderOptions())
        pdfmod.render_pdf(journey, diagram, theme, "rs", PdfOptions(template=template, strict=True),
                          fetched=fetched)
        assert any(u.startswith("data:image/svg+xml") for u in fetched)
        package = (ROOT / "cjmrender").resolve().as_uri()
        for url in fetched:
            assert url.startswith(("data:", package)), url


def test_custom_template_cannot_reach_the_network_or_other_files(tmp_path):
    maps = tmp_path / "maps"
    (maps / "templates").mkdir(parents=True)
    spec = spec_dir(maps, "title: T\nstages: [{name: A, emotion: 3}]\n")
    (tmp_path / "secret.png").write_bytes(b"not for you")
    (maps / "templates" / "evil.html.j2").write_text(
        '{% extends "poster.html.j2" %}{% block body %}{{ super() }}'
        '<img src="http://127.0.0.1:9/a.png"><img src="https://example.com/b.png"><img src="ftp://x/c.png">'
        '<img src="file://otherhost/d.png"><img src="../secret.png"><img src="file:///etc/hostname">{% endblock %}')
    fetched: list[str] = []
    journey = load_spec(spec)
    diagram, theme = diagram_for(journey, RenderOptions())
    with pytest.raises(UserError) as exc:
        pdfmod.render_pdf(journey, diagram, theme, "t", PdfOptions(template="evil", templates=str(maps / "templates")),
                          fetched=fetched)
    msg = str(exc.value)
    for bad in ("http://127.0.0.1:9/a.png", "https://example.com/b.png", "ftp://x/c.png", "file://otherhost/d.png",
                "secret.png", "/etc/hostname"):
        assert bad in msg
        assert any(bad in u for u in fetched)
    assert "never uses the network" in msg and "outside the map's folder" in msg


def test_fetch_policy(tmp_path):
    root = tmp_path / "spec"
    root.mkdir()
    (root / "ok.txt").write_text("fine")
    (tmp_path / "outside.txt").write_text("no")
    (root / "link.txt").symlink_to(tmp_path / "outside.txt")
    policy = FetchPolicy((root,))
    assert policy.open((root / "ok.txt").as_uri()) == (b"fine", "text/plain")
    assert policy.open("data:text/plain;base64,aGk=") == (b"hi", "text/plain")
    for url in ("http://example.com/", "HTTPS://example.com/", "ftp://h/f", "gopher://h/", "javascript:alert(1)",
                (tmp_path / "outside.txt").as_uri(), (root / "link.txt").as_uri(), "file://evil.example/etc/passwd",
                (root / ".." / "outside.txt").as_uri(), (root / "missing.png").as_uri()):
        with pytest.raises(FetchRefused):
            policy.open(url)
    assert len(policy.refused) == 10 and len(policy.requested) == 12


def _png(path: Path) -> None:
    """A 2x2 red PNG, written by hand so the test needs no imaging library."""
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_report_shows_a_local_persona_photo(tmp_path):
    _png(tmp_path / "lan.png")
    spec = spec_dir(tmp_path, "title: T\npersona: {name: Lan, photo: lan.png}\nstages: [{name: A, emotion: 3}]\n")
    fetched: list[str] = []
    journey = load_spec(spec)
    diagram, theme = diagram_for(journey, RenderOptions())
    data = pdfmod.render_pdf(journey, diagram, theme, "t", PdfOptions(template="report", strict=True),
                             fetched=fetched).data
    assert (tmp_path / "lan.png").resolve().as_uri() in fetched
    out = poppler("pdfimages", data, tmp_path, "-list")
    rows = table(out)
    assert len(rows) == 2  # the photo on the cover and in the map, and no other raster image
    assert all((row["width"], row["height"]) == ("2", "2") for row in rows), rows


# ---------------------------------------------------------------- cost


def test_svg_path_never_imports_the_pdf_stack():
    code = ("import sys; from cjmrender.pipeline import render_svg_text; from cjmrender.spec.loader import load_spec;"
            "render_svg_text(load_spec(sys.argv[1]));"
            "print(json.dumps(sorted(m for m in ('weasyprint', 'jinja2') if m in sys.modules)))")
    res = subprocess.run([sys.executable, "-c", "import json;" + code, SHOES], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    assert json.loads(res.stdout) == []


def test_cli_tile_and_strict_flags(tmp_path):
    spec = spec_dir(tmp_path, WIDE)
    run = [sys.executable, "-m", "cjmrender", "render", str(spec), "-f", "pdf", "-o", str(tmp_path / "out.pdf"),
           "--page", "A4"]
    res = subprocess.run(run, capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 1 and "--tile" in res.stderr and not (tmp_path / "out.pdf").exists()
    res = subprocess.run([*run, "--tile", "--strict"], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    assert len(reader((tmp_path / "out.pdf").read_bytes()).pages) > 1


def _tile_pages(data: bytes, tmp_path: Path) -> list[list[tuple[float, str]]]:
    """Every sheet's words as (box height in pt, text)."""
    out = poppler("pdftotext", data, tmp_path, "-bbox")
    word = re.compile(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<')
    return [[(float(b) - float(a), w) for a, b, w in word.findall(page)] for page in out.split("<page ")[1:]]


@pytest.mark.parametrize("spec, page, rows", [(WIDE, "A4", 1), (str(ROOT / "examples" / "saas-onboarding.yaml"), "A4", 2)],
                         ids=["one-row", "two-rows"])
def test_every_tile_shows_its_join_index_large_in_its_margin_and_names_its_lanes(spec, page, rows, tmp_path):
    path = spec_dir(tmp_path, WIDE) if spec == WIDE else Path(spec)
    data = render(path, page=page, tile=True)
    pages = _tile_pages(data, tmp_path)
    cols = len(pages) // rows
    assert len(pages) == rows * cols > 1
    journey = load_spec(path)
    for i, words in enumerate(pages):
        name = f"{'AB'[i // cols]}{i % cols + 1}"  # row letter, column number
        own = [h for h, w in words if w == name]
        assert len(own) >= 2 and max(own) >= 1.4 * min(own), (name, own)  # the corner index, and the sheet label
        if i // cols == 0:  # the first row shows the top lane: named on every sheet, in the map or the margin
            title = journey.lanes[0].title  # (in the margin shortened to the part of the lane the sheet shows)
            cut = [w[:-1] for _, w in words if w.endswith("…")]
            assert title in " ".join(w for _, w in words) or any(len(c) >= 4 and title.startswith(c) for c in cut)
