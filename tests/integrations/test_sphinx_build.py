"""The Sphinx extension in real builds: inline SVG for HTML, a PDF for LaTeX, located errors, rebuilds on edit."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import need_module

need_module("sphinx")

from sphinx.application import Sphinx  # noqa: E402
from sphinx.util.docutils import docutils_namespace  # noqa: E402

from cjmrender.sphinx import JourneyMapError  # noqa: E402
from tests.conftest import ROOT  # noqa: E402

SVG_NS = "{http://www.w3.org/2000/svg}"
INDEX = """\
Maps
====

.. toctree::

   guide/page

.. journey-map:: maps/haircut.yaml
   :alt: Booking a haircut, worst at the visit

.. journey-map::
   :lanes: actions,emotion
   :width: 900

   title: Inline arrival
   stages:
     - name: Arrive
       actions: [Walks in]
       emotion: 4
"""
PAGE = """\
Page
====

.. journey-map:: /maps/haircut.yaml
   :id-prefix: chosen
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    (src / "maps").mkdir(parents=True)
    (src / "guide").mkdir()
    (src / "maps" / "haircut.yaml").write_text((ROOT / "examples" / "minimal.yaml").read_text())
    (src / "conf.py").write_text('extensions = ["cjmrender.sphinx"]\nproject = "maps"\n')
    (src / "index.rst").write_text(INDEX)
    (src / "guide" / "page.rst").write_text(PAGE)
    return src


def build(src: Path, builder: str = "html", parallel: int = 0, out: str = "out") -> tuple[Path, str]:
    outdir = src.parent / out / builder
    warnings = io.StringIO()
    with docutils_namespace():
        app = Sphinx(src, src, outdir, src.parent / out / "doctrees", builder, status=io.StringIO(),
                     warning=warnings, parallel=parallel)
        app.build()
    return outdir, warnings.getvalue()


def about_the_project(warnings: str, src: Path) -> list[str]:
    """Warnings about this project's pages and maps (Sphinx's own notices about itself are not ours to pin)."""
    return [w for w in warnings.splitlines() if str(src) in w or "journey" in w.lower() or "cjmrender" in w]


def maps_in(html: str) -> list[ET.Element]:
    """Every inline map, parsed as XML: proves the SVG survived the HTML writer intact."""
    found = re.findall(r'<div class="cjm-journey-map"[^>]*>(<svg\b.*?</svg>)</div>', html, re.S)
    return [ET.fromstring(svg) for svg in found]


def texts(svg: ET.Element) -> str:
    return " ".join("".join(t.itertext()) for t in svg.iter(f"{SVG_NS}text"))


def test_html_inlines_valid_svg_with_labels_alt_and_unique_ids(project):
    out, warnings = build(project)
    assert about_the_project(warnings, project) == []
    index = maps_in((out / "index.html").read_text())
    assert len(index) == 2
    assert "Find a salon" in texts(index[0]) and "Walks in" in texts(index[1])
    assert index[0].find(f"{SVG_NS}title").text == "Booking a haircut, worst at the visit"
    assert index[1].find(f"{SVG_NS}title").text == "Inline arrival"
    assert [m.get("id") for m in index] == ["index-journey-1-root", "index-journey-2-root"]
    assert index[1].get("width") == "900"
    ids = [el.get("id") for m in index for el in m.iter() if el.get("id")]
    assert len(ids) == len(set(ids)), "ids must be unique on the page"
    page = maps_in((out / "guide" / "page.html").read_text())
    assert [m.get("id") for m in page] == ["chosen-root"]


def test_parallel_build_gives_the_same_pages(project):
    serial, _ = build(project, out="serial")
    parallel, warnings = build(project, parallel=2, out="parallel")
    assert about_the_project(warnings, project) == []
    for name in ("index.html", "guide/page.html"):
        want = [ET.tostring(m) for m in maps_in((serial / name).read_text())]
        assert [ET.tostring(m) for m in maps_in((parallel / name).read_text())] == want


