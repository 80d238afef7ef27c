"""PDF output: the map's SVG on paper through a Jinja2 HTML template and WeasyPrint.

The map itself is the SVG from :mod:`cjmrender.render.svg`, embedded in the
HTML, so it stays vector and its text stays text.  The modules, in the order
a render uses them:

- :mod:`.paper` - paper sizes, fitting and tiling (pure arithmetic);
- :mod:`.views` - what templates see: localised words, fonts, report sections;
- :mod:`.sheets` - the map drawn into each page window, with assembly marks;
- :mod:`.templates` - template choice (overrides are opt-in) and the sandbox;
- :mod:`.fetch` - what WeasyPrint may read (no network, allowed folders only);
- :mod:`.engine` - WeasyPrint's import and a per-render SVG text speed-up;
- :mod:`.output` - :func:`render_pdf`, which ties them together.

Jinja2 and WeasyPrint are imported inside the functions that need them:
``import weasyprint`` costs more than a whole SVG render.
"""

from .fetch import FetchPolicy, FetchRefused
from .output import PagePart, PdfOptions, PdfResult, render_pdf
from .paper import MAX_PAGE_PT, MIN_BODY_PT, OVERLAP_MM, PAPERS_MM, PX_PER_MM, body_pt, paper, place

__all__ = ["FetchPolicy", "FetchRefused", "MAX_PAGE_PT", "MIN_BODY_PT", "OVERLAP_MM", "PAPERS_MM", "PX_PER_MM",
           "PagePart", "PdfOptions", "PdfResult", "body_pt", "paper", "place", "render_pdf"]
