"""Journey + Diagram -> PDF: the template's context, the HTML, and WeasyPrint's verdict on it.

:func:`render_pdf` is the whole PDF path: choose the template, place the map
on paper (:mod:`.paper`), draw the sheets (:mod:`.sheets`), render the HTML in
the sandbox (:mod:`.templates`), print it through WeasyPrint with the fetch
policy (:mod:`.engine`, :mod:`.fetch`).  It returns the PDF and the warnings
for the user; it never prints.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import msgspec

from ... import __version__
from ...channels import channel_label
from ...errors import Problem, UserError
from ...layout.model import Diagram
from ...resources import data_dir
from ...spec.journey import Journey
from ...text.measure import default_measurer
from ...theme import Theme
from .engine import write_pdf
from .fetch import FetchPolicy
from .paper import Page, Placement, body_pt, paper, place
from .report_map import Relayout, map_rows, spark_uris
from .sheets import Sheet, sheets
from .templates import environment, extends_report, template_choice, template_problem
from .views import (_EXTRA, css_font_family, emotion_view, font_faces, initials, page_counter_css, sections,
                    text)


class PdfOptions(msgspec.Struct, frozen=True):
    """What the PDF path needs to know besides the map itself."""

    page: str = "A3"  # A4, A3, A2, A1, A0, Letter, Tabloid or auto
    orientation: str = "landscape"
    template: str = "poster"  # a built-in name or a path to a .html.j2 file
    templates: str | None = None  # folder of template overrides (opt-in)
    lanes: tuple[str, ...] | None = None  # the report's lanes, in order; None = the map's
    tile: bool = False  # split a map too big for the page across sheets
    strict: bool = False  # any WeasyPrint warning is an error


class PdfResult(msgspec.Struct, frozen=True):
    data: bytes
    warnings: tuple[str, ...] = ()  # ``file: warning: ...`` lines for the user


class PagePart(msgspec.Struct, frozen=True):
    """One handout page's map: a part of the journey laid out for the page (see :mod:`cjmrender.handout`)."""

    diagram: Diagram
    theme: Theme
    stages: tuple[str, ...]  # names of the stages it shows


class PageView(msgspec.Struct, frozen=True):
    """What the handout template sees of one page."""

    sheet: Sheet
    placement: Placement
    stages: tuple[str, ...]
    body_pt: float


def render_html(journey: Journey, diagram: Diagram, theme: Theme, prefix: str,
                opts: PdfOptions, parts: tuple[PagePart, ...] | None = None,
                relayout: Relayout | None = None) -> tuple[str, Path]:
    """The HTML WeasyPrint will print, and the folder of the template it came from.

    ``parts``: a handout, one map per page; ``diagram`` is then the first page's.
    ``relayout`` (the map laid out again with other layout options) lets a report print the map
    without its title and personas, in rows of stages when the page is too narrow for all of it.
    """
    from markupsafe import Markup

    base_dir = Path(journey.base_dir) if journey.base_dir else None
    search, name = template_choice(opts.template, opts.templates)
    env = environment(search)
    try:
        tpl = env.get_template(name)
    except Exception as exc:  # jinja2.TemplateError, raised lazily imported
        raise UserError(template_problem(exc, name)) from None
    inset = 2 * theme.geometry.space.margin
    report = extends_report(env, name)
    page = paper(opts.page, opts.orientation, report, (diagram.width - inset, diagram.height - inset),
                 handout=parts is not None)
    rows = map_rows(relayout, theme, page, prefix) if report and relayout is not None and not opts.tile else None
    loc = journey.locale
    views = tuple(_page_view(p, f"{prefix}-p{i}", page, loc) for i, p in enumerate(parts or (), 1))
    placement = views[0].placement if views else (place(diagram, theme, page, opts.tile) if rows is None else None)
    pages_pt = [v.body_pt for v in views] or [body_pt(theme, placement.scale if rows is None else rows.scale)]
    ctx = {
        "journey": journey,
        "meta": {
            "title": journey.title,
            "subject": journey.goal or journey.scenario or "",
            "author": journey.author,
            "lang": loc,
            "generator": f"cjmrender {__version__}",
        },
        "page": page,
        "placement": placement,
        "sheets": tuple(v.sheet for v in views) or (sheets(diagram, theme, prefix, placement, page, loc)
                                                     if placement else ()),
        "pages": views,
        "map_rows": rows.rows if rows else (),
        "sparks": spark_uris(journey, theme, default_measurer(), prefix) if report else (),
        "c": theme.paint,  # role -> colour, as the SVG renderer paints
        "font_family": Markup(css_font_family(theme.geometry.font_family)),  # noqa: S704 - sanitised names
        "fonts": font_faces(),
        "state": text(loc, f"state.{journey.state}") if journey.state else "",
        "sections": sections(journey, opts.lanes),
        "t": lambda key, **kw: text(loc, key, **kw),
        "channel_name": lambda ch: channel_label(ch, loc),
        "emotion": lambda p: emotion_view(p, journey.scale, theme, loc),
        "body_pt": min(pages_pt),
        "footer_pt": min(max(min(pages_pt) * 0.85, 7.5 * page.type_scale), 11 * page.type_scale),
        "page_counter": Markup(page_counter_css(loc)),  # noqa: S704 - built from css_string pieces
        "fact_label": lambda key: text(loc, f"fact.{key}") if f"fact.{key}" in _EXTRA["en"] else key.capitalize(),
        "initials": initials,
        "photo_url": lambda ref: (base_dir / ref).resolve().as_uri() if base_dir and ref else None,
    }
    try:
        html = tpl.render(ctx)
    except UserError:
        raise
    except Exception as exc:  # a custom template's mistake or a sandbox violation: say where, no traceback
        raise UserError(template_problem(exc, name)) from None
    return html, Path(search[0]).resolve()


