"""PDF template overrides: opt-in only, sandboxed, autoescaped, and located when they go wrong."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cjmrender.errors import UserError
from cjmrender.pipeline import RenderOptions, render_outputs, render_pdf_bytes
from cjmrender.spec.loader import load_spec
from tests.conftest import ROOT, need_tool

pypdf = pytest.importorskip("pypdf")  # noqa: F841 - the PDF stack must be there for these tests

PAYLOAD = "{{ lipsum.__globals__['os'].popen('id > PWNED').read() }}"
MAP = "title: T\nstages: [{name: A, emotion: 3}]\n"


def pdf_text(data: bytes, tmp_path: Path) -> str:
    need_tool("pdftotext")
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True).stdout


def folder(tmp_path: Path, templates: dict[str, str], spec: str = MAP) -> Path:
    (tmp_path / "templates").mkdir()
    for name, body in templates.items():
        (tmp_path / "templates" / name).write_text(body, encoding="utf-8")
    (tmp_path / "map.yaml").write_text(spec, encoding="utf-8")
    return tmp_path / "map.yaml"


def cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cjmrender", "render", *args], capture_output=True, text=True,
                          cwd=cwd, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_a_templates_folder_beside_the_map_is_never_used_by_default(tmp_path):
    folder(tmp_path, {"poster.html.j2": "<p>OVERRIDDEN</p>" + PAYLOAD})
    res = cli(tmp_path, "map.yaml", "-f", "pdf")
    assert res.returncode == 0, res.stderr
    assert not (tmp_path / "PWNED").exists()
    assert "OVERRIDDEN" not in pdf_text((tmp_path / "map.pdf").read_bytes(), tmp_path)


def test_the_lipsum_globals_payload_is_a_located_error_and_writes_nothing(tmp_path):
    body = "{% extends '_base.html.j2' %}\n{% block body %}\n" + PAYLOAD + "\n{% endblock %}\n"
    folder(tmp_path, {"poster.html.j2": body})
    res = cli(tmp_path, "map.yaml", "-f", "pdf", "--templates", "templates")
    assert res.returncode == 1
    assert res.stderr.startswith("templates/poster.html.j2:3:"), res.stderr
    assert "not allowed in a template" in res.stderr and "Traceback" not in res.stderr
    assert not (tmp_path / "PWNED").exists() and not (tmp_path / "map.pdf").exists()


@pytest.mark.parametrize("expr", [
    "''.__class__.__mro__[1].__subclasses__()",
    "cycler.__init__.__globals__.os.system('id > PWNED')",
    "journey.__class__",
    "[].append(1)",  # the immutable sandbox refuses calls that change data
])
def test_other_escapes_are_refused_too(tmp_path, expr):
    spec = folder(tmp_path, {"x.html.j2": "<p>\n{{ " + expr + " }}</p>"})
    with pytest.raises(UserError) as exc:
        render_pdf_bytes(load_spec(spec), RenderOptions(template="x", templates=str(tmp_path / "templates")))
    assert exc.value.problems[0].file.endswith("x.html.j2") and exc.value.problems[0].line == 2
    assert not (tmp_path / "PWNED").exists()


def test_syntax_errors_name_the_template_and_line(tmp_path):
    folder(tmp_path, {"poster.html.j2": "<p>\n\n{% if %}</p>\n"})
    res = cli(tmp_path, "map.yaml", "-f", "pdf", "--templates", "templates")
    assert res.returncode == 1 and res.stderr.startswith("templates/poster.html.j2:3:"), res.stderr
    assert "Traceback" not in res.stderr and not (tmp_path / "map.pdf").exists()


def test_labels_with_markup_stay_text_in_an_override(tmp_path):
    spec = folder(tmp_path, {"poster.html.j2": "{% extends '_base.html.j2' %}{% block body %}"
                             "<p>[{{ journey.title }}]</p>{{ super() }}{% endblock %}"},
                  spec='title: "<b>bold</b> & <script>x()</script>"\nstages: [{name: A, emotion: 3}]\n')
    data = render_pdf_bytes(load_spec(spec), RenderOptions(templates=str(tmp_path / "templates")))
    assert "[<b>bold</b> & <script>x()</script>]" in " ".join(pdf_text(data, tmp_path).split())


def test_overrides_come_first_and_paths_work(tmp_path):
    body = ('{% extends "report.html.j2" %}{% block body %}<p>CUSTOM {{ journey.title }} MARK</p>{{ super() }}'
            '{% endblock %}')
    spec = folder(tmp_path, {"mine.html.j2": body}, spec=MAP.replace("T", "Mine", 1))
    elsewhere = tmp_path / "elsewhere.html.j2"
    elsewhere.write_text(body.replace("CUSTOM", "PATH"))
    journey = load_spec(spec)
    with pytest.raises(UserError, match="no template 'mine'"):  # not picked up without --templates
        render_pdf_bytes(journey, RenderOptions(template="mine"))
    for opts, word in ((RenderOptions(template="mine", templates=str(tmp_path / "templates")), "CUSTOM Mine MARK"),
                       (RenderOptions(template=str(elsewhere)), "PATH Mine MARK")):
        data = render_pdf_bytes(journey, opts)
        reader = pypdf.PdfReader(__import__("io").BytesIO(data))
        assert word in reader.pages[0].extract_text()
        assert len(reader.pages) >= 3  # extends the report: cover, map, stages


def test_template_mistakes_are_user_errors_with_a_location(tmp_path):
    spec = folder(tmp_path, {"bad.html.j2": '{% extends "poster.html.j2" %}\n{% block body %}\n'
                             '{{ no_such_thing }}\n{% endblock %}'})
    opts = RenderOptions(templates=str(tmp_path / "templates"))
    with pytest.raises(UserError) as exc:
        render_pdf_bytes(load_spec(spec), RenderOptions(template="bad", templates=opts.templates))
    problem = exc.value.problems[0]
    assert problem.file.endswith("bad.html.j2") and problem.line == 3 and "no_such_thing" in problem.message
    with pytest.raises(UserError, match="no template 'nope'; built-in templates are poster, report"):
        render_pdf_bytes(load_spec(spec), RenderOptions(template="nope", templates=opts.templates))
    with pytest.raises(UserError, match="template file not found"):
        render_pdf_bytes(load_spec(spec), RenderOptions(template=str(tmp_path / "missing.html.j2")))
    with pytest.raises(UserError, match="no such folder"):
        render_pdf_bytes(load_spec(spec), RenderOptions(templates=str(tmp_path / "nowhere")))


def test_strict_turns_engine_warnings_into_errors_and_lenient_mode_prints_them(tmp_path, capsys):
    spec = folder(tmp_path, {"odd.html.j2": '{% extends "poster.html.j2" %}{% block page_css %}{{ super() }} '
                             '.sheet { colour: red; }{% endblock %}'})
    opts = RenderOptions(template="odd", templates=str(tmp_path / "templates"))
    with pytest.raises(UserError, match="colour"):
        render_pdf_bytes(load_spec(spec), RenderOptions(template="odd", templates=opts.templates, strict=True))
    [(_, data)], warnings = render_outputs(load_spec(spec), ["pdf"], opts)
    assert data.startswith(b"%PDF-") and any("warning: PDF:" in w and "colour" in w for w in warnings)
    assert not capsys.readouterr().err  # the library returns warnings; only the CLI prints them
