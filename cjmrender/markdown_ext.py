"""Journey maps in Markdown pages: ```` ```journey ```` fences become inline SVG.

Two forms, both with the same optional attributes as the Sphinx directive::

    ```journey lanes="actions,emotion" alt="Booking: waiting is the low point"
    title: Booking a haircut
    stages: ...
    ```

    ```journey src="maps/haircut.yaml" theme="dark" width="1200" id-prefix="haircut"
    ```

``src`` is relative to the page (a leading ``/`` means the docs folder) and
the fence body stays empty.  Only top-level fences are read, and fences of
other languages are skipped whole, so a page can show a ```` ```journey ````
example inside a longer ```` ```` ```` fence.

This module knows nothing about any site generator; :mod:`cjmrender.mkdocs_plugin`
feeds it MkDocs pages.  Problems come back as :class:`~cjmrender.errors.UserError`
located in the page (inline YAML) or in the spec file (``src``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from .errors import Problem, UserError
from .interop import is_mermaid_journey, load_any, load_mermaid_text
from .lint import Finding
from .pipeline import FITS, RenderOptions, lane_list, render_svg_text
from .render.svg import safe_prefix
from .resources import is_theme_file
from .spec.journey import Journey
from .spec.loader import load_text

ATTRIBUTES = ("src", "theme", "lanes", "width", "layout", "fit", "alt", "id-prefix")
DOCS_FIT = "wrap"
"""In a page, a map wider than the content column wraps into rows of whole stages at full size:
every label stays readable without scrolling.  (Shrinking a 6-stage map into a 760 px column
prints 13 px text at about 7 px; scrolling shows half the journey at a time.)"""

_OPEN = re.compile(r"(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>.*)")
_ATTR = re.compile(r"""\s*([A-Za-z][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>\s*")
_TITLE = re.compile(r"(<title\b[^>]*>)(.*?)(</title>)", re.S)


def html_svg(svg: str, alt: str | None = None, fit: str = DOCS_FIT, css_class: str = "cjm-journey-map") -> str:
    """SVG document -> one-line HTML fragment: no XML declaration, ``alt`` as the accessible title.

    A map too wide for the column scrolls sideways in its wrapper (``fit``
    ``scroll`` and ``wrap``, whose rows may still hold one stage too wide), or
    was rendered to scale down with the column (``shrink``).  Shared by the
    Markdown and Sphinx integrations.
    """
    body = _XML_DECL.sub("", svg, count=1).rstrip()
    if alt:
        body = _TITLE.sub(lambda m: m.group(1) + escape(alt, quote=False) + m.group(3), body, count=1)
    style = "" if fit == "shrink" else ' style="overflow-x:auto"'
    return f'<div class="{css_class}" data-fit="{fit}"{style}>{body}</div>'


def check_fit(fit: str | None, where: Problem) -> str:
    """A ``fit`` attribute or option, checked; the docs default when not given."""
    if fit is None:
        return DOCS_FIT
    if fit not in FITS:
        raise UserError(Problem(where.file, where.line, where.col, f"fit must be {', '.join(FITS)}, got '{fit}'"))
    return fit


@dataclass
class Page:
    """What a page's fences are resolved against."""

    path: Path  # the Markdown file: named in problems, and where ``src`` is relative to
    root: Path  # where ``src="/..."`` starts (the docs folder)
    id_base: str  # ids become ``<id_base>-journey-<n>``: unique per page and across pages
    theme: str | None = None  # for fences without ``theme`` whose map names no theme of its own
    dependencies: set[Path] = field(default_factory=set)  # spec and theme files read, for live reload
    lint: bool = False  # run cjmrender lint on each map and collect its findings
    mermaid: bool = False  # also draw ```mermaid fences whose diagram is a journey
    findings: list[Finding] = field(default_factory=list)


def parse_info(info: str, where: Problem) -> dict[str, str] | None:
    """The attributes of a ```` ```journey ```` fence, or None when the fence is some other language."""
    word, _, rest = info.strip().partition(" ")
    if word != "journey":
        return None
    attrs: dict[str, str] = {}
    pos = 0
    while pos < len(rest):
        m = _ATTR.match(rest, pos)
        if not m:
            if rest[pos:].strip():
                raise UserError(Problem(where.file, where.line, where.col, f"cannot read journey attributes at "
                                        f"'{rest[pos:].strip()}'; write name=\"value\""))
            break
        name = m.group(1)
        if name not in ATTRIBUTES:
            raise UserError(Problem(where.file, where.line, where.col,
                                    f"unknown journey attribute '{name}'; use {', '.join(ATTRIBUTES)}"))
        attrs[name] = next(g for g in m.groups()[1:] if g is not None)
        pos = m.end()
    return attrs


def _resolve(page: Page, ref: str) -> Path:
    return (page.root / ref.lstrip("/")) if ref.startswith("/") else (page.path.parent / ref)


def render_fence(page: Page, attrs: dict[str, str], body: str, body_line: int, body_col: int, serial: int) -> str:
    """One fence -> HTML.  ``body_line``/``body_col``: where the body starts in the page (0-based offsets)."""
    where = Problem(str(page.path), body_line, body_col + 1, "")
    try:
        width = int(attrs["width"]) if "width" in attrs else None
    except ValueError:
        raise UserError(Problem(where.file, where.line, where.col, f"width must be a whole number of px, got "
                                f"'{attrs['width']}'")) from None
    theme, default = (_theme(page, t) for t in (attrs.get("theme"), page.theme))
    layout = attrs.get("layout")
    if layout not in (None, "swimlane", "wheel"):
        raise UserError(Problem(where.file, where.line, where.col, f"layout must be swimlane or wheel, got '{layout}'"))
    fit = check_fit(attrs.get("fit"), where)
    opts = RenderOptions(width=width, lanes=lane_list(attrs.get("lanes")), theme=theme, default_theme=default,
                         layout=layout, fit=fit,
                         id_prefix=attrs.get("id-prefix") or safe_prefix(f"{page.id_base}-journey-{serial}"))
    journey = _load(page, attrs, body, body_line, body_col, where)
    if page.lint and "mermaid" not in attrs:  # a Mermaid journey cannot hold what lint asks for
        page.findings += _lint(page, attrs, body, body_line, body_col)
    if journey.theme and journey.base_dir and Path(journey.base_dir, journey.theme).is_file():
        page.dependencies.add(Path(journey.base_dir, journey.theme))
    return html_svg(render_svg_text(journey, opts), attrs.get("alt"), fit)


def _theme(page: Page, theme: str | None) -> str | None:
    """A theme file is relative to the page, like ``src``, and a dependency of it."""
    if theme and is_theme_file(theme):
        theme = str(_resolve(page, theme))
        page.dependencies.add(Path(theme))
    return theme


def _load(page: Page, attrs: dict[str, str], body: str, body_line: int, body_col: int, where: Problem) -> Journey:
    if "mermaid" in attrs:
        return load_mermaid_text(body, str(page.path), str(page.path.parent), body_line, body_col)
    if "src" in attrs:
        if body.strip():
            raise UserError(Problem(where.file, where.line, where.col,
                                    "a journey fence takes src=\"...\" or YAML in its body, not both"))
        path = _resolve(page, attrs["src"])
        page.dependencies.add(path)
        return load_any(path)
    try:
        return load_text(body, str(page.path), base_dir=str(page.path.parent))
    except UserError as exc:
        raise exc.shifted(body_line, body_col) from None


def _lint(page: Page, attrs: dict[str, str], body: str, body_line: int, body_col: int) -> list[Finding]:
    from .lint import lint_path, lint_text, shifted

    if "src" in attrs:
        return lint_path(_resolve(page, attrs["src"]))
    return shifted(lint_text(body, str(page.path), base_dir=str(page.path.parent)), body_line, body_col)


def replace_fences(markdown: str, page: Page, emit: Callable[[str], str] | None = None) -> str:
    """``markdown`` with every top-level ```` ```journey ```` fence replaced by ``emit(html)``.

    The default ``emit`` puts the HTML on its own line between blank lines,
    where Markdown passes a raw HTML block through untouched.
    """
    emit = emit or (lambda html: f"\n{html}\n\n")
    lines = markdown.splitlines(keepends=True)
    out: list[str] = []
    i, serial = 0, 0
    while i < len(lines):
        m = _OPEN.fullmatch(lines[i].rstrip("\r\n"))
        if not m or (m["fence"][0] == "`" and "`" in m["info"]):
            out.append(lines[i])
            i += 1
            continue
        fence, indent = m["fence"], len(m["indent"])
        end = i + 1
        while end < len(lines) and not re.fullmatch(rf" {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*",
                                                   lines[end].rstrip("\r\n")):
            end += 1
        attrs = parse_info(m["info"], Problem(str(page.path), i + 1, indent + len(fence) + 1, ""))
        if attrs is None and page.mermaid and m["info"].strip() == "mermaid":
            attrs = {"mermaid": ""} if is_mermaid_journey("".join(lines[i + 1:end])) else None
        if attrs is None:
            out += lines[i:end + 1]
        else:
            body = "".join(_dedent(line, indent) for line in lines[i + 1:end])
            serial += 1
            out.append(emit(render_fence(page, attrs, body, i + 1, indent, serial)))
        i = end + 1
    return "".join(out)


def _dedent(line: str, n: int) -> str:
    """Remove up to ``n`` leading spaces: a fence indented by n spaces indents its body by as many."""
    stripped = len(line) - len(line.lstrip(" "))
    return line[min(n, stripped):]
