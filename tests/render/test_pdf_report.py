"""The report: title once per page, personas only on the cover, stage sections that flow, a sparkline
and ranked pains per stage, and A4 portrait with the map in rows of stages at a legible size."""

from __future__ import annotations

import base64
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import msgspec
import pytest

from cjmrender.layout.emotion import pain_numbers
from cjmrender.layout.engine import Options, layout
from cjmrender.layout.model import Circle, Group, PathShape, walk
from cjmrender.layout.sparkline import layout_sparkline
from cjmrender.pipeline import RenderOptions, _relayout, _theme_for, diagram_for
from cjmrender.render.pdf import PdfOptions
from cjmrender.render.pdf.output import render_html
from cjmrender.render.pdf.paper import MIN_BODY_PT, body_pt, paper
from cjmrender.render.pdf.report_map import map_rows
from cjmrender.render.pdf.views import sections
from cjmrender.spec.loader import load_spec
from cjmrender.text.measure import default_measurer
from tests.conftest import EXAMPLES, ROOT, need_tool
from tests.render.test_pdf import SHOES, VI, cached, poppler, render, spec_dir, words

SAAS = str(ROOT / "examples" / "saas-onboarding.yaml")
SVGCHECK = ROOT.parent / "shared" / "tools" / "svgcheck"
SWIMLANES = [str(p) for p in EXAMPLES if load_spec(p).layout == "swimlane"]
GLYPH_EM = 1.117
"""Arimo's ascent plus descent: pdftotext's word box is this many times the font size tall."""


def pages_text(data: bytes, tmp_path) -> list[str]:
    """The text of every page, whitespace folded."""
    out = poppler("pdftotext", data, tmp_path)
    return [words(p) for p in out.split("\f")][:-1]


