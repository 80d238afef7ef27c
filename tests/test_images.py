"""Local images: PNG/JPEG sizes from headers, clear errors for anything else, drawn in the SVG."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET

import pytest

from cjmrender.errors import UserError
from cjmrender.images import load_image
from cjmrender.pipeline import RenderOptions, render_svg_text
from cjmrender.spec.loader import load_spec
from tests.conftest import ROOT

CASE = ROOT / "tests" / "golden" / "images"


def test_png_size_from_header():
    img = load_image(str(CASE), "store.png", "m.yaml")
    assert (img.width, img.height) == (160, 90) and img.uri.startswith("data:image/png;base64,")


def test_jpeg_size_from_sof(tmp_path):
    sof = b"\xff\xc0" + struct.pack(">HBHH", 11, 8, 30, 40) + b"\x03\x01\x11\x00"
    (tmp_path / "p.jpg").write_bytes(b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", 4) + b"JF" + sof + b"\xff\xd9")
    img = load_image(str(tmp_path), "p.jpg", "m.yaml")
    assert (img.width, img.height) == (40, 30) and img.uri.startswith("data:image/jpeg;base64,")


@pytest.mark.parametrize("data", [b"GIF89a....", b"<svg/>", b"", b"\x89PNG\r\n\x1a\n"])
def test_other_files_are_refused(tmp_path, data):
    (tmp_path / "x.png").write_bytes(data)
    with pytest.raises(UserError, match="is not a PNG or JPEG file"):
        load_image(str(tmp_path), "x.png", "m.yaml")


def test_photo_and_storyboard_are_drawn():
    svg = render_svg_text(load_spec(CASE / "journey.yaml"), RenderOptions(id_prefix="i"))
    root = ET.fromstring(svg.encode())
    ns = "{http://www.w3.org/2000/svg}"
    images = list(root.iter(f"{ns}image"))
    assert {i.get("class") for i in images} == {"photo", "storyboard"}
    photo = next(i for i in images if i.get("class") == "photo")
    assert photo.get("clip-path", "").startswith("url(#i-clip-")
    assert not list(root.iter(f"{ns}text")) or "LN" not in [t.text for t in root.iter(f"{ns}text")]