def test_editing_a_spec_rebuilds_the_page_that_uses_it(project):
    out, _ = build(project)
    spec = project / "maps" / "haircut.yaml"
    spec.write_text(spec.read_text().replace("Find a salon", "Ask a friend"))
    out, _ = build(project)
    assert "Ask a friend" in texts(maps_in((out / "index.html").read_text())[0])
    assert "Ask a friend" in texts(maps_in((out / "guide" / "page.html").read_text())[0])


def test_broken_inline_spec_fails_with_its_line_in_the_page(project):
    index = project / "index.rst"
    index.write_text(INDEX.replace("       emotion: 4", "       emoton: 4"))
    line = INDEX.splitlines().index("       emotion: 4") + 1
    with pytest.raises(JourneyMapError) as err:
        build(project)
    assert f"{index}:{line}:8: unknown key 'emoton' in stage; did you mean 'emotion'?" in str(err.value)


def test_broken_inline_spec_in_an_included_file_points_into_that_file(project):
    part = project / "parts" / "map.inc"
    part.parent.mkdir()
    part.write_text("Intro\n\n.. journey-map::\n\n     title: Included\n     stages:\n       - name: A\n"
                    "         emoton: 3\n")
    (project / "index.rst").write_text(INDEX + "\n.. include:: parts/map.inc\n")
    with pytest.raises(JourneyMapError) as err:
        build(project)
    assert "map.inc:8:10: unknown key 'emoton'" in str(err.value)


def test_broken_spec_file_fails_with_its_location(project):
    spec = project / "maps" / "haircut.yaml"
    spec.write_text("title: T\nstages:\n  - name: A\n    emotion: 9\n")
    with pytest.raises(JourneyMapError) as err:
        build(project)
    message = str(err.value)
    assert f"{spec}:4:" in message and "outside the scale" in message
    assert f"{project / 'index.rst'}:8" in message or f"{project / 'guide' / 'page.rst'}:4" in message


def test_latex_gets_a_pdf_file_and_text_gets_the_alt(project):
    out, _ = build(project, "latex")
    tex = next(out.glob("*.tex")).read_text()
    files = sorted(p for p in out.iterdir() if re.fullmatch(r"journey-[0-9a-f]+\.(pdf|svg)", p.name))
    assert len(files) == 2, "one file per map: the map shown on two pages is written once"
    for path in files:
        assert path.read_bytes().startswith(b"%PDF" if path.suffix == ".pdf" else b"<?xml")
    # the .tex refers to them three times (two maps on the index, one on the guide page), however
    # Sphinx's LaTeX writer spells an included graphic
    assert sum(len(re.findall(re.escape(path.stem) + r"\W", tex)) for path in files) == 3
    out, _ = build(project, "text")
    assert "[journey map: Booking a haircut, worst at the visit]" in (out / "index.txt").read_text()


MERMAID = """\
Mermaid
=======

.. mermaid::

   journey
       title Tea break
       section Kitchen
         Boil water: 3: Me
         Drink tea: 5: Me, Cat

.. code-block:: mermaid

   journey
       section Desk
         Reply to mail: 2: Me

.. mermaid::

   graph TD
     A --> B

.. journey-map:: maps/tea.mmd
"""


def test_mermaid_journeys_render_with_one_line_of_config(project):
    (project / "index.rst").write_text(INDEX + "\n.. toctree::\n\n   mermaid\n")
    (project / "mermaid.rst").write_text(MERMAID)
    (project / "maps" / "tea.mmd").write_text("journey\n  section Kitchen\n    Pour: 4: Me\n")
    conf = project / "conf.py"
    conf.write_text(conf.read_text() + "journey_map_mermaid = True\n")
    out, warnings = build(project)
    assert warnings == ""
    html = (out / "mermaid.html").read_text()
    maps = maps_in(html)
    assert len(maps) == 3
    assert "Boil water" in texts(maps[0]) and "Tea break" in texts(maps[0])
    assert "Reply to mail" in texts(maps[1]) and "Pour" in texts(maps[2])
    assert "graph TD" in html, "a flowchart is left to Mermaid"


