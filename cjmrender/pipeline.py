"""The one module that composes the stages and touches files.

``load_spec -> layout -> render_svg | render_pdf``; outputs are written
atomically (temp file in the target folder, then rename), so an interrupted
or failed render never leaves a half-written file behind.
"""

from __future__ import annotations

import os
import msgspec
from pathlib import Path

from .errors import Problem, UserError
from .resources import is_theme_file
from .safeio import read_stdin, write_atomic  # noqa: F401 - write_atomic: the writer callers import from here
from .spec.journey import Journey
from .spec.loader import load_bytes
from .spec.yamlnodes import MAX_BYTES


LAYOUTS = ("swimlane", "wheel")
FITS = ("scroll", "shrink", "wrap")
"""How a map meets a column narrower than itself: keep its size (and scroll), scale down, or wrap
runs of whole stages into rows."""
COLUMN = 760
"""The content column a wrapped map fits when no width is given: Read the Docs, Furo and MkDocs
pages hold about 700-800 px."""


class RenderOptions(msgspec.Struct, frozen=True):
    width: int | None = None
    lanes: tuple[str, ...] | None = None
    theme: str | None = None  # name or path; None = the spec's theme, else default_theme
    default_theme: str | None = None  # for maps without a theme of their own (a site-wide setting)
    layout: str | None = None  # swimlane | wheel; None = the spec's layout
    overrides: tuple[str, ...] = ()
    id_prefix: str | None = None
    embed_fonts: bool = False
    text_to_paths: bool = False
    page: str = "A3"
    orientation: str | None = None  # None: landscape, or for a wheel the one that prints it larger
    template: str = "poster"  # poster, report, handout, or a path to a .html.j2 file
    scale: float | None = None  # PNG zoom (default 2)
    dpi: float | None = None  # PNG resolution instead of scale (96 dpi = 1x)
    min_font: float | None = None  # poster: body text size to aim for, in pt (default 9)
    target: str = "screen"  # screen | slides (pptx is always slides)
    templates: str | None = None  # folder of template overrides; opt-in, never the map's own folder
    tile: bool = False  # PDF: split a map too big for the page across sheets
    strict: bool = False  # PDF: any warning from the PDF engine is an error
    fit: str = "scroll"  # scroll | shrink | wrap (see FITS); with wrap, width is the column to fit


def lane_list(text: str | None) -> tuple[str, ...] | None:
    """``"touchpoints, emotion"`` (a --lanes option or attribute) -> lane ids; None when not given."""
    return tuple(x.strip() for x in text.split(",") if x.strip()) if text else None


def _theme_for(journey: Journey, opts: RenderOptions):
    from .theme import load_theme

    name = opts.theme or journey.theme or opts.default_theme or "default"
    if opts.theme is None and journey.theme and is_theme_file(journey.theme):
        name = str(Path(journey.base_dir or ".") / journey.theme)  # the loader confined it to the map's folder
    return load_theme(name, opts.overrides)


def diagram_for(journey: Journey, opts: RenderOptions = RenderOptions()):
    """Journey -> (Diagram, Theme) for a screen canvas."""
    from .layout.engine import layout
    from .text.measure import default_measurer

    theme, options, name = _layout_inputs(journey, opts)
    if name == "wheel":
        from .layout.wheel import layout_wheel

        return layout_wheel(journey, theme.geometry, default_measurer(), options), theme
    return layout(journey, theme.geometry, default_measurer(), options), theme


def _layout_inputs(journey: Journey, opts: RenderOptions):
    """The theme and layout options ``opts`` ask for, checked."""
    from .layout.engine import Options

    theme = _theme_for(journey, opts)
    if opts.lanes is not None:
        known = {ln.id for ln in journey.lanes} | {"touchpoints", "actions", "thoughts", "emotion", "pains",
                                                    "opportunities", "owners", "metrics"}
        bad = [ln for ln in opts.lanes if ln not in known]
        if bad:
            raise UserError(Problem(journey.source_name, 0, 0, f"--lanes: unknown lane '{bad[0]}'; this map has "
                                    f"{', '.join(ln.id for ln in journey.lanes)}"))
    if opts.width is not None and not 200 <= opts.width <= 100_000:
        raise UserError(Problem("--width", 0, 0, "width must be between 200 and 100000 px"))
    name = opts.layout or journey.layout
    if name not in LAYOUTS:
        raise UserError(Problem("--layout", 0, 0, f"unknown layout '{name}'; use {' or '.join(LAYOUTS)}"))
    if opts.fit not in FITS:
        raise UserError(Problem("--fit", 0, 0, f"unknown fit '{opts.fit}'; use {', '.join(FITS)}"))
    if opts.fit == "wrap" and name == "swimlane":
        return theme, Options(opts.width, opts.lanes, _images(journey), wrap=opts.width or COLUMN), name
    return theme, Options(opts.width, opts.lanes, _images(journey)), name


