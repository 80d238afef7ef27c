"""PNG output: resvg draws our SVG as headless Chromium does, at the requested scale, with bounded cost.

The comparison with Chromium (svgcheck ``--png-dir``) is what proves the
rasteriser faithful: the same SVG drawn by both must differ only by
anti-aliasing.  A control run with the text removed shows that the bound is
tight enough to catch missing text.
"""

from __future__ import annotations

import io
import math
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cjmrender.errors import UserError
from cjmrender.pipeline import RenderOptions, load, render_outputs
from cjmrender.render.png import render_png, zoom_for
from tests.conftest import ROOT, SVGCHECK, need_tool

Image = pytest.importorskip("PIL.Image")
ImageChops = pytest.importorskip("PIL.ImageChops")

COMPARED = ["minimal", "running-shoes", "vi-telesales"]  # vi-telesales: Vietnamese diacritics
MEAN_BOUND = 3.0  # mean absolute channel difference (0..255) after 4x4 averaging
FRACTION_BOUND = 0.02  # share of averaged pixels differing by more than 32


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def difference(ours: Path, chrome: Path) -> tuple[float, float]:
    """(mean, share over 32) of the difference of two renders, averaged over 4x4 blocks to forgive anti-aliasing."""
    a = Image.open(ours).convert("RGB")
    b = Image.open(chrome).convert("RGB")
    w, h = min(a.width, b.width), min(a.height, b.height)
    assert abs(a.width - b.width) <= 1 and abs(a.height - b.height) <= 1, (a.size, b.size)
    d = ImageChops.difference(a.crop((0, 0, w, h)).reduce(4), b.crop((0, 0, w, h)).reduce(4)).convert("L")
    hist = d.histogram()
    n = sum(hist)
    return sum(i * c for i, c in enumerate(hist)) / n, sum(hist[33:]) / n


def without_text(svg: str) -> str:
    ET.register_namespace("", "http://www.w3.org/2000/svg")
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    root = ET.fromstring(svg)
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag.endswith("}text"):
                parent.remove(child)
    return ET.tostring(root, encoding="unicode")


def test_png_matches_chromium_render(tmp_path):
    need_tool("svgcheck")
    svgs = []
    for name in COMPARED:
        results, _ = render_outputs(load(str(ROOT / "examples" / f"{name}.yaml")), ["svg", "png"],
                                    RenderOptions(scale=1))
        data = dict(results)
        (tmp_path / f"{name}.svg").write_bytes(data["svg"])
        (tmp_path / f"{name}.resvg.png").write_bytes(data["png"])
        svgs.append(tmp_path / f"{name}.svg")
    (tmp_path / "notext.svg").write_text(without_text(svgs[-1].read_text()))
    chrome = tmp_path / "chrome"
    subprocess.run([sys.executable, str(SVGCHECK), "--png-dir", str(chrome), *map(str, svgs), str(tmp_path / "notext.svg")],
                   capture_output=True, check=False, timeout=300)
    for name in COMPARED:
        mean, share = difference(tmp_path / f"{name}.resvg.png", chrome / f"{name}.png")
        assert mean <= MEAN_BOUND and share <= FRACTION_BOUND, (name, mean, share)
    # The control: the same map drawn without its text is outside the bound.
    mean, share = difference(tmp_path / "vi-telesales.resvg.png", chrome / "notext.png")
    assert mean > MEAN_BOUND and share > FRACTION_BOUND, (mean, share)


def test_scale_and_dpi_set_the_pixel_size():
    journey = load(str(ROOT / "examples" / "minimal.yaml"))
    root = ET.fromstring(dict(render_outputs(journey, ["svg"])[0])["svg"])
    w, h = float(root.get("width")), float(root.get("height"))
    default = dict(render_outputs(journey, ["png"])[0])["png"]
    assert all(abs(a - b) <= 1 for a, b in zip(png_size(default), (w * 2, h * 2)))
    at_dpi = dict(render_outputs(journey, ["png"], RenderOptions(dpi=288))[0])["png"]
    assert all(abs(a - b) <= 1 for a, b in zip(png_size(at_dpi), (w * 3, h * 3)))


@pytest.mark.parametrize("scale, dpi", [(0, None), (17, None), (None, 5), (2, 192)])
def test_bad_scale_or_dpi_is_a_located_user_error(scale, dpi):
    with pytest.raises(UserError) as err:
        zoom_for(scale, dpi)
    assert err.value.problems[0].file in ("--scale", "--dpi")


def test_pixel_count_is_bounded_before_rendering():
    with pytest.raises(UserError) as err:
        render_png("<svg xmlns='http://www.w3.org/2000/svg' width='20000' height='20000'/>", 20000, 20000, 1.0,
                   source="big.yaml")
    problem = err.value.problems[0]
    assert problem.file == "big.yaml" and "--scale" in problem.message


def test_cli_writes_png_and_refuses_bad_options_without_writing(tmp_path):
    spec = ROOT / "examples" / "minimal.yaml"
    cmd = [sys.executable, "-m", "cjmrender", "render", str(spec)]
    ok = subprocess.run([*cmd, "-o", str(tmp_path / "map.png"), "--scale", "1"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert (tmp_path / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    bad = subprocess.run([*cmd, "-f", "svg,png", "-o", str(tmp_path / "bad.svg"), "--scale", "1", "--dpi", "300"],
                         capture_output=True, text=True)
    assert bad.returncode == 1 and bad.stderr.startswith("--dpi: ") and "Traceback" not in bad.stderr
    assert not (tmp_path / "bad.svg").exists() and not (tmp_path / "bad.png").exists()


def test_png_is_deterministic():
    journey = load(str(ROOT / "examples" / "minimal.yaml"))
    first = dict(render_outputs(journey, ["png"], RenderOptions(scale=1))[0])["png"]
    again = dict(render_outputs(journey, ["png"], RenderOptions(scale=1))[0])["png"]
    assert first == again
    assert Image.open(io.BytesIO(first)).getpixel((0, 0))[:3] == (255, 255, 255)