def test_mermaid_blocks_stay_code_without_the_setting(project):
    (project / "index.rst").write_text(INDEX + "\n.. code-block:: mermaid\n\n   journey\n     section A\n       T: 3\n")
    out, _ = build(project)
    assert len(maps_in((out / "index.html").read_text())) == 2


def test_broken_mermaid_journey_is_located_in_the_page(project):
    conf = project / "conf.py"
    conf.write_text(conf.read_text() + "journey_map_mermaid = True\n")
    page = project / "index.rst"
    page.write_text(INDEX + "\n.. mermaid::\n\n   journey\n     section A\n       T: lots\n")
    line = len((INDEX + "\n.. mermaid::\n\n   journey\n     section A\n       T: lots").splitlines())
    with pytest.raises(JourneyMapError) as err:
        build(project)
    assert f"{page}:{line}:11: task 'T': score 'lots' is not a number" in str(err.value)


def test_pdf_template_overrides_come_only_from_the_conf_setting(project):
    pypdf = pytest.importorskip("pypdf")
    body = ("{% extends '_base.html.j2' %}{% block body %}<p>MARK-{{ journey.title }}</p>{{ super() }}"
            "{% endblock %}")
    (project / "maps" / "templates").mkdir()  # beside the map: never picked up
    (project / "maps" / "templates" / "poster.html.j2").write_text(body.replace("MARK", "BESIDE"))
    out, _ = build(project, "latex")
    first = next(out.glob("journey-*.pdf"))
    assert "BESIDE-" not in pypdf.PdfReader(first).pages[0].extract_text()
    (project / "pdf-templates").mkdir()
    (project / "pdf-templates" / "poster.html.j2").write_text(body.replace("MARK", "CONF"))
    (project / "conf.py").write_text('extensions = ["cjmrender.sphinx"]\nproject = "maps"\n'
                                     'journey_map_templates = "pdf-templates"\n')
    out, _ = build(project, "latex", out="out2")
    texts_ = [pypdf.PdfReader(p).pages[0].extract_text() for p in out.glob("journey-*.pdf")]
    assert texts_ and all("CONF-" in t and "BESIDE-" not in t for t in texts_)


FITS = """\
Fits
====

.. journey-map:: maps/shoes.yaml

.. journey-map:: maps/shoes.yaml
   :fit: shrink

.. journey-map:: maps/shoes.yaml
   :fit: scroll
"""


def test_fit_wraps_a_wide_map_into_the_column_by_default_or_shrinks_or_scrolls(project):
    (project / "maps" / "shoes.yaml").write_text((ROOT / "examples" / "running-shoes.yaml").read_text())
    (project / "index.rst").write_text(FITS)
    (project / "guide" / "page.rst").unlink()
    out, warnings = build(project)
    html = (out / "index.html").read_text()
    assert re.findall(r'data-fit="(\w+)"', html) == ["wrap", "shrink", "scroll"]
    wrapped, shrunk, scrolled = maps_in(html)
    rows = [g for g in wrapped.iter(f"{SVG_NS}g") if g.get("class") == "row"]
    assert len(rows) >= 2 and float(wrapped.get("width")) <= 760
    assert shrunk.get("width") == "100%" and "max-width" in shrunk.get("style")
    assert float(scrolled.get("width")) > 760 and not [g for g in scrolled.iter(f"{SVG_NS}g") if g.get("class") == "row"]
    (project / "index.rst").write_text(FITS.replace(":fit: scroll", ":fit: sideways"))
    _, warnings = build(project, out="bad")
    assert "index.rst" in warnings and "sideways" in warnings, warnings
