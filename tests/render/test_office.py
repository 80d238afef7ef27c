"""Office importers: LibreOffice draws every example as Chromium does, icons included.

LibreOffice Impress and Draw (like PowerPoint and Keynote) import SVG with
their own, weaker renderer.  Each example is converted with
``soffice --headless --convert-to pdf`` and rasterised, and compared with
Chromium's render of the same SVG (svgcheck ``--png-dir``): over the whole
map, and tightly inside every touchpoint icon, where a ``<symbol>`` scaled by
``<use width/height>`` used to come out at 24 px over its label.  A control
run with that old icon markup shows the icon check catches it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cjmrender.layout.model import Icon, walk
from cjmrender.pipeline import RenderOptions, diagram_for, render_svg_text
from cjmrender.spec.loader import load_spec
from tests.conftest import EXAMPLES, SVGCHECK, need_tool

Image = pytest.importorskip("PIL.Image")
ImageChops = pytest.importorskip("PIL.ImageChops")

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
PAGE_BOUND = 3.0  # mean grey difference (0..255) over the map, after 8x8 averaging; measured 0.5-0.9
ICON_BOUND = 20.0  # mean grey difference inside an icon's box, after 2x2 averaging; measured <= 9, symbols ~36


def soffice() -> str:
    need_tool("soffice")
    return shutil.which("soffice") or "soffice"


def convert(files: list[Path], out: Path, tmp_path: Path) -> None:
    """Every SVG to PDF in one LibreOffice run, with a throw-away profile."""
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *map(str, files)], check=True, capture_output=True, timeout=600,
                   env={**os.environ, "HOME": str(tmp_path)})


def raster(pdf: Path, size: tuple[int, int]) -> "Image.Image":
    need_tool("pdftoppm")
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-singlefile", "-scale-to-x", str(size[0]), "-scale-to-y", str(size[1]),
                    str(pdf), str(prefix)], check=True)
    return Image.open(f"{prefix}.png").convert("L")


def chromium(files: list[Path], out: Path) -> None:
    need_tool("svgcheck")
    subprocess.run([sys.executable, str(SVGCHECK), "--skip", "text-overlap,text-crosses-shape,text-crosses-line,"
                    "text-clipped,text-outside-canvas,font-fallback,missing-glyph", "--png-dir", str(out),
                    *map(str, files)], capture_output=True, timeout=600)


def mean_diff(a: "Image.Image", b: "Image.Image", box: tuple[int, int, int, int] | None, block: int) -> float:
    if box is not None:
        a, b = a.crop(box), b.crop(box)
    d = ImageChops.difference(a.reduce(block) if block > 1 else a, b.reduce(block) if block > 1 else b)
    hist = d.histogram()
    return sum(i * c for i, c in enumerate(hist)) / max(1, sum(hist))


def symbol_icons(svg: str) -> str:
    """The same SVG with the icon markup cjmrender used before: ``<symbol viewBox>`` scaled by ``<use>``."""
    ET.register_namespace("", SVG[1:-1])
    ET.register_namespace("xlink", XLINK[1:-1])
    root = ET.fromstring(svg)
    for g in root.iter(f"{SVG}g"):
        if "-icon-" in (g.get("id") or ""):
            g.tag = f"{SVG}symbol"
            g.set("viewBox", "0 0 24 24")
    for use in root.iter(f"{SVG}use"):
        m = re.fullmatch(r"matrix\(([\d.]+) 0 0 [\d.]+ ([\d.-]+) ([\d.-]+)\)", use.get("transform", ""))
        if m and "-icon-" in use.get(f"{XLINK}href", ""):
            k, x, y = (float(v) for v in m.groups())
            del use.attrib["transform"]
            use.attrib.update({"x": f"{x:g}", "y": f"{y:g}", "width": f"{24 * k:g}", "height": f"{24 * k:g}"})
    return ET.tostring(root, encoding="unicode")


@pytest.fixture(scope="module")
def renders(tmp_path_factory):
    """(name, icon boxes, LibreOffice raster, Chromium raster) for every example and for the control."""
    soffice()
    tmp = tmp_path_factory.mktemp("office")
    files, icons = [], {}
    for path in EXAMPLES:
        journey = load_spec(path)
        diagram, _ = diagram_for(journey, RenderOptions())
        svg = render_svg_text(journey)
        icons[path.stem] = [(e.x, e.y, e.size) for e in walk(diagram.root) if isinstance(e, Icon)]
        files.append(tmp / f"{path.stem}.svg")
        files[-1].write_text(svg, encoding="utf-8")
        if path.stem == "running-shoes":
            files.append(tmp / "control-symbols.svg")
            files[-1].write_text(symbol_icons(svg), encoding="utf-8")
            icons["control-symbols"] = icons[path.stem]
    convert(files, tmp / "lo", tmp)
    chromium(files, tmp / "chrome")
    out = {}
    for f in files:
        chrome = Image.open(tmp / "chrome" / f"{f.stem}.png").convert("L")
        out[f.stem] = (icons[f.stem], raster(tmp / "lo" / f"{f.stem}.pdf", chrome.size), chrome)
    return out


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES])
def test_libreoffice_draws_the_map_as_chromium_does(renders, name):
    icons, lo, chrome = renders[name]
    assert mean_diff(lo, chrome, None, 8) < PAGE_BOUND
    for x, y, size in icons:
        box = (int(x) - 2, int(y) - 2, int(x + 24) + 2, int(y + 24) + 2)  # room for a 24 px icon
        assert mean_diff(lo, chrome, box, 2) < ICON_BOUND, (x, y)


def test_the_icon_check_catches_symbols_scaled_by_use(renders):
    icons, lo, chrome = renders["control-symbols"]
    diffs = [mean_diff(lo, chrome, (int(x) - 2, int(y) - 2, int(x + 24) + 2, int(y + 24) + 2), 2)
             for x, y, _ in icons]
    assert diffs and sum(diffs) / len(diffs) >= ICON_BOUND  # icons drawn at 24 px over their labels