def word_heights_pt(data: bytes, tmp_path) -> list[tuple[float, str]]:
    out = poppler("pdftotext", data, tmp_path, "-bbox")
    return [(float(y1) - float(y0), w) for y0, y1, w in
            re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', out)]


@pytest.mark.parametrize("spec", [SHOES, VI])
def test_title_once_per_page_and_personas_only_on_the_cover(spec, tmp_path):
    journey = load_spec(spec)
    pages = pages_text(cached(spec, "report"), tmp_path)
    assert journey.title in pages[0]
    for k, text in enumerate(pages):  # the cover's heading, then the running header of every other page
        assert text.count(journey.title) == 1, (k, text[:200])
    for p in journey.personas:
        assert p.name in pages[0]
        assert all(p.name not in text for text in pages[1:]), p.name


def content_bottoms(data: bytes, tmp_path, margin_pt: float) -> list[float]:
    """Per page, how far down the lowest word above the bottom margin sits, as a share of the page height."""
    out = []
    for page in poppler("pdftotext", data, tmp_path, "-bbox").split("<page ")[1:]:
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        ys = [float(y) for y in re.findall(r'yMax="([\d.]+)"', page) if float(y) < height - margin_pt]
        out.append(max(ys, default=0.0) / height)
    return out


def assert_headings_lead_on(pages: list[str], journey) -> None:
    """No page ends with a stage's heading: a lane's table (or the stage's pains) follows it on the page."""
    titles = [ln.title.casefold() for ln in journey.lanes]
    for k, text in enumerate(pages):
        found = list(re.finditer(rf"stage (\d+) of {len(journey.stages)}", text.casefold()))
        if found:
            after = text.casefold()[found[-1].end():]
            assert any(t in after for t in titles), (k, after)


@pytest.mark.parametrize("spec", [SHOES, SAAS])
def test_a4_portrait_stage_headings_never_end_a_page(spec, tmp_path):
    pages = pages_text(render(spec, template="report", page="A4", orientation="portrait"), tmp_path)
    assert_headings_lead_on(pages, load_spec(spec))


def test_stage_sections_share_pages(tmp_path):
    journey = load_spec(SHOES)
    data = cached(SHOES, "report")
    pages = pages_text(data, tmp_path)
    n = len(journey.stages)
    holding = [k for k, text in enumerate(pages) if re.search(rf"stage \d+ of {n}", text.casefold())]
    assert len(holding) < n, holding
    assert_headings_lead_on(pages, journey)
    margin = paper("A3", "landscape", True).margin_bottom * 0.75
    bottoms = content_bottoms(data, tmp_path, margin)
    for k in holding[:-1]:  # no page of stage detail but the last is a third blank or more: sections flow on
        assert bottoms[k] > 0.66, (k, bottoms[k])


def report_html(spec: str, page: str = "A3", orientation: str = "landscape") -> tuple[object, str]:
    journey = load_spec(spec)
    opts = RenderOptions(template="report", page=page, orientation=orientation)
    diagram, theme = diagram_for(journey, opts)
    html, _ = render_html(journey, diagram, theme, "t", PdfOptions(template="report", page=page,
                                                                    orientation=orientation), relayout=_relayout(journey, opts))
    return journey, html


@pytest.mark.parametrize("spec", [SHOES, SAAS])
def test_every_stage_opens_with_its_sparkline(spec):
    journey, html = report_html(spec)
    parts = html.split('<section class="stage')[1:]
    assert len(parts) == len(journey.stages)
    for k, part in enumerate(parts):
        head = part.split('class="stage-head"', 1)[1].split("</div>\n  {%", 1)[0]
        uris = re.findall(r'<img class="spark" src="data:image/svg\+xml;base64,([^"]+)"', head)
        assert len(uris) == 1, k
        svg = base64.b64decode(uris[0]).decode()
        assert f'id="t-spark-{k + 1}-spark-{k + 1}"' in svg and 'class="spark-stage"' in svg
        root = ET.fromstring(svg)
        assert float(root.get("width")) * 25.4 / 96 <= 80  # small: about 70 mm


def test_sparkline_tints_the_stage_and_emphasises_its_points():
    journey = load_spec(SAAS)
    theme = _theme_for(journey, RenderOptions())
    for k, st in enumerate(journey.stages):
        d = layout_sparkline(journey, theme.geometry, default_measurer(), k)
        assert d == layout_sparkline(journey, theme.geometry, default_measurer(), k)
        els = list(walk(d.root))
        band = next(e for e in els if getattr(e, "cls", "") == "spark-stage")
        big = [e for e in els if "spark-point stage" in getattr(e, "cls", "")]
        small = [e for e in els if "spark-point" in getattr(e, "cls", "") and e not in big]
        series = {pid for c in journey.columns for pid, _ in c.content.emotions}
        per_curve = [c for c in journey.columns[st.first:st.first + st.count] if c.content.emotion or c.content.emotions]
        assert len(big) == sum(max(1, len(c.content.emotions)) for c in per_curve)
        assert len(small) + len(big) == sum(max(1, len(c.content.emotions)) for c in journey.columns
                                            if c.content.emotion or c.content.emotions)
        curves = [e for e in els if isinstance(e, PathShape) and "spark-curve" in e.cls]
        assert len(curves) == max(1, len(series))
        for e in big:  # every emphasised point lies inside the tinted band
            x = e.cx if isinstance(e, Circle) else e.commands[0][1]
            assert band.rect.x <= x <= band.rect.right
        assert 0 <= band.rect.x and band.rect.right <= d.width


def test_sparklines_pass_svgcheck(tmp_path):
    need_tool("svgcheck")
    from cjmrender.render.svg import render_svg

    for spec in (SHOES, SAAS, VI):
        journey = load_spec(spec)
        theme = _theme_for(journey, RenderOptions())
        for k in range(len(journey.stages)):
            d = layout_sparkline(journey, theme.geometry, default_measurer(), k)
            (tmp_path / f"{k}-{journey.locale}-{len(journey.columns)}.svg").write_text(render_svg(d, theme, "s"))
    res = subprocess.run([sys.executable, str(SVGCHECK), *sorted(str(p) for p in tmp_path.glob("*.svg"))],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stdout


RANKED = """title: Ranking
emotion_scale: {min: 1, max: 5}
lanes: [emotion, pains]
stages:
  - name: Before
    pains: [Earlier pain]
  - name: Buy
    steps:
      - name: Browse
        emotion: 3
        pains: [Unsourced browse pain, {text: Sourced browse pain, source: Survey}]
      - name: Pay
        emotion: 1
        pains: [Pay pain one, Pay pain two]
"""


def test_pains_are_ranked_worst_moment_first_then_evidence_and_keep_their_numbers(tmp_path):
    journey = load_spec(spec_dir(tmp_path, RANKED))
    numbers = {it.text: n for col, nums in zip(journey.columns, pain_numbers(journey))
               for it, n in zip(col.content.pains, nums)}
    buy = sections(journey, None)[1]
    order = [p.item.text for p in buy.pains]
    assert order == ["Pay pain one", "Pay pain two", "Sourced browse pain", "Unsourced browse pain"]
    assert [p.number for p in buy.pains] == [numbers[t] for t in order]
    assert all(row.lane.kind != "pains" for col in buy.columns for row in col.rows)  # listed once
    text = words(poppler("pdftotext", render(spec_dir(tmp_path, RANKED), template="report"), tmp_path))
    section = text.split(buy.name, 1)[1]
    found = [section.index(f"P{numbers[t]} {t}") for t in order]
    assert found == sorted(found)


def test_bare_layout_leaves_out_title_and_personas_and_keeps_the_legend():
    journey = load_spec(SHOES)
    theme = _theme_for(journey, RenderOptions())
    full = layout(journey, theme.geometry, default_measurer())
    bare = layout(journey, theme.geometry, default_measurer(), Options(bare=True))
    ids = lambda d: {e.id for e in walk(d.root) if isinstance(e, Group)}  # noqa: E731
    assert {"header", "personas", "legend"} <= ids(full)
    assert "header" not in ids(bare) and "personas" not in ids(bare) and "legend" in ids(bare)
    assert bare.height < full.height
    rows = layout(journey, theme.geometry, default_measurer(), Options(bare=True, wrap=700))
    assert "header" not in ids(rows) and "row-2" in ids(rows)
    assert msgspec.json.encode(full) == msgspec.json.encode(layout(journey, theme.geometry, default_measurer(),
                                                                   Options(bare=False)))


@pytest.mark.parametrize("spec", SWIMLANES)
def test_a4_portrait_report_prints_the_map_legibly(spec, tmp_path):
    journey = load_spec(spec)
    opts = RenderOptions(template="report", page="A4", orientation="portrait")
    theme = _theme_for(journey, opts)
    rows = map_rows(_relayout(journey, opts), theme, paper("A4", "portrait", True), "t")
    page = paper("A4", "portrait", True)
    if len(journey.stages) > 3:
        assert len(rows.rows) >= 2  # the whole map would print far under 9 pt across the page: rows of stages
    assert body_pt(theme, rows.scale) >= 7.0
    for r in rows.rows:
        assert r.w <= page.content_width + 0.5 and r.h <= page.content_height + 0.5
    data = render(spec, template="report", page="A4", orientation="portrait")
    heights = word_heights_pt(data, tmp_path)
    small = [(round(h / GLYPH_EM, 2), w) for h, w in heights if h / GLYPH_EM < MIN_BODY_PT - 0.05]
    assert not small, small[:5]
