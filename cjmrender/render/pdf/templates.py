"""Which Jinja template a PDF uses, and the sandboxed environment it renders in.

Template overrides are opt-in (``--templates DIR``, a docs tool's setting,
or an explicit ``.html.j2`` path) and run in Jinja's immutable sandbox, so a
template from an unreviewed repository can neither run code nor change data;
its mistakes and refused operations are located user errors.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...errors import Problem, UserError
from ...resources import data_dir
from ..svg import fmt
from .views import css_string

if TYPE_CHECKING:  # pragma: no cover - typing only; Jinja is imported lazily
    import jinja2

BUILTIN_TEMPLATES = ("poster", "report", "handout")


def template_choice(template: str, templates_dir: str | None) -> tuple[list[str], str]:
    """Search path and template name for ``--template`` (a built-in name or a ``.html.j2`` path).

    Template overrides are opt-in: only the folder named by ``--templates``
    (or the docs tool's setting) and the folder of an explicit template path
    are searched before the package's own templates; a ``templates/`` folder
    beside a map is never picked up on its own.
    """
    search: list[str] = []
    if templates_dir is not None:
        if not Path(templates_dir).expanduser().is_dir():
            raise UserError(Problem(templates_dir, 0, 0, "--templates: no such folder"))
        search.append(str(Path(templates_dir).expanduser()))
    search.append(str(data_dir("templates")))
    looks_like_path = template.endswith((".j2", ".html")) or "/" in template or "\\" in template
    if looks_like_path:
        path = Path(template).expanduser()
        if not path.is_file():
            raise UserError(Problem(template, 0, 0, "template file not found"))
        return [str(path.parent), *search], path.name
    name = f"{template}.html.j2"
    if not any((Path(p) / name).is_file() for p in search):
        raise UserError(Problem("--template", 0, 0, f"no template '{template}'; built-in templates are "
                                f"{', '.join(BUILTIN_TEMPLATES)}, or give a path to a .html.j2 file"))
    return search, name


def environment(search: list[str]) -> "jinja2.Environment":
    """Sandboxed, autoescaping, strict Jinja environment over ``search`` (overrides before the package's).

    Templates may come from a repository nobody reviewed, so they run in
    Jinja's immutable sandbox: no attribute starting with ``_``, no calls that
    change data, bounded ``range``; a violation is a located user error.
    """
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment
    from markupsafe import Markup

    env = ImmutableSandboxedEnvironment(loader=jinja2.FileSystemLoader(search), autoescape=True,
                                        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                                        keep_trailing_newline=True)
    env.filters["px"] = lambda v: f"{fmt(float(v))}px"
    env.filters["num"] = lambda v: fmt(float(v))
    env.filters["css_string"] = lambda v: Markup(css_string(str(v)))  # noqa: S704 - escaped by css_string
    return env


def template_problem(exc: BaseException, name: str) -> Problem:
    """Where a template went wrong (file and line of the template, not of our code), in plain words."""
    import jinja2
    from jinja2.sandbox import SecurityError

    where, lineno = name, 0
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where, lineno = exc.filename or exc.name or name, exc.lineno or 0
    else:
        for tb in _tb_frames(exc.__traceback__):
            if tb.tb_frame.f_code.co_filename.endswith((".j2", ".css", ".html")):
                where, lineno = tb.tb_frame.f_code.co_filename, tb.tb_lineno
    kind = "not allowed in a template" if isinstance(exc, SecurityError) else "template error"
    message = getattr(exc, "message", None) or str(exc)
    return Problem(_shown(where), lineno, 0, f"{kind}: {type(exc).__name__}: {message}")


def _shown(path: str) -> str:
    """A template path as the user can find it: relative to the working folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return path


def extends_report(env: "jinja2.Environment", name: str) -> bool:
    """Whether the template is, or extends, ``report.html.j2`` (it then gets the report's page margins)."""
    import jinja2
    from jinja2 import nodes

    packaged = data_dir("templates").resolve()
    seen: set[str] = set()
    while name not in seen:
        seen.add(name)
        if name == "report.html.j2":
            return True
        try:
            source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
            if filename and Path(filename).resolve().parent == packaged:
                return False  # a built-in other than the report: no need to parse it
            parent = next(iter(env.parse(source).find_all(nodes.Extends)), None)
        except jinja2.TemplateError:
            return False
        if parent is None or not isinstance(parent.template, nodes.Const):
            return False
        name = str(parent.template.value)
    return False


def _tb_frames(tb: Any) -> Iterator[Any]:
    while tb is not None:
        yield tb
        tb = tb.tb_next
