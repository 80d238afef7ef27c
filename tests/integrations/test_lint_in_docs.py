"""Lint findings in Sphinx and MkDocs build logs, when asked for, located in the spec file or the page."""

from __future__ import annotations

import logging

from tests.conftest import ROOT, need_module


def _arrive(text: str) -> tuple[int, int]:
    """1-based line and column of the inline map's stage name ("Arrive" has no touchpoint: CJM007)."""
    lines = text.splitlines()
    n = next(i for i, ln in enumerate(lines) if ln.strip() == "- name: Arrive")
    return n + 1, lines[n].index("name") + 1


def test_sphinx_logs_lint_warnings_only_when_asked(tmp_path):
    need_module("sphinx")
    from tests.integrations.test_sphinx_build import INDEX, PAGE, build

    src = tmp_path / "src"
    (src / "maps").mkdir(parents=True)
    (src / "guide").mkdir()
    (src / "maps" / "haircut.yaml").write_text((ROOT / "examples" / "minimal.yaml").read_text())
    (src / "conf.py").write_text('extensions = ["cjmrender.sphinx"]\nproject = "maps"\n')
    (src / "index.rst").write_text(INDEX)
    (src / "guide" / "page.rst").write_text(PAGE)
    _, warnings = build(src)
    assert "CJM" not in warnings
    (src / "conf.py").write_text('extensions = ["cjmrender.sphinx"]\nproject = "maps"\njourney_map_lint = True\n')
    (src / "maps" / "haircut.yaml").write_text((ROOT / "tests/lint/maps/faults.yaml").read_text())
    _, warnings = build(src, out="out2")
    line, col = _arrive(INDEX)
    assert f"{src / 'index.rst'}:{line}:{col}: WARNING: CJM007 warning: stage \"Arrive\" has no touchpoint" in warnings
    assert f"{src / 'maps' / 'haircut.yaml'}:29:13: WARNING: CJM001 warning:" in warnings
    assert warnings.count("CJM010") == 2  # haircut.yaml is shown on two pages


def test_mkdocs_logs_lint_warnings_only_when_asked(tmp_path, caplog, monkeypatch):
    need_module("mkdocs")
    from importlib.metadata import EntryPoint

    from mkdocs.config.defaults import MkDocsConfig

    from tests.integrations.test_mkdocs_build import INDEX, run

    installed = MkDocsConfig.plugins.installed_plugins
    if "cjmrender" not in installed:  # not pip-installed: stand in for the entry point, as the build tests do
        monkeypatch.setitem(installed, "cjmrender", EntryPoint(
            "cjmrender", "cjmrender.mkdocs_plugin:JourneyPlugin", "mkdocs.plugins"))

    site = tmp_path
    docs = site / "docs"
    (docs / "maps").mkdir(parents=True)
    (docs / "maps" / "haircut.yaml").write_text((ROOT / "tests/lint/maps/faults.yaml").read_text())
    (docs / "index.md").write_text(INDEX)
    (site / "mkdocs.yml").write_text("site_name: Maps\nplugins:\n  - cjmrender\n")
    with caplog.at_level(logging.WARNING):
        run(site)
    assert "CJM" not in caplog.text
    (site / "mkdocs.yml").write_text("site_name: Maps\nplugins:\n  - cjmrender:\n      lint: true\n")
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        run(site)
    line, col = _arrive(INDEX)
    assert f"{docs / 'index.md'}:{line}:{col}: CJM007 warning: stage \"Arrive\" has no touchpoint" in caplog.text
    assert f"{docs / 'maps' / 'haircut.yaml'}:29:13: CJM001 warning:" in caplog.text
