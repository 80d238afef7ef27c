"""SVG -> PNG through resvg (``resvg-py``), with the bundled fonts and no browser.

resvg is a complete static SVG renderer in one native extension (import
~10 ms): it draws our SVG as Chromium does, Vietnamese included, in about
0.8 s for a 6-stage map at 2x on a 2-core machine, where a headless
browser costs ~1 s to start and ~0.5 GB.  It is given the bundled Arimo
files and skips the system's fonts, so a PNG looks the same on every
machine; only a map with characters Arimo lacks (CJK, ...) also loads the
system's fonts for them, as the SVG's fallback font stack does in a browser.
"""

from __future__ import annotations

import math

from ..errors import Problem, UserError
from ..resources import ARIMO_FILES, font_path

CSS_DPI = 96.0  # SVG user units are CSS px: 96 per inch
MAX_SCALE = 16.0
MAX_PIXELS = 120_000_000  # ~480 MB of RGBA: a bound on memory for any map and any scale


def zoom_for(scale: float | None, dpi: float | None) -> float:
    """Zoom factor from ``--scale`` or ``--dpi`` (a map's px are CSS px, 96 per inch)."""
    if dpi is not None and scale is not None:
        raise UserError(Problem("--dpi", 0, 0, "give --scale or --dpi, not both"))
    if dpi is not None:
        if not 10 <= dpi <= MAX_SCALE * CSS_DPI:
            raise UserError(Problem("--dpi", 0, 0, f"dpi must be between 10 and {MAX_SCALE * CSS_DPI:g}"))
        return dpi / CSS_DPI
    zoom = 2.0 if scale is None else scale
    if not 0.1 <= zoom <= MAX_SCALE:
        raise UserError(Problem("--scale", 0, 0, f"scale must be between 0.1 and {MAX_SCALE:g}"))
    return zoom


def render_png(svg: str, width: float, height: float, zoom: float, *, system_fonts: bool = False,
               source: str = "png") -> bytes:
    """PNG bytes of ``svg`` (whose canvas is ``width`` x ``height`` px) at ``zoom``, on white."""
    pixels = math.ceil(width * zoom) * math.ceil(height * zoom)
    if pixels > MAX_PIXELS:
        side = (MAX_PIXELS / (width * height)) ** 0.5
        raise UserError(Problem(source, 0, 0, f"PNG would be {math.ceil(width * zoom)} x {math.ceil(height * zoom)} px, "
                                f"over the {MAX_PIXELS // 1_000_000} Mpx limit; use --scale {int(side * 10) / 10:g} "
                                "or less, or SVG/PDF for a map this big"))
    import resvg_py

    fonts = [str(font_path(f)) for f in ARIMO_FILES.values()]
    data = resvg_py.svg_to_bytes(svg_string=svg, zoom=zoom, background="#ffffff",
                                 skip_system_fonts=not system_fonts, font_files=fonts,
                                 font_family="Arimo", sans_serif_family="Arimo")
    return bytes(data)
