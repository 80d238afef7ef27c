"""Slides -> a PPTX deck with python-pptx: title slide, overview, detail slides, speaker notes.

Each map slide is one full-slide picture: the SVG as the picture (Office's
``asvg:svgBlip`` extension, drawn as vector by PowerPoint 2016+, Keynote and
Google Slides) with a PNG of the same slide as the fallback every other
reader (LibreOffice, older Office) draws.  python-pptx is imported only here.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

SVG_EXT_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
ASVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
EMU_PER_PX = 6350  # 914400 EMU per inch / 144: a 1920 x 1080 slide is 13.333 x 7.5 in, PowerPoint's 16:9


class DeckSlide:
    """What the deck needs of one map slide: SVG and PNG bytes and the speaker notes."""

    __slots__ = ("svg", "png", "notes", "name")

    def __init__(self, svg: bytes, png: bytes, notes: str, name: str) -> None:
        self.svg, self.png, self.notes, self.name = svg, png, notes, name


def render_pptx(title: str, subtitle: str, persona: str, slides: Sequence[DeckSlide], width_px: int,
                height_px: int, meta: dict[str, str]) -> bytes:
    """PPTX bytes: a title slide, then one picture slide per entry of ``slides``."""
    try:
        from pptx import Presentation
        from pptx.util import Emu, Pt
    except ImportError:
        from ..errors import Problem, UserError

        raise UserError(Problem("-f pptx", 0, 0, "needs the python-pptx package: pip install 'cjmrender[pptx]'")) from None

    from ..stable import stable_zip, stamp

    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(width_px * EMU_PER_PX), Emu(height_px * EMU_PER_PX)
    core = prs.core_properties
    core.title, core.subject, core.author = title, meta.get("subject", ""), meta.get("author", "")
    core.keywords, core.comments = "customer journey map", meta.get("generator", "")
    core.language = meta.get("lang", "")
    core.revision = 1
    core.last_modified_by = meta.get("generator", "")
    when = stamp(meta.get("date"))
    core.created = core.modified = when.replace(tzinfo=None)
    first = prs.slides.add_slide(prs.slide_layouts[0])  # "Title Slide"
    first.shapes.title.text = title
    body = first.placeholders[1].text_frame
    body.text = subtitle
    if persona:
        p = body.add_paragraph()
        p.text = persona
        p.font.size = Pt(16)
    blank = prs.slide_layouts[6]
    for s in slides:
        slide = prs.slides.add_slide(blank)
        pic = slide.shapes.add_picture(io.BytesIO(s.png), 0, 0, prs.slide_width, prs.slide_height)
        pic.name = s.name
        _add_svg(slide, pic, s.svg)
        if s.notes:
            slide.notes_slide.notes_text_frame.text = s.notes
    out = io.BytesIO()
    prs.save(out)
    return stable_zip(out.getvalue(), when)


def _add_svg(slide, pic, svg: bytes) -> None:  # noqa: ANN001 - python-pptx objects
    """Attach ``svg`` to the picture as its vector image; the PNG stays as the fallback."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    package = slide.part.package
    partname = package.next_partname("/ppt/media/image%d.svg")
    part = Part(PackURI(str(partname)), "image/svg+xml", package, svg)
    rid = slide.part.relate_to(part, RT.IMAGE)
    blip = pic._element.blipFill.blip  # noqa: SLF001 - python-pptx has no API for svgBlip yet
    a_ns = blip.nsmap.get("a", "http://schemas.openxmlformats.org/drawingml/2006/main")
    r_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ext_lst = etree.SubElement(blip, f"{{{a_ns}}}extLst")
    ext = etree.SubElement(ext_lst, f"{{{a_ns}}}ext", uri=SVG_EXT_URI)
    svg_blip = etree.SubElement(ext, f"{{{ASVG_NS}}}svgBlip", nsmap={"asvg": ASVG_NS})
    svg_blip.set(f"{{{r_ns}}}embed", rid)
