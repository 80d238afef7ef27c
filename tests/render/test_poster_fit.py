"""A poster is laid out for its page: the canvas width (and the type size against the spacing) is chosen
so the map fills the sheet with readable type, checked on the printed PDF with ``pdftotext -bbox``."""

from __future__ import annotations

import collections
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cjmrender.errors import UserError
from cjmrender.layout.target import MAX_TYPE_FACTOR, with_type_factor
from cjmrender.pipeline import RenderOptions, _fits_poster, poster_for
from cjmrender.render.pdf import paper
from cjmrender.spec.loader import load_spec
from cjmrender.theme import load_theme
from tests.conftest import ROOT, need_tool

EM_BOX = 0.905 + 0.212  # Arimo's ascent + descent per em: the height of a pdftotext word box
SHOES = ROOT / "examples" / "running-shoes.yaml"
VI = ROOT / "examples" / "vi-telesales.yaml"
SAAS = ROOT / "examples" / "saas-onboarding.yaml"


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cjmrender", *args], capture_output=True, text=True, cwd=cwd)


def printed(pdf: Path) -> dict:
    """Body (most common) and smallest word size in pt, and the share of the printable area the map's text spans."""
    need_tool("pdftotext")
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    page_w, page_h = map(float, re.search(r'<page width="([\d.]+)" height="([\d.]+)"', out).groups())
    words = [tuple(map(float, m[:4])) + (m[4],) for m in
             re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', out)]
    footer_y = max(w[1] for w in words)  # the poster's footer line sits under the map
    body = [w for w in words if w[1] < footer_y - 1]
    sizes = collections.Counter(round((w[3] - w[1]) / EM_BOX, 1) for w in body)
    margin = 10 * 72 / 25.4  # 10 mm in pt
    usable_w, usable_h = page_w - 2 * margin, page_h - 2 * margin
    return {"body": sizes.most_common(1)[0][0], "smallest": min(sizes),
            "fill_w": (max(w[2] for w in body) - min(w[0] for w in body)) / usable_w,
            "fill_h": (max(w[3] for w in body) - min(w[1] for w in body)) / usable_h}


@pytest.mark.parametrize("spec", [SHOES, VI], ids=["running-shoes", "vi-telesales"])
def test_a3_poster_prints_9_pt_body_nothing_under_7_and_fills_the_sheet(tmp_path, spec):
    res = cli("render", str(spec), "-f", "pdf", "-o", str(tmp_path / "p.pdf"), "--page", "A3", "--strict")
    assert res.returncode == 0 and "warning" not in res.stderr, res.stderr
    got = printed(tmp_path / "p.pdf")
    assert got["body"] >= 8.95 and got["smallest"] >= 7.0, got
    assert got["fill_w"] >= 0.8 and got["fill_h"] >= 0.8, got


def test_screen_layout_scaled_to_a3_would_not_do_it(tmp_path):
    """The control: the same map at its screen width prints smaller and leaves the sheet's sides empty."""
    res = cli("render", str(SHOES), "-f", "pdf", "-o", str(tmp_path / "p.pdf"), "--width", "1484")
    assert res.returncode == 0, res.stderr
    got = printed(tmp_path / "p.pdf")
    assert got["body"] < 8.5 and got["fill_w"] < 0.8, got


def test_a_page_too_small_for_9_pt_warns_with_size_reached_and_a_page_that_does(tmp_path):
    res = cli("render", str(SAAS), "-f", "pdf", "-o", str(tmp_path / "p.pdf"), "--page", "A3")
    assert res.returncode == 0, res.stderr
    m = re.search(r"saas-onboarding\.yaml: warning: on A3 landscape body text prints at ([\d.]+) pt.*--page (A\d)",
                  res.stderr)
    assert m, res.stderr
    reached, better = float(m.group(1)), m.group(2)
    assert 6 <= reached < 9 and abs(printed(tmp_path / "p.pdf")["body"] - reached) <= 0.15
    res = cli("render", str(SAAS), "-f", "pdf", "-o", str(tmp_path / "big.pdf"), "--page", better)
    assert res.returncode == 0 and "warning" not in res.stderr, res.stderr
    assert printed(tmp_path / "big.pdf")["body"] >= 8.95


def test_min_font_sets_the_aim_and_the_6_pt_floor_is_refused(tmp_path):
    res = cli("render", str(SAAS), "-f", "pdf", "-o", str(tmp_path / "p.pdf"), "--page", "A3", "--min-font", "8")
    assert res.returncode == 0 and "warning" not in res.stderr, res.stderr
    assert printed(tmp_path / "p.pdf")["body"] >= 7.95
    bad = cli("render", str(SAAS), "-f", "pdf", "-o", str(tmp_path / "q.pdf"), "--min-font", "5")
    assert bad.returncode == 1 and bad.stderr.startswith("--min-font: ") and not (tmp_path / "q.pdf").exists()


def test_fit_fills_the_page_aspect_and_grows_type_only_as_needed():
    page = paper("A3", "landscape")
    for spec in (SHOES, VI):
        fit = poster_for(load_spec(spec), RenderOptions(page="A3"))
        inset = 2 * fit.theme.geometry.space.margin
        w, h = (fit.diagram.width - inset) / page.content_width, (fit.diagram.height - inset) / page.map_height
        assert w / max(w, h) >= 0.95 and h / max(w, h) >= 0.95  # the map's shape is the page's
        assert 9 <= fit.body_pt <= 9.6
    small = poster_for(load_spec(ROOT / "examples" / "minimal.yaml"), RenderOptions(page="A3"))
    base = load_theme("default").geometry
    assert small.theme.geometry == base and small.body_pt > 9  # a small map keeps the theme's proportions


def test_type_factor_scales_text_not_spacing():
    base = load_theme("default").geometry
    big = with_type_factor(base, MAX_TYPE_FACTOR)
    assert big.size.body == pytest.approx(base.size.body * MAX_TYPE_FACTOR, abs=0.01)
    assert big.space == base.space and big.column == base.column
    e, b = big.emotion, base.emotion  # the emotion plot gives back height as type grows, down to its floor
    assert b.plot_min <= e.plot_height < b.plot_height and e.face_radius == b.face_radius


def test_only_a_poster_on_named_paper_without_a_fixed_width_is_refitted():
    journey = load_spec(SHOES)
    assert _fits_poster(journey, RenderOptions())
    for opts in (RenderOptions(width=1400), RenderOptions(tile=True), RenderOptions(page="auto"),
                 RenderOptions(template="report"), RenderOptions(layout="wheel")):
        assert not _fits_poster(journey, opts), opts
    with pytest.raises(UserError):
        poster_for(load_spec(SHOES), RenderOptions(min_font=3))
