"""Diagram -> SVG 1.1 text.  Draws; decides nothing.

Every number goes through :func:`fmt`; every id gets the per-map prefix so
several maps can share one HTML page; colours come from the theme's paint
roles; labels are XML-escaped by ElementTree (markup shows as text).

The markup is written directly (a small element type with escaped
attributes and text) rather than with svgwrite: svgwrite builds an
ElementTree underneath, and importing it compiles its validator's regular
expressions and pulls in ``urllib``, which cost 65-120 ms of the 150 ms
budget for a cold render even with validation off; ElementTree's own
serialiser then took 40% of the time of a 200-column map.
"""

from __future__ import annotations

import re

from ..layout.model import Box, Circle, Diagram, Element, Group, Icon, PathShape, Picture, TextBlock, walk
from ..theme import Theme
from .icons import icon_paths

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"


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


_TEXT_ESC = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR_ESC = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\t": "&#9;",
                           "\r": "&#13;"})


class Node:
    """An SVG element: tag, attributes in insertion order, optional text, children."""

    __slots__ = ("tag", "attrs", "text", "children")

    def __init__(self, tag: str, attrs: dict[str, str], text: str | None = None) -> None:
        self.tag, self.attrs, self.text, self.children = tag, attrs, text, []

    def append(self, child: "Node") -> None:
        self.children.append(child)

    def __len__(self) -> int:
        return len(self.children)

    def write(self, out: list[str]) -> None:
        attrs = "".join(f' {k}="{v.translate(_ATTR_ESC)}"' for k, v in self.attrs.items())
        if self.text is None and not self.children:
            out.append(f"<{self.tag}{attrs} />")
            return
        out.append(f"<{self.tag}{attrs}>")
        if self.text is not None:
            out.append(self.text.translate(_TEXT_ESC))
        for child in self.children:
            child.write(out)
        out.append(f"</{self.tag}>")


def _el(tag: str, attrs: dict[str, str], text: str | None = None) -> Node:
    return Node(tag, attrs, text)


class _Renderer:
    def __init__(self, diagram: Diagram, theme: Theme, prefix: str, *, embed_fonts: bool = False,
                 text_to_paths: bool = False) -> None:
        self.embed_fonts = embed_fonts
        self.text_to_paths = text_to_paths
        self.d = diagram
        self.paint = theme.paint
        self.prefix = safe_prefix(prefix)
        self.defs = _el("defs", {})
        self.glyphs: dict[tuple[bool, str], str] = {}

    def pid(self, local: str) -> str:
        return f"{self.prefix}-{local}"

    def run(self) -> str:
        d = self.d
        root = _el("svg", {
            "xmlns": SVG_NS,
            "xmlns:xlink": XLINK_NS,
            "version": "1.1",
            "width": fmt(d.width),
            "height": fmt(d.height),
            "viewBox": f"0 0 {fmt(d.width)} {fmt(d.height)}",
            "role": "img",
            "aria-labelledby": f"{self.pid('title')} {self.pid('desc')}",
            "font-family": d.font_family,
            "xml:lang": d.lang,
            "class": "cjm",
            "id": self.pid("root"),
        })
        root.append(_el("title", {"id": self.pid("title")}, d.title))
        root.append(_el("desc", {"id": self.pid("desc")}, d.description))
        root.append(self.defs)
        self._icon_defs()
        if self.embed_fonts:
            from .fonts import font_face_css

            texts = [(ln, el.bold) for el in walk(d.root) if isinstance(el, TextBlock) for ln in el.lines]
            self.defs.append(_el("style", {"type": "text/css"}, font_face_css(texts)))
        root.append(self.group(d.root))
        if not len(self.defs):
            root.children.remove(self.defs)
        out: list[str] = []
        root.write(out)
        return "".join(out)

    def _icon_defs(self) -> None:
        for name in sorted({el.name for el in walk(self.d.root) if isinstance(el, Icon)}):
            sym = _el("symbol", {"id": self.pid(f"icon-{name}"), "viewBox": "0 0 24 24", "fill": "none",
                                 "stroke-linecap": "round", "stroke-linejoin": "round"})
            for d in icon_paths(name):
                sym.append(_el("path", {"d": d}))
            self.defs.append(sym)

    def group(self, g: Group) -> Node:
        attrs = {"id": self.pid(g.id), "class": g.cls}
        if g.label:
            attrs["aria-label"] = g.label
        el = _el("g", attrs)
        for child in g.children:
            el.append(self.element(child))
        return el

    def element(self, e: Element) -> Node:
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
            return _el("rect", attrs)
        if isinstance(e, TextBlock):
            if self.text_to_paths:
                outlined = self._outline(e)
                if outlined is not None:
                    return outlined
            return self._text(e)
        if isinstance(e, Icon):
            return _el("use", {"xlink:href": f"#{self.pid('icon-' + e.name)}", "x": fmt(e.x), "y": fmt(e.y),
                               "width": fmt(e.size), "height": fmt(e.size), "stroke": self.paint(e.role),
                               "stroke-width": fmt(e.stroke), "class": f"icon icon-{e.name}"})
        if isinstance(e, Picture):
            r = e.rect
            attrs = {"x": fmt(r.x), "y": fmt(r.y), "width": fmt(r.w), "height": fmt(r.h), "xlink:href": e.uri,
                     "preserveAspectRatio": "xMidYMid slice" if e.round else "none"}
            if e.cls:
                attrs["class"] = e.cls
            if not e.round:
                return _el("image", attrs)
            clip_id = self.pid(f"clip-{len(self.defs.children)}")
            clip = _el("clipPath", {"id": clip_id})
            clip.append(_el("circle", {"cx": fmt(r.x + r.w / 2), "cy": fmt(r.y + r.h / 2), "r": fmt(min(r.w, r.h) / 2)}))
            self.defs.append(clip)
            attrs["clip-path"] = f"url(#{clip_id})"
            return _el("image", attrs)
        if isinstance(e, Circle):
            attrs = {"cx": fmt(e.cx), "cy": fmt(e.cy), "r": fmt(e.r), "fill": self.paint(e.role)}
            if e.stroke:
                attrs["stroke"] = self.paint("emotion.face.stroke")
                attrs["stroke-width"] = fmt(e.stroke)
            if e.cls:
                attrs["class"] = e.cls
            return _el("circle", attrs)
        if isinstance(e, PathShape):
            attrs = {"d": _path_d(e.commands)}
            color = self.paint(e.role)
            if e.stroke:
                attrs.update({"fill": "none", "stroke": color, "stroke-width": fmt(e.stroke),
                              "stroke-linecap": "round", "stroke-linejoin": "round"})
                if e.dash:
                    attrs["stroke-dasharray"] = " ".join(fmt(v) for v in e.dash)
            else:
                attrs["fill"] = color
            if e.cls:
                attrs["class"] = e.cls
            return _el("path", attrs)
        raise TypeError(f"cannot draw {type(e).__name__}")

    def _text(self, e: TextBlock) -> Node:
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
        el = _el("text", attrs)
        if len(e.lines) == 1:
            el.text = e.lines[0]
        else:
            for line, base in zip(e.lines, e.baselines):
                el.append(_el("tspan", {"x": fmt(e.x), "y": fmt(base)}, line))
        return el

    def _outline(self, e: TextBlock) -> Node | None:
        """Text as glyph outlines (each glyph defined once, then reused); None if a glyph is missing."""
        from .fonts import glyph_path, glyph_run, units_per_em

        runs = [glyph_run(line, e.x, e.size, e.bold, e.anchor) for line in e.lines]
        if any(r is None for r in runs):
            return None
        g = _el("g", {"fill": self.paint(e.role), "role": "img", "aria-label": " ".join(e.lines),
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
                    self.defs.append(_el("path", {"d": d, "id": gid}))
                g.append(_el("use", {"xlink:href": f"#{self.glyphs[key]}",
                                     "transform": f"matrix({s} 0 0 -{s} {fmt(x)} {fmt(base)})"}))
        return g


def render_svg(diagram: Diagram, theme: Theme, id_prefix: str = "map", *, embed_fonts: bool = False,
               text_to_paths: bool = False) -> str:
    """SVG text for ``diagram``; byte-identical for identical input."""
    r = _Renderer(diagram, theme, id_prefix, embed_fonts=embed_fonts, text_to_paths=text_to_paths)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + r.run() + "\n"