def _fits_poster(journey: Journey, opts: RenderOptions) -> bool:
    """Whether the PDF gets a swimlane layout made for its page (a poster on a named paper, no fixed width,
    not tiled)."""
    swimlane = (opts.layout or journey.layout) == "swimlane"
    return (swimlane and opts.template == "poster" and opts.page.strip().lower() != "auto" and opts.width is None
            and not opts.tile and opts.fit != "wrap")


def poster_for(journey: Journey, opts: RenderOptions = RenderOptions()):
    """Journey -> PrintFit: the layout for ``opts.page`` at the wanted type size (see :mod:`.targets`)."""
    from .targets import poster_fit
    from .text.measure import default_measurer

    theme, options, _ = _layout_inputs(journey, opts)
    return poster_fit(journey, theme, default_measurer(), options, opts.page, opts.orientation or "landscape",
                      opts.min_font)


def handout_parts(journey: Journey, opts: RenderOptions) -> tuple[tuple, list[str]]:
    """A handout's pages as :class:`.render.pdf.PagePart`, and a warning for pages under the wanted type size."""
    from .handout import build_handout
    from .render.pdf import PagePart, paper
    from .targets import wanted_pt
    from .text.measure import default_measurer

    theme, options, name = _layout_inputs(journey, opts)
    if name != "swimlane":
        raise UserError(Problem("--template", 0, 0, "handout pages split the swimlane layout by stages; the wheel "
                                "is one round picture: print it with the poster template"))
    if opts.tile or opts.page.strip().lower() == "auto":
        raise UserError(Problem("--template", 0, 0, "handout pages are laid out for a paper size: use --page A4, "
                                "Letter, A3, ... without --tile"))
    want = wanted_pt(opts.min_font)
    page = paper(opts.page, opts.orientation or "portrait", handout=True)
    handout = build_handout(journey, theme, default_measurer(), options, page.content_width, page.map_height, want)
    parts = tuple(PagePart(p.diagram, p.theme, tuple(s.name for s in p.journey.stages)) for p in handout.pages)
    warnings = [f"{journey.source_name}: warning: on {page.label} page {handout.pages.index(p) + 1} prints body text "
                f"at {p.body_pt:.1f} pt, under the {want:g} pt wanted: even one stage or step of the map is too big "
                "for the page there; try --orientation portrait or a larger --page" for p in handout.short]
    return parts, warnings


def _relayout(journey: Journey, opts: RenderOptions):
    """For a report on paper: the swimlane map laid out again with some layout options changed; else None."""
    if (opts.layout or journey.layout) != "swimlane" or opts.page.strip().lower() == "auto" or opts.width:
        return None
    import msgspec

    from .layout.engine import layout
    from .text.measure import default_measurer

    theme, options, _ = _layout_inputs(journey, opts)
    return lambda **changes: layout(journey, theme.geometry, default_measurer(), msgspec.structs.replace(
        options, **changes))


def _fluid(journey: Journey, opts: RenderOptions) -> bool:
    """Whether the SVG scales with its container: ``shrink``, and ``wrap`` for a wheel, which has no rows."""
    return opts.fit == "shrink" or (opts.fit == "wrap" and (opts.layout or journey.layout) == "wheel")


def default_orientation(diagram) -> str:
    """Landscape, except for a wheel taller than it is wide: a round map fills a portrait page better."""
    tall = diagram.height > diagram.width and "journey-wheel" in diagram.root.cls.split()
    return "portrait" if tall else "landscape"


def _images(journey: Journey) -> dict:
    """Persona photos and stage pictures, read from the map's folder (the loader already confined them)."""
    refs = [p.photo for p in journey.personas if p.photo] + [s.image for s in journey.stages if s.image]
    if not refs or journey.base_dir is None:
        return {}
    from .images import load_image

    return {ref: load_image(journey.base_dir, ref, journey.source_name) for ref in dict.fromkeys(refs)}


def render_svg_text(journey: Journey, opts: RenderOptions = RenderOptions()) -> str:
    """SVG for a loaded journey (library entry point; no files touched)."""
    return render_outputs(journey, ["svg"], opts)[0][0][1].decode()


def render_pdf_bytes(journey: Journey, opts: RenderOptions = RenderOptions()) -> bytes:
    """PDF for a loaded journey (library entry point; no files touched)."""
    return render_outputs(journey, ["pdf"], opts)[0][0][1]


DRAWN = ("svg", "pdf", "png")
"""Formats drawn from the layout; the others (mermaid) are written from the map itself."""


