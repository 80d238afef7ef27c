"""The command line: a thin click group; each command calls the library."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import click

from . import __version__
from .errors import Problem, UserError, printable
from .outputs import plan, target as _target

FORMATS = ("svg", "pdf", "png", "pptx", "mermaid", "csv", "xlsx")


def _report(exc: UserError) -> None:
    for p in exc.problems:
        click.echo(str(p), err=True)


def _say(text: str) -> None:
    """A progress or warning line on stderr, with control characters from file names escaped."""
    click.echo(printable(text), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="cjmrender")
def cli() -> None:
    """Customer journey maps from YAML to clean SVG and printable PDF."""


@cli.command()
@click.argument("specs", nargs=-1, required=True)
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
def validate(specs: tuple[str, ...], quiet: bool) -> None:
    """Check journey map files; print every problem as file:line:col: message."""
    from .batch import expand_specs
    from .pipeline import load

    failed = 0
    for spec in expand_specs(specs):
        try:
            j = load(spec)
        except UserError as exc:
            _report(exc)
            failed += 1
            continue
        if not quiet:
            click.echo(f"{spec}: ok ({len(j.stages)} stages, {len(j.columns)} columns, {len(j.lanes)} lanes)")
    if failed:
        sys.exit(1)


@cli.command()
@click.argument("specs", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text", show_default=True,
              help="text: file:line:col lines; json; sarif (SARIF 2.1.0, for code scanning).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to a file instead of stdout.")
@click.option("--disable", multiple=True, metavar="IDS", help="Rules to skip, e.g. CJM005,CJM007.")
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option("--rules", "list_rules", is_flag=True, help="List the rules and exit.")
def lint(specs: tuple[str, ...], fmt: str, output: str | None, disable: tuple[str, ...], strict: bool,
         list_rules: bool) -> None:
    """Check journey maps for gaps: pains without opportunities, unowned ideas, missing evidence...

    Prints one finding per line; exits 1 when a map has errors (with --strict,
    warnings too).
    """
    from .lint.cli import run_lint

    sys.exit(run_lint(specs, fmt, output, disable, strict, list_rules))


@cli.command()
@click.argument("maps", nargs=-1, required=True)
@click.option("--baseline", metavar="REF", help="Compare MAP with its own version at this git revision.")
@click.option("-o", "--output", help="OUT.svg, OUT.pdf or OUT.png; with --format text, a text file.")
@click.option("--format", "fmt", type=click.Choice(["auto", "text", "svg", "pdf", "png"]), default="auto",
              show_default=True, help="text: a summary for code review; auto: from -o.")
@click.option("--width", type=int, help="Canvas width in px.")
@click.option("--theme", help="Built-in theme name or a theme YAML file.")
def compare(maps: tuple[str, ...], baseline: str | None, output: str | None, fmt: str, width: int | None,
            theme: str | None) -> None:
    """Compare CURRENT and FUTURE maps: one picture of the future with the changes marked.

    The current emotion curve is drawn dashed behind the future one; added,
    removed and changed items are marked +, \u2212 and ~.  `--baseline REF` compares
    a map with its own version at a git revision.
    """
    from .compare.cli import run_compare
    from .pipeline import RenderOptions

    sys.exit(run_compare(maps, baseline, output, fmt, RenderOptions(width=width, theme=theme)))


@cli.command()
@click.argument("survey", type=click.Path(dir_okay=False))
@click.option("--map", "spec", required=True, help="The journey map whose stages the survey answers.")
def evidence(survey: str, spec: str) -> None:
    """Print the per-stage table (n, mean, standard deviation) a survey CSV gives a map."""
    from .evidence import read_survey, stats, table
    from .pipeline import load

    journey = load(spec)
    try:
        raw = Path(survey).read_bytes()
    except OSError as exc:
        raise UserError(Problem(survey, 0, 0, f"cannot read: {exc.strerror or exc}")) from None
    click.echo(table(stats(journey, read_survey(raw, survey, journey)), journey), nl=False)


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to a file instead of stdout.")
def schema(output: str | None) -> None:
    """Print the JSON Schema of a journey map (for editors and validators)."""
    from .spec.schema import schema_json

    text = schema_json()
    if output:
        from .pipeline import write_atomic

        write_atomic(Path(output), text.encode())
    else:
        from .safeio import write_stdout

        write_stdout(text.encode())


@cli.command()
@click.argument("path", default="journey.yaml", type=click.Path(dir_okay=False))
@click.option("--preset", type=click.Choice(["4-stage", "5-stage", "aicdsl", "purchase-phases"]), default="5-stage",
              show_default=True, help="Which stage framework to start from.")
@click.option("--locale", type=click.Choice(["en", "vi"]), default="en", show_default=True)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(path: str, preset: str, locale: str, force: bool) -> None:
    """Write a starter journey map to PATH."""
    from .pipeline import write_atomic
    from .presets import starter

    target = Path(path)
    if target.exists() and not force:
        raise UserError(Problem(path, 0, 0, "already exists; use --force to overwrite"))
    write_atomic(target, starter(preset, locale).encode())
    click.echo(f"wrote {path}: edit it, then run `cjmrender render {path}`")


@cli.command("import")
@click.argument("source", type=click.Path(dir_okay=False))
@click.option("-o", "--output", help="Write the YAML map to this file. Default: standard output.")
def import_(source: str, output: str | None) -> None:
    """Turn a Mermaid journey (.mmd) or a spreadsheet grid (.csv, .xlsx) into a YAML journey map."""
    from .interop import import_file
    from .pipeline import write_atomic

    text, data = import_file(source)  # the importers check what the loader would, and locate it in SOURCE
    if not (data.get("stages") or data.get("phases")):
        click.echo(f"{source}: warning: no sections and no tasks, so the map has no stages to draw", err=True)
    if output and output != "-":
        write_atomic(Path(output), text.encode())
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


@cli.command()
def themes() -> None:
    """List the built-in themes."""
    from .theme import builtin_themes, load_theme

    for name in builtin_themes():
        click.echo(f"{name:<16} {load_theme(name).description}")


@cli.command()
@click.argument("specs", nargs=-1, required=True)
@click.option("-o", "--output", help="Output file or folder (ending in /). Default: next to each spec.")
@click.option("-f", "--format", "fmt", multiple=True, help="svg, pdf, png, or several (svg,pdf). Default: from -o, else svg.")
@click.option("--theme", help="Built-in theme name or a theme YAML file.")
def watch(specs: tuple[str, ...], output: str | None, fmt: tuple[str, ...], theme: str | None) -> None:
    """Render journey maps, then again each time one is saved; Ctrl-C stops.

    SPEC may be a file, a folder or a quoted glob.  A broken spec prints its
    problems and the last good output stays in place.
    """
    try:
        import watchfiles  # noqa: F401
    except ImportError:
        raise UserError(Problem("watch", 0, 0, "needs the watchfiles package: pip install 'cjmrender[watch]'")) from None
    import logging

    from .batch import is_batch
    from .pipeline import RenderOptions, load, render_outputs, write_atomic
    from .watch import watch_specs

    if "-" in specs or output == "-":
        raise UserError(Problem("watch", 0, 0, "'-' (stdin/stdout) cannot be watched; name spec files or folders"))
    formats = _formats(fmt, output)
    opts = RenderOptions(theme=theme)
    many = len(specs) > 1 or any(is_batch(s) for s in specs)  # -o is then a folder, even for one file

    def render_one(spec: str) -> None:
        journey = load(spec)
        results, warnings = render_outputs(journey, formats, opts)  # render everything before writing anything
        for w in warnings:
            click.echo(w, err=True)
        for f, data in results:
            target = _target(spec, output, f, many)
            write_atomic(target, data)
            click.echo(f"wrote {target}", err=True)

    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # "stopped" below already says it
    try:
        watch_specs(specs, render_one)
    except KeyboardInterrupt:  # Ctrl-C while rendering rather than while waiting
        pass
    click.echo("stopped", err=True)


def _formats(values: tuple[str, ...], output: str | None) -> list[str]:
    out: list[str] = []
    for v in values:
        for f in v.split(","):
            f = f.strip().lower()
            if f not in FORMATS:
                raise UserError(Problem("--format", 0, 0, f"unknown format '{f}'; use one of {', '.join(FORMATS)}"))
            if f not in out:
                out.append(f)
    if not out:
        suffix = Path(output).suffix.lower().lstrip(".") if output and output != "-" else ""
        suffix = {"mmd": "mermaid"}.get(suffix, suffix)
        out = [suffix if suffix in FORMATS else "svg"]
    return out


@cli.command()
@click.argument("specs", nargs=-1, required=True)
@click.option("-o", "--output", help="Output file, a folder (ending in /), or - for stdout. Default: next to the spec.")
@click.option("-f", "--format", "fmt", multiple=True,
              help="svg, pdf, png, mermaid, csv, xlsx, or several (svg,pdf). Default: from -o, else svg.")
@click.option("--width", type=int, help="Canvas width in px (columns share it). Default: the theme's column width.")
@click.option("--lanes", help="Lanes to show, in order: e.g. touchpoints,emotion,pains.")
@click.option("--theme", help="Built-in theme name or a theme YAML file.")
@click.option("--layout", "layout_name", type=click.Choice(["swimlane", "wheel"]),
              help="swimlane (lanes under the stages) or wheel (the circular experience wheel). Default: the map's "
                   "`layout`, else swimlane.")
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE", help="Override a theme key, e.g. geometry.size.body=13.")
@click.option("--id-prefix", help="Prefix for every id in the SVG. Default: the spec's file name.")
@click.option("--embed-fonts", is_flag=True, help="Embed the fonts (subset WOFF2) in the SVG.")
@click.option("--text-to-paths", is_flag=True, help="Draw text as outlines, for tools that mangle SVG text.")
@click.option("--page", default="A3", show_default=True, help="PDF paper: A4, A3, A2, A1, A0, Letter, Tabloid or auto.")
@click.option("--orientation", type=click.Choice(["landscape", "portrait"]),
              help="PDF page orientation. Default: landscape; portrait for a handout or a wheel taller than wide.")
@click.option("--template", default="poster", show_default=True, help="PDF template: poster, report, handout (pages of whole stages), or a path.")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="PDF: folder of template overrides (sandboxed). Never taken from the map's folder.")
@click.option("--tile", is_flag=True, help="PDF: split a map too big for the page across pages, with overlap and marks.")
@click.option("--strict", is_flag=True, help="PDF: fail on any warning from the PDF engine.")
@click.option("--target", "target_kind", type=click.Choice(["screen", "slides"]), default="screen", show_default=True,
              help="slides: 16:9 overview and detail slides (one SVG/PNG per slide; -f pptx is always slides).")
@click.option("--min-font", type=float, metavar="PT", help="Poster and handout: body text size to lay out for (default 9 pt; 6 pt is the floor).")
@click.option("--fit", type=click.Choice(["scroll", "shrink", "wrap"]), default="scroll", show_default=True,
              help="For a page column: scroll (the map's own size), shrink (the SVG scales down to its container) "
                   "or wrap (rows of whole stages no wider than --width, default 760 px).")
@click.option("--scale", type=float, help="PNG: pixels per SVG px (default 2).")
@click.option("--dpi", type=float, help="PNG: resolution in dots per inch instead of --scale (96 = scale 1).")
def render(specs: tuple[str, ...], output: str | None, fmt: tuple[str, ...], width: int | None, lanes: str | None,
           theme: str | None, layout_name: str | None, overrides: tuple[str, ...], id_prefix: str | None,
           embed_fonts: bool, text_to_paths: bool, page: str, orientation: str, template: str,
           templates_dir: str | None, tile: bool, strict: bool, target_kind: str, min_font: float | None, fit: str,
           scale: float | None, dpi: float | None) -> None:
    """Render journey maps (YAML, or Mermaid .mmd) to SVG, PDF, PNG or Mermaid.

    Keeps going past a broken spec, reports every problem, and exits 1 if any
    spec failed.  Nothing is written for a spec that fails.
    """
    from .batch import expand_specs, is_batch, progress
    from .pipeline import RenderOptions, lane_list, load, render_outputs, write_atomic
    from .safeio import write_stdout

    many = len(specs) > 1 or any(is_batch(s) for s in specs)  # -o is then a folder, even for one file
    specs = tuple(expand_specs(specs))
    formats = _formats(fmt, output)
    if output == "-" and (len(specs) > 1 or len(formats) > 1):
        raise UserError(Problem("-o -", 0, 0, "stdout takes one spec in one format"))
    if output == "-" and target_kind == "slides" and formats != ["pptx"]:
        raise UserError(Problem("-o -", 0, 0, "slides are one file each; write them to a folder or use -f pptx"))
    targets = plan(list(specs), output, formats, many) if output != "-" else {}
    opts = RenderOptions(width=width, lanes=lane_list(lanes), theme=theme, layout=layout_name, overrides=overrides,
                         id_prefix=id_prefix, embed_fonts=embed_fonts, text_to_paths=text_to_paths, page=page, orientation=orientation, template=template,
                         templates=templates_dir, scale=scale, dpi=dpi, min_font=min_font, target=target_kind,
                         tile=tile, strict=strict, fit=fit)
    failed = 0
    for spec in progress(specs):
        try:
            journey = load(spec)
            results, warnings = render_outputs(journey, formats, opts)
            for w in warnings:
                _say(w)
            for f, data in results:
                if output == "-":
                    write_stdout(data)
                    continue
                path = targets.get((spec, f)) or _target(spec, output, f, many)  # slides: slide-NN.<fmt> each
                write_atomic(path, data)
                _say(f"wrote {path}")
        except UserError as exc:
            _report(exc)
            failed += 1
    if failed:
        sys.exit(1)


def _terminate(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds like Ctrl-C, so a half-written temp file is removed


def main() -> None:
    """Entry point: user errors print located messages and exit 1; bugs keep their traceback."""
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    try:
        cli.main(standalone_mode=False)
    except UserError as exc:
        _report(exc)
        sys.exit(1)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(1)
    except OSError as exc:  # standard output full, closed or a closed pipe (files report their own)
        if exc.errno not in _OUTPUT_ERRORS:
            raise
        click.echo(f"cjmrender: cannot write output: {exc.strerror or exc}", err=True)
        _silence_stdout()
        sys.exit(1)


_OUTPUT_ERRORS = {errno.EPIPE, errno.ENOSPC, errno.EBADF, errno.EIO, errno.EDQUOT, errno.EFBIG}


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's own flush at exit does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass
