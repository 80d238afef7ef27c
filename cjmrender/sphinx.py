"""Sphinx extension: the ``journey-map`` directive draws a journey map in the docs.

In ``conf.py``: ``extensions = ["cjmrender.sphinx"]``, then in a page::

    .. journey-map:: maps/checkout.yaml
       :theme: dark
       :lanes: touchpoints,emotion,pains
       :width: 1200
       :alt: Checkout journey: frustration peaks at payment

or the YAML itself as the directive body.  A path is relative to the page (a
leading ``/`` means the source folder).  ``journey_map_theme`` in ``conf.py``
sets the theme for every map without ``:theme:`` or a ``theme:`` of its own;
``journey_map_templates`` names a folder (relative to ``conf.py``) of PDF
template overrides for the LaTeX builder's PDFs, rendered in Jinja's sandbox.
Templates are never taken from a map's own folder.  A map may also be a
Mermaid ``.mmd`` file, and ``journey_map_mermaid = True`` draws every Mermaid
``journey`` written as a ``mermaid`` directive or a ``mermaid`` code block
(MyST ```` ```mermaid ```` fences) as a map; other Mermaid diagrams are left
to Mermaid.

HTML builders get the SVG inline, so its text is searchable and selectable
and it needs no extra file; every id is prefixed per page and per map
(``<docname>-journey-<n>``) so several maps, and ``singlehtml``, never clash.
LaTeX gets a PDF written next to the ``.tex`` file, or the SVG when the PDF
renderer is not available.  The SVG is rendered while the page is read, so a
broken spec stops the build right there with its ``file:line:col`` message.
"""

from __future__ import annotations

import hashlib
import importlib.util
from msgspec.structs import replace
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from cjmrender import __version__
from cjmrender.errors import UserError
from cjmrender.markdown_ext import DOCS_FIT, html_svg
from cjmrender.pipeline import FITS, RenderOptions, lane_list, render_svg_text, write_atomic
from cjmrender.render.svg import safe_prefix
from cjmrender.spec.journey import Journey
from cjmrender.interop import is_mermaid_journey, load_any, load_mermaid_text
from cjmrender.resources import is_theme_file
from cjmrender.spec.loader import load_text

logger = logging.getLogger(__name__)


class JourneyMapError(SphinxError):
    category = "journey-map error"


