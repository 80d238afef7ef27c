"""The wheel carries themes, templates and fonts, and an installed copy finds them (not only a checkout)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    res = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                         capture_output=True, text=True, timeout=600)
    if res.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{res.stderr[-3000:]}")
    return next(out.glob("cjmrender-*.whl"))


def test_wheel_contains_the_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("cjmrender/_data/themes/default.yaml", "cjmrender/_data/themes/dark.yaml",
                     "cjmrender/_data/templates/poster.html.j2", "cjmrender/fonts/Arimo-Regular.ttf",
                     "cjmrender/fonts/OFL.txt", "cjmrender/fonts/arimo-metrics.json",
                     "cjmrender/schema/journey.schema.json", "cjmrender/render/ICONS-LICENSE.txt"):
        assert required in names, required


def test_installed_copy_renders_from_its_own_data(wheel, tmp_path):
    target = tmp_path / "site"
    res = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                          str(wheel)], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    code = ("import cjmrender, sys; from cjmrender.resources import data_dir;"
            "from cjmrender.theme import builtin_themes;"
            "assert str(data_dir('themes')).startswith(sys.argv[1]), data_dir('themes');"
            "assert str(data_dir('templates')).startswith(sys.argv[1]);"
            "assert 'dark' in builtin_themes();"
            "j = cjmrender.load_spec(sys.argv[2]); print(len(cjmrender.render_svg_text(j)))")
    env = {**os.environ, "PYTHONPATH": str(target)}
    res = subprocess.run([sys.executable, "-c", code, str(target), str(ROOT / "examples/minimal.yaml")],
                         capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert res.returncode == 0, res.stderr
    assert int(res.stdout) > 1000
