"""Diagram -> SVG 1.1 text with svgwrite.  Draws; decides nothing.

Every number goes through :func:`fmt`; every id gets the per-map prefix so
several maps can share one HTML page; colours come from the theme's paint
roles; labels are XML-escaped by svgwrite (markup shows as text).
"""

from __future__ import annotations

import re

import svgwrite
from svgwrite.base import Desc, Title
from svgwrite.container import Group as SvgGroup

from ..layout.model import Box, Circle, Diagram, Element, Group, Icon, Path, TextBlock, walk
from ..theme import Theme
from .icons import icon_paths


def fmt(x: float) -> str:
    """The one number formatter: at most two decimals, no trailing zeros, no ``-0``."""
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def safe_prefix(prefix: str) -> str:
    """A valid XML id prefix from any text (file names included)."""
    p = re.sub(r"[^A-Za-z0-9_-]+", "-", prefix).strip("-") or "map"
    return p if p[0].isalpha() else f"m-{p}"


def _path_d(commands: tuple[tuple[object, ...], ...]) -> str:
    out = []
    for cmd in commands:
        out.append(str(cmd[0]) + " ".join(fmt(float(v)) for v in cmd[1:]))  # type: ignore[arg-type]
    return " ".join(out)


class _Renderer:
    def __init__(self, diagram: Diagram, theme: Theme, prefix: str, *, embed_fonts: bool = False,
                 text_to_paths: bool = False) -> None:
        self.embed_fonts = embed_fonts
        self.text_to_paths = text_to_paths
        self.d = diagram
        self.paint = theme.paint
        self.prefix = safe_prefix(prefix)
        self.dwg = svgwrite.Drawing(size=(fmt(diagram.width), fmt(diagram.height)), profile="full", debug=False)
        self.glyphs: dict[tuple[bool, str], str] = {}

    def pid(self, local: str) -> str:
        return f"{self.prefix}-{local}"

    def run(self) -> str:
        dwg, d = self.dwg, self.d
        dwg.attribs.update({
            "viewBox": f"0 0 {fmt(d.width)} {fmt(d.height)}",
            "role": "img",
            "aria-labelledby": f"{self.pid('title')} {self.pid('desc')}",
            "font-family": d.font_family,
            "xml:lang": d.lang,
            "class": "cjm",
            "id": self.pid("root"),
        })
        title, desc = Title(d.title), Desc(d.description)
        title.xml.set("id", self.pid("title"))
        desc.xml.set("id", self.pid("desc"))
        dwg.elements[:0] = [title, desc]
        self._icon_defs()
        if self.embed_fonts:
            from .fonts import font_face_css

            texts = [(ln, el.bold) for el in walk(d.root) if isinstance(el, TextBlock) for ln in el.lines]
            dwg.defs.add(dwg.style(font_face_css(texts)))
        dwg.add(self.group(d.root))
        return dwg.tostring()

    def _icon_defs(self) -> None:
        names = sorted({el.name for el in walk(self.d.root) if isinstance(el, Icon)})
        if not names:
            return
        defs = self.dwg.defs
        for name in names:
            sym = self.dwg.symbol(id=self.pid(f"icon-{name}"), viewBox="0 0 24 24")
            for d in icon_paths(name):
                sym.add(self.dwg.path(d=d))
            sym.attribs.update({"fill": "none", "stroke-linecap": "round", "stroke-linejoin": "round"})
            defs.add(sym)

    def group(self, g: Group) -> SvgGroup:
        el = self.dwg.g(id=self.pid(g.id))
        el.attribs["class"] = g.cls
        if g.label:
            el.attribs["aria-label"] = g.label
        for child in g.children:
            el.add(self.element(child))
        return el

    def element(self, e: Element):  # noqa: ANN201 - svgwrite has no common base type worth naming
        dwg = self.dwg
        if isinstance(e, Group):
            return self.group(e)
        if isinstance(e, Box):
            r = e.rect
            el = dwg.rect(insert=(fmt(r.x), fmt(r.y)), size=(fmt(r.w), fmt(r.h)))
            if e.radius:
                el.attribs["rx"] = fmt(e.radius)
            el.attribs["fill"] = self.paint.part(e.role, "fill")
            if e.stroke:
                el.attribs["stroke"] = self.paint.part(e.role, "stroke")
                el.attribs["stroke-width"] = fmt(e.stroke)
            if e.cls:
                el.attribs["class"] = e.cls
            return el
        if isinstance(e, TextBlock) and self.text_to_paths:
            outlined = self._outline(e)
            if outlined is not None:
                return outlined
        if isinstance(e, TextBlock):
            el = dwg.text("", x=[fmt(e.x)], y=[fmt(e.baselines[0])] if e.baselines else None)
            el.attribs.update({"font-size": fmt(e.size), "fill": self.paint(e.role)})
            if e.bold:
                el.attribs["font-weight"] = "bold"
            if e.anchor != "start":
                el.attribs["text-anchor"] = e.anchor
            if e.cls:
                el.attribs["class"] = e.cls
            if len(e.lines) == 1:
                el.text = e.lines[0]
            else:
                for line, base in zip(e.lines, e.baselines):
                    el.add(dwg.tspan(line, x=[fmt(e.x)], y=[fmt(base)]))
            el.attribs["xml:space"] = "preserve"
            return el
        if isinstance(e, Icon):
            scale = e.size / 24
            el = dwg.use(f"#{self.pid('icon-' + e.name)}", insert=(fmt(e.x), fmt(e.y)),
                         size=(fmt(e.size), fmt(e.size)))
            el.attribs.update({"stroke": self.paint(e.role), "stroke-width": fmt(e.stroke),
                               "class": f"icon icon-{e.name}"})
            del scale
            return el
        if isinstance(e, Circle):
            el = dwg.circle(center=(fmt(e.cx), fmt(e.cy)), r=fmt(e.r))
            el.attribs["fill"] = self.paint(e.role)
            if e.stroke:
                el.attribs["stroke"] = self.paint("emotion.face.stroke")
                el.attribs["stroke-width"] = fmt(e.stroke)
            if e.cls:
                el.attribs["class"] = e.cls
            return el
        if isinstance(e, Path):
            el = dwg.path(d=_path_d(e.commands))
            color = self.paint(e.role)
            if e.stroke:
                el.attribs.update({"fill": "none", "stroke": color, "stroke-width": fmt(e.stroke),
                                   "stroke-linecap": "round", "stroke-linejoin": "round"})
                if e.dash:
                    el.attribs["stroke-dasharray"] = " ".join(fmt(v) for v in e.dash)
            else:
                el.attribs["fill"] = color
            if e.cls:
                el.attribs["class"] = e.cls
            return el
        raise TypeError(f"cannot draw {type(e).__name__}")


    def _outline(self, e: TextBlock):  # noqa: ANN202
        """Text as glyph outlines (each glyph defined once, then reused); None if a glyph is missing."""
        from .fonts import glyph_path, glyph_run, units_per_em

        runs = [glyph_run(line, e.x, e.size, e.bold, e.anchor) for line in e.lines]
        if any(r is None for r in runs):
            return None
        g = self.dwg.g()
        g.attribs.update({"fill": self.paint(e.role), "role": "img", "aria-label": " ".join(e.lines),
                          "class": ("text " + e.cls).strip()})
        s = f"{e.size / units_per_em(e.bold):.6g}"  # a scale needs more digits than a coordinate
        for run, base in zip(runs, e.baselines):
            for name, x in run or ():
                key = (e.bold, name)
                if key not in self.glyphs:
                    d = glyph_path(name, e.bold, fmt)
                    if not d:
                        continue  # spaces and other blank glyphs
                    gid = self.pid(f"glyph-{'b' if e.bold else 'r'}-{len(self.glyphs)}")
                    self.glyphs[key] = gid
                    self.dwg.defs.add(self.dwg.path(d=d, id=gid))
                use = self.dwg.use(f"#{self.glyphs[key]}")
                use.attribs["transform"] = f"matrix({s} 0 0 -{s} {fmt(x)} {fmt(base)})"
                g.add(use)
        return g


def render_svg(diagram: Diagram, theme: Theme, id_prefix: str = "map", *, embed_fonts: bool = False,
               text_to_paths: bool = False) -> str:
    """SVG text for ``diagram``; byte-identical for identical input."""
    r = _Renderer(diagram, theme, id_prefix, embed_fonts=embed_fonts, text_to_paths=text_to_paths)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + r.run() + "\n"
