"""``fit: wrap``: a map wider than a page column becomes rows of whole stages that fit it.

Each row repeats the lane titles and its stages' headers; pain numbers and the
lowest and highest moments stay the whole map's; the curve leaves and enters
each row with a stub; nothing is lost or repeated.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from cjmrender.layout.model import Group, PathShape, TextBlock, walk
from cjmrender.pipeline import RenderOptions, diagram_for, render_svg_text
from cjmrender.spec.loader import load_spec, load_text
from tests.conftest import EXAMPLES, SVGCHECK, need_tool

SWIMLANE = [p for p in EXAMPLES if "layout: wheel" not in p.read_text(encoding="utf-8")]
COLUMNS = (560, 760, 1000)


def rows_of(diagram) -> list[Group]:
    return [el for el in diagram.root.children if isinstance(el, Group) and el.cls == "row"]


def texts(el) -> list[str]:
    return [" ".join(t.lines) for t in walk(el) if isinstance(t, TextBlock)]


def by_cls(el, cls: str) -> list:
    return [e for e in walk(el) if cls in getattr(e, "cls", "").split()]


@pytest.mark.parametrize("path", SWIMLANE, ids=lambda p: p.stem)
@pytest.mark.parametrize("column", COLUMNS)
def test_rows_fit_the_column_and_hold_every_stage_once(path, column):
    journey = load_spec(path)
    diagram, _ = diagram_for(journey, RenderOptions(fit="wrap", width=column))
    rows = rows_of(diagram)
    if not rows:  # every stage fits in one row: the map as it is, drawn at the column's width
        assert diagram.width == column
        return
    assert len(rows) >= 2
    stage_headers = [t for r in rows for t in texts(Group("x", "x", tuple(by_cls(r, "stage"))))]
    for stage in journey.stages:
        assert sum(stage.name in t for t in stage_headers) == 1, stage.name
    lane_titles = Counter(t for r in rows for t in texts(Group("x", "x", tuple(by_cls(r, "lane-title")))))
    assert lane_titles and set(lane_titles.values()) == {len(rows)}, "every row repeats every lane title"
    for row in rows:  # a row wider than the column holds a single stage (too wide on its own)
        right = max(e.rect.right for e in walk(row) if hasattr(e, "rect"))
        names = [s.name for s in journey.stages if any(s.name in t for t in texts(row))]
        assert right <= column or len(names) == 1, (right, names)


@pytest.mark.parametrize("path", SWIMLANE, ids=lambda p: p.stem)
def test_pain_numbers_and_extremes_are_the_whole_maps(path):
    journey = load_spec(path)
    whole, _ = diagram_for(journey)
    wrapped, _ = diagram_for(journey, RenderOptions(fit="wrap", width=560))

    def badges(d) -> list[str]:
        return sorted(t for t in texts(d.root) if re.fullmatch(r"P\d+", t))

    def marks(d) -> list[str]:
        return sorted(e.cls for e in walk(d.root) if isinstance(e, PathShape) and e.cls.startswith("callout"))

    assert badges(wrapped) == badges(whole)
    assert marks(wrapped) == marks(whole)


def test_ids_stay_unique_and_grid_lines_up():
    journey = load_spec(next(p for p in SWIMLANE if p.stem == "running-shoes"))
    assert len(rows_of(diagram_for(journey, RenderOptions(fit="wrap", width=760))[0])) == 2
    svg = render_svg_text(journey, RenderOptions(fit="wrap", width=760))
    ids = re.findall(r' id="([^"]+)"', svg)
    assert len(ids) == len(set(ids))
    diagram, _ = diagram_for(journey, RenderOptions(fit="wrap", width=760))
    rows = rows_of(diagram)
    boxes = [[g.children[0].rect for g in by_cls(r, "stage")] for r in rows]
    lefts = {min(b.x for b in row) for row in boxes}
    widths = {round(b.w) for row in boxes for b in row}
    assert len(lefts) == 1, "every row starts at the same x"
    assert max(widths) - min(widths) <= 1, "stages keep one width from row to row"


MAP = """\
title: Stubs
stages:
{}
"""


def test_the_curve_leaves_and_enters_each_row_towards_its_neighbour():
    scores = [1, 5, 2, 4, 3, 5]
    stages = "\n".join(f"  - name: Stage number {i}\n    emotion: {s}\n    actions: [Does thing {i}]"
                       for i, s in enumerate(scores))
    journey = load_text(MAP.format(stages), "stubs.yaml")
    diagram, _ = diagram_for(journey, RenderOptions(fit="wrap", width=560))
    rows = rows_of(diagram)
    assert len(rows) >= 3
    shown = 0
    for k, row in enumerate(rows):
        entry, exit_ = by_cls(row, "entry"), by_cls(row, "exit")
        assert len(entry) == (k > 0) and len(exit_) == (k < len(rows) - 1)
        faces = [e for e in walk(row) if isinstance(e, Group) and e.id.startswith("face-")]
        shown += len(faces)
        if exit_:  # the exit heads for the next row's first score: up when it is higher
            (_, x0, y0), (_, x1, y1) = exit_[0].commands
            assert exit_[0].dash and x1 > x0
            assert (y1 < y0) == (scores[shown] > scores[shown - 1])
        if entry:
            (_, x0, y0), (_, x1, y1) = entry[0].commands
            assert x1 < x0 and (y1 < y0) == (scores[shown - len(faces) - 1] > scores[shown - len(faces)])
    assert shown == len(scores)


def test_a_map_that_fits_is_drawn_as_without_wrap():
    journey = load_spec(next(p for p in SWIMLANE if p.stem == "minimal"))
    assert render_svg_text(journey, RenderOptions(fit="wrap")) == render_svg_text(journey)


def test_shrink_makes_the_svg_scale_with_its_container():
    journey = load_spec(next(p for p in SWIMLANE if p.stem == "minimal"))
    root = ET.fromstring(render_svg_text(journey, RenderOptions(fit="shrink")).encode())
    assert root.get("width") == "100%" and root.get("height") is None
    assert re.fullmatch(r"max-width:[\d.]+px;height:auto", root.get("style"))


def test_a_wheel_cannot_wrap_and_shrinks_instead():
    wheel = next(p for p in EXAMPLES if "layout: wheel" in p.read_text(encoding="utf-8"))
    root = ET.fromstring(render_svg_text(load_spec(wheel), RenderOptions(fit="wrap", width=560)).encode())
    assert root.get("width") == "100%"


def test_wrapped_maps_draw_cleanly_in_a_browser(tmp_path):
    need_tool("svgcheck")
    files = []
    for path in SWIMLANE:
        for column in (560, 760):
            out = tmp_path / f"{path.stem}-{column}.svg"
            out.write_text(render_svg_text(load_spec(path), RenderOptions(fit="wrap", width=column)), encoding="utf-8")
            files.append(out)
    res = subprocess.run([sys.executable, str(SVGCHECK), *map(str, files)], capture_output=True, text=True,
                         timeout=600)
    assert res.returncode == 0, res.stdout[-4000:] + res.stderr[-2000:]


def test_markdown_fences_take_fit_and_locate_a_bad_one(tmp_path):
    from cjmrender.errors import UserError
    from cjmrender.markdown_ext import Page, render_fence

    (tmp_path / "shoes.yaml").write_text(next(p for p in SWIMLANE if p.stem == "running-shoes").read_text())
    page = Page(path=tmp_path / "page.md", root=tmp_path, id_base="page")
    wrapped = render_fence(page, {"src": "shoes.yaml"}, "", 3, 0, 1)
    assert 'data-fit="wrap" style="overflow-x:auto"' in wrapped and 'class="row"' in wrapped
    shrunk = render_fence(page, {"src": "shoes.yaml", "fit": "shrink"}, "", 3, 0, 2)
    assert 'data-fit="shrink">' in shrunk and 'width="100%"' in shrunk and 'class="row"' not in shrunk
    with pytest.raises(UserError) as err:
        render_fence(page, {"src": "shoes.yaml", "fit": "sideways"}, "", 7, 2, 3)
    problem = err.value.problems[0]
    assert (problem.file, problem.line) == (str(page.path), 7) and "sideways" in problem.message


def test_cli_fit_wraps_to_the_width(tmp_path):
    from click.testing import CliRunner

    from cjmrender.cli import cli

    out = tmp_path / "m.svg"
    spec = next(p for p in SWIMLANE if p.stem == "running-shoes")
    res = CliRunner().invoke(cli, ["render", str(spec), "--fit", "wrap", "--width", "700", "-o", str(out)])
    assert res.exit_code == 0, res.output
    root = ET.fromstring(out.read_bytes())
    assert float(root.get("width")) <= 700 and root.find(".//{http://www.w3.org/2000/svg}g[@class='row']") is not None