class journey_map(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes in lower case
    """One map: ``html`` (inline SVG, ready), ``alt``, and what a PDF is rendered from (``spec``, ``options``)."""


def render_options(options: dict[str, Any]) -> RenderOptions:
    return RenderOptions(width=options.get("width"), lanes=lane_list(options.get("lanes")), theme=options.get("theme"),
                         default_theme=options.get("default_theme"),
                         id_prefix=options.get("id_prefix"), layout=options.get("layout"),
                         fit=options.get("fit") or DOCS_FIT)


def _load(spec: dict[str, Any]) -> Journey:
    """The journey a node was read from: a file, or inline YAML whose lines are counted from the page."""
    if "path" in spec:
        return load_any(spec["path"])
    if spec.get("mermaid"):
        return load_mermaid_text(spec["text"], spec["name"], spec["base_dir"], spec["line"], spec["col"])
    try:
        return load_text(spec["text"], spec["name"], base_dir=spec["base_dir"])
    except UserError as exc:
        raise exc.shifted(spec["line"], spec["col"]) from None


def _log_lint(spec: dict[str, Any]) -> None:
    """``journey_map_lint = True``: each lint finding becomes a build warning (``-W`` makes it fail)."""
    from cjmrender.lint import lint_path, lint_text, shifted

    if "path" in spec:
        findings = lint_path(spec["path"])
    else:
        findings = shifted(lint_text(spec["text"], spec["name"], base_dir=spec["base_dir"]), spec["line"], spec["col"])
    for f in findings:
        log = logger.info if f.severity == "note" else logger.warning
        log("%s %s: %s", f.rule, f.severity, f.message, location=f"{f.file}:{f.line}:{f.col}" if f.line else f.file,
            type="journey-map", subtype="lint")


def _fail(location: str, exc: UserError) -> JourneyMapError:
    problems = "\n".join(f"  {p}" for p in exc.problems)
    return JourneyMapError(f"{location}: the journey map has problems:\n{problems}")


class JourneyMapDirective(SphinxDirective):
    """``.. journey-map:: path.yaml`` or ``.. journey-map::`` followed by the YAML."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "theme": directives.unchanged_required,
        "lanes": directives.unchanged_required,
        "width": directives.positive_int,
        "layout": lambda arg: directives.choice(arg, ("swimlane", "wheel")),
        "fit": lambda arg: directives.choice(arg, FITS),
        "alt": directives.unchanged,
        "id-prefix": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        if bool(self.arguments) == bool(self.content):
            raise self.error("journey-map takes either a spec path or inline YAML content, not both or neither")
        env = self.env
        if self.arguments:
            _, path = env.relfn2path(self.arguments[0], env.docname)
            env.note_dependency(path)
            spec: dict[str, Any] = {"path": str(path)}
        else:
            spec = self._inline()
        default = self.config.journey_map_theme  # for maps without a theme; a file is relative to the source folder
        if default and is_theme_file(default) and not Path(default).is_absolute():
            default = "/" + default
        options = {
            "width": self.options.get("width"),
            "lanes": self.options.get("lanes"),
            "layout": self.options.get("layout"),
            "fit": self.options.get("fit") or DOCS_FIT,
            "theme": self._theme(self.options.get("theme")),
            "default_theme": self._theme(default),
            "id_prefix": self.options.get("id-prefix")
            or safe_prefix(f"{env.docname}-journey-{env.new_serialno('journey-map') + 1}"),
        }
        try:
            journey = _load(spec)
            if journey.theme and journey.base_dir and Path(journey.base_dir, journey.theme).is_file():
                env.note_dependency(str(Path(journey.base_dir, journey.theme)))
            svg = render_svg_text(journey, render_options(options))
        except UserError as exc:
            raise _fail(self.get_location(), exc) from None
        if self.config.journey_map_lint and not spec.get("mermaid"):
            _log_lint(spec)
        alt = self.options.get("alt") or journey.title
        node = journey_map(html=html_svg(svg, self.options.get("alt"), options["fit"]), alt=alt, spec=spec,
                           options=options)
        self.set_source_info(node)
        return [node]

    def _theme(self, theme: str | None) -> str | None:
        """A theme given as a YAML file is relative to the page, like the spec, and a dependency too."""
        if theme and is_theme_file(theme):
            _, path = self.env.relfn2path(theme, self.env.docname)
            self.env.note_dependency(path)
            return str(path)
        return theme

    def _inline(self) -> dict[str, Any]:
        """Inline YAML, with the offsets that turn a position in it into one in the page.

        The page is the file the directive is written in (an ``.. include::``d
        file included).  docutils strips the body's indentation; it is read back
        from that file so that ``page.rst:14:9`` points at the character itself.
        """
        source, line = self.get_source_info()
        first_line = (line or 1) + self.content_offset - self.lineno  # 0-based line of the first YAML line
        col = 0
        try:
            raw = Path(source).read_text(encoding="utf-8").splitlines()[first_line]
            col = len(raw) - len(raw.lstrip()) - (len(self.content[0]) - len(self.content[0].lstrip()))
        except (OSError, IndexError, UnicodeDecodeError):
            pass
        return {"text": "\n".join(self.content) + "\n", "name": source, "base_dir": str(Path(source).parent),
                "line": first_line, "col": max(col, 0)}


# --------------------------------------------------------------------------- writers

def _visit_html(self: Any, node: journey_map) -> None:
    self.body.append(node["html"])
    raise nodes.SkipNode


def _image_file(builder: Any, node: journey_map) -> str:
    """Write the map as a PDF (or SVG without the PDF renderer) into the output; its file name.

    The name hashes the spec and options, so an unchanged map is not rendered
    again (a PDF takes about a second) and two pages showing one map share a file.
    """
    # ids do not matter inside an image; LaTeX scales the whole map to the text width
    options = {**node["options"], "id_prefix": "journey", "fit": "scroll"}
    opts = render_options(options)
    templates = builder.config.journey_map_templates  # opt-in PDF template overrides, relative to conf.py
    if templates:
        templates = str(Path(builder.confdir, templates))
        opts = replace(opts, templates=templates)
        options["templates"] = templates
    key = repr((sorted(node["spec"].items()), sorted(options.items()), __version__)).encode()
    if "path" in node["spec"]:
        try:
            key += Path(node["spec"]["path"]).read_bytes()
        except OSError:
            pass  # _load reports it
    stem = "journey-" + hashlib.sha1(key, usedforsecurity=False).hexdigest()[:16]
    folder = Path(builder.outdir) / getattr(builder, "imagedir", "")
    ext = "pdf" if importlib.util.find_spec("cjmrender.render.pdf") else "svg"
    if (folder / f"{stem}.{ext}").is_file():
        return f"{stem}.{ext}"
    journey = _load(node["spec"])
    try:
        from cjmrender.pipeline import render_pdf_bytes

        data = render_pdf_bytes(journey, replace(opts, page="auto"))
    except ImportError as exc:
        logger.warning("journey-map: no PDF renderer (%s); included the SVG instead, which LaTeX shows "
                       "only with an SVG-to-PDF converter such as sphinx.ext.imgconverter", exc,
                       location=node, once=True)
        data, ext = render_svg_text(journey, opts).encode(), "svg"
    write_atomic(folder / f"{stem}.{ext}", data)
    return f"{stem}.{ext}"


def _visit_latex(self: Any, node: journey_map) -> None:
    try:
        fname = _image_file(self.builder, node)
    except UserError as exc:
        raise _fail(f"{node.source}:{node.line}", exc) from None
    base, _, ext = fname.rpartition(".")
    self.body.append(f"\n\n\\begin{{center}}\\sphinxincludegraphics{{{{{base}}}.{ext}}}\\end{{center}}\n\n")
    raise nodes.SkipNode


def _visit_text(self: Any, node: journey_map) -> None:
    self.add_text(f"[journey map: {node['alt']}]")
    raise nodes.SkipNode


def _visit_plain(self: Any, node: journey_map) -> None:
    self.body.append(f"[journey map: {node['alt']}]")
    raise nodes.SkipNode


# --------------------------------------------------------------------------- Mermaid journeys

def _mermaid_directive(app: Sphinx, config: Any) -> None:
    """``journey_map_mermaid = True``: a ``mermaid`` directive whose diagram is a journey becomes a map.

    Other diagrams go to the ``mermaid`` directive registered before (sphinxcontrib-mermaid), or stay
    a ``mermaid`` code block when there is none.
    """
    if not config.journey_map_mermaid:
        return
    previous = directives._directives.get("mermaid")  # noqa: SLF001 - docutils keeps registrations here

    class MermaidDirective(JourneyMapDirective):
        optional_arguments = 1
        option_spec: ClassVar[dict[str, Any]] = dict(getattr(previous, "option_spec", None) or {})

        def run(self) -> list[nodes.Node]:
            text = "\n".join(self.content)
            if self.arguments or not is_mermaid_journey(text):
                if previous is not None:
                    return previous(self.name, self.arguments, self.options, self.content, self.lineno,
                                    self.content_offset, self.block_text, self.state, self.state_machine).run()
                block = nodes.literal_block(text, text, language="text", classes=["mermaid"])
                self.set_source_info(block)
                return [block]
            return super().run()

        def _inline(self) -> dict[str, Any]:
            return {**super()._inline(), "mermaid": True}

    app.add_directive("mermaid", MermaidDirective, override=True)


def _mermaid_blocks(app: Sphinx, doctree: nodes.document) -> None:
    """Code blocks in Mermaid (MyST ```` ```mermaid ```` fences, ``code-block:: mermaid``) that hold a journey."""
    if not app.config.journey_map_mermaid:
        return
    env = app.env
    for block in list(doctree.findall(nodes.literal_block)):
        text = block.astext()
        if block.get("language") != "mermaid" or not is_mermaid_journey(text):
            continue
        source = block.source or env.doc2path(env.docname)
        spec = {"text": text + "\n", "name": str(source), "base_dir": str(Path(source).parent),
                "line": block.line or 0, "col": 0, "mermaid": True}
        theme = app.config.journey_map_theme  # for maps without a theme of their own
        if theme and is_theme_file(theme) and not Path(theme).is_absolute():
            theme = str(Path(app.srcdir, theme))
        options = {"width": None, "lanes": None, "default_theme": theme,
                   "id_prefix": safe_prefix(f"{env.docname}-journey-{env.new_serialno('journey-map') + 1}")}
        try:
            journey = _load(spec)
            svg = render_svg_text(journey, render_options(options))
        except UserError as exc:
            raise _fail(f"{source}:{block.line}", exc) from None
        node = journey_map(html=html_svg(svg, fit=DOCS_FIT), alt=journey.title, spec=spec, options=options)
        node.source, node.line = block.source, block.line
        block.replace_self(node)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("journey_map_theme", None, "env", types=frozenset({str, type(None)}))
    app.add_config_value("journey_map_templates", None, "env", types=frozenset({str, type(None)}))
    app.add_config_value("journey_map_lint", False, "env", types=frozenset({bool}))
    app.add_config_value("journey_map_mermaid", False, "env", types=frozenset({bool}))
    app.connect("config-inited", _mermaid_directive)
    app.connect("doctree-read", _mermaid_blocks)
    app.add_node(journey_map, html=(_visit_html, None), latex=(_visit_latex, None), text=(_visit_text, None),
                 man=(_visit_plain, None), texinfo=(_visit_plain, None))
    app.add_directive("journey-map", JourneyMapDirective)
    return {"version": __version__, "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
