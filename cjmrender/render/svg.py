"""Diagram -> SVG 1.1 text through svgwrite.  Draws; decides nothing.

Every number goes through :func:`fmt`; every id gets the per-map prefix so
several maps can share one HTML page; colours come from the theme's paint
roles as presentation attributes (no CSS), so office importers see them;
labels are XML-escaped by svgwrite's serialiser (markup shows as text).

svgwrite runs with ``debug=False``: its validator would check every
attribute against the SVG grammar, which costs more than drawing, and the
layout already produces only what SVG 1.1 allows.  This is the only module
that imports svgwrite; it is imported by the SVG path alone.
"""

from __future__ import annotations

import re

import svgwrite
from svgwrite.base import BaseElement, Desc, Title
from svgwrite.container import Defs, Group as G, Style, Use
from svgwrite.etree import etree
from svgwrite.image import Image
from svgwrite.masking import ClipPath
from svgwrite.path import Path as PathElement
from svgwrite.shapes import Circle as CircleElement, Rect
from svgwrite.text import Text, TSpan

from ..layout.model import Box, Circle, Diagram, Element, Group, Icon, PathShape, Picture, TextBlock, walk
from ..theme import Theme
from .icons import ICON_GRID, icon_paths


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
    """One drawing: walks the diagram once and builds the svgwrite element tree.

    Elements are made with the drawing as their factory (so they share its
    ``debug=False`` parameter) and get their attributes as already formatted
    strings; svgwrite orders, escapes and serialises them.
    """

    def __init__(self, diagram: Diagram, theme: Theme, prefix: str, *, embed_fonts: bool = False,
                 text_to_paths: bool = False) -> None:
        self.embed_fonts = embed_fonts
        self.text_to_paths = text_to_paths
        self.d = diagram
        self.paint = theme.paint
        self.prefix = safe_prefix(prefix)
        self.dwg = svgwrite.Drawing(size=(fmt(diagram.width), fmt(diagram.height)), profile="full", debug=False)
        self.defs: Defs = self.dwg.defs
        self.glyphs: dict[tuple[bool, str], str] = {}

    def pid(self, local: str) -> str:
        return f"{self.prefix}-{local}"

    def el(self, cls: type, attrs: dict[str, str], *args: object) -> BaseElement:
        """An svgwrite element of ``cls`` with ``attrs`` (SVG names, formatted values)."""
        node = cls(*args, factory=self.dwg)
        node.attribs.update(attrs)
        return node

    def run(self) -> str:
        d, dwg = self.d, self.dwg
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
        dwg.elements[:0] = [title, desc]  # before <defs>, as the first children of the root
        self._icon_defs()
        if self.embed_fonts:
            from .fonts import font_face_css

            texts = [(ln, el.bold) for el in walk(d.root) if isinstance(el, TextBlock) for ln in el.lines]
            self.defs.add(self.el(Style, {"type": "text/css"}, font_face_css(texts)))
        dwg.add(self.group(d.root))
        if not self.defs.elements:
            dwg.elements.remove(self.defs)
        return etree.tostring(dwg.get_xml(), encoding="unicode")

    def _icon_defs(self) -> None:
        """Each icon used, once: a plain ``<g>`` of 24 x 24 paths, placed by ``<use transform>``.

        Not a ``<symbol viewBox>`` scaled by the ``<use>``'s width and height:
        office importers (LibreOffice, PowerPoint) ignore that scaling and draw
        every icon at 24 px.  A transform on the ``<use>`` they all follow.
        """
        for name in sorted({el.name for el in walk(self.d.root) if isinstance(el, Icon)}):
            g = self.el(G, {"id": self.pid(f"icon-{name}"), "fill": "none", "stroke-linecap": "round",
                            "stroke-linejoin": "round"})
            for d in icon_paths(name):
                g.add(self.el(PathElement, {}, d))
            self.defs.add(g)

    def group(self, g: Group) -> BaseElement:
        attrs = {"id": self.pid(g.id), "class": g.cls}
        if g.label:
            attrs["aria-label"] = g.label
        node = self.el(G, attrs)
        add = node.elements.append  # svgwrite's add() without its (disabled) child check
        for child in g.children:
            add(self.element(child))
        return node

    def element(self, e: Element) -> BaseElement:
        if isinstance(e, Group):
            return self.group(e)
        if isinstance(e, Box):
            r = e.rect
            attrs = {"x": fmt(r.x), "y": fmt(r.y), "width": fmt(r.w), "height": fmt(r.h)}
            if e.radius:
                attrs["rx"] = fmt(e.radius)
            attrs["fill"] = self.paint.part(e.role, "fill")
            if e.stroke:
                attrs["stroke"] = self.paint.part(e.role, "stroke")
                attrs["stroke-width"] = fmt(e.stroke)
            if e.cls:
                attrs["class"] = e.cls
            return self.el(Rect, attrs)
        if isinstance(e, TextBlock):
            if self.text_to_paths:
                outlined = self._outline(e)
                if outlined is not None:
                    return outlined
            return self._text(e)
        if isinstance(e, Icon):
            k = f"{e.size / ICON_GRID:.6g}"  # a scale needs more digits than a coordinate
            return self.el(Use, {"transform": f"matrix({k} 0 0 {k} {fmt(e.x)} {fmt(e.y)})",
                                 "stroke": self.paint(e.role), "stroke-width": fmt(e.stroke),
                                 "class": f"icon icon-{e.name}"}, f"#{self.pid('icon-' + e.name)}")
        if isinstance(e, Picture):
            r = e.rect
            attrs = {"x": fmt(r.x), "y": fmt(r.y), "width": fmt(r.w), "height": fmt(r.h),
                     "preserveAspectRatio": "xMidYMid slice" if e.round else "none"}
            if e.cls:
                attrs["class"] = e.cls
            if e.round:
                clip_id = self.pid(f"clip-{len(self.defs.elements)}")
                clip = self.el(ClipPath, {"id": clip_id})
                clip.add(self.el(CircleElement, {"cx": fmt(r.x + r.w / 2), "cy": fmt(r.y + r.h / 2),
                                                 "r": fmt(min(r.w, r.h) / 2)}))
                self.defs.add(clip)
                attrs["clip-path"] = f"url(#{clip_id})"
            return self.el(Image, attrs, e.uri)
        if isinstance(e, Circle):
            attrs = {"cx": fmt(e.cx), "cy": fmt(e.cy), "r": fmt(e.r), "fill": self.paint(e.role)}
            if e.stroke:
                attrs["stroke"] = self.paint("emotion.face.stroke")
                attrs["stroke-width"] = fmt(e.stroke)
            if e.cls:
                attrs["class"] = e.cls
            return self.el(CircleElement, attrs)
        if isinstance(e, PathShape):
            color = self.paint(e.role)
            if e.stroke:
                attrs = {"fill": "none", "stroke": color, "stroke-width": fmt(e.stroke),
                         "stroke-linecap": "round", "stroke-linejoin": "round"}
                if e.dash:
                    attrs["stroke-dasharray"] = " ".join(fmt(v) for v in e.dash)
            else:
                attrs = {"fill": color}
            if e.cls:
                attrs["class"] = e.cls
            return self.el(PathElement, attrs, _path_d(e.commands))
        raise TypeError(f"cannot draw {type(e).__name__}")

    def _text(self, e: TextBlock) -> BaseElement:
        attrs = {"x": fmt(e.x)}
        if e.baselines:
            attrs["y"] = fmt(e.baselines[0])
        attrs.update({"font-size": fmt(e.size), "fill": self.paint(e.role)})
        if e.family:
            attrs["font-family"] = e.family
        if e.bold:
            attrs["font-weight"] = "bold"
        if e.anchor != "start":
            attrs["text-anchor"] = e.anchor
        if e.cls:
            attrs["class"] = e.cls
        attrs["xml:space"] = "preserve"
        if len(e.lines) == 1:
            return self.el(Text, attrs, e.lines[0])
        node = self.el(Text, attrs, "")
        for line, base in zip(e.lines, e.baselines):
            node.elements.append(self.el(TSpan, {"x": fmt(e.x), "y": fmt(base)}, line))
        return node

    def _outline(self, e: TextBlock) -> BaseElement | None:
        """Text as glyph outlines (each glyph defined once, then reused); None if a glyph is missing."""
        from .fonts import glyph_path, glyph_run, units_per_em

        runs = [glyph_run(line, e.x, e.size, e.bold, e.anchor) for line in e.lines]
        if any(r is None for r in runs):
            return None
        g = self.el(G, {"fill": self.paint(e.role), "role": "img", "aria-label": " ".join(e.lines),
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
                    self.defs.add(self.el(PathElement, {"id": gid}, d))
                g.add(self.el(Use, {"transform": f"matrix({s} 0 0 -{s} {fmt(x)} {fmt(base)})"},
                              f"#{self.glyphs[key]}"))
        return g


def render_svg(diagram: Diagram, theme: Theme, id_prefix: str = "map", *, embed_fonts: bool = False,
               text_to_paths: bool = False, fluid: bool = False) -> str:
    """SVG text for ``diagram``; byte-identical for identical input.

    ``fluid``: as wide as its container but never wider than the map (a page scales it down).
    """
    r = _Renderer(diagram, theme, id_prefix, embed_fonts=embed_fonts, text_to_paths=text_to_paths)
    if fluid:
        r.dwg.attribs.update({"width": "100%", "style": f"max-width:{fmt(diagram.width)}px;height:auto"})
        del r.dwg.attribs["height"]
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + r.run() + "\n"
