"""Local images (persona photos, stage storyboards) as data URIs with their pixel size.

Only PNG and JPEG are accepted; their size comes from the file header, so
no imaging library is needed.  Files were already checked to lie inside the
map's folder when the spec was loaded.
"""

from __future__ import annotations

import base64
import struct
from pathlib import Path

import msgspec

from .errors import Problem, UserError
from .safeio import read_capped

MAX_IMAGE_BYTES = 2 * 1024 * 1024
"""Largest image embedded in a map (it travels inside every SVG and PDF)."""


class Image(msgspec.Struct, frozen=True):
    uri: str  # data: URI
    width: int
    height: int


def _png_size(data: bytes) -> tuple[int, int] | None:
    if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR":
        return struct.unpack(">II", data[16:24])
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    if data[:2] != b"\xff\xd8":
        return None
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
            h, w = struct.unpack(">HH", data[i + 5:i + 9])
            return w, h
        i += 2 + length
    return None


def load_image(base_dir: str, ref: str, where: str) -> Image:
    """Read ``ref`` (relative to ``base_dir``) as an :class:`Image`; ``where`` names it in errors."""
    data = read_capped(Path(base_dir) / ref, MAX_IMAGE_BYTES, name=where, what=f"image '{ref}'")
    for mime, probe in (("image/png", _png_size), ("image/jpeg", _jpeg_size)):
        size = probe(data)
        if size and size[0] > 0 and size[1] > 0:
            return Image(f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}", size[0], size[1])
    raise UserError(Problem(where, 0, 0, f"image '{ref}' is not a PNG or JPEG file"))