def _page_view(part: PagePart, prefix: str, page: Page, locale: str) -> PageView:
    """A handout page: its map fitted like a poster, but top-aligned so consecutive pages' lanes line up."""
    placement = dataclasses.replace(place(part.diagram, part.theme, page, False), top=0.0)
    [sheet] = sheets(part.diagram, part.theme, prefix, placement, page, locale)
    return PageView(sheet, placement, part.stages, body_pt(part.theme, placement.scale))


def render_pdf(journey: Journey, diagram: Diagram, theme: Theme, prefix: str, opts: PdfOptions = PdfOptions(), *,
               fetched: list[str] | None = None, parts: tuple[PagePart, ...] | None = None,
               relayout: Relayout | None = None) -> PdfResult:
    """PDF bytes for one map through the chosen template, and the warnings to show.

    ``fetched`` (optional) receives every URL WeasyPrint asked for, so callers
    can prove what was read.  Raises :class:`UserError` for a page too small to
    print legibly, a refused URL, an image WeasyPrint could not load, a
    template mistake, or (with ``strict``) any other WeasyPrint warning.
    ``parts``: a handout's pages, each with its own map (``diagram`` is the first page's).
    ``relayout``: see :func:`render_html`.
    """
    html, template_dir = render_html(journey, diagram, theme, prefix, opts, parts, relayout)
    base_dir = Path(journey.base_dir).resolve() if journey.base_dir else None
    roots = tuple(p for p in (base_dir, data_dir("templates").resolve(), template_dir) if p is not None)
    fonts = tuple(Path(url2pathname(urlsplit(f.url).path)) for f in font_faces())
    policy = FetchPolicy(roots, fonts)
    base_url = (base_dir or data_dir("templates").resolve()).as_uri() + "/"
    try:
        pdf, records = write_pdf(html, base_url, policy)
    finally:
        if fetched is not None:
            fetched.extend(policy.requested)
    where = journey.source_name
    if policy.refused:
        raise UserError([Problem(where, 0, 0, f"PDF: {short_uris(reason)}") for _, reason in policy.refused])
    failed = [r for r in records if _image_failed(r)]
    if failed:  # a map or picture missing from the PDF is not a PDF worth writing
        raise UserError([Problem(where, 0, 0, f"PDF: {short_uris(r.getMessage())}") for r in failed])
    messages = list(dict.fromkeys(short_uris(r.getMessage()) for r in records))
    if messages and opts.strict:
        raise UserError([Problem(where, 0, 0, f"PDF: {m}") for m in messages])
    return PdfResult(pdf, tuple(f"{where}: warning: PDF: {m}" for m in messages))


def _image_failed(record: logging.LogRecord) -> bool:
    """WeasyPrint's report of an image it could not read or decode (it then leaves the image out)."""
    return str(record.msg).lower().startswith(("failed to load image", "failed to render svg image"))


_DATA_URI = re.compile(r"data:([\w.+-]+/[\w.+-]+)?[^\s'\"<>)]*")


def short_uris(message: str) -> str:
    """``message`` with every ``data:`` URI cut to its media type and size: a warning is not a hex dump."""
    return _DATA_URI.sub(lambda m: f"data:{m.group(1) or ''}… ({len(m.group(0)):,} characters)", message)