def render_outputs(journey: Journey, formats: list[str], opts: RenderOptions = RenderOptions(),
                   prepared: tuple | None = None) -> tuple[list[tuple[str, bytes]], list[str]]:
    """Every requested format in memory (nothing written yet), plus warnings for the user.

    ``prepared`` is a (diagram, theme) pair laid out already (compare adds to the layout first).
    """
    from .render.svg import render_svg

    if opts.target == "slides":
        return _slide_outputs(journey, formats, opts)
    if "pptx" in formats and len(formats) > 1:  # the deck is slides; the other formats are the map itself
        rest, warnings = render_outputs(journey, [f for f in formats if f != "pptx"], opts, prepared)
        deck = _slide_outputs(journey, ["pptx"], opts)[0]
        return sorted(rest + deck, key=lambda out: formats.index(out[0])), warnings
    if formats == ["pptx"]:
        return _slide_outputs(journey, formats, opts)
    drawn = any(f in DRAWN for f in formats)
    diagram, theme = prepared or (diagram_for(journey, opts) if drawn else (None, None))
    prefix = opts.id_prefix or Path(journey.source_name).stem or "map"
    out: list[tuple[str, bytes]] = []
    warnings: list[str] = []
    zoom = None
    if "png" in formats:  # bad --scale/--dpi fails before anything is rendered
        from .render.png import zoom_for

        zoom = zoom_for(opts.scale, opts.dpi)
    for f in formats:
        if f not in DRAWN:
            from .interop import export

            data = export(journey, f)
        elif f == "svg":
            data = render_svg(diagram, theme, prefix, embed_fonts=opts.embed_fonts,
                              text_to_paths=opts.text_to_paths, fluid=_fluid(journey, opts)).encode()
        elif f == "png":
            from .render.png import render_png

            svg = render_svg(diagram, theme, prefix, text_to_paths=opts.text_to_paths)
            data = render_png(svg, diagram.width, diagram.height, zoom or 2.0, system_fonts=bool(diagram.missing),
                              source=journey.source_name)
        else:
            from .render.pdf import PdfOptions, render_pdf

            pdf_diagram, pdf_theme, parts = diagram, theme, None
            if opts.template == "handout":
                parts, more = handout_parts(journey, opts)
                pdf_diagram, pdf_theme = parts[0].diagram, parts[0].theme
                warnings.extend(more)
            elif _fits_poster(journey, opts):
                fit = poster_for(journey, opts)
                pdf_diagram, pdf_theme = fit.diagram, fit.theme
                warnings.extend([fit.warning] if fit.warning else [])
            pdf = render_pdf(journey, pdf_diagram, pdf_theme, prefix, PdfOptions(
                page=opts.page, orientation=opts.orientation or ("portrait" if parts else default_orientation(pdf_diagram)),
                template=opts.template, templates=opts.templates, lanes=opts.lanes, tile=opts.tile,
                strict=opts.strict), parts=parts, relayout=None if prepared or parts else _relayout(journey, opts))
            data = pdf.data
            warnings.extend(pdf.warnings)
        out.append((f, data))
    if diagram is not None and diagram.missing:
        sample = diagram.missing if len(diagram.missing) <= 12 else diagram.missing[:12] + "…"
        warnings.append(f"{journey.source_name}: warning: {len(diagram.missing)} characters are not in Arimo "
                        f"({sample}); they are drawn with the theme's fallback fonts")
    return out, warnings


def _slide_outputs(journey: Journey, formats: list[str], opts: RenderOptions
                   ) -> tuple[list[tuple[str, bytes]], list[str]]:
    """Slides: one SVG or PNG per slide (``slide-01.svg``, ...), or one PPTX deck."""
    from .slides import build_slides, deck, slide_files
    from .text.measure import default_measurer

    bad = [f for f in formats if f not in ("svg", "png", "pptx")]
    if bad:
        raise UserError(Problem("--target", 0, 0, f"slides are written as svg, png or pptx, not {bad[0]}"))
    theme, options, name = _layout_inputs(journey, opts)
    slides = build_slides(journey, theme, default_measurer(), options, name)
    prefix = opts.id_prefix or Path(journey.source_name).stem or "map"
    out: list[tuple[str, bytes]] = []
    for f in formats:
        if f == "pptx":
            out.append(("pptx", deck(journey, slides, prefix)))
        else:
            out.extend(slide_files(slides, f, prefix, opts.scale, opts.dpi))
    return out, []


def load(spec: str) -> Journey:
    """A spec path, or ``-`` for standard input."""
    if spec == "-":
        return load_bytes(read_stdin(MAX_BYTES), "<stdin>", base_dir=os.getcwd())
    from .interop import load_any

    return load_any(spec)

